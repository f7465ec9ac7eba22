"""Header nav menu -> section tree.

Generic VSB rules: the menu is a container of repeated items (``ul > li``, ``tr > td``,
``div > div``, ``div > dl`` or plain ``div > a``), each item's first link is the section and the
item's other links (a nested ``ul``/``div``/``dl`` dropdown) are its children. Class/id names
(``nav``, ``menu``, ``daohang``) only rank candidates; any top-level container with enough linked,
menu-like items can win. Mobile copies of the menu are dropped by keeping the first, most complete
tree.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from newsreader.core.models import Section
from newsreader.core.parse.columns import home_columns
from newsreader.core.parse.dom import attr, has_ancestor_hint, hint, link_url, parse_html
from newsreader.core.sanitize import clean_line
from newsreader.core.sources.vsb import article_id, link_problem

if TYPE_CHECKING:
    from selectolax.lexbor import LexborNode

_NAV_WORDS = ("nav", "menu", "daohang", "dh", "column", "lanmu")
_CHROME_WORDS = ("foot", "bottom", "copyright", "banquan", "link", "sidebar", "left", "position")
_DROPPED = frozenset(("首页", "网站首页", "返回首页", "搜索", "主页", "home", "Home", "HOME"))
_CONTAINERS = "ul, ol, tr, div, nav, header"
_NOT_ITEMS = frozenset(("-text", "-comment", "script", "style", "br", "img", "i", "input"))
_CJK_GAP = re.compile(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])")
_MAX_CHILDREN = 80
_MAX_TOP = 60
_MIN_ITEMS = 3
_MAX_LOOSE_TEXT = 12
"""Non-link characters a menu item may hold (a separator, an English subtitle); more means the
item is content (a dated news row, a text block), not a menu entry."""
_MAX_ITEM_LINKS = 120
_DATE_LIKE = re.compile(r"\d{4}[-/.年]\d{1,2}|\d{1,2}[-/.月]\d{1,2}")


def _is_dropped(title: str) -> bool:
    """True for the home and search entries (``首页``, ``学院首页``, ``首 页``, ``搜索``)."""
    bare = "".join(title.split())
    return bare in _DROPPED or bare.endswith("首页")


def _own_link(item: LexborNode) -> LexborNode | None:
    """Return the item's own link: the item itself when it is a link, else its first ``a``."""
    if item.tag == "a":
        return item
    return item.css_first("a")


def _title(link: LexborNode) -> str:
    text = clean_line(link.text() or "") or clean_line(attr(link, "title"))
    # Two-character entries are often spaced out for looks (``首 页``, ``概 况``).
    return _CJK_GAP.sub("", text) if len(text) <= 12 else text


def _section_url(link: LexborNode, base: str) -> str | None:
    """Return the list page a menu link leads to; ``None`` for none or a malformed link.

    A section whose link is malformed (a port past 65535, a host that does not encode) is kept
    without a list page of its own, like a ``javascript:;`` parent, so one bad link costs only
    its own section.
    """
    url = link_url(attr(link, "href"), base)
    return None if url is None or link_problem(url) is not None else url


def _children(item: LexborNode, own: LexborNode | None, base: str) -> tuple[Section, ...]:
    """Return the sub-sections of a menu item: every other link below it, de-duplicated."""
    if item.tag == "a":
        return ()
    out: list[Section] = []
    seen: set[str] = set()
    own_id = own.mem_id if own is not None else None
    for link in item.css("a"):
        if link.mem_id == own_id:
            continue
        title = _title(link)
        if not title or title in seen or _is_dropped(title):
            continue
        seen.add(title)
        out.append(Section(title, _section_url(link, base)))
        if len(out) >= _MAX_CHILDREN:
            break
    return tuple(out)


def _menu_like(item: LexborNode) -> bool:
    """True when ``item`` holds little besides links: content rows and layout cells fail."""
    if item.tag == "a":
        return True
    links = item.css("a")
    if len(links) > _MAX_ITEM_LINKS:
        return False
    loose = "".join((item.text() or "").split())
    for link in links:
        link_text = "".join((link.text() or "").split())
        if link_text:
            loose = loose.replace(link_text, "", 1)
    # A date beside the link marks a news row, however short.
    return len(loose) <= _MAX_LOOSE_TEXT and not _DATE_LIKE.search(loose)


def _menu_tree(items: list[LexborNode], base: str) -> list[Section] | None:
    """Return the sections of ``items``, or ``None`` when they don't look like a menu."""
    sections: list[Section] = []
    seen: set[str] = set()
    content = articles = 0
    for item in items[: _MAX_TOP * 2]:
        own = _own_link(item)
        if own is None:
            continue
        title = _title(own)
        if not title or title in seen:
            continue
        if not _menu_like(item):
            content += 1
            continue
        seen.add(title)
        url = _section_url(own, base)
        articles += url is not None and article_id(url) is not None
        children = _children(item, own, base)
        if url is None and children:
            # A parent whose link is javascript:; or # opens its dropdown: use its first child.
            url = next((child.url for child in children if child.url), None)
        sections.append(Section(title, url, children))
        if len(sections) >= _MAX_TOP:
            break
    # A menu links to columns; a group of mostly article links or content rows is a news list.
    if content * 4 > len(sections) or articles * 2 > len(sections):
        return None
    return sections


def _items(container: LexborNode) -> list[LexborNode]:
    """Return the repeated child elements of ``container`` that could be menu items."""
    tag = container.tag
    if tag in ("ul", "ol"):
        return [child for child in container.iter() if child.tag == "li"]
    if tag == "tr":
        return [child for child in container.iter() if child.tag in ("td", "th")]
    # div/nav/header: the most common child tag (div, dl, a, span...) forms the items.
    by_tag: dict[str, list[LexborNode]] = {}
    for child in container.iter():
        if child.tag is not None and child.tag not in _NOT_ITEMS:
            by_tag.setdefault(child.tag, []).append(child)
    if not by_tag:
        return []
    return max(by_tag.values(), key=len)


def _is_top_level(node: LexborNode) -> bool:
    """True when ``node`` is not nested in another menu item (a dropdown is not the menu)."""
    current = node.parent
    steps = 0
    while current is not None and steps < 40:
        if current.tag == "li":
            return False
        if current.tag == "body":
            return True
        current = current.parent
        steps += 1
    return True


def _score(node: LexborNode, tree_size: int, index: int) -> tuple[int, int, int]:
    hinted = has_ancestor_hint(node, _NAV_WORDS, limit=4) or any(
        w in hint(node) for w in _NAV_WORDS
    )
    return (1 if hinted else 0, tree_size, -index)


def parse_sections(html: str, base_url: str) -> tuple[Section, ...]:
    """Return the site's section tree from its header nav menu.

    Args:
        html: Any page of the site (every VSB page carries the full menu).
        base_url: The page's URL, to make links absolute.

    Returns:
        Top-level sections in menu order, without 首页/搜索, then the columns the page's news
        blocks head that the menu does not name (:mod:`~newsreader.core.parse.columns`); empty
        when there are neither.
    """
    tree = parse_html(html)
    best: tuple[tuple[int, int, int], list[Section]] | None = None
    for index, node in enumerate(tree.css(_CONTAINERS)):
        items = _items(node)
        if len(items) < _MIN_ITEMS:
            continue
        if not _is_top_level(node) or has_ancestor_hint(node, _CHROME_WORDS):
            continue
        sections = _menu_tree(items, base_url)
        if sections is None:
            continue
        kept = [s for s in sections if not _is_dropped(s.title)]
        if len(kept) < _MIN_ITEMS:
            continue
        size = sum(1 + len(s.children) for s in kept)
        score = _score(node, size, index)
        # A mobile duplicate scores the same size; the earlier (desktop) one wins on -index.
        if best is None or score > best[0]:
            best = (score, kept)
    menu = best[1] if best is not None else []
    urls: set[str] = set()
    titles: set[str] = set()
    _collect(menu, urls, titles)
    return (*menu, *home_columns(tree, base_url, urls, titles))


def _collect(
    sections: list[Section] | tuple[Section, ...], urls: set[str], titles: set[str]
) -> None:
    """Add the list-page URLs and titles of ``sections`` and of their children."""
    for section in sections:
        titles.add(section.title)
        if section.url:
            urls.add(section.url)
        _collect(section.children, urls, titles)
