"""A modal that shows a URL (or a saved file's path) and asks before handing it to the system."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from newsreader.tui.i18n import Translator
from newsreader.tui.render import safe_line


class ConfirmOpen(ModalScreen[bool]):
    """Shows the full URL (so the user sees where it goes) and returns True to open it.

    Args:
        url: The URL (or path); shown literally, never as markup.
        tr: The UI language.
        title: The question; default "Open in the browser?".
        yes: The label of the button that says yes; default "Open (y)".
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y,enter", "answer(True)", "key.open"),
        Binding("n,escape,q", "answer(False)", "key.back"),
    ]

    def __init__(
        self, url: str, tr: Translator, *, title: str | None = None, yes: str | None = None
    ) -> None:
        super().__init__()
        self.url = url
        self.tr = tr
        self.question = title if title is not None else tr("confirm.title")
        self.yes = yes if yes is not None else tr("confirm.open")

    def compose(self) -> ComposeResult:
        """A title, the URL and two buttons."""
        with Vertical(id="confirm-box"):
            yield Static(Content.styled(self.question, "bold"), id="confirm-title")
            yield Static(Content(safe_line(self.url)), id="confirm-url")
            with Horizontal(id="confirm-buttons"):
                yield Button(Content(self.yes), variant="primary", id="yes")
                yield Button(Content(self.tr("confirm.cancel")), id="no")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Answer with the button pressed."""
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        """Answer from a key."""
        self.dismiss(answer)
