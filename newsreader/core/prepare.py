"""The job of sync's worker processes: parse an article page and build its rows.

A module of its own, with only what the job needs: workers import it as they start.
"""

from __future__ import annotations

from newsreader.core.cache.store import StoreArticle, article_row, page_row
from newsreader.core.errors import ParseError
from newsreader.core.parse import parse_article
from newsreader.core.results import FetchedPage


def prepare_page(page: FetchedPage, url: str) -> StoreArticle | str:
    """Parse an article page and build its rows; runs in a worker process or thread.

    Args:
        page: The fetched page (with text).
        url: The URL to store the raw page under (the one it was asked as).

    Returns:
        The rows, or the reason when the page holds no article (the :class:`ParseError`'s
        message). The reason is returned, not raised: it crosses a process boundary, and a
        string always pickles.
    """
    try:
        article = parse_article(page.text, page.url)
    except ParseError as err:
        return err.message
    return StoreArticle(page_row(page, url), article_row(article), page.fetched_at)
