"""Searching the cache: an input and the matching articles; Enter opens one in the reader.

With several sources, the search covers them all; Tab narrows it to one source, then the next,
then all again (the core's source filter, :meth:`Library.search`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from newsreader.core.errors import NewsreaderError
from newsreader.core.library import MAX_QUERY_CHARS
from newsreader.core.results import SearchHit
from newsreader.tui.i18n import Translator
from newsreader.tui.render import safe_line

if TYPE_CHECKING:
    from collections.abc import Sequence

    from textual.timer import Timer

    from newsreader.core.service import NewsService
    from newsreader.core.sources import Source


def hit_label(hit: SearchHit, query: str = "") -> Content:
    """Return a two-line option: the title and date, then the snippet (all literal text).

    The words of ``query`` are highlighted in both, as spans of the literal text: never markup.
    """
    date = f"  {safe_line(hit.date)}" if hit.date else ""
    terms = query.split()
    return Content.assemble(
        highlight(Content.styled(safe_line(hit.title), "bold"), terms),
        Content.styled(date, "dim"),
        "\n",
        highlight(Content.styled(safe_line(hit.snippet), "dim"), terms),
    )


def highlight(text: Content, terms: list[str], style: str = "bold reverse") -> Content:
    """Style every occurrence of ``terms`` in ``text`` (ignoring case)."""
    plain = text.plain.lower()
    if len(plain) != len(text.plain):  # lower() changed the offsets: leave it unmarked
        return text
    for term in dict.fromkeys(t.lower() for t in terms if t):
        start = plain.find(term)
        while start != -1:
            text = text.stylize(style, start, start + len(term))
            start = plain.find(term, start + len(term))
    return text


class SearchDone(Message):
    """A search worker's answer (posted from its thread)."""

    def __init__(
        self, query: str, hits: list[SearchHit], error: NewsreaderError | None = None
    ) -> None:
        super().__init__()
        self.query = query
        self.hits = hits
        self.error = error


class SearchScreen(ModalScreen[str | None]):
    """Type to search the cached articles; returns the URL of the chosen one.

    Typing never waits for a search: each search starts :attr:`DEBOUNCE` seconds after the last
    keystroke, in a thread, and a new keystroke cancels it (a pasted text or a big cache can
    make one take a while, and Esc must still answer at once).

    Args:
        service: Searched in a worker thread.
        tr: The UI language.
        query: The text to start with.
        scopes: The sources to pick from with Tab, each ``(name, source)``; none: no filter.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "key.back"),
        Binding("down", "results", "key.move", show=False),
        Binding("tab", "next_scope", "key.next_pane", show=False),
    ]
    # Seconds of quiet typing before searching: one search per burst of keys, not per key.
    DEBOUNCE: ClassVar[float] = 0.15

    def __init__(
        self,
        service: NewsService,
        tr: Translator,
        query: str = "",
        *,
        scopes: Sequence[tuple[str, Source]] = (),
    ) -> None:
        super().__init__()
        self.service = service
        self.tr = tr
        self.query_text = query
        self.scopes = list(scopes)
        self.scope = -1  # an index of scopes; -1: every source
        self.hits: list[SearchHit] = []
        self._timer: Timer | None = None
        # Enter came before the answer for the current text: open its best hit when it comes.
        self._open_best = False

    def compose(self) -> ComposeResult:
        """The input, a status line and the results."""
        with Vertical(id="search-box"):
            yield Static(Content.styled(self.tr("search.title"), "bold"))
            yield Input(
                self.query_text, placeholder=self.tr("search.placeholder"), id="search-input"
            )
            if self.scopes:
                yield Static(Content(self._scope_line()), id="search-scope")
            yield Static("", id="search-status")
            yield OptionList(id="search-results")

    def on_mount(self) -> None:
        """Search for the initial query, if any."""
        if self.query_text.strip():
            self._search(self.query_text)

    def on_input_changed(self, event: Input.Changed) -> None:
        """Search once the user pauses typing; drop the search under way."""
        self._stop_pending()
        self._open_best = False
        query = event.value
        if not query.strip():
            self._show(SearchDone(query, []))
            return
        self._timer = self.set_timer(self.DEBOUNCE, lambda: self._search(query))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in the input opens the first (best) result, once there is an answer."""
        if not event.value.strip():
            return
        if self._timer is None and not self._searching():
            if self.hits:
                self.dismiss(self.hits[0].url)
            return
        self._open_best = True
        if self._timer is not None:
            self._timer.stop()
            self._search(event.value)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Open the chosen result."""
        self.dismiss(self.hits[event.option_index].url)

    def action_results(self) -> None:
        """Move from the input to the results, the first one highlighted (Enter opens it)."""
        results = self.query_one(OptionList)
        if results.option_count:
            if results.highlighted is None:
                results.highlighted = 0
            results.focus()

    def action_next_scope(self) -> None:
        """Tab: search the next source only (after the last, every source again)."""
        if not self.scopes:
            self.focus_next()
            return
        self.scope = self.scope + 1 if self.scope + 1 < len(self.scopes) else -1
        self.query_one("#search-scope", Static).update(Content(self._scope_line()))
        query = self.query_one(Input).value
        self._stop_pending()
        if query.strip():
            self._search(query)

    def _scope_line(self) -> str:
        name = self.scopes[self.scope][0] if self.scope >= 0 else self.tr("search.all")
        return self.tr("search.scope", scope=safe_line(name))

    def action_close(self) -> None:
        """Go back without opening anything (a search under way is dropped)."""
        self._stop_pending()
        self.dismiss(None)

    def _stop_pending(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        # A thread cannot be stopped: a cancelled worker's answer is dropped when it comes.
        self.workers.cancel_group(self, "search")

    def _searching(self) -> bool:
        return any(
            w.node is self and w.group == "search" and not w.is_finished for w in self.workers
        )

    def _search(self, query: str) -> None:
        self._timer = None
        self._run(query)

    @work(thread=True, exclusive=True, group="search")
    def _run(self, query: str) -> None:
        worker = get_current_worker()
        library = self.service.library
        try:
            if self.scope >= 0:
                hits = library.search(query, source=self.scopes[self.scope][1])
            else:
                hits = library.search(query)
            answer = SearchDone(query, hits)
        except NewsreaderError as err:
            # A malformed query is normal while typing: shown quietly in the status line.
            answer = SearchDone(query, [], err)
        if not worker.is_cancelled:
            self.post_message(answer)

    def on_search_done(self, message: SearchDone) -> None:
        """Show a search's answer, unless the text changed since it started."""
        if message.query == self.query_one(Input).value:
            self._show(message)

    def _show(self, answer: SearchDone) -> None:
        status = self.query_one("#search-status", Static)
        results = self.query_one(OptionList)
        results.clear_options()
        self.hits = answer.hits
        if answer.error is not None:
            status.update(Content(safe_line(self.tr.error(answer.error))))
            return
        if not answer.query.strip():
            status.update("")
            return
        results.add_options(Option(hit_label(hit, answer.query)) for hit in self.hits)
        key = "search.count" if self.hits else "search.none"
        line = self.tr(key, count=len(self.hits))
        if len(answer.query) > MAX_QUERY_CHARS:
            line = f"{self.tr('search.cut', max=MAX_QUERY_CHARS)} · {line}"
        status.update(Content(line))
        if self._open_best:
            self._open_best = False
            if self.hits:
                self.dismiss(self.hits[0].url)
