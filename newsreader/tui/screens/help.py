"""The help screen: every key, what it does, and what the list marks mean."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from newsreader.tui.i18n import KEY_HELP, Translator
from newsreader.tui.render import fit


def help_content(tr: Translator) -> Content:
    """Return the key table as content (also used by tests to check every key is listed)."""
    lines = [Content.styled(tr("help.title"), "bold"), Content("")]
    for keys, description, _action in KEY_HELP:
        lines.append(Content.assemble(Content.styled(fit(keys, 20), "bold"), tr(description)))
    lines += [
        Content(""),
        Content(tr("help.marks")),
        Content(tr("help.counts")),
        Content(""),
        Content.styled(tr("help.close"), "dim"),
    ]
    return Content("\n").join(lines)


class HelpScreen(ModalScreen[None]):
    """Lists all keys. Esc, ? or q closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark,q", "close", "key.back"),
    ]

    def __init__(self, tr: Translator) -> None:
        super().__init__()
        self.tr = tr

    def compose(self) -> ComposeResult:
        """The key table in a scrollable box."""
        with VerticalScroll(id="help-box"):
            yield Static(help_content(self.tr), id="help-text")

    def action_close(self) -> None:
        """Close the help."""
        self.dismiss(None)
