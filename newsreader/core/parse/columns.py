"""Columns a home page shows as blocks of news, for sections the nav menu does not name.

Many VSB home pages leave their news columns out of the header menu: ``安科新闻`` and ``通知公告``
appear only as the headings of blocks of article links (``<h2><a href="index/tzgg.htm">通知公告
</a>… <a href="index/tzgg.htm">更多</a></h2>`` above ``info/{tree}/{id}.htm`` links), and a reader
that followed the menu alone would show no news at all. A block is recognised by what every VSB
site shares, not by class names: a short link to a page of the site that is no article, followed
in its block by at least :data:`MIN_ARTICLES` article links, with no article link of its own row.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from newsreader.core.models import Section
from newsreader.core.parse.dom import attr, link_url
from newsreader.core.sanitize import clean_line
from newsreader.core.sources.vsb import article_id, link_problem
from newsreader.core.urls import same_site

if TYPE_CHECKING:
    from selectolax.lexbor import LexborHTMLParser, LexborNode

MIN_ARTICLES = 2
"""Article links a block holds at least below its heading."""
MAX_COLUMNS = 20
"""Columns taken from one home page at most."""
MAX_CANDIDATES = 400
"""Short links of a page looked at as possible headings at most."""
_MAX_TITLE = 12
_MAX_UP = 4
"""Ancestors of a heading link looked through for its block."""
_ROWS = frozenset(("li", "tr", "dd", "dt", "p"))
# A "more" link's text: 更多, 查看更多, 全部新闻>>, MORE+, a bare arrow or plus.
_MORE = re.compile(r"更多|全部|more\b|^\s*[>＞»+›]+\s*$|[>＞»›]{2}\s*$", re.IGNORECASE)
_ENGLISH = re.compile(r"[A-Za-z][A-Za-z\s]*")
_MAX_LABEL_TEXT = 40
"""Characters of a "more" link's container looked through for its heading at most."""
_CJK_GAP = re.compile(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])")
_DATE_LIKE = re.compile(r"\d{4}[-/.年]\d{1,2}|\d{1,2}[-/.月]\d{1,2}")
_ARTICLE_LINKS = 'a[href*="info/"], a[href*="wbnewsid"]'
_NOT_HOME = (
    ".v_news_content, form[name='_newscontent_fromname'], #vsb_content, #vsb_content_2, "
    ".p_pages, .p_next, .p_next_d"
)
_NEXT_WORDS = frozenset(("下页", "下一页", "下一頁", "后页", "後頁"))


class _Blocks:
    """The article links and the text of elements, each worked out once per page.

    Every candidate heading looks at its ancestors: without the memo a long list of short
    links under one parent cost a walk of that parent per link (a minute for 2,000 rows).
    """

    def __init__(self, base: str) -> None:
        self.base = base
        self._links: dict[int, list[LexborNode]] = {}
        self._texts: dict[int, str] = {}

    def articles(self, node: LexborNode) -> list[LexborNode]:
        """Return the links below ``node`` that lead to articles of the site."""
        found = self._links.get(node.mem_id)
        if found is None:
            found = []
            for link in node.css(_ARTICLE_LINKS):
                url = link_url(attr(link, "href"), self.base)
                if url is not None and article_id(url) is not None and same_site(url, self.base):
                    found.append(link)
            self._links[node.mem_id] = found
        return found

    def text(self, node: LexborNode) -> str:
        found = self._texts.get(node.mem_id)
        if found is None:
            # Whitespace collapsed, as in the cleaned texts looked for in it.
            found = self._texts[node.mem_id] = " ".join((node.text() or "").split())
        return found

    def row_has_article(self, link: LexborNode, block: LexborNode) -> bool:
        """True when the link sits in a list row that also links an article (a news row)."""
        current = link.parent
        while current is not None and current.mem_id != block.mem_id:
            if current.tag in _ROWS and self.articles(current):
                return True
            current = current.parent
        return False

    def block(self, link: LexborNode, title: str) -> LexborNode | None:
        """Return the nearest ancestor holding the heading and articles after it, if any.

        The articles must come after the heading: the heading's text precedes the first
        article link's text in the block's text.
        """
        current = link.parent
        for _ in range(_MAX_UP):
            if current is None or current.tag in ("body", "html"):
                return None
            articles = self.articles(current)
            if len(articles) >= MIN_ARTICLES:
                text = self.text(current)
                first = clean_line(articles[0].text() or "")
                at_heading = text.find(title) if title else 0
                at_first = text.find(first) if first else len(text)
                return current if 0 <= at_heading <= at_first else None
            current = current.parent
        return None


def _label_beside(link: LexborNode, shown: str, blocks: _Blocks) -> str | None:
    """Return the heading a "more" link stands beside (``<h3>学校新闻</h3><a>更多>></a>``).

    The text of the link's container, then of the container's, without the link's own text
    and without English subtitles (``通知公告 NOTICE``); ``None`` when that is no short name.
    The containers' texts are the memo's: a thousand image links in one ``<div>`` read its
    text once, not once each (a 512 KiB page took 8.5 s).
    """
    node = link.parent
    for _ in range(2):
        if node is None:
            return None
        raw = blocks.text(node)
        if len(raw) > 2 * _MAX_LABEL_TEXT:
            return None
        text = clean_line(raw)
        if len(text) > _MAX_LABEL_TEXT:
            return None
        label = text.replace(shown, " ") if shown else text
        if re.search(r"[\u4e00-\u9fff]", label):
            label = _ENGLISH.sub(" ", label)
        label = clean_line(label.strip(" >＞»›+|-·"))
        if 2 <= len(label) <= _MAX_TITLE and not _MORE.search(label):
            return label
        node = node.parent
    return None


def _home(url: str, base: str) -> bool:
    """True for the site's home page itself (``/``, ``index.htm``, ``index.jsp``...)."""
    path = url.split("?", 1)[0].split("#", 1)[0]
    tail = path.rsplit("/", 1)[-1].lower()
    return path.rstrip("/") == base.split("?", 1)[0].rsplit("/", 1)[0] or tail.startswith("index.")


def _list_or_article(tree: LexborHTMLParser) -> bool:
    """True for a list or an article page: their breadcrumbs and sidebars head no news block.

    VSB marks them with the ``pageType`` META (2 and 3), the article markup, or a pager.
    """
    for meta in tree.css("meta"):
        if attr(meta, "name").lower() == "pagetype" and attr(meta, "content").strip() in ("2", "3"):
            return True
    if tree.css_first(_NOT_HOME):
        return True
    return any("".join((a.text() or "").split()) in _NEXT_WORDS for a in tree.css("a[href]"))


def home_columns(
    tree: LexborHTMLParser, base: str, known: set[str], titles: set[str]
) -> list[Section]:
    """Return the columns the home page's news blocks head, beyond those already known.

    Nothing on a list or an article page (see :func:`_list_or_article`).

    Args:
        tree: The parsed page.
        base: The page's URL.
        known: List-page URLs the section tree already has (not repeated here).
        titles: Section titles the tree already has (not repeated either: a menu parent may
            name the column that its first child's link opens).
    """
    if _list_or_article(tree):
        return []
    out: list[Section] = []
    seen = set(known)
    blocks = _Blocks(base)
    candidates = 0
    for link in tree.css("a[href]"):
        shown = clean_line(link.text() or "")
        if _MORE.search(shown) or not (shown or attr(link, "title")):
            # A "more" link (更多>>, an arrow, an image) is named by the heading beside it;
            # looking counts towards the cap, as every heading looked at does.
            candidates += 1
            if candidates > MAX_CANDIDATES:
                break
            label = _label_beside(link, shown, blocks)
            if label is None:
                continue
            shown = label
        # Two-character names are often spaced out for looks (``校 园``), as in menus.
        title = _CJK_GAP.sub("", shown or clean_line(attr(link, "title")))
        if not title or len(title) > _MAX_TITLE or _DATE_LIKE.search(title):
            continue
        if title in titles:
            continue
        candidates += 1
        if candidates > MAX_CANDIDATES:
            break
        url = link_url(attr(link, "href"), base)
        if url is None or url in seen or link_problem(url) is not None:
            continue
        if article_id(url) is not None or not same_site(url, base) or _home(url, base):
            continue
        block = blocks.block(link, shown)
        if block is None or blocks.row_has_article(link, block):
            continue
        seen.add(url)
        out.append(Section(title, url))
        if len(out) >= MAX_COLUMNS:
            break
    return out
