"""The reading state the panes share: starred articles, read marks, what each section lists.

Plain Python over the service's library (no Textual): the section tree asks it for unread counts,
the list for its rows' marks, the reader to mark an article read. One object, so a star set in the
list shows in the starred pseudo-section and a mark set by the reader shows in the counts.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsreader.core.models import ListItem
from newsreader.core.sources import reads_article
from newsreader.core.urls import same_site

if TYPE_CHECKING:
    from newsreader.core.library import Library
    from newsreader.core.service import NewsService

# The list key of the starred pseudo-section (never a URL).
STARRED_KEY = "★starred"
# The most cached list pages of one section read for its counts (a loop of next links ends too).
MAX_CACHED_PAGES = 50


@dataclass(frozen=True, slots=True)
class Row:
    """One row of the article list: the item and its marks."""

    item: ListItem
    read: bool = False
    cached: bool = False
    starred: bool = False


@dataclass(frozen=True, slots=True)
class Count:
    """A section's counts: unread articles, articles listed, and unread ones its last sync brought.

    Every listed article counts, cached or not (a reader who never syncs sees counts too).
    """

    unread: int = 0
    total: int = 0
    new: int = 0


class ReadingState:
    """Starred set, read marks and each section's known articles, over the service's library.

    Args:
        service: The news service (its library keeps the marks; its cached lists say what a
            section lists).

    Attributes:
        starred: The starred article URLs (read from the cache once, then kept here).
    """

    def __init__(self, service: NewsService) -> None:
        self.service = service
        self.library = service.library
        self.starred = {item.url for item in self.library.starred()}
        self._known: dict[str, set[str]] = {}
        # Which source's service a section belongs to (the sidebar knows): each kind of source
        # keys its marks apart, so a section's marks are asked of its own source's library.
        self.owner: Callable[[str], NewsService | None] | None = None

    def use(self, service: NewsService) -> None:
        """Keep marks with ``service``'s library from now on: its source's section is on show."""
        self.service = service
        self.library = service.library

    def library_of(self, section_url: str | None) -> Library:
        """The library keeping the marks of the section at ``section_url`` (its source's)."""
        service = self.owner(section_url) if self.owner and section_url else None
        return service.library if service is not None else self.library

    def reads(self, service: NewsService, url: str) -> bool:
        """Whether ``service`` fetches the article at ``url``: one of its own site, or an item
        of its list (a feed's is read wherever it lives: :func:`reads_article`).

        A feed's one section is the feed itself, so its list is what that section lists.
        """
        if same_site(url, service.site_url):
            return True
        return reads_article(service.source, url) and url in self.known(service.site_url)

    def starred_items(self) -> list[ListItem]:
        """The starred articles, newest star first."""
        return self.library.starred()

    def rows(self, items: Sequence[ListItem]) -> list[Row]:
        """Build list rows with their read, cached and starred marks."""
        urls = [item.url for item in items]
        read = self.library.read_urls(urls)
        cached = self.library.cached_urls(urls)
        return [
            Row(i, read=i.url in read, cached=i.url in cached, starred=i.url in self.starred)
            for i in items
        ]

    def marks(self, urls: Iterable[str]) -> tuple[set[str], set[str]]:
        """Return which of ``urls`` are read and which are cached."""
        wanted = list(urls)
        return self.library.read_urls(wanted), self.library.cached_urls(wanted)

    # --- what each section lists ---------------------------------------------------------------

    def known(self, section_url: str) -> set[str]:
        """The article URLs known to be listed in a section (its cached pages at first)."""
        known = self._known.get(section_url)
        if known is None:
            known = {item.url for item in self.cached_items(section_url)}
            self._known[section_url] = known
        return known

    def cached_items(self, section_url: str) -> list[ListItem]:
        """A section's articles in site order, from its list pages in the cache (no network).

        The pages are followed by their next links as far as the cache has them: a section read
        down to page 3, or synced three pages deep, counts the articles of all three.
        """
        pages: list[tuple[ListItem, ...]] = []
        seen: set[str] = set()
        url: str | None = section_url
        while url is not None and url not in seen and len(seen) < MAX_CACHED_PAGES:
            seen.add(url)
            cached = self.service.cached_list(url)
            if cached is None:
                break
            pages.append(cached.value.items)
            url = cached.value.next_url
        return self.service.merge_pages(pages)

    def remember(self, section_url: str, urls: Iterable[str]) -> None:
        """Add the URLs of a page just shown to what a section lists (its cached pages too)."""
        self.known(section_url).update(urls)

    def sections_listing(self, urls: Iterable[str]) -> list[str]:
        """The sections known to list any of ``urls``: the counts a read mark on them changes."""
        wanted = set(urls)
        return [section for section, known in self._known.items() if not known.isdisjoint(wanted)]

    def forget(self, section_url: str) -> None:
        """Drop what a section lists (a sync changed it): it is re-read from the cache."""
        self._known.pop(section_url, None)

    def counts(
        self, section_urls: Iterable[str], library: Library | None = None
    ) -> dict[str, Count]:
        """Per section list URL: its unread and listed articles, and what its last sync brought.

        The one count of the app: the tree's nodes and the list's title show it.

        Args:
            section_urls: The sections' list URLs.
            library: The library of the sections' source (its kind keys the marks); by
                default the one of the source on show.
        """
        return {url: self.count(url, library) for url in section_urls}

    def count(self, section_url: str, library: Library | None = None) -> Count:
        """A section's :class:`Count` (see :meth:`counts`)."""
        known = self.known(section_url)
        if not known:
            return Count()
        library = library if library is not None else self.library
        unread, total = library.tally(known)
        new = library.new_count(section_url, known) if unread else 0
        return Count(unread, total, new)

    # --- changes ---------------------------------------------------------------------------------

    def toggle_star(self, url: str) -> bool:
        """Star or unstar ``url``; return whether it is starred now.

        Raises:
            CacheError: The cache cannot save (read-only, full): the mark stays as it was.
        """
        starred = url not in self.starred
        self.library.set_starred(url, starred)
        (self.starred.add if starred else self.starred.discard)(url)
        return starred

    def mark_read(self, urls: Iterable[str]) -> dict[str, tuple[bool, bool]]:
        """Mark ``urls`` read; return, per URL, whether the mark was saved and it is cached.

        A cache that cannot save (read-only, full) saves nothing: the service says why, once.
        """
        wanted = set(urls)
        cached = self.library.cached_urls(wanted)
        return {url: (self.library.mark_read(url), url in cached) for url in wanted}

    def mark_listed_read(
        self, urls: Iterable[str], library: Library | None = None
    ) -> tuple[bool, int]:
        """Mark every article of ``urls`` read, cached or only listed, in one write.

        Args:
            urls: The articles.
            library: The library of their source (by default the one of the source on show).

        Returns:
            Whether the marks were saved (a read-only or full cache saves none: the service
            says why, once), and how many articles were unread before.
        """
        wanted = set(urls)
        library = library if library is not None else self.library
        unread, _total = library.tally(wanted)
        return library.mark_many_read(wanted), unread
