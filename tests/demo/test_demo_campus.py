"""The demo's second VSB site (another template, GBK) read by the VSB parsers through the service."""

from __future__ import annotations

import re
import urllib.request
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from newsreader.core.config import Config, FetchSettings
from newsreader.core.service import NewsService
from newsreader.core.sources import source_for
from newsreader.demo.campus import NEWS_PATH, NOTICE_PATH, CampusSite
from newsreader.demo.server import DemoServer
from newsreader.demo.site import DemoSite

FAST = FetchSettings(polite_delay=0.0, retries=0, deadline=10.0)
MENU = {
    "学校概况": ["学校简介", "现任领导"],
    "新闻中心": ["综合新闻", "学术动态", "媒体南湖"],
    "通知公告": [],
    "招生就业": ["本科招生", "就业信息"],
    "院系风采": ["机械工程学院", "信息工程学院"],
}


@pytest.fixture(scope="module")
def campus() -> CampusSite:
    return CampusSite()


@pytest.fixture(scope="module")
def server(campus: CampusSite) -> Iterator[DemoServer]:
    with DemoServer(campus) as running:
        yield running


@pytest.fixture
async def service(server: DemoServer, cache_dir: Path) -> AsyncIterator[NewsService]:
    config = Config(site_url=server.base_url, cache_dir=cache_dir, fetch=FAST)
    opened = NewsService.open(config, source_for(server.base_url))
    try:
        yield opened
    finally:
        await opened.aclose()


def raw(server: DemoServer, path: str) -> bytes:
    with urllib.request.urlopen(server.url(path), timeout=10) as response:
        assert response.status == 200
        assert response.headers["Content-Type"] == "text/html"
        return bytes(response.read())


def test_pages_are_gbk_on_another_template(server: DemoServer, campus: CampusSite) -> None:
    home = raw(server, "index.htm")
    with pytest.raises(UnicodeDecodeError):
        home.decode("utf-8")
    html = home.decode("gbk")
    assert 'charset=gb2312"' in html and "<!--Announced by Visual SiteBuilder 9-->" in html
    assert '<dl class="nav_sub">' in html and '<ul class="news_list">' in html
    assert '<table class="winstyle' in html
    # None of the first demo site's class names: a template of its own.
    for first_site in ("main-nav", "sub-nav", "list-box", "p_next", "art-title"):
        assert first_site not in html
    notices = raw(server, f"{NOTICE_PATH}.htm").decode("gbk")
    assert re.search(r'id="fanye\d+">共20条&nbsp;&nbsp;1/2&nbsp;&nbsp;首页&nbsp;上一页', notices)
    article = raw(server, campus.articles[0].path).decode("gbk")
    assert '<div id="vsb_content_2"><div class="v_news_content">' in article
    assert f'<META Name="PubDate" Content="{campus.articles[0].published}">' in article


async def test_sections_follow_the_menu(service: NewsService, server: DemoServer) -> None:
    sections = (await service.sections()).value
    assert {s.title: [c.title for c in s.children] for s in sections} == MENU
    news = next(s for s in sections if s.title == "新闻中心")
    assert news.children[0].url == server.url(f"{NEWS_PATH}.htm")
    notices = next(s for s in sections if s.title == "通知公告")
    assert notices.url == server.url(f"{NOTICE_PATH}.htm")


@pytest.mark.parametrize(("path", "pages"), [(NEWS_PATH, 3), (NOTICE_PATH, 2)])
async def test_lists_follow_the_pager_to_the_last_page(
    service: NewsService, server: DemoServer, campus: CampusSite, path: str, pages: int
) -> None:
    listed = await service.section_list(server.url(f"{path}.htm"), 10)
    assert len(listed.pages) == pages and listed.missing is None
    expected = campus.entries(path)
    assert [(i.title, i.date) for i in listed.items] == [(a.title, a.date) for a in expected]
    assert [i.url for i in listed.items] == [server.url(a.path) for a in expected]
    assert listed.pages[-1].value.next_url is None


async def test_articles_parse_with_the_shared_vsb_rules(
    service: NewsService, server: DemoServer, campus: CampusSite
) -> None:
    notices = campus.entries(NOTICE_PATH)
    article = (await service.article(server.url(notices[1].path))).value
    assert article.title == notices[1].title
    assert article.published == notices[1].published and article.date == notices[1].date
    assert article.source == notices[1].source and article.editor == notices[1].editor
    assert article.section == ("通知公告",)
    text = "".join(block.text for block in article.blocks)
    assert len(text) > 500 and "供稿" in text and "vsbcontent" not in text
    assert [i.url for i in article.images] == [server.url(f"__local/C/{notices[1].news_id}.png")]
    assert article.prev is not None and article.prev.title == notices[0].title
    assert article.next is not None and article.next.title == notices[2].title


def test_site_is_deterministic_and_seeded() -> None:
    site, again, other = CampusSite(), CampusSite(), CampusSite(seed=8)
    path = site.articles[3].path
    assert site.resolve(path) == again.resolve(path)
    assert [a.title for a in site.articles] != [a.title for a in other.articles]
    assert len({a.title for a in site.articles}) == len(site.articles)
    first = {a.title for a in DemoSite().articles}
    assert not first & {a.title for a in site.articles}
    assert len(site.entries(NEWS_PATH)) == 40 and len(site.entries("xwzx/xsdt")) == 6
    assert site.resolve("/nowhere.htm") is None and site.not_found().status == 404
