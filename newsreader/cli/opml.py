"""``newsreader opml import FILE`` and ``newsreader opml export [-o FILE]``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from newsreader.core.i18n import Translator
    from newsreader.core.sources.registry import Registry

SKIPS_SHOWN = 10
"""Skipped outlines listed one a line; the rest are counted in one more line."""


def add_opml_parser(
    sub: argparse._SubParsersAction[argparse.ArgumentParser],
    common: argparse.ArgumentParser,
    tr: Translator,
) -> None:
    """Add ``opml import FILE`` and ``opml export [-o FILE]`` to the command's parser."""
    p = sub.add_parser("opml", parents=[common], help=tr("cli.help.cmd.opml"))
    actions = p.add_subparsers(dest="opml_action", metavar="ACTION", required=True)
    imp = actions.add_parser("import", parents=[common], help=tr("cli.help.opml_import"))
    imp.add_argument("file", metavar="FILE", type=Path, help=tr("cli.help.opml_file"))
    exp = actions.add_parser("export", parents=[common], help=tr("cli.help.opml_export"))
    exp.add_argument("-o", "--output", metavar="FILE", type=Path, help=tr("cli.help.opml_output"))


def _warn(message: str) -> None:
    print(f"newsreader: {message}", file=sys.stderr)


def run_opml(args: argparse.Namespace, registry: Registry, tr: Translator) -> int:
    """Run ``opml import`` or ``opml export``; return the exit status."""
    from newsreader.core.errors import OpmlError, os_cause
    from newsreader.core.sources.opml import MAX_OPML_BYTES, MAX_OPML_SOURCES, import_opml

    if args.opml_action == "export":
        return _export(args, registry)
    path: Path = args.file.expanduser()
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_OPML_BYTES + 1)
    except OSError as err:
        raise OpmlError(
            f"{path}: cannot read: {err.strerror or err}",
            reason="opml_unreadable",
            facts={"path": str(path), "cause": os_cause(err)},
        ) from err
    mb = MAX_OPML_BYTES // 2**20
    if len(data) > MAX_OPML_BYTES:
        raise OpmlError(
            f"{path}: larger than {mb} MB, the most an OPML import reads",
            reason="opml_too_large",
            facts={"path": str(path), "mb": mb},
        )
    updated, report = import_opml(registry, data, path=str(path))
    if report.added:
        updated.save()
    listed = report.skipped[:SKIPS_SHOWN]
    for reason in listed:
        _warn(tr("cli.opml_skipped", reason=tr.note(reason)))
    others = report.skipped_count - report.over_cap - len(listed)
    if others > 0:
        _warn(tr("cli.opml_more_skipped", count=others))
    if report.over_cap:
        _warn(tr("cli.opml_over_cap", count=report.over_cap, cap=MAX_OPML_SOURCES))
    print(tr("cli.opml_imported", added=len(report.added), skipped=report.skipped_count))
    return 0


def _export(args: argparse.Namespace, registry: Registry) -> int:
    from newsreader.core.sources.opml import write_opml

    text = write_opml(registry.entries)
    if args.output is None:
        sys.stdout.write(text)
        return 0
    from newsreader.core.sources.registry_file import write_atomic

    write_atomic(args.output.expanduser(), text)
    return 0
