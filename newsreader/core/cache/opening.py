"""Opening the cache file: the checks that decide how far to trust it, the read-only fallbacks,
and the rebuild of a damaged file.

Opening is O(1) in the cache size: the full integrity check runs only when damage is plausible
(an unclean close, a file changed since, a week since the last one, or an earlier failure; see
:mod:`~newsreader.core.cache.files`).
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path
from typing import NamedTuple

from newsreader.core.cache.db import Database, error_code, is_corrupt
from newsreader.core.cache.files import (
    clear_damage_flag,
    data_damaged,
    ensure_writable,
    full_check_needed,
    has_sqlite_header,
)
from newsreader.core.cache.migrations import migrate
from newsreader.core.cache.recovery import move_aside, salvage
from newsreader.core.errors import CacheCorrupt, CacheError, Note, os_cause

# Why a mode=ro open fails when its -shm file can be neither created (a read-only directory)
# nor grown (a full disk: SQLITE_IOERR_SHMSIZE).
_NO_SHM = (sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_READONLY, sqlite3.SQLITE_IOERR)


class Opened(NamedTuple):
    """An opened cache database and what its opening found.

    Attributes:
        db: The database, checked and migrated.
        recovery_note: A one-line message for the UI when the file was damaged and rebuilt.
        checked_at: When the full integrity check last passed on the file, if known.
    """

    db: Database
    recovery_note: str | None = None
    checked_at: float | None = None


def open_writable(path: Path, lock_timeout: float) -> Opened:
    """Open (creating, migrating, or rebuilding when damaged) the cache at ``path``.

    Raises:
        CacheReadOnly: The directory or the file cannot be written.
        CacheError: The directory cannot be made, or the schema is too new.
        CacheLocked: Another process held the cache during the whole ``lock_timeout``.
    """
    ensure_writable(path)
    try:
        if path.exists() and not has_sqlite_header(path):
            raise CacheCorrupt(
                f"{path} is not an SQLite database", reason="not_sqlite", facts={"path": str(path)}
            )
        if data_damaged(path):
            raise CacheCorrupt(
                "a stored value could not be decoded", reason="damaged", facts={"path": str(path)}
            )
        now = time.time()
        thorough, checked_at = full_check_needed(path, now)
        db = Database(path, lock_timeout=lock_timeout)
        try:
            db.check(thorough=thorough)
            migrate(db)
        except BaseException:
            db.close()
            raise
    except (CacheCorrupt, sqlite3.DatabaseError) as exc:
        if isinstance(exc, sqlite3.DatabaseError) and not is_corrupt(exc):
            raise CacheError(
                f"cannot open the cache {path}: {exc}",
                reason="cannot_open",
                facts={"path": str(path)},
            ) from exc
        return _rebuild(path, lock_timeout, exc)
    except OSError as exc:
        raise _unreadable(path, exc) from exc
    if thorough:
        clear_damage_flag(path)
        checked_at = now
    return Opened(db, checked_at=checked_at)


def _unreadable(path: Path, exc: OSError) -> CacheError:
    return CacheError(
        f"cannot read the cache {path}: {exc.strerror}",
        reason="cannot_read",
        facts={"path": str(path), "cause": os_cause(exc)},
    )


def open_readonly(path: Path, lock_timeout: float, reason: str | None) -> Opened:
    """Open the cache at ``path`` without writing anything (no creation, migration or repair).

    Raises:
        CacheError: There is no cache there, it cannot be read, or its schema is too old or new.
        CacheCorrupt: The file is damaged.
    """
    if not path.is_file():
        raise CacheError(f"no cache at {path}", reason="no_cache", facts={"path": str(path)})
    try:
        if not has_sqlite_header(path):
            raise CacheCorrupt(
                f"{path} is not an SQLite database", reason="not_sqlite", facts={"path": str(path)}
            )
    except OSError as exc:
        raise _unreadable(path, exc) from exc
    # mode=ro first: it also reads what a -wal left behind holds. It needs a -shm file,
    # though, which a read-only directory cannot get when the last session closed cleanly
    # (SQLite deleted it), nor a full disk: then immutable, which needs none (nobody
    # writes a read-only medium, or a full disk, meanwhile).
    try:
        return Opened(_readonly_db(path, lock_timeout, reason, immutable=False))
    except CacheError as exc:
        if error_code(exc.__cause__ or exc) not in _NO_SHM:
            raise
    return Opened(_readonly_db(path, lock_timeout, reason, immutable=True))


def _readonly_db(
    path: Path, lock_timeout: float, reason: str | None, *, immutable: bool
) -> Database:
    try:
        db = Database(
            path,
            readonly=True,
            immutable=immutable,
            readonly_reason=reason,
            lock_timeout=lock_timeout,
        )
    except sqlite3.Error as exc:
        raise CacheError(
            f"cannot open the cache {path} read-only: {exc}",
            reason="cannot_open",
            facts={"path": str(path)},
        ) from exc
    try:
        db.check(thorough=False)
        migrate(db)
    except BaseException:
        db.close()
        raise
    return db


def _rebuild(path: Path, lock_timeout: float, cause: BaseException) -> Opened:
    moved = move_aside(path)
    db = Database(path, lock_timeout=lock_timeout)
    migrate(db)
    counts = salvage(moved, db)
    text = (
        f"The cache was damaged and has been rebuilt ({cause}); kept "
        f"{counts['articles']} articles and {counts['state']} read/starred marks; "
        f"the old file is {moved.name}"
    )
    note = Note(
        " ".join(text.split()),
        key="note.rebuilt",
        facts={"articles": counts["articles"], "marks": counts["state"], "file": moved.name},
    )
    # Written whole just now: as good as checked.
    return Opened(db, note, checked_at=time.time())
