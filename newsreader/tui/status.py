"""The network status and the status line that shows it.

:class:`NetworkStatus` is plain state: whether the network works, as the panes' results and
failures tell it. :class:`StatusLine` shows in the title line online / offline / network down,
where the list's cursor is, how far the article on show is read and when what is on show was
fetched (``在线 · 第 3/20 篇 · 42% · 12:03 更新``), and is where the main screen reports every
failure, once.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

from newsreader.core.errors import FetchTimeout, NetworkError
from newsreader.core.results import Freshness, Result

if TYPE_CHECKING:
    from newsreader.core.service import NewsService
    from newsreader.tui.screens.main import MainScreen
    from newsreader.tui.widgets.article_list import ArticleList
    from newsreader.tui.widgets.reader import Reader

NETWORK_ERRORS = (NetworkError, FetchTimeout)


def clock_text(when: float, now: float | None = None) -> str:
    """``12:03`` for a time today, ``11-28 12:03`` for an earlier day (local time)."""
    local = time.localtime(when)
    today = time.localtime(time.time() if now is None else now)
    same_day = local.tm_year == today.tm_year and local.tm_yday == today.tm_yday
    return time.strftime("%H:%M" if same_day else "%m-%d %H:%M", local)


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
        self.articles: ArticleList | None = None
        self.reader: Reader | None = None
        self.fetched_at: float | None = None  # when what was shown last came from the site
        self._refresh_asked = False

    def follow(self, articles: ArticleList, reader: Reader) -> None:
        """Show the list's position and the reader's progress from now on, as they change."""
        self.articles, self.reader = articles, reader
        # The progress is the reader's; its text changing (an article for a message) too.
        for name in ("progress", "virtual_size"):
            self.screen.watch(reader, name, self.update, init=False)

    def text(self) -> str:
        """The status: network, position in the list, reading progress, fetch time."""
        tr = self.screen.tr
        parts = [tr(self.network.key(self.service.offline))]
        articles, reader = self.articles, self.reader
        if articles is not None and articles.rows:
            count = max(len(articles.rows), articles.total or 0)
            parts.append(tr("status.position", index=articles.cursor + 1, count=count))
        if reader is not None and reader.is_article:
            parts.append(tr("status.progress", percent=reader.progress))
        if self.fetched_at is not None:
            parts.append(tr("status.fetched", time=clock_text(self.fetched_at)))
        return " · ".join(parts)

    def update(self) -> None:
        """Show the status in the title line."""
        offline = self.service.offline
        self.screen.app.sub_title = self.text()
        self.screen.set_class(offline or self.network.down, "-offline")

    def refresh_asked(self) -> None:
        """``r`` was pressed: the next answer says when it was fetched (or why it was not)."""
        self._refresh_asked = True

    def note(self, result: Result[Any]) -> None:
        """Track whether the network works from where a result came (a stale one says why)."""
        error = self.network.note(result)
        if error is not None:
            self.screen.news_app.report_error(error)
        self.fetched_at = result.fetched_at or self.fetched_at
        if self._refresh_asked and error is None:
            when = clock_text(result.fetched_at or time.time())
            # Served from the cache (offline): nothing was fetched, so it says what is shown and
            # when that was fetched, never "refreshed".
            cached = result.freshness is Freshness.CACHED
            key = "notify.shown_cached" if cached else "notify.refreshed"
            self.screen.news_app.notify_text(self.screen.tr(key, time=when))
        self._refresh_asked = False
        self.update()

    def failed(self, error: BaseException, *, quiet: bool = False, what: str = "") -> None:
        """A load failed: track the network; notify it unless the pane shows it (quiet).

        Args:
            error: The failure.
            quiet: The pane shows the failure in place of what it loaded: only logged.
            what: The pane's worker group; when the reader or the list shows a failure,
                nothing on show was fetched, so no fetch time is shown (it was the last
                thing's, e.g. the list's under the reader's error page).
        """
        self._refresh_asked = False
        self.network.failed(error)
        if quiet and what in ("article", "list"):
            self.fetched_at = None
        self.update()
        self.screen.news_app.report_error(error, quiet=quiet)

    def toggle_offline(self) -> bool:
        """Switch between online and offline operation; return whether it is offline now."""
        offline = not self.service.offline
        self.service.set_offline(offline)
        self.network.down = False
        self.update()
        return offline
