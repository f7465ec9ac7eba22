"""The cache's files on disk: the database, its companions, and when to check its integrity.

``PRAGMA quick_check`` reads every page of the database: 17 ms at 22 MiB, more than the whole rest
of an offline ``read``. Opening runs it only when damage is plausible:

- an earlier query reported damage (the ``.damaged`` marker; any size);
- the last session did not close cleanly: SQLite deletes the ``-wal`` file when the last
  connection closes, so one left behind means a session still running or one that died;
- the file changed while no newsreader had it open: on a clean close we record the database's
  size and modification time in a ``.clean`` file beside it, and a file that no longer matches
  was written by something else (a copy or restore, a disk tool, a crash in mid-checkpoint);
- the last full check is older than :data:`CHECK_INTERVAL` (damage of a file at rest).

Each of the last three applies up to :data:`QUICK_CHECK_MAX_BYTES`; bigger files get the O(1)
checks only. Damage that still slips through (a disk that loses a sector without changing the
file's time) is found by the first query that reads it: that query fails with a one-line
:class:`~newsreader.core.errors.CacheCorrupt` and flags the file, and the next open repairs it.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from newsreader.core.errors import CacheError, CacheReadOnly, os_cause

SQLITE_MAGIC = b"SQLite format 3\x00"
DAMAGED_SUFFIX = ".damaged"
# What the .damaged marker holds when a stored value no longer decodes: open rebuilds the cache.
DATA_DAMAGE = "data"
CLEAN_SUFFIX = ".clean"
# Below this size quick_check costs well under a second; bigger caches get the O(1) checks only.
QUICK_CHECK_MAX_BYTES = 64 * 1024 * 1024
CHECK_INTERVAL = 7 * 86_400.0


def has_sqlite_header(path: Path) -> bool:
    """True when ``path`` is empty (a new database) or starts with the SQLite magic string."""
    with path.open("rb") as handle:
        head = handle.read(len(SQLITE_MAGIC))
    return head in (b"", SQLITE_MAGIC)


def companions(path: Path) -> Iterator[Path]:
    """Yield the WAL, shared-memory, damage-marker and clean-close files of ``path``."""
    for suffix in ("-wal", "-shm", DAMAGED_SUFFIX, CLEAN_SUFFIX):
        yield Path(str(path) + suffix)


def ensure_writable(path: Path) -> None:
    """Create the cache directory (mode 0o700) and check we may write there.

    Raises:
        CacheReadOnly: The directory or the file is read-only (the file may still be read).
        CacheError: The directory cannot be created, or is not a directory.
    """
    parent = path.parent
    try:
        parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as exc:
        raise CacheError(
            f"cannot create the cache directory {parent}: {exc.strerror}",
            reason="cannot_create_dir",
            facts={"path": str(parent), "cause": os_cause(exc)},
        ) from exc
    if not parent.is_dir():
        raise CacheError(
            f"the cache directory {parent} is not a directory",
            reason="not_a_dir",
            facts={"path": str(parent)},
        )
    # SQLite's WAL mode creates -wal and -shm files beside the database, so the directory itself
    # must be writable, not just the file.
    if not os.access(parent, os.W_OK | os.X_OK):
        raise CacheReadOnly(
            f"the cache directory {parent} is read-only",
            reason="dir_readonly",
            facts={"path": str(parent)},
        )
    if path.exists() and not os.access(path, os.R_OK | os.W_OK):
        raise CacheReadOnly(
            f"the cache file {path} is not writable",
            reason="file_readonly",
            facts={"path": str(path)},
        )


@dataclass(frozen=True, slots=True)
class CleanClose:
    """What the ``.clean`` file records: the database as the last clean close left it.

    Attributes:
        size: The file's size in bytes.
        mtime_ns: Its modification time.
        checked_at: When quick_check last passed on it (``None``: never, e.g. too big).
    """

    size: int
    mtime_ns: int
    checked_at: float | None


def _sidecar(path: Path, suffix: str) -> Path:
    return Path(str(path) + suffix)


def read_clean_close(path: Path) -> CleanClose | None:
    """Return the record of the last clean close of ``path``; ``None`` when missing or unusable."""
    try:
        data = json.loads(_sidecar(path, CLEAN_SUFFIX).read_text("utf-8"))
        checked = data["checked_at"]
        return CleanClose(
            int(data["size"]), int(data["mtime_ns"]), None if checked is None else float(checked)
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None  # no record (or a torn one) is the same as an unclean close: check


def record_clean_close(path: Path, checked_at: float | None) -> None:
    """Record, after closing, that ``path`` was left whole; skipped while another session runs.

    Best effort: when the record cannot be written the next open simply runs the check.
    """
    if _sidecar(path, "-wal").exists():
        # Another process still has the database open (or our checkpoint failed): whoever
        # closes last records it.
        return
    try:
        info = path.stat()
        record = {"size": info.st_size, "mtime_ns": info.st_mtime_ns, "checked_at": checked_at}
        _sidecar(path, CLEAN_SUFFIX).write_text(json.dumps(record), "utf-8")
    except OSError:
        return


def full_check_needed(path: Path, now: float) -> tuple[bool, float | None]:
    """Decide, before connecting, whether opening ``path`` runs quick_check.

    Returns:
        Whether to run it, and when it last passed (from the clean-close record).
    """
    flagged = _sidecar(path, DAMAGED_SUFFIX).exists()
    record = read_clean_close(path)
    checked_at = record.checked_at if record else None
    try:
        info = path.stat()
    except FileNotFoundError:
        return True, None  # a new database: checking it costs nothing
    if flagged:
        return True, checked_at
    clean = (
        record is not None
        and not _sidecar(path, "-wal").exists()
        and (record.size, record.mtime_ns) == (info.st_size, info.st_mtime_ns)
    )
    recent = checked_at is not None and 0 <= now - checked_at < CHECK_INTERVAL
    return (not (clean and recent) and info.st_size <= QUICK_CHECK_MAX_BYTES), checked_at


def data_damaged(path: Path) -> bool:
    """True when a query found a stored value that no longer decodes (see :data:`DATA_DAMAGE`)."""
    try:
        return _sidecar(path, DAMAGED_SUFFIX).read_text("utf-8").strip() == DATA_DAMAGE
    except (OSError, ValueError):
        return False  # no marker, or not ours: the marker's presence alone still forces a check


def clear_damage_flag(path: Path) -> None:
    """Remove the ``.damaged`` marker once a full check has passed."""
    try:
        _sidecar(path, DAMAGED_SUFFIX).unlink(missing_ok=True)
    except OSError:
        return  # the next open checks once more, which is all the marker causes
