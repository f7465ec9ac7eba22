"""Breadcrumb (``首页 > 新闻资讯 > 新闻 > 正文``) -> section path."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from newsreader.core.sanitize import clean_line

if TYPE_CHECKING:
    from selectolax.lexbor import LexborHTMLParser, LexborNode

# ``[class*='posi']`` covers ``[class*='position']``: each substring selector is one more walk
# of the whole document by lexbor (~3 µs), and the matches come back in document order anyway.
_HINTED = (
    "[id*='position'], [class*='crumb'], [id*='crumb'], [class*='dqwz'], "
    "[class*='location'], [id*='location'], [class*='posi'], [class*='weizhi'], [class*='path']"
)
_HOME = frozenset(("首页", "网站首页", "主页", "返回首页", "home", "Home", "HOME"))
_TAIL = frozenset(("正文", "详情", "内容", "正文内容", "详细内容"))
_SEPARATOR = re.compile(r"[>›»/＞→]|当前位置|您的位置|现在位置|正文")
_MAX_TEXT = 300


def _path(node: LexborNode) -> tuple[str, ...] | None:
    text = node.text() or ""
    if len(text) > _MAX_TEXT:
        return None
    titles: list[str] = []
    for link in node.css("a"):
        title = clean_line(link.text() or "")
        if (
            title
            and title not in _HOME
            and title not in _TAIL
            and (not titles or titles[-1] != title)
        ):
            titles.append(title)
    return tuple(titles) if titles else None


def breadcrumb(tree: LexborHTMLParser) -> tuple[str, ...]:
    """Return the breadcrumb's section titles, without 首页 and the trailing 正文."""
    # The first hinted element (lexbor stops its walk there: breadcrumbs sit near the top) is
    # nearly always the breadcrumb; the full list, in the same document order, only when not.
    first = tree.css_first(_HINTED)
    if first is not None:
        path = _path(first)
        if path:
            return path
        for node in tree.css(_HINTED)[1:]:
            path = _path(node)
            if path:
                return path
    # No hint: the parent of a 首页 link that also holds separators (> / 当前位置 / 正文).
    for link in tree.css("a"):
        if clean_line(link.text() or "") not in _HOME:
            continue
        parent = link.parent
        if parent is None or len(parent.css("a")) < 2:
            continue
        own = "".join(
            child.text_content or ""
            for child in parent.iter(include_text=True)
            if child.tag == "-text"
        )
        if _SEPARATOR.search(own):
            path = _path(parent)
            if path:
                return path
    return ()
