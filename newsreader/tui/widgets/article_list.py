"""The article list: a section's articles, their marks, and the loading of its pages.

How rows are drawn and the cursor moves is ``row_view.py``. The list loads itself:
:meth:`ArticleList.show` lists a section from the cache at once and refreshes its first page in
the ``list`` worker; reaching the last row fetches the next page in the ``more`` worker. Pages
that arrived are announced with :class:`ArticleList.Loaded`, a failure with
:class:`~newsreader.tui.messages.LoadFailed` (after the list said why, when it is empty).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.content import Content
from textual.message import Message
from textual.worker import Worker, WorkerState

from newsreader.core.models import ListPage, Section
from newsreader.core.results import Result
from newsreader.core.urls import same_site
from newsreader.tui.messages import LoadFailed
from newsreader.tui.render import safe_line
from newsreader.tui.state import STARRED_KEY, Row
from newsreader.tui.widgets.row_view import RowView

if TYPE_CHECKING:
    from newsreader.core.service import NewsService
    from newsreader.tui.i18n import Translator
    from newsreader.tui.state import ReadingState

__all__ = ["ArticleList", "Row"]

# G loads at most this many more pages of a list (a site may list thousands); a second G goes on.
MAX_END_PAGES = 50


class ArticleList(RowView):
    """A cursor over rows of articles. Enter or a click posts :class:`ArticleList.Opened`.

    When the cursor reaches the last row and :attr:`next_url` is set, it fetches the next page
    once and appends the articles not listed yet (:meth:`NewsService.merge_items`: one
    identity, either URL form, as the CLI's ``list --pages``).

    Args:
        service: Where the list pages come from.
        state: The shared reading state (the rows' marks).
        tr: The UI language.
    """

    class Opened(Message):
        """The user asked to read the article under the cursor (Enter or a click)."""

        def __init__(self, url: str, title: str = "") -> None:
            super().__init__()
            self.url = url
            self.title = title

    class Loaded(Message):
        """A list page arrived and is on show."""

        def __init__(self, result: Result[ListPage]) -> None:
            super().__init__()
            self.result = result

    def __init__(
        self, service: NewsService, state: ReadingState, tr: Translator, *, id: str | None = None
    ) -> None:
        super().__init__(id=id)
        self.service = service
        self.state = state
        self.tr = tr
        self.list_title = ""
        self.total: int | None = None
        self.border_title = tr("pane.list")
        self.placeholder = tr("list.empty")

    # --- loading -----------------------------------------------------------------------------

    def show(self, section: Section) -> bool:
        """Show the section's cached list at once, then fetch its first page.

        Returns:
            False, and nothing changes, when the section has no list page on this site (a
            menu entry that leads elsewhere).
        """
        if section.url is None or not same_site(section.url, self.service.site_url):
            return False
        # A next page still loading belongs to the list on show until now.
        self.workers.cancel_group(self, "more")
        self.border_subtitle = ""
        self.list_title = safe_line(section.title)
        cached = self.service.cached_list(section.url)
        if cached is not None:
            page = cached.value
            self.total = page.total
            self.set_rows(section.url, self.state.rows(page.items), page.next_url)
        else:
            self.total = None
            self.placeholder = self.tr("status.loading")
            self.set_rows(section.url, [], None)
        self.update_title()
        self.reload()
        return True

    def show_starred(self) -> None:
        """List the starred articles."""
        self.workers.cancel_group(self, "more")
        self.border_subtitle = ""
        self.list_title = self.tr("tree.starred")
        self.total = None
        self.placeholder = self.tr("list.empty_section")
        self.set_rows(STARRED_KEY, self.state.rows(self.state.starred_items()), None)
        self.update_title()

    def reload(self) -> None:
        """Fetch the first page of the list on show (keeps the cursor and later pages)."""
        key = self.key
        if key is None:
            return
        if key == STARRED_KEY:
            self.show_starred()
            return

        async def work() -> None:
            result = await self.service.list_page(key)
            if key == self.key:  # else the user moved on to another section meanwhile
                self.show_first_page(key, result)

        self.run_worker(
            work(), name="list", group="list", description=key, exclusive=True, exit_on_error=False
        )

    def load_more(self, url: str) -> None:
        """Fetch the next list page ``url`` and append it."""
        key = self.key or ""

        async def work() -> None:
            result = await self.service.list_page(url)
            # Only the page that follows what is shown: the list may have been shown anew
            # (same section, first page only) while this one loaded.
            if key == self.key and url == self.next_url:
                shown = [row.item for row in self.rows]
                # The core's merge, so the CLI and the TUI list an article once by one identity.
                fresh = self.service.merge_items(shown, result.value.items)[len(shown) :]
                self.append_rows(self.state.rows(fresh), result.value.next_url)
                self._loaded(key, result)

        self.border_subtitle = self.tr("list.loading_more")
        self.run_worker(
            work(), name="more", group="more", description=url, exclusive=True, exit_on_error=False
        )

    def action_last(self) -> None:
        """Go to the true end of the list: load its remaining pages (bounded), then the last row.

        The pane's subtitle counts the pages as they come; a failure stops at the rows loaded
        so far (and is reported as any next page's).
        """
        key, start = self.key, self.next_url
        if key is None or start is None:
            self.move_to(len(self.rows) - 1)
            return

        async def work() -> None:
            try:
                for page in range(1, MAX_END_PAGES + 1):
                    url = self.next_url
                    if url is None or key != self.key:
                        break
                    self.border_subtitle = self.tr("list.loading_to_end", page=page)
                    result = await self.service.list_page(url)
                    if key != self.key or url != self.next_url:
                        break
                    shown = [row.item for row in self.rows]
                    fresh = self.service.merge_items(shown, result.value.items)[len(shown) :]
                    self.append_rows(self.state.rows(fresh), result.value.next_url)
                    self._loaded(key, result)
            finally:
                if key == self.key:
                    self._cursor_to_end()

        self._more_requested = True
        self.run_worker(
            work(),
            name="more",
            group="more",
            description=start,
            exclusive=True,
            exit_on_error=False,
        )

    def _cursor_to_end(self) -> None:
        """The cursor on the last row, without asking for a next page (G just loaded them)."""
        if self.rows:
            self.cursor = len(self.rows) - 1
            self._scroll_to_cursor()
            self.refresh()
            self.post_message(self.CursorMoved())

    def show_first_page(self, key: str, result: Result[ListPage]) -> None:
        """Show a fetched first page, keeping the cursor and the pages loaded after it."""
        page = result.value
        self.total = page.total or self.total
        # Every row shown stays, after the new first page: news added at the top pushes the
        # old first page's last rows to the next page, which may not be loaded yet.
        later = self.rows
        items = self.service.merge_items(page.items, [row.item for row in later])
        # Rows loaded after the first page keep their marks; only the first page's are re-read.
        kept = {id(row.item): row for row in later}
        first = self.state.rows(items[: len(page.items)])
        rows = first + [kept[id(item)] for item in items[len(page.items) :]]
        next_url = self.next_url if len(rows) > len(first) else page.next_url
        self.placeholder = self.tr("list.empty_section")
        self.set_rows(key, rows, next_url)
        self._loaded(key, result)

    def _loaded(self, key: str, result: Result[ListPage]) -> None:
        self.state.remember(key, (item.url for item in result.value.items))
        self.update_title()
        self.border_subtitle = ""
        self.post_message(self.Loaded(result))

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """Say why an empty list stays empty; let a failed next page be asked for again."""
        worker = event.worker
        error = worker.error
        if event.state is not WorkerState.ERROR or error is None:
            return
        key = worker.description
        if worker.group == "more":
            self.more_failed()
            self.border_subtitle = ""
        elif worker.group == "list" and key == self.key and not self.rows:
            self.say(safe_line(self.tr.failure(error)))
            # The empty list says why, once: no notification on top.
            self.post_message(LoadFailed(worker.group, key, error, quiet=True))
            return
        self.post_message(LoadFailed(worker.group, key, error))

    @property
    def section(self) -> tuple[str, str] | None:
        """The ``(list URL, title)`` of the section on show (``None`` for the starred list)."""
        key = self.key
        return (key, self.list_title) if key and key != STARRED_KEY else None

    def follow(self, url: str) -> str:
        """Put the cursor on ``url`` when it is listed (the reader opened it); return its title."""
        index = self.index_of(url)
        if index is None:
            return ""
        self.move_to(index)
        return self.rows[index].item.title

    def show_marks(self, marks: dict[str, tuple[bool, bool]]) -> None:
        """Show the reader's marks: per URL, whether it was marked read and whether it is cached."""
        for url, (saved, cached) in marks.items():
            self.set_row_flags(url, read=saved or None, cached=cached)
        self.update_title()

    def say_tree(self, error: BaseException | None) -> None:
        """While nothing is listed, say why the section tree failed, or (``None``) that it came.

        A toast fades; with no tree at all, the list keeps saying why and what to do.
        """
        if error is not None:
            # Offline, --offline is no advice: going online (Ctrl+O) is.
            key = "list.no_sections_offline" if self.service.offline else "list.no_sections"
            self.say(self.tr(key, message=safe_line(self.tr.failure(error))))
        elif self.key is None:
            self.say(self.tr("list.empty"))

    def say(self, text: str) -> None:
        """Show ``text`` in place of the rows while the list is empty."""
        self.placeholder = text
        self.refresh()

    def update_title(self) -> None:
        """Title the pane with the list's name, its unread/listed count and the site's total.

        The count is the section tree's (:meth:`ReadingState.count`): every article the section
        is known to list, cached or not; the starred list counts its rows.
        """
        if self.key is None or self.key == STARRED_KEY:
            urls = {row.item.url for row in self.rows}
            unread, listed = len(urls - self.state.library.read_urls(urls)), len(urls)
        else:
            count = self.state.count(self.key)
            unread, listed = count.unread, count.total
        total = self.total
        key = "list.count_total" if total and total > listed else "list.count"
        text = self.tr(key, unread=unread, listed=listed, total=total)
        self.border_title = Content.assemble(
            Content.styled(self.list_title or self.tr("pane.list"), "bold"), "  ", text
        )

    def toggle_star(self, url: str) -> bool:
        """Star or unstar ``url``; return whether it is starred now.

        Raises:
            CacheError: The cache cannot save (read-only, full): the mark stays as it was.
        """
        starred = self.state.toggle_star(url)
        self.set_row_flags(url, starred=starred)
        if self.key == STARRED_KEY:
            self.set_rows(STARRED_KEY, self.state.rows(self.state.starred_items()), None)
        return starred

    def listed_urls(self) -> set[str]:
        """Every article the list on show is known to list: its rows, and its section's other
        pages in the cache (what ``m`` marks read)."""
        urls = {row.item.url for row in self.rows}
        if self.key and self.key != STARRED_KEY:
            urls |= self.state.known(self.key)
        return urls

    def refresh_marks(self) -> None:
        """Recompute every row's read/cached/starred marks from the reading state."""
        read, cached = self.state.marks(row.item.url for row in self.rows)
        self.update_marks(read=read, cached=cached, starred=self.state.starred)
        self.update_title()

    def action_open(self) -> None:
        """Open the article under the cursor."""
        row = self.current
        if row is not None:
            self.post_message(self.Opened(row.item.url, row.item.title))
