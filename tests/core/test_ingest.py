"""Sync's pipeline: worker processes, group commits, and a sync run with and without workers."""

from __future__ import annotations

import asyncio
import dataclasses
import os
import sqlite3
from pathlib import Path

import ingest_helpers
import pytest

from newsreader.core.cache import Cache
from newsreader.core.cache.store import TouchPage, article_row, page_row
from newsreader.core.config import Config, FetchSettings
from newsreader.core.errors import (
    CacheError,
    JobFailed,
    NewsreaderError,
    ParseError,
    WorkerDied,
)
from newsreader.core.ingest import (
    MAX_WORKERS,
    POOL_MIN_ARTICLES,
    GroupWriter,
    Preparer,
    StoreArticle,
    pool_size,
)
from newsreader.core.models import Article, Block
from newsreader.core.results import FetchedPage
from newsreader.core.service import NewsService
from newsreader.core.sync import SyncProgress, sync
from newsreader.core.workers import WorkerPool
from newsreader.demo.server import DemoServer
from newsreader.demo.site import DemoSite

FAST = FetchSettings(polite_delay=0.0, retries=0, deadline=10.0)
SECTION = "新闻资讯/新闻"


def test_pool_size_follows_cpus_articles_and_delay() -> None:
    fast = Config(fetch=FAST)
    many = POOL_MIN_ARTICLES
    assert pool_size(fast, many, cpus=1) == 0  # no spare CPU
    assert pool_size(fast, many - 1, cpus=8) == 0  # too few articles to pay for a start
    assert pool_size(Config(), many, cpus=8) == 0  # the default polite delay bounds the rate
    assert pool_size(fast, many, cpus=2) == 2
    assert pool_size(fast, 10_000, cpus=64) == MAX_WORKERS
    assert pool_size(dataclasses.replace(fast, sync_workers=3), 1, cpus=1) == 3
    assert pool_size(dataclasses.replace(fast, sync_workers=0), 10_000, cpus=64) == 0


async def test_worker_pool_runs_jobs_reports_failures_and_replaces_dead_workers() -> None:
    pool = WorkerPool(2, max_restarts=1)
    try:
        results = await asyncio.gather(*(pool.run(ingest_helpers.square, n) for n in range(40)))
        assert results == [n * n for n in range(40)]
        with pytest.raises(JobFailed, match="ValueError: 坏了"):
            await pool.run(ingest_helpers.fail, "坏了")
        with pytest.raises(WorkerDied):
            await pool.run(ingest_helpers.die, 3)
        # The dead worker is replaced (one restart allowed), and jobs keep running.
        assert await pool.run(ingest_helpers.square, 7) == 49
        # Jobs in flight together go to the least busy worker.
        pids = await asyncio.gather(*(pool.run(ingest_helpers.worker_pid) for _ in range(8)))
        assert len(set(pids)) == 2
        with pytest.raises(WorkerDied):
            await pool.run(ingest_helpers.die, 4)
        # No restart left: the pool goes on with the one worker it has.
        assert await pool.run(ingest_helpers.square, 3) == 9
    finally:
        await pool.aclose()
    with pytest.raises(WorkerDied, match="closed"):
        await pool.run(ingest_helpers.square, 1)


def _page(n: int, text: str | None = None) -> FetchedPage:
    body = text or f"<html><head><title>第{n}篇</title></head><body><div class='v_news_content'>"
    body += f"<p>第{n}篇正文，关于毕业生就业。</p></div></body></html>" if text is None else ""
    return FetchedPage(url=f"https://s.cn/info/1/{n}.htm", status=200, text=body, fetched_at=1.0)


async def test_a_dead_workers_last_words_are_in_its_error_and_its_chatter_never_blocks() -> None:
    pool = WorkerPool(1, max_restarts=1)
    try:
        # 1 MB on stderr is sixteen times what a pipe holds: read as it comes, it blocks nothing.
        assert await pool.run(ingest_helpers.chatter, 1 << 20) == 1 << 20
        with pytest.raises(WorkerDied, match=r"exited: MemoryError: 坏了$"):
            await pool.run(ingest_helpers.die_saying, "MemoryError: \x1b坏了")
    finally:
        await pool.aclose()


@pytest.mark.parametrize("workers", [0, 1])
async def test_preparer_builds_rows_or_says_why_not(workers: int) -> None:
    preparer = Preparer(workers, prepare=ingest_helpers.prepare_or_die)
    try:
        ready = await preparer.prepare(_page(1), "https://s.cn/info/1/1.htm")
        assert isinstance(ready, StoreArticle)
        assert ready.article.title == "第1篇" and ready.page.url == "https://s.cn/info/1/1.htm"
        with pytest.raises(ParseError, match="no article") as caught:
            await preparer.prepare(_page(2, "<html><body></body></html>"), "https://s.cn/x")
        # The reason reads as it would have without workers: one title, then the message.
        assert caught.value.one_line().count(ParseError.title) == 1
    finally:
        await preparer.aclose()


async def test_a_page_that_kills_its_worker_fails_alone() -> None:
    preparer = Preparer(1, prepare=ingest_helpers.prepare_or_die)
    poisoned = _page(9, f"<html><body><p>{ingest_helpers.POISON}</p></body></html>")
    try:
        with pytest.raises(ParseError, match="exited"):
            await preparer.prepare(poisoned, poisoned.url)
        ready = await preparer.prepare(_page(10), _page(10).url)
        assert ready.article.title == "第10篇"
    finally:
        await preparer.aclose()


@pytest.mark.parametrize("executable", ["/bin/false", "/nonexistent/python3"])
async def test_workers_that_cannot_start_leave_the_work_to_a_thread(executable: str) -> None:
    # /bin/false starts and exits at once (as an interpreter that cannot import newsreader
    # would); a missing interpreter cannot be started at all.
    pool = WorkerPool(2, executable=executable)
    preparer = Preparer(2, pool=pool)
    try:
        pages = [_page(n) for n in range(6)]
        ready = await asyncio.gather(*(preparer.prepare(p, p.url) for p in pages))
        assert [r.article.title for r in ready] == [f"第{n}篇" for n in range(6)]
        assert preparer.workers == 0
    finally:
        await preparer.aclose()


def _write(n: int) -> StoreArticle:
    article = Article(
        url=f"https://s.cn/info/1/{n}.htm", title=f"标题{n}", blocks=(Block("paragraph", "正文"),)
    )
    return StoreArticle(page_row(_page(n)), article_row(article), 2.0)


async def test_group_writer_commits_what_arrives_together(tmp_path: Path) -> None:
    cache = Cache.open(tmp_path / "cache.sqlite3")
    sizes: list[int] = []
    apply = cache.apply

    def counting(items):  # type: ignore[no-untyped-def]
        sizes.append(len(items))
        return apply(items)

    cache.apply = counting  # type: ignore[method-assign]
    writer = GroupWriter(cache, max_batch=16)
    try:
        results = await asyncio.gather(*(writer.put(_write(n)) for n in range(100)))
        assert results == ["new"] * 100
        again = await writer.put(_write(5))
        touched = await writer.put(TouchPage("https://s.cn/info/1/6.htm", 9.0))
        await writer.aclose()
        assert again == "unchanged" and touched is None
        # Puts that arrive together share transactions of at most 16; a put to an idle writer
        # is committed alone, at once.
        assert sizes[:7] == [16] * 6 + [4] and sizes[7:] == [1, 1]
        hit = cache.get_article("https://s.cn/info/1/6.htm")
        assert hit is not None and hit[1] == 9.0
        assert {h.title for h in cache.search("标题", 200)} == {f"标题{n}" for n in range(100)}
    finally:
        cache.close()


async def test_group_writer_hands_a_failed_commit_to_every_waiter(tmp_path: Path) -> None:
    cache = Cache.open(tmp_path / "cache.sqlite3")

    def full(items):  # type: ignore[no-untyped-def]
        raise CacheError("the disk holding the cache is full")

    cache.apply = full  # type: ignore[method-assign]
    writer = GroupWriter(cache)
    try:
        results = await asyncio.gather(
            *(writer.put(_write(n)) for n in range(5)), return_exceptions=True
        )
        assert all(isinstance(r, CacheError) for r in results)
    finally:
        cache.close()


def _snapshot(path: Path) -> list[tuple[str, str, str]]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT key, digest, title FROM articles ORDER BY key").fetchall()
    finally:
        conn.close()


async def test_sync_with_workers_stores_what_sync_in_a_thread_does(
    demo_server: DemoServer, tmp_path: Path
) -> None:
    summaries = {}
    for workers in (0, 2):
        config = Config(
            site_url=demo_server.base_url,
            cache_dir=tmp_path / str(workers),
            fetch=FAST,
            sync_workers=workers,
        )
        service = NewsService.open(config)
        try:
            summaries[workers] = await sync(service, [SECTION], pages=3)
            # Searching works on what the workers indexed.
            hits = service.search("毕业生")
            assert hits
        finally:
            await service.aclose()
    assert summaries[0].new == summaries[2].new == 55
    assert summaries[0].failures == summaries[2].failures == ()
    assert _snapshot(tmp_path / "0" / "cache.sqlite3") == _snapshot(
        tmp_path / "2" / "cache.sqlite3"
    )

    # A second sync with workers: every page answers 304 and is only touched.
    config = Config(
        site_url=demo_server.base_url, cache_dir=tmp_path / "2", fetch=FAST, sync_workers=2
    )
    service = NewsService.open(config)
    try:
        again = await sync(service, [SECTION], pages=3)
    finally:
        await service.aclose()
    # Incremental: the first list page, all cached, ends the paging; its 20 are revalidated.
    assert (again.new, again.updated, again.unchanged) == (0, 0, 20)


async def test_a_cancelled_sync_stops_its_workers_and_keeps_what_it_stored(
    demo_site: DemoSite, tmp_path: Path
) -> None:
    with DemoServer(demo_site, delay=0.02) as server:
        config = Config(site_url=server.base_url, cache_dir=tmp_path, fetch=FAST, sync_workers=2)
        service = NewsService.open(config)
        stored: list[str] = []

        def progress(step: SyncProgress) -> None:
            if step.phase == "articles" and step.url:
                stored.append(step.url)

        try:
            task = asyncio.create_task(sync(service, [SECTION], pages=3, progress=progress))
            for _ in range(500):  # bounded: 10 s
                if len(stored) >= 10:
                    break
                await asyncio.sleep(0.02)
            task.cancel()
            with pytest.raises(asyncio.CancelledError):
                await task
            kept = service.cache.article_count()
            assert 10 <= kept < 55
            # Progress reports an article once its group commit is done: all of them are kept.
            assert all(service.cache.get_article(url) is not None for url in stored)
        finally:
            await service.aclose()
        # Nothing of the cancelled sync is left running: the next one completes.
        service = NewsService.open(config)
        try:
            summary = await sync(service, [SECTION], pages=3)
        finally:
            await service.aclose()
        assert summary.failures == () and summary.new + summary.unchanged == 55


async def test_progress_comes_phase_by_phase_while_the_work_overlaps(
    demo_server: DemoServer, tmp_path: Path
) -> None:
    config = Config(site_url=demo_server.base_url, cache_dir=tmp_path, fetch=FAST)
    service = NewsService.open(config)
    steps: list[SyncProgress] = []
    try:
        summary = await sync(service, pages=2, progress=steps.append)
    finally:
        await service.aclose()
    order = {"sections": 0, "lists": 1, "articles": 2}
    phases = [order[step.phase] for step in steps]
    assert phases == sorted(phases)  # never back to an earlier phase
    articles = [step for step in steps if step.phase == "articles"]
    # The first article step comes when every list is read: its total is final, and the
    # articles done while the lists were read are already counted.
    assert {step.total for step in articles} == {summary.new + summary.failed}
    assert [step.done for step in articles] == list(range(articles[0].done, articles[-1].done + 1))
    assert articles[-1].done == articles[-1].total


def _worker_children() -> list[int]:
    """PIDs of this process's live worker processes (Linux /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            status = (entry / "status").read_text()
            cmdline = (entry / "cmdline").read_bytes()
        except OSError:
            continue  # exited meanwhile
        ppid = next(line.split()[1] for line in status.splitlines() if line.startswith("PPid:"))
        state = next(line.split()[1] for line in status.splitlines() if line.startswith("State:"))
        if int(ppid) == os.getpid() and state != "Z" and b"newsreader.core.worker_main" in cmdline:
            found.append(int(entry.name))
    return found


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads /proc")
async def test_workers_start_before_the_first_fetch_and_stop_when_the_tree_fails(
    demo_site: DemoSite, tmp_path: Path
) -> None:
    # Every answer takes 0.5 s: the workers are up while the section tree is still on its way.
    with DemoServer(demo_site, delay=0.5) as server:
        config = Config(site_url=server.base_url, cache_dir=tmp_path, fetch=FAST, sync_workers=2)
        service = NewsService.open(config)
        try:
            task = asyncio.create_task(sync(service, [SECTION], pages=1))
            await asyncio.sleep(0.3)
            assert len(_worker_children()) == 2 and service.cache.article_count() == 0
            summary = await task
        finally:
            await service.aclose()
        assert summary.new == 20 and _worker_children() == []

    # Nothing answers: the sync fails on the tree, and the workers it started are gone.
    config = Config(
        site_url=server.base_url, cache_dir=tmp_path / "down", fetch=FAST, sync_workers=2
    )
    service = NewsService.open(config)
    try:
        with pytest.raises(NewsreaderError):
            await sync(service, [SECTION], pages=1)
    finally:
        await service.aclose()
    assert _worker_children() == []
