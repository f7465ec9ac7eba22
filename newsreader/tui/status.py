"""The network status and the status line that shows it.

:class:`NetworkStatus` is plain state: whether the network works, as the panes' results and
failures tell it. :class:`StatusLine` shows online / offline / network down in the title line
and is where the main screen reports every failure, once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from newsreader.core.errors import FetchTimeout, NetworkError
from newsreader.core.results import Freshness, Result

if TYPE_CHECKING:
    from newsreader.core.service import NewsService
    from newsreader.tui.screens.main import MainScreen

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


class StatusLine:
    """The title line's network status, and the one way the screen reports a failure.

    Args:
        screen: The main screen: it gets the ``-offline`` class (its styles dim what needs
            the network); its app shows the status (``sub_title``) and reports errors.
        service: Says whether it runs offline; :meth:`toggle_offline` switches it.
    """

    def __init__(self, screen: MainScreen, service: NewsService) -> None:
        self.screen = screen
        self.service = service
        self.network = NetworkStatus()

    def update(self) -> None:
        """Show online/offline in the title line."""
        offline = self.service.offline
        self.screen.app.sub_title = self.screen.tr(self.network.key(offline))
        self.screen.set_class(offline or self.network.down, "-offline")

    def note(self, result: Result[Any]) -> None:
        """Track whether the network works from where a result came (a stale one says why)."""
        error = self.network.note(result)
        if error is not None:
            self.screen.news_app.report_error(error)
        self.update()

    def failed(self, error: BaseException, *, quiet: bool = False) -> None:
        """A load failed: track the network; report it unless the pane said it all (quiet)."""
        self.network.failed(error)
        self.update()
        if not quiet:
            self.screen.news_app.report_error(error)

    def toggle_offline(self) -> bool:
        """Switch between online and offline operation; return whether it is offline now."""
        offline = not self.service.offline
        self.service.set_offline(offline)
        self.network.down = False
        self.update()
        return offline
