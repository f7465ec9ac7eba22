"""A feed as a source, end to end on 127.0.0.1: the feed, its items' pages on other ports (VSB
and not), the feed's own content when a page cannot be had, and the fetcher's rule for off-site
pages (a feed's items only; VSB sites keep the strict rule)."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from pathlib import Path

import httpx
import pytest
from servers import Conn, RawServer, respond

from newsreader.core.cache import Cache
from newsreader.core.config import Config, FetchSettings
from newsreader.core.errors import ContentError, OffSiteError, ParseError, UsageError
from newsreader.core.http.fetcher import Fetcher
from newsreader.core.http.policy import PagePolicy
from newsreader.core.results import Freshness
from newsreader.core.service import NewsService
from newsreader.core.sources import cache_key, page_policy, reads_article, source_for
from newsreader.core.urls import same_site

FAST = FetchSettings(polite_delay=0.0, retries=0, deadline=10.0)

Page = tuple[str, str, bytes]  # status, content type, body


def site(pages: Mapping[str, Page]) -> object:
    def handler(conn: Conn) -> None:
        status, media, body = pages.get(conn.path, ("404 Not Found", "text/html", b"not found"))
        respond(body, status=status, headers={"Content-Type": media})(conn)

    return handler


def paths(server: RawServer) -> list[str]:
    return [head.split(b" ", 2)[1].decode() for head in server.requests]


VSB_PAGE = (
    "<html><head><meta name='ArticleTitle' content='校园招聘会通知（全文）'>"
    "<meta name='PubDate' content='2025-02-28 09:00'></head><body>"
    "<!-- Visual SiteBuilder 9 --><form name='_newscontent_fromname'><h1>校园招聘会通知（全文）</h1>"
    "<div class='v_news_content'><p>本次招聘会共有三百家用人单位参加，欢迎各位同学积极参与。</p>"
    "<p>具体安排请见附件。</p></div>"
    "<div>上一条：<a href='/info/1/1.htm'>旧闻</a></div></form></body></html>"
)
GENERIC_PAGE = (
    "<html><head><title>首页 | 某某网站</title></head><body><nav><p>首页 新闻 关于</p></nav>"
    "<article><h2>页面里的别的标题</h2><p>这是一个不是VSB站点的普通新闻页面，正文在这里，足够长。</p>"
    "<p>第二段正文也在这里，讲的是毕业生就业的事情。</p></article>"
    "<footer><p>版权所有</p></footer></body></html>"
)


def gbk_feed(b: str, c: str) -> bytes:
    text = (
        '<?xml version="1.0" encoding="gbk"?>\n<rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
        "<title>就业通知 &amp; 公告</title><link>/</link>"
        f"<item><title><![CDATA[<b>校园招聘会</b>通知]]></title><link>{b}info/1/2.htm</link>"
        "<guid>n-2</guid><pubDate>2025年3月1日</pubDate>"
        "<description><![CDATA[<p>摘要</p>]]></description></item>"
        f"<item><title>普通页面的新闻</title><link>{c}news/7.html</link>"
        "<pubDate>Mon, 03 Mar 2025 23:30:00 CST</pubDate></item>"
        f"<item><title>页面已删除</title><link>{b}gone.htm</link><pubDate>2025/03/02</pubDate>"
        "<content:encoded><![CDATA[<p>订阅里的全文：镕基金会的公告。</p>]]></content:encoded></item>"
        f"<item><title>robots 不许</title><link>{b}private/1.htm</link>"
        "<pubDate>2025-02-01</pubDate><description>只在订阅里的摘要文字。</description></item>"
        "<item><title>只在订阅里</title><guid isPermaLink='false'>only-1</guid>"
        "<description>没有链接的条目。</description></item>"
        "</channel></rss>"
    )
    return text.encode("gbk")


class Sites:
    def __init__(self, feed: RawServer, vsb: RawServer, other: RawServer) -> None:
        self.feed, self.vsb, self.other = feed, vsb, other
        self.feed_url = feed.url + "rss.xml"


@pytest.fixture
def sites() -> Iterator[Sites]:
    vsb_pages: dict[str, Page] = {
        "/info/1/2.htm": ("200 OK", "text/html; charset=utf-8", VSB_PAGE.encode()),
        "/robots.txt": ("200 OK", "text/plain", b"User-agent: *\nDisallow: /private/\n"),
    }
    other_pages: dict[str, Page] = {
        "/news/7.html": ("200 OK", "text/html; charset=utf-8", GENERIC_PAGE.encode()),
    }
    feed_pages: dict[str, Page] = {}
    with (
        RawServer(site(vsb_pages)) as vsb,  # type: ignore[arg-type]
        RawServer(site(other_pages)) as other,  # type: ignore[arg-type]
        RawServer(site(feed_pages)) as feed,  # type: ignore[arg-type]
    ):
        # No charset in the header: the XML declaration's gbk decides.
        feed_pages["/rss.xml"] = ("200 OK", "application/rss+xml", gbk_feed(vsb.url, other.url))
        yield Sites(feed, vsb, other)


def feed_service(url: str, cache_dir: Path, *, offline: bool = False) -> NewsService:
    config = Config(site_url=url, cache_dir=cache_dir, offline=offline, fetch=FAST)
    return NewsService(config, Cache.open(config.cache_path()), source=source_for(url, kind="feed"))


async def test_a_gbk_feed_lists_its_items_newest_first_in_china_days(
    sites: Sites, cache_dir: Path
) -> None:
    service = feed_service(sites.feed_url, cache_dir)
    try:
        (section,) = (await service.sections()).value
        assert (section.title, section.url) == ("就业通知 & 公告", sites.feed_url)
        page = (await service.list_page(sites.feed_url)).value
        assert await service.site_name() == "就业通知 & 公告"
    finally:
        await service.aclose()
    assert [(i.title, i.url, i.date, i.external) for i in page.items] == [
        ("普通页面的新闻", sites.other.url + "news/7.html", "2025-03-03", False),
        ("页面已删除", sites.vsb.url + "gone.htm", "2025-03-02", False),
        ("校园招聘会通知", sites.vsb.url + "info/1/2.htm", "2025-03-01", False),
        ("robots 不许", sites.vsb.url + "private/1.htm", "2025-02-01", False),
        ("只在订阅里", sites.feed_url + "#entry=only-1", None, False),
    ]
    assert page.column == "就业通知 & 公告"
    # Only the feed was fetched: listing a feed fetches no item page.
    assert sites.vsb.requests == [] and sites.other.requests == []


async def test_full_articles_from_vsb_and_other_pages_else_the_feeds_content(
    sites: Sites, cache_dir: Path
) -> None:
    vsb_item = sites.vsb.url + "info/1/2.htm"
    other_item = sites.other.url + "news/7.html"
    gone_item = sites.vsb.url + "gone.htm"
    private_item = sites.vsb.url + "private/1.htm"
    only_item = sites.feed_url + "#entry=only-1"
    service = feed_service(sites.feed_url, cache_dir)
    try:
        await service.list_page(sites.feed_url)
        vsb = (await service.article(vsb_item)).value
        other = (await service.article(other_item)).value
        gone = (await service.article(gone_item)).value
        private = (await service.article(private_item)).value
        only = (await service.article(only_item)).value
    finally:
        await service.aclose()
    # A VSB page: the VSB parser, its own title and date; neighbours are never kept.
    assert (vsb.url, vsb.title, vsb.date) == (vsb_item, "校园招聘会通知（全文）", "2025-02-28")
    assert "三百家用人单位" in vsb.body and vsb.prev is None and vsb.next is None
    # Another page: its densest text, under the feed's title and date.
    assert (other.url, other.title, other.date) == (other_item, "普通页面的新闻", "2025-03-03")
    assert "不是VSB站点的普通新闻页面" in other.body and "版权所有" not in other.body
    # A 404 and a page robots.txt forbids: the feed's own content.
    assert (gone.url, gone.title, gone.body) == (
        gone_item,
        "页面已删除",
        "订阅里的全文：镕基金会的公告。",
    )
    assert private.body == "只在订阅里的摘要文字。"
    assert only.url == only_item and only.body == "没有链接的条目。"
    assert "/private/1.htm" not in paths(sites.vsb)
    assert paths(sites.other) == ["/robots.txt", "/news/7.html"]


async def test_a_new_run_reads_an_item_and_offline_serves_it(sites: Sites, cache_dir: Path) -> None:
    item = sites.vsb.url + "info/1/2.htm"
    online = feed_service(sites.feed_url, cache_dir)
    try:
        # No list first: the feed is read to learn its items, then the item's page is fetched.
        fetched = await online.article(item)
    finally:
        await online.aclose()
    assert paths(sites.feed)[-1] == "/rss.xml"
    offline = feed_service(sites.feed_url, cache_dir, offline=True)
    try:
        cached = await offline.article(item)
    finally:
        await offline.aclose()
    assert cached.freshness is Freshness.CACHED and cached.value == fetched.value
    assert fetched.value.title == "校园招聘会通知（全文）"


async def test_a_feed_source_fetches_no_page_that_is_not_its_item(
    sites: Sites, cache_dir: Path
) -> None:
    with RawServer(respond(VSB_PAGE.encode())) as bystander:
        service = feed_service(sites.feed_url, cache_dir)
        try:
            await service.list_page(sites.feed_url)
            with pytest.raises(OffSiteError, match="not an item of the feed"):
                await service.article(bystander.url + "info/1/2.htm")
        finally:
            await service.aclose()
        assert bystander.requests == []


async def test_a_feed_that_is_really_html_is_a_clear_parse_error(cache_dir: Path) -> None:
    page = b"<!DOCTYPE html><html><head><title>rss</title></head><body>RSS</body></html>"
    with RawServer(respond(page)) as server:
        service = feed_service(server.url + "feed", cache_dir)
        try:
            with pytest.raises(ParseError, match=r"not a feed \(RSS, Atom or JSON Feed\)"):
                await service.list_page(server.url + "feed")
        finally:
            await service.aclose()


@pytest.mark.parametrize(
    ("media", "body"),
    [
        (
            "application/atom+xml",
            b'<feed xmlns="http://www.w3.org/2005/Atom"><title>A</title><entry><id>x:1</id>'
            b'<title>one</title><link href="p/1"/><updated>2025-03-01T00:00:00Z</updated>'
            b"</entry></feed>",
        ),
        (
            "application/feed+json",
            json.dumps(
                {
                    "version": "https://jsonfeed.org/version/1.1",
                    "title": "A",
                    "items": [
                        {
                            "id": "x:1",
                            "url": "p/1",
                            "title": "one",
                            "date_published": "2025-03-01T00:00:00Z",
                        }
                    ],
                }
            ).encode(),
        ),
    ],
    ids=["atom", "json"],
)
async def test_atom_and_json_feeds_over_http(media: str, body: bytes, cache_dir: Path) -> None:
    with RawServer(respond(body, headers={"Content-Type": media})) as server:
        service = feed_service(server.url + "feeds/f", cache_dir)
        try:
            page = (await service.list_page(server.url + "feeds/f")).value
        finally:
            await service.aclose()
    assert [(i.title, i.url, i.date) for i in page.items] == [
        ("one", server.url + "feeds/p/1", "2025-03-01")
    ]


async def test_a_vsb_source_still_refuses_pages_off_its_site(cache_dir: Path) -> None:
    with RawServer(respond(VSB_PAGE.encode())) as bystander:
        config = Config(site_url="http://127.0.0.1:1/", cache_dir=cache_dir, fetch=FAST)
        service = NewsService(config, Cache.open(config.cache_path()))
        try:
            with pytest.raises(OffSiteError, match="is not on the site"):
                await service.article(bystander.url + "info/1/2.htm")
        finally:
            await service.aclose()
        assert bystander.requests == []


async def test_the_policy_allows_only_what_it_says_and_accepts_only_feeds() -> None:
    feed = b'<rss version="2.0"><channel><title>t</title></channel></rss>'
    answer = respond(feed, headers={"Content-Type": "application/rss+xml"})
    with RawServer(answer) as allowed, RawServer(answer) as other:
        policy = PagePolicy(
            also_allowed=lambda url: url.startswith(allowed.url),
            accepts=lambda _media, body: body.startswith(b"<rss"),
        )
        async with Fetcher(FAST, site_url="http://127.0.0.1:1/", policy=policy) as fetcher:
            page = await fetcher.get(allowed.url + "feed")
            assert page.text.startswith("<rss")
            with pytest.raises(OffSiteError):
                await fetcher.get(other.url + "feed")
        async with Fetcher(FAST, site_url=allowed.url) as strict:
            with pytest.raises(ContentError, match="not an HTML page"):
                await strict.get(allowed.url + "feed")
        assert other.requests == []


def test_feed_keys_are_their_own_key_space() -> None:
    url = "http://s.test/info/1/2.htm"
    assert cache_key(url) == cache_key(url, "vsb") == "vsb:s.test:1:2"
    assert cache_key(url, "feed") == "feed:http://s.test/info/1/2.htm"
    assert cache_key(url + "#top", "feed") == "feed:http://s.test/info/1/2.htm"
    entry = "http://s.test/rss.xml#entry=a%20b"
    assert cache_key(entry) == cache_key(entry, "feed") == "feed:" + entry
    assert cache_key("http://s.test/page.htm#x") == "vsb:http://s.test/page.htm"


def test_source_for_builds_either_kind() -> None:
    assert source_for("http://s.test/").kind == "vsb"
    feed = source_for("http://s.test/rss.xml?x=1#frag", kind="feed")
    assert (feed.kind, feed.home_url) == ("feed", "http://s.test/rss.xml?x=1")
    with pytest.raises(UsageError, match="unknown kind"):
        source_for("http://s.test/", kind="gopher")


async def test_a_feed_reads_its_items_anywhere_and_a_vsb_site_its_own(
    sites: Sites, cache_dir: Path
) -> None:
    service = feed_service(sites.feed_url, cache_dir)
    try:
        items = (await service.list_page(sites.feed_url)).value.items
    finally:
        await service.aclose()
    assert all(reads_article(service.source, item.url) for item in items)
    # Its list read from the cache, before the feed itself is read: the same items.
    unread = source_for(sites.feed_url, kind="feed")
    assert all(reads_article(unread, item.url) for item in items)
    assert any(not same_site(item.url, sites.feed_url) for item in items)
    vsb = source_for(sites.vsb.url)
    assert reads_article(vsb, sites.vsb.url + "info/1/2.htm")
    assert not reads_article(vsb, sites.other.url + "news/7.html")


async def test_the_feed_is_fetched_conditionally(cache_dir: Path) -> None:
    body = (
        '<rss version="2.0"><channel><title>条件</title><item><title>一</title>'
        "<link>http://feed.test/1</link></item></channel></rss>"
    ).encode()
    seen: list[str | None] = []

    def answer(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/robots.txt":
            return httpx.Response(404)
        seen.append(request.headers.get("if-none-match"))
        if request.headers.get("if-none-match") == '"v1"':
            return httpx.Response(304, headers={"ETag": '"v1"'})
        return httpx.Response(
            200, content=body, headers={"Content-Type": "application/xml", "ETag": '"v1"'}
        )

    url = "http://feed.test/rss"
    source = source_for(url, kind="feed")
    config = Config(site_url=url, cache_dir=cache_dir, fetch=FAST)
    fetcher = Fetcher(
        FAST, site_url=url, transport=httpx.MockTransport(answer), policy=page_policy(source)
    )
    service = NewsService(config, Cache.open(config.cache_path()), fetcher=fetcher, source=source)
    try:
        first = (await service.list_page(url)).value
        second = await service.list_page(url)
    finally:
        await service.aclose()
    assert seen == [None, '"v1"']
    assert second.freshness is Freshness.FRESH and second.value == first
    assert [i.title for i in first.items] == ["一"]


async def test_escapes_in_a_feeds_titles_never_reach_the_models(cache_dir: Path) -> None:
    body = (
        b'<rss version="2.0"><channel><title>T&#x1b;]52;c;ZXZpbA==&#x7;itle</title><item>'
        b"<title>a&#x1b;[31m&#x9b;2J&#x202e;b&#x200b;c [bold]d[/]</title>"
        b"<link>http://feed.test/1</link><description>&lt;p&gt;x&#x1b;[0m&lt;/p&gt;</description>"
        b"</item></channel></rss>"
    )
    with RawServer(respond(body, headers={"Content-Type": "application/rss+xml"})) as server:
        service = feed_service(server.url + "rss", cache_dir)
        try:
            (section,) = (await service.sections()).value
            (item,) = (await service.list_page(server.url + "rss")).value.items
        finally:
            await service.aclose()
    for text in (section.title, item.title):
        assert not any(ch in text for ch in "\x1b\x07\x9b\u202e\u200b"), repr(text)
    # The CSI sequence goes whole; &#x9b; in an HTML title is "›", as a browser shows it.
    assert item.title == "a›2Jbc [bold]d[/]"


async def test_a_new_run_reads_an_entry_that_lives_only_in_the_feed(
    sites: Sites, cache_dir: Path
) -> None:
    service = feed_service(sites.feed_url, cache_dir)
    try:
        article = (await service.article(sites.feed_url + "#entry=only-1")).value
    finally:
        await service.aclose()
    assert (article.title, article.body) == ("只在订阅里", "没有链接的条目。")
    assert paths(sites.feed) == ["/robots.txt", "/rss.xml"]


async def test_a_feed_in_gbk_named_only_by_its_xml_declaration_decodes_exactly() -> None:
    # Mostly ASCII, so the few undecodable bytes do not make UTF-8 look wrong: only the
    # declaration tells.
    body = (
        '<?xml version="1.0" encoding="gbk"?><rss version="2.0"><channel><title>feed</title>'
        + "<item><title>news</title><link>http://feed.test/a</link></item>" * 200
        + "<item><title>朱镕基</title><link>http://feed.test/b</link></item></channel></rss>"
    ).encode("gbk")
    source = source_for("http://127.0.0.1:1/", kind="feed")
    with RawServer(respond(body, headers={"Content-Type": "text/xml"})) as server:
        async with Fetcher(FAST, site_url=server.url, policy=page_policy(source)) as fetcher:
            page = await fetcher.get(server.url + "rss")
    assert page.encoding == "gb18030"
    assert "朱镕基" in page.text and "\ufffd" not in page.text
