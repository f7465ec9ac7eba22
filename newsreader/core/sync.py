"""Sync: fetch sections, their list pages and every article on them into the cache.

Articles are stored in group commits (:mod:`newsreader.core.ingest`): each transaction holds
whole articles, so an interrupted sync (Ctrl+C, a crash, a ``kill -9``) leaves every article whole
or absent, and the next run resumes cheaply: pages already cached are asked for with their
validators and come back as 304.
"""

from __future__ import annotations

import asyncio
import dataclasses
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from newsreader.core.cache.store import TouchPage, Write
from newsreader.core.errors import FetchError, NewsreaderError, OfflineError, ParseError
from newsreader.core.ingest import MAX_BATCH, GroupWriter, Preparer
from newsreader.core.models import Section
from newsreader.core.results import Freshness, SyncFailure, SyncSummary
from newsreader.core.saving import begin_strict_saving, end_strict_saving, require_writable
from newsreader.core.urls import article_key, canonical_article_url, same_site

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
    progress: ProgressCallback | None = None,
) -> SyncSummary:
    """Sync the named sections (all when none is named) into the cache.

    Args:
        service: The service to fetch and store with (must be online).
        specs: ``SECTION`` arguments (title paths or list-page URLs); empty for all sections.
        pages: List pages to follow per section.
        progress: Called after every step.

    Returns:
        Counts of new, updated and unchanged articles, and every failure with its reason.

    Raises:
        OfflineError: When the service is offline.
        CacheReadOnly: When the cache is read-only (nothing could be saved).
        CacheError: When the cache refuses to store a list page or an article (disk full ...).
        NewsreaderError: When the section tree itself cannot be fetched.
    """
    if service.offline:
        raise OfflineError("offline: sync needs the network; run it without --offline")
    require_writable(service.cache, "sync")
    report = progress or (lambda _p: None)
    # Articles first stored from now on count as "new since the last sync" (see mark_synced).
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
            targets = [await service.section_url(spec) for spec in specs]
        else:
            targets = _section_urls(tree.value, service.site_url)
        run = _Run(service, targets, pages, report, Preparer())
        summary = await run.execute()
    finally:
        end_strict_saving(strict)
    finished = time.time()
    for target in targets:
        if target not in run.incomplete:
            service.cache.mark_synced(target, finished, started_at=started)
    return summary


class _Run:
    """One sync's list and article phases.

    Sections are walked concurrently, and each article is fetched as soon as a list page names
    it, so that the articles of the first sections are stored while the last ones are listed.
    Progress is still reported phase by phase: the articles' from when every list is read (their
    total is known then), starting at those already done.
    """

    def __init__(
        self,
        service: NewsService,
        targets: list[str],
        pages: int,
        report: ProgressCallback,
        preparer: Preparer,
    ) -> None:
        self.service = service
        self.targets = targets
        self.pages = pages
        self.report = report
        self.incomplete: set[str] = set()
        self.failures: list[SyncFailure] = []
        self.counts = {"new": 0, "updated": 0, "unchanged": 0}
        self.skipped = 0
        self._list_total = len(targets) * pages
        self._list_done = 0
        self._scheduled: dict[str, str] = {}
        self._owners: dict[str, list[str]] = {}
        self._jobs: list[asyncio.Task[None]] = []
        self._done = 0
        self._listing = True
        # Fetches are bounded per host by the fetcher; this bounds the pages held in memory
        # while they wait to be prepared and stored, with room for fetches meanwhile.
        fetch = service.config.fetch
        self._limit = asyncio.Semaphore(2 * max(fetch.per_host, 1) + MAX_BATCH)
        self._writer = GroupWriter(service.cache)
        self._stage = _ArticleStage(service, {}, set(), preparer, self._writer)

    async def execute(self) -> SyncSummary:
        """Walk every section, sync every article found, and sum up."""
        list_failures: list[SyncFailure] = []
        try:
            walks = await asyncio.gather(*(self._walk(target) for target in self.targets))
            # In the order of the sections, as if they had been walked one after the other.
            for target, found in zip(self.targets, walks, strict=True):
                if found:
                    self.incomplete.add(target)
                list_failures.extend(found)
            self._listing = False
            self.report(SyncProgress("articles", self._done, len(self._scheduled)))
            await asyncio.gather(*self._jobs)
        finally:
            for job in self._jobs:
                job.cancel()
            await asyncio.gather(*self._jobs, return_exceptions=True)
            # Whatever was fetched and prepared is stored even when the sync is cancelled.
            await self._writer.aclose()
        # List failures first, then the articles' in the order they failed.
        self.failures[:0] = list_failures
        for failure in self.failures:
            self.incomplete.update(self._owners.get(article_key(failure.url), ()))
        return SyncSummary(
            new=self.counts["new"],
            updated=self.counts["updated"],
            unchanged=self.counts["unchanged"],
            failures=tuple(self.failures),
            skipped=self.skipped,
        )

    async def _walk(self, target: str) -> list[SyncFailure]:
        """Follow one section's list pages, scheduling their articles; return the failures."""
        service = self.service
        failures: list[SyncFailure] = []
        # Incremental: after a complete sync, a list page whose articles are all cached already
        # ends the paging (older pages were saved then). Its articles are still revalidated,
        # which costs a 304 each.
        incremental = service.cache.last_synced(target) is not None
        next_url: str | None = target
        seen: set[str] = set()
        for _ in range(self.pages):
            if next_url is None or next_url in seen:
                break
            seen.add(next_url)
            try:
                result = await service.list_page(next_url)
            except (FetchError, ParseError) as err:
                failures.append(SyncFailure(next_url, err.one_line()))
                break
            finally:
                self._list_done += 1
                self.report(SyncProgress("lists", self._list_done, self._list_total, next_url))
            if result.freshness is Freshness.STALE:
                failures.append(SyncFailure(next_url, _reason(result.error)))
                break
            self.skipped += result.value.skipped
            wanted = [
                item.url
                for item in result.value.items
                if not item.external and same_site(item.url, service.site_url)
            ]
            cached = service.cached_urls(wanted)
            self._schedule(target, wanted, cached)
            all_cached = bool(wanted) and len(cached) == len(wanted)
            if incremental and all_cached:
                self._list_total -= self.pages - len(seen)
                break
            next_url = result.value.next_url
        return failures

    def _schedule(self, target: str, urls: list[str], cached: set[str]) -> None:
        """Start syncing the articles of ``urls`` not yet started; note ``target`` owns them.

        Args:
            target: The section whose list page names them.
            urls: Article URLs, in the list's order.
            cached: Those of ``urls`` whose article is in the cache already.
        """
        fresh: list[str] = []
        for url in urls:
            key = article_key(url)
            self._owners.setdefault(key, []).append(target)
            if key not in self._scheduled:
                self._scheduled[key] = url
                fresh.append(url)
        if not fresh:
            return
        stage = self._stage
        stage.known.update(
            self.service.cache.page_validators(
                [u for url in fresh for u in dict.fromkeys((canonical_article_url(url), url))]
            )
        )
        stage.cached.update(url for url in fresh if url in cached)
        self._jobs.extend(asyncio.create_task(self._article(url)) for url in fresh)

    async def _article(self, url: str) -> None:
        try:
            # The limit covers fetching and preparing; the writer bounds what waits for it.
            async with self._limit:
                write = await self._stage.fetch(url)
            status = await self._stage.writer.put(write)
        except (FetchError, ParseError) as err:
            self.failures.append(SyncFailure(url, err.one_line()))
        else:
            self.counts[status or "unchanged"] += 1
        self._done += 1
        if not self._listing:
            self.report(SyncProgress("articles", self._done, len(self._scheduled), url))


@dataclass(slots=True)
class _ArticleStage:
    """Fetch one article (conditionally) and store it unless the server says it is unchanged.

    Attributes:
        service: The service whose fetcher and cache are used.
        known: ``(etag, last_modified)`` of the cached pages, read in one query beforehand.
        cached: The article URLs whose article is already in the cache.
        preparer: Parses pages and builds their rows.
        writer: Stores them in group commits.
    """

    service: NewsService
    known: dict[str, tuple[str | None, str | None]]
    cached: set[str]
    preparer: Preparer
    writer: GroupWriter

    async def fetch(self, url: str) -> Write:
        """Fetch the article at ``url`` and return what to write: its rows, or a touch (304).

        Raises:
            FetchError: The page could not be fetched.
            ParseError: It holds no article.
        """
        page = await self.service.fetch_article_page(url, self.known)
        if page.not_modified:
            if url in self.cached:
                return TouchPage(page.url, page.fetched_at)
            # Validators but no article (the page was stored while the parser failed on it,
            # say): parse the copy the server says is current.
            stored = self.service.cache.get_page(page.url)
            if stored is None or not stored.text:
                raise FetchError(f"unexpected 304 Not Modified for {page.url}", url=page.url)
            page = dataclasses.replace(stored, fetched_at=page.fetched_at)
        if not page.text:
            raise ParseError(f"empty page at {page.url}", url=page.url)
        return await self.preparer.prepare(page, canonical_article_url(url))


def _reason(error: Exception | None) -> str:
    if isinstance(error, NewsreaderError):
        return error.one_line()
    return str(error) if error else "unknown failure"
