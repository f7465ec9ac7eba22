"""Sync's batched writes: prepared articles with their pages, and 304s, in one transaction.

The rows are built beforehand (:func:`~newsreader.core.cache.page_rows.page_row`,
:func:`~newsreader.core.cache.article_rows.article_row`), so the write transaction only runs SQL.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass

from newsreader.core.cache.article_rows import ArticleRow, PutResult, write_article
from newsreader.core.cache.page_rows import PageRow, touch_page, write_page


@dataclass(frozen=True, slots=True)
class StoreArticle:
    """A parsed article and its raw page, ready for one write.

    Attributes:
        page: The raw page's row, under the URL it was asked as.
        article: The article's row.
        fetched_at: When the page was fetched.
    """

    page: PageRow
    article: ArticleRow
    fetched_at: float


@dataclass(frozen=True, slots=True)
class TouchPage:
    """A 304 answer: the cached copy of ``url`` is current as of ``fetched_at``."""

    url: str
    fetched_at: float
    kind: str | None = None


Write = StoreArticle | TouchPage


def apply(conn: sqlite3.Connection, items: Iterable[Write]) -> list[PutResult | None]:
    """Run a batch of writes in the caller's transaction; return each article's result."""
    results: list[PutResult | None] = []
    for item in items:
        if isinstance(item, TouchPage):
            touch_page(conn, item.url, item.fetched_at, item.kind)
            results.append(None)
        else:
            write_page(conn, item.page)
            results.append(write_article(conn, item.article, item.fetched_at))
    return results
