"""META tags and page classification: the most template-independent facts of a VSB page."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Literal
from urllib.parse import urljoin

from newsreader.core.parse.dom import attr, parse_html
from newsreader.core.sanitize import clean_line
from newsreader.core.sources.vsb import article_id

if TYPE_CHECKING:
    from selectolax.lexbor import LexborHTMLParser

_TITLE_SEPARATORS = re.compile(r"\s*(?:--|—|－|-|\||_|·)\s*")


def read_meta(tree: LexborHTMLParser, wanted: frozenset[str] | None = None) -> dict[str, str]:
    """Return ``{lower-case name: cleaned content}`` of the page's META tags (first one wins).

    HTML5 parsing lower-cases tag and attribute names, so ``<META Name=… Content=…>`` is found too.
    The head's META tags are read, or the document's when the head has none.
    ``wanted`` (lower-case names) limits the result to those names, sparing the cleaning of the
    others (``viewport``, ``description``, ``keywords``…).
    """
    out: dict[str, str] = {}
    # The head first: a walk of a few dozen nodes instead of the whole page (10-50 us of the
    # ~500 of an article). The document only when the head has none: pages whose markup put
    # them in the body (text before <head> ends it early, for one).
    head = tree.head
    nodes = head.css("meta[name]") if head is not None else []
    if not nodes:
        nodes = tree.css("meta[name]")
    for node in nodes:
        attrs = node.attrs  # looked up one by one: ``attributes`` builds a dict of them all
        name = (attrs.get("name") or "").strip().lower()
        if name and name not in out and (wanted is None or name in wanted):
            value = clean_line(attrs.get("content") or "")
            if value:
                out[name] = value
    return out


def page_title(tree: LexborHTMLParser) -> str:
    """Return the cleaned ``<title>`` text ('' when absent)."""
    node = tree.css_first("title")
    return clean_line(node.text() or "") if node is not None else ""


def site_name_from(tree: LexborHTMLParser, meta: dict[str, str]) -> str | None:
    """Return ``SiteName`` META, else the last part of ``<title>`` (VSB titles end in the site)."""
    if meta.get("sitename"):
        return meta["sitename"]
    title = page_title(tree)
    if not title:
        return None
    parts = [p for p in _TITLE_SEPARATORS.split(title) if p]
    return parts[-1] if parts else None


def parse_site_name(html: str) -> str | None:
    """Return the site's name: the ``SiteName`` META, else ``<title>`` cleaned.

    Args:
        html: The page text.
    """
    tree = parse_html(html)
    return site_name_from(tree, read_meta(tree))


def kind_of(tree: LexborHTMLParser, meta: dict[str, str]) -> Literal["list", "article", "other"]:
    """Classify an already parsed page (see :func:`page_kind`)."""
    page_type = meta.get("pagetype", "").strip()
    if page_type == "2":
        return "list"
    if page_type == "3":
        return "article"
    if tree.css_first(".v_news_content, form[name='_newscontent_fromname'], #vsb_content"):
        return "article"
    if tree.css_first(".p_pages, .p_next, .p_next_d"):
        return "list"
    ids = 0
    for node in tree.css("a[href]"):
        try:
            absolute = urljoin("http://h/l/", attr(node, "href"))
        except ValueError:  # e.g. "http://[bad": not a link worth counting
            continue
        if article_id(absolute) is not None:
            ids += 1
            if ids >= 5:
                return "list"
    if meta.get("articletitle"):
        return "article"
    return "other"


def page_kind(html: str) -> Literal["list", "article", "other"]:
    """Return what a page is: ``list``, ``article`` or ``other``.

    The ``pageType`` META (2 = list, 3 = article) decides first; then VSB markers
    (``.v_news_content``, the ``p_pages`` pagination) and the number of article links.
    """
    tree = parse_html(html)
    return kind_of(tree, read_meta(tree))
