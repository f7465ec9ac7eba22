"""Which page of a demo VSB site a request target asks for: a :data:`PageKey`.

Both templates answer the same addresses: the home page, an article as ``info/T/N.htm`` or as
``content.jsp?wbtreeid=T&wbnewsid=N``, an image under ``/__local/`` and the list pages of their
columns (see :class:`~newsreader.demo.listing.ColumnLists`). A site makes (and keeps) the page
of each key.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, unquote, urlsplit

from newsreader.demo.listing import ColumnLists
from newsreader.demo.structure import Column

__all__ = ["ArticleAt", "Home", "Image", "ListPageAt", "PageKey", "page_key", "split_target"]

_INFO = re.compile(r"^/info/(\d+)/(\d+)\.htm$")


@dataclass(frozen=True, slots=True)
class Home:
    """The home page."""


@dataclass(frozen=True, slots=True)
class Image:
    """A body image."""


@dataclass(frozen=True, slots=True)
class ListPageAt:
    """List page ``number`` (1-based) of ``column``."""

    column: Column
    number: int


@dataclass(frozen=True, slots=True)
class ArticleAt:
    """The article with these ids (the site may have none)."""

    tree_id: int
    news_id: int


PageKey = Home | Image | ListPageAt | ArticleAt


def split_target(path_and_query: str) -> tuple[str, dict[str, str]]:
    """Return a request target's path (decoded, from ``/``) and its query (names lower case)."""
    parts = urlsplit(path_and_query)
    path = "/" + unquote(parts.path).lstrip("/")
    return path, {k.lower(): v[0] for k, v in parse_qs(parts.query).items()}


def page_key(path: str, query: dict[str, str], lists: ColumnLists[object]) -> PageKey | None:
    """Return the page at ``path``, or ``None`` when it is none of a :data:`PageKey`'s.

    A site may answer more (its attachments, a style sheet).
    """
    if path in ("/", "/index.htm", "/index.html"):
        return Home()
    match = _INFO.match(path)
    if match:
        return ArticleAt(int(match.group(1)), int(match.group(2)))
    if path == "/content.jsp":
        tree, news = query.get("wbtreeid", ""), query.get("wbnewsid", "")
        return ArticleAt(int(tree), int(news)) if tree.isdecimal() and news.isdecimal() else None
    if path.startswith("/__local/") and path.endswith(".png"):
        return Image()
    found = lists.page_at(path[1:])
    return None if found is None else ListPageAt(*found)
