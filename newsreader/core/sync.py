"""Sync: fetch sections, their list pages and every article on them into the cache.

Each article is committed in its own transaction, so an interrupted sync (Ctrl+C, a crash, a
``kill -9``) leaves every article whole or absent, and the next run resumes cheaply: pages already
cached are asked for with their validators and come back as 304.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from newsreader.core.errors import FetchError, NewsreaderError, OfflineError, ParseError
from newsreader.core.models import Section
from newsreader.core.results import Freshness, SyncFailure, SyncSummary
from newsreader.core.urls import article_key, same_site

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

    failures: list[SyncFailure] = []
    articles: dict[str, str] = {}
    owners: dict[str, list[str]] = {}
    incomplete: set[str] = set()
    list_total = len(targets) * pages
    list_done = 0
    for target in targets:
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
                failures.append(SyncFailure(next_url, err.one_line()))
                incomplete.add(target)
                break
            finally:
                list_done += 1
                report(SyncProgress("lists", list_done, list_total, next_url))
            if result.freshness is Freshness.STALE:
                failures.append(SyncFailure(next_url, _reason(result.error)))
                incomplete.add(target)
                break
            wanted = [
                item.url
                for item in result.value.items
                if not item.external and same_site(item.url, service.site_url)
            ]
            for url in wanted:
                articles.setdefault(article_key(url), url)
                owners.setdefault(article_key(url), []).append(target)
            if incremental and wanted and len(service.cached_urls(wanted)) == len(wanted):
                list_total -= pages - len(seen)
                break
            next_url = result.value.next_url

    counts = {"new": 0, "updated": 0, "unchanged": 0}
    done = 0
    limit = asyncio.Semaphore(max(service.config.fetch.per_host, 1))

    async def one(url: str) -> None:
        nonlocal done
        async with limit:
            try:
                result, status = await service.article_with_status(url)
            except (FetchError, ParseError) as err:
                failures.append(SyncFailure(url, err.one_line()))
            else:
                if result.freshness is Freshness.STALE:
                    failures.append(SyncFailure(url, _reason(result.error)))
                else:
                    counts[status] += 1
            done += 1
            report(SyncProgress("articles", done, len(articles), url))

    report(SyncProgress("articles", 0, len(articles)))
    await asyncio.gather(*(one(url) for url in articles.values()))
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


def _reason(error: Exception | None) -> str:
    if isinstance(error, NewsreaderError):
        return error.one_line()
    return str(error) if error else "unknown failure"
