"""Cache housekeeping: statistics per section, pruning by age or size, and VACUUM.

Pruning never removes a starred article (nor its raw page). Removing an article also removes its
search-index row: the index is contentless, so the tokens to delete are recomputed from the stored
model, exactly as :func:`newsreader.core.cache.article_rows.put_article` does on an update.

A prune also forgets which feed listed each article it removes (``feed_items``, see
:mod:`newsreader.core.cache.feeds`), so that the table grows no more than the articles it speaks
of. Only those: an item listed but not fetched yet (a sync that failed on it) keeps its row, or
its article, fetched later while the feed answers 304 (its list not stored again), would not be
the feed's. An item the feed lists again is noted again; one it no longer lists went with its
article: ``read URL`` of it is then that of a URL no source covers.
"""

from __future__ import annotations

import json
import sqlite3
import time
from dataclasses import dataclass

from newsreader.core.cache import index
from newsreader.core.cache.cache import Cache
from newsreader.core.cache.codec import unpack_json
from newsreader.core.cache.db import Database, chunked
from newsreader.core.models import Article
from newsreader.core.sources import KINDS, cache_key

DAY = 86_400.0
NO_SECTION = "(no section)"
# Articles removed per step of a size prune, before the size is measured again.
SIZE_BATCH = 50


@dataclass(frozen=True, slots=True)
class PruneResult:
    """What a prune removed.

    Attributes:
        articles: Articles removed (with their search rows).
        pages: Raw pages removed.
        list_pages: Parsed list pages removed.
    """

    articles: int = 0
    pages: int = 0
    list_pages: int = 0

    def __add__(self, other: PruneResult) -> PruneResult:
        return PruneResult(
            self.articles + other.articles,
            self.pages + other.pages,
            self.list_pages + other.list_pages,
        )


def _db(cache: Cache) -> Database:
    # The facade keeps its Database private to the package; this module is part of it.
    return cache._db


def stats_by_section(cache: Cache) -> dict[str, int]:
    """Return the number of cached articles per section path (``新闻资讯 / 新闻``), most first."""

    def run(conn: sqlite3.Connection) -> list[tuple[str, int]]:
        return conn.execute("SELECT section, count(*) FROM articles GROUP BY section").fetchall()

    counts: dict[str, int] = {}
    for raw, count in _db(cache).read(run):
        try:
            path = [str(part) for part in json.loads(raw)]
        except (ValueError, TypeError):
            path = []
        name = " / ".join(path) if path else NO_SECTION
        counts[name] = counts.get(name, 0) + int(count)
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def used_bytes(cache: Cache) -> int:
    """Return the bytes the database's live pages take (free pages excluded)."""

    def run(conn: sqlite3.Connection) -> int:
        pages = int(conn.execute("PRAGMA page_count").fetchone()[0])
        free = int(conn.execute("PRAGMA freelist_count").fetchone()[0])
        size = int(conn.execute("PRAGMA page_size").fetchone()[0])
        return (pages - free) * size

    return _db(cache).read(run)


def _page_keys(url: str) -> set[str]:
    """The keys an article whose raw page is stored under ``url`` may have (one per kind)."""
    return {cache_key(url, kind) for kind in KINDS}


def _starred_keys(conn: sqlite3.Connection) -> set[str]:
    rows = conn.execute("SELECT key FROM article_state WHERE starred_at IS NOT NULL")
    return {r[0] for r in rows}


def _delete_articles(conn: sqlite3.Connection, rows: list[tuple[int, str, bytes]]) -> set[str]:
    """Delete articles ``(id, key, model)``, their search rows and which feed listed them.

    Returns:
        Their keys.
    """
    for rowid, _key, model in rows:
        old = Article.from_dict(unpack_json(model))
        index.index_delete(conn, rowid, old.title, old.body)
    ids = [str(r[0]) for r in rows]
    for part in chunked(ids):
        marks = ",".join("?" * len(part))
        conn.execute(f"DELETE FROM articles WHERE id IN ({marks})", part)
    keys = [r[1] for r in rows]
    for part in chunked(keys):
        marks = ",".join("?" * len(part))
        conn.execute(f"DELETE FROM feed_items WHERE key IN ({marks})", part)
    return set(keys)


def _delete_pages(conn: sqlite3.Connection, urls: list[str]) -> int:
    for part in chunked(urls):
        marks = ",".join("?" * len(part))
        conn.execute(f"DELETE FROM pages WHERE url IN ({marks})", part)
    return len(urls)


def _prune_older(conn: sqlite3.Connection, cutoff: float) -> PruneResult:
    starred = _starred_keys(conn)
    rows = [
        (int(r[0]), str(r[1]), bytes(r[2]))
        for r in conn.execute("SELECT id, key, model FROM articles WHERE fetched_at < ?", (cutoff,))
        if r[1] not in starred
    ]
    _delete_articles(conn, rows)
    # A starred article's raw page stays with it; every other old page goes.
    urls = [
        str(url)
        for (url,) in conn.execute("SELECT url FROM pages WHERE fetched_at < ?", (cutoff,))
        if not _page_keys(url) & starred
    ]
    pages = _delete_pages(conn, urls)
    lists = conn.execute("DELETE FROM list_pages WHERE fetched_at < ?", (cutoff,)).rowcount
    return PruneResult(len(rows), pages, max(lists, 0))


def _prune_oldest(conn: sqlite3.Connection, count: int) -> PruneResult:
    """Remove the ``count`` oldest unstarred articles and their raw pages."""
    starred = _starred_keys(conn)
    rows: list[tuple[int, str, bytes]] = []
    for r in conn.execute("SELECT id, key, model FROM articles ORDER BY fetched_at, id"):
        if r[1] not in starred:
            rows.append((int(r[0]), str(r[1]), bytes(r[2])))
            if len(rows) >= count:
                break
    if not rows:
        return PruneResult()
    keys = _delete_articles(conn, rows)
    urls = [str(u) for (u,) in conn.execute("SELECT url FROM pages") if _page_keys(u) & keys]
    return PruneResult(len(rows), _delete_pages(conn, urls), 0)


def prune(
    cache: Cache,
    older_than_days: float | None = None,
    max_bytes: int | None = None,
    *,
    now: float | None = None,
) -> int:
    """Prune the cache; see :func:`prune_detailed`. Returns the number of articles removed."""
    return prune_detailed(cache, older_than_days, max_bytes, now=now).articles


def prune_detailed(
    cache: Cache,
    older_than_days: float | None = None,
    max_bytes: int | None = None,
    *,
    now: float | None = None,
) -> PruneResult:
    """Remove old cached data, never a starred article.

    Args:
        cache: The cache.
        older_than_days: Remove articles, raw pages and list pages fetched more than this many
            days ago.
        max_bytes: Then remove the oldest articles (and their raw pages) until the database's
            live data is at most this size. The file itself shrinks only with :func:`vacuum`.
        now: The current time (tests).

    Returns:
        Counts of what was removed.
    """
    db = _db(cache)
    result = PruneResult()
    if older_than_days is not None:
        cutoff = (time.time() if now is None else now) - older_than_days * DAY
        result += db.write(lambda c: _prune_older(c, cutoff))
    if max_bytes is not None:
        # Each step is its own transaction, so a long prune never blocks other writers for long;
        # it ends when the size is reached or only starred articles are left.
        while used_bytes(cache) > max_bytes:
            step = db.write(lambda c: _prune_oldest(c, SIZE_BATCH))
            if step.articles == 0:
                break
            result += step
    return result


def vacuum(cache: Cache) -> None:
    """Merge the search index, rebuild the database file compactly and truncate the WAL."""
    db = _db(cache)
    db.write(index.optimize)
    with db.exclusive() as conn:
        # VACUUM cannot run inside a transaction, so it bypasses Database.write; holding every
        # connection keeps this process's other threads out meanwhile.
        try:
            conn.execute("VACUUM")
            if db.path is not None:
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except sqlite3.Error as exc:
            raise db._translate(exc) from exc
