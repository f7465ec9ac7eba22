"""The reader pane: a virtual view of pre-wrapped lines, so long articles scroll cheaply.

A ``Static`` holding a 100,000-character article re-wraps the whole text on every layout and
takes about a second per page-down; here the text is wrapped once per width (possibly in a thread
worker) and only the visible lines are turned into strips.
"""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.content import Content
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.style import Style

from newsreader.tui.messages import ShowLinks
from newsreader.tui.render import LinkTarget, RenderedArticle, wrap_blocks


class Reader(ScrollView, can_focus=True):
    """Shows one article (or a message such as "not cached") and scrolls it.

    Attributes:
        rendered: What is on show.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space,pagedown", "page_down", "key.page_down"),
        Binding("b,pageup", "page_up", "key.page_up"),
        Binding("l,enter", "links", "key.links"),
        Binding("j,down", "scroll_down", "key.move", show=False),
        Binding("k,up", "scroll_up", "key.move", show=False),
        Binding("g,home", "scroll_home", "key.top", show=False),
        Binding("G,end", "scroll_end", "key.bottom", show=False),
    ]

    def __init__(self, placeholder: RenderedArticle, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rendered = placeholder
        self.is_article = False
        self._lines: list[Content] = []
        self._wrap_width = -1
        self._strips: LRUCache[int, Strip] = LRUCache(1024)

    @property
    def url(self) -> str | None:
        """The URL of what is on show (the article, or the one that failed), if any."""
        return self.rendered.url or None

    @property
    def targets(self) -> tuple[LinkTarget, ...]:
        """The link targets of the article on show."""
        return self.rendered.links

    @property
    def body_text(self) -> str:
        """The text on show, as plain text (for tests)."""
        return self.rendered.plain

    @property
    def wrap_width(self) -> int:
        """The width, in cells, lines are wrapped to."""
        return max(10, self.scrollable_content_region.width or self.size.width)

    def show(
        self,
        rendered: RenderedArticle,
        *,
        article: bool = True,
        lines: list[Content] | None = None,
        width: int | None = None,
        keep_scroll: bool = False,
    ) -> None:
        """Show an article or a message.

        Args:
            rendered: What to show.
            article: True for an article, False for a message (loading, not cached...).
            lines: ``rendered`` already wrapped (by a thread worker) to ``width`` cells.
            width: The width ``lines`` were wrapped to.
            keep_scroll: Keep the scroll position when it is the same URL (a refreshed copy).
        """
        if rendered == self.rendered and article == self.is_article:
            return
        same = rendered.url == self.rendered.url
        self.rendered = rendered
        self.is_article = article
        if lines is not None and width == self.wrap_width:
            self._set_lines(lines, width)
        else:
            self._rewrap()
        if not (keep_scroll and same):
            self.scroll_to(y=0, animate=False)

    def action_links(self) -> None:
        """Ask the screen to show the link list of the article."""
        if self.targets:
            self.post_message(ShowLinks())

    def render_line(self, y: int) -> Strip:
        """Render screen line ``y`` from the pre-wrapped lines."""
        index = y + self.scroll_offset.y
        width = self.scrollable_content_region.width
        if index >= len(self._lines):
            return Strip.blank(width, self.rich_style)
        strip = self._strips.get(index)
        if strip is None:
            base = Style.from_rich_style(self.rich_style)
            segments = self._lines[index].render_segments(base)
            strip = Strip(segments).extend_cell_length(width, self.rich_style)
            self._strips[index] = strip
        return strip

    def on_resize(self, event: events.Resize) -> None:
        """Re-wrap when the width changed."""
        if self.wrap_width != self._wrap_width:
            self._rewrap()

    def _rewrap(self) -> None:
        width = self.wrap_width
        self._set_lines(wrap_blocks(self.rendered.blocks, width), width)

    def _set_lines(self, lines: list[Content], width: int) -> None:
        self._lines = lines
        self._wrap_width = width
        self._strips.clear()
        self.virtual_size = Size(width, len(lines))
        self.refresh()
