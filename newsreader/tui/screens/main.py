"""The main screen: sections | article list over the reader, and every key that drives them.

Widgets post messages saying what the user asked for; this screen starts named, exclusive
workers for the network, and the workers post back what arrived (see ``loading.py``). No worker
touches a widget, and every failure reaches the user through ``App.report_error``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical

from newsreader.core.urls import article_id, is_http_url, same_site
from newsreader.tui.i18n import Translator, localize_bindings
from newsreader.tui.messages import LinkChosen, SectionSelected, ShowLinks
from newsreader.tui.render import LinkTarget, message_article, safe_line
from newsreader.tui.screens.library import LibraryScreen
from newsreader.tui.widgets.article_list import ArticleList
from newsreader.tui.widgets.footer import NewsFooter
from newsreader.tui.widgets.reader import Reader
from newsreader.tui.widgets.section_tree import SectionTree
from newsreader.tui.widgets.sync_panel import SyncPanel
from newsreader.tui.widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from newsreader.core.service import NewsService

# Below this many columns the sidebar collapses (toggle it with \ or Ctrl+B).
NARROW_WIDTH = 110


class MainScreen(LibraryScreen):
    """Sections, article list and reader.

    Args:
        service: The news service.
        tr: The UI language.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "next_article", "key.next"),
        Binding("p", "prev_article", "key.prev"),
        Binding("r", "refresh", "key.refresh"),
        Binding("o", "open_browser", "key.browser"),
        Binding("y", "copy_url", "key.copy", show=False),
        Binding("s", "star", "key.star", show=False),
        Binding("S,shift+s", "sync_section", "key.sync", show=False),
        Binding("m", "mark_section_read", "key.mark_read", show=False),
        Binding("slash", "search", "key.search"),
        Binding("backslash,ctrl+b", "toggle_sidebar", "key.sidebar", show=False),
        Binding("z,f", "maximize_reader", "key.maximize", show=False),
        Binding("ctrl+o", "toggle_offline", "key.offline", show=False),
        Binding("question_mark", "help", "key.help"),
        Binding("escape", "back", "key.back", show=False),
        Binding("q", "quit", "key.quit"),
    ]

    def __init__(self, service: NewsService, tr: Translator) -> None:
        super().__init__(service, tr)
        self._narrow: bool | None = None

    def compose(self) -> ComposeResult:
        """Title line, sidebar | (list over reader), key bar."""
        # The status sets the screen's -offline class: now, before there are children to restyle.
        self.update_status()
        yield TitleBar(icon="≡")
        with Horizontal(id="body"):
            yield SectionTree(self.tr, id="sidebar")
            with Vertical(id="main"):
                yield ArticleList(id="list")
                yield Reader(message_article("", "", self.tr("reader.empty")), id="reader")
        yield SyncPanel(self.tr, id="sync-panel")
        yield NewsFooter()

    def on_mount(self) -> None:
        """Localize the keys, show the cache at once, then refresh from the network."""
        for node in (self, *self.query("*")):
            localize_bindings(node, self.tr)
        self.refresh_bindings()
        self.sidebar.border_title = self.tr("pane.sections")
        self.articles.border_title = self.tr("pane.list")
        self.articles.placeholder = self.tr("list.empty")
        self.reader.border_title = self.tr("pane.reader")
        self.start_loading()
        self.sidebar.focus()

    # --- layout ------------------------------------------------------------------------------

    def on_resize(self, event: events.Resize) -> None:
        """Switch between the wide and the narrow layout.

        Narrow, the sidebar collapses once a list is on show; before that it is the only way
        in, so it stays (a first start at 80x24 shows the site's sections).
        """
        narrow = event.size.width < NARROW_WIDTH
        if narrow == self._narrow:
            return
        self._narrow = narrow
        self.set_class(narrow, "-narrow")
        self._set_sidebar(not narrow or self.articles.key is None)

    def on_section_selected(self, message: SectionSelected) -> None:
        """When narrow, fold the sidebar away to make room for the list.

        The base class's handler (Textual calls every class's handler in the MRO) opens the list,
        unless the section leads off the site (a menu entry for another site): that one is shown
        in the confirmation modal, never fetched.
        """
        url = message.section.url
        if url is not None and not same_site(url, self.service.site_url):
            message.prevent_default()
            self.confirm_browser(url)
            return
        if self._narrow and message.section.url is not None and not message.section.children:
            self._set_sidebar(False)

    def _set_sidebar(self, visible: bool) -> None:
        self.set_class(not visible, "-sidebar-hidden")
        if not visible and self.focused is self.sidebar:
            self.articles.focus()

    def action_toggle_sidebar(self) -> None:
        """Show or hide the sidebar."""
        visible = self.has_class("-sidebar-hidden")
        self._set_sidebar(visible)
        if visible:
            self.sidebar.focus()

    def action_maximize_reader(self) -> None:
        """Give the reader the whole screen (Esc or z returns)."""
        if self.maximized is not None:
            self.minimize()
            return
        self.reader.focus()
        self.maximize(self.reader, container=False)

    def action_focus_next_pane(self) -> None:
        """Move the focus to the next pane (the palette's version of Tab)."""
        self.focus_next()

    def action_back(self) -> None:
        """Esc: cancel a running sync, else leave full screen, else go back one pane."""
        if self.action_cancel_sync():
            return
        if self.maximized is not None:
            self.minimize()
        elif self.focused is self.reader:
            self.articles.focus()
        elif self.focused is self.articles and not self.has_class("-sidebar-hidden"):
            self.sidebar.focus()

    # --- keys on articles ----------------------------------------------------------------------

    def focused_url(self) -> str | None:
        """The URL the focused pane points at: the list row, the article, or the section."""
        if self.focused is self.articles:
            return self.articles.current_url
        if self.focused is self.sidebar:
            node = self.sidebar.cursor_node
            section = node.data.section if node and node.data else None
            return section.url if section else None
        return self.reader.url if self.reader.is_article else self.articles.current_url

    def action_next_article(self) -> None:
        """Open 下一条, or else the next article of the list."""
        self._step(+1)

    def action_prev_article(self) -> None:
        """Open 上一条, or else the previous article of the list."""
        self._step(-1)

    def _step(self, delta: int) -> None:
        article = self.article
        link = None if article is None else article.next if delta > 0 else article.prev
        if link is not None and article is not None and article.url == self.reader.url:
            self.open_article(link.url, focus=False)
            return
        rows = self.articles.rows
        current = self.reader.url
        index = self.articles.index_of(current) if current else None
        target = (self.articles.cursor if index is None else index) + (delta if current else 0)
        if 0 <= target < len(rows):
            self.open_article(rows[target].item.url, focus=False)
        else:
            self.news_app.notify_text(self.tr("notify.no_more" if delta > 0 else "notify.no_prev"))

    def open_article(
        self, url: str, *, focus: bool, refresh: bool = False, fetch: bool = True
    ) -> None:
        """Open ``url`` in the reader when it is on the site; else show it and ask first.

        Every way to an article (a list row, 上一条/下一条 with n/p, a link, a search hit) comes
        here: a page must not make the reader contact another host or port, so such a URL is
        only read from the cache, or shown in the confirmation modal and opened in the browser
        after ``y``.
        """
        if same_site(url, self.service.site_url):
            super().open_article(url, focus=focus, refresh=refresh, fetch=fetch)
        elif self.service.cached_article(url) is not None:
            # Another site's article, stored by a run on that site (a search hit): readable
            # from the cache, never fetched from here.
            super().open_article(url, focus=focus, fetch=False)
        else:
            self.confirm_browser(url)

    def action_refresh(self) -> None:
        """Refresh the focused thing from the network."""
        if self.focused is self.sidebar:
            self.load_sections()
        elif self.focused is self.articles:
            self.reload_list()
        elif self.reader.url:
            self.open_article(self.reader.url, focus=False, refresh=True)
        else:
            self.reload_list()

    def action_open_browser(self) -> None:
        """Show the URL in a confirmation modal, then open it in the system browser."""
        url = self.focused_url()
        if url is None:
            self.news_app.notify_text(self.tr("notify.nothing"))
        else:
            self.confirm_browser(url)

    def confirm_browser(self, url: str) -> None:
        """Ask, then open ``url`` in the browser (http/https only) from a thread."""
        import webbrowser

        from newsreader.tui.screens.confirm import ConfirmOpen

        if not is_http_url(url):
            # Naming the link makes each refusal its own (not deduplicated) message.
            self.news_app.notify_text(
                self.tr("confirm.bad_scheme", url=safe_line(url)[:200]), severity="warning"
            )
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.news_app.notify_text(self.tr("notify.opening"))
                # webbrowser.open can block (it may start a process), hence the thread.
                self.run_worker(
                    lambda: webbrowser.open(url),
                    name="browser",
                    group="browser",
                    thread=True,
                    exit_on_error=False,
                )

        self.app.push_screen(ConfirmOpen(url, self.tr), answered)

    def action_copy_url(self) -> None:
        """Copy the URL of the focused thing to the clipboard (OSC 52)."""
        url = self.focused_url()
        if url is None:
            self.news_app.notify_text(self.tr("notify.nothing"))
            return
        self.app.copy_to_clipboard(url)
        self.news_app.notify_text(url, title=self.tr("notify.copied"))

    def action_star(self) -> None:
        """Star or unstar the article under the cursor (or in the reader)."""
        url = self.focused_url() if self.focused is not self.sidebar else None
        if url is None:
            self.news_app.notify_text(self.tr("notify.nothing"))
            return
        self.toggle_star(url)

    def action_search(self) -> None:
        """Open the search screen; the chosen article opens in the reader."""
        from newsreader.tui.screens.search import SearchScreen

        def chosen(url: str | None) -> None:
            if url:
                self.open_article(url, focus=True)

        self.app.push_screen(SearchScreen(self.service, self.tr), chosen)

    def action_help(self) -> None:
        """Show every key."""
        from newsreader.tui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen(self.tr))

    def action_quit(self) -> None:
        """Quit the app."""
        self.app.exit()

    def action_toggle_offline(self) -> None:
        """Switch between online and offline operation."""
        offline = not self.service.offline
        self.service.set_offline(offline)
        self.network_down = False
        self.update_status()
        self.news_app.notify_text(self.tr("notify.offline_on" if offline else "notify.offline_off"))

    def action_links(self) -> None:
        """Show the links and attachments of the article on show."""
        self.on_show_links(ShowLinks())

    def on_show_links(self, message: ShowLinks) -> None:
        """Open the link picker of the reader's article."""
        from newsreader.tui.screens.links import LinksScreen

        if not self.reader.targets:
            return

        def chosen(target: LinkTarget | None) -> None:
            if target is not None:
                self.post_message(LinkChosen(target))

        self.app.push_screen(LinksScreen(self.reader.targets, self.tr), chosen)

    def on_link_chosen(self, message: LinkChosen) -> None:
        """Download an attachment; open an article of this site; anything else via the browser."""
        url = message.target.url
        if message.target.kind == "attachment":
            self.download(message.target)
        elif message.target.kind in ("link", "prev", "next") and (
            article_id(url) and same_site(url, self.service.site_url)
        ):
            self.open_article(url, focus=True)
        else:
            self.confirm_browser(url)
