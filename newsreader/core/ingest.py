"""Sync's article pipeline: pages prepared off the event loop, stored in group commits.

* :class:`Preparer` parses a page and builds its rows (the search tokens, the model's JSON, its
  digest and compression, the compressed raw page) in asyncio's default thread pool, so that the
  event loop keeps fetching (and the TUI keeps painting) meanwhile;
* :class:`ArticleStage` fetches an article conditionally, with validators looked up beforehand;
* :class:`GroupWriter` stores what was prepared in group commits: the articles that finished
  while the previous transaction was being written share the next one. Each article is still
  whole or absent after a crash, and an idle writer commits a lone article at once.

The polite delay bounds a sync's rate (5 requests a second per host by default), far below what
one core prepares, so nothing here runs in other processes: see docs/PERFORMANCE.md.
"""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from newsreader.core.errors import FetchError, ParseError
from newsreader.core.results import FetchedPage
from newsreader.core.sync_store import (
    ParseArticle,
    PutResult,
    StoreArticle,
    TouchPage,
    Write,
    prepare_article,
)

if TYPE_CHECKING:
    from newsreader.core.service import NewsService

__all__ = ["MAX_BATCH", "ArticleStage", "BatchStore", "GroupWriter", "Preparer", "StoreArticle"]

# Articles per group commit at most: a bigger transaction would hold the cache (and any reader
# in the TUI waiting for it) for longer than a frame.
MAX_BATCH = 32


class BatchStore(Protocol):
    """Where a :class:`GroupWriter` commits (:class:`~newsreader.core.sync_store.SyncStore`)."""

    def apply(self, items: Sequence[Write]) -> list[PutResult | None]:
        """Write ``items`` in one transaction; return what storing each article did."""
        ...


class Preparer:
    """Runs :func:`~newsreader.core.sync_store.prepare_article` in asyncio's thread pool.

    Args:
        parse: The source's article parser (``service.source.parse_article``).
    """

    def __init__(self, parse: ParseArticle) -> None:
        self._parse = parse

    async def prepare(self, page: FetchedPage, url: str) -> StoreArticle:
        """Return the rows of the article on ``page``.

        Raises:
            ParseError: The page holds no article.
        """
        return await asyncio.to_thread(prepare_article, page, url, self._parse)


class GroupWriter:
    """Writes :data:`Write` items in group commits, from a thread.

    Args:
        store: Where to write (``service.sync_store``).
        max_batch: Items per transaction at most.
    """

    def __init__(self, store: BatchStore, max_batch: int = MAX_BATCH) -> None:
        self._store = store
        self._max = max_batch
        self._pending: list[tuple[Write, asyncio.Future[PutResult | None]]] = []
        self._drainer: asyncio.Task[None] | None = None
        # Items handed over and not yet written, at most: a writer slower than the pages
        # arriving makes the callers wait instead of holding ever more pages in memory.
        self._room = asyncio.Semaphore(4 * max_batch)

    async def put(self, item: Write) -> PutResult | None:
        """Store ``item``; return what storing an article did (``None`` for a touch).

        Raises:
            CacheError: The transaction holding it failed (disk full, cache locked ...).
        """
        async with self._room:
            future: asyncio.Future[PutResult | None] = asyncio.get_running_loop().create_future()
            self._pending.append((item, future))
            if self._drainer is None or self._drainer.done():
                self._drainer = asyncio.create_task(self._drain(), name="group-commit")
            return await future

    async def _drain(self) -> None:
        while self._pending:
            batch, self._pending = self._pending[: self._max], self._pending[self._max :]
            try:
                results = await asyncio.to_thread(self._store.apply, [w for w, _ in batch])
            except Exception as err:  # noqa: BLE001 - handed to every waiter, who re-raises it
                for _, future in batch:
                    if not future.done():
                        future.set_exception(err)
            else:
                for (_, future), result in zip(batch, results, strict=True):
                    if not future.done():
                        future.set_result(result)

    async def aclose(self) -> None:
        """Wait until everything handed to :meth:`put` is written (or has failed)."""
        if self._drainer is not None:
            await asyncio.shield(self._drainer)


@dataclass(slots=True)
class ArticleStage:
    """Fetch one article (conditionally) and store it unless the server says it is unchanged.

    Attributes:
        service: The service whose fetcher and sync store are used.
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
        try:
            page = await self.service.fetch_article_page(url, self.known)
            was_cached = url in self.cached
        finally:
            # Each article is fetched once a sync: what was looked up for it is no longer needed.
            for key in (url, self.service.source.canonical_url(url)):
                self.known.pop(key, None)
            self.cached.discard(url)
        if page.not_modified:
            if was_cached:
                return TouchPage(page.url, page.fetched_at)
            # Validators but no article (the page was stored while the parser failed on it,
            # say): parse the copy the server says is current.
            stored = self.service.sync_store.stored_page(page.url)
            if stored is None or not stored.text:
                raise FetchError(f"unexpected 304 Not Modified for {page.url}", url=page.url)
            page = dataclasses.replace(stored, fetched_at=page.fetched_at)
        if not page.text:
            raise ParseError(f"empty page at {page.url}", url=page.url)
        return await self.preparer.prepare(page, self.service.source.canonical_url(url))
