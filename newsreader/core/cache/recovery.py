"""Moving a damaged cache aside and salvaging what still reads from it.

Salvage is best effort: each table of the old file is read with its own fresh connection, row by
row in rowid order; when a damaged page breaks the scan we skip ahead and go on. Read state and
bookmarks are what a user cannot re-download, so they come first; articles are re-inserted through
the normal path so that the search index is rebuilt; raw pages are not kept (they are re-fetched
and would make recovery of a big cache slow). Which feed listed each item (``feed_items``) is kept
too: a feed's document names only its newest items, so the older ones could not be told again.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from newsreader.core.cache.article_rows import put_article
from newsreader.core.cache.codec import unpack_json
from newsreader.core.cache.db import Database
from newsreader.core.cache.files import companions
from newsreader.core.models import Article
from newsreader.core.sources import KINDS, cache_key

_MAX_SKIPS = 64
_BATCH = 500


def move_aside(path: Path) -> Path:
    """Rename the database (and its WAL) to ``<name>.corrupt-<timestamp>``; return the new path."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.name}.corrupt-{stamp}-{n}")
    path.rename(target)
    wal, *leftovers = companions(path)
    if wal.exists():
        # Keep the WAL beside the moved file under the name SQLite looks for, for salvage.
        wal.rename(Path(str(target) + "-wal"))
    for leftover in leftovers:
        leftover.unlink(missing_ok=True)
    return target


def _scan(conn: sqlite3.Connection, table: str, columns: str) -> Iterator[tuple[object, ...]]:
    """Yield the rows of ``table`` that still read, skipping over damaged stretches."""
    last = -(2**63)
    skips = 0
    while skips <= _MAX_SKIPS:
        try:
            cursor = conn.execute(
                f"SELECT rowid, {columns} FROM {table} WHERE rowid > ? ORDER BY rowid", (last,)
            )
            for row in cursor:
                last = int(row[0])
                yield tuple(row[1:])
            return
        except sqlite3.DatabaseError:
            skips += 1
            # Jump further each time: a damaged leaf usually hides a run of consecutive rowids.
            last = max(last, 0) + 2**skips
        except (ValueError, TypeError):
            # A damaged value that cannot be converted: skip that one row.
            skips += 1
            last += 1


def _scan_feed_items(conn: sqlite3.Connection) -> Iterator[tuple[object, ...]]:
    """Yield the ``(feed, key)`` rows of ``feed_items`` that still read, in key order.

    The table has no rowid (its primary key is the row), so the scan resumes after the last pair
    read; past a damaged stretch it goes on from the next feed, whose rows lie further on.
    """
    last: tuple[str, str] = ("", "")
    skips = 0
    while skips <= _MAX_SKIPS:
        try:
            cursor = conn.execute(
                "SELECT feed, key FROM feed_items WHERE (feed, key) > (?, ?) ORDER BY feed, key",
                last,
            )
            for feed, key in cursor:
                last = (str(feed), str(key))
                yield last
            return
        except sqlite3.DatabaseError:
            skips += 1
            last = (last[0], "\U0010ffff")


def _open_old(path: Path) -> sqlite3.Connection | None:
    try:
        conn = sqlite3.connect(str(path), isolation_level=None)
        conn.execute("PRAGMA query_only = ON")
        return conn
    except sqlite3.Error:
        return None


def _read_table(old: Path, table: str, columns: str) -> list[tuple[object, ...]]:
    conn = _open_old(old)
    if conn is None:
        return []
    try:
        if table == "feed_items":
            return list(_scan_feed_items(conn))
        return list(_scan(conn, table, columns))
    except sqlite3.Error:
        return []  # the table itself (its schema entry) is unreadable
    finally:
        conn.close()


def _inserter(
    table: str, columns: str, rows: list[tuple[object, ...]]
) -> Callable[[sqlite3.Connection], None]:
    marks = ", ".join("?" * len(columns.split(",")))

    def insert(conn: sqlite3.Connection) -> None:
        conn.executemany(f"INSERT OR IGNORE INTO {table} ({columns}) VALUES ({marks})", rows)

    return insert


def salvage(old: Path, db: Database) -> dict[str, int]:
    """Copy what still reads from the damaged file ``old`` into ``db``; return counts per kind."""
    counts = {"state": 0, "articles": 0, "sections": 0, "lists": 0, "feed_items": 0}
    # A mark keeps the key it was stored under: a feed's mark keyed anew from its URL alone
    # would become a VSB site's. Only a file older than the keys' current form (v6, or a key
    # that names no kind) is keyed anew from the URL.
    state = _read_table(old, "article_state", "key, url, read_at, starred_at")
    if not state:
        state = [(None, *r) for r in _read_table(old, "article_state", "url, read_at, starred_at")]
    keyed: list[tuple[object, ...]] = [
        (r[0] if _kind_of(r[0]) else cache_key(str(r[1])), *r[1:]) for r in state
    ]
    if keyed:
        db.write(_inserter("article_state", "key, url, read_at, starred_at", keyed))
    counts["state"] = len(keyed)
    plan = (
        ("sections", "sections", "site, data, fetched_at"),
        ("lists", "list_pages", "url, data, fetched_at"),
        ("feed_items", "feed_items", "feed, key"),
    )
    for kind, table, columns in plan:
        rows = _read_table(old, table, columns)
        if rows:
            db.write(_inserter(table, columns, rows))
        counts[kind] = len(rows)
    counts["articles"] = _salvage_articles(old, db)
    return counts


def _kind_of(key: object) -> str | None:
    """Return the kind of source a stored key names (``vsb:…``, ``feed:…``), else ``None``."""
    if not isinstance(key, str):
        return None
    kind = key.partition(":")[0]
    return kind if kind in KINDS else None


def _article_rows(conn: sqlite3.Connection) -> Iterator[tuple[object, ...]]:
    """Yield ``(key, model, fetched_at)`` of the old file's articles (``key`` None before v6)."""
    try:
        conn.execute("SELECT key FROM articles LIMIT 0")
    except sqlite3.DatabaseError:
        yield from ((None, *r) for r in _scan(conn, "articles", "model, fetched_at"))
        return
    yield from _scan(conn, "articles", "key, model, fetched_at")


def _salvage_articles(old: Path, db: Database) -> int:
    conn = _open_old(old)
    if conn is None:
        return 0
    saved = 0
    batch: list[tuple[Article, float, str | None]] = []

    def flush(c: sqlite3.Connection) -> None:
        for article, fetched_at, kind in batch:
            put_article(c, article, fetched_at, kind)

    try:
        for key, model, fetched_at in _article_rows(conn):
            if not isinstance(model, bytes):
                continue
            try:
                article = Article.from_dict(unpack_json(model))
            except (ValueError, KeyError, TypeError):
                continue  # a damaged model: DamagedBlob, JSON and UTF-8 errors are ValueErrors
            # Keyed in its source's key space again (a feed item's row stays the feed's).
            batch.append((article, float(str(fetched_at)), _kind_of(key)))
            if len(batch) >= _BATCH:
                db.write(flush)
                saved += len(batch)
                batch.clear()
    finally:
        conn.close()
    if batch:
        db.write(flush)
        saved += len(batch)
    return saved
