"""``newsreader feed [SECTION] [-o FILE]``: a section's cached articles as an Atom 1.0 feed.

The feed is made from the cache alone (what ``sync`` stored, or ``read`` opened), online or
offline, so a cron job can run ``sync`` then ``feed -o`` and any feed reader can follow a site
that has no feed. ``-o`` replaces the file in one rename: a reader polling it never sees half a
feed.
"""

from __future__ import annotations

import argparse
import shlex
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from newsreader.core import atomic
from newsreader.core.errors import SaveError, UsageError, os_cause
from newsreader.core.i18n import Translator

if TYPE_CHECKING:
    from newsreader.core.service import NewsService

FILE_MODE = 0o644
"""A new feed file's permissions (a web server may have to read it); a replaced one keeps its."""


def add_feed_parser(
    sub: argparse._SubParsersAction[argparse.ArgumentParser],
    common: argparse.ArgumentParser,
    path: Callable[[str], Path],
    tr: Translator,
) -> None:
    """Add the ``feed`` sub-command to the ``newsreader`` parser.

    Args:
        sub: The main parser's sub-parsers.
        common: The global options parent (with ``SUPPRESS`` defaults).
        path: The main parser's file-path argument type.
        tr: The help's language.
    """
    p = sub.add_parser("feed", parents=[common], help=tr("cli.help.cmd.feed"))
    p.add_argument("section", metavar="SECTION", nargs="?", help=tr("cli.help.list_section"))
    p.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        type=path,
        default=None,
        help=tr("cli.help.feed_output"),
    )


def _warn(message: str) -> None:
    print(f"newsreader: {message}", file=sys.stderr)


async def cmd_feed(args: argparse.Namespace, service: NewsService) -> int:
    """``newsreader feed [SECTION] [-o FILE]`` (a feed source needs no section: it is one)."""
    from newsreader.core.render.atom import section_feed

    tr = Translator(service.config.lang)
    feed = await section_feed(service, _feed_section(args.section, service))
    # What to sync for the feed: the same source and section as asked for here.
    source = getattr(args, "source", None)
    named = [*(["--source", source] if source else []), *([args.section] if args.section else [])]
    hint = tr("cli.feed_hint", section=shlex.join(named))
    if not feed.listed:
        _warn(tr("cli.feed_not_listed", title=feed.title, hint=hint))
    elif feed.entries == 0:
        _warn(tr("cli.feed_no_entries", title=feed.title, hint=hint))
    elif feed.not_cached:
        _warn(tr("cli.feed_not_cached", count=feed.not_cached, hint=hint))
    if feed.skipped:
        _warn(tr("cli.feed_skipped", count=feed.skipped))
    if args.output is None:
        _print_bytes(feed.document)
    else:
        replace_file(args.output.expanduser(), feed.document)
    return 0


def _feed_section(section: str | None, service: NewsService) -> str:
    """Return the section to make the feed of: the one named, or a feed source's one section.

    Raises:
        UsageError: No section is named and the source has sections to choose from.
    """
    if section is not None:
        return section
    if service.source.kind == "feed":
        return service.site_url  # a feed is its one section
    raise UsageError(
        "feed needs a SECTION for a site (see `newsreader sections`)",
        reason="feed_needs_section",
    )


def _print_bytes(data: bytes) -> None:
    """Write ``data`` to standard output as bytes: the document declares itself UTF-8."""
    sys.stdout.flush()
    binary = getattr(sys.stdout, "buffer", None)
    if binary is None:  # a text-only stream put in place of stdout
        sys.stdout.write(data.decode("utf-8"))
    else:
        binary.write(data)
        binary.flush()


def replace_file(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` whole: into a new file beside it, then renamed over it.

    Raises:
        SaveError: The directory is missing or cannot be written, the disk is full, or ``path``
            is a directory.
    """
    if path.is_dir():
        raise SaveError(
            f"cannot write the feed to {path}: it is a directory",
            reason="feed_not_written",
            facts={"path": str(path), "cause": "is_a_directory"},
        )
    try:
        atomic.replace_file(path, data, mode=_mode(path))
    except OSError as err:
        detail = err.strerror or type(err).__name__
        raise SaveError(
            f"cannot write the feed to {path}: {detail}",
            reason="feed_not_written",
            facts={"path": str(path), "cause": os_cause(err)},
        ) from None


def _mode(path: Path) -> int:
    try:
        return path.stat().st_mode & 0o777
    except FileNotFoundError:
        return FILE_MODE
