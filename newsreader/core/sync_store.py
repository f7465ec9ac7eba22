"""What a sync asks of the cache, and nothing more (``service.sync_store``).

Sync and its article pipeline (:mod:`newsreader.core.sync` and its phases' modules,
:mod:`newsreader.core.ingest`) never import the cache (an import contract in ``pyproject.toml``):
they ask a :class:`SyncStore` for the sync windows and depth of their sections, which articles
are stored and since when, the validators of the pages they are about to ask for, and to write
the articles they prepared with :func:`prepare_article` in batches. What the reader keeps (marks,
counts, search) is the :class:`~newsreader.core.library.Library`'s.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING

from newsreader.core.cache.article_rows import PutResult, article_row
from newsreader.core.cache.page_rows import page_row
from newsreader.core.cache.runs import SyncWindow
from newsreader.core.cache.write_batch import StoreArticle, TouchPage, Write
from newsreader.core.models import Article
from newsreader.core.results import FetchedPage

if TYPE_CHECKING:
    from newsreader.core.cache import Cache

__all__ = [
    "PutResult",
    "StoreArticle",
    "SyncStore",
    "SyncWindow",
    "TouchPage",
    "Write",
    "prepare_article",
]

ParseArticle = Callable[[FetchedPage], Article]
"""A source's article parser (:meth:`~newsreader.core.sources.Source.parse_article`)."""


def prepare_article(
    page: FetchedPage, url: str, parse: ParseArticle, kind: str | None = None
) -> StoreArticle:
    """Parse an article page and build its rows (CPU work: sync runs it in a thread).

    Args:
        page: The fetched page (with text).
        url: The URL to store the raw page under (the one it was asked as).
        parse: The source's article parser.
        kind: The source's kind (the key space of the article's row).

    Raises:
        ParseError: The page holds no article.
    """
    article = parse(page)
    return StoreArticle(page_row(page, url), article_row(article, kind), page.fetched_at)


class SyncStore:
    """A sync's bookkeeping and writes over one cache.

    Args:
        cache: The open cache.
        kind: The kind of the source being synced: its articles' key space.
    """

    def __init__(self, cache: Cache, kind: str | None = None) -> None:
        self._cache = cache
        self.kind = kind

    def begin(
        self, sections: Iterable[str], now: float, *, refresh: bool = False
    ) -> dict[str, SyncWindow]:
        """Open (or continue, after an interrupted sync) each section's sync window.

        Args:
            sections: The list-page URLs of the sections a sync is about to walk.
            now: When the sync began.
            refresh: Begin a new window even where an interrupted sync left one open.
        """
        return self._cache.begin_sync(sections, now, refresh=refresh)

    def complete(
        self, section: str, finished_at: float, *, started_at: float, pages: int | None
    ) -> None:
        """Record that a sync of ``section`` completed; its window closes.

        Args:
            section: The section's list-page URL.
            finished_at: When the sync finished.
            started_at: When its window began; articles first stored since then count as new.
            pages: How many list pages deep the section is known to be stored.
        """
        self._cache.mark_synced(section, finished_at, started_at=started_at, pages=pages)

    def stored_times(self, urls: Iterable[str]) -> dict[str, tuple[float | None, float]]:
        """Return ``(first_seen, fetched_at)`` of the stored article each of ``urls`` names.

        URLs naming no stored article are left out; ``first_seen`` is ``None`` when unknown.
        """
        return self._cache.stored_times(urls, self.kind)

    def validators(self, urls: Iterable[str]) -> dict[str, tuple[str | None, str | None]]:
        """Return the ``(etag, last_modified)`` of each of ``urls`` whose page is stored."""
        return self._cache.page_validators(urls)

    def stored_page(self, url: str) -> FetchedPage | None:
        """Return the raw page stored under ``url``, or ``None``."""
        return self._cache.get_page(url)

    def apply(self, items: Sequence[Write]) -> list[PutResult | None]:
        """Write prepared articles and 304 touches in one transaction (each whole or absent).

        Returns:
            For each item in order: what storing an article did, ``None`` for a touch.

        Raises:
            CacheError: The transaction failed (disk full, cache locked ...).
        """
        return self._cache.apply(items)
