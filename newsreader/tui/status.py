"""Whether the network works, as the results and failures of the panes tell it."""

from __future__ import annotations

from typing import Any

from newsreader.core.errors import FetchTimeout, NetworkError
from newsreader.core.results import Freshness, Result

NETWORK_ERRORS = (NetworkError, FetchTimeout)


class NetworkStatus:
    """Online, offline by choice, or offline because the network failed (plain state).

    Attributes:
        down: The last fetch failed for want of a network (a fresh answer clears it).
    """

    def __init__(self) -> None:
        self.down = False

    def note(self, result: Result[Any]) -> BaseException | None:
        """Learn from where a result came; return the error to report, if any."""
        if result.freshness is Freshness.FRESH:
            self.down = False
        elif result.freshness is Freshness.STALE:
            self.down = isinstance(result.error, NETWORK_ERRORS)
            return result.error
        return None

    def failed(self, error: BaseException) -> None:
        """Learn from a failed load."""
        if isinstance(error, NETWORK_ERRORS):
            self.down = True

    def key(self, offline: bool) -> str:
        """The message key of the status line."""
        if offline:
            return "status.offline"
        return "status.network_down" if self.down else "status.online"
