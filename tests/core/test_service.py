"""NewsService: network first, cache as fallback, and where every answer came from."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import httpx
import pytest

from newsreader.core.cache import Cache
from newsreader.core.config import Config, FetchSettings
from newsreader.core.errors import NewsreaderError, NotCached, ParseError
from newsreader.core.http.fetcher import Fetcher
from newsreader.core.results import Freshness
from newsreader.core.service import NewsService
from newsreader.core.sync import SyncProgress, sync
from newsreader.demo.server import DemoServer
from newsreader.demo.site import DemoSite

FAST = FetchSettings(polite_delay=0.0, retries=0, deadline=10.0)


def make_service(site: str, cache_dir: Path, *, offline: bool = False) -> NewsService:
    config = Config(site_url=site, cache_dir=cache_dir, offline=offline, fetch=FAST)
    return NewsService.open(config)


async def test_fresh_then_revalidated_with_validators(
    fresh_demo_server: DemoServer, cache_dir: Path, demo_site: DemoSite
) -> None:
    url = fresh_demo_server.url(demo_site.articles[0].path)
    service = make_service(fresh_demo_server.base_url, cache_dir)
    try:
        first = await service.article(url)
        assert first.freshness is Freshness.FRESH
        second = await service.article(url)
        assert second.freshness is Freshness.FRESH
        assert second.value == first.value
        # The second request was conditional and answered 304.
        statuses = [
            s
            for (_, target, s) in fresh_demo_server.responses
            if target.endswith(demo_site.articles[0].path)
        ]
        assert statuses == [200, 304]
    finally:
        await service.aclose()


async def test_offline_serves_cache_and_never_fetches(
    fresh_demo_server: DemoServer, cache_dir: Path, demo_site: DemoSite
) -> None:
    url = fresh_demo_server.url(demo_site.articles[0].path)
    online = make_service(fresh_demo_server.base_url, cache_dir)
    await online.article(url)
    await online.aclose()
    fresh_demo_server.reset_log()
    offline = make_service(fresh_demo_server.base_url, cache_dir, offline=True)
    try:
        hit = await offline.article(url)
        assert hit.freshness is Freshness.CACHED
        with pytest.raises(NotCached):
            await offline.article(fresh_demo_server.url(demo_site.articles[1].path))
        with pytest.raises(NotCached):
            await offline.sections()
    finally:
        await offline.aclose()
    assert fresh_demo_server.requests == []


async def test_a_broken_page_keeps_the_last_good_copy(cache_dir: Path) -> None:
    article_url = "http://site.test/info/1/2.htm"
    good = (
        "<html><head><meta name='ArticleTitle' content='好的标题'></head><body>"
        "<form name='_newscontent_fromname'><div class='v_news_content'><p>正文内容。</p></div></form>"
        "</body></html>"
    )
    pages = {"good": True}

    def handler(request: httpx.Request) -> httpx.Response:
        body = good if pages["good"] else "<html><body><p></p></body></html>"
        return httpx.Response(200, text=body, headers={"Content-Type": "text/html; charset=utf-8"})

    config = Config(site_url="http://site.test/", cache_dir=cache_dir, fetch=FAST)
    fetcher = Fetcher(FAST, site_url=config.site_url, transport=httpx.MockTransport(handler))
    service = NewsService(config, Cache.open(config.cache_path()), fetcher=fetcher)
    try:
        fresh = await service.article(article_url)
        assert fresh.value.title == "好的标题"
        pages["good"] = False
        stale = await service.article(article_url)
        assert stale.freshness is Freshness.STALE
        assert isinstance(stale.error, ParseError)
        assert stale.value == fresh.value
        assert service.cached_article(article_url) is not None
        assert service.cached_article(article_url).value == fresh.value  # type: ignore[union-attr]
    finally:
        await service.aclose()


async def test_sync_reports_progress_and_failures(
    fresh_demo_server: DemoServer, cache_dir: Path, demo_site: DemoSite
) -> None:
    column = [a for a in demo_site.articles if a.column == "xhgz/tzgg"]
    broken = column[0]
    fresh_demo_server.fail_paths.add("/" + broken.path)
    fresh_demo_server.fail_status = 500
    service = make_service(fresh_demo_server.base_url, cache_dir)
    steps: list[SyncProgress] = []
    try:
        summary = await sync(service, ["协会工作/通知公告"], pages=5, progress=steps.append)
    finally:
        await service.aclose()
    assert summary.new == len(column) - 1
    assert [f.url for f in summary.failures] == [fresh_demo_server.url(broken.path)]
    assert "500" in summary.failures[0].reason
    last = [s for s in steps if s.phase == "articles"][-1]
    assert last.done == last.total == len(column)


async def test_memory_cache_when_the_cache_dir_is_unusable(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    service = make_service("http://site.test/", blocker / "cache", offline=True)
    try:
        assert any("in-memory" in note for note in service.notes)
        assert service.cached_sections() is None
    finally:
        await service.aclose()


def test_result_is_frozen() -> None:
    from newsreader.core.results import Result

    r = Result(1, Freshness.FRESH, 0.0)
    with pytest.raises(dataclasses.FrozenInstanceError):
        r.value = 2  # type: ignore[misc]


async def test_sync_refuses_to_run_offline(cache_dir: Path) -> None:
    from newsreader.core.errors import OfflineError

    service = make_service("http://site.test/", cache_dir, offline=True)
    try:
        with pytest.raises(OfflineError, match="sync needs the network"):
            await sync(service, ["新闻"])
    finally:
        await service.aclose()


async def test_an_interrupted_sync_is_resumed_in_full(
    fresh_demo_server: DemoServer, cache_dir: Path, demo_site: DemoSite
) -> None:
    column = [a for a in demo_site.articles if a.column == "xwzx/xw"]
    last_page_article = column[-1]
    fresh_demo_server.fail_paths.add("/" + last_page_article.path)
    fresh_demo_server.fail_status = 500
    service = make_service(fresh_demo_server.base_url, cache_dir)
    try:
        first = await sync(service, ["新闻资讯/新闻"], pages=3)
        assert first.new == len(column) - 1 and first.failed == 1
        fresh_demo_server.fail_paths.clear()
        # The first run did not finish cleanly: no early stop, the missing article is fetched.
        second = await sync(service, ["新闻资讯/新闻"], pages=3)
        assert second.new == 1 and second.unchanged == len(column) - 1
        # Now complete: the next run stops paging at the first page of cached articles.
        third = await sync(service, ["新闻资讯/新闻"], pages=3)
        assert third.unchanged == 20 and third.fetched == 0
    finally:
        await service.aclose()


async def test_a_redirected_304_in_sync_names_the_stored_copy(cache_dir: Path) -> None:
    asked = "http://s.cn/info/1/5.htm"

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/info/1/5.htm":
            return httpx.Response(301, headers={"Location": "http://s.cn/moved/5.htm"})
        assert request.headers.get("if-none-match") == '"e1"'
        return httpx.Response(304, headers={"ETag": '"e1"'})

    config = Config(site_url="http://s.cn/", cache_dir=cache_dir)
    fetcher = Fetcher(
        FetchSettings(respect_robots=False, polite_delay=0.0),
        site_url=config.site_url,
        transport=httpx.MockTransport(handler),
    )
    service = NewsService(config, Cache.memory(), fetcher=fetcher)
    try:
        page = await service.fetch_article_page(asked, {asked: ('"e1"', None)})
    finally:
        await service.aclose()
    assert page.not_modified and page.url == asked


async def test_the_site_name_is_read_off_the_event_loop(
    demo_server: DemoServer, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A home page may be megabytes: parsing it on the loop froze the TUI at every tree load.
    import threading

    service = make_service(demo_server.base_url, cache_dir)
    try:
        await service.sections()
        threads: list[int] = []
        parse = service.source.site_name

        def recorded(text: str) -> str | None:
            threads.append(threading.get_ident())
            return parse(text)

        monkeypatch.setattr(service.source, "site_name", recorded)
        assert await service.site_name() == "高校毕业生就业协会"
        assert threads and threading.get_ident() not in threads
    finally:
        await service.aclose()


async def test_a_closed_service_asks_nothing_more_of_the_network(
    fresh_demo_server: DemoServer, cache_dir: Path, demo_site: DemoSite
) -> None:
    # A worker of a source the reader removed may still ask its service for a page: it built
    # a new network client that nothing would ever close, and asked the host.
    home = make_service(fresh_demo_server.base_url, cache_dir)
    service = home.for_source(home.source)  # a source's service on the shared cache
    try:
        await service.article(fresh_demo_server.url(demo_site.articles[0].path))
        await service.aclose()
        fresh_demo_server.reset_log()
        with pytest.raises(NewsreaderError):
            await service.article(fresh_demo_server.url(demo_site.articles[1].path))
        assert fresh_demo_server.requests == []
    finally:
        await home.aclose()
