"""A source of another kind works through NewsService: the seam, with a plain-text "feed" site.

The feed (served as text/html, the one type the fetcher takes) lists its sections on its home
page, its articles on a list page (``title|path`` lines, then ``next|path``), and an article's
title and body on its page. Its identity ignores the query string, so a list that repeats
``/a/2?from=list`` on the next page lists that article once.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin, urlsplit

import httpx

from newsreader.core.cache import Cache
from newsreader.core.config import Config, FetchSettings
from newsreader.core.http.fetcher import Fetcher
from newsreader.core.models import Article, Block, ListItem, ListPage, Section
from newsreader.core.results import FetchedPage, Freshness
from newsreader.core.service import NewsService
from newsreader.core.sources import Fetch, Source

SITE = "http://feed.test/"
PAGES = {
    "/": "news|/list/1",
    "/list/1": "一|/a/1\n二|/a/2\nnext|/list/2",
    "/list/2": "二|/a/2?from=list\n三|/a/3",
    "/a/1": "第一篇\n正文一",
}


class FeedSource:
    """A made-up kind of source, nothing like VSB."""

    kind = "feed"
    max_list_items = 100

    def __init__(self, home_url: str) -> None:
        self.home_url = home_url

    def article_key(self, url: str) -> str:
        return urlsplit(url).path

    def canonical_url(self, url: str) -> str:
        return urljoin(url, urlsplit(url).path)

    def is_article_url(self, url: str) -> bool:
        return urlsplit(url).path.startswith("/a/")

    async def home_page(self, fetch: Fetch, fetch_fresh: Fetch) -> FetchedPage:
        return await fetch(self.home_url)

    async def fetch_article(self, url: str, fetch: Fetch) -> FetchedPage:
        return await fetch(self.canonical_url(url))

    def parse_sections(self, page: FetchedPage) -> tuple[Section, ...]:
        title, path = page.text.split("|")
        return (Section(title, urljoin(page.url, path)),)

    def parse_list(self, page: FetchedPage) -> ListPage:
        pairs = [line.split("|") for line in page.text.splitlines()]
        items = tuple(ListItem(t, urljoin(page.url, p)) for t, p in pairs if t != "next")
        after = [urljoin(page.url, p) for t, p in pairs if t == "next"]
        return ListPage(page.url, items, next_url=after[0] if after else None)

    def parse_article(self, page: FetchedPage) -> Article:
        title, body = page.text.split("\n", 1)
        return Article(url=page.url, title=title, blocks=(Block("paragraph", body),))

    def site_name(self, html: str) -> str | None:
        return None


def _answer(request: httpx.Request) -> httpx.Response:
    text = PAGES.get(request.url.path)
    if text is None:
        return httpx.Response(404, text="not found")
    return httpx.Response(200, text=text, headers={"Content-Type": "text/html; charset=utf-8"})


async def test_a_source_of_another_kind_reads_sections_lists_and_articles(tmp_path: Path) -> None:
    source: Source = FeedSource(SITE)
    settings = FetchSettings(polite_delay=0.0, retries=0, deadline=10.0, respect_robots=False)
    config = Config(site_url=SITE, cache_dir=tmp_path, fetch=settings)
    fetcher = Fetcher(settings, site_url=SITE, transport=httpx.MockTransport(_answer))
    service = NewsService(
        config, Cache.open(tmp_path / "c.sqlite3"), fetcher=fetcher, source=source
    )
    try:
        sections = (await service.sections()).value
        assert sections == (Section("news", SITE + "list/1"),)
        listing = await service.section_list(await service.section_url("news"), 5)
        assert [i.url for i in listing.items] == [SITE + "a/1", SITE + "a/2", SITE + "a/3"]
        article = await service.article(SITE + "a/1?utm=x")
        assert article.freshness is Freshness.FRESH
        assert (article.value.title, article.value.body) == ("第一篇", "正文一")
        service.set_offline(True)
        cached = await service.article(SITE + "a/1")
        assert cached.freshness is Freshness.CACHED and cached.value == article.value
    finally:
        await service.aclose()
