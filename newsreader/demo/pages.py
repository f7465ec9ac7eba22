"""Whole demo pages: home, column list pages, article pages and the 404 page."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from newsreader.demo.content import Body
from newsreader.demo.listing import list_prefix
from newsreader.demo.metas import article_metas, home_metas, list_metas
from newsreader.demo.structure import ATTACH_OWNER, Column, DemoArticle
from newsreader.demo.templates import (
    SITE_DOMAIN,
    SITE_NAME,
    crumbs,
    document,
    pager,
    side_menu,
)

TRUNCATE_AT = 26
"""Titles longer than this are shown cut short in lists, with the full text in ``title=``."""


@dataclass(frozen=True)
class ExternalItem:
    """A list entry that links to another site (kept by the client, never fetched)."""

    title: str
    url: str
    date: str


ListEntry = DemoArticle | ExternalItem


def entry_href(entry: ListEntry, prefix: str) -> str:
    """Return the link of a list entry as written on a page ``prefix`` away from the root."""
    if isinstance(entry, ExternalItem):
        return entry.url
    if entry.jsp_link:
        return (
            f"{prefix}content.jsp?urltype=news.NewsContentUrl"
            f"&wbtreeid={entry.tree_id}&wbnewsid={entry.news_id}"
        )
    return f"{prefix}{entry.path}"


def _list_items(entries: list[ListEntry], prefix: str, uid: str) -> str:
    lines = ['<div class="list-box"><ul>']
    for index, entry in enumerate(entries):
        title = entry.title
        shown = title if len(title) <= TRUNCATE_AT else title[: TRUNCATE_AT - 2] + "..."
        attr = "" if shown == title and index % 5 == 4 else f' title="{escape(title)}"'
        target = ' target="_blank"' if isinstance(entry, ExternalItem) else ""
        lines.append(
            f'<li id="line_{uid}_{index}"><a href="{escape(entry_href(entry, prefix))}"{attr}'
            f'{target}>{escape(shown)}</a><span class="date">{entry.date}</span></li>'
        )
    lines.append("</ul></div>")
    return "\n".join(lines)


def home_page(blocks: list[tuple[Column, list[DemoArticle]]], columns: tuple[Column, ...]) -> str:
    """Return ``index.htm``: latest-news blocks under the header menu.

    Args:
        blocks: ``(column, newest articles)`` per block.
        columns: Every column, for the 专题专栏 teaser links.
    """
    parts = []
    for number, (column, items) in enumerate(blocks):
        parts.append(
            f'<div class="home-block" id="block{number}"><div class="block-head">'
            f'<h2>{column.title}</h2><a class="more" href="{column.path}.htm">更多&gt;&gt;</a>'
            f"</div>\n{_list_items(list(items), '', f'u{number + 3}')}\n</div>"
        )
    topics = "".join(f'<a href="{c.path}.htm">{c.title}</a>' for c in columns[:4])
    parts.append(f'<div class="home-topics">{topics}</div>')
    metas = home_metas(SITE_NAME, SITE_DOMAIN)
    return document("", SITE_NAME, metas, "\n".join(parts))


def list_page(column: Column, entries: list[ListEntry], page: int, pages: int, total: int) -> str:
    """Return list page ``page`` of ``pages`` of ``column`` (entries are this page's only)."""
    prefix = list_prefix(column, page)
    main = (
        f'{side_menu(prefix, column)}\n<div class="list-main">'
        f'<div class="list-head"><h2>{column.title}</h2>{crumbs(prefix, column, None)}</div>\n'
        f"{_list_items(entries, prefix, 'u9')}\n"
        f"{pager(column, page, pages, total)}\n</div>"
    )
    metas = list_metas(SITE_NAME, SITE_DOMAIN, column)
    charset = "gb2312" if column.encoding == "gb18030" else "utf-8"
    return document(prefix, f"{column.title}-{SITE_NAME}", metas, main, charset)


def _neighbour(label: str, other: DemoArticle | None) -> str:
    css = "art-prev" if label == "上一条" else "art-next"
    if other is None:
        return f'<p class="{css}">{label}:没有了</p>'
    return f'<p class="{css}">{label}:<a href="{other.news_id}.htm">{escape(other.title)}</a></p>'


def article_page(
    column: Column,
    article: DemoArticle,
    body: Body,
    newer: DemoArticle | None,
    older: DemoArticle | None,
) -> str:
    """Return the article page ``info/{tree}/{news}.htm`` (also served for ``content.jsp``)."""
    prefix = "../../"
    info = (
        f'<div class="art-info">来源: {article.source}&nbsp;&nbsp;&nbsp;&nbsp;'
        f"发布日期:{article.date}&nbsp;&nbsp;&nbsp;&nbsp;点击:<script>_showDynClicks"
        f'("wbnews", {ATTACH_OWNER}, {article.news_id})</script></div>'
    )
    main = (
        f'{side_menu(prefix, column)}\n<div class="art-main">\n'
        f"{crumbs(prefix, column, '正文')}\n"
        '<script language="javascript" src="/system/resource/js/dynclicks.js"></script>'
        '<script language="javascript" src="/system/resource/js/news/newscontent.js"></script>\n'
        '<form name="_newscontent_fromname">\n'
        f'<h1 class="art-title">{escape(article.title)}</h1>\n{info}\n'
        f'<div id="vsb_content"><div class="v_news_content">\n{body.html}\n</div></div>\n'
        f'<div class="art-editor">责任编辑:{article.editor}</div>\n</form>\n'
        f'<div class="art-links">\n{_neighbour("上一条", newer)}\n{_neighbour("下一条", older)}'
        f'\n</div>\n<div class="art-back"><a href="{prefix}{column.path}.htm">返回列表</a></div>'
        "\n</div>"
    )
    more = [("Keywords", body.keywords), ("Description", body.description)]
    metas = article_metas(SITE_NAME, SITE_DOMAIN, column, article, more)
    charset = "gb2312" if column.encoding == "gb18030" else "utf-8"
    return document(prefix, f"{article.title}-{SITE_NAME}", metas, main, charset)


def not_found_page() -> str:
    """Return the body of the 404 page."""
    main = (
        '<div class="error"><h2>404</h2><p>您访问的页面不存在。</p>'
        '<p><a href="/index.htm">返回首页</a></p></div>'
    )
    return document("/", f"页面不存在-{SITE_NAME}", [], main)
