"""What a running sync reports, phase by phase, for progress bars."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

Phase = Literal["sections", "lists", "articles"]


@dataclass(frozen=True, slots=True)
class SyncProgress:
    """A step of a running sync, for progress bars.

    Attributes:
        phase: What is being fetched.
        done: Steps finished in this phase.
        total: Steps known in this phase so far.
        url: The URL just finished, if any.
    """

    phase: Phase
    done: int
    total: int
    url: str | None = None


ProgressCallback = Callable[[SyncProgress], None]


class ListProgress:
    """The list phase's count, over every section walked at once.

    Its total is every list page asked for (sections times pages); a section that stops paging
    early takes the pages it will not read off it.
    """

    def __init__(self, report: ProgressCallback, total: int) -> None:
        self._report = report
        self._done = 0
        self._total = total

    def page_done(self, url: str) -> None:
        """Count a list page read (or failed) and report it."""
        self._done += 1
        self._report(SyncProgress("lists", self._done, self._total, url))

    def not_read(self, count: int) -> None:
        """Take ``count`` pages a section will not read off the total."""
        self._total -= count
