"""The command palette, saying its fixed lines in the UI's language (Textual's are English)."""

from __future__ import annotations

from rich.align import Align
from rich.text import Text
from textual.command import CommandList, CommandPalette
from textual.widgets.option_list import Option


class NewsreaderPalette(CommandPalette):
    """Textual's command palette, saying its fixed lines in the UI's language.

    Textual writes "No matches found" inside its countdown with no way to change the words;
    this palette runs the same countdown with the line it is given.

    Args:
        placeholder: The input's prompt (``Search for commands…`` in Textual).
        no_matches: The line shown when nothing matches what was typed.
    """

    def __init__(self, *, placeholder: str, no_matches: str) -> None:
        super().__init__(id="--command-palette", placeholder=placeholder)
        self._no_matches_line = no_matches

    def _start_no_matches_countdown(self, search_value: str) -> None:
        """Show the no-matches line once the search has found nothing for a moment.

        Textual's own countdown, with the given line: nothing is shown for an empty input
        (the palette is listing what it can do, not searching).
        """
        self._stop_no_matches_countdown()

        def show_no_matches() -> None:
            if not search_value:
                self._list_visible = False
                return
            self.query_one(CommandList).add_option(
                Option(
                    Align.center(Text(self._no_matches_line, style="not bold")),
                    disabled=True,
                    id=self._NO_MATCHES,
                )
            )
            self._list_visible = True

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_matches)
