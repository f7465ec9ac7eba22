"""The reader's text wrapped to a width, and the screen lines drawn from it.

A ``Static`` holding a 100,000-character article re-wraps the whole text on every layout and
takes about a second per page-down; the reader keeps its text here instead, wrapped once per
width (possibly in a thread worker), and only the lines on screen are turned into strips, each
kept until the text or the width changes.
"""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style as RichStyle
from textual.cache import LRUCache
from textual.content import Content
from textual.strip import Strip
from textual.style import Style

# Strips kept: a few screens' worth of a long article.
KEPT_STRIPS = 1024


class WrappedText:
    """Lines wrapped to :attr:`width` cells, drawn into strips on demand.

    Attributes:
        lines: One ``Content`` per screen line.
        width: The width, in cells, the lines were wrapped to (-1 before any).
    """

    def __init__(self) -> None:
        self.lines: list[Content] = []
        self.width = -1
        self._strips: LRUCache[int, Strip] = LRUCache(KEPT_STRIPS)

    def __len__(self) -> int:
        return len(self.lines)

    def set(self, lines: list[Content], width: int) -> None:
        """Take ``lines`` already wrapped to ``width`` cells (by a thread worker)."""
        self.lines = lines
        self.width = width
        self._strips.clear()

    def progress(self, top: int, height: int) -> int:
        """How far the text is read, in percent, with lines ``top`` to ``top + height`` on
        show: the share of its lines above the window's end."""
        lines = len(self.lines)
        return round(100 * min(lines, top + height) / lines) if lines else 100

    def margin(self, pane: int) -> int:
        """The blank cells that centre the text in a pane ``pane`` cells wide."""
        return max(0, (pane - self.width) // 2)

    def forget_strips(self) -> None:
        """Draw every line again (the margin or the style changed)."""
        self._strips.clear()

    def strip(self, index: int, width: int, margin: int, style: RichStyle) -> Strip:
        """Screen line ``index``: ``margin`` blank cells, the text, blanks to ``width`` cells."""
        if index >= len(self.lines):
            return Strip.blank(width, style)
        strip = self._strips.get(index)
        if strip is None:
            segments = self.lines[index].render_segments(Style.from_rich_style(style))
            if margin:
                segments = [Segment(" " * margin, style), *segments]
            strip = Strip(segments).extend_cell_length(width, style)
            self._strips[index] = strip
        return strip
