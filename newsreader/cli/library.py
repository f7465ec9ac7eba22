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

if TYPE_CHECKING:
    from newsreader.core.service import NewsService

MB = 1024 * 1024


MAX_PRUNE_DAYS = 1_000_000
"""Past any article's age (2,700 years); larger numbers overflow the time arithmetic."""
MAX_PRUNE_MB = 1_000_000_000
"""A petabyte: past any cache; larger numbers overflow the byte count."""


def _number_up_to(limit: int) -> Callable[[str], float]:
    """Return an argument type accepting a number from 0 to ``limit``."""

    def number(text: str) -> float:
        try:
            value = float(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
        if not 0 <= value <= limit:
            raise argparse.ArgumentTypeError(f"must be between 0 and {limit}: {text}")
        return value

    return number


def add_library_parsers(
    sub: argparse._SubParsersAction[argparse.ArgumentParser],
    common: argparse.ArgumentParser,
    positive: Callable[[str], int],
) -> None:
    """Add the ``export`` and ``cache`` sub-commands to the ``newsreader`` parser.

    Args:
        sub: The main parser's sub-parsers.
        common: The global options parent (with ``SUPPRESS`` defaults).
        positive: The main parser's positive-integer argument type.
    """
    p = sub.add_parser(
        "export", parents=[common], help="save an article or a section as Markdown/HTML files"
    )
    p.add_argument(
        "target",
        metavar="SECTION|URL",
        help="an article URL (one file), or a section / list-page URL (a file per article "
        "plus an index)",
    )
    p.add_argument(
        "--format", choices=("md", "html"), default="md", help="file format (default md)"
    )
    p.add_argument(
        "-o",
        "--output",
        metavar="DIR",
        type=Path,
        default=Path("."),
        help="directory to write into, created when missing (default: the current one)",
    )
    p.add_argument(
        "--pages",
        type=positive,
        default=None,
        metavar="N",
        help="list pages of a section to export (default: sync_pages of the config, else 1)",
    )

    p = sub.add_parser("cache", parents=[common], help="show, prune or compact the cache")
    p.add_argument(
        "--prune-days",
        type=_number_up_to(MAX_PRUNE_DAYS),
        default=None,
        metavar="N",
        help="remove articles and pages fetched more than N days ago (never starred ones)",
    )
    p.add_argument(
        "--prune-size",
        type=_number_up_to(MAX_PRUNE_MB),
        default=None,
        metavar="MB",
        help="remove the oldest articles until the data is at most MB megabytes",
    )
    p.add_argument(
        "--vacuum", action="store_true", help="compact the database file (after any pruning)"
    )
    p.add_argument("--json", action="store_true", help="print JSON")


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
            on_failure=lambda u, why: _warn(f"not exported: {u}: {why}"),
        )
    for path in result.paths:
        print(path)
    if result.skipped:
        _warn(f"{result.skipped} link(s) of the list skipped: malformed, or leading off the site")
    if result.failures and not result.files:
        _warn(f"none of the {len(result.failures)} articles could be exported")
        return 1
    return 0


async def cmd_cache(args: argparse.Namespace, service: NewsService) -> int:
    """``newsreader cache [--prune-days N] [--prune-size MB] [--vacuum] [--json]``."""
    from newsreader.core.library import PruneResult

    library = service.library
    pruning = args.prune_days is not None or args.prune_size is not None
    if pruning or args.vacuum:
        library.require_writable("pruning" if pruning else "vacuum")
    pruned = PruneResult()
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
            f"pruned: {pruned.articles} articles, {pruned.pages} pages, "
            f"{pruned.list_pages} list pages"
        )
    where = report["path"] or "(in memory)"
    print(f"cache: {where} (read-only)" if report["readonly"] else f"cache: {where}")
    print(f"size: {_size(report['bytes'])}")
    print(
        f"articles: {report['articles']}  pages: {report['pages']}  "
        f"list pages: {report['list_pages']}  read: {report['read']}  "
        f"starred: {report['starred']}"
    )
    sections: dict[str, int] = report["sections"]
    if sections:
        width = max(len(str(n)) for n in sections.values())
        print("by section:")
        for name, count in sections.items():
            print(f"  {count:>{width}}  {name}")
    return 0
