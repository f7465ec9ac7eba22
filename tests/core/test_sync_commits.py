"""A sync's group commits: spaced-out articles share transactions, nothing is kept waiting.

At the polite delay articles arrive one by one; each used to be a transaction of its own. During
a sync the writer now lets a lone article wait for company (``ingest.LINGER`` seconds at most,
``ingest.LINGER_BATCH`` articles), and commits at once when nothing else is being fetched.
Here the wait is made a minute long, so that only company or "nothing else is coming"
can end it: a sync that finishes within the test's bound proves that the last articles were not
left waiting. What the reader does meanwhile (reading an article, a read mark) is written at
once, outside the sync's commits.
"""

from __future__ import annotations

import asyncio
import sqlite3
import threading
from collections.abc import Sequence
from contextlib import closing
from pathlib import Path

import pytest

from newsreader.core import sync as sync_mod
from newsreader.core import sync_articles
from newsreader.core.cache import Cache
from newsreader.core.config import Config, FetchSettings
from newsreader.core.errors import FetchError, ParseError
from newsreader.core.ingest import LINGER_BATCH, GroupWriter, Job, Preparer
from newsreader.core.results import FetchedPage
from newsreader.core.service import NewsService
from newsreader.core.sources import source_for
from newsreader.core.sync import sync
from newsreader.core.sync_store import Write
from newsreader.demo.server import DemoServer
from newsreader.demo.site import DemoSite

SECTION = "新闻资讯/新闻"
NEWS = "xwzx/xw"
# Spaced out as at the default delay, only faster: before, every article was committed alone.
SPACED = FetchSettings(polite_delay=0.02, retries=0, deadline=10.0)
BOUND = 30.0  # seconds; far below the minute a lingering commit would wait


def _service(server: DemoServer, cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> NewsService:
    monkeypatch.setattr(sync_articles, "LINGER", 60.0)
    config = Config(site_url=server.base_url, cache_dir=cache_dir, fetch=SPACED)
    return NewsService.open(config)


def _count_commits(service: NewsService, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    sizes: list[int] = []
    apply = service.sync_store.apply

    def counting(items: Sequence[Write]) -> list[str | None]:
        sizes.append(len(items))
        return apply(items)  # type: ignore[return-value]

    monkeypatch.setattr(service.sync_store, "apply", counting)
    return sizes


def _handed_over(monkeypatch: pytest.MonkeyPatch, count: int) -> asyncio.Event:
    """An event set once ``count`` fetched articles are handed to the writer to be stored."""
    done = asyncio.Event()
    made = 0

    class Counting(Preparer):
        def job(self, page: FetchedPage, url: str) -> Job:
            nonlocal made
            made += 1  # the job goes to the writer as soon as it is made
            if made == count:
                done.set()
            return super().job(page, url)

    monkeypatch.setattr(sync_mod, "Preparer", Counting)
    return done


def _broken() -> Write:
    raise ParseError("no article found on https://s.cn/x", url="https://s.cn/x")


async def test_a_last_job_that_fails_lets_the_writer_close(tmp_path: Path) -> None:
    cache = Cache.open(tmp_path / "cache.sqlite3")
    try:
        writer = GroupWriter(cache, linger=60.0)
        release = threading.Event()

        def broken_later() -> Write:
            release.wait(BOUND)
            return _broken()

        put = asyncio.create_task(writer.put(broken_later, flush=True))
        for _ in range(5):  # the writer is waiting for the job by now
            await asyncio.sleep(0)
        release.set()
        with pytest.raises(ParseError):
            await asyncio.wait_for(put, BOUND)
        # Nothing is pending or being prepared: closing must not wait for an item to come.
        await asyncio.wait_for(writer.aclose(), BOUND)

        writer = GroupWriter(cache, linger=60.0)
        page = FetchedPage(
            url="https://s.cn/info/1/1.htm",
            status=200,
            text="<html><head><title>第1篇</title></head><body>"
            "<div class='v_news_content'><p>第1篇正文。</p></div></body></html>",
            fetched_at=1.0,
        )
        good = Preparer(source_for("https://s.cn/").parse_article).job(page, page.url)
        puts = [asyncio.create_task(writer.put(job)) for job in (good, _broken)]
        await asyncio.sleep(0)  # both handed over, neither with company enough to commit
        await asyncio.wait_for(writer.aclose(), BOUND)
        stored, failed = await asyncio.gather(*puts, return_exceptions=True)
        assert stored == "new" and isinstance(failed, ParseError)
        assert cache.get_article(page.url) is not None
    finally:
        cache.close()


def _stored_keys(db_file: Path) -> set[str]:
    with closing(sqlite3.connect(f"file:{db_file}?mode=ro", uri=True)) as conn:
        return {url for (url,) in conn.execute("SELECT url FROM articles")}


async def test_spaced_out_articles_share_commits_and_the_last_are_not_kept_waiting(
    fresh_demo_server: DemoServer, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    service = _service(fresh_demo_server, cache_dir, monkeypatch)
    sizes = _count_commits(service, monkeypatch)
    try:
        summary = await asyncio.wait_for(sync(service, [SECTION], pages=3), BOUND)
    finally:
        await service.aclose()
    assert (summary.new, summary.failed) == (55, 0)
    # Each commit but the last had company; the last went as soon as nothing else was coming.
    assert sum(sizes) == 55
    assert all(size >= LINGER_BATCH for size in sizes[:-1]), sizes


async def test_articles_failing_last_do_not_keep_the_stored_ones_waiting(
    fresh_demo_server: DemoServer, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    service = _service(fresh_demo_server, cache_dir, monkeypatch)
    # The first 50 articles asked for are stored; the last 5 fail, once those 50 are handed over.
    handed = _handed_over(monkeypatch, 50)
    fetch = service.fetch_article_page
    calls = 0

    async def fail_after_fifty(url: str, known: object) -> FetchedPage:
        nonlocal calls
        calls += 1
        if calls > 50:
            await handed.wait()
            raise FetchError(f"refused {url}", url=url)
        return await fetch(url, known)  # type: ignore[arg-type]

    monkeypatch.setattr(service, "fetch_article_page", fail_after_fifty)
    try:
        summary = await asyncio.wait_for(sync(service, [SECTION], pages=3), BOUND)
    finally:
        await service.aclose()
    assert (summary.new, summary.failed) == (50, 5)
    assert len(_stored_keys(cache_dir / "cache.sqlite3")) == 50


async def test_reading_during_a_sync_is_written_at_once_while_the_sync_waits_for_company(
    fresh_demo_server: DemoServer,
    cache_dir: Path,
    demo_site: DemoSite,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    server = fresh_demo_server
    service = _service(server, cache_dir, monkeypatch)
    three = _handed_over(monkeypatch, 3)
    held = asyncio.Event()
    fetch = service.fetch_article_page
    calls = 0

    async def three_then_hold(url: str, known: object) -> FetchedPage:
        nonlocal calls
        calls += 1
        if calls > 3:
            await held.wait()
        return await fetch(url, known)  # type: ignore[arg-type]

    monkeypatch.setattr(service, "fetch_article_page", three_then_hold)
    other = next(a for a in demo_site.articles if a.column != NEWS)
    other_url = server.url(other.path)
    db_file = cache_dir / "cache.sqlite3"
    try:
        task = asyncio.create_task(sync(service, [SECTION], pages=3))
        await asyncio.wait_for(three.wait(), BOUND)
        # The three fetched articles wait for company in the writer: none is stored yet ...
        assert _stored_keys(db_file) == set()
        # ... while an article the reader opens, and its read mark, are stored at once.
        read = await service.article(other_url)
        assert service.library.mark_read(other_url)
        assert _stored_keys(db_file) == {read.value.url}
        with closing(sqlite3.connect(f"file:{db_file}?mode=ro", uri=True)) as conn:
            assert conn.execute("SELECT count(read_at) FROM article_state").fetchone()[0] == 1
        held.set()
        summary = await asyncio.wait_for(task, BOUND)
    finally:
        held.set()
        await service.aclose()
    assert (summary.new, summary.failed) == (55, 0)
    assert len(_stored_keys(db_file)) == 56
