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
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from newsreader.core.cache.store import PutResult, TouchPage
from newsreader.core.errors import FetchError, NewsreaderError, OfflineError, ParseError
from newsreader.core.ingest import MAX_BATCH, GroupWriter, Preparer, pool_size
from newsreader.core.models import Section
from newsreader.core.results import Freshness, SyncFailure, SyncSummary
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
        NewsreaderError: When the section tree itself cannot be fetched.
    """
    if service.offline:
        raise OfflineError("offline: sync needs the network; run it without --offline")
    report = progress or (lambda _p: None)
    # Articles first stored from now on count as "new since the last sync" (see mark_synced).
    started = time.time()
    report(SyncProgress("sections", 0, 1))
    tree = await service.sections()
    if tree.freshness is Freshness.STALE and tree.error is not None:
        raise tree.error
    report(SyncProgress("sections", 1, 1, service.site_url))

    if specs:
        targets = [await service.section_url(spec) for spec in specs]
    else:
        targets = _section_urls(tree.value, service.site_url)

    list_total = len(targets) * pages
    list_done = 0

    async def walk(target: str) -> _Walk:
        """Follow one section's list pages; sections are walked concurrently."""
        nonlocal list_done, list_total
        found = _Walk()
        # Incremental: after a complete sync, a list page whose articles are all cached already
        # ends the paging (older pages were saved then). Its articles are still revalidated,
        # which costs a 304 each.
        incremental = service.cache.last_synced(target) is not None
        next_url: str | None = target
        seen: set[str] = set()
        for _ in range(pages):
            if next_url is None or next_url in seen:
                break
            seen.add(next_url)
            try:
                result = await service.list_page(next_url)
            except (FetchError, ParseError) as err:
                found.failures.append(SyncFailure(next_url, err.one_line()))
                break
            finally:
                list_done += 1
                report(SyncProgress("lists", list_done, list_total, next_url))
            if result.freshness is Freshness.STALE:
                found.failures.append(SyncFailure(next_url, _reason(result.error)))
                break
            wanted = [
                item.url
                for item in result.value.items
                if not item.external and same_site(item.url, service.site_url)
            ]
            found.urls.extend(wanted)
            if incremental and wanted and len(service.cached_urls(wanted)) == len(wanted):
                list_total -= pages - len(seen)
                break
            next_url = result.value.next_url
        return found

    walks = await asyncio.gather(*(walk(target) for target in targets))
    failures: list[SyncFailure] = []
    articles: dict[str, str] = {}
    owners: dict[str, list[str]] = {}
    incomplete: set[str] = set()
    # Merged in the order of the sections, as if they had been walked one after the other.
    for target, found in zip(targets, walks, strict=True):
        failures.extend(found.failures)
        if found.failures:
            incomplete.add(target)
        for url in found.urls:
            articles.setdefault(article_key(url), url)
            owners.setdefault(article_key(url), []).append(target)

    counts = {"new": 0, "updated": 0, "unchanged": 0}
    done = 0
    # Fetches are bounded per host by the fetcher; this bounds the pages held in memory while
    # they wait to be prepared and stored, with room for the fetches to keep going meanwhile.
    limit = asyncio.Semaphore(2 * max(service.config.fetch.per_host, 1) + MAX_BATCH)
    urls = list(articles.values())
    known = service.cache.page_validators(
        [u for url in urls for u in dict.fromkeys((canonical_article_url(url), url))]
    )
    preparer = Preparer(pool_size(service.config, len(urls)))
    writer = GroupWriter(service.cache)
    stage = _ArticleStage(service, known, service.cached_urls(urls), preparer, writer)

    async def one(url: str) -> None:
        nonlocal done
        async with limit:
            try:
                status = await stage.run(url)
            except (FetchError, ParseError) as err:
                failures.append(SyncFailure(url, err.one_line()))
            else:
                counts[status] += 1
            done += 1
            report(SyncProgress("articles", done, len(articles), url))

    report(SyncProgress("articles", 0, len(articles)))
    try:
        await asyncio.gather(*(one(url) for url in urls))
    finally:
        # Whatever was fetched and prepared is stored even when the sync is cancelled.
        await writer.aclose()
        await preparer.aclose()
    for failure in failures:
        incomplete.update(owners.get(article_key(failure.url), ()))
    finished = time.time()
    for target in targets:
        if target not in incomplete:
            service.cache.mark_synced(target, finished, started_at=started)
    return SyncSummary(
        new=counts["new"],
        updated=counts["updated"],
        unchanged=counts["unchanged"],
        failures=tuple(failures),
    )


@dataclass(slots=True)
class _Walk:
    """What walking one section's list pages found: article URLs in order, and failures."""

    urls: list[str] = field(default_factory=list)
    failures: list[SyncFailure] = field(default_factory=list)


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
    known: Mapping[str, tuple[str | None, str | None]]
    cached: set[str]
    preparer: Preparer
    writer: GroupWriter

    async def run(self, url: str) -> PutResult:
        """Sync the article at ``url``; return what storing it did.

        Raises:
            FetchError: The page could not be fetched.
            ParseError: It holds no article.
        """
        page = await self.service.fetch_article_page(url, self.known)
        if page.not_modified:
            if url in self.cached:
                await self.writer.put(TouchPage(page.url, page.fetched_at))
                return "unchanged"
            # Validators but no article (the page was stored while the parser failed on it,
            # say): parse the copy the server says is current.
            stored = self.service.cache.get_page(page.url)
            if stored is None or not stored.text:
                raise FetchError(f"unexpected 304 Not Modified for {page.url}", url=page.url)
            page = dataclasses.replace(stored, fetched_at=page.fetched_at)
        if not page.text:
            raise ParseError(f"empty page at {page.url}", url=page.url)
        prepared = await self.preparer.prepare(page, canonical_article_url(url))
        status = await self.writer.put(prepared)
        assert status is not None  # an article write always has a result
        return status


def _reason(error: Exception | None) -> str:
    if isinstance(error, NewsreaderError):
        return error.one_line()
    return str(error) if error else "unknown failure"
