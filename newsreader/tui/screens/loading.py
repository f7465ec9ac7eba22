"""The data flow of the main screen: cache first, then named exclusive workers, then messages.

Every fetch runs in a worker named after what it loads (``sections``, ``list``, ``more``,
``article``, ``render``; the offline library's ``sync`` and ``download`` live in ``library.py``);
starting one cancels the previous one of its group. Workers only call the service and post a
message; the handlers here update the widgets. Failures are handled in
one place, :meth:`LoadingScreen.on_worker_state_changed`, which resets the pane concerned and
passes the error to ``App.report_error``.
"""

from __future__ import annotations

from collections.abc import Coroutine
from typing import TYPE_CHECKING, Any

from textual.content import Content
from textual.screen import Screen
from textual.worker import Worker, WorkerState

from newsreader.core.errors import (
    CacheError,
    FetchTimeout,
    NetworkError,
    NotCached,
    OfflineError,
)
from newsreader.core.models import Article, ListItem, Section
from newsreader.core.results import Freshness, Result
from newsreader.tui.i18n import Translator
from newsreader.tui.messages import (
    ArticleLoaded,
    ArticleRendered,
    ArticleSelected,
    ListLoaded,
    LoadMore,
    SectionSelected,
    SectionsLoaded,
    StarredSelected,
)
from newsreader.tui.render import message_article, render_article, safe_line, wrap_blocks
from newsreader.tui.widgets.article_list import ArticleList, Row
from newsreader.tui.widgets.reader import Reader
from newsreader.tui.widgets.section_tree import SectionTree

if TYPE_CHECKING:
    from newsreader.core.service import NewsService
    from newsreader.tui.app import NewsreaderApp

# Articles longer than this (characters) are rendered and wrapped in a thread worker.
BIG_ARTICLE = 20_000
STARRED_KEY = "★starred"
NETWORK_ERRORS = (NetworkError, FetchTimeout)


class LoadingScreen(Screen[None]):
    """Base of the main screen: owns the service calls and the results' way to the widgets."""

    def __init__(self, service: NewsService, tr: Translator) -> None:
        super().__init__()
        self.service = service
        self.tr = tr
        self.article: Article | None = None
        self.wanted: str | None = None  # the article the user asked for last
        self.network_down = False
        self._list_title = ""
        self._list_total: int | None = None
        self._known: dict[str, set[str]] = {}
        self._starred: set[str] = set()

    # --- widgets and app ------------------------------------------------------------------

    @property
    def news_app(self) -> NewsreaderApp:
        """The app, typed (for ``report_error`` and ``notify_text``)."""
        return self.app  # type: ignore[return-value]

    @property
    def sidebar(self) -> SectionTree:
        """The sidebar."""
        return self.query_one(SectionTree)

    @property
    def articles(self) -> ArticleList:
        """The article list."""
        return self.query_one(ArticleList)

    @property
    def reader(self) -> Reader:
        """The reader."""
        return self.query_one(Reader)

    def start(self, group: str, work: Coroutine[Any, Any, None], key: str = "") -> None:
        """Run ``work`` in the exclusive worker of ``group`` (the previous one is cancelled)."""
        self.run_worker(
            work, name=group, group=group, description=key, exclusive=True, exit_on_error=False
        )

    # --- start-up --------------------------------------------------------------------------

    def start_loading(self) -> None:
        """Show the cached sections at once (no spinner), then refresh them in the background."""
        self._starred = {item.url for item in self.service.starred()}
        cached = self.service.cached_sections()
        if cached is not None:
            self.sidebar.set_sections(cached.value)
            # Unread counts read every section's cached list: after the first frame.
            self.call_after_refresh(self.update_counts)
        self.update_status()
        # The refresh (a cache read when offline, else a request whose answer takes far longer
        # than a frame) redraws the tree and counts: start it once the cached tree is painted.
        self.call_after_refresh(self.load_sections)

    def load_sections(self) -> None:
        """Fetch the section tree in the background."""

        async def work() -> None:
            self.post_message(SectionsLoaded(await self.service.sections()))

        self.start("sections", work())

    async def on_sections_loaded(self, message: SectionsLoaded) -> None:
        """Show the fresh tree (cursor and expansion kept) and the site's name."""
        self.note_freshness(message.result)
        self.sidebar.set_sections(message.result.value)
        if self.articles.key is None:
            self.articles.placeholder = self.tr("list.empty")
            self.articles.refresh()
        self.update_counts()
        name = await self.service.site_name()
        if name:
            self.app.title = safe_line(name)

    def update_status(self) -> None:
        """Show online/offline in the title line."""
        if self.service.offline:
            status = self.tr("status.offline")
        elif self.network_down:
            status = self.tr("status.network_down")
        else:
            status = self.tr("status.online")
        self.app.sub_title = status
        self.set_class(self.service.offline or self.network_down, "-offline")

    def note_freshness(self, result: Result[Any]) -> None:
        """Track whether the network works, from where a result came from."""
        if result.freshness is Freshness.FRESH:
            self.network_down = False
        elif result.freshness is Freshness.STALE:
            self.network_down = isinstance(result.error, NETWORK_ERRORS)
            if result.error is not None:
                self.news_app.report_error(result.error)
        self.update_status()

    def update_counts(self) -> None:
        """Show, next to each section, how many of its known cached articles are unread.

        A synced section also shows how many of those its last sync brought in.
        """
        counts: dict[str, int] = {}
        new: dict[str, int] = {}
        for url in self.sidebar.section_urls():
            known = self._known.get(url)
            if known is None:
                cached = self.service.cached_list(url)
                known = {i.url for i in cached.value.items} if cached else set()
                self._known[url] = known
            counts[url] = self.service.unread_count(known) if known else 0
            new[url] = self.service.new_count(url, known) if counts[url] else 0
        self.sidebar.set_counts(counts, new)

    # --- the list ----------------------------------------------------------------------------

    def rows(self, items: tuple[ListItem, ...] | list[ListItem]) -> list[Row]:
        """Build list rows with their read, cached and starred marks."""
        urls = [item.url for item in items]
        read = self.service.read_urls(urls)
        cached = self.service.cached_urls(urls)
        return [
            Row(i, read=i.url in read, cached=i.url in cached, starred=i.url in self._starred)
            for i in items
        ]

    def on_section_selected(self, message: SectionSelected) -> None:
        """Show the section's cached list at once, then fetch its first page."""
        section: Section = message.section
        if section.url is None:
            return
        self._list_title = safe_line(section.title)
        cached = self.service.cached_list(section.url)
        if cached is not None:
            page = cached.value
            self._list_total = page.total
            self.articles.set_rows(section.url, self.rows(page.items), page.next_url)
        else:
            self._list_total = None
            self.articles.placeholder = self.tr("status.loading")
            self.articles.set_rows(section.url, [], None)
        self._title_list()
        if not section.children:
            self.articles.focus()
        self.reload_list()

    def reload_list(self) -> None:
        """Fetch the first page of the list on show (keeps the cursor and later pages)."""
        key = self.articles.key
        if key is None:
            return
        if key == STARRED_KEY:
            self.on_starred_selected(StarredSelected())
            return

        async def work() -> None:
            self.post_message(ListLoaded(key, await self.service.list_page(key), append=False))

        self.start("list", work(), key)

    def on_starred_selected(self, message: StarredSelected) -> None:
        """List the starred articles."""
        self._list_title = self.tr("tree.starred")
        self._list_total = None
        self.articles.placeholder = self.tr("list.empty_section")
        self.articles.set_rows(STARRED_KEY, self.rows(self.service.starred()), None)
        self._title_list()
        self.articles.focus()

    def on_load_more(self, message: LoadMore) -> None:
        """Fetch the next list page (the cursor reached the end)."""
        key = self.articles.key or ""

        async def work() -> None:
            result = await self.service.list_page(message.url)
            self.post_message(ListLoaded(key, result, append=True))

        self.articles.border_subtitle = self.tr("list.loading_more")
        self.start("more", work(), message.url)

    def on_list_loaded(self, message: ListLoaded) -> None:
        """Show a list page; a refreshed first page keeps the cursor and the later pages."""
        lst = self.articles
        if message.key != lst.key:
            return  # the user moved on to another section meanwhile
        self.note_freshness(message.result)
        page = message.result.value
        rows = self.rows(page.items)
        if message.append:
            lst.append_rows(rows, page.next_url)
        else:
            self._list_total = page.total or self._list_total
            new = {r.item.url for r in rows}
            later = [r for r in lst.rows[len(rows) :] if r.item.url not in new]
            next_url = lst.next_url if later else page.next_url
            lst.placeholder = self.tr("list.empty_section")
            lst.set_rows(message.key, rows + later, next_url)
        self._known.setdefault(message.key, set()).update(r.item.url for r in rows)
        self._title_list()
        self.update_counts()

    def _title_list(self) -> None:
        shown = len(self.articles.rows)
        total = self._list_total
        count = self.tr("list.count_total" if total else "list.count", shown=shown, total=total)
        self.articles.border_title = Content.assemble(
            Content.styled(self._list_title or self.tr("pane.list"), "bold"), "  ", count
        )
        self.articles.border_subtitle = ""

    def toggle_star(self, url: str) -> None:
        """Star or unstar ``url`` and update its mark."""
        starred = url not in self._starred
        try:
            self.service.set_starred(url, starred)
        except CacheError as err:  # a read-only or full cache: the mark stays as it was
            self.news_app.report_error(err)
            return
        (self._starred.add if starred else self._starred.discard)(url)
        self.articles.set_row_flags(url, starred=starred)
        self.news_app.notify_text(self.tr("notify.starred" if starred else "notify.unstarred"))
        if self.articles.key == STARRED_KEY:
            self.articles.set_rows(STARRED_KEY, self.rows(self.service.starred()), None)

    # --- the article -------------------------------------------------------------------------

    def on_article_selected(self, message: ArticleSelected) -> None:
        """Open the article in the reader and move the focus there."""
        self.open_article(message.url, focus=True)

    def open_article(
        self, url: str, *, focus: bool, refresh: bool = False, fetch: bool = True
    ) -> None:
        """Show ``url`` from the cache at once when possible, then fetch it in the background.

        With ``fetch`` false, the cached copy is all that is shown.
        """
        self.wanted = url
        index = self.articles.index_of(url)
        if index is not None:
            self.articles.move_to(index)
        if focus:
            self.reader.focus()
        cached = self.service.cached_article(url) if not refresh else None
        if cached is not None:
            self.show_article(url, cached)
        elif not refresh or self.reader.url != url:
            title = self.articles.rows[index].item.title if index is not None else ""
            loading = message_article(url, safe_line(title), self.tr("reader.loading"))
            self.reader.show(loading, article=False)
            self.article = None

        async def work() -> None:
            self.post_message(ArticleLoaded(url, await self.service.article(url)))

        if (self.service.offline or not fetch) and cached is not None:
            return  # nothing newer to be had, or not to be asked for
        self.start("article", work(), url)

    def on_article_loaded(self, message: ArticleLoaded) -> None:
        """Show a fetched article, unless the user moved on."""
        if message.url == self.wanted:
            self.note_freshness(message.result)
            self.show_article(message.url, message.result)

    def show_article(self, url: str, result: Result[Article]) -> None:
        """Render and show an article (big ones in a thread) and mark it read."""
        self.wanted = url
        article = result.value
        note = self.tr("reader.stale") if result.freshness is Freshness.STALE else ""
        if sum(len(b.text) for b in article.blocks) > BIG_ARTICLE:
            width = self.reader.wrap_width

            def render() -> None:
                rendered = render_article(article, self.tr, note=note, url=url)
                lines = wrap_blocks(rendered.blocks, width)
                self.post_message(ArticleRendered(rendered, result, lines, width))

            self.run_worker(
                render,
                name="render",
                group="render",
                thread=True,
                exclusive=True,
                exit_on_error=False,
                description=url,
            )
            return
        rendered = render_article(article, self.tr, note=note, url=url)
        self.reader.show(rendered, keep_scroll=True)
        self._mark_read(url, article)

    def on_article_rendered(self, message: ArticleRendered) -> None:
        """Show an article a thread worker rendered."""
        url = message.rendered.url
        if url != self.wanted:
            return
        self.reader.show(
            message.rendered, lines=message.lines, width=message.width, keep_scroll=True
        )
        self._mark_read(url, message.result.value)

    def _mark_read(self, url: str, article: Article) -> None:
        self.article = article
        urls = {url, article.url}
        # Not marked read when the cache cannot save (read-only, full): the service says so once.
        cached = self.service.cached_urls(urls)
        for each in urls:
            saved = self.service.mark_read(each)
            self.articles.set_row_flags(each, read=saved or None, cached=each in cached)
        self.update_counts()

    # --- the one failure handler -------------------------------------------------------------

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """Reset the pane whose worker failed and report the error once."""
        worker = event.worker
        if event.state is not WorkerState.ERROR or worker.error is None:
            return
        error, key = worker.error, worker.description
        if isinstance(error, NETWORK_ERRORS):
            self.network_down = True
            self.update_status()
        if worker.group == "more":
            self.articles.more_failed()
            self.articles.border_subtitle = ""
        elif worker.group == "sections" and not self.sidebar.sections:
            # A toast fades; with no tree at all, the list pane keeps saying why and what to do.
            message = safe_line(str(error))
            self.articles.placeholder = self.tr("list.no_sections", message=message)
            self.articles.refresh()
        elif worker.group == "list" and key == self.articles.key and not self.articles.rows:
            self.articles.placeholder = safe_line(str(error))
            self.articles.refresh()
        elif worker.group == "article" and key == self.wanted and not self.reader.is_article:
            if isinstance(error, NotCached | OfflineError):
                body = self.tr("reader.not_cached_body")
                self.reader.show(
                    message_article(key, self.tr("reader.not_cached_title"), body), article=False
                )
                return  # the reader says it all; no toast on top
            body = self.tr("reader.failed_body", message=safe_line(str(error)))
            self.reader.show(
                message_article(key, self.tr("reader.failed_title"), body), article=False
            )
        self.news_app.report_error(error)
