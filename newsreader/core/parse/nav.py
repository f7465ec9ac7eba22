"""Header nav menu -> section tree.

Generic VSB rules: the menu is a ``ul`` of ``li`` whose first link is the section and whose nested
``ul``/``div`` links are its children. Class/id names (``nav``, ``menu``, ``daohang``) only rank
candidates; any top-level ``ul`` with enough linked items can win. Mobile copies of the menu are
dropped by keeping the first, most complete tree.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsreader.core.models import Section
from newsreader.core.parse.dom import attr, has_ancestor_hint, hint, link_url, parse_html
from newsreader.core.sanitize import clean_line

if TYPE_CHECKING:
    from selectolax.lexbor import LexborNode

_NAV_WORDS = ("nav", "menu", "daohang", "dh", "column", "lanmu")
_CHROME_WORDS = ("foot", "bottom", "copyright", "banquan", "link", "sidebar", "left", "position")
_DROPPED = frozenset(("首页", "网站首页", "返回首页", "搜索", "主页", "home", "Home", "HOME"))
_MAX_CHILDREN = 80
_MAX_TOP = 60
_MIN_ITEMS = 3


def _direct_children(node: LexborNode, tags: tuple[str, ...]) -> list[LexborNode]:
    return [child for child in node.iter() if child.tag in tags]


def _own_link(li: LexborNode) -> LexborNode | None:
    """Return the item's own link: its first ``a`` that is not inside a nested menu."""
    for link in li.css("a"):
        current = link.parent
        nested = False
        while current is not None and current is not li and current.mem_id != li.mem_id:
            if current.tag in ("ul", "ol"):
                nested = True
                break
            current = current.parent
        if not nested:
            return link
        break
    return li.css_first("a")


def _title(link: LexborNode) -> str:
    text = clean_line(link.text() or "")
    return text or clean_line(attr(link, "title"))


def _children(li: LexborNode, own: LexborNode | None, base: str) -> tuple[Section, ...]:
    """Return the sub-sections of a menu item: every other link below it, de-duplicated."""
    out: list[Section] = []
    seen: set[str] = set()
    own_id = own.mem_id if own is not None else None
    for link in li.css("a"):
        if link.mem_id == own_id:
            continue
        title = _title(link)
        if not title or title in seen or title in _DROPPED:
            continue
        seen.add(title)
        out.append(Section(title, link_url(attr(link, "href"), base)))
        if len(out) >= _MAX_CHILDREN:
            break
    return tuple(out)


def _menu_tree(ul: LexborNode, base: str) -> list[Section]:
    sections: list[Section] = []
    seen: set[str] = set()
    for li in _direct_children(ul, ("li",)):
        if len(sections) >= _MAX_TOP:
            break
        own = _own_link(li)
        if own is None:
            continue
        title = _title(own)
        if not title or title in seen:
            continue
        seen.add(title)
        children = _children(li, own, base)
        url = link_url(attr(own, "href"), base)
        if url is None and children:
            # A parent whose link is javascript:; or # opens its dropdown: use its first child.
            url = next((child.url for child in children if child.url), None)
        sections.append(Section(title, url, children))
    return sections


def _is_top_level(ul: LexborNode) -> bool:
    """True when ``ul`` is not nested in another menu item."""
    current = ul.parent
    steps = 0
    while current is not None and steps < 40:
        if current.tag == "li":
            return False
        if current.tag == "body":
            return True
        current = current.parent
        steps += 1
    return True


def _score(ul: LexborNode, tree_size: int, index: int) -> tuple[int, int, int]:
    hinted = has_ancestor_hint(ul, _NAV_WORDS, limit=4) or any(w in hint(ul) for w in _NAV_WORDS)
    return (1 if hinted else 0, tree_size, -index)


def parse_sections(html: str, base_url: str) -> tuple[Section, ...]:
    """Return the site's section tree from its header nav menu.

    Args:
        html: Any page of the site (every VSB page carries the full menu).
        base_url: The page's URL, to make links absolute.

    Returns:
        Top-level sections in menu order, without 首页/搜索; empty when no menu is found.
    """
    tree = parse_html(html)
    best: tuple[tuple[int, int, int], list[Section]] | None = None
    for index, ul in enumerate(tree.css("ul")):
        if not _is_top_level(ul) or has_ancestor_hint(ul, _CHROME_WORDS):
            continue
        sections = _menu_tree(ul, base_url)
        kept = [s for s in sections if s.title not in _DROPPED]
        if len(kept) < _MIN_ITEMS:
            continue
        size = sum(1 + len(s.children) for s in kept)
        score = _score(ul, size, index)
        # A mobile duplicate scores the same size; the earlier (desktop) one wins on -index.
        if best is None or score > best[0]:
            best = (score, kept)
    return tuple(best[1]) if best is not None else ()
