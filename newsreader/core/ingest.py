"""Sync's article pipeline: pages prepared off the event loop, stored in group commits.

A synced article costs about 0.5 ms of CPU to fetch, 0.4 ms to parse and 0.65 ms to turn into
rows (the search tokens, the model's JSON, its digest and compression, the compressed raw page),
then 0.45 ms of SQLite work. On one core that is about 500 articles/s at best, so a big sync
spreads it:

* :class:`Preparer` parses pages and builds their rows (:mod:`~newsreader.core.prepare`) in worker
  processes (:mod:`newsreader.core.workers`), or in a thread when a pool is not worth starting
  (few articles, one CPU, a polite delay that bounds the rate anyway);
* :class:`ArticleStage` fetches an article conditionally, with validators looked up beforehand;
* :class:`GroupWriter` stores what was prepared in group commits: the articles that finished
  while the previous transaction was being written share the next one. Each article is still
  whole or absent after a crash, and an idle writer commits a lone article at once.
"""

from __future__ import annotations

import asyncio
import dataclasses
import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsreader.core.cache.store import PutResult, StoreArticle, TouchPage, Write
from newsreader.core.errors import FetchError, ParseError, WorkerError, WorkerStartFailed
from newsreader.core.results import FetchedPage
from newsreader.core.urls import canonical_article_url
from newsreader.core.workers import WorkerPool

if TYPE_CHECKING:
    from newsreader.core.cache import Cache
    from newsreader.core.config import Config
    from newsreader.core.service import NewsService

# Below this many articles to fetch, starting worker processes (~0.2 s) costs more than it saves.
POOL_MIN_ARTICLES = 64
# With a polite delay of this much or more, fetching is slower than one core can prepare pages.
POOL_MAX_DELAY = 0.005
MAX_WORKERS = 4
# Articles per group commit at most: a bigger transaction would hold the cache (and any reader
# in the TUI waiting for it) for longer than a frame.
MAX_BATCH = 32


Prepare = Callable[[FetchedPage, str], "StoreArticle | str"]


def available_cpus() -> int:
    """Return the CPUs this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def pool_size(config: Config, articles: int, cpus: int | None = None) -> int:
    """Return how many worker processes a sync of ``articles`` articles should use (0: none).

    ``config.sync_workers`` decides when set; otherwise a pool is used when there is a spare CPU,
    enough articles to pay for starting it, and no polite delay that makes fetching the bound.

    Args:
        config: The run's configuration (``sync_workers``, the polite delay).
        articles: Articles the sync is about to fetch.
        cpus: CPUs to plan for; default those this process may run on.
    """
    if config.sync_workers is not None:
        return config.sync_workers
    count = available_cpus() if cpus is None else cpus
    if count < 2 or articles < POOL_MIN_ARTICLES or config.fetch.polite_delay >= POOL_MAX_DELAY:
        return 0
    # As many workers as CPUs, not one less: fetching and storing leave the main process idle
    # about half the time (waiting for the server and for SQLite), which a worker can use.
    return min(count, MAX_WORKERS)


class Preparer:
    """Runs :func:`~newsreader.core.prepare.prepare_page` in worker processes, or in a thread.

    Args:
        workers: Worker processes; 0 prepares in asyncio's default thread pool.
        prepare: The function to run instead (tests pass one that misbehaves); workers import it
            by module and name.
        pool: The worker pool to use instead of one of ``workers`` processes.
    """

    def __init__(
        self, workers: int, prepare: Prepare | None = None, *, pool: WorkerPool | None = None
    ) -> None:
        if prepare is None:
            # Imported here: it imports the parser, which the offline commands never load.
            from newsreader.core.prepare import prepare_page

            prepare = prepare_page
        self._prepare = prepare
        if pool is None and workers > 0:
            pool = WorkerPool(workers, preload=[prepare.__module__])
        self._pool = pool

    @property
    def workers(self) -> int:
        """Worker processes in use (0: pages are prepared in a thread)."""
        return 0 if self._pool is None else self._pool.size

    async def start(self) -> None:
        """Start the worker processes, if any, so that they are ready for the first page.

        When no process can be started here, pages are prepared in a thread instead; a worker
        that starts and exits at once is noticed by :meth:`prepare`, which does the same.
        """
        pool = self._pool
        if pool is not None:
            try:
                await pool.start()
            except OSError:
                # No process can be started here (no interpreter, a process limit).
                await self._drop(pool)

    async def prepare(self, page: FetchedPage, url: str) -> StoreArticle:
        """Return the rows of the article on ``page``.

        Raises:
            ParseError: The page holds no article, or its worker failed on it.
        """
        if self._pool is None:
            result = await asyncio.to_thread(self._prepare, page, url)
        else:
            pool = self._pool
            try:
                result = await pool.run(self._prepare, page, url)
            except (WorkerStartFailed, OSError):
                # Workers cannot run here (an interpreter that cannot import newsreader, none
                # at all, a process limit): pages are prepared in a thread from now on.
                result = await self._without_pool(pool, page, url)
            except WorkerError as err:
                # This page fails (it may be what killed its worker); the sync goes on, and the
                # pool replaces dead workers for the next pages.
                raise ParseError(f"{err.message} (on {page.url})", url=page.url) from err
        if isinstance(result, str):
            raise ParseError(result, url=page.url)
        return result

    async def _without_pool(
        self, pool: WorkerPool, page: FetchedPage, url: str
    ) -> StoreArticle | str:
        await self._drop(pool)
        return await asyncio.to_thread(self._prepare, page, url)

    async def _drop(self, pool: WorkerPool) -> None:
        """Prepare pages in a thread from now on."""
        if self._pool is pool:
            self._pool = None
            await pool.aclose()

    async def aclose(self) -> None:
        """Stop the worker processes."""
        if self._pool is not None:
            await self._pool.aclose()


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


@dataclass(slots=True)
class ArticleStage:
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
        try:
            page = await self.service.fetch_article_page(url, self.known)
            was_cached = url in self.cached
        finally:
            # Each article is fetched once a sync: what was looked up for it is no longer needed.
            for key in (url, canonical_article_url(url)):
                self.known.pop(key, None)
            self.cached.discard(url)
        if page.not_modified:
            if was_cached:
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
