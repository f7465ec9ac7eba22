"""Sync's pipeline: pages prepared in a thread, group commits, and whole syncs over the demo site."""

from __future__ import annotations

import asyncio
from pathlib import Path

import factories
import pytest

from newsreader.core.cache import Cache
from newsreader.core.cache.article_rows import article_row
from newsreader.core.cache.page_rows import page_row
from newsreader.core.cache.write_batch import TouchPage
from newsreader.core.config import Config, FetchSettings
from newsreader.core.errors import CacheError, ParseError
from newsreader.core.ingest import GroupWriter, Preparer, StoreArticle
from newsreader.core.results import FetchedPage
from newsreader.core.service import NewsService
from newsreader.core.sources import source_for
from newsreader.core.sync import SyncProgress, sync
from newsreader.demo.server import DemoServer

FAST = FetchSettings(polite_delay=0.0, retries=0, deadline=10.0)
SECTION = "新闻资讯/新闻"


def _page(n: int, text: str | None = None) -> FetchedPage:
    body = text or f"<html><head><title>第{n}篇</title></head><body><div class='v_news_content'>"
    body += f"<p>第{n}篇正文，关于毕业生就业。</p></div></body></html>" if text is None else ""
    return FetchedPage(url=f"https://s.cn/info/1/{n}.htm", status=200, text=body, fetched_at=1.0)


async def test_preparer_builds_rows_or_says_why_not() -> None:
    preparer = Preparer(source_for("https://s.cn/").parse_article)
    ready = await asyncio.to_thread(preparer.job(_page(1), "https://s.cn/info/1/1.htm"))
    assert isinstance(ready, StoreArticle)
    assert ready.article.title == "第1篇" and ready.page.url == "https://s.cn/info/1/1.htm"
    with pytest.raises(ParseError, match="no article") as caught:
        await asyncio.to_thread(
            preparer.job(_page(2, "<html><body></body></html>"), "https://s.cn/x")
        )
    assert caught.value.one_line().count(ParseError.title) == 1


def _write(n: int) -> StoreArticle:
    return StoreArticle(page_row(_page(n)), article_row(factories.article(n)), 2.0)


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


async def test_a_sync_stores_searchable_articles_and_a_second_one_revalidates(
    demo_server: DemoServer, tmp_path: Path
) -> None:
    config = Config(site_url=demo_server.base_url, cache_dir=tmp_path, fetch=FAST)
    service = NewsService.open(config)
    try:
        first = await sync(service, [SECTION], pages=3)
        assert service.library.search("毕业生")  # indexed as they were stored
        again = await sync(service, [SECTION], pages=3)
    finally:
        await service.aclose()
    assert (first.new, first.failures) == (55, ())
    # Incremental: the first list page, all cached, ends the paging; its 20 are revalidated
    # (each answers 304 and is only touched).
    assert (again.new, again.updated, again.unchanged) == (0, 0, 20)


async def test_a_cancelled_sync_keeps_what_it_stored(
    demo_server: DemoServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = Config(site_url=demo_server.base_url, cache_dir=tmp_path, fetch=FAST)
    service = NewsService.open(config)
    fetch = service.fetch_article_page
    passed: list[str] = []
    held = asyncio.Event()  # never set: every article after the tenth waits for it
    ten_done = asyncio.Event()

    async def ten_then_wait(url: str, known: object) -> FetchedPage:
        if len(passed) >= 10:
            await held.wait()
        passed.append(url)
        return await fetch(url, known)  # type: ignore[arg-type]

    def progress(step: SyncProgress) -> None:
        if step.phase == "articles" and step.done >= 10:
            ten_done.set()

    monkeypatch.setattr(service, "fetch_article_page", ten_then_wait)
    try:
        task = asyncio.create_task(sync(service, [SECTION], pages=3, progress=progress))
        # Progress reports an article once its group commit is done.
        await asyncio.wait_for(ten_done.wait(), timeout=30)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        assert service.cache.article_count() == 10
        assert all(service.cache.get_article(url) is not None for url in passed)
    finally:
        await service.aclose()
    # Nothing of the cancelled sync is left running: the next one completes.
    service = NewsService.open(config)
    try:
        summary = await sync(service, [SECTION], pages=3)
    finally:
        await service.aclose()
    assert summary.failures == () and (summary.new, summary.unchanged) == (45, 10)


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
