"""List page -> :class:`~newsreader.core.models.ListPage`.

Generic rule: a list is a group of repeated sibling elements (``li``/``tr``/``div``/``dd``…), each
holding one link and usually a date. Links are grouped by the container their item sits in; the
group with the most dated items (then the most VSB article links) wins, nav and footer excluded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import islice
from typing import TYPE_CHECKING

from newsreader.core.errors import ParseError
from newsreader.core.models import ListItem, ListPage
from newsreader.core.parse.crumbs import breadcrumb
from newsreader.core.parse.dates import find_split_date, is_date_only
from newsreader.core.parse.dom import attr, has_ancestor_hint, link_url, parse_html, strip_junk
from newsreader.core.parse.meta import page_title, read_meta
from newsreader.core.sanitize import clean_line
from newsreader.core.sources.vsb import article_id, canonical_article_url, link_problem
from newsreader.core.urls import same_site

if TYPE_CHECKING:
    from selectolax.lexbor import LexborHTMLParser, LexborNode

_ITEM_TAGS = frozenset(("li", "tr", "dd", "dt", "div", "p", "article", "section"))
_CHROME = ("nav", "menu", "foot", "copyright", "banquan", "crumb", "position", "location", "page")
_NEXT_TEXT = frozenset(("下页", "下一页", "下一頁", "后页", "後頁", ">", "»"))
_TOTAL = re.compile(r"共\s*(\d{1,9})\s*条")
_PAGES = re.compile(r"共\s*(\d{1,7})\s*页|(?<!\d)\d{1,7}\s*/\s*(\d{1,7})(?!\d)")
_MAYBE_ARTICLE = re.compile(r"info/|wbnewsid", re.IGNORECASE)
_MAYBE_DATE = re.compile(r"\d{4}|\d{1,2}[-/.]\d{1,2}")
_ELLIPSIS = ("...", "…", "..")
_CLIMB = 3
_UNIQUE_CLIMB = 6
_TITLE_PARTS = re.compile(r"\s*(?:--|—|－|-|\||_)\s*")
_DATE_HOLDERS = "span, em, i, b, font, div, p, td, time, dd, small, label"
_MAX_DATE_TEXT = 24
_ROW_TAGS = frozenset(("li", "tr", "dd", "dt", "dl", "div", "p", "article", "section", "table"))
_HEADING_IN_LINK = "h1, h2, h3, h4, h5, h6, [class*='title'], [class*='tit']"
_MAX_PAGER_TEXT = 200
_MAX_LABEL = 8
"""Characters of a label a link's ``title=`` may put before the title (``信息标题：``)."""
_MAX_PAGE_DIGITS = 7
_LINK_TAG = re.compile(r"<a[\s>]", re.IGNORECASE)

MAX_LIST_ITEMS = 1_000
"""At most this many entries are taken from one list page (a VSB list page has 10 to 50)."""
MAX_LIST_LINKS = 5 * MAX_LIST_ITEMS
"""Only the part of a list page before its link number ``MAX_LIST_LINKS + 1`` is parsed: a page
with more links is broken or hostile, and each link costs memory and time to look at."""


@dataclass
class _Group:
    items: list[ListItem] = field(default_factory=list)
    urls: set[str] = field(default_factory=set)
    skipped: set[str] = field(default_factory=set)
    dated: int = 0
    articles: int = 0
    first: int = 0
    chrome: bool = False


def _item_of(link: LexborNode) -> LexborNode:
    """Return the repeated element holding ``link``: the nearest li/tr/dd… ancestor, else ``a``."""
    current = link.parent
    for _ in range(_CLIMB):
        if current is None or current.tag in ("body", "html", "ul", "ol", "table", "tbody"):
            break
        if current.tag in ("td", "th"):  # a table list: the row is the item, not the cell
            current = current.parent
            continue
        if current.tag in _ITEM_TAGS and current.tag != "div":
            return current
        current = current.parent
    # Divs are too generic to climb through blindly: take the link's own parent div only.
    parent = link.parent
    if parent is not None and parent.tag == "div" and len(parent.css("a")) == 1:
        return parent
    return link


def _items_of(links: list[LexborNode]) -> list[LexborNode]:
    """Return the repeated element holding each link (see :func:`_item_of`).

    The item is the highest ancestor that links to nothing but the link's own target: it finds
    rows however deeply the link is wrapped (``tr > td > font > b > a``, ``li > div > h3 > a``,
    ``dl > dt > a``). When an item also links elsewhere (a per-item column link), that climb
    stops at the link and the nearest li/tr/dd… from :func:`_item_of` is taken instead.
    """
    keys = ["".join(attr(link, "href").split()).split("#", 1)[0] for link in links]
    chains: list[list[LexborNode]] = []
    owner: dict[int, str | None] = {}  # ancestor -> the one href below it, None for several
    for link, key in zip(links, keys, strict=True):
        chain: list[LexborNode] = []
        current = link.parent
        while current is not None and len(chain) < _UNIQUE_CLIMB:
            if current.tag in ("body", "html"):
                break
            chain.append(current)
            node_id = current.mem_id
            if node_id not in owner:
                owner[node_id] = key
            elif owner[node_id] != key:
                owner[node_id] = None
            current = current.parent
        chains.append(chain)
    out: list[LexborNode] = []
    for link, key, chain in zip(links, keys, chains, strict=True):
        item = link
        for ancestor in chain:
            if owner[ancestor.mem_id] != key:
                break
            item = ancestor
        out.append(item if item.tag in _ROW_TAGS else _item_of(link))
    return out


def _link_title(link: LexborNode) -> str:
    """Return the link text without date parts, preferring a fuller ``title=`` when truncated.

    A link wrapping a heading and a summary (``<a><h3>title</h3><p>summary…</p></a>``) is
    titled by its heading only.
    """
    heading = link.css_first(_HEADING_IN_LINK)
    shown = heading if heading is not None and clean_line(heading.text() or "") else link
    lines = [clean_line(part) for part in (shown.text(separator="\n") or "").split("\n")]
    text = clean_line(" ".join(line for line in lines if line and not is_date_only(line)))
    full = clean_line(attr(link, "title"))
    if not full or full == text:
        return text or full
    bare = text
    for mark in _ELLIPSIS:
        bare = bare.removesuffix(mark)
    bare = bare.rstrip()
    if not text or (bare != text and full.startswith(bare[: max(len(bare) - 1, 1)])):
        return full
    if full.startswith(bare) and len(full) > len(bare):
        return full
    # A tooltip with a label of its own before the title (``信息标题：…``).
    at = full.find(bare[: max(len(bare) - 1, 1)]) if bare != text else -1
    if 0 < at <= _MAX_LABEL and full[:at].rstrip().endswith((":", "：")):
        return full[at:]
    return text


def _item_date(link: LexborNode, item: LexborNode, item_text: str, title: str) -> str | None:
    """Return the item's date: its own date field first, dates in running text last.

    The field is an element holding nothing but a date or its parts (``<span>2024-11-05</span>``,
    ``<div><p>11/05</p><span>2024</span></div>``), inside the link or beside it; else parts in
    sibling elements of their own (``<b>05</b><i>2024-11</i>``). Only without such a field is
    a date looked for in the text, beside the link first: a summary may mention other dates
    (``于2024年11月15日前提交``) and is never the item's date when the item has one of its own.
    """
    if not item_text:
        return None
    own = _own_date(item)
    if own:
        return own
    if item is not link:
        link_text = clean_line(link.text(separator=" ") or "")
        beside = item_text.replace(link_text, " ") if link_text else item_text
        found = find_split_date(beside)
        if found:
            return found
    return find_split_date(item_text.replace(title, " "))


def _next_page(link: LexborNode, url: str, skipped: set[str]) -> str | None:
    """Return where a pager link leads when it is a page of the same site, else ``None``.

    A malformed or off-site target is added to ``skipped``: a sync must not follow it.
    """
    target = link_url(attr(link, "href"), url)
    if target is None:
        return None
    if link_problem(target) is not None or not same_site(target, url):
        skipped.add(target)
        return None
    return target


def _own_date(item: LexborNode) -> str | None:
    """Return the date of an element of ``item`` that holds nothing but a date (or its parts)."""
    for node in item.css(_DATE_HOLDERS):
        text = clean_line(node.text(separator=" ") or "")
        if text and len(text) <= _MAX_DATE_TEXT and is_date_only(text):
            found = find_split_date(text)
            if found:
                return found
    # Parts in elements of their own with no common wrapper: ``<b>05</b><i>2024-11</i>``.
    parts = [
        line
        for raw in (item.text(separator="\n") or "").split("\n")
        if (line := clean_line(raw)) and len(line) <= _MAX_DATE_TEXT and is_date_only(line)
    ]
    return find_split_date(" ".join(parts)) if parts else None


def _plain_pager_holder(pager: LexborNode) -> LexborNode | None:
    """Return the element of a plain-text pager that holds its counts, or ``None``.

    Old templates write the pager as plain text and links (``共 120 条 1/6 首页 上页 下页 尾页``):
    in one cell the next link's parent holds the counts; in another the counts are in the cell
    before (``<td id="fanye…">共49条 1/5</td><td><div>首页 上页 下页…``), so the row holds them.
    """
    holder = None
    node: LexborNode | None = pager
    for _ in range(3):
        text = (node.text() or "") if node is not None else ""
        if node is None or len(text) > _MAX_PAGER_TEXT:
            break
        holder = node
        if _TOTAL.search(text) or _PAGES.search(text):
            break
        node = node.parent
    return holder


def _pagination(
    tree: LexborHTMLParser, url: str, skipped: set[str]
) -> tuple[str | None, int | None, int | None]:
    next_url: str | None = None
    for node in tree.css(".p_next, a.p_next, span.p_next a"):
        link = node if node.tag == "a" else node.css_first("a")
        if link is not None:
            next_url = _next_page(link, url, skipped)
            if next_url:
                break
    plain_pager: LexborNode | None = None
    if next_url is None:
        for link in tree.css("a[href]"):
            label = "".join((link.text() or "").split())
            if label in ("下页", "下一页", "下一頁", "后页", "後頁"):
                next_url = _next_page(link, url, skipped)
                if next_url:
                    plain_pager = link.parent
                    break
    holder = tree.css_first(".p_pages, .pagebar, .pagination, .page, .pages, .fy, .p_t")
    if holder is None and plain_pager is not None:
        holder = _plain_pager_holder(plain_pager)
    scope = ""
    for node in tree.css(".p_t"):
        scope += " " + (node.text() or "")
    if holder is not None:
        scope += " " + (holder.text(separator=" ") or "")
    total_match = _TOTAL.search(scope) or (
        _TOTAL.search(tree.body.text() or "") if tree.body is not None else None
    )
    total = int(total_match.group(1)) if total_match else None
    pages_match = _PAGES.search(scope)
    page_count: int | None = None
    if pages_match:
        page_count = int(pages_match.group(1) or pages_match.group(2))
    elif holder is not None:
        # The page numbers: the links, and the current page, which is no link (``p_no_d``), and
        # the largest number on the last page.
        numbers = [
            int(t)
            for node in holder.css("a, span, b, strong, font")
            if (t := clean_line(node.text() or "")).isdigit() and len(t) <= _MAX_PAGE_DIGITS
        ]
        if numbers:
            page_count = max(numbers)
    return next_url, total, page_count


def _collect(tree: LexborHTMLParser, url: str) -> list[_Group]:
    groups: dict[tuple[int, str], _Group] = {}
    links = list(tree.css("a[href]"))
    for index, (link, item) in enumerate(zip(links, _items_of(links), strict=True)):
        href = attr(link, "href")
        raw_item = item.text(separator=" ") or ""
        # Cheap raw tests first: most links of a page (nav, footer) have neither a VSB article
        # URL nor digits that could be a date, and URL joining/cleaning them all is the cost.
        if not _MAYBE_ARTICLE.search(href) and not _MAYBE_DATE.search(raw_item):
            continue
        target = link_url(href, url)
        if target is None:
            continue
        # A malformed link (a port past 65535, a host that does not encode, a 4,000-digit
        # article id) is grouped like any entry, then skipped and counted, not followed.
        bad = link_problem(target) is not None
        title = _link_title(link)
        ident = None if bad else article_id(target)
        if not title or (item.tag == "a" and ident is None and not bad):
            continue
        item_text = clean_line(raw_item)
        date = _item_date(link, item, item_text, title)
        if ident is None and date is None and not bad:
            continue
        parent = item.parent
        key = (parent.mem_id if parent is not None else 0, item.tag or "")
        group = groups.get(key)
        if group is None:
            group = groups[key] = _Group(first=index)
            group.chrome = has_ancestor_hint(item if item.tag != "a" else link, _CHROME)
        if bad:
            group.skipped.add(target)
            continue
        external = not same_site(target, url)
        final = target.split("#", 1)[0] if external else canonical_article_url(target)
        if final in group.urls:
            # The same article twice (e.g. image and text link): keep the longest title.
            for pos, known in enumerate(group.items):
                if known.url == final and len(title) > len(known.title):
                    group.items[pos] = ListItem(title, final, known.date or date, external)
            continue
        group.urls.add(final)
        group.items.append(ListItem(title, final, date, external))
        group.dated += date is not None
        group.articles += ident is not None
    return list(groups.values())


def parse_list(html: str, url: str) -> ListPage:
    """Parse a section's list page.

    Args:
        html: The page text.
        url: The page URL, to make links absolute.

    Raises:
        ParseError: When no article list is found.
    """
    html, unread = _first_links(html)
    tree = parse_html(html)
    meta = read_meta(tree)
    strip_junk(tree)
    groups = [g for g in _collect(tree, url) if len(g.items) >= 2 or g.dated or g.articles]
    if not groups:
        raise ParseError(f"no article list found on {url}", reason="no_list", facts={"url": url})
    best = max(groups, key=lambda g: (not g.chrome, g.dated, g.articles, len(g.items), -g.first))
    if best.chrome and best.dated < 2 and best.articles < 2:
        raise ParseError(f"no article list found on {url}", reason="no_list", facts={"url": url})
    items = best.items
    if best.articles >= 2:
        # A list of articles may carry per-item column links (``[通知公告]``) or a 更多 link:
        # same-site links that are not articles are not entries. External ones stay, marked.
        items = [i for i in items if i.external or article_id(i.url) is not None]
    pager_skipped: set[str] = set()
    next_url, total, page_count = _pagination(tree, url, pager_skipped)
    crumbs = breadcrumb(tree)
    return ListPage(
        url=url,
        items=tuple(items[:MAX_LIST_ITEMS]),
        next_url=next_url,
        total=total,
        page_count=page_count,
        column=meta.get("columnname") or (crumbs[-1] if crumbs else None) or _title_column(tree),
        skipped=len(best.skipped | pager_skipped),
        truncated=max(len(items) - MAX_LIST_ITEMS, 0) + unread,
    )


def _first_links(html: str) -> tuple[str, int]:
    """Return ``html`` up to its link number ``MAX_LIST_LINKS + 1``, and how many links follow.

    The cut is made in the text, before parsing, so that the tree of a page with 100,000 links
    is never built.
    """
    tags = _LINK_TAG.finditer(html)
    cut = next(islice(tags, MAX_LIST_LINKS, None), None)
    if cut is None:
        return html, 0
    return html[: cut.start()], 1 + sum(1 for _ in tags)


def _title_column(tree: LexborHTMLParser) -> str | None:
    """Return the column named by ``<title>`` (``新闻-协会`` gives ``新闻``), if it has parts."""
    parts = [p for p in _TITLE_PARTS.split(page_title(tree)) if p]
    return parts[0] if len(parts) >= 2 else None
