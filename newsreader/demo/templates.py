"""HTML of the demo site: a VSB 9 template of our own (our class names, VSB's shared parts).

Every function returns ``str`` with ``\\n`` line ends; :mod:`newsreader.demo.site` turns them into
CRLF and encodes them. ``prefix`` is the relative path from a page back to the site root
(``""``, ``"../"`` or ``"../../"``), because VSB links everything relatively.
"""

from __future__ import annotations

from html import escape

from newsreader.demo import vocab
from newsreader.demo.listing import page_href, previous_text
from newsreader.demo.structure import LEAF_TOP_PATHS, MENU, Column

SITE_NAME = "高校毕业生就业协会"
SITE_DOMAIN = "demo.newsreader.test"


def menu_href(top: str, javascript: bool, children: tuple[tuple[str, str], ...]) -> str | None:
    """Return a top menu entry's own link (site-relative) or ``None`` for ``javascript:;``."""
    if javascript:
        return None
    path = children[0][1] if children else LEAF_TOP_PATHS[top]
    return f"{path}.htm"


def nav(prefix: str) -> str:
    """Return the header menu twice: desktop (``ul > li > ul``) and mobile (``li > a + div``)."""
    desk = [
        '<div class="top-nav"><ul class="main-nav">',
        f'<li class="nav-item"><a href="{prefix}index.htm">首页</a></li>',
    ]
    mobile = [
        '<div class="m-menu" style="display:none;"><ul class="m-nav">',
        f'<li class="m-item"><a href="{prefix}index.htm">首页</a></li>',
    ]
    for top, javascript, children in MENU:
        own = menu_href(top, javascript, children)
        href = "javascript:;" if own is None else prefix + own
        desk.append(f'<li class="nav-item"><a href="{href}">{top}</a>')
        mobile.append(f'<li class="m-item"><a href="{href}" class="m-top">{top}</a>')
        if children:
            desk.append('<ul class="sub-nav">')
            desk.extend(f'<li><a href="{prefix}{p}.htm">{t}</a></li>' for t, p in children)
            desk.append("</ul>")
            mobile.append('<div class="m-sub">')
            mobile.extend(f'<a href="{prefix}{p}.htm">{t}</a>' for t, p in children)
            mobile.append("</div>")
        desk.append("</li>")
        mobile.append("</li>")
    desk.append("</ul></div>")
    mobile.append("</ul></div>")
    return "\n".join(desk + mobile)


def footer(prefix: str) -> str:
    """Return the footer: friend links, region list, our demo copyright line."""
    friends = "".join(
        f'<option value="{url}">{escape(name)}</option>' for name, url in vocab.FRIEND_LINKS
    )
    groups = "".join(
        f'<div class="fl-group"><span>{g}</span><select onchange="window.open(this.value)">'
        f"<option>{g}</option>{friends}</select></div>"
        for g in ("中国政府网", "相关部委", "就业机构", "社团组织", "知名企业", "高校职校")
    )
    regions = "".join(f"<li>{r}</li>" for r in vocab.REGIONS)
    return (
        f'<div class="foot"><div class="friend-links">友情链接: {groups}</div>\n'
        f'<ul class="region-list">{regions}</ul>\n'
        f'<p class="copy"><a href="{prefix}index.htm">联系我们</a>&nbsp;|&nbsp;演示站点，'
        f"内容由程序生成&nbsp;|&nbsp;丨版权所有:{SITE_NAME}（演示数据）</p>\n"
        '<p class="copy">技术支持:博达软件&nbsp;&nbsp;<span class="wx">协会官方微信</span></p>'
        "</div>"
    )


def document(
    prefix: str, title: str, metas: list[tuple[str, str]], main: str, charset: str = "utf-8"
) -> str:
    """Return a whole page around ``main`` with the VSB head, header menu and footer."""
    # Real VSB pages mix both spellings: lower-case for pageType, <META Name= for the rest.
    meta_lines = "\n".join(
        f'<meta name="{name}" content="{escape(value)}">'
        if name == "pageType"
        else f'<META Name="{name}" Content="{escape(value)}" />'
        for name, value in metas
    )
    return (
        "<!DOCTYPE html>\n<html>\n<head>\n"
        f'<meta charset="{charset}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>{meta_lines}\n"
        f'<link href="{prefix}style/afse.css" rel="stylesheet" type="text/css" />\n'
        '<link type="text/css" href="/_sitegray/_sitegray_d.css" rel="stylesheet" />\n'
        '<script language="javascript" src="/_sitegray/_sitegray.js"></script>\n'
        "<!--Announced by Visual SiteBuilder 9-->\n"
        '<script language="javascript" src="/system/resource/js/counter.js"></script>\n'
        "</head>\n<body>\n"
        '<div class="header"><div class="logo">'
        f'<a href="{prefix}index.htm"><span>{SITE_NAME}</span></a></div>\n'
        '<form class="search" action="/search.jsp" method="get"><input name="keyword" />'
        "<button>搜索</button></form>\n"
        f"{nav(prefix)}\n</div>\n"
        f'<div class="main">\n{main}\n</div>\n{footer(prefix)}\n</body>\n</html>\n'
    )


def side_menu(prefix: str, column: Column) -> str:
    """Return the list/article pages' left menu: the column's siblings."""
    siblings: tuple[tuple[str, str], ...] = ()
    for top, _js, children in MENU:
        if top == column.parent:
            siblings = children
    if not siblings:
        siblings = ((column.title, column.path),)
    head = column.parent or column.title
    on = ' class="on"'
    links = "\n".join(
        f'<li{on if p == column.path else ""}><a href="{prefix}{p}.htm">{t}</a></li>'
        for t, p in siblings
    )
    return (
        f'<div class="side"><h2 class="side-title">{head}</h2>\n<ul class="side-menu">\n'
        f"{links}\n</ul></div>"
    )


def crumbs(prefix: str, column: Column, tail: str | None) -> str:
    """Return the breadcrumb ``您当前的位置: 首页 > 新闻资讯 > 新闻 [> 正文]``."""
    parts = [f'<a href="{prefix}index.htm">首页</a>']
    if column.parent:
        first = next(kids[0][1] for top, _js, kids in MENU if top == column.parent)
        parts.append(f'<a href="{prefix}{first}.htm">{column.parent}</a>')
    parts.append(f'<a href="{prefix}{column.path}.htm">{column.title}</a>')
    if tail:
        parts.append(tail)
    return f'<div class="crumb">您当前的位置: {" > ".join(parts)}</div>'


def pager(column: Column, page: int, pages: int, total: int) -> str:
    """Return VSB's countdown pagination (``span.p_t`` and ``span.p_pages``).

    Args:
        column: The column.
        page: The current page, 1-based.
        pages: The number of pages.
        total: The number of list items.
    """
    out: list[str] = []

    def control(name: str, text: str, target: int, enabled: bool) -> None:
        if enabled:
            href = page_href(column, page, pages, target)
            out.append(f'<span class="{name} p_fun"><a href="{href}">{text}</a></span>')
        else:
            out.append(f'<span class="{name}_d p_fun_d">{text}</span>')

    control("p_first", "首页", 1, page > 1)
    control("p_prev", previous_text(column), page - 1, page > 1)
    for k in range(1, pages + 1):
        if k == page:
            out.append(f'<span class="p_no_d">{k}</span>')
        else:
            out.append(
                f'<span class="p_no"><a href="{page_href(column, page, pages, k)}">{k}</a></span>'
            )
    control("p_next", column.next_text, page + 1, page < pages)
    control("p_last", "尾页", pages, page < pages)
    return (
        f'<div class="pager"><span class="p_t">共{total}条&nbsp;&nbsp;{page}/{pages}</span>'
        f'<span class="p_pages">{"".join(out)}</span></div>'
    )
