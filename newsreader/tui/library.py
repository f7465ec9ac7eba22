"""The library keys: star (s), save a section for offline reading (S), cancel it (Esc), mark
read (m).

One object given the panes it works on (no screen behind it): the sync panel runs the sync, the
list and the tree show the marks and counts afterwards, and the app says what happened.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsreader.core.errors import CacheError
from newsreader.tui.widgets.sync_panel import summary_text

if TYPE_CHECKING:
    from newsreader.tui.app import NewsreaderApp
    from newsreader.tui.state import ReadingState
    from newsreader.tui.widgets.article_list import ArticleList
    from newsreader.tui.widgets.section_tree import SectionTree
    from newsreader.tui.widgets.sync_panel import SyncPanel


class OfflineLibrary:
    """Starring, saving sections and marking lists read, over the panes that show the result.

    Args:
        state: The reading state (what each section lists).
        sidebar: Shows the unread counts.
        articles: Shows the marks.
        panel: Runs the sync.
    """

    def __init__(
        self, state: ReadingState, sidebar: SectionTree, articles: ArticleList, panel: SyncPanel
    ) -> None:
        self.state = state
        self.sidebar = sidebar
        self.articles = articles
        self.panel = panel

    @property
    def app(self) -> NewsreaderApp:
        """The app the panes run in: it says what happened and holds the configuration."""
        return self.panel.app  # type: ignore[return-value]

    def star(self, url: str | None) -> None:
        """Star or unstar ``url`` and say which; or say there is nothing to star."""
        tr = self.app.tr
        if url is None:
            self.app.notify_text(tr("notify.nothing"))
            return
        try:
            starred = self.articles.toggle_star(url)
        except CacheError as err:  # a read-only or full cache: the mark stays as it was
            self.app.report_error(err)
            return
        self.app.notify_text(tr("notify.starred" if starred else "notify.unstarred"))

    def sync(self, section: tuple[str, str] | None) -> None:
        """Save ``section`` (list URL, title) for offline reading, or say why not."""
        refused = self.panel.start(section, pages=self.app.config.sync_pages)
        if refused is not None:
            self.app.notify_text(self.app.tr(refused), severity="warning")

    def cancel(self) -> bool:
        """Cancel a running sync (what it committed stays); False when none is running."""
        if not self.panel.cancel():
            return False
        self.refresh_marks()
        self.app.notify_text(self.app.tr("sync.cancelled"), severity="warning")
        return True

    def finished(self, message: SyncPanel.Finished) -> None:
        """A sync ended: recount what it kept, and say what it did."""
        self.state.forget(message.url)
        self.refresh_marks()
        if message.current and message.summary is not None:
            warn = bool(message.summary.failures)
            self.app.notify_text(
                summary_text(self.app.tr, message.summary),
                title=self.app.tr("sync.done"),
                severity="warning" if warn else "information",
                timeout=10 if warn else None,
            )

    def mark_read(self) -> None:
        """Mark every cached article of the list on show read."""
        counts = self.articles.mark_all_read()
        if counts is None:
            self.app.notify_text(self.app.tr("notify.nothing"))
            return
        marked, cached = counts
        self.sidebar.update_counts()
        self.app.notify_text(
            self.app.tr("notify.marked_read", count=marked),
            severity="warning" if marked < cached else "information",
        )

    def refresh_marks(self) -> None:
        """Recompute the list's read/cached marks and the sidebar's unread counts."""
        self.articles.refresh_marks()
        self.sidebar.update_counts()
