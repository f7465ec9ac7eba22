"""A virtual list of article rows under a cursor: only the rows on screen are rendered.

One widget per row would make a 1,000-article section slow to build and to scroll; here a row is
a ``ListItem`` plus a few flags, and ``render_line`` turns the visible ones into strips. Columns
are measured in terminal cells so CJK titles never push the date column out of line. What the
rows are and where they come from is :class:`~newsreader.tui.widgets.article_list.ArticleList`'s.
"""

from __future__ import annotations

from dataclasses import replace
from typing import ClassVar

from rich.segment import Segment
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from newsreader.core.cells import wrap
from newsreader.tui.render import fit, safe_line
from newsreader.tui.state import Row

DATE_WIDTH = 10
MARKS_WIDTH = 4


class RowView(ScrollView, can_focus=True):
    """A cursor over rows; Enter or a click opens the row, the last row asks for more.

    Opening and fetching more are :meth:`action_open` and :meth:`load_more`, which the article
    list provides; here they do nothing.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open", "key.open"),
        Binding("up,k", "cursor_up", "key.move", show=False),
        Binding("down,j", "cursor_down", "key.move", show=False),
        Binding("pageup,b", "page_up_cursor", "key.page_up", show=False),
        Binding("pagedown,space", "page_down_cursor", "key.page_down", show=False),
        Binding("home,g", "first", "key.top", show=False),
        Binding("end,G", "last", "key.bottom", show=False),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "article-list--cursor",
        "article-list--unread",
        "article-list--read",
        "article-list--date",
        "article-list--mark",
        "article-list--empty",
    }

    class CursorMoved(Message):
        """The cursor moved, or the rows under it changed (the status line shows where it is)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows: list[Row] = []
        self.cursor = 0
        self.next_url: str | None = None
        self.key: str | None = None
        self.placeholder = ""
        self._more_requested = False
        self._index: dict[str, int] = {}

    def action_open(self) -> None:
        """Open the row under the cursor."""

    def load_more(self, url: str) -> None:
        """Fetch the next page ``url`` and append it."""

    # --- data ------------------------------------------------------------------------------

    def set_rows(self, key: str | None, rows: list[Row], next_url: str | None) -> None:
        """Replace the rows; when ``key`` is the same list, keep the cursor on the same article.

        Args:
            key: Identifies the list (the section URL); a new key puts the cursor at the top.
            rows: The rows.
            next_url: The URL of the next list page, or ``None`` at the last one.
        """
        same = key == self.key
        current = self.current_url if same else None
        self.key = key
        self.rows = rows
        self.next_url = next_url
        self._more_requested = False
        self._reindex()
        if current is not None and current in self._index:
            self.cursor = self._index[current]
        elif not same:
            self.cursor = 0
        self.cursor = max(0, min(self.cursor, len(rows) - 1))
        self._resize()
        if not same:
            self.scroll_to(y=0, animate=False)
        self._scroll_to_cursor()
        self.refresh()
        self.post_message(self.CursorMoved())

    def append_rows(self, rows: list[Row], next_url: str | None) -> None:
        """Append a next page's rows (the caller left out the articles already listed)."""
        self.rows.extend(rows)
        self.next_url = next_url
        self._more_requested = False
        self._reindex()
        self._resize()
        self.refresh()
        self.post_message(self.CursorMoved())

    def update_marks(self, *, read: set[str], cached: set[str], starred: set[str]) -> None:
        """Recompute every row's marks from the sets of URLs."""
        self.rows = [
            replace(
                r,
                read=r.item.url in read,
                cached=r.item.url in cached,
                starred=r.item.url in starred,
            )
            for r in self.rows
        ]
        self.refresh()

    def set_row_flags(
        self,
        url: str,
        *,
        read: bool | None = None,
        cached: bool | None = None,
        starred: bool | None = None,
    ) -> None:
        """Change the marks of the row of ``url`` (``None`` keeps a mark), if it is listed."""
        index = self._index.get(url)
        if index is None:
            return
        row = self.rows[index]
        self.rows[index] = Row(
            row.item,
            read=row.read if read is None else read,
            cached=row.cached if cached is None else cached,
            starred=row.starred if starred is None else starred,
        )
        self.refresh()

    def more_failed(self) -> None:
        """Forget the pending next-page request, so a later cursor move may retry it."""
        self._more_requested = False

    @property
    def current(self) -> Row | None:
        """The row under the cursor, if any."""
        return self.rows[self.cursor] if 0 <= self.cursor < len(self.rows) else None

    @property
    def current_url(self) -> str | None:
        """The URL of the article under the cursor, if any."""
        row = self.current
        return row.item.url if row else None

    def neighbour(self, url: str | None, delta: int) -> str | None:
        """The URL ``delta`` rows from ``url`` (from the cursor when it is not listed).

        With no ``url`` (nothing opened yet), the article under the cursor.
        """
        index = self.index_of(url) if url else None
        target = (self.cursor if index is None else index) + (delta if url else 0)
        return self.rows[target].item.url if 0 <= target < len(self.rows) else None

    def index_of(self, url: str) -> int | None:
        """Return the row index of ``url``, or ``None`` when it is not listed."""
        return self._index.get(url)

    def move_to(self, index: int) -> None:
        """Put the cursor on row ``index`` (clamped) and scroll it into view."""
        if not self.rows:
            return
        self.cursor = max(0, min(index, len(self.rows) - 1))
        self._scroll_to_cursor()
        self.refresh()
        self.post_message(self.CursorMoved())
        self._maybe_load_more()

    # --- actions -----------------------------------------------------------------------------

    def action_cursor_up(self) -> None:
        """Move the cursor one row up."""
        self.move_to(self.cursor - 1)

    def action_cursor_down(self) -> None:
        """Move the cursor one row down."""
        self.move_to(self.cursor + 1)

    def action_page_up_cursor(self) -> None:
        """Move the cursor one screen up."""
        self.move_to(self.cursor - max(1, self.size.height - 1))

    def action_page_down_cursor(self) -> None:
        """Move the cursor one screen down."""
        self.move_to(self.cursor + max(1, self.size.height - 1))

    def action_first(self) -> None:
        """Move the cursor to the first row."""
        self.move_to(0)

    def action_last(self) -> None:
        """Move the cursor to the last row (which may load the next page)."""
        self.move_to(len(self.rows) - 1)

    def on_click(self, event: events.Click) -> None:
        """Select the clicked row and open it."""
        index = event.y + self.scroll_offset.y
        if 0 <= index < len(self.rows):
            self.move_to(index)
            self.action_open()

    # --- rendering ---------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        """Render screen line ``y``: one row, in fixed cell columns."""
        width = self.scrollable_content_region.width
        index = y + self.scroll_offset.y
        if not self.rows:
            # Wrapped, not cut: a start-up failure says what to do at its end.
            lines = wrap(self.placeholder, width - 2) if self.placeholder else []
            if y < len(lines):
                style = self.get_component_rich_style("article-list--empty")
                return Strip([Segment(fit(f" {lines[y]}", width), style)], width)
            return Strip.blank(width, self.rich_style)
        if index >= len(self.rows):
            return Strip.blank(width, self.rich_style)
        return self._render_row(self.rows[index], index == self.cursor, width)

    def _render_row(self, row: Row, is_cursor: bool, width: int) -> Strip:
        base = self.rich_style + self.get_component_rich_style(
            "article-list--read" if row.read else "article-list--unread"
        )
        mark_style = base + self.get_component_rich_style("article-list--mark")
        date_style = base + self.get_component_rich_style("article-list--date")
        if is_cursor:
            cursor = self.get_component_rich_style("article-list--cursor")
            base, mark_style, date_style = base + cursor, mark_style + cursor, date_style + cursor
        marks = ("  " if row.read else " ●") + ("★" if row.starred else " ")
        marks += "✓" if row.cached else " "
        date = safe_line(row.item.date)[:DATE_WIDTH]
        title_width = max(1, width - MARKS_WIDTH - DATE_WIDTH - 3)
        title = safe_line(row.item.title) + (" ↗" if row.item.external else "")
        segments = [
            Segment(marks, mark_style),
            Segment(" " + fit(title, title_width) + " ", base),
            Segment(date.rjust(DATE_WIDTH), date_style),
            Segment(" ", base),
        ]
        return Strip(segments).adjust_cell_length(width, base)

    # --- helpers -----------------------------------------------------------------------------

    def _reindex(self) -> None:
        self._index = {row.item.url: i for i, row in enumerate(self.rows)}

    def _resize(self) -> None:
        self.virtual_size = Size(self.scrollable_content_region.width, len(self.rows))

    def _scroll_to_cursor(self) -> None:
        top = self.scroll_offset.y
        height = max(1, self.scrollable_content_region.height)
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False)
        elif self.cursor >= top + height:
            self.scroll_to(y=self.cursor - height + 1, animate=False)

    def _maybe_load_more(self) -> None:
        if self.next_url and not self._more_requested and self.cursor >= len(self.rows) - 1:
            self._more_requested = True
            self.load_more(self.next_url)

    def on_resize(self, event: events.Resize) -> None:
        """Keep the virtual width equal to the visible width (rows are cut, never scrolled)."""
        self._resize()
        self._scroll_to_cursor()
