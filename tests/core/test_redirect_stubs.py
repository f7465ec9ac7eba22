"""Home pages that are redirect stubs: the section tree comes from the page they point to."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from newsreader.core.cache import Cache
from newsreader.core.config import Config, FetchSettings
from newsreader.core.http.fetcher import Fetcher
from newsreader.core.parse.redirects import redirect_target
from newsreader.core.service import NewsService
from newsreader.demo.site import DemoSite

BASE = "http://site.test/"


@pytest.mark.parametrize(
    ("html", "target"),
    [
        ('<meta http-equiv="refresh" content="0; url=index.htm">', BASE + "index.htm"),
        ("<META HTTP-EQUIV=Refresh CONTENT='0;URL=/main/index.htm'>", BASE + "main/index.htm"),
        ('<meta content="0;url=index.htm" http-equiv="refresh">', BASE + "index.htm"),
        ('<script>window.location.href = "index.htm";</script>', BASE + "index.htm"),
        ("<script>location.replace('/index.htm')</script>", BASE + "index.htm"),
        ('<meta http-equiv="refresh" content="0; url=javascript:alert(1)">', None),
        ("<html><body>新闻</body></html>", None),
        ('<meta http-equiv="refresh" content="300">' + "x" * 5000, None),
    ],
)
def test_redirect_target(html: str, target: str | None) -> None:
    assert redirect_target(html, BASE) == target


async def test_sections_follow_a_meta_refresh_stub(tmp_path: Path) -> None:
    site = DemoSite()
    home = site.resolve("/index.htm")
    assert home is not None

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/":
            stub = '<html><head><meta http-equiv="refresh" content="0;url=index.htm"></head></html>'
            return httpx.Response(200, text=stub, headers={"Content-Type": "text/html"})
        if request.url.path == "/index.htm":
            return httpx.Response(200, content=home.body, headers={"Content-Type": "text/html"})
        return httpx.Response(404)

    settings = FetchSettings(polite_delay=0, retries=0, respect_robots=False)
    config = Config(site_url=BASE, cache_dir=tmp_path, fetch=settings)
    fetcher = Fetcher(settings, site_url=BASE, transport=httpx.MockTransport(handler))
    service = NewsService(config, Cache.open(config.cache_path()), fetcher=fetcher)
    try:
        tree = (await service.sections()).value
        assert [s.title for s in tree][:3] == ["协会概况", "政策法规", "新闻资讯"]
        assert tree[2].children[0].url == BASE + "xwzx/xw.htm"
    finally:
        await service.aclose()


async def test_a_redirected_home_page_is_kept_under_the_site_url(tmp_path: Path) -> None:
    site = DemoSite()
    home = site.resolve("/index.htm")
    assert home is not None
    seen: list[tuple[str, str | None]] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append((request.url.path, request.headers.get("if-none-match")))
        if request.url.path == "/":
            return httpx.Response(302, headers={"Location": "/index.htm"})
        if request.url.path == "/index.htm":
            if request.headers.get("if-none-match") == '"home"':
                return httpx.Response(304)
            headers = {"Content-Type": "text/html", "ETag": '"home"'}
            return httpx.Response(200, content=home.body, headers=headers)
        return httpx.Response(404)

    settings = FetchSettings(polite_delay=0, retries=0, respect_robots=False)
    config = Config(site_url=BASE, cache_dir=tmp_path, fetch=settings)
    fetcher = Fetcher(settings, site_url=BASE, transport=httpx.MockTransport(handler))
    service = NewsService(config, Cache.open(config.cache_path()), fetcher=fetcher)
    try:
        first = (await service.sections()).value
        # The site's name comes from the home page, looked up by the site's URL.
        assert await service.site_name() == "高校毕业生就业协会"
        second = (await service.sections()).value
        assert second == first
        # The second visit was conditional: the validators were found under the site's URL.
        assert seen[-1] == ("/index.htm", '"home"')
    finally:
        await service.aclose()
