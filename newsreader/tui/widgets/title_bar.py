"""The title line: the app's icon, title (the site's name) and status (online/offline).

It shows what Textual's ``Header`` shows, laid out the same way, as one widget: ``Header``
composes three child widgets (icon, title, clock space), each styled, laid out and painted on
its own, which is a noticeable share of the app's launch for one line of text.
"""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.content import Content
from textual.widget import Widget

# Columns of the icon on the left and of the empty space on the right: Header's layout, so that
# the title stays centred where it was.
ICON_WIDTH = 8
RIGHT_WIDTH = 10


class TitleBar(Widget):
    """One line at the top: icon on the left, ``title — sub_title`` centred.

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
        height: 1;
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
        self.refresh()

    def render(self) -> Content:
        """The icon, then the title centred in the space Header gives it."""
        screen, app = self.screen, self.app
        title = screen.title if screen.title is not None else app.title
        sub_title = screen.sub_title if screen.sub_title is not None else app.sub_title
        width = self.size.width
        middle = max(width - ICON_WIDTH - RIGHT_WIDTH, 0)
        icon = Content(f" {self.icon}")
        icon = icon.pad_right(max(ICON_WIDTH - icon.cell_length, 0))
        text = app.format_title(title, sub_title).center(middle, ellipsis=True)
        return Content.assemble(icon, text, " " * RIGHT_WIDTH)

    async def on_click(self, event: events.Click) -> None:
        """A click on the icon opens the command palette (as ``Header``'s icon does)."""
        if event.x < ICON_WIDTH and self.app.ENABLE_COMMAND_PALETTE:
            event.stop()
            await self.run_action("app.command_palette")
