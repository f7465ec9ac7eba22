"""A modal list of the article's links, attachments, images and neighbours: one entry per URL,
numbered as the body's footnotes; a number key picks its entry (newsboat's URL view)."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from newsreader.tui.i18n import Translator
from newsreader.tui.render import LinkTarget, link_label


class LinksScreen(ModalScreen[LinkTarget | None]):
    """Pick one target with 1-9, or ↑↓/j k and Enter; Esc closes without choosing."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,l", "close", "key.back"),
        Binding("j", "down", "key.move", show=False),
        Binding("k", "up", "key.move", show=False),
        *(Binding(str(n), f"choose({n})", "key.links", show=False) for n in range(1, 10)),
    ]

    def __init__(self, targets: tuple[LinkTarget, ...], tr: Translator) -> None:
        super().__init__()
        self.targets = targets
        self.tr = tr

    def compose(self) -> ComposeResult:
        """A title, how to choose and the option list."""
        with Vertical(id="links-box"):
            yield Static(Content.styled(self.tr("links.title"), "bold"))
            yield Static(Content.styled(self.tr("links.hint"), "dim"), id="links-hint")
            yield OptionList(
                *(Option(link_label(t, self.tr), id=str(i)) for i, t in enumerate(self.targets)),
                id="links-list",
            )

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Return the chosen target."""
        self.dismiss(self.targets[event.option_index])

    def action_choose(self, number: int) -> None:
        """Return the entry numbered ``number`` (from 1); a number past the list does nothing."""
        if 0 < number <= len(self.targets):
            self.dismiss(self.targets[number - 1])

    def action_down(self) -> None:
        """Move the highlight down."""
        self.query_one(OptionList).action_cursor_down()

    def action_up(self) -> None:
        """Move the highlight up."""
        self.query_one(OptionList).action_cursor_up()

    def action_close(self) -> None:
        """Close without choosing."""
        self.dismiss(None)
