"""Sync's list phase: which sections a sync walks, and how deep it pages each of them.

**Paging: the depth of the last complete sync.** Every list page asked for is read, except after
a page whose articles are all *old*: first stored before the last complete sync of the section
finished. Paging stops there only when that sync went at least as deep as asked now (and never
with ``refresh``). Why that is exact when a list grows at the top, as news lists do: the old
articles were on the list when that sync walked it, and so were all the older ones after them,
at positions no deeper than that sync covered; it stored them all (it was complete). Articles
stored since (by an interrupted run, by reading) never count as old, so a deeper sync after a
shallow one, or after an interrupted one, walks every page it needs. A sync that stops early
covers as deep as the one it relies on; one that walks its pages covers as many as were asked
for.

A list page read since the section's sync window began (see :mod:`newsreader.core.sync`) is
read from the cache, without a request.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, NamedTuple

from newsreader.core.errors import FetchError, NewsreaderError, ParseError
from newsreader.core.models import ListPage, Section
from newsreader.core.results import Freshness, Result, SyncFailure
from newsreader.core.sources import reads_article
from newsreader.core.sync_progress import ListProgress
from newsreader.core.sync_store import SyncWindow
from newsreader.core.urls import same_site

if TYPE_CHECKING:
    from newsreader.core.service import NewsService

Stored = dict[str, tuple[float | None, float]]
"""``(first_seen, fetched_at)`` of the URLs already cached, by URL."""
Schedule = Callable[[str, list[str], Stored, float], None]
"""Queues the articles a section's list page names (see :meth:`ArticleQueue.schedule
<newsreader.core.sync_articles.ArticleQueue.schedule>`)."""


class Walked(NamedTuple):
    """What walking one section's list pages found.

    Attributes:
        failures: The list pages that failed (a failure ends the walk).
        depth: How many list pages deep the section is stored, if nothing failed.
        skipped: Entries the list pages had that could not be read.
    """

    failures: list[SyncFailure]
    depth: int
    skipped: int


def section_urls(sections: Sequence[Section], site_url: str) -> list[str]:
    """Return the list-page URLs of every section of the tree on the site, each once."""
    urls: list[str] = []
    for top in sections:
        for _, node in top.walk():
            if node.url and same_site(node.url, site_url) and node.url not in urls:
                urls.append(node.url)
    return urls


async def walk_section(
    service: NewsService,
    target: str,
    window: SyncWindow,
    *,
    pages: int,
    refresh: bool,
    progress: ListProgress,
    schedule: Schedule,
) -> Walked:
    """Follow one section's list pages, handing the articles each names to ``schedule``.

    Args:
        service: The service that fetches the pages.
        target: The section's first list page.
        window: The section's sync window.
        pages: List pages to follow at most.
        refresh: Walk every page asked for (no early stop).
        progress: The list phase's count.
        schedule: Queues a page's articles: ``(target, urls, stored, since)``.
    """
    failures: list[SyncFailure] = []
    skipped = 0
    # Paging may stop early only on the word of a complete sync at least this deep (see the
    # module's docstring).
    complete_at = window.complete_at
    may_stop = not refresh and window.complete_pages >= pages
    next_url: str | None = target
    seen: set[str] = set()
    for _ in range(pages):
        if next_url is None or next_url in seen:
            break
        seen.add(next_url)
        try:
            result = await _list_page(service, next_url, window.started_at)
        except (FetchError, ParseError) as err:
            failures.append(SyncFailure(next_url, err.one_line(), err))
            break
        finally:
            progress.page_done(next_url)
        if result.freshness is Freshness.STALE:
            error = result.error if isinstance(result.error, NewsreaderError) else None
            failures.append(SyncFailure(next_url, _reason(result.error), error))
            break
        skipped += result.value.skipped
        # What the source reads: a VSB site its own articles, a feed its items anywhere.
        wanted = [
            item.url
            for item in result.value.items
            if not item.external and reads_article(service.source, item.url)
        ]
        next_url = result.value.next_url
        del result  # a hostile list page may be huge: hold only what is needed
        stored = service.sync_store.stored_times(wanted)
        schedule(target, wanted, stored, window.started_at)
        if may_stop and _all_stored_by(complete_at, wanted, stored):
            progress.not_read(pages - len(seen))
            return Walked(failures, window.complete_pages, skipped)
    return Walked(failures, pages, skipped)


async def _list_page(service: NewsService, url: str, since: float) -> Result[ListPage]:
    """Return a list page: the copy read since ``since`` (in this window), else fetched."""
    hit = service.cached_list(url)
    if hit is not None and hit.fetched_at >= since:
        return hit
    return await service.list_page(url)


def _all_stored_by(when: float | None, urls: list[str], stored: Stored) -> bool:
    """True when there are ``urls`` and each was first stored at or before ``when``."""
    if when is None or not urls:
        return False
    firsts = (stored.get(url, (None, 0.0))[0] for url in urls)
    return all(first is not None and first <= when for first in firsts)


def _reason(error: Exception | None) -> str:
    if isinstance(error, NewsreaderError):
        return error.one_line()
    return str(error) if error else "unknown failure"
