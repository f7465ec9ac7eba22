"""The keys over the list of sources: ``a`` adds one, ``d`` removes one (the sidebar's keys: it
shows the sources), ``/`` searches them all (the screen's).

Adding asks for a URL and an optional name, detected as ``newsreader add`` does.

The detection runs in the dialog's own worker; what goes wrong (a bad URL, a taken name, nothing
readable at the URL, the network) is said in the dialog in the UI's language and the dialog
stays open for another try. Success saves the list and returns what was added.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, cast

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Static
from textual.worker import Worker, WorkerState

from newsreader.core.errors import NewsreaderError
from newsreader.core.sources import adding
from newsreader.core.sources.adding import Added
from newsreader.tui.i18n import Translator
from newsreader.tui.render import safe_line

if TYPE_CHECKING:
    from newsreader.core.config import FetchSettings
    from newsreader.core.sources.registry import Registry
    from newsreader.tui.app import NewsreaderApp
    from newsreader.tui.screens.main import MainScreen
    from newsreader.tui.sources import SourceSet
    from newsreader.tui.widgets.section_tree import SectionTree


class AddSource(ModalScreen[Added | None]):
    """Asks for a URL (and a name); returns what was added (saved), or ``None``.

    Args:
        registry: The list to add to.
        fetch: The fetch settings of the detection.
        offline: The app is offline (a URL not listed yet cannot be looked at).
        tr: The UI language.
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "close", "key.back")]

    def __init__(
        self, registry: Registry, fetch: FetchSettings, offline: bool, tr: Translator
    ) -> None:
        super().__init__()
        self.registry = registry
        self.fetch = fetch
        self.offline = offline
        self.tr = tr

    def compose(self) -> ComposeResult:
        """A title, the URL and name inputs, a status line."""
        with Vertical(id="add-box"):
            yield Static(Content.styled(self.tr("sources.add_title"), "bold"))
            yield Input(placeholder=self.tr("sources.add_url"), id="add-url")
            yield Input(placeholder=self.tr("sources.add_name"), id="add-name")
            yield Static(Content(self.tr("sources.add_hint")), id="add-status")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in either input: detect the URL (a detection under way is replaced)."""
        url = self.query_one("#add-url", Input).value
        if not url.strip():
            self.query_one("#add-url", Input).focus()
            return
        name = self.query_one("#add-name", Input).value.strip() or None
        self._say(self.tr("sources.adding", url=safe_line(url.strip())[:200]))
        self.run_worker(self._add(url, name), group="add", exclusive=True, exit_on_error=False)

    async def _add(self, url: str, name: str | None) -> None:
        added = await adding.add_source(self.registry, url, name, self.fetch, offline=self.offline)
        if not added.already:
            added = Added(added.entry, added.registry.save(), already=False)
        self.dismiss(added)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """Say in the dialog why the source could not be added."""
        error = event.worker.error
        if event.worker.group != "add" or event.state is not WorkerState.ERROR or error is None:
            return
        if isinstance(error, NewsreaderError):
            self.log.error(error.one_line())
            self._say(self.tr.error(error))
        else:
            self.log.error(repr(error))
            self._say(f"{self.tr('notify.unexpected')}: {type(error).__name__}")

    def _say(self, text: str) -> None:
        self.query_one("#add-status", Static).update(Content(safe_line(text)))

    def action_close(self) -> None:
        """Go back without adding (a detection under way is dropped)."""
        self.workers.cancel_group(self, "add")
        self.dismiss(None)


def add_source(tree: SectionTree) -> None:
    """``a``: ask for a URL, then show the source added last in the sidebar ``tree``."""
    app, sources = cast("NewsreaderApp", tree.app), tree.sources
    refusal = _refusal(sources)
    if refusal is not None or sources.registry is None:
        app.notify_text(app.tr(refusal or "sources.one_site"), severity="warning")
        return

    def added(result: Added | None) -> None:
        if result is None:
            return
        if result.already:
            app.notify_text(app.tr("sources.already", name=result.entry.name))
            return
        shown = sources.add(result.registry, result.entry)
        if sources.several:
            tree.add_source(shown)
        else:
            tree.load()
        app.notify_text(app.tr("sources.added", name=result.entry.name))

    service = sources.home
    app.push_screen(
        AddSource(sources.registry, service.config.fetch, service.offline, app.tr), added
    )


def remove_source(tree: SectionTree) -> None:
    """``d``: ask, then take the source under the cursor of the sidebar ``tree`` off the list
    and the sidebar; :class:`SectionTree.SourceRemoved` tells the screen.

    Its cached articles stay (a source added again finds them).
    """
    from newsreader.tui.screens.confirm import ConfirmOpen

    app, sources = cast("NewsreaderApp", tree.app), tree.sources
    refusal = _refusal(sources)
    if refusal is not None:
        app.notify_text(app.tr(refusal), severity="warning")
        return
    shown = tree.cursor_source
    if shown is None or shown.entry is None or sources.registry is None:
        app.notify_text(app.tr("sources.pick"), severity="warning")
        return
    entry, registry = shown.entry, sources.registry

    async def remove() -> None:
        saved = registry.removed(entry.name).save()
        await sources.remove(saved, entry.name)
        tree.remove_source(entry.name)
        tree.post_message(tree.SourceRemoved(shown.service))
        app.notify_text(app.tr("sources.removed", name=entry.name))

    def answered(yes: bool | None) -> None:
        if yes:
            tree.run_worker(remove(), group="sources", exclusive=True, exit_on_error=False)

    title = app.tr("sources.remove_title", name=safe_line(entry.name))
    yes = app.tr("sources.remove_yes")
    app.push_screen(ConfirmOpen(entry.url, app.tr, title=title, yes=yes), answered)


def _refusal(sources: SourceSet) -> str | None:
    """Why the list cannot change here (a key of the UI's table), or ``None``."""
    if sources.fixed:
        return "sources.demo_fixed"
    return None


def search_sources(screen: MainScreen) -> None:
    """``/``: search every source's cached articles (Tab picks one); open the chosen one with its
    source's service."""
    from newsreader.tui.screens.search import SearchScreen

    app, sources = screen.news_app, screen.sources
    scopes = [(s.name, s.service.source) for s in sources.shown] if sources.several else []

    def chosen(url: str | None) -> None:
        owner = sources.owner(url, screen.state.reads) if url else None
        if owner is not None:
            screen.route(owner)
        screen.open_article(url)

    app.push_screen(SearchScreen(sources.home, app.tr, scopes=scopes), chosen)
