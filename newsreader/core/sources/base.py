"""The :class:`Source` protocol: what the core asks of a kind of news source.

A source knows its pages: how its home page leads to the section tree, how a list page and an
article page read, and which URLs name one article. It never touches the network or the cache
itself: :class:`~newsreader.core.service.NewsService` hands it the fetch functions (conditional,
cache-backed) and stores what it parses.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Protocol

from newsreader.core.models import Article, ListPage, Section
from newsreader.core.results import FetchedPage

Fetch = Callable[[str], Awaitable[FetchedPage]]
"""Fetches one URL (raising :class:`~newsreader.core.errors.FetchError` when it cannot)."""


class Source(Protocol):
    """One news source: a site of some kind, read through its pages.

    Attributes:
        kind: The kind of source (``"vsb"``, ``"feed"``), the same for every source of that kind.
        home_url: The site's base URL (scheme, host, path ending in ``/``).
        max_list_items: Entries one list page gives at most (the rest are counted as
            :attr:`~newsreader.core.models.ListPage.truncated`).
    """

    @property
    def kind(self) -> str:
        """The kind of source (``"vsb"``, ``"feed"``)."""
        ...

    @property
    def home_url(self) -> str:
        """The site's base URL."""
        ...

    @property
    def max_list_items(self) -> int:
        """Entries one list page gives at most."""
        ...

    # --- article identity ------------------------------------------------------------------

    def article_key(self, url: str) -> str:
        """Return what identifies the article at ``url``: equal for every URL form of it."""
        ...

    def canonical_url(self, url: str) -> str:
        """Return the one URL an article is stored and shown under."""
        ...

    def is_article_url(self, url: str) -> bool:
        """True when ``url`` has the form of an article URL of this kind of source."""
        ...

    # --- fetching ------------------------------------------------------------------------------

    async def home_page(self, fetch: Fetch, fetch_fresh: Fetch) -> FetchedPage:
        """Fetch the page the section tree is read from.

        Args:
            fetch: Fetches conditionally (a 304 comes back completed from the cache).
            fetch_fresh: Fetches unconditionally (for pages that must have text).
        """
        ...

    async def fetch_article(self, url: str, fetch: Fetch) -> FetchedPage:
        """Fetch the page of the article at ``url`` (in whichever form serves it best)."""
        ...

    # --- parsing (CPU work: the service runs these off the event loop) ---------------------

    def parse_sections(self, page: FetchedPage) -> tuple[Section, ...]:
        """Return the section tree read from the home page (empty when there is none)."""
        ...

    def parse_list(self, page: FetchedPage) -> ListPage:
        """Return one list page of a section."""
        ...

    def parse_article(self, page: FetchedPage) -> Article:
        """Return the article on ``page`` (raising :class:`ParseError` when none)."""
        ...

    def site_name(self, html: str) -> str | None:
        """Return the site's name from its home page's HTML, or ``None``."""
        ...
