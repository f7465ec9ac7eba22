"""Which page of a demo VSB site a request target asks for, as a key the site makes it by.

Both templates answer the same addresses: the home page, an article as ``info/T/N.htm`` or as
``content.jsp?wbtreeid=T&wbnewsid=N``, an image under ``/__local/`` and the list pages of their
columns (see :class:`~newsreader.demo.listing.ColumnLists`).
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, unquote, urlsplit

from newsreader.demo.listing import ColumnLists

__all__ = ["page_key", "split_target"]

_INFO = re.compile(r"^/info/(\d+)/(\d+)\.htm$")


def split_target(path_and_query: str) -> tuple[str, dict[str, str]]:
    """Return a request target's path (decoded, from ``/``) and its query (names lower case)."""
    parts = urlsplit(path_and_query)
    path = "/" + unquote(parts.path).lstrip("/")
    return path, {k.lower(): v[0] for k, v in parse_qs(parts.query).items()}


def page_key(path: str, query: dict[str, str], lists: ColumnLists[object]) -> str | None:
    """Return the key of the page at ``path``: ``home``, ``article:T:N``, ``png``, ``list:P``.

    ``None`` when it is none of these (a site may answer more, such as its attachments).
    """
    if path in ("/", "/index.htm", "/index.html"):
        return "home"
    match = _INFO.match(path)
    if match:
        return f"article:{match.group(1)}:{match.group(2)}"
    if path == "/content.jsp":
        tree, news = query.get("wbtreeid", ""), query.get("wbnewsid", "")
        return f"article:{tree}:{news}" if tree.isdigit() and news.isdigit() else None
    if path.startswith("/__local/") and path.endswith(".png"):
        return "png"
    if lists.page_at(path[1:]) is not None:
        return "list:" + path[1:]
    return None
