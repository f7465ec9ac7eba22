"""The documents of the demo's feed sites: RSS 2.0, Atom 1.0 and plain (non-VSB) HTML pages.

Each function returns ``str``; :mod:`newsreader.demo.feeds` encodes it. The RSS feed is written
the way Chinese portals write theirs: GBK, titles and descriptions in CDATA, RFC 822 dates in
+0800 or ``CST``. The Atom feed has a relative ``xml:base`` and relative entry links, the way
static-site generators write it. The article pages are an ordinary news page (header, menu, the
article, a sidebar of other links, a footer): nothing VSB in them, so the reader needs its
generic extraction for them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from email.utils import format_datetime
from html import escape

BEIJING = dt.timezone(dt.timedelta(hours=8))


@dataclass(frozen=True)
class FeedItem:
    """One entry of a demo feed.

    Attributes:
        ident: Number of the item (unique in its feed, larger is newer).
        title: Its title.
        published: Publication time, Beijing time (naive).
        author: Who wrote it.
        tags: Its categories.
        link: Where it is read: a path on the feed's own site (``/news/202601/6001.html``)
            or the absolute URL of a page elsewhere (another demo site's article).
        summary: The feed's text of it (plain text; a first paragraph).
    """

    ident: int
    title: str
    published: dt.datetime
    author: str
    tags: tuple[str, ...]
    link: str
    summary: str

    @property
    def local(self) -> bool:
        """True when the item's page is on the feed's own site."""
        return self.link.startswith("/")


def _cdata(text: str) -> str:
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def rfc822(when: dt.datetime, *, cst: bool = False) -> str:
    """Return ``when`` (Beijing time) as an RSS date: ``+0800``, or ``CST`` as many sites write."""
    text = format_datetime(when.replace(tzinfo=BEIJING))
    return text.removesuffix("+0800") + "CST" if cst else text


def rfc3339(when: dt.datetime) -> str:
    """Return ``when`` (Beijing time) as an Atom date, e.g. ``2026-01-28T16:30:00+08:00``."""
    return when.replace(tzinfo=BEIJING).isoformat()


def rss(title: str, home: str, description: str, items: list[FeedItem]) -> str:
    """Return an RSS 2.0 document declared GBK.

    Args:
        title: The channel's title.
        home: The site's base URL; the items' own links are written under it (root-relative
            when it is ``/``).
        description: The channel's description.
        items: The items, newest first.
    """
    out = [
        '<?xml version="1.0" encoding="gbk"?>',
        '<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">',
        "<channel>",
        f"<title>{_cdata(title)}</title>",
        f"<link>{escape(home)}</link>",
        f"<description>{_cdata(description)}</description>",
        "<language>zh-cn</language>",
        "<generator>newsreader demo</generator>",
        f"<lastBuildDate>{rfc822(max(i.published for i in items))}</lastBuildDate>",
        "<ttl>60</ttl>",
    ]
    for number, item in enumerate(items):
        link = home.rstrip("/") + item.link if item.local else item.link
        guid = (
            f'<guid isPermaLink="false">jyzx-{item.ident}</guid>'
            if item.local
            else f"<guid>{escape(link)}</guid>"
        )
        categories = "".join(f"<category>{escape(t)}</category>" for t in item.tags)
        out.append(
            f"<item><title>{_cdata(item.title)}</title><link>{escape(link)}</link>{guid}"
            f"<pubDate>{rfc822(item.published, cst=number % 3 == 2)}</pubDate>"
            f"<dc:creator>{_cdata(item.author)}</dc:creator>{categories}"
            f"<description>{_cdata(f'<p>{escape(item.summary)}</p>')}</description></item>"
        )
    out += ["</channel>", "</rss>", ""]
    return "\n".join(out)


def atom(
    title: str, base: str, feed_path: str, items: list[FeedItem], bodies: dict[int, str]
) -> str:
    """Return an Atom 1.0 document whose links are relative to ``xml:base="{base}"``.

    Args:
        title: The feed's title.
        base: The ``xml:base`` (a path such as ``/notes/``); entry links are written relative
            to it.
        feed_path: The feed's own path, for ``rel="self"``.
        items: The entries, newest first.
        bodies: Full content (HTML) of the entries that carry it; the others have a summary only.
    """
    newest = max(i.published for i in items)
    out = [
        '<?xml version="1.0" encoding="utf-8"?>',
        f'<feed xmlns="http://www.w3.org/2005/Atom" xml:base="{escape(base)}" xml:lang="zh-CN">',
        f"<title>{escape(title)}</title>",
        "<subtitle>研究简报、调查报告与观察评论（演示）</subtitle>",
        f'<link rel="self" type="application/atom+xml" href="{escape(feed_path)}"/>',
        '<link rel="alternate" type="text/html" href="./"/>',
        "<id>tag:notes.newsreader.test,2026:feed</id>",
        f"<updated>{rfc3339(newest)}</updated>",
        f"<author><name>{escape(title)}</name></author>",
        "<generator>newsreader demo</generator>",
    ]
    for item in items:
        href = item.link.removeprefix(base) if item.link.startswith(base) else item.link
        content = (
            f'<content type="html">{escape(bodies[item.ident])}</content>'
            if item.ident in bodies
            else ""
        )
        categories = "".join(f'<category term="{escape(t)}"/>' for t in item.tags)
        out.append(
            f'<entry><title type="text">{escape(item.title)}</title>'
            f'<link rel="alternate" type="text/html" href="{escape(href)}"/>'
            f"<id>tag:notes.newsreader.test,2026:{item.ident}</id>"
            f"<published>{rfc3339(item.published)}</published>"
            f"<updated>{rfc3339(item.published)}</updated>"
            f"<author><name>{escape(item.author)}</name></author>{categories}"
            f'<summary type="html">{escape(f"<p>{escape(item.summary)}</p>")}</summary>'
            f"{content}</entry>"
        )
    out += ["</feed>", ""]
    return "\n".join(out)


@dataclass(frozen=True)
class Portal:
    """What a feed site's HTML pages share.

    Attributes:
        name: The site's name.
        charset: The pages' declared charset.
        feed_path: The feed's path, advertised with ``<link rel="alternate">``.
        feed_type: ``application/rss+xml`` or ``application/atom+xml``.
        home_path: The path of the site's home (index) page.
    """

    name: str
    charset: str
    feed_path: str
    feed_type: str
    home_path: str


def _document(portal: Portal, title: str, main: str, description: str = "") -> str:
    menu = "".join(
        f'<a href="{portal.home_path}">{text}</a>' for text in ("首页", "资讯", "专题", "关于我们")
    )
    return (
        f'<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="{portal.charset}">\n'
        f"<title>{escape(title)}</title>\n"
        f'<meta name="description" content="{escape(description)}">\n'
        f'<link rel="alternate" type="{portal.feed_type}" title="{escape(portal.name)}" '
        f'href="{portal.feed_path}">\n</head>\n<body>\n'
        f'<header class="site-header"><a class="brand" href="{portal.home_path}">'
        f"{escape(portal.name)}</a><nav>{menu}</nav></header>\n"
        f'<main class="container">\n{main}\n</main>\n'
        f'<footer class="site-footer"><p>&copy; 2026 {escape(portal.name)}'
        f'（演示站点，内容由程序生成）</p><p><a href="{portal.feed_path}">订阅</a></p>'
        "</footer>\n</body>\n</html>\n"
    )


def _links(items: list[FeedItem]) -> str:
    return "\n".join(
        f'<li><a href="{escape(i.link)}">{escape(i.title)}</a>'
        f"<span>{i.published:%Y-%m-%d}</span></li>"
        for i in items
    )


def home_page(portal: Portal, items: list[FeedItem]) -> str:
    """Return the site's home page: the newest items and the feed advertised in the head."""
    main = f'<section class="latest"><h2>最新</h2><ul>\n{_links(items)}\n</ul></section>'
    return _document(portal, portal.name, main, f"{portal.name}：最新资讯")


def article_page(portal: Portal, item: FeedItem, body: str, others: list[FeedItem]) -> str:
    """Return an item's page: the article among the site's header, sidebar and footer."""
    tags = "".join(f'<a class="tag" href="{portal.home_path}">{escape(t)}</a>' for t in item.tags)
    main = (
        '<article class="post">\n'
        f'<h1 class="post-title">{escape(item.title)}</h1>\n'
        f'<div class="post-meta"><time datetime="{rfc3339(item.published)}">'
        f'{item.published:%Y-%m-%d %H:%M}</time> <span class="author">作者：{escape(item.author)}'
        f'</span> {tags}</div>\n<div class="post-content">\n{body}\n</div>\n'
        '<div class="share">分享到：<a href="javascript:;">微信</a> <a href="javascript:;">微博</a>'
        ' <a href="javascript:;">QQ空间</a></div>\n'
        f'<p class="disclaimer">本站原创稿件，转载请注明出处。责任编辑：{escape(item.author)}</p>\n'
        '<div class="comments"><h3>网友评论</h3><p>暂无评论，快来抢沙发吧！</p>'
        '<textarea placeholder="发表评论"></textarea><button>提交</button></div>\n</article>\n'
        f'<aside class="sidebar"><h3>相关阅读</h3><ul>\n{_links(others)}\n</ul></aside>'
    )
    return _document(portal, f"{item.title} - {portal.name}", main, item.summary)


def not_found_page(portal: Portal) -> str:
    """Return the body of the 404 page."""
    return _document(portal, f"页面不存在 - {portal.name}", "<p>您访问的页面不存在。</p>")
