"""The :class:`Cache` facade: the public operations over pages, models, read state and search.

Opening the file (checks, read-only fallbacks, rebuilds) is :mod:`.opening`'s job.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterable, Sequence
from pathlib import Path

from newsreader.core.cache import (
    article_rows,
    feeds,
    opening,
    page_rows,
    runs,
    section_rows,
    state,
    write_batch,
)
from newsreader.core.cache import search as search_mod
from newsreader.core.cache.article_rows import PutResult
from newsreader.core.cache.db import DEFAULT_LOCK_TIMEOUT, Database
from newsreader.core.cache.files import record_clean_close
from newsreader.core.cache.migrations import migrate
from newsreader.core.models import Article, ListItem, ListPage, Section
from newsreader.core.results import FetchedPage, SearchHit


class Cache:
    """The local SQLite cache of pages, parsed models, read state and the search index.

    Safe to call from several threads (one connection behind a lock) and from several processes
    (WAL, ``BEGIN IMMEDIATE`` writes retried while another process writes).

    Attributes:
        path: The database file, ``None`` for :meth:`memory`.
        recovery_note: A one-line message for the UI when the file was damaged and rebuilt.
    """

    def __init__(
        self, db: Database, recovery_note: str | None = None, *, checked_at: float | None = None
    ) -> None:
        self._db = db
        self.path: Path | None = db.path
        self.recovery_note: str | None = recovery_note
        # When quick_check last passed on the file: recorded on a clean close (see files.py).
        self._checked_at = checked_at

    @property
    def readonly(self) -> bool:
        """True when the cache was opened read-only: it serves reads, every write fails."""
        return self._db.readonly

    @property
    def readonly_reason(self) -> str | None:
        """Why the cache is read-only (one line), or ``None`` when it is writable."""
        return self._db.readonly_reason if self._db.readonly else None

    # --- opening -------------------------------------------------------------------------

    @classmethod
    def open(
        cls,
        path: Path,
        *,
        readonly: bool = False,
        readonly_reason: str | None = None,
        lock_timeout: float = DEFAULT_LOCK_TIMEOUT,
    ) -> Cache:
        """Open (creating or repairing as needed) the cache at ``path``.

        Opening is O(1) in the cache size (see :mod:`~newsreader.core.cache.opening`).

        Args:
            path: The database file; its directory is created with mode 0o700.
            readonly: Open without writing anything (no creation, no migration, no repair):
                for a cache on a read-only medium, directory or file.
            readonly_reason: Why it is opened read-only, said by the error a write raises.
            lock_timeout: Seconds a write waits for another process's write lock.

        Raises:
            CacheReadOnly: The directory or the file cannot be written (open it ``readonly``).
            CacheError: The directory cannot be made, or the schema is too new (or, read-only,
                too old).
            CacheCorrupt: (read-only only) the file is damaged.
            CacheLocked: Another process held the cache during the whole ``lock_timeout``.
        """
        if readonly:
            opened = opening.open_readonly(path, lock_timeout, readonly_reason)
        else:
            opened = opening.open_writable(path, lock_timeout)
        return cls(opened.db, opened.recovery_note, checked_at=opened.checked_at)

    @classmethod
    def memory(cls) -> Cache:
        """Return an empty in-memory cache (the fallback when the file cache is unusable)."""
        db = Database(None)
        migrate(db)
        return cls(db)

    def close(self) -> None:
        """Close the database connections and record the clean close (idempotent)."""
        self._db.close()
        if self.path is not None and not self._db.readonly:
            record_clean_close(self.path, self._checked_at)

    # --- raw pages -------------------------------------------------------------------------

    def get_page(self, url: str) -> FetchedPage | None:
        """Return the cached raw page for ``url`` (with validators), or ``None``."""
        return self._db.read(lambda c: page_rows.get_page(c, url))

    def put_page(self, page: FetchedPage) -> None:
        """Store a raw page (text compressed) with its validators."""
        self._db.write(lambda c: page_rows.put_page(c, page))

    def touch_page(self, url: str, fetched_at: float, kind: str | None = None) -> None:
        """Record a 304: the cached copy of ``url`` is current as of ``fetched_at``."""
        self._db.write(lambda c: page_rows.touch_page(c, url, fetched_at, kind))

    # --- parsed models -------------------------------------------------------------------

    def put_sections(
        self,
        site: str,
        sections: tuple[Section, ...],
        fetched_at: float,
        page: FetchedPage | None = None,
    ) -> None:
        """Store a site's section tree (and the page it came from) in one transaction."""

        def run(conn: sqlite3.Connection) -> None:
            if page is not None:
                page_rows.put_page(conn, page)
            section_rows.put_sections(conn, site, sections, fetched_at)

        self._db.write(run)

    def get_sections(self, site: str) -> tuple[tuple[Section, ...], float] | None:
        """Return a site's section tree and its fetch time, or ``None``."""
        return self._db.read(lambda c: section_rows.get_sections(c, site))

    def put_list_page(
        self,
        page: ListPage,
        fetched_at: float,
        raw: FetchedPage | None = None,
        feed: str | None = None,
    ) -> None:
        """Store a list page (and its raw page) in one transaction.

        ``feed``: the URL of the feed this page is the list of; its items are noted as that
        feed's for good (see :mod:`newsreader.core.cache.feeds`).
        """

        def run(conn: sqlite3.Connection) -> None:
            if raw is not None:
                page_rows.put_page(conn, raw)
            section_rows.put_list_page(conn, page, fetched_at, raw.url if raw else None)
            if feed is not None:
                feeds.note_items(conn, feed, page)

        self._db.write(run)

    def has_feed_items(self, feed: str) -> bool:
        """True when the feed at ``feed`` has items noted as its own (see ``put_list_page``)."""
        return self._db.read(lambda c: feeds.has_items(c, feed))

    def feed_listing(self, key: str, candidates: Sequence[str]) -> str | None:
        """Return the first of the feeds ``candidates`` that has listed the item ``key``."""
        return self._db.read(lambda c: feeds.first_listing(c, key, candidates))

    def get_list_page(self, url: str) -> tuple[ListPage, float] | None:
        """Return a cached list page and its fetch time, or ``None``."""
        return self._db.read(lambda c: section_rows.get_list_page(c, url))

    def put_article(
        self,
        article: Article,
        fetched_at: float,
        raw: FetchedPage | None = None,
        kind: str | None = None,
    ) -> PutResult:
        """Store an article with its raw page and search row, atomically.

        ``kind`` is the kind of the source that read it: each kind keys its articles in a key
        space of its own (:func:`~newsreader.core.sources.cache_key`); ``None`` reads it from
        the URL (a VSB site's, as before feeds).

        Returns:
            ``"new"``, ``"updated"`` (title, body or metadata changed) or ``"unchanged"``.
        """

        def run(conn: sqlite3.Connection) -> PutResult:
            if raw is not None:
                page_rows.put_page(conn, raw)
            return article_rows.put_article(conn, article, fetched_at, kind)

        return self._db.write(run)

    def put_articles(self, items: Iterable[tuple[Article, float, FetchedPage | None]]) -> list[str]:
        """Store many articles in one transaction (sync, benchmarks); return each one's result."""
        batch = list(items)

        def run(conn: sqlite3.Connection) -> list[str]:
            results: list[str] = []
            for article, fetched_at, raw in batch:
                if raw is not None:
                    page_rows.put_page(conn, raw)
                results.append(article_rows.put_article(conn, article, fetched_at))
            return results

        return self._db.write(run)

    def apply(self, items: Sequence[write_batch.Write]) -> list[PutResult | None]:
        """Run a batch of prepared writes (sync's group commits) in one transaction.

        Returns:
            For each item in order: what storing an article did, ``None`` for a touch.
        """
        return self._db.write(lambda c: write_batch.apply(c, items))

    def page_validators(self, urls: Iterable[str]) -> dict[str, tuple[str | None, str | None]]:
        """Return the ``(etag, last_modified)`` of each of ``urls`` that has a cached page."""
        wanted = list(dict.fromkeys(urls))
        return self._db.read(lambda c: page_rows.validators(c, wanted))

    def get_article(self, url: str, kind: str | None = None) -> tuple[Article, float] | None:
        """Return the cached article for any URL form of it, with its fetch time."""
        return self._db.read(lambda c: article_rows.get_article(c, url, kind))

    def has_articles(self, urls: Iterable[str], kind: str | None = None) -> set[str]:
        """Return which of the given URL strings name a cached article."""
        by_key = article_rows.keys_of(urls, kind)
        cached = self._db.read(lambda c: article_rows.cached_keys(c, by_key))
        return {url for key in cached for url in by_key[key]}

    # --- read state and bookmarks ----------------------------------------------------------

    def mark_read(self, url: str, read: bool = True, kind: str | None = None) -> None:
        """Mark an article (of a source of ``kind``) read (or unread again)."""
        now = time.time()
        self._db.write(lambda c: state.mark_read(c, url, read, now, kind))

    def mark_many_read(self, urls: Iterable[str], kind: str | None = None) -> None:
        """Mark every article among ``urls`` read, in one transaction (cached or not)."""
        now = time.time()
        wanted = list(urls)
        self._db.write(lambda c: state.mark_many_read(c, wanted, now, kind))

    def read_urls(self, urls: Iterable[str], kind: str | None = None) -> set[str]:
        """Return which of the given URL strings name an article marked read."""
        wanted = list(urls)
        return self._db.read(lambda c: state.read_urls(c, wanted, kind))

    def set_starred(self, url: str, starred: bool, kind: str | None = None) -> None:
        """Star (bookmark) or unstar an article (of a source of ``kind``)."""
        now = time.time()
        self._db.write(lambda c: state.set_starred(c, url, starred, now, kind))

    def starred(self) -> list[ListItem]:
        """Return the starred articles, most recently starred first."""
        return self._db.read(state.starred)

    def unread_count(self, urls: Iterable[str], kind: str | None = None) -> int:
        """Count cached and unread articles among ``urls``."""
        wanted = list(urls)
        return self._db.read(lambda c: state.unread_count(c, wanted, kind))

    def tally(self, urls: Iterable[str], kind: str | None = None) -> tuple[int, int]:
        """Count ``(unread, total)`` articles among ``urls``, cached or only listed."""
        wanted = list(urls)
        return self._db.read(lambda c: state.tally(c, wanted, kind))

    # --- search and statistics -------------------------------------------------------------

    def search(
        self, query: str, limit: int = 50, scope: search_mod.Scope | None = None
    ) -> list[SearchHit]:
        """Return cached articles containing ``query`` (any substring, from 1 character).

        With a ``scope``, only the articles in it (one source's).
        """
        return self._db.read(lambda c: search_mod.search(c, query, limit, scope))

    def new_since_sync(self, section_url: str, urls: Iterable[str], kind: str | None = None) -> int:
        """Count cached, unread articles among ``urls`` that the last sync of a section brought.

        An article counts when it was first stored at or after the start of the last complete
        sync of ``section_url``; 0 when that section was never synced.
        """
        wanted = list(urls)
        return self._db.read(lambda c: state.new_since_sync(c, section_url, wanted, kind))

    def mark_synced(
        self,
        section_url: str,
        finished_at: float,
        *,
        started_at: float | None = None,
        pages: int | None = None,
    ) -> None:
        """Record that a sync of the section at ``section_url`` finished without failures.

        Its sync window (:meth:`begin_sync`) closes: the next sync begins a new one.

        Args:
            section_url: The section's list-page URL.
            finished_at: When the sync finished.
            started_at: When its window began; articles first stored since then count as new.
            pages: How many list pages deep the section is known to be stored (``None``:
                unknown).
        """
        self._db.write(
            lambda c: runs.complete(
                c, section_url, started_at=started_at, finished_at=finished_at, pages=pages
            )
        )

    def begin_sync(
        self, section_urls: Iterable[str], now: float, *, refresh: bool = False
    ) -> dict[str, runs.SyncWindow]:
        """Open (or continue, after an interrupted sync) each section's sync window.

        Args:
            section_urls: The list-page URLs of the sections a sync is about to walk.
            now: When the sync began.
            refresh: Begin a new window even where an interrupted sync left one open.
        """
        wanted = list(section_urls)
        return self._db.write(lambda c: runs.begin(c, wanted, now, refresh=refresh))

    def last_synced(self, section_url: str) -> float | None:
        """Return when the last complete sync of a section finished, or ``None``."""
        row = self._db.read(
            lambda c: c.execute(
                "SELECT finished_at FROM sync_runs WHERE section = ?", (section_url,)
            ).fetchone()
        )
        return None if row is None else float(row[0])

    def stored_times(
        self, urls: Iterable[str], kind: str | None = None
    ) -> dict[str, tuple[float | None, float]]:
        """Return ``(first_seen, fetched_at)`` of the cached article each of ``urls`` names.

        URLs naming no cached article are left out; ``first_seen`` is ``None`` when unknown.
        """
        by_key = article_rows.keys_of(urls, kind)
        times = self._db.read(lambda c: article_rows.stored_times(c, by_key))
        return {url: times[key] for key in times for url in by_key[key]}

    def article_count(self) -> int:
        """Return the number of cached articles."""
        return self._db.read(
            lambda c: int(c.execute("SELECT count(*) FROM articles").fetchone()[0])
        )

    def stats(self) -> dict[str, int]:
        """Return counts (articles, pages, sections, list_pages, read, starred) and file bytes."""

        def run(conn: sqlite3.Connection) -> dict[str, int]:
            out: dict[str, int] = {}
            for name in ("articles", "pages", "sections", "list_pages"):
                out[name] = int(conn.execute(f"SELECT count(*) FROM {name}").fetchone()[0])
            read, starred = conn.execute(
                "SELECT count(read_at), count(starred_at) FROM article_state"
            ).fetchone()
            out["read"], out["starred"] = int(read), int(starred)
            return out

        out = self._db.read(run)
        size = 0
        if self.path is not None:
            for file in (self.path, Path(str(self.path) + "-wal")):
                size += file.stat().st_size if file.exists() else 0
        out["bytes"] = size
        return out
