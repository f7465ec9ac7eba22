"""Sync: fetch sections, their list pages and every article on them into the cache.

Articles are stored in group commits (:mod:`newsreader.core.ingest`): each transaction holds
whole articles, so an interrupted sync (Ctrl+C, a crash, a ``kill -9``) leaves every article whole
or absent.

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
* **Paging: the depth of the last complete sync.** Every list page asked for is read, except
  after a page whose articles are all *old*: first stored before the last complete sync of the
  section finished. Paging stops there only when that sync went at least as deep as asked now
  (and never with ``refresh``). Why that is exact when a list grows at the top, as news lists
  do: the old articles were on the list when that sync walked it, and so were all the older
  ones after them, at positions no deeper than that sync covered; it stored them all (it was
  complete). Articles stored since (by an interrupted run, by reading) never count as old, so
  a deeper sync after a shallow one, or after an interrupted one, walks every page it needs.
  A sync that stops early covers as deep as the one it relies on; one that walks its pages
  covers as many as were asked for.
"""

from __future__ import annotations

import asyncio
import time
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from newsreader.core.errors import FetchError, NewsreaderError, OfflineError, ParseError
from newsreader.core.ingest import LINGER, MAX_BATCH, ArticleStage, GroupWriter, Preparer
from newsreader.core.models import ListPage, Section
from newsreader.core.results import Freshness, Result, SyncFailure, SyncSummary
from newsreader.core.saving import begin_strict_saving, end_strict_saving
from newsreader.core.sources import reads_article
from newsreader.core.sync_store import SyncWindow
from newsreader.core.urls import same_site

if TYPE_CHECKING:
    from newsreader.core.service import NewsService

Phase = Literal["sections", "lists", "articles"]


@dataclass(frozen=True, slots=True)
class SyncProgress:
    """A step of a running sync, for progress bars.

    Attributes:
        phase: What is being fetched.
        done: Steps finished in this phase.
        total: Steps known in this phase so far.
        url: The URL just finished, if any.
    """

    phase: Phase
    done: int
    total: int
    url: str | None = None


ProgressCallback = Callable[[SyncProgress], None]
FAILURES_KEPT = 100
"""Failures a summary keeps with their reasons; the rest are only counted."""


def _section_urls(sections: Sequence[Section], site_url: str) -> list[str]:
    urls: list[str] = []
    for top in sections:
        for _, node in top.walk():
            if node.url and same_site(node.url, site_url) and node.url not in urls:
                urls.append(node.url)
    return urls


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
            targets = _section_urls(tree.value, service.site_url)
        windows = service.sync_store.begin(targets, started, refresh=refresh)
        run = _Run(
            service,
            windows,
            pages,
            report,
            Preparer(service.source.parse_article, service.source.kind),
            refresh=refresh,
        )
        summary = await run.execute()
    finally:
        end_strict_saving(strict)
    finished = time.time()
    for target in targets:
        if target not in run.incomplete:
            # Articles first stored since the window began count as new (see mark_synced).
            service.sync_store.complete(
                target, finished, started_at=windows[target].started_at, pages=run.depth[target]
            )
    return summary


class _Run:
    """One sync's list and article phases.

    Sections are walked concurrently, and each article is queued as soon as a list page names
    it; a bounded set of tasks fetches what is queued, so that the articles of the first
    sections are stored while the last ones are listed, and a list of a hundred thousand links
    costs a queue entry each, not a task each. Progress is still reported phase by phase: the
    articles' from when every list is read (their total is known then), starting at those
    already done.
    """

    def __init__(
        self,
        service: NewsService,
        windows: dict[str, SyncWindow],
        pages: int,
        report: ProgressCallback,
        preparer: Preparer,
        *,
        refresh: bool,
    ) -> None:
        self.service = service
        self.windows = windows
        self.targets = list(windows)
        self.pages = pages
        self.refresh = refresh
        self.report = report
        self.incomplete: set[str] = set()
        self.depth: dict[str, int] = {}
        self.counts = {"new": 0, "updated": 0, "unchanged": 0}
        self.skipped = 0
        self._failures: list[SyncFailure] = []
        self._omitted = 0
        self._list_total = len(self.targets) * pages
        self._list_done = 0
        # Each article once, by key, with the sections naming it (a bit per section) and
        # whether it failed (one more bit), which leaves each of them incomplete.
        self._owners: dict[str, int] = {}
        self._bit = {target: 1 << n for n, target in enumerate(self.targets)}
        self._failed_bit = 1 << len(self.targets)
        self._queue: deque[str] = deque()
        self._tasks: set[asyncio.Task[None]] = set()
        self._done = 0
        self._listing = True
        self._fetching = 0  # articles being fetched: they may join the next commit
        # Fetches are bounded per host by the fetcher; this bounds the fetched pages held in
        # memory before the writer takes them (it bounds those waiting to be prepared and
        # stored), with room for fetches meanwhile.
        fetch = service.config.fetch
        limit = 2 * max(fetch.per_host, 1) + MAX_BATCH
        self._limit = asyncio.Semaphore(limit)
        # Tasks fetching (limit), and those waiting for their article's group commit.
        self._max_tasks = limit + 4 * MAX_BATCH
        self._writer = GroupWriter(service.sync_store, linger=LINGER)
        self._stage = ArticleStage(service, {}, set(), preparer)

    async def execute(self) -> SyncSummary:
        """Walk every section, sync every article found, and sum up."""
        list_failures: list[SyncFailure] = []
        try:
            walks = await asyncio.gather(*(self._walk(target) for target in self.targets))
            # In the order of the sections, as if they had been walked one after the other.
            for target, (found, depth) in zip(self.targets, walks, strict=True):
                self.depth[target] = depth
                if found:
                    self.incomplete.add(target)
                list_failures.extend(found)
            self._listing = False
            if self._idle():
                self._writer.flush()
            self.report(SyncProgress("articles", self._done, len(self._owners)))
            # No task starts once the lists are read: these are all there will be.
            await asyncio.gather(*list(self._tasks))
        finally:
            tasks = list(self._tasks)
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
            # Whatever was fetched and prepared is stored even when the sync is cancelled.
            await self._writer.aclose()
        for owners in self._owners.values():
            if owners & self._failed_bit:
                self.incomplete.update(t for t in self.targets if owners & self._bit[t])
        # List failures first, then the articles' in the order they failed.
        return SyncSummary(
            new=self.counts["new"],
            updated=self.counts["updated"],
            unchanged=self.counts["unchanged"],
            failures=(*list_failures, *self._failures),
            failures_omitted=self._omitted,
            resumed=sum(window.resumed for window in self.windows.values()),
            skipped=self.skipped,
        )

    async def _walk(self, target: str) -> tuple[list[SyncFailure], int]:
        """Follow one section's list pages, queueing their articles.

        Returns:
            The failures, and how many list pages deep the section is stored if none failed.
        """
        service = self.service
        window = self.windows[target]
        failures: list[SyncFailure] = []
        # Paging may stop early only on the word of a complete sync at least this deep (see
        # the module's docstring).
        complete_at = window.complete_at
        may_stop = not self.refresh and window.complete_pages >= self.pages
        next_url: str | None = target
        seen: set[str] = set()
        for _ in range(self.pages):
            if next_url is None or next_url in seen:
                break
            seen.add(next_url)
            try:
                result = await self._list_page(next_url, window.started_at)
            except (FetchError, ParseError) as err:
                failures.append(SyncFailure(next_url, err.one_line(), err))
                break
            finally:
                self._list_done += 1
                self.report(SyncProgress("lists", self._list_done, self._list_total, next_url))
            if result.freshness is Freshness.STALE:
                error = result.error if isinstance(result.error, NewsreaderError) else None
                failures.append(SyncFailure(next_url, _reason(result.error), error))
                break
            self.skipped += result.value.skipped
            # What the source reads: a VSB site its own articles, a feed its items anywhere.
            wanted = [
                item.url
                for item in result.value.items
                if not item.external and reads_article(service.source, item.url)
            ]
            next_url = result.value.next_url
            del result  # a hostile list page may be huge: hold only what is needed
            stored = service.sync_store.stored_times(wanted)
            self._schedule(target, wanted, stored)
            if may_stop and _all_stored_by(complete_at, wanted, stored):
                self._list_total -= self.pages - len(seen)
                return failures, window.complete_pages
        return failures, self.pages

    async def _list_page(self, url: str, since: float) -> Result[ListPage]:
        """Return a list page: the copy read since ``since`` (in this window), else fetched."""
        hit = self.service.cached_list(url)
        if hit is not None and hit.fetched_at >= since:
            return hit
        return await self.service.list_page(url)

    def _schedule(
        self, target: str, urls: list[str], stored: dict[str, tuple[float | None, float]]
    ) -> None:
        """Queue the articles of ``urls`` not yet queued; note that ``target`` names them.

        Those stored since the section's sync window began are kept without a request.

        Args:
            target: The section whose list page names them.
            urls: Article URLs, in the list's order.
            stored: ``(first_seen, fetched_at)`` of those of ``urls`` already cached.
        """
        bit = self._bit[target]
        since = self.windows[target].started_at
        fresh: list[str] = []
        for url in urls:
            key = self.service.source.article_key(url)
            owners = self._owners.get(key)
            self._owners[key] = bit if owners is None else owners | bit
            if owners is not None:
                continue
            hit = stored.get(url)
            if hit is not None and hit[1] >= since:
                self.counts["unchanged"] += 1
                self._done += 1
            else:
                fresh.append(url)
        if not fresh:
            return
        stage = self._stage
        stage.known.update(
            self.service.sync_store.validators(
                [
                    u
                    for url in fresh
                    for u in dict.fromkeys((self.service.source.canonical_url(url), url))
                ]
            )
        )
        stage.cached.update(url for url in fresh if url in stored)
        self._queue.extend(fresh)
        for _ in range(min(len(self._queue), self._max_tasks - len(self._tasks))):
            self._tasks.add(asyncio.create_task(self._drain()))

    async def _drain(self) -> None:
        """Sync queued articles until the queue is empty."""
        try:
            while self._queue:
                await self._article(self._queue.popleft())
        finally:
            # No await between finding the queue empty and leaving the set: _schedule starts a
            # new task for whatever it queues after this one has stopped looking.
            task = asyncio.current_task()
            if task is not None:
                self._tasks.discard(task)

    def _idle(self) -> bool:
        """True when no article can join the writer's next commit: none is on its way."""
        return not self._listing and not self._queue and self._fetching == 0

    async def _article(self, url: str) -> None:
        try:
            self._fetching += 1
            try:
                # The limit covers fetching; the writer bounds what waits to be prepared and stored.
                async with self._limit:
                    write = await self._stage.fetch(url)
            finally:
                self._fetching -= 1
            status = await self._writer.put(write, flush=self._idle())
        except (FetchError, ParseError) as err:
            if self._idle():
                self._writer.flush()
            self._owners[self.service.source.article_key(url)] |= self._failed_bit
            if len(self._failures) < FAILURES_KEPT:
                self._failures.append(SyncFailure(url, err.one_line(), err))
            else:
                self._omitted += 1
        else:
            self.counts[status or "unchanged"] += 1
        self._done += 1
        if not self._listing:
            self.report(SyncProgress("articles", self._done, len(self._owners), url))


def _all_stored_by(
    when: float | None, urls: list[str], stored: dict[str, tuple[float | None, float]]
) -> bool:
    """True when there are ``urls`` and each was first stored at or before ``when``."""
    if when is None or not urls:
        return False
    firsts = (stored.get(url, (None, 0.0))[0] for url in urls)
    return all(first is not None and first <= when for first in firsts)


def _reason(error: Exception | None) -> str:
    if isinstance(error, NewsreaderError):
        return error.one_line()
    return str(error) if error else "unknown failure"
