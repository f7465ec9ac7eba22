"""Sync's article pipeline: pages prepared off the event loop, stored in group commits.

* :class:`Preparer` makes the job that parses a page and builds its rows (the search tokens,
  the model's JSON, its digest and compression, the compressed raw page);
* :class:`ArticleStage` fetches an article conditionally, with validators looked up beforehand;
* :class:`GroupWriter` runs those jobs in a thread, so that the event loop keeps fetching
  (and the TUI keeps painting) meanwhile, and stores what they return in group commits: the
  articles fetched while the previous batch was being prepared and written share the next
  one, and during a sync a lone article waits for company (up to :data:`LINGER` seconds, and
  never once nothing else is being fetched). Each article is still whole or absent after a
  crash.

The polite delay bounds a sync's rate (5 requests a second per host by default), far below what
one core prepares, so nothing here runs in other processes: see docs/PERFORMANCE.md.
"""

from __future__ import annotations

import asyncio
import dataclasses
import functools
from collections.abc import Callable, Sequence
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

__all__ = [
    "LINGER",
    "LINGER_BATCH",
    "MAX_BATCH",
    "ArticleStage",
    "BatchStore",
    "GroupWriter",
    "Job",
    "Preparer",
    "StoreArticle",
]

# Articles per group commit at most: a bigger transaction would hold the cache (and any reader
# in the TUI waiting for it) for longer than a frame.
MAX_BATCH = 32
# Seconds a sync's lone article waits for others to share its commit: at the default 5 articles
# a second, about five share one transaction (docs/PERFORMANCE.md, section 5) ...
LINGER = 1.0
# ... and articles that are company enough: past this, sharing saves little, and a kill would
# lose more work (faster syncs fill this long before the second is up).
LINGER_BATCH = 8


class BatchStore(Protocol):
    """Where a :class:`GroupWriter` commits (:class:`~newsreader.core.sync_store.SyncStore`)."""

    def apply(self, items: Sequence[Write]) -> list[PutResult | None]:
        """Write ``items`` in one transaction; return what storing each article did."""
        ...


Job = Callable[[], Write]
"""Work for a thread that returns what to write (an article's rows: see :meth:`Preparer.job`)."""


class Preparer:
    """Builds an article's rows with :func:`~newsreader.core.sync_store.prepare_article`.

    Args:
        parse: The source's article parser (``service.source.parse_article``).
        kind: The source's kind (``service.source.kind``): its articles' key space.
    """

    def __init__(self, parse: ParseArticle, kind: str | None = None) -> None:
        self._parse = parse
        self._kind = kind

    def job(self, page: FetchedPage, url: str) -> Job:
        """Return the work of preparing the article on ``page``, for a thread to run.

        The job raises :class:`~newsreader.core.errors.ParseError` when the page holds no
        article.
        """
        return functools.partial(prepare_article, page, url, self._parse, self._kind)


class GroupWriter:
    """Prepares and writes items in group commits, from a thread.

    :meth:`put` takes what to write, or a :data:`Job` that returns it. Jobs are run in the
    commit's own thread, back to back just before its transaction (never inside it): a fetched
    article then costs no thread wake-up of its own, and one wake-up of the event loop per
    batch instead of two per article (on a shared machine a wake-up after an idle gap costs a
    few tenths of a millisecond of CPU; docs/PERFORMANCE.md, section 5).

    Items that arrive while a batch is being prepared and written share the next one. With a
    ``linger``, a batch first waits for company, at most ``linger`` seconds and until
    ``enough`` items are pending, :meth:`flush` is called (the caller knows that nothing else is
    on its way) or :meth:`aclose`. A sync sets it: at the polite delay's 5 articles a second a
    lone commit (a transaction and an FTS5 segment each) costs more CPU than its share of a
    shared one. Each item is still whole or absent after a crash, and a waiter learns its result
    only once it is committed.

    Args:
        store: Where to write (``service.sync_store``).
        max_batch: Items per transaction at most.
        linger: Seconds a batch waits for company at most (0: commit at once).
        enough: Items that make a batch worth committing without waiting any longer.
    """

    def __init__(
        self,
        store: BatchStore,
        max_batch: int = MAX_BATCH,
        *,
        linger: float = 0.0,
        enough: int = LINGER_BATCH,
    ) -> None:
        self._store = store
        self._max = max_batch
        self._linger = linger
        self._enough = min(enough, max_batch)
        self._pending: list[tuple[Write | Job, asyncio.Future[PutResult | None]]] = []
        # Nothing else will come (flush) or the writer closes: no more waiting for company.
        self._hurry = False
        # Set when what is pending must be committed without waiting any longer.
        self._now = asyncio.Event()
        self._drainer: asyncio.Task[None] | None = None
        # Items handed over and not yet written, at most: a writer slower than the pages
        # arriving makes the callers wait instead of holding ever more pages in memory.
        self._room = asyncio.Semaphore(4 * max_batch)

    async def put(self, item: Write | Job, *, flush: bool = False) -> PutResult | None:
        """Store ``item`` (or what the job returns); return what storing an article did.

        Args:
            item: What to write, or a job that returns it (run in the commit's thread).
            flush: Nothing else is on its way: commit without waiting for company.

        Returns:
            ``new``, ``updated`` or ``unchanged`` for an article, ``None`` for a touch.

        Raises:
            CacheError: The transaction holding it failed (disk full, cache locked ...).
            Exception: What the job raised (a ``ParseError``: the page holds no article).
        """
        async with self._room:
            future: asyncio.Future[PutResult | None] = asyncio.get_running_loop().create_future()
            self._pending.append((item, future))
            self._hurry = self._hurry or flush
            if self._ready():
                self._now.set()
            if self._drainer is None or self._drainer.done():
                self._drainer = asyncio.create_task(self._drain(), name="group-commit")
            return await future

    def flush(self) -> None:
        """Commit what is pending without waiting for company: nothing else is coming."""
        self._hurry = True
        if self._pending:
            self._now.set()

    def _ready(self) -> bool:
        """True when the pending items are to be committed now."""
        if not self._pending:
            return False
        return self._linger <= 0 or self._hurry or len(self._pending) >= self._enough

    async def _drain(self) -> None:
        while self._pending:
            if not self._ready():
                await self._company()
            self._now.clear()
            batch, self._pending = self._pending[: self._max], self._pending[self._max :]
            try:
                outcomes = await asyncio.to_thread(self._write, [item for item, _ in batch])
            except Exception as err:  # noqa: BLE001 - handed to every waiter, who re-raises it
                for _, future in batch:
                    _fail(future, err)
            else:
                for (_, future), outcome in zip(batch, outcomes, strict=True):
                    if isinstance(outcome, Exception):
                        _fail(future, outcome)
                    elif not future.done():
                        future.set_result(outcome)

    def _write(self, items: list[Write | Job]) -> list[PutResult | Exception | None]:
        """Run the jobs among ``items``, then write in one transaction (in a thread).

        Returns:
            For each item: what storing it did, or what its job raised.

        Raises:
            CacheError: The transaction failed.
        """
        outcomes: list[PutResult | Exception | None] = [None] * len(items)
        writes: list[Write] = []
        where: list[int] = []
        for n, item in enumerate(items):
            try:
                writes.append(item() if callable(item) else item)
            except Exception as err:  # noqa: BLE001 - handed to its waiter, who re-raises it
                outcomes[n] = err
            else:
                where.append(n)
        if writes:
            for n, result in zip(where, self._store.apply(writes), strict=True):
                outcomes[n] = result
        return outcomes

    async def _company(self) -> None:
        """Wait until enough items are pending, :meth:`flush`, or ``linger`` seconds."""
        timer = asyncio.get_running_loop().call_later(self._linger, self._now.set)
        try:
            await self._now.wait()
        finally:
            timer.cancel()

    async def aclose(self) -> None:
        """Commit what is pending at once, and wait until all of it is written (or failed)."""
        self.flush()
        if self._drainer is not None:
            await asyncio.shield(self._drainer)


def _fail(future: asyncio.Future[PutResult | None], err: Exception) -> None:
    if not future.done():
        future.set_exception(err)


@dataclass(slots=True)
class ArticleStage:
    """Fetch one article (conditionally), for the :class:`GroupWriter` to store.

    Attributes:
        service: The service whose fetcher and sync store are used.
        known: ``(etag, last_modified)`` of the cached pages, read in one query beforehand.
        cached: The article URLs whose article is already in the cache.
        preparer: Makes the jobs that parse pages and build their rows.
    """

    service: NewsService
    known: dict[str, tuple[str | None, str | None]]
    cached: set[str]
    preparer: Preparer

    async def fetch(self, url: str) -> Write | Job:
        """Fetch the article at ``url``; return a touch (304) or the job preparing its rows.

        Raises:
            FetchError: The page could not be fetched.
            ParseError: It is empty (the job raises it when the page holds no article).
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
                return TouchPage(page.url, page.fetched_at, self.service.source.kind)
            # Validators but no article (the page was stored while the parser failed on it,
            # say): parse the copy the server says is current.
            stored = self.service.sync_store.stored_page(page.url)
            if stored is None or not stored.text:
                raise FetchError(
                    f"unexpected 304 Not Modified for {page.url}",
                    url=page.url,
                    reason="unexpected_304",
                )
            page = dataclasses.replace(stored, fetched_at=page.fetched_at)
        if not page.text:
            raise ParseError(f"empty page at {page.url}", url=page.url, reason="empty_page")
        return self.preparer.job(page, self.service.source.canonical_url(url))
