"""Functions that sync's worker processes import by name in tests (this directory is on sys.path).

They live in a module of their own because a worker process imports a job's function by its
module and name: a function defined inside a test would not be found there.
"""

from __future__ import annotations

import os

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
