"""HTML of the demo's university news site: an older VSB template (tables, ``dl`` menus, GBK).

Every function returns ``str`` with ``\\n`` line ends; :mod:`newsreader.demo.campus` encodes it.
Menu and crumb links are root-relative (``/xwzx/zhxw.htm``), list and pager links relative to the
page, as VSB writes them.
"""

from __future__ import annotations

from html import escape

from newsreader.demo.listing import list_prefix, page_href, previous_text
from newsreader.demo.metas import article_metas, home_metas, list_metas
from newsreader.demo.structure import ATTACH_OWNER, Column, DemoArticle

SITE_NAME = "南湖理工大学新闻网"
SITE_DOMAIN = "news.campus.newsreader.test"
CAMPUS_MENU: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    ("学校概况", (("学校简介", "xxgk/xxjj"), ("现任领导", "xxgk/xrld"))),
    ("新闻中心", (("综合新闻", "xwzx/zhxw"), ("学术动态", "xwzx/xsdt"), ("媒体南湖", "xwzx/mtnh"))),
    ("通知公告", ()),
    ("招生就业", (("本科招生", "zsjy/bkzs"), ("就业信息", "zsjy/jyxx"))),
    ("院系风采", (("机械工程学院", "yxfc/jxgc"), ("信息工程学院", "yxfc/xxgc"))),
)
_NOTICE_PATH = "tzgg"
_UID = "51234"


def _top_path(children: tuple[tuple[str, str], ...]) -> str:
    return children[0][1] if children else _NOTICE_PATH


def nav() -> str:
    """Return the header menu: ``ul > li`` with a ``dl > dd`` dropdown per entry."""
    lines = [
        '<div id="nav"><ul class="nav_ul">',
        '<li class="nav_li"><a href="/index.htm" class="nav_a">学校首页</a></li>',
    ]
    for top, children in CAMPUS_MENU:
        lines.append(
            f'<li class="nav_li"><a href="/{_top_path(children)}.htm" class="nav_a">{top}</a>'
        )
        if children:
            subs = "".join(f'<dd><a href="/{p}.htm">{t}</a></dd>' for t, p in children)
            lines.append(f'<dl class="nav_sub">{subs}</dl>')
        lines.append("</li>")
    lines.append("</ul></div>")
    return "\n".join(lines)


def document(title: str, metas: list[tuple[str, str]], main: str) -> str:
    """Return a whole page around ``main``: GBK head, banner, menu and the footer table."""
    meta_lines = "\n".join(f'<META Name="{n}" Content="{escape(v)}">' for n, v in metas)
    return (
        '<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">\n<HTML><HEAD>\n'
        '<META http-equiv="Content-Type" content="text/html; charset=gb2312">\n'
        f"<TITLE>{escape(title)}</TITLE>\n{meta_lines}\n"
        '<LINK href="/dfiles/style.css" type="text/css" rel="stylesheet">\n'
        "<!--Announced by Visual SiteBuilder 9-->\n"
        '<link rel="stylesheet" type="text/css" href="/_sitegray/_sitegray_d.css" />\n'
        '<script language="javascript" src="/system/resource/js/counter.js"></script>\n'
        "</HEAD>\n<BODY>\n"
        f'<div class="banner"><div class="logo">{SITE_NAME}</div></div>\n{nav()}\n'
        f'<div class="wrap">\n{main}\n</div>\n'
        '<table class="foot" width="100%"><tr><td align="center">'
        f"版权所有：{SITE_NAME}（演示站点，内容由程序生成）&nbsp;&nbsp;地址：南湖大道1号"
        "</td></tr></table>\n</BODY></HTML>\n"
    )


def _news_items(entries: list[DemoArticle], prefix: str) -> str:
    """Return a ``ul.news_list`` with the date before the title."""
    lines = ['<ul class="news_list">']
    for index, entry in enumerate(entries):
        lines.append(
            f'<li id="line_u5_{index}"><span class="news_date">[{entry.date}]</span>'
            f'<a href="{prefix}{entry.path}" target="_blank" title="{escape(entry.title)}">'
            f"{escape(entry.title)}</a></li>"
        )
    lines.append("</ul>")
    return "\n".join(lines)


def _notice_rows(entries: list[DemoArticle], prefix: str) -> str:
    """Return the notices' table list: a bullet cell, the title cell and the date cell."""
    rows = [f'<table class="winstyle{_UID}" width="100%" cellspacing="0" cellpadding="0">']
    for entry in entries:
        rows.append(
            '<tr height="26"><td width="1%"><img src="/images/dot.gif"></td>'
            f'<td><a href="{prefix}{entry.path}" class="c{_UID}" target="_blank" '
            f'title="{escape(entry.title)}">{escape(entry.title)}</a></td>'
            f'<td width="1%" nowrap align="right"><span class="timestyle{_UID}">'
            f"{entry.date}&nbsp;</span></td></tr>"
        )
    rows.append("</table>")
    return "\n".join(rows)


def home_page(blocks: list[tuple[Column, list[DemoArticle]]]) -> str:
    """Return ``index.htm``: the news block as a list and the notices block as a table."""
    parts = []
    for column, items in blocks:
        listing = _notice_rows(items, "") if column.path == _NOTICE_PATH else _news_items(items, "")
        parts.append(
            f'<div class="index_block"><div class="index_block_title"><span>{column.title}</span>'
            f'<a href="{column.path}.htm" class="more">更多</a></div>\n{listing}\n</div>'
        )
    metas = home_metas(SITE_NAME, SITE_DOMAIN)
    return document(SITE_NAME, metas, "\n".join(parts))


def pager(column: Column, page: int, pages: int, total: int) -> str:
    """Return the ``fanye`` pager: totals, then 首页/上页/下页/尾页 as links or plain text."""
    controls = (
        ("首页", 1, page > 1),
        (previous_text(column), page - 1, page > 1),
        (column.next_text, page + 1, page < pages),
        ("尾页", pages, page < pages),
    )
    shown = [
        f'<a href="{page_href(column, page, pages, k)}">{text}</a>' if on else text
        for text, k, on in controls
    ]
    return (
        f'<table width="100%"><tr><td align="center" id="fanye{_UID}">'
        f"共{total}条&nbsp;&nbsp;{page}/{pages}&nbsp;&nbsp;{'&nbsp;'.join(shown)}"
        "</td></tr></table>"
    )


def _crumbs(column: Column, tail: str | None) -> str:
    parts = ['<a href="/index.htm">首页</a>']
    for top, children in CAMPUS_MENU:
        if top == column.parent:
            parts.append(f'<a href="/{_top_path(children)}.htm">{top}</a>')
    parts.append(f'<a href="/{column.path}.htm">{column.title}</a>')
    if tail:
        parts.append(tail)
    return f'<div class="position">当前位置：{" &gt;&gt; ".join(parts)}</div>'


def list_page(column: Column, entries: list[DemoArticle], page: int, pages: int, total: int) -> str:
    """Return list page ``page`` of ``pages`` of ``column`` (entries are this page's only)."""
    prefix = list_prefix(column, page)
    listing = (
        _notice_rows(entries, prefix)
        if column.path == _NOTICE_PATH
        else _news_items(entries, prefix)
    )
    main = (
        f'<div class="list_box"><div class="list_title"><h3>{column.title}</h3>'
        f"{_crumbs(column, None)}</div>\n{listing}\n{pager(column, page, pages, total)}\n</div>"
    )
    metas = list_metas(SITE_NAME, SITE_DOMAIN, column)
    return document(f"{column.title}-{SITE_NAME}", metas, main)


def _neighbour(label: str, other: DemoArticle | None) -> str:
    if other is None:
        return f"<p>{label}：没有了</p>"
    return f'<p>{label}：<a href="{other.news_id}.htm">{escape(other.title)}</a></p>'


def article_page(
    column: Column,
    article: DemoArticle,
    body: str,
    newer: DemoArticle | None,
    older: DemoArticle | None,
) -> str:
    """Return the article page ``info/{tree}/{news}.htm`` (also served for ``content.jsp``)."""
    stamp = article.published.replace("-", "年", 1).replace("-", "月", 1).replace(" ", "日 ", 1)
    info = (
        f'<div class="content_info">发布时间：{stamp}&nbsp;&nbsp;来源：{article.source}'
        f'&nbsp;&nbsp;浏览次数：<script>_showDynClicks("wbnews", {ATTACH_OWNER}, '
        f"{article.news_id})</script></div>"
    )
    main = (
        f"{_crumbs(column, '正文')}\n"
        '<script language="javascript" src="/system/resource/js/news/newscontent.js"></script>\n'
        '<form name="_newscontent_fromname">\n'
        f'<div class="content_title"><h1>{escape(article.title)}</h1></div>\n{info}\n'
        f'<div id="vsb_content_2"><div class="v_news_content">\n{body}\n</div></div>\n'
        f'<div class="content_editor">责任编辑：{article.editor}</div>\n</form>\n'
        f'<div class="content_page">{_neighbour("上一篇", newer)}{_neighbour("下一篇", older)}'
        "</div>"
    )
    metas = article_metas(SITE_NAME, SITE_DOMAIN, column, article)
    return document(f"{article.title}-{SITE_NAME}", metas, main)


def not_found_page() -> str:
    """Return the body of the 404 page."""
    main = '<div class="error"><h2>404</h2><p>您访问的页面不存在。</p></div>'
    return document(f"页面不存在-{SITE_NAME}", [], main)
