"""The cache database: connection settings, schema migrations, locking and corruption checks.

Everything that talks to SQLite goes through :class:`Database`, which owns the one connection,
serialises threads with a lock, and runs every write as ``BEGIN IMMEDIATE`` ... ``COMMIT`` retried
with backoff while another process holds the write lock. Reads never start a write: in WAL mode a
deferred transaction that reads and then writes fails at once with SQLITE_BUSY instead of waiting.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

from newsreader.core.cache.codec import DamagedBlob
from newsreader.core.cache.files import DAMAGED_SUFFIX, DATA_DAMAGE
from newsreader.core.errors import CacheCorrupt, CacheError, CacheLocked, CacheReadOnly

T = TypeVar("T")

DEFAULT_LOCK_TIMEOUT = 15.0


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
    # not stored a second time as a column: it cost ~4 KB per article (see docs in search.py).
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
    # Tokenizer 'ascii': the text is tokenised in Python already (search.index_columns), so FTS5
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
    from newsreader.core.cache import search  # the tokenizer; imports nothing from here

    count = 0
    cursor = conn.execute("SELECT id, model FROM articles ORDER BY id")
    while rows := cursor.fetchmany(500):
        for rowid, model in rows:
            try:
                article = search.article_of(model)
            except (ValueError, KeyError, TypeError):
                continue  # an undecodable model cannot be shown or searched anyway
            search.index_insert(conn, int(rowid), article.title, article.body)
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
    # Article keys name their source's kind first (sources.cache_key: "vsb:host:tree:id"), so
    # that another kind of source has a key space of its own. Every row before v6 came from a
    # VSB site, the only kind then: its key gets that prefix, and read and starred marks follow.
    for table in ("articles", "article_state"):
        conn.execute(f"UPDATE {table} SET key = 'vsb:' || key")


MIGRATIONS: tuple[Callable[[sqlite3.Connection], None], ...] = (
    _m1_initial,
    _m2_sync_runs,
    _m3_split_index,
    _m4_new_since_sync,
    _m5_sync_windows,
    _m6_keys_by_source,
)
SCHEMA_VERSION = len(MIGRATIONS)
TABLES = ("pages", "sections", "list_pages", "articles", "article_state")


def error_code(exc: BaseException) -> int:
    """Return the primary SQLite result code of ``exc`` (0 when it is not an SQLite error)."""
    code = getattr(exc, "sqlite_errorcode", None)
    return code & 0xFF if isinstance(code, int) else 0


def is_busy(exc: BaseException) -> bool:
    """True for "database is locked" (SQLITE_BUSY/SQLITE_LOCKED)."""
    if error_code(exc) in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
        return True
    return isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc)


def is_corrupt(exc: BaseException) -> bool:
    """True when ``exc`` says the file is damaged or not a database."""
    code = error_code(exc)
    if code:
        # By code only: "malformed MATCH expression" is a query's error, not damage.
        return code in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB)
    text = str(exc)
    return "malformed" in text or "not a database" in text


class Database:
    """The cache's SQLite connections with thread locks, retrying writes, and corruption reporting.

    Writes go through one connection. Reads of a database file go through a second one (opened
    on the first read), so that in WAL mode a read never waits for a write transaction of this
    process: a sync commits groups of articles from a thread while the event loop reads.

    Attributes:
        path: The database file; ``None`` for an in-memory database.
        readonly: True when opened read-only (every write raises :class:`CacheReadOnly`).
        readonly_reason: Why it was opened read-only, said by the error a write raises.
    """

    def __init__(
        self,
        path: Path | None,
        *,
        readonly: bool = False,
        immutable: bool = False,
        readonly_reason: str | None = None,
        lock_timeout: float = DEFAULT_LOCK_TIMEOUT,
    ) -> None:
        """Open the connection.

        Args:
            path: The database file, ``None`` for an in-memory database.
            readonly: Open with ``mode=ro``: nothing is ever written.
            immutable: Read-only, and assume nobody changes the file meanwhile (SQLite then
                needs no ``-shm`` file, which a read-only directory cannot hold).
            readonly_reason: Why it is read-only, for the error a write raises.
            lock_timeout: Seconds a write waits for another process's write lock.
        """
        self.path = path
        self.readonly = readonly or immutable
        self.immutable = immutable
        self.readonly_reason = readonly_reason or f"the cache {path} is open read-only"
        self.lock_timeout = lock_timeout
        self._lock = threading.RLock()
        self.conn = self._connect()
        self._read_lock = threading.RLock()
        self._reader: sqlite3.Connection | None = None

    def _connect(self, *, reader: bool = False) -> sqlite3.Connection:
        if self.path is None:
            target, uri = ":memory:", False
        elif self.readonly:
            # as_uri() percent-encodes the path: a "?" or "#" in it would end a raw file: URI.
            flag = "immutable=1" if self.immutable else "mode=ro"
            target, uri = f"{self.path.absolute().as_uri()}?{flag}", True
        else:
            target, uri = str(self.path), False
        # isolation_level=None: we issue BEGIN/COMMIT ourselves; the sqlite3 module's implicit
        # transactions would open deferred ones that fail instead of waiting for the lock.
        conn = sqlite3.connect(target, uri=uri, isolation_level=None, check_same_thread=False)
        try:
            # The C-level busy handler waits inside each attempt; write() retries a few times.
            busy_ms = int(min(5000.0, self.lock_timeout * 1000 / 3))
            conn.execute(f"PRAGMA busy_timeout = {busy_ms}")
            conn.execute("PRAGMA foreign_keys = ON")
            if reader:
                conn.execute("PRAGMA query_only = ON")
            elif self.path is not None and not self.readonly:
                conn.execute("PRAGMA journal_mode = WAL")
                conn.execute("PRAGMA synchronous = NORMAL")
        except BaseException:
            conn.close()
            raise
        return conn

    def close(self) -> None:
        """Close the connections (idempotent)."""
        with self._lock, self._read_lock:
            if self._reader is not None:
                self._reader.close()
            self.conn.close()

    @contextlib.contextmanager
    def exclusive(self) -> Iterator[sqlite3.Connection]:
        """Hold every connection of this process still, for VACUUM; yield the writing one."""
        with self._lock, self._read_lock:
            yield self.conn

    # --- schema ----------------------------------------------------------------------------

    def migrate(self) -> None:
        """Bring the schema to :data:`SCHEMA_VERSION`, all steps in one transaction.

        Raises:
            CacheError: The file was written by a newer newsreader, or is read-only and old.
        """
        version = self.read(lambda c: int(c.execute("PRAGMA user_version").fetchone()[0]))
        if version == SCHEMA_VERSION:
            return
        if version > SCHEMA_VERSION:
            raise CacheError(
                f"cache {self.path} has schema version {version}, newer than this newsreader "
                f"understands ({SCHEMA_VERSION})"
            )
        if self.readonly:
            raise CacheError(f"cache {self.path} needs an upgrade but was opened read-only")

        def step(conn: sqlite3.Connection) -> None:
            # Re-read inside the write lock: another process may have migrated meanwhile.
            current = int(conn.execute("PRAGMA user_version").fetchone()[0])
            for migration in MIGRATIONS[current:]:
                migration(conn)
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

        self.write(step)

    def check(self, *, thorough: bool) -> None:
        """Cheap consistency checks, plus ``PRAGMA quick_check`` when ``thorough``.

        Raises:
            CacheCorrupt: The database is damaged (the caller moves it aside).
            CacheError: It cannot be read at all.
        """

        def run(conn: sqlite3.Connection) -> None:
            conn.execute("PRAGMA schema_version").fetchone()
            names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
            if "articles" in names:
                # Touches the root and the right-most leaf of the two biggest b-trees.
                conn.execute("SELECT key FROM articles ORDER BY id DESC LIMIT 1").fetchall()
                conn.execute("SELECT count(*) FROM article_state").fetchone()
            if thorough:
                rows = [r[0] for r in conn.execute("PRAGMA quick_check")]
                if rows != ["ok"]:
                    found = " ".join("; ".join(rows[:3]).split())
                    raise CacheCorrupt(f"the cache {self.path} failed its integrity check: {found}")

        self.read(run)

    # --- transactions ----------------------------------------------------------------------

    def write(self, fn: Callable[[sqlite3.Connection], T]) -> T:
        """Run ``fn`` in one ``BEGIN IMMEDIATE`` transaction, retrying while the DB is locked.

        ``fn`` may run more than once (after a busy rollback), so it must only touch the database.

        Raises:
            CacheLocked: Another process held the write lock for longer than ``lock_timeout``.
            CacheCorrupt: SQLite reported damage; the file is flagged for a full check.
            CacheError: Any other SQLite failure (read-only file, disk full ...).
        """
        if self.readonly:
            raise CacheReadOnly(self.readonly_reason)
        return self._retry(fn, "BEGIN IMMEDIATE", self._lock, lambda: self.conn)

    def read(self, fn: Callable[[sqlite3.Connection], T]) -> T:
        """Run ``fn`` (SELECTs only) in one deferred read transaction: a consistent snapshot."""
        if self.path is None or self.readonly:
            # One connection: an in-memory database is private to it, and a read-only one
            # has no writes to wait for.
            return self._retry(fn, "BEGIN", self._lock, lambda: self.conn)
        return self._retry(fn, "BEGIN", self._read_lock, self._reading_connection)

    def _reading_connection(self) -> sqlite3.Connection:
        # Called with the read lock held.
        if self._reader is None:
            self._reader = self._connect(reader=True)
        return self._reader

    def _retry(
        self,
        fn: Callable[[sqlite3.Connection], T],
        begin: str,
        lock: threading.RLock,
        connection: Callable[[], sqlite3.Connection],
    ) -> T:
        deadline = time.monotonic() + self.lock_timeout
        delay = 0.005
        while True:
            with lock:
                try:
                    conn = connection()
                    conn.execute(begin)
                    try:
                        result = fn(conn)
                        conn.execute("COMMIT")
                    except BaseException:
                        if conn.in_transaction:
                            conn.execute("ROLLBACK")
                        raise
                    return result
                except (DamagedBlob, UnicodeDecodeError, json.JSONDecodeError) as exc:
                    # A stored value that no longer decompresses, or is not UTF-8 or JSON: damage
                    # SQLite cannot see (quick_check passes), found while decoding a row.
                    self.flag_damaged(DATA_DAMAGE)
                    raise self._damaged(exc) from exc
                except sqlite3.Error as exc:
                    if not is_busy(exc):
                        raise self._translate(exc) from exc
                    if time.monotonic() + delay >= deadline:
                        raise CacheLocked(
                            f"the cache {self.path} stayed locked by another process for "
                            f"{self.lock_timeout:g} s"
                        ) from exc
            # Sleep outside the thread lock so that other threads can read meanwhile.
            time.sleep(delay)
            delay = min(delay * 2, 0.25)

    def _translate(self, exc: sqlite3.Error) -> CacheError:
        if is_corrupt(exc):
            self.flag_damaged()
            return self._damaged(exc)
        code = error_code(exc)
        if code == sqlite3.SQLITE_FULL:
            return CacheError(f"the disk holding the cache {self.path} is full")
        if code == sqlite3.SQLITE_READONLY:
            return CacheReadOnly(f"cannot write the cache {self.path}: {exc}")
        if code in (sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_PERM):
            return CacheError(f"cannot write the cache {self.path}: {exc}")
        return CacheError(f"cache {self.path}: {exc}")

    def _damaged(self, exc: Exception) -> CacheCorrupt:
        """The one-line error of damage found by a query."""
        if self.readonly:
            return CacheCorrupt(f"the cache {self.path} is damaged ({exc})")
        return CacheCorrupt(f"the cache {self.path} is damaged ({exc}); it is rebuilt at start")

    def flag_damaged(self, kind: str = "") -> None:
        """Leave a marker so that the next open checks the file (or, for :data:`DATA_DAMAGE`,
        rebuilds it: the damage is in values, where no integrity check looks)."""
        if self.path is None or self.readonly:
            # A read-only cache is never repaired, so a marker would only mislead.
            return
        try:
            marker = Path(str(self.path) + DAMAGED_SUFFIX)
            if kind or not marker.exists():
                marker.write_text(kind, "utf-8")
        except OSError:
            # Best effort: without the marker the damage is found again by the next failing query.
            return
