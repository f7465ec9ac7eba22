"""Incremental sync: skip only what is known to be stored, per list page and per article.

A deeper sync after a shallow one walks the pages it never saw; a sync after an interrupted one
continues its window without asking again for what it stored (even on a site that sends no
validators); ``refresh`` starts over; a list of many broken links keeps a bounded number of
tasks and failure texts.
"""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

import pytest
from sync_sites import BrokenLinksSite

from newsreader.core import sync_articles
from newsreader.core.cache import Cache
from newsreader.core.cache import runs as runs_mod
from newsreader.core.config import Config, FetchSettings
from newsreader.core.parse import parse_list
from newsreader.core.service import NewsService
from newsreader.core.sync import SyncProgress, sync
from newsreader.demo.server import DemoServer
from newsreader.demo.site import DemoSite

FAST = FetchSettings(polite_delay=0.0, retries=0, deadline=10.0)
SECTION = "新闻资讯/新闻"
NEWS = "xwzx/xw"


def _service(server: DemoServer, cache_dir: Path) -> NewsService:
    return NewsService.open(Config(site_url=server.base_url, cache_dir=cache_dir, fetch=FAST))


def _articles_asked(server: DemoServer, since: int = 0) -> list[str]:
    return [r for r in server.requests[since:] if r.startswith("/info/")]


def _news_paths(site: DemoSite) -> list[str]:
    return ["/" + a.path for a in site.articles if a.column == NEWS]


async def test_a_deeper_sync_after_a_shallow_one_fetches_the_pages_it_never_saw(
    fresh_demo_server: DemoServer, cache_dir: Path, demo_site: DemoSite
) -> None:
    server = fresh_demo_server
    service = _service(server, cache_dir)
    try:
        first = await sync(service, [SECTION], pages=1)
        assert (first.new, first.failed) == (20, 0)
        deeper = await sync(service, [SECTION], pages=4)
        # Pages 2 and 3 (the last) were never saved: their 35 articles are fetched now.
        assert (deeper.new, deeper.unchanged, deeper.failed) == (35, 20, 0)
        assert service.cache.article_count() == 55
        for path in demo_site.lists.paths(NEWS):
            assert service.cached_list(server.url(path)) is not None
        # Now the section is known to be stored 4 pages deep: a sync of 4 or fewer pages
        # stops at the first page of old articles again.
        server.reset_log()
        again = await sync(service, [SECTION], pages=4)
        assert (again.new, again.unchanged) == (0, 20)
        assert not any(r.startswith("/xwzx/xw/") for r in server.requests)
    finally:
        await service.aclose()


async def test_paging_stops_only_at_articles_the_last_complete_sync_had_stored(
    fresh_demo_server: DemoServer, cache_dir: Path, demo_site: DemoSite
) -> None:
    server = fresh_demo_server
    service = _service(server, cache_dir)
    news = [a for a in demo_site.articles if a.column == NEWS]
    try:
        assert (await sync(service, [SECTION], pages=3)).new == 55
    finally:
        await service.aclose()
    # As if the site had published 40 articles since and an interrupted run had stored the
    # first 20 of them only: page 1 is all cached, but not by the complete sync, and page 2
    # holds articles never stored.
    with sqlite3.connect(cache_dir / "cache.sqlite3") as conn:
        (finished,) = conn.execute("SELECT finished_at FROM sync_runs").fetchone()
        page1 = [f"%/{a.news_id}.htm" for a in news[:20]]
        page2 = [f"%/{a.news_id}.htm" for a in news[20:40]]
        for pattern in page1:
            conn.execute(
                "UPDATE articles SET first_seen = ? WHERE url LIKE ?", (finished + 1, pattern)
            )
        for pattern in page2:
            conn.execute("DELETE FROM articles WHERE url LIKE ?", (pattern,))
    service = _service(server, cache_dir)
    try:
        resumed = await sync(service, [SECTION], pages=3)
    finally:
        await service.aclose()
    assert resumed.new == 20 and resumed.failed == 0


async def test_a_sync_after_an_interrupted_one_asks_for_no_article_it_stored(
    demo_site: DemoSite, cache_dir: Path
) -> None:
    with DemoServer(demo_site, delay=0.02) as server:
        server.validators = False  # every request for a stored article would download it again
        service = _service(server, cache_dir)
        stored: list[str] = []

        def progress(step: SyncProgress) -> None:
            if step.phase == "articles" and step.url:
                stored.append(step.url)

        try:
            task = asyncio.create_task(sync(service, [SECTION], pages=3, progress=progress))
            for _ in range(500):  # bounded: 10 s
                if len(stored) >= 10 or task.done():
                    break
                await asyncio.sleep(0.02)
            task.cancel()
            with pytest.raises(asyncio.CancelledError):
                await task
            kept = _cached_urls(service.cache)
            assert 10 <= len(kept) < 55
            server.reset_log()
            server.delay = 0
            second = await sync(service, [SECTION], pages=3)
            asked = _articles_asked(server)
            assert not {server.url(p.lstrip("/")) for p in asked} & kept
            assert len(asked) == 55 - len(kept)
            assert (second.new, second.unchanged, second.failed) == (55 - len(kept), len(kept), 0)
            assert second.resumed == 1
            # That run completed: the window is closed, the next sync asks again (in full,
            # since this site sends no validators) for the articles of page 1.
            server.reset_log()
            third = await sync(service, [SECTION], pages=3)
            assert len(_articles_asked(server)) == 20 and third.resumed == 0
        finally:
            await service.aclose()


def _cached_urls(cache: Cache) -> set[str]:
    assert cache.path is not None
    with sqlite3.connect(cache.path) as conn:
        return {url for (url,) in conn.execute("SELECT url FROM articles")}


async def test_failed_articles_are_retried_alone_and_refresh_asks_for_all(
    fresh_demo_server: DemoServer, cache_dir: Path, demo_site: DemoSite
) -> None:
    server = fresh_demo_server
    server.validators = False
    broken = _news_paths(demo_site)[25:28]
    server.fail_paths.update(broken)
    service = _service(server, cache_dir)
    try:
        first = await sync(service, [SECTION], pages=3)
        assert (first.new, first.failed) == (52, 3)
        server.fail_paths.clear()
        server.reset_log()
        second = await sync(service, [SECTION], pages=3)
        # Only what failed is asked for: the list pages read in this window come from the cache.
        assert sorted(r for r in server.requests if r != "/") == sorted(broken)
        assert (second.new, second.unchanged, second.resumed) == (3, 52, 1)
        # That run completed: a new window, in which an article of page 1 fails, so that
        # the window stays open. refresh begins a new one anyway, and walks every page asked
        # for: every article of the three pages is asked for again.
        server.fail_paths.add(_news_paths(demo_site)[5])
        third = await sync(service, [SECTION], pages=3)
        assert (third.unchanged, third.failed, third.resumed) == (19, 1, 0)
        server.fail_paths.clear()
        server.reset_log()
        refreshed = await sync(service, [SECTION], pages=3, refresh=True)
        assert len(_articles_asked(server)) == 55
        assert len([r for r in server.requests if r.startswith(f"/{NEWS}")]) == 3
        assert (refreshed.unchanged, refreshed.new, refreshed.resumed) == (55, 0, 0)
    finally:
        await service.aclose()


def test_sync_windows_open_continue_close_and_expire(tmp_path: Path) -> None:
    cache = Cache.open(tmp_path / "cache.sqlite3")
    a, b = "http://s.cn/a.htm", "http://s.cn/b.htm"
    try:
        first = cache.begin_sync([a, b], 100.0)
        assert first[a] == runs_mod.SyncWindow(started_at=100.0)
        # Neither completed: both windows continue.
        again = cache.begin_sync([a, b], 200.0)
        assert again[a].started_at == 100.0 and again[a].resumed
        cache.mark_synced(a, 250.0, started_at=100.0, pages=3)
        later = cache.begin_sync([a, b], 300.0)
        assert later[a] == runs_mod.SyncWindow(
            started_at=300.0, resumed=False, complete_at=250.0, complete_pages=3
        )
        assert later[b].started_at == 100.0 and later[b].resumed
        # refresh begins a new window; so does age, and a clock that went back.
        assert cache.begin_sync([b], 400.0, refresh=True)[b].started_at == 400.0
        stale = 400.0 + runs_mod.WINDOW_MAX_AGE
        assert cache.begin_sync([b], stale)[b] == runs_mod.SyncWindow(started_at=stale)
        assert cache.begin_sync([b], 50.0)[b].started_at == 50.0
        # A sync recorded without its depth (before schema v5) never lets paging stop early.
        cache.mark_synced(b, 60.0, started_at=50.0)
        assert cache.begin_sync([b], 70.0)[b].complete_pages == 0
    finally:
        cache.close()


async def test_a_list_of_many_broken_links_keeps_tasks_and_failure_texts_bounded(
    cache_dir: Path,
) -> None:
    site = BrokenLinksSite(links=600)
    with DemoServer(site) as server:
        listed = parse_list(site.hostile.body.decode(), server.url(f"{NEWS}.htm")).items
        service = _service(server, cache_dir)
        tasks: list[int] = []

        def progress(step: SyncProgress) -> None:
            tasks.append(len(asyncio.all_tasks()))

        try:
            summary = await sync(service, [SECTION], pages=1, progress=progress)
        finally:
            await service.aclose()
    assert len(listed) > 400  # well above the bound below, whatever a list parser keeps
    # Articles are fetched by a bounded set of tasks, not a task per link.
    assert max(tasks) < 250
    # Every failure is counted; the first ones are kept with their reasons.
    assert summary.failed == len(listed) and summary.fetched == 0
    assert len(summary.failures) == sync_articles.FAILURES_KEPT
    assert summary.failures_omitted == len(listed) - sync_articles.FAILURES_KEPT
    assert "404" in summary.failures[0].reason
