"""Searching the cache: an input and the matching articles; Enter opens one in the reader."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from newsreader.core.errors import NewsreaderError
from newsreader.core.results import SearchHit
from newsreader.tui.i18n import Translator
from newsreader.tui.render import safe_line

if TYPE_CHECKING:
    from newsreader.core.service import NewsService


def hit_label(hit: SearchHit) -> Content:
    """Return a two-line option: the title and date, then the snippet (all literal text)."""
    date = f"  {safe_line(hit.date)}" if hit.date else ""
    return Content.assemble(
        Content.styled(safe_line(hit.title), "bold"),
        Content.styled(date, "dim"),
        "\n",
        Content.styled(safe_line(hit.snippet), "dim"),
    )


class SearchScreen(ModalScreen[str | None]):
    """Type to search the cached articles; returns the URL of the chosen one.

    Args:
        service: Searched synchronously: it is a local sqlite query, fast enough per keystroke.
        tr: The UI language.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "key.back"),
        Binding("down", "results", "key.move", show=False),
    ]

    def __init__(self, service: NewsService, tr: Translator, query: str = "") -> None:
        super().__init__()
        self.service = service
        self.tr = tr
        self.query_text = query
        self.hits: list[SearchHit] = []

    def compose(self) -> ComposeResult:
        """The input, a status line and the results."""
        with Vertical(id="search-box"):
            yield Static(Content.styled(self.tr("search.title"), "bold"))
            yield Input(
                self.query_text, placeholder=self.tr("search.placeholder"), id="search-input"
            )
            yield Static("", id="search-status")
            yield OptionList(id="search-results")

    def on_mount(self) -> None:
        """Search for the initial query, if any."""
        if self.query_text:
            self._search(self.query_text)

    def on_input_changed(self, event: Input.Changed) -> None:
        """Search as the user types."""
        self._search(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in the input opens the first (best) result."""
        if self.hits:
            self.dismiss(self.hits[0].url)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Open the chosen result."""
        self.dismiss(self.hits[event.option_index].url)

    def action_results(self) -> None:
        """Move from the input to the results."""
        results = self.query_one(OptionList)
        if results.option_count:
            results.focus()

    def action_close(self) -> None:
        """Go back without opening anything."""
        self.dismiss(None)

    def _search(self, query: str) -> None:
        status = self.query_one("#search-status", Static)
        results = self.query_one(OptionList)
        results.clear_options()
        self.hits = []
        if not query.strip():
            status.update("")
            return
        try:
            self.hits = self.service.search(query)
        except NewsreaderError as err:
            # A malformed query (e.g. FTS syntax) is normal while typing: say so, quietly.
            status.update(Content(safe_line(str(err))))
            return
        results.add_options(Option(hit_label(hit)) for hit in self.hits)
        key = "search.count" if self.hits else "search.none"
        status.update(Content(self.tr(key, count=len(self.hits))))
