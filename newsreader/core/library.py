"""The reader's library: what was read and starred, counts, search, statistics and pruning.

Everything here works on the cache alone and never touches the network, so it is the same online
and offline. The CLI asks a :class:`Library` (``service.library``) and never the cache.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsreader.core.cache.maintenance import PruneResult
from newsreader.core.cache.search import MAX_QUERY_CHARS, Scope
from newsreader.core.errors import NewsreaderError, UsageError
from newsreader.core.saving import Notices, require_writable

if TYPE_CHECKING:
    from newsreader.core.cache import Cache
    from newsreader.core.models import ListItem
    from newsreader.core.results import SearchHit
    from newsreader.core.sources import Source


__all__ = ["MAX_QUERY_CHARS", "ItemOwners", "Library", "PruneResult", "item_owners"]


class Library:
    """Read and starred state, counts, search and upkeep of one cache.

    Args:
        cache: The open cache.
        notices: Where a mark that could not be saved is said (once per run).
        kind: The kind of the service's source: the key space of the marks set here.
    """

    def __init__(self, cache: Cache, notices: Notices, kind: str | None = None) -> None:
        self._cache = cache
        self._notices = notices
        self._kind = kind

    # --- reading state ------------------------------------------------------------------------

    def mark_read(self, url: str, read: bool = True) -> bool:
        """Mark an article read (or unread); lasts across runs.

        Returns:
            False when the cache could not save the mark (said once in the notes).
        """
        return self._notices.save(
            lambda: self._cache.mark_read(url, read, self._kind), kind="marks"
        )

    def mark_many_read(self, urls: Iterable[str]) -> bool:
        """Mark every article among ``urls`` read, cached or only listed, in one write.

        Returns:
            False when the cache could not save the marks (said once in the notes).
        """
        wanted = list(urls)
        return self._notices.save(
            lambda: self._cache.mark_many_read(wanted, self._kind), kind="marks"
        )

    def read_urls(self, urls: Iterable[str]) -> set[str]:
        """Return which of ``urls`` have been read."""
        return self._cache.read_urls(urls, self._kind)

    def cached_urls(self, urls: Iterable[str]) -> set[str]:
        """Return which of ``urls`` are articles in the cache (readable offline)."""
        return self._cache.has_articles(urls, self._kind)

    def unread_count(self, urls: Iterable[str]) -> int:
        """Return how many of ``urls`` are cached and unread."""
        return self._cache.unread_count(urls, self._kind)

    def tally(self, urls: Iterable[str]) -> tuple[int, int]:
        """Return ``(unread, total)``: how many of the articles ``urls`` name are unread, and
        how many they name, each article once whichever URL form, cached or only listed."""
        return self._cache.tally(urls, self._kind)

    def new_count(self, section_url: str, urls: Iterable[str]) -> int:
        """Return how many of ``urls`` the last sync of a section brought in and are unread."""
        return self._cache.new_since_sync(section_url, urls, self._kind)

    def set_starred(self, url: str, starred: bool) -> None:
        """Star (bookmark) or unstar an article.

        Raises:
            CacheError: The cache could not save it (read-only, disk full ...).
        """
        self._cache.set_starred(url, starred, self._kind)

    def starred(self) -> list[ListItem]:
        """Return the starred articles."""
        return self._cache.starred()

    # --- search ---------------------------------------------------------------------------

    def search(self, query: str, limit: int = 50, source: Source | None = None) -> list[SearchHit]:
        """Return cached articles matching ``query``, best first: every source's, or one's.

        Only the first :data:`MAX_QUERY_CHARS` characters of ``query`` are searched.

        Args:
            query: What to look for.
            limit: The most hits returned.
            source: Only this source's articles: a VSB site's (by their keys), a feed's items
                (every item it has listed, wherever they are, see :mod:`cache.feeds`).

        Raises:
            UsageError: The query is empty.
        """
        if not query.strip():
            raise UsageError("the search query is empty", reason="empty_query")
        scope = None if source is None else self._scope(source)
        return self._cache.search(query, limit, scope)

    def _scope(self, source: Source) -> Scope:
        from newsreader.core.sources import cache_key, key_prefix

        prefix = key_prefix(source)
        if prefix is not None:
            return Scope(prefix=prefix)
        # Every item the feed has listed (looked up by the search itself). A list stored since
        # the cache notes which feed listed what has its items noted with it; only a feed not
        # listed since then needs its stored list read.
        if self._cache.has_feed_items(source.home_url):
            return Scope(feed=source.home_url)
        listed = self._cache.get_list_page(source.home_url)
        items = listed[0].items if listed is not None else ()
        keys = dict.fromkeys(cache_key(i.url, source.kind) for i in items)
        return Scope(keys=tuple(keys), feed=source.home_url)

    # --- upkeep -------------------------------------------------------------------------------

    def require_writable(self, doing: str) -> None:
        """Fail at once when the cache is read-only and ``doing`` (say, "sync") must write.

        Raises:
            CacheReadOnly: The cache was opened read-only.
        """
        require_writable(self._cache, doing)

    def report(self) -> dict[str, Any]:
        """Return the ``cache --json`` shape: path, bytes, counts and articles per section."""
        from newsreader.core.cache.maintenance import stats_by_section

        stats = self._cache.stats()
        return {
            "path": str(self._cache.path) if self._cache.path else None,
            "readonly": self._cache.readonly,
            "bytes": stats["bytes"],
            "articles": stats["articles"],
            "pages": stats["pages"],
            "list_pages": stats["list_pages"],
            "read": stats["read"],
            "starred": stats["starred"],
            "sections": stats_by_section(self._cache),
        }

    def prune(
        self, older_than_days: float | None = None, max_bytes: int | None = None
    ) -> PruneResult:
        """Remove old cached data, never a starred article (see ``prune_detailed``).

        Args:
            older_than_days: Remove what was fetched more than this many days ago; 0 (or
                ``None``) keeps everything, as ``retention_days = 0`` in the config does.
            max_bytes: Then remove the oldest articles until the data is at most this size.

        Raises:
            CacheError: The cache could not be written.
        """
        from newsreader.core.cache.maintenance import prune_detailed

        days = older_than_days if older_than_days else None
        return prune_detailed(self._cache, days, max_bytes)

    def vacuum(self) -> None:
        """Merge the search index and rebuild the database file compactly."""
        from newsreader.core.cache.maintenance import vacuum

        vacuum(self._cache)


@dataclass(frozen=True, slots=True)
class ItemOwners:
    """Which sources the cache knows an article URL from (see :func:`item_owners`).

    Attributes:
        site_has: The article is stored in the VSB key space (its site's row).
        feed: The first of the feeds asked about whose stored list names the URL, if any.
    """

    site_has: bool = False
    feed: str | None = None


def item_owners(cache_path: Path, url: str, feeds: Sequence[str]) -> ItemOwners:
    """Look in the cache at ``cache_path`` for who holds the article at ``url``, writing nothing.

    ``read URL`` uses it to find the source of a URL on no registered site: a feed's items
    link to any host, so which feed an item came from is what the cache noted when that
    feed's list named it (see :mod:`newsreader.core.cache.feeds`), or its stored list says.
    A cache that is missing or cannot be read knows nothing (the answer is empty).

    Args:
        cache_path: The cache's file.
        url: The article's URL.
        feeds: The URLs of the registered feeds, in the sources list's order.
    """
    from newsreader.core.cache import Cache
    from newsreader.core.sources import cache_key

    if not cache_path.is_file():
        return ItemOwners()
    try:
        cache = Cache.open(cache_path, readonly=True)
    except NewsreaderError:
        return ItemOwners()
    try:
        site_has = cache.get_article(url, "vsb") is not None
        key = cache_key(url, "feed")
        noted = cache.feed_listing(key, feeds)
        if noted is not None:
            return ItemOwners(site_has, noted)
        for feed in feeds:
            hit = cache.get_list_page(feed)
            if hit is not None and any(cache_key(i.url, "feed") == key for i in hit[0].items):
                return ItemOwners(site_has, feed)
        return ItemOwners(site_has)
    except (NewsreaderError, ValueError):
        # A damaged row (a ValueError, as a bad blob is) is no answer: read as if unknown.
        return ItemOwners()
    finally:
        cache.close()
