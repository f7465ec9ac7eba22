"""When the cache cannot keep what is fetched: opening it anyway, and saying so once.

A cache on a read-only medium is still worth reading, so it is opened read-only rather than
replaced by an empty one; a cache that cannot store (read-only, full disk, damaged, locked) must
not cost the user the page that was just fetched. :class:`Notices` carries the one-line notes
that say so, each kind once per run, to whatever shows them (stderr, a TUI notification).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from contextvars import ContextVar, Token
from pathlib import Path

from newsreader.core.cache import Cache
from newsreader.core.errors import CacheError, CacheReadOnly, Note

# What could not be saved, by kind of note: each kind is said once per run.
UNSAVED = {
    "fetched": "pages fetched now are not saved",
    "marks": "read marks are not saved",
}


# True while a refused write must raise rather than be noted (see begin_strict_saving). A context
# variable: it follows a sync into its tasks and threads, and nowhere else (the TUI reads
# articles while a sync runs).
_STRICT: ContextVar[bool] = ContextVar("newsreader_strict_saving", default=False)


def begin_strict_saving() -> Token[bool]:
    """From now on in this context, a write the cache refuses raises instead of being noted.

    For sync, whose whole point is storing. Pass the token to :func:`end_strict_saving`.
    """
    return _STRICT.set(True)


def end_strict_saving(token: Token[bool]) -> None:
    """Undo :func:`begin_strict_saving` (in the same context)."""
    _STRICT.reset(token)


def open_cache(path: Path) -> tuple[Cache, str | None]:
    """Open the cache at ``path``: read-write, else read-only, else an empty one in memory.

    Returns:
        The cache, and a start-up note when it is the in-memory stand-in (a read-only cache
        needs none: it serves what it holds, and :class:`Notices` says so when something
        cannot be saved).
    """
    try:
        return Cache.open(path), None
    except CacheError as err:
        failure = err
    if path.is_file():
        cache = _open_readonly(path, failure.message)
        if cache is not None:
            return cache, None
    text = f"{failure.message}; using a temporary in-memory cache this time"
    return Cache.memory(), Note(text, key="note.in_memory", error=failure)


def require_writable(cache: Cache, doing: str) -> None:
    """Fail at once when ``cache`` is read-only and ``doing`` (say, "sync") must write to it.

    Raises:
        CacheReadOnly: The cache was opened read-only.
    """
    reason = cache.readonly_reason
    if reason is not None:
        raise CacheReadOnly(
            f"{reason}; {doing} needs to write to it",
            reason="needs_write",
            facts={"path": str(cache.path or ""), "cause": doing},
        )


def _open_readonly(path: Path, reason: str) -> Cache | None:
    try:
        return Cache.open(path, readonly=True, readonly_reason=reason)
    except CacheError:
        # Unreadable too (damaged, too old a schema, ...): the first failure is what the user
        # can act on, and open_cache reports that one.
        return None


class Notices:
    """One-line notes for the user, delivered to a sink as they arise.

    Notes may arise in worker threads (pages are parsed and stored off the event loop); they
    are delivered at once on the thread that called :meth:`listen`, else at the next
    :meth:`flush` (which the service calls back on that thread).

    Args:
        notes: The list that keeps every note (the service's ``notes``).
    """

    def __init__(self, notes: list[str]) -> None:
        self.notes = notes
        self._lock = threading.Lock()
        self._said: set[str] = set()
        self._delivered = 0
        self._sink: Callable[[str], None] | None = None
        self._thread: int | None = None

    def listen(self, sink: Callable[[str], None]) -> None:
        """Deliver every note so far, then each new one, to ``sink`` (on this thread)."""
        self._sink = sink
        self._thread = threading.get_ident()
        self.flush()

    def save(self, store: Callable[[], object], *, kind: str = "fetched") -> bool:
        """Run a cache write; when the cache refuses it, note that once and go on.

        Args:
            store: The write.
            kind: What it saves, a key of :data:`UNSAVED`.

        Returns:
            True when it was saved.

        Raises:
            CacheError: The cache refused it during a sync (see :func:`begin_strict_saving`).
        """
        try:
            store()
        except CacheError as err:
            if _STRICT.get():
                raise
            self.unsaved(kind, err)
            return False
        return True

    def unsaved(self, kind: str, error: CacheError) -> None:
        """Note, once per ``kind`` (a key of :data:`UNSAVED`), that something was not saved."""
        with self._lock:
            if kind in self._said:
                return
            self._said.add(kind)
            text = f"{error.message}; {UNSAVED[kind]}"
            self.notes.append(Note(text, key=f"note.unsaved_{kind}", error=error))
        if threading.get_ident() == self._thread:
            self.flush()

    def flush(self) -> None:
        """Deliver the notes not delivered yet (call on the listening thread)."""
        if self._sink is None:
            return
        with self._lock:
            fresh = self.notes[self._delivered :]
            self._delivered = len(self.notes)
        for note in fresh:
            self._sink(note)
