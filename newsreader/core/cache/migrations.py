"""The cache's schema: its migration steps, in order, and bringing a database up to date.

Each step takes the schema from one version (``PRAGMA user_version``) to the next; the number of
steps is the current version. A step is never changed once released: a new schema is a new step.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from newsreader.core.cache import index
from newsreader.core.cache.codec import unpack_json
from newsreader.core.cache.db import Database
from newsreader.core.errors import CacheError
from newsreader.core.models import Article


def _m1_initial(conn: sqlite3.Connection) -> None:
    conn.execute(
        """CREATE TABLE pages (
            url TEXT PRIMARY KEY, status INTEGER NOT NULL, content_type TEXT NOT NULL,
            encoding TEXT NOT NULL, etag TEXT, last_modified TEXT, fetched_at REAL NOT NULL,
            text BLOB NOT NULL)"""
    )
    conn.execute(
        """CREATE TABLE sections (
            site TEXT PRIMARY KEY, data BLOB NOT NULL, fetched_at REAL NOT NULL)"""
    )
    conn.execute(
        """CREATE TABLE list_pages (
            url TEXT PRIMARY KEY, data BLOB NOT NULL, fetched_at REAL NOT NULL)"""
    )
    conn.execute(
        """CREATE TABLE articles (
            id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, url TEXT NOT NULL,
            tree_id INTEGER, news_id INTEGER, title TEXT NOT NULL, date TEXT, source TEXT,
            editor TEXT, section TEXT NOT NULL, model BLOB NOT NULL,
            digest TEXT NOT NULL, fetched_at REAL NOT NULL)"""
    )
    # Read state lives apart from articles so that re-fetching an article keeps it; no foreign
    # key, because a list entry may be starred or read before its article is cached.
    conn.execute(
        """CREATE TABLE article_state (
            key TEXT PRIMARY KEY, url TEXT NOT NULL, read_at REAL, starred_at REAL)"""
    )
    conn.execute("CREATE INDEX article_state_starred ON article_state(starred_at)")
    # Contentless (content=''): the tokenised text is 3-5x the body, and the body is already in
    # articles.model, from which we recompute the tokens when a row must be deleted. The body is
    # not stored a second time as a column: it cost ~4 KB per article (see index.py).
    conn.execute(
        """CREATE VIRTUAL TABLE search USING fts5(
            title_uni, title_bi, body_uni, body_bi,
            content='', tokenize='unicode61 remove_diacritics 0')"""
    )


def _m2_sync_runs(conn: sqlite3.Connection) -> None:
    # When a section's last sync finished: an incremental sync stops paging early only after a
    # complete one, so an interrupted sync is resumed in full rather than cut short.
    conn.execute(
        """CREATE TABLE sync_runs (
            section TEXT PRIMARY KEY, finished_at REAL NOT NULL)"""
    )


def _m3_split_index(conn: sqlite3.Connection) -> None:
    # The index stored a position for every CJK character twice (unigram and bigram columns,
    # detail=full): 18 KB per article, 60 % of the cache. One-character and latin queries are
    # single tokens and never phrases, so the unigram columns need no positions: they move to
    # their own table with detail=column (which keeps column filters and bm25's title weight).
    # Phrases use only the bigram columns, which keep detail=full. ~7 KB less per article.
    # Tokenizer 'ascii': the text is tokenised in Python already (tokens.index_columns), so FTS5
    # only splits at spaces, and 'ascii' does that 26 % faster than 'unicode61'. Caches made
    # before have 'unicode61' tables, which split these strings the same way (they differ only
    # on the two punctuation marks inside the kana block, U+30A0 and U+30FB): they are kept.
    conn.execute("DROP TABLE IF EXISTS search")
    conn.execute(
        """CREATE VIRTUAL TABLE search_uni USING fts5(
            title_uni, body_uni,
            content='', detail=column, tokenize='ascii')"""
    )
    conn.execute(
        """CREATE VIRTUAL TABLE search_bi USING fts5(
            title_bi, body_bi,
            content='', tokenize='ascii')"""
    )
    # Re-index every cached article from its stored model, as deletes recompute the tokens.
    reindex(conn)


def reindex(conn: sqlite3.Connection) -> int:
    """Fill the (empty) search tables from every stored article model; return the count."""
    count = 0
    cursor = conn.execute("SELECT id, model FROM articles ORDER BY id")
    while rows := cursor.fetchmany(500):
        for rowid, model in rows:
            try:
                article = index.article_of(model)
            except (ValueError, KeyError, TypeError):
                continue  # an undecodable model cannot be shown or searched anyway
            index.index_insert(conn, int(rowid), article.title, article.body)
            count += 1
    return count


def _m4_new_since_sync(conn: sqlite3.Connection) -> None:
    # "New since the last sync" per section: an article is new when it was first stored at or
    # after the start of that section's last complete sync. first_seen is set on insert only
    # (fetched_at moves on every refresh); rows from before v4 count as seen when fetched.
    conn.execute("ALTER TABLE sync_runs ADD COLUMN started_at REAL")
    conn.execute("ALTER TABLE articles ADD COLUMN first_seen REAL")
    conn.execute("UPDATE articles SET first_seen = fetched_at")


def _m5_sync_windows(conn: sqlite3.Connection) -> None:
    # Incremental sync per page and per article (see core/sync.py): how many list pages deep a
    # section's last complete sync went (NULL, unknown, never lets a sync stop paging early),
    # and the sections whose sync window is open (a run of them has begun and none completed).
    conn.execute("ALTER TABLE sync_runs ADD COLUMN pages INTEGER")
    conn.execute(
        """CREATE TABLE sync_windows (
            section TEXT PRIMARY KEY, started_at REAL NOT NULL)"""
    )


def _m6_keys_by_source(conn: sqlite3.Connection) -> None:
    # Article keys name their source's kind and the article's site, port included
    # (sources.cache_key: "vsb:host[:port]:tree:id"), so that another kind of source has a key
    # space of its own and two sites on one host never share a row. Every row before v6 came from
    # a VSB site: its key is computed anew from its URL, and read and starred marks follow. Where
    # two rows become one article (both spellings of an internationalised host), the newest stays.
    from newsreader.core.sources import cache_key

    taken: set[str] = set()
    rows = conn.execute("SELECT id, url, model FROM articles ORDER BY fetched_at DESC, id DESC")
    for rowid, url, model in rows.fetchall():
        key = cache_key(str(url))
        if key in taken:
            old = Article.from_dict(unpack_json(model))
            index.index_delete(conn, rowid, old.title, old.body)
            conn.execute("DELETE FROM articles WHERE id = ?", (rowid,))
            continue
        taken.add(key)
        # No clash with the keys not yet rewritten: none of them starts with the kind.
        conn.execute("UPDATE articles SET key = ? WHERE id = ?", (key, rowid))
    marks: dict[str, tuple[str, float | None, float | None]] = {}
    for url, read_at, starred_at in conn.execute(
        "SELECT url, read_at, starred_at FROM article_state"
    ).fetchall():
        key = cache_key(str(url))
        _, read_before, starred_before = marks.get(key, (url, None, None))
        marks[key] = (url, _latest(read_at, read_before), _latest(starred_at, starred_before))
    conn.execute("DELETE FROM article_state")
    conn.executemany(
        "INSERT INTO article_state (key, url, read_at, starred_at) VALUES (?, ?, ?, ?)",
        [(key, *mark) for key, mark in marks.items()],
    )


def _m7_feed_items(conn: sqlite3.Connection) -> None:
    # Which feed listed each item (cache/feeds.py): a feed's item keys say nothing of the feed,
    # and its document names only its newest items. Items listed before v7 are found through
    # the feed's stored list, as they were, until it drops them.
    conn.execute(
        """CREATE TABLE feed_items (
            feed TEXT NOT NULL, key TEXT NOT NULL, PRIMARY KEY (feed, key)) WITHOUT ROWID"""
    )


def _latest(a: float | None, b: float | None) -> float | None:
    return b if a is None else a if b is None else max(a, b)


MIGRATIONS: tuple[Callable[[sqlite3.Connection], None], ...] = (
    _m1_initial,
    _m2_sync_runs,
    _m3_split_index,
    _m4_new_since_sync,
    _m5_sync_windows,
    _m6_keys_by_source,
    _m7_feed_items,
)
SCHEMA_VERSION = len(MIGRATIONS)


def migrate(db: Database) -> None:
    """Bring the schema of ``db`` to :data:`SCHEMA_VERSION`, all steps in one transaction.

    Raises:
        CacheError: The file was written by a newer newsreader, or is read-only and old.
    """
    version = db.read(lambda c: int(c.execute("PRAGMA user_version").fetchone()[0]))
    if version == SCHEMA_VERSION:
        return
    if version > SCHEMA_VERSION:
        raise CacheError(
            f"cache {db.path} has schema version {version}, newer than this newsreader "
            f"understands ({SCHEMA_VERSION})",
            reason="schema_too_new",
            facts={"path": str(db.path), "version": version},
        )
    if db.readonly:
        raise CacheError(
            f"cache {db.path} needs an upgrade but was opened read-only",
            reason="upgrade_readonly",
            facts={"path": str(db.path)},
        )

    def step(conn: sqlite3.Connection) -> None:
        # Re-read inside the write lock: another process may have migrated meanwhile.
        current = int(conn.execute("PRAGMA user_version").fetchone()[0])
        for migration in MIGRATIONS[current:]:
            migration(conn)
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    db.write(step)
