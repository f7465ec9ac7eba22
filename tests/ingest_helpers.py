"""Functions that sync's worker processes import by name in tests (this directory is on sys.path).

They live in a module of their own because a worker process imports a job's function by its
module and name: a function defined inside a test would not be found there.
"""

from __future__ import annotations

import os
import sys

from newsreader.core.cache.store import StoreArticle
from newsreader.core.prepare import prepare_page
from newsreader.core.results import FetchedPage

POISON = "毒丸"  # a page containing this kills the worker preparing it


def prepare_or_die(page: FetchedPage, url: str) -> StoreArticle | str:
    """:func:`prepare_page`, except that the worker process dies on a poisoned page."""
    if POISON in page.text:
        os._exit(3)
    return prepare_page(page, url)


def square(n: int) -> int:
    """A job that works."""
    return n * n


def fail(message: str) -> None:
    """A job that raises."""
    raise ValueError(message)


def die(code: int) -> None:
    """A job that kills its worker."""
    os._exit(code)


def worker_pid() -> int:
    """The worker's process id."""
    return os.getpid()


def die_saying(message: str) -> None:
    """A job that writes to stderr, as a crashing interpreter does, then kills its worker."""
    sys.stderr.write(f"Traceback (most recent call last):\n  ...\n{message}\n")
    sys.stderr.flush()
    os._exit(4)


def chatter(size: int) -> int:
    """A job that writes ``size`` bytes to stderr (more than a pipe holds) and then answers."""
    sys.stderr.write("噪" * (size // 3))
    sys.stderr.flush()
    return size
