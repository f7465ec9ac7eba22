"""Sync bookkeeping per section: the last complete sync and the current sync window.

``sync_runs`` holds, per section, when its last complete sync started and finished and how many
list pages deep it went. ``sync_windows`` holds the sections whose sync window is open: a window
starts with a sync and stays open until a run of that section completes, so that a run after an
interrupted (or failed) one continues the window instead of starting over. What the two tables
are used for is explained in :mod:`newsreader.core.sync`.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass

WINDOW_MAX_AGE = 24 * 3600.0
"""Seconds an open sync window may be continued: after that, cached articles are checked again."""


@dataclass(frozen=True, slots=True)
class SyncWindow:
    """Where a section's sync stands when a run of it begins.

    Attributes:
        started_at: When the window began (now, or when the interrupted run began); an article
            stored since then is not fetched again in this window.
        resumed: True when the window was begun by an earlier run that did not complete.
        complete_at: When the last complete sync of the section finished, or ``None``.
        complete_pages: How many list pages deep that sync is known to cover (0: unknown).
    """

    started_at: float
    resumed: bool = False
    complete_at: float | None = None
    complete_pages: int = 0


def begin(
    conn: sqlite3.Connection, sections: Iterable[str], now: float, *, refresh: bool
) -> dict[str, SyncWindow]:
    """Open or continue each section's sync window (inside a write transaction).

    A window is continued when it is open (no run completed since it began), began less than
    :data:`WINDOW_MAX_AGE` ago, and ``refresh`` is False; otherwise a new one begins at ``now``.
    """
    windows: dict[str, SyncWindow] = {}
    for section in dict.fromkeys(sections):
        row = conn.execute(
            "SELECT started_at FROM sync_windows WHERE section = ?", (section,)
        ).fetchone()
        resumed = not refresh and row is not None and 0 <= now - float(row[0]) < WINDOW_MAX_AGE
        started = float(row[0]) if resumed else now
        if not resumed:
            conn.execute(
                "INSERT OR REPLACE INTO sync_windows (section, started_at) VALUES (?, ?)",
                (section, started),
            )
        done = conn.execute(
            "SELECT finished_at, pages FROM sync_runs WHERE section = ?", (section,)
        ).fetchone()
        windows[section] = SyncWindow(
            started_at=started,
            resumed=resumed,
            complete_at=None if done is None else float(done[0]),
            complete_pages=0 if done is None or done[1] is None else int(done[1]),
        )
    return windows


def complete(
    conn: sqlite3.Connection,
    section: str,
    *,
    started_at: float | None,
    finished_at: float,
    pages: int | None,
) -> None:
    """Record a complete sync of ``section`` and close its window (inside a transaction).

    Args:
        conn: The connection, in a write transaction.
        section: The section's list-page URL.
        started_at: When its window began: articles first stored since then count as new.
        finished_at: When the sync finished.
        pages: How many list pages deep the section is now known to be stored (``None``:
            unknown, which never lets a later sync stop paging early).
    """
    conn.execute(
        """INSERT INTO sync_runs (section, finished_at, started_at, pages) VALUES (?, ?, ?, ?)
           ON CONFLICT(section) DO UPDATE SET finished_at = excluded.finished_at,
           started_at = excluded.started_at, pages = excluded.pages""",
        (section, finished_at, started_at, pages),
    )
    conn.execute("DELETE FROM sync_windows WHERE section = ?", (section,))
