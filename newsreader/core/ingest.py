"""Sync's article pipeline: pages prepared off the event loop, stored in group commits.

* :class:`Preparer` parses a page and builds its rows (the search tokens, the model's JSON, its
  digest and compression, the compressed raw page) in asyncio's default thread pool, so that the
  event loop keeps fetching (and the TUI keeps painting) meanwhile;
* :class:`GroupWriter` stores what was prepared in group commits: the articles that finished
  while the previous transaction was being written share the next one. Each article is still
  whole or absent after a crash, and an idle writer commits a lone article at once.

The polite delay bounds a sync's rate (5 requests a second per host by default), far below what
one core prepares, so nothing here runs in other processes: see docs/PERFORMANCE.md.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from newsreader.core.cache.store import PutResult, StoreArticle, Write, article_row, page_row
from newsreader.core.results import FetchedPage

if TYPE_CHECKING:
    from newsreader.core.cache import Cache

# Articles per group commit at most: a bigger transaction would hold the cache (and any reader
# in the TUI waiting for it) for longer than a frame.
MAX_BATCH = 32


def prepare_page(page: FetchedPage, url: str) -> StoreArticle:
    """Parse an article page and build its rows (CPU work: runs in a thread).

    Args:
        page: The fetched page (with text).
        url: The URL to store the raw page under (the one it was asked as).

    Raises:
        ParseError: The page holds no article.
    """
    # Imported here: the offline commands never load the parser.
    from newsreader.core.parse import parse_article

    article = parse_article(page.text, page.url)
    return StoreArticle(page_row(page, url), article_row(article), page.fetched_at)


class Preparer:
    """Runs :func:`prepare_page` in asyncio's default thread pool."""

    async def prepare(self, page: FetchedPage, url: str) -> StoreArticle:
        """Return the rows of the article on ``page``.

        Raises:
            ParseError: The page holds no article.
        """
        return await asyncio.to_thread(prepare_page, page, url)


class GroupWriter:
    """Writes :data:`Write` items to the cache in group commits, from a thread.

    Args:
        cache: The cache to write to.
        max_batch: Items per transaction at most.
    """

    def __init__(self, cache: Cache, max_batch: int = MAX_BATCH) -> None:
        self._cache = cache
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
                results = await asyncio.to_thread(self._cache.apply, [w for w, _ in batch])
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
