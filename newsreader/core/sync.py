"""Sync: fetch sections, their list pages and every article on them into the cache.

The sync's roles: this module begins and ends a sync (its sections, their sync windows, the
summary); :mod:`newsreader.core.sync_lists` walks each section's list pages and decides how deep;
:mod:`newsreader.core.sync_articles` fetches and stores each article the lists name, in group
commits (:mod:`newsreader.core.ingest`), each article whole or absent; what a running sync
reports is in :mod:`newsreader.core.sync_progress`.

Incremental means skipping only what is known to be stored, per list page and per article:

* **The sync window.** A sync of a section begins a *window* (recorded in the cache,
  :mod:`newsreader.core.cache.runs`), which stays open until a run of that section completes
  (every list page and article fetched or kept, nothing failed). A run that finds the window
  open (the last run was interrupted, or failed somewhere) continues it, if it began less than
  a day ago. What was stored since the window began is stored whole and current as of this
  window, so it is used as it is, without a request: an article is kept (counted as unchanged),
  a list page is read from the cache. Everything else is fetched: conditionally where the
  cache has validators (a 304 costs no download), in full where the site sends none. A resumed
  sync thus starts where the last one stopped (what was published meanwhile is for the next
  window). ``refresh=True`` (``sync --refresh``) begins a new window, and so asks again for
  every list page and article.
* **Paging: the depth of the last complete sync** (see :mod:`newsreader.core.sync_lists`): after
  a list page whose articles were all stored before the last complete sync of the section
  finished, paging stops, when that sync went at least as deep as asked now.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

from newsreader.core.errors import OfflineError
from newsreader.core.ingest import Preparer
from newsreader.core.results import Freshness, SyncSummary
from newsreader.core.saving import begin_strict_saving, end_strict_saving
from newsreader.core.sync_articles import ArticleQueue
from newsreader.core.sync_lists import section_urls, walk_section
from newsreader.core.sync_progress import ListProgress, ProgressCallback, SyncProgress
from newsreader.core.sync_store import SyncWindow

if TYPE_CHECKING:
    from newsreader.core.service import NewsService

__all__ = ["ProgressCallback", "SyncProgress", "sync"]


async def sync(
    service: NewsService,
    specs: Sequence[str] = (),
    *,
    pages: int = 1,
    refresh: bool = False,
    progress: ProgressCallback | None = None,
) -> SyncSummary:
    """Sync the named sections (all when none is named) into the cache.

    Args:
        service: The service to fetch and store with (must be online).
        specs: ``SECTION`` arguments (title paths or list-page URLs); empty for all sections.
        pages: List pages to follow per section.
        refresh: Begin a new sync window: ask again for every article, even those an
            interrupted sync stored, and walk every list page asked for.
        progress: Called after every step.

    Returns:
        Counts of new, updated and unchanged articles, and the failures with their reasons.

    Raises:
        OfflineError: When the service is offline.
        CacheReadOnly: When the cache is read-only (nothing could be saved).
        CacheError: When the cache refuses to store a list page or an article (disk full ...).
        NewsreaderError: When the section tree itself cannot be fetched.
    """
    if service.offline:
        raise OfflineError(
            "sync needs the network; run it without --offline", reason="offline_sync"
        )
    service.library.require_writable("sync")
    report = progress or (lambda _p: None)
    started = time.time()
    # A sync exists to store: a write the cache refuses fails it (a read only notes it).
    strict = begin_strict_saving()
    try:
        report(SyncProgress("sections", 0, 1))
        tree = await service.sections()
        if tree.freshness is Freshness.STALE and tree.error is not None:
            raise tree.error
        report(SyncProgress("sections", 1, 1, service.site_url))

        if specs:
            targets = list(dict.fromkeys([await service.section_url(spec) for spec in specs]))
        else:
            targets = section_urls(tree.value, service.site_url)
        windows = service.sync_store.begin(targets, started, refresh=refresh)
        preparer = Preparer(service.source.parse_article, service.source.kind)
        run = await _run(service, windows, preparer, report, pages=pages, refresh=refresh)
    finally:
        end_strict_saving(strict)
    finished = time.time()
    for target in targets:
        if target not in run.incomplete:
            # Articles first stored since the window began count as new (see mark_synced).
            service.sync_store.complete(
                target, finished, started_at=windows[target].started_at, pages=run.depth[target]
            )
    return run.summary


class _Ran(NamedTuple):
    """What one sync's list and article phases came to.

    Attributes:
        summary: The counts and failures.
        incomplete: The sections a list page or an article of failed: their windows stay open.
        depth: How many list pages deep each section is stored (see :mod:`.sync_lists`).
    """

    summary: SyncSummary
    incomplete: set[str]
    depth: dict[str, int]


async def _run(
    service: NewsService,
    windows: dict[str, SyncWindow],
    preparer: Preparer,
    report: ProgressCallback,
    *,
    pages: int,
    refresh: bool,
) -> _Ran:
    """Run one sync's list and article phases over the sections of ``windows``.

    Sections are walked concurrently, each list page's articles queued as soon as it is read
    (see :mod:`.sync_articles`); the articles' phase ends when every list is read and every
    queued article stored.
    """
    targets = list(windows)
    articles = ArticleQueue(service, targets, preparer, report)
    lists = ListProgress(report, len(targets) * pages)
    try:
        walks = await asyncio.gather(
            *(
                walk_section(
                    service,
                    target,
                    windows[target],
                    pages=pages,
                    refresh=refresh,
                    progress=lists,
                    schedule=articles.schedule,
                )
                for target in targets
            )
        )
        await articles.finish()
    finally:
        # Whatever was fetched and prepared is stored even when the sync is cancelled.
        await articles.aclose()
    # In the order of the sections, as if they had been walked one after the other; list
    # failures first, then the articles' in the order they failed.
    incomplete = {t for t, walked in zip(targets, walks, strict=True) if walked.failures}
    incomplete |= articles.failed_targets()
    summary = SyncSummary(
        new=articles.counts["new"],
        updated=articles.counts["updated"],
        unchanged=articles.counts["unchanged"],
        failures=(*(f for walked in walks for f in walked.failures), *articles.failures),
        failures_omitted=articles.omitted,
        resumed=sum(window.resumed for window in windows.values()),
        skipped=sum(walked.skipped for walked in walks),
    )
    depth = {t: walked.depth for t, walked in zip(targets, walks, strict=True)}
    return _Ran(summary, incomplete, depth)
