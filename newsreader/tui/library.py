"""The library keys: star (s), save a section for offline reading (S), cancel it (Esc), mark
a section read (m), mark every section read (M).

One object given the panes it works on (no screen behind it): the sync panel runs the sync, the
list and the tree show the marks and counts afterwards, and the app says what happened.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from newsreader.core.errors import CacheError
from newsreader.tui.widgets.sync_panel import summary_text

if TYPE_CHECKING:
    from newsreader.core.library import Library
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
        """Save ``section`` (list URL, title) for offline reading, or say why not.

        The section is saved through its own source's service (the sidebar knows which): one
        under the tree's cursor may belong to another source than the list on show.
        """
        service = self.sidebar.service_of(section[0]) if section is not None else None
        refused = self.panel.start(section, pages=self.app.config.sync_pages, service=service)
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

    def mark_read(self, section: str | None) -> None:
        """Mark every article a section lists read, cached or not, and say how many were unread.

        Args:
            section: The list URL of a section (the one under the tree's cursor), or ``None``
                for the list on show (the starred list included).
        """
        elsewhere = section is not None and section != self.articles.key
        urls = self.state.known(section) if section and elsewhere else self.articles.listed_urls()
        if not urls:
            self.app.notify_text(self.app.tr("notify.nothing_unread"))
            return
        library = self.state.library_of(section) if elsewhere else None
        if self._mark({library: urls}, "notify.marked_read", "notify.nothing_unread"):
            self.articles.refresh_marks()
            self.sidebar.update_counts(self.state.sections_listing(urls))

    def mark_all_read(self, sections: Iterable[str]) -> None:
        """Ask, then mark every article every section lists read (cached or not)."""
        from newsreader.tui.screens.confirm import ConfirmOpen

        tr = self.app.tr
        # Each source's marks go to its own library (a feed's and a site's keys differ).
        by_library: dict[Library | None, set[str]] = {None: set(self.articles.listed_urls())}
        for section in sections:
            library = self.state.library_of(section)
            key = None if library is self.state.library else library
            by_library.setdefault(key, set()).update(self.state.known(section))
        tallies = [
            (library or self.state.library).tally(urls) for library, urls in by_library.items()
        ]
        unread, total = sum(t[0] for t in tallies), sum(t[1] for t in tallies)
        if not unread:
            self.app.notify_text(tr("notify.no_unread"))
            return

        def answered(yes: bool | None) -> None:
            if yes and self._mark(by_library, "notify.marked_all_read", "notify.no_unread"):
                self.refresh_marks()

        question = ConfirmOpen(
            tr("confirm.mark_all_detail", total=total),
            tr,
            title=tr("confirm.mark_all", count=unread),
            yes=tr("confirm.mark"),
        )
        self.app.push_screen(question, answered)

    def _mark(self, by_library: Mapping[Library | None, set[str]], done: str, none: str) -> bool:
        """Mark the URLs read, each in its source's library (``None``: the one on show), and
        say so (``done``, or ``none`` when none was unread)."""
        saved, unread = True, 0
        for library, urls in by_library.items():
            ok, count = self.state.mark_listed_read(urls, library)
            saved, unread = saved and ok, unread + count
        if not saved:  # a read-only or full cache: the service's note says why
            self.app.notify_text(self.app.tr("notify.marks_unsaved"), severity="warning")
            return False
        self.app.notify_text(self.app.tr(done, count=unread) if unread else self.app.tr(none))
        return True

    def refresh_marks(self) -> None:
        """Recompute the list's read/cached marks and the sidebar's unread counts."""
        self.articles.refresh_marks()
        self.sidebar.update_counts()
