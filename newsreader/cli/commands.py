"""The headless commands: sections, list, read, sync, search."""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from newsreader.cli.feed import cmd_feed
from newsreader.cli.library import cmd_cache, cmd_export
from newsreader.cli.render import render_hits, render_items, render_sections
from newsreader.core.config import Config
from newsreader.core.errors import OfflineError, UsageError
from newsreader.core.i18n import Translator
from newsreader.core.render.labels import labels_for
from newsreader.core.render.text import NO_WRAP, article_to_text
from newsreader.core.results import Freshness, Result
from newsreader.core.service import NewsService
from newsreader.core.urls import resolve_url

if TYPE_CHECKING:
    from newsreader.core.results import SyncSummary
    from newsreader.core.sources import Source
    from newsreader.core.sources.registry import Registry

T = TypeVar("T")
FAILURES_SHOWN = 10
"""Failures of a sync listed one a line; the rest are counted in one more line."""


def _print_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def _width(measure: int) -> int:
    """The width ``read`` wraps to: the terminal's, capped at the reading measure (0: none).

    Output that is not a terminal is not wrapped: a file or a pipe gets one line a paragraph.
    """
    if not sys.stdout.isatty():
        return NO_WRAP
    terminal = max(shutil.get_terminal_size((100, 24)).columns - 1, 20)
    return min(terminal, measure) if measure > 0 else terminal


def _warn(message: str) -> None:
    print(f"newsreader: {message}", file=sys.stderr)


def _note_source(result: Result[T], what: str, tr: Translator) -> T:
    """Say on stderr when an answer came from the cache, and return its value."""
    stamp = time.strftime("%Y-%m-%d %H:%M", time.localtime(result.fetched_at))
    if result.freshness is Freshness.STALE:
        reason = tr.failure(result.error) if result.error is not None else ""
        _warn(tr("cli.cached_copy", reason=reason, what=what, stamp=stamp))
    elif result.freshness is Freshness.CACHED:
        _warn(tr("cli.offline_copy", what=what, stamp=stamp))
    return result.value


async def run_command(
    args: argparse.Namespace,
    config: Config,
    source: Source | None = None,
    registry: Callable[[], Registry] | None = None,
) -> int:
    """Run the command named in ``args`` and return the exit status.

    Args:
        args: The parsed arguments.
        config: The run's configuration.
        source: The source to read (``--source``); ``None``: the configured site's.
        registry: Reads the user's list of sources, for a section error to say which other
            source has the section (``None``: no hint, e.g. with ``--site``).
    """
    service = NewsService.open(config, source)
    try:
        # Start-up notes now, and later ones (a page that could not be saved) as they arise.
        tr = Translator(config.lang)
        service.listen(lambda note: _warn(tr.note(note)))
        handler = _COMMANDS[args.command]
        try:
            return await handler(args, service)
        except UsageError as err:
            if registry is None:
                raise
            from newsreader.cli.hints import with_source_hint

            hinted = await with_source_hint(err, service, registry)
            if hinted is err:
                raise
            raise hinted from None
    finally:
        await service.aclose()


async def cmd_sections(args: argparse.Namespace, service: NewsService) -> int:
    """``newsreader sections``."""
    tr = Translator(service.config.lang)
    sections = _note_source(await service.sections(), tr("cli.section_tree"), tr)
    if args.json:
        _print_json([s.to_dict() for s in sections])
    else:
        print(render_sections(sections))
    return 0


async def cmd_list(args: argparse.Namespace, service: NewsService) -> int:
    """``newsreader list SECTION``.

    When a list page after the first can be neither fetched nor found in the cache (offline,
    a deeper page never synced), the pages before it are printed and stderr says, in one line,
    which page is missing; the exit status is 0 since something was printed. Without even the
    first page, the command fails (exit 1).
    """
    tr = Translator(service.config.lang)
    url = await _list_url(args.section, service)
    listing = await service.section_list(url, args.pages)
    for result in listing.pages:
        page = _note_source(result, result.value.url, tr)
        if page.skipped:
            _warn(tr("cli.links_skipped", url=page.url, count=page.skipped))
        if page.truncated:
            most = f"{service.source.max_list_items:,}"
            _warn(tr("cli.links_left_out", url=page.url, count=f"{page.truncated:,}", max=most))
    if listing.missing is not None:
        reason = tr.error(listing.missing)
        _warn(tr("cli.pages_missing", reason=reason, shown=len(listing.pages), pages=args.pages))
    items = listing.items
    if args.json:
        _print_json([item.to_dict() for item in items])
    else:
        print(render_items(items))
    return 0


async def _list_url(section: str | None, service: NewsService) -> str:
    """Return the list-page URL to list: the section named, or a feed's one section.

    Raises:
        UsageError: No section is named and the source has sections to choose from.
    """
    if section is not None:
        return await service.section_url(section)
    if service.source.kind == "feed":
        return service.site_url  # a feed is its one section
    raise UsageError(
        "list needs a SECTION for a site (see `newsreader sections`)",
        reason="list_needs_section",
    )


async def cmd_read(args: argparse.Namespace, service: NewsService) -> int:
    """``newsreader read URL``."""
    url = resolve_url(args.url, service.site_url)
    article = _note_source(await service.article(url), url, Translator(service.config.lang))
    labels = labels_for(service.config.lang)
    if args.json:
        _print_json(article.to_json())
    elif args.markdown:
        from newsreader.core.render.markdown import article_to_markdown

        sys.stdout.write(article_to_markdown(article, labels))
    else:
        print(article_to_text(article, _width(service.config.text_width), labels))
    return 0


async def cmd_sync(args: argparse.Namespace, service: NewsService) -> int:
    """``newsreader sync [SECTION ...]``."""
    from newsreader.cli.progress import SyncProgressBar
    from newsreader.core.sync import sync

    tr = Translator(service.config.lang)
    # Before the progress bar starts: offline or on a read-only cache, the one line on stderr
    # is all there is (the bar would leave an empty line above it).
    if service.offline:
        raise OfflineError(
            "sync needs the network; run it without --offline", reason="offline_sync"
        )
    service.library.require_writable("sync")
    with SyncProgressBar(tr) as bar:
        pages = args.pages or service.config.sync_pages
        summary = await sync(
            service, args.sections, pages=pages, refresh=args.refresh, progress=bar.update
        )
    if summary.resumed:
        _warn(tr("cli.sync_resumed", count=summary.resumed))
    shown = summary.failures[:FAILURES_SHOWN]
    for failure in shown:
        reason = failure.reason if failure.error is None else tr.error(failure.error)
        _warn(tr("cli.sync_failed", url=failure.url, reason=reason))
    if summary.failed > len(shown):
        _warn(tr("cli.sync_failed_more", count=summary.failed - len(shown)))
    print(summary_line(summary, tr))
    prune_after_sync(service, tr)
    return 1 if sync_failed(summary) else 0


def summary_line(summary: SyncSummary, tr: Translator) -> str:
    """Return a sync's one-line summary (counts, and the links skipped)."""
    counts = ("fetched", "new", "updated", "unchanged", "failed")
    line = tr("cli.sync_summary", **{name: getattr(summary, name) for name in counts})
    if summary.skipped:
        one = summary.skipped == 1
        line += tr("cli.sync_skipped_one" if one else "cli.sync_skipped", count=summary.skipped)
    return line


def sync_failed(summary: SyncSummary) -> bool:
    """True when a sync had failures and nothing else: not one article fetched or kept."""
    nothing_worked = summary.fetched == 0 and summary.unchanged == 0
    return bool(summary.failed) and nothing_worked


def prune_after_sync(service: NewsService, tr: Translator) -> None:
    """Apply the retention setting: a sync adds articles, so it is when old ones go."""
    if service.config.retention_days > 0:
        days = service.config.retention_days
        removed = service.library.prune(older_than_days=days).articles
        if removed:
            print(tr("cli.sync_pruned", count=removed, days=days))


async def cmd_search(args: argparse.Namespace, service: NewsService) -> int:
    """``newsreader search QUERY``."""
    from newsreader.core.library import MAX_QUERY_CHARS

    tr = Translator(service.config.lang)
    if len(args.query) > MAX_QUERY_CHARS:
        _warn(tr("cli.query_cut", count=f"{len(args.query):,}", max=MAX_QUERY_CHARS))
    # Every source's articles, or with --source NAME that source's only (a feed's items on
    # whatever host they are).
    scoped = service.source if getattr(args, "source", None) is not None else None
    hits = service.library.search(args.query, args.limit, scoped)
    if args.json:
        _print_json([hit.to_dict() for hit in hits])
    elif hits:
        print(render_hits(hits))
    else:
        _warn(tr("cli.no_match", query=repr(args.query[:MAX_QUERY_CHARS])))
    return 0


_COMMANDS = {
    "sections": cmd_sections,
    "list": cmd_list,
    "read": cmd_read,
    "sync": cmd_sync,
    "search": cmd_search,
    "export": cmd_export,
    "cache": cmd_cache,
    "feed": cmd_feed,
}
