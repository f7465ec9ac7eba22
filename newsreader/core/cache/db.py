"""The cache database: connection settings, locking, retries, error translation and checks.

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
_CHUNK = 500  # stays far below SQLite's limit on bound parameters


def chunked(items: list[str]) -> Iterator[list[str]]:
    """Yield ``items`` in slices small enough for one ``IN (...)`` list."""
    for start in range(0, len(items), _CHUNK):
        yield items[start : start + _CHUNK]


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

    # --- checks ---------------------------------------------------------------------------

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
                    raise CacheCorrupt(
                        f"the cache {self.path} failed its integrity check: {found}",
                        reason="integrity",
                        facts={"path": str(self.path)},
                    )

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
            raise CacheReadOnly(
                self.readonly_reason, reason="opened_readonly", facts={"path": str(self.path)}
            )
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
                            f"{self.lock_timeout:g} s",
                            reason="locked",
                            facts={"path": str(self.path), "seconds": self.lock_timeout},
                        ) from exc
            # Sleep outside the thread lock so that other threads can read meanwhile.
            time.sleep(delay)
            delay = min(delay * 2, 0.25)

    def _translate(self, exc: sqlite3.Error) -> CacheError:
        if is_corrupt(exc):
            self.flag_damaged()
            return self._damaged(exc)
        code = error_code(exc)
        facts = {"path": str(self.path)}
        if code == sqlite3.SQLITE_FULL:
            return CacheError(
                f"the disk holding the cache {self.path} is full", reason="disk_full", facts=facts
            )
        if code == sqlite3.SQLITE_READONLY:
            return CacheReadOnly(
                f"cannot write the cache {self.path}: {exc}", reason="cannot_write", facts=facts
            )
        if code in (sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_PERM):
            return CacheError(
                f"cannot write the cache {self.path}: {exc}", reason="cannot_write", facts=facts
            )
        return CacheError(f"cache {self.path}: {exc}", reason="sqlite", facts=facts)

    def _damaged(self, exc: Exception) -> CacheCorrupt:
        """The one-line error of damage found by a query."""
        facts = {"path": str(self.path)}
        if self.readonly:
            return CacheCorrupt(
                f"the cache {self.path} is damaged ({exc})", reason="damaged", facts=facts
            )
        return CacheCorrupt(
            f"the cache {self.path} is damaged ({exc}); it is rebuilt at start",
            reason="damaged_rebuilt",
            facts=facts,
        )

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
