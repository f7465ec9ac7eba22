"""The offline-library commands: ``export`` and ``cache``.

Kept apart from :mod:`newsreader.cli.commands` so that module stays small; everything heavy is
imported inside the handlers, off the start-up path of the other commands.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from newsreader.core.i18n import Translator

if TYPE_CHECKING:
    from newsreader.core.service import NewsService

MB = 1024 * 1024


MAX_PRUNE_DAYS = 1_000_000
"""Past any article's age (2,700 years); larger numbers overflow the time arithmetic."""
MAX_PRUNE_MB = 1_000_000_000
"""A petabyte: past any cache; larger numbers overflow the byte count."""


def _number_up_to(limit: int, tr: Translator) -> Callable[[str], float]:
    """Return an argument type accepting a number from 0 to ``limit``."""

    def number(text: str) -> float:
        try:
            value = float(text)
        except ValueError:
            raise argparse.ArgumentTypeError(tr("cli.arg.not_number", text=repr(text))) from None
        if not 0 <= value <= limit:
            raise argparse.ArgumentTypeError(tr("cli.arg.range", limit=limit, text=text))
        return value

    return number


def add_library_parsers(
    sub: argparse._SubParsersAction[argparse.ArgumentParser],
    common: argparse.ArgumentParser,
    positive: Callable[[str], int],
    tr: Translator,
) -> None:
    """Add the ``export`` and ``cache`` sub-commands to the ``newsreader`` parser.

    Args:
        sub: The main parser's sub-parsers.
        common: The global options parent (with ``SUPPRESS`` defaults).
        positive: The main parser's positive-integer argument type.
        tr: The help's language.
    """
    p = sub.add_parser("export", parents=[common], help=tr("cli.help.cmd.export"))
    p.add_argument("target", metavar="SECTION|URL", help=tr("cli.help.target"))
    p.add_argument("--format", choices=("md", "html"), default="md", help=tr("cli.help.format"))
    p.add_argument(
        "-o",
        "--output",
        metavar="DIR",
        type=Path,
        default=Path("."),
        help=tr("cli.help.output"),
    )
    p.add_argument(
        "--pages",
        type=positive,
        default=None,
        metavar="N",
        help=tr("cli.help.export_pages"),
    )

    p = sub.add_parser("cache", parents=[common], help=tr("cli.help.cmd.cache"))
    p.add_argument(
        "--prune-days",
        type=_number_up_to(MAX_PRUNE_DAYS, tr),
        default=None,
        metavar="N",
        help=tr("cli.help.prune_days"),
    )
    p.add_argument(
        "--prune-size",
        type=_number_up_to(MAX_PRUNE_MB, tr),
        default=None,
        metavar="MB",
        help=tr("cli.help.prune_size"),
    )
    p.add_argument("--vacuum", action="store_true", help=tr("cli.help.vacuum"))
    p.add_argument("-y", "--yes", action="store_true", help=tr("cli.help.prune_yes"))
    p.add_argument("--json", action="store_true", help=tr("cli.help.json"))


def _confirm_prune(args: argparse.Namespace, tr: Translator) -> bool:
    """Ask before a prune that removes articles; ``--yes`` answers for the user.

    ``--prune-days 0`` keeps everything (as ``retention_days = 0``), so it asks nothing. With
    no terminal to ask on, a prune without ``--yes`` is refused (exit 2): a script that means
    it says so.

    Raises:
        UsageError: Not on a terminal and no ``--yes``.
    """
    what = []
    if args.prune_days:
        what.append(tr("cli.prune_what_days", days=f"{args.prune_days:g}"))
    if args.prune_size is not None:
        what.append(tr("cli.prune_what_size", size=f"{args.prune_size:g}"))
    if not what or args.yes:
        return True
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        from newsreader.core.errors import UsageError

        raise UsageError(
            "pruning asks first; add --yes to prune without a terminal", reason="prune_needs_yes"
        )
    try:
        answer = input(tr("cli.prune_confirm", what=tr("cli.prune_and").join(what)))
    except EOFError:
        return False
    return answer.strip().lower() in {"y", "yes", "是"}


def _warn(message: str) -> None:
    print(f"newsreader: {message}", file=sys.stderr)


def _size(n: int) -> str:
    if n >= MB:
        return f"{n / MB:.1f} MB"
    if n >= 1024:
        return f"{n / 1024:.1f} KB"
    return f"{n} B"


async def cmd_export(args: argparse.Namespace, service: NewsService) -> int:
    """``newsreader export SECTION|URL --format md|html -o DIR [--pages N]``."""
    from newsreader.core.exporting import export_article, export_section, resolve_target

    tr = Translator(service.config.lang)
    dest: Path = args.output.expanduser()
    url = resolve_target(service, args.target)
    if url is not None:
        result = await export_article(service, url, dest, args.format)
    else:
        pages = args.pages or service.config.sync_pages
        result = await export_section(
            service,
            args.target,
            dest,
            args.format,
            pages=pages,
            on_failure=lambda u, err: _warn(tr("cli.not_exported", url=u, reason=tr.error(err))),
        )
    for path in result.paths:
        print(path)
    if result.skipped:
        _warn(tr("cli.export_skipped", count=result.skipped))
    if result.failures and not result.files:
        _warn(tr("cli.export_none", count=len(result.failures)))
        return 1
    return 0


async def cmd_cache(args: argparse.Namespace, service: NewsService) -> int:
    """``newsreader cache [--prune-days N] [--prune-size MB] [--vacuum] [--json]``."""
    from newsreader.core.library import PruneResult

    tr = Translator(service.config.lang)
    library = service.library
    pruning = args.prune_days is not None or args.prune_size is not None
    if pruning or args.vacuum:
        library.require_writable("pruning" if pruning else "vacuum")
    pruned = PruneResult()
    if pruning and not _confirm_prune(args, tr):
        print(tr("cli.prune_cancelled"), file=sys.stderr)
        return 1
    if pruning:
        max_bytes = None if args.prune_size is None else int(args.prune_size * MB)
        pruned = library.prune(args.prune_days, max_bytes)
    if args.vacuum:
        library.vacuum()
    report = library.report()
    if args.json:
        report["pruned"] = {
            "articles": pruned.articles,
            "pages": pruned.pages,
            "list_pages": pruned.list_pages,
        }
        json.dump(report, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    if args.prune_days is not None or args.prune_size is not None:
        print(
            tr(
                "cli.cache_pruned",
                articles=pruned.articles,
                pages=pruned.pages,
                list_pages=pruned.list_pages,
            )
        )
    where = report["path"] or tr("cli.cache_in_memory")
    print(tr("cli.cache_path_readonly" if report["readonly"] else "cli.cache_path", path=where))
    print(tr("cli.cache_size", size=_size(report["bytes"])))
    counts = ("articles", "pages", "list_pages", "read", "starred")
    print(tr("cli.cache_counts", **{name: report[name] for name in counts}))
    sections: dict[str, int] = report["sections"]
    if sections:
        width = max(len(str(n)) for n in sections.values())
        print(tr("cli.cache_by_section"))
        for name, count in sections.items():
            print(f"  {count:>{width}}  {name}")
    return 0
