"""section_feed(): which cached articles a section's feed holds, and the dates they carry."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import feedparser
import httpx
import pytest
from atom_check import atom_problems
from factories import article

from newsreader.core.cache import Cache
from newsreader.core.config import Config, FetchSettings
from newsreader.core.http.fetcher import Fetcher
from newsreader.core.models import ListItem, ListPage, Section
from newsreader.core.render.atom import CHINA, entry_id, section_feed
from newsreader.core.service import NewsService

SITE = "https://s.cn/"
LIST = "https://s.cn/xwzx/xw.htm"
PAGE2 = "https://s.cn/xwzx/xw/2.htm"
FETCHED = datetime(2026, 2, 3, 4, 5, 6, tzinfo=CHINA).timestamp()
NOW = datetime(2026, 3, 1, tzinfo=CHINA)


def _no_network(request: httpx.Request) -> httpx.Response:
    raise AssertionError(f"the feed asked the network for {request.url}")


@pytest.fixture
def service(tmp_path: Path) -> Iterator[NewsService]:
    config = Config(site_url=SITE, cache_dir=tmp_path, fetch=FetchSettings(polite_delay=0))
    fetcher = Fetcher(config.fetch, site_url=SITE, transport=httpx.MockTransport(_no_network))
    cache = Cache.open(tmp_path / "cache.sqlite3")
    sections = (Section("新闻资讯", None, (Section("新闻", LIST),)),)
    cache.put_sections(SITE, sections, FETCHED)
    yield NewsService(config, cache, fetcher=fetcher)
    cache.close()


def _store(service: NewsService, *pages: ListPage) -> None:
    for page in pages:
        service.cache.put_list_page(page, FETCHED)


async def test_the_feed_holds_the_cached_articles_of_every_cached_list_page(
    service: NewsService,
) -> None:
    first = ListPage(
        LIST,
        (
            ListItem("标题1", "https://s.cn/info/1/1.htm", "2024-09-01"),
            ListItem("外站", "https://other.cn/info/1/9.htm", "2024-09-30", external=True),
            ListItem("未存", "https://s.cn/info/1/5.htm", "2024-09-30"),
            # Listed in its dynamic form: the cache finds it by identity.
            ListItem(
                "标题2",
                "https://s.cn/content.jsp?urltype=news.NewsContentUrl&wbtreeid=1&wbnewsid=2",
                "2024-09-05",
            ),
        ),
        next_url=PAGE2,
        column="新闻",
    )
    second = ListPage(PAGE2, (ListItem("标题3", "https://s.cn/info/1/3.htm"),))
    _store(service, first, second)
    service.cache.put_article(article(1, date="2024-09-01", published="2024-09-01 09:15"), FETCHED)
    # No date on the page: its list entry's day stands for it.
    service.cache.put_article(article(2), FETCHED)
    # No date anywhere: only then is it dated by when it was fetched.
    service.cache.put_article(article(3), FETCHED)
    service.cache.put_article(article(9, host="other.cn"), FETCHED)

    feed = await section_feed(service, "新闻资讯/新闻", now=NOW)
    assert not service.offline, "the service is online again after the feed"
    assert (feed.entries, feed.not_cached, feed.listed, feed.title) == (
        3,
        1,
        True,
        "新闻资讯 › 新闻",
    )
    assert atom_problems(feed.document) == []
    parsed = feedparser.parse(feed.document)
    assert parsed.feed.title == "s.cn › 新闻资讯 › 新闻"
    assert [(e.link, e.updated) for e in parsed.entries] == [
        ("https://s.cn/info/1/3.htm", "2026-02-03T04:05:06+08:00"),
        ("https://s.cn/info/1/2.htm", "2024-09-05T00:00:00+08:00"),
        ("https://s.cn/info/1/1.htm", "2024-09-01T09:15:00+08:00"),
    ]
    assert parsed.entries[1].id == entry_id("vsb:s.cn:1:2")


async def test_a_section_without_a_cached_list_is_an_empty_feed(service: NewsService) -> None:
    feed = await section_feed(service, LIST, now=NOW)
    assert (feed.entries, feed.listed, feed.not_cached) == (0, False, 0)
    assert atom_problems(feed.document) == []
    parsed = feedparser.parse(feed.document)
    assert parsed.entries == [] and parsed.feed.updated == "2026-03-01T00:00:00+08:00"
    assert parsed.feed.id == LIST
