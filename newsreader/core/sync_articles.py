"""Sync's article phase: every article the list pages name, fetched once and stored whole.

Articles are stored in group commits (:mod:`newsreader.core.ingest`): each transaction holds
whole articles, so an interrupted sync (Ctrl+C, a crash, a ``kill -9``) leaves every article whole
or absent.

Each article is queued as soon as a list page names it; a bounded set of tasks fetches what is
queued, so that the articles of the first sections are stored while the last ones are listed,
and a list of a hundred thousand links costs a queue entry each, not a task each. Progress is
still reported phase by phase: the articles' from when every list is read (their total is known
then), starting at those already done.
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import Sequence
from typing import TYPE_CHECKING

from newsreader.core.errors import FetchError, ParseError
from newsreader.core.ingest import LINGER, MAX_BATCH, ArticleStage, GroupWriter, Preparer
from newsreader.core.results import SyncFailure
from newsreader.core.sync_lists import Stored
from newsreader.core.sync_progress import ProgressCallback, SyncProgress

if TYPE_CHECKING:
    from newsreader.core.service import NewsService

FAILURES_KEPT = 100
"""Failures a summary keeps with their reasons; the rest are only counted."""


class ArticleQueue:
    """The articles of one sync's sections: each queued once, fetched, and stored.

    Which sections name each article is kept (a bit per section), with whether it failed (one
    more bit): a failed article leaves each section that names it incomplete.

    Attributes:
        counts: New, updated and unchanged articles so far.
        failures: The first :data:`FAILURES_KEPT` articles that failed, in the order they did.
        omitted: Failures past those, only counted.
    """

    def __init__(
        self,
        service: NewsService,
        targets: Sequence[str],
        preparer: Preparer,
        report: ProgressCallback,
    ) -> None:
        self.service = service
        self.report = report
        self.counts = {"new": 0, "updated": 0, "unchanged": 0}
        self.failures: list[SyncFailure] = []
        self.omitted = 0
        self._owners: dict[str, int] = {}
        self._bit = {target: 1 << n for n, target in enumerate(targets)}
        self._failed_bit = 1 << len(self._bit)
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

    def schedule(self, target: str, urls: list[str], stored: Stored, since: float) -> None:
        """Queue the articles of ``urls`` not yet queued; note that ``target`` names them.

        Those stored since the section's sync window began are kept without a request.

        Args:
            target: The section whose list page names them.
            urls: Article URLs, in the list's order.
            stored: ``(first_seen, fetched_at)`` of those of ``urls`` already cached.
            since: When the section's sync window began.
        """
        source = self.service.source
        bit = self._bit[target]
        fresh: list[str] = []
        for url in urls:
            key = source.article_key(url)
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
                [u for url in fresh for u in dict.fromkeys((source.canonical_url(url), url))]
            )
        )
        stage.cached.update(url for url in fresh if url in stored)
        self._queue.extend(fresh)
        for _ in range(min(len(self._queue), self._max_tasks - len(self._tasks))):
            self._tasks.add(asyncio.create_task(self._drain()))

    async def finish(self) -> None:
        """Once every list is read: report the articles' phase and wait for what is queued."""
        self._listing = False
        if self._idle():
            self._writer.flush()
        self.report(SyncProgress("articles", self._done, len(self._owners)))
        # No task starts once the lists are read: these are all there will be.
        await asyncio.gather(*list(self._tasks))

    async def aclose(self) -> None:
        """Stop what still runs and store whatever was fetched and prepared (even cancelled)."""
        tasks = list(self._tasks)
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        await self._writer.aclose()

    def failed_targets(self) -> set[str]:
        """Return the sections that name an article that failed."""
        failed: set[str] = set()
        for owners in self._owners.values():
            if owners & self._failed_bit:
                failed.update(t for t, bit in self._bit.items() if owners & bit)
        return failed

    async def _drain(self) -> None:
        """Sync queued articles until the queue is empty."""
        try:
            while self._queue:
                await self._article(self._queue.popleft())
        finally:
            # No await between finding the queue empty and leaving the set: schedule starts a
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
            if len(self.failures) < FAILURES_KEPT:
                self.failures.append(SyncFailure(url, err.one_line(), err))
            else:
                self.omitted += 1
        else:
            self.counts[status or "unchanged"] += 1
        self._done += 1
        if not self._listing:
            self.report(SyncProgress("articles", self._done, len(self._owners), url))
