"""The title line: the app's icon, title (the site's name) and status (online/offline).

It shows what Textual's ``Header`` shows, laid out the same way, as one widget: ``Header``
composes three child widgets (icon, title, clock space), each styled, laid out and painted on
its own, which is a noticeable share of the app's launch for one line of text.

When the title and the status do not fit on one line (a narrow terminal), the status takes a
second line rather than being cut; each is wrapped by the app's one line-breaking rule when it
alone is too wide.
"""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.content import Content
from textual.geometry import Size
from textual.widget import Widget

from newsreader.tui.render import wrap_line

# Columns of the icon on the left and of the empty space on the right: Header's layout, so that
# the title stays centred where it was.
ICON_WIDTH = 8
RIGHT_WIDTH = 10
# Columns of the icon when the title and status need the margins: `` ≡ ``.
NARROW_ICON_WIDTH = 3


class TitleBar(Widget):
    """The line at the top: icon on the left, ``title — sub_title`` centred (two lines or more
    when they do not fit on one).

    The title and sub-title are the screen's if set, else the app's (as with ``Header``); they
    are plain text (``App.format_title`` builds ``Content`` without markup).

    Args:
        icon: The character shown on the left; a click on it opens the command palette.
        id: The widget's DOM id.
    """

    ALLOW_SELECT = False
    DEFAULT_CSS: ClassVar[str] = """
    TitleBar {
        dock: top;
        width: 100%;
        height: auto;
        background: $panel;
        color: $foreground;
    }
    """

    def __init__(self, icon: str = "≡", *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.icon = icon

    def on_mount(self) -> None:
        """Repaint when the app's or the screen's title or sub-title changes."""
        for node in (self.app, self.screen):
            self.watch(node, "title", self._changed, init=False)
            self.watch(node, "sub_title", self._changed, init=False)

    def _changed(self) -> None:
        # The status may need a line more or a line less.
        self.refresh(layout=True)

    def _layout(self, width: int) -> tuple[int, int, list[Content]]:
        """The icon's columns, the text's columns and the text's lines.

        Header's layout when ``title — status`` fits between its icon and right margin; else
        on one line beside a narrow icon, using the margins; else the status on lines of its
        own under the title, each wrapped by the one line-breaking rule when too wide.
        """
        screen, app = self.screen, self.app
        title = screen.title if screen.title is not None else app.title
        sub_title = screen.sub_title if screen.sub_title is not None else app.sub_title
        whole = app.format_title(title, sub_title)
        middle = width - ICON_WIDTH - RIGHT_WIDTH
        if whole.cell_length <= middle:
            return ICON_WIDTH, middle, [whole]
        room = max(width - NARROW_ICON_WIDTH, 1)
        if whole.cell_length <= room or not sub_title:
            return NARROW_ICON_WIDTH, room, wrap_line(whole, room)
        status = Content(sub_title).stylize("dim")
        return NARROW_ICON_WIDTH, room, [*wrap_line(Content(title), room), *wrap_line(status, room)]

    def get_content_height(self, _container: Size, _viewport: Size, width: int) -> int:
        """One line per line of the title and status."""
        return len(self._layout(width)[2])

    def render(self) -> Content:
        """The icon, then the title centred in the space left to it."""
        icon_width, middle, rows = self._layout(self.size.width)
        icon = Content(f" {self.icon}").pad_right(max(icon_width - 2, 0))
        lines = [
            Content.assemble(icon if index == 0 else " " * icon_width, row.center(middle))
            for index, row in enumerate(rows)
        ]
        return Content("\n").join(lines)

    async def on_click(self, event: events.Click) -> None:
        """A click on the icon opens the command palette (as ``Header``'s icon does)."""
        if event.x < self._layout(self.size.width)[0] and self.app.ENABLE_COMMAND_PALETTE:
            event.stop()
            await self.run_action("app.command_palette")
