"""The main screen: sections | article list over the reader. It composes the panes (each loads
itself and says what happened in messages nested on its class), routes the keys, passes things
between the panes and reports their failures (``LoadFailed``) through the status line."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.worker import Worker, WorkerState

from newsreader.tui import actions
from newsreader.tui.i18n import Translator, localize_bindings
from newsreader.tui.layout import Layout
from newsreader.tui.library import OfflineLibrary
from newsreader.tui.messages import LoadFailed
from newsreader.tui.navigation import Navigator
from newsreader.tui.sources import SourceSet
from newsreader.tui.state import ReadingState
from newsreader.tui.status import StatusLine
from newsreader.tui.widgets.article_list import ArticleList
from newsreader.tui.widgets.footer import NewsFooter
from newsreader.tui.widgets.reader import Reader
from newsreader.tui.widgets.section_tree import SectionTree
from newsreader.tui.widgets.sync_panel import SyncPanel
from newsreader.tui.widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from newsreader.core.service import NewsService
    from newsreader.tui.app import NewsreaderApp


class MainScreen(Screen[None]):
    """Sections, article list and reader.

    Args:
        service: The news service (of the configured site; it owns the cache).
        tr: The UI language.
        sources: The sources on show (by default the service's one site); the list and the
            reader follow the source of the section opened.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "next_unread", "key.next_unread"),
        Binding("p", "prev_unread", "key.prev_unread"),
        Binding("right_square_bracket", "next_article", "key.next", show=False),
        Binding("left_square_bracket", "prev_article", "key.prev", show=False),
        Binding("r", "refresh", "key.refresh"),
        Binding("o", "open_browser", "key.browser"),
        Binding("y", "copy_url", "key.copy", show=False),
        Binding("s", "star", "key.star", show=False),
        Binding("S,shift+s", "sync_section", "key.sync", show=False),
        Binding("m", "mark_section_read", "key.mark_read", show=False),
        Binding("M,shift+m", "mark_all_read", "key.mark_all_read", show=False),
        Binding("slash", "search", "key.search"),
        Binding("backslash,ctrl+b", "toggle_sidebar", "key.sidebar", show=False),
        Binding("z,f", "maximize_reader", "key.maximize", show=False),
        Binding("ctrl+o", "toggle_offline", "key.offline", show=False),
        Binding("question_mark", "help", "key.help"),
        Binding("escape", "back", "key.back", show=False),
        Binding("q", "quit", "key.quit"),
    ]

    def __init__(
        self, service: NewsService, tr: Translator, sources: SourceSet | None = None
    ) -> None:
        super().__init__()
        self.service = service
        self.tr = tr
        self.sources = sources if sources is not None else SourceSet(service, None)
        self.state = ReadingState(service)
        self.status = StatusLine(self, service)
        self.sidebar = SectionTree(service, self.state, tr, id="sidebar", sources=self.sources)
        self.state.owner = self.sidebar.service_of
        self.articles = ArticleList(service, self.state, tr, id="list")
        self.reader = Reader(service, self.state, tr, id="reader")
        self.sync_panel = SyncPanel(service, tr, id="sync-panel")
        self.panes = Layout(self, self.sidebar, self.articles, self.reader)
        self.library = OfflineLibrary(self.state, self.sidebar, self.articles, self.sync_panel)
        self.navigator = Navigator(
            self.state,
            self.sidebar,
            self.articles,
            self.reader,
            route=self.route,
            open_article=lambda url: self.open_article(url, focus=False),
            # Looked up when said: the screen has no app yet while it is built.
            say=lambda text: self.news_app.notify_text(text),  # noqa: PLW0108
            tr=tr,
        )

    def compose(self) -> ComposeResult:
        """Title line, sidebar | (list over reader), sync panel, key bar."""
        # The status sets the screen's -offline class: now, before there are children to restyle.
        self.status.update()
        yield TitleBar(icon="≡")
        with Horizontal(id="body"):
            yield self.sidebar
            with Vertical(id="main"):
                yield self.articles
                yield self.reader
        yield self.sync_panel
        yield NewsFooter()

    def on_mount(self) -> None:
        """Localize the keys, show the cache at once, then refresh from the network."""
        for node in (self, *self.query("*")):
            localize_bindings(node, self.tr)
        self.refresh_bindings()
        self.status.follow(self.articles, self.reader)
        self.sidebar.load()
        self.sidebar.focus()

    @property
    def news_app(self) -> NewsreaderApp:
        """The app, typed (for ``report_error`` and ``notify_text``)."""
        return self.app  # type: ignore[return-value]

    def on_section_tree_loaded(self, message: SectionTree.Loaded) -> None:
        """A fresh tree is on show: note where it came from and show the site's name."""
        self.status.note(message.result)
        self.articles.say_tree(None)
        if message.site_name and not self.sources.several:
            self.app.title = message.site_name

    def on_section_tree_selected(self, message: SectionTree.Selected) -> None:
        """List the section; one that leads off the site is shown in the confirmation instead."""
        section = message.section
        if message.service is not None:
            self.route(message.service)
        if self.articles.show(section):
            self.panes.section_opened(leaf=not section.children)
        elif section.url:
            actions.confirm_browser(self, self.news_app, section.url)

    def on_section_tree_starred_selected(self, message: SectionTree.StarredSelected) -> None:
        """List the starred articles."""
        self.articles.show_starred()
        self.articles.focus()

    def on_section_tree_source_removed(self, message: SectionTree.SourceRemoved) -> None:
        """A source was taken off the list: what showed its articles goes back to the first."""
        if self.articles.service is message.service:
            self.route(self.sources.home)

    def on_article_list_loaded(self, message: ArticleList.Loaded) -> None:
        """A list page is on show: note where it came from and recount."""
        self.status.note(message.result)
        self.sidebar.update_counts()
        self.news_app.first_list_shown()

    def on_row_view_cursor_moved(self, message: ArticleList.CursorMoved) -> None:
        """Show the list's new position in the status line."""
        self.status.update()

    def on_article_list_opened(self, message: ArticleList.Opened) -> None:
        """Open the article in the reader and move the focus there."""
        self.open_article(message.url, focus=True)

    def on_reader_fetched(self, message: Reader.Fetched) -> None:
        """Note where the article came from."""
        self.status.note(message.result)

    def on_reader_shown(self, message: Reader.Shown) -> None:
        """The article is marked read: show the marks in the list, recount the sections with it."""
        self.articles.show_marks(message.marks)
        self.sidebar.update_counts(self.state.sections_listing(message.marks))

    def on_reader_link_chosen(self, message: Reader.LinkChosen) -> None:
        """Download an attachment; open an article of this site; anything else via the browser."""
        actions.follow_link(self, message.target)

    def on_sync_panel_finished(self, message: SyncPanel.Finished) -> None:
        """Recount what the sync kept and say what it did."""
        self.library.finished(message)

    def on_load_failed(self, message: LoadFailed) -> None:
        """A pane's load failed: track the network, keep saying why when there is no tree
        (there, once: no notification on top)."""
        quiet = message.quiet
        if message.what == "sections" and not self.sidebar.sections and not self.sources.several:
            self.articles.say_tree(message.error)
            quiet = True
        self.status.failed(message.error, quiet=quiet, what=message.what)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """Report a failure of the screen's own workers (browser, download, viewer)."""
        if event.state is WorkerState.ERROR and event.worker.error is not None:
            self.status.failed(event.worker.error)

    def on_resize(self, event: events.Resize) -> None:
        """Switch between the wide and the narrow layout."""
        self.panes.resized(event.size.width)

    def on_key(self, event: events.Key) -> None:
        """Any key: the user is busy, so the reader's background refresh waits (see Reader)."""
        self.reader.postpone_refresh()

    def route(self, service: NewsService) -> None:
        """Let the list, the reader, the sync and the marks work on ``service``'s source."""
        self.articles.service = self.reader.service = self.sync_panel.service = service
        self.state.use(service)

    def open_article(self, url: str | None, *, focus: bool = True, refresh: bool = False) -> None:
        """Open ``url`` in the reader (a list row, n/p, a link, a search hit all come here); one
        it may not open (:meth:`Reader.can_open`) goes to the source that reads it (a starred
        one), else to the confirmation, for the browser."""
        if url and not self.reader.can_open(url):
            owner = self.sources.owner(url, self.state.reads)
            if owner is not None:
                self.route(owner)
        if url and not self.reader.can_open(url):
            actions.confirm_browser(self, self.news_app, url)
        elif url:
            if focus:
                self.reader.focus()
            self.reader.open(url, title=self.articles.follow(url), refresh=refresh)

    def action_next_unread(self) -> None:
        """Open the next unread article: further down the list, else in the next section."""
        self.navigator.unread(+1)

    def action_prev_unread(self) -> None:
        """Open the previous unread article: up the list, else in the previous section."""
        self.navigator.unread(-1)

    def action_next_article(self) -> None:
        """Open 下一条, or else the next article of the list."""
        self.navigator.step(+1)

    def action_prev_article(self) -> None:
        """Open 上一条, or else the previous article of the list."""
        self.navigator.step(-1)

    def action_refresh(self) -> None:
        """Refresh the focused thing from the network (in the sidebar, the node under the
        cursor, through its source's service); the answer says when it was fetched."""
        self.status.refresh_asked()
        pane = self.panes.focused_pane()
        # A node of a list of sources: its section (or tree) through its own source's service,
        # whichever source the list on show is of.
        shown = self.sidebar.cursor_source if pane is self.sidebar else None
        if shown is not None:
            section = self.sidebar.cursor_section
            self.sidebar.reload_source(shown, section.url if section else None)
        else:
            pane.reload()

    def action_links(self) -> None:
        """Show the links and attachments of the article on show."""
        self.reader.action_links()

    def action_open_browser(self) -> None:
        """Show the URL in a confirmation modal, then open it in the system browser."""
        actions.open_in_browser(self, self.news_app, self.panes.focused_url())

    def action_copy_url(self) -> None:
        """Copy the URL of the focused thing to the clipboard (OSC 52)."""
        actions.copy_url(self.news_app, self.panes.focused_url())

    def action_search(self) -> None:
        """Open the search screen; the chosen article opens in the reader."""
        from newsreader.tui.screens.sources import search_sources

        search_sources(self)

    def action_star(self) -> None:
        """Star or unstar the article under the cursor (or in the reader)."""
        self.library.star(self.panes.focused_url() if self.focused is not self.sidebar else None)

    def action_sync_section(self) -> None:
        """Save the current section (its list pages and every article on them) for offline."""
        self.library.sync(self.panes.focused_section())

    def action_mark_section_read(self) -> None:
        """Mark every article of the section read (the tree's cursor's, else the list's)."""
        section = self.sidebar.cursor_section if self.focused is self.sidebar else None
        self.library.mark_read(section.url if section else None)

    def action_mark_all_read(self) -> None:
        """Ask, then mark every article of every section read."""
        self.library.mark_all_read(self.sidebar.section_urls())

    def action_toggle_sidebar(self) -> None:
        """Show or hide the sidebar."""
        self.panes.toggle_sidebar()

    def action_maximize_reader(self) -> None:
        """Give the reader the whole screen (Esc or z returns)."""
        self.panes.toggle_maximized()

    def action_focus_next_pane(self) -> None:
        """Move the focus to the next pane (the palette's version of Tab)."""
        self.focus_next()

    def action_back(self) -> None:
        """Esc: cancel a running sync, else leave full screen, else go back one pane."""
        if not self.library.cancel():
            self.panes.back()

    def action_toggle_offline(self) -> None:
        """Switch between online and offline operation."""
        offline = self.status.toggle_offline()
        self.sources.set_offline(offline)
        self.news_app.notify_text(self.tr("notify.offline_on" if offline else "notify.offline_off"))

    def action_help(self) -> None:
        """Show every key."""
        actions.show_help(self.news_app)

    def action_quit(self) -> None:
        """Quit the app."""
        self.app.exit()
