"""Feeds whose items are dated the ways feeds write dates (RFC 822 with ``+0800``, ``CST`` and
``GMT``, RFC 3339, a day alone, words no parser reads) and signed by an author, served on
127.0.0.1 with their items' pages: a generic page that names the author again as its 责任编辑,
a VSB page with a date of its own, and a page that is gone (the feed's own content is read)."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass

from servers import Conn, RawServer, respond

AUTHOR = "孙若琳"
ENGLISH_DATE_WORDS = re.compile(
    r"\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|"
    r"CST|GMT|UTC)\b|\d{2}:\d{2}:\d{2}|[+-]0800|T\d{2}:"
)
"""What a date as a feed writes it shows and a date as the reader shows it never does."""

GENERIC_PAGE = (
    "<html><head><title>就业新闻 - 某网站</title></head><body><nav><p>首页 新闻</p></nav>"
    "<article><h1>通用页面的新闻</h1>"
    f"<div class='meta'><span>作者：{AUTHOR}</span></div>"
    "<p>这是一个不是VSB站点的普通新闻页面，正文在这里，讲的是毕业生就业的事情，足够长。</p>"
    "<p>第二段正文也在这里，讲的是用人单位的招聘计划和时间安排。</p>"
    f"<p class='note'>本站原创稿件，转载请注明出处。责任编辑：{AUTHOR}</p></article>"
    "<footer><p>版权所有</p></footer></body></html>"
)
VSB_PAGE = (
    "<html><head><meta name='ArticleTitle' content='校园招聘会通知'>"
    "<meta name='PubDate' content='2026-01-25 17:23'>"
    "<meta name='ContentSource' content='学生就业指导中心'></head><body>"
    "<!-- Visual SiteBuilder 9 --><form name='_newscontent_fromname'><h1>校园招聘会通知</h1>"
    "<div class='v_news_content'><p>本次招聘会共有三百家用人单位参加，欢迎各位同学积极参与。</p>"
    f"<p>具体安排请见附件。</p></div><p>责任编辑：{AUTHOR}</p></form></body></html>"
)
CONTENT = "<p>订阅里的全文：本次双选会共有两百家用人单位参加，欢迎各位同学积极参与。</p>"

Page = tuple[str, str, bytes]


def rss(generic: str, vsb: str) -> bytes:
    """Return an RSS 2.0 feed whose items link to ``generic`` and ``vsb`` pages (and others)."""
    items = (
        ("通用页面的新闻", f"{generic}news/1.html", "Wed, 28 Jan 2026 14:30:00 +0800", ""),
        ("北京时间CST", "", "Mon, 26 Jan 2026 16:43:00 CST", CONTENT),
        ("页面已删除", f"{generic}gone.html", "Tue, 27 Jan 2026 22:30:00 GMT", CONTENT),
        ("只有日期", "", "2026-01-20", CONTENT),
        ("读不懂的日期", "", "上周三&#8238;下午", CONTENT),
        ("校园招聘会通知", f"{vsb}info/1/2.htm", "Mon, 26 Jan 2026 09:00:00 +0800", ""),
    )
    body = "".join(
        f"<item><title>{title}</title>"
        + (f"<link>{link}</link>" if link else f"<guid isPermaLink='false'>g-{n}</guid>")
        + f"<pubDate>{stamp}</pubDate><dc:creator>{AUTHOR}</dc:creator>"
        + (f"<content:encoded><![CDATA[{html}]]></content:encoded>" if html else "")
        + "</item>"
        for n, (title, link, stamp, html) in enumerate(items)
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>就业资讯</title>'
        f"<link>/</link>{body}</channel></rss>"
    ).encode()


def atom(generic: str) -> bytes:
    """Return an Atom feed: one entry read from its page, one from its content (page gone)."""
    entries = (
        ("原子通用页面", f"{generic}news/1.html", "2026-01-28T06:30:00Z"),
        ("原子页面已删除", f"{generic}gone.html", "2026-01-28T14:30:00+08:00"),
    )
    body = "".join(
        f"<entry><title>{title}</title><id>{link}</id><link href='{link}'/>"
        f"<published>{stamp}</published><updated>{stamp}</updated>"
        f"<author><name>{AUTHOR}</name></author>"
        f"<content type='html'><![CDATA[{CONTENT}]]></content></entry>"
        for title, link, stamp in entries
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        "<title>研究观察</title><id>urn:x:feed</id><updated>2026-01-28T14:30:00+08:00</updated>"
        f"{body}</feed>"
    ).encode()


def _site(pages: Mapping[str, Page]) -> object:
    def handler(conn: Conn) -> None:
        status, media, body = pages.get(conn.path, ("404 Not Found", "text/html", b"not found"))
        respond(body, status=status, headers={"Content-Type": media})(conn)

    return handler


@dataclass(frozen=True)
class DatedFeeds:
    """The running servers: ``rss_url``, ``atom_url``, and the base URLs of the item pages."""

    rss_url: str
    atom_url: str
    generic: str
    vsb: str


@contextmanager
def dated_feeds() -> Iterator[DatedFeeds]:
    """Serve the feeds and their items' pages on 127.0.0.1 until the block ends."""
    feed_pages: dict[str, Page] = {}
    html = "text/html; charset=utf-8"
    generic_pages: dict[str, Page] = {"/news/1.html": ("200 OK", html, GENERIC_PAGE.encode())}
    vsb_pages: dict[str, Page] = {"/info/1/2.htm": ("200 OK", html, VSB_PAGE.encode())}
    with ExitStack() as stack:
        feeds = stack.enter_context(RawServer(_site(feed_pages)))  # type: ignore[arg-type]
        generic = stack.enter_context(RawServer(_site(generic_pages)))  # type: ignore[arg-type]
        vsb = stack.enter_context(RawServer(_site(vsb_pages)))  # type: ignore[arg-type]
        feed_pages["/rss.xml"] = ("200 OK", "application/rss+xml", rss(generic.url, vsb.url))
        feed_pages["/atom.xml"] = ("200 OK", "application/atom+xml", atom(generic.url))
        yield DatedFeeds(feeds.url + "rss.xml", feeds.url + "atom.xml", generic.url, vsb.url)
