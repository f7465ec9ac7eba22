"""The reader pane: an article (or why one cannot be shown), scrolled over its wrapped lines.

Text wraps at the reading measure (``text_width`` in the config, 80 cells by default: 40 CJK
characters) or the pane's width, whichever is narrower; in full-screen mode the column is
centred. The wrapped lines and the strips drawn from them are :class:`WrappedText`'s, so that
long articles scroll cheaply.

The reader loads itself: :meth:`Reader.open` shows the cached copy at once and fetches the
article in its ``article`` worker (big ones are rendered in a ``render`` thread worker); the
refresh of a cached copy waits until the keys have been left alone for a moment. An article on
show is announced with :class:`Reader.Shown` (after it was marked read); a failure is shown in
the reader and passed on as :class:`~newsreader.tui.messages.LoadFailed`.
"""

from __future__ import annotations

import asyncio
import time
from typing import TYPE_CHECKING, ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.geometry import Size
from textual.message import Message
from textual.reactive import var
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.worker import Worker, WorkerState

from newsreader.core.models import Article
from newsreader.core.results import Freshness, Result
from newsreader.tui.messages import LoadFailed
from newsreader.tui.render import (
    LinkTarget,
    RenderedArticle,
    render_article,
    text_size,
    wrap_blocks,
)
from newsreader.tui.widgets import reader_pages as pages
from newsreader.tui.widgets.wrapped_text import WrappedText

if TYPE_CHECKING:
    from newsreader.core.service import NewsService
    from newsreader.tui.i18n import Translator
    from newsreader.tui.state import ReadingState

# Articles longer than this (characters) are rendered and wrapped in a thread worker.
BIG_ARTICLE = 20_000

# Seconds without a key press before a cached article on show is refreshed from the network.
# Its fetch and parse (in a thread, holding the GIL) landed in the frames the next key press
# waited for; articles opened one after another are now not refreshed at all (PERFORMANCE.md §3).
REFRESH_WHEN_IDLE = 0.5


class Reader(ScrollView, can_focus=True):
    """Shows one article (or a message such as "not cached") and scrolls it.

    Args:
        service: Where articles come from.
        state: The shared reading state (an article shown is marked read there).
        tr: The UI language.

    Attributes:
        rendered: What is on show.
        text: ``rendered`` wrapped to the pane, the lines on screen drawn from it.
        measure: The widest a line may be, in cells (0: the pane's width).
        article: The article on show (``None`` while a message is).
        wanted: The URL asked for last (a late answer for another one is dropped).
        refresh_idle: Seconds without a key press before a cached article is refreshed.
        progress: How far what is on show is read: the share of its lines above the
            window's end, in percent (recounted as it scrolls, changes, or the reader's
            height changes).
    """

    progress: var[int] = var(100)

    class Shown(Message):
        """An article is on show and marked read.

        Attributes:
            url: The URL it was asked for by.
            article: The article.
            marks: Per URL (asked-for and canonical): whether the read mark was saved and
                whether it is cached.
        """

        def __init__(self, url: str, article: Article, marks: dict[str, tuple[bool, bool]]) -> None:
            super().__init__()
            self.url = url
            self.article = article
            self.marks = marks

    class Fetched(Message):
        """An article came back from the service (fresh, or stale when the network failed)."""

        def __init__(self, result: Result[Article]) -> None:
            super().__init__()
            self.result = result

    class LinkChosen(Message):
        """The user picked a link, an attachment or a neighbour in the link list."""

        def __init__(self, target: LinkTarget) -> None:
            super().__init__()
            self.target = target

    class Rendered(Message):
        """The ``render`` thread worker rendered and wrapped an article (to the reader itself)."""

        def __init__(
            self,
            url: str,
            article: Article,
            rendered: RenderedArticle,
            lines: list[Content],
            width: int,
        ) -> None:
            super().__init__()
            self.url = url
            self.article = article
            self.rendered = rendered
            self.lines = lines
            self.width = width

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space,pagedown", "page_down", "key.page_down"),
        Binding("b,pageup", "page_up", "key.page_up"),
        Binding("l,enter", "links", "key.links"),
        Binding("j,down", "scroll_down", "key.move", show=False),
        Binding("k,up", "scroll_up", "key.move", show=False),
        Binding("g,home", "scroll_home", "key.top", show=False),
        Binding("G,end", "scroll_end", "key.bottom", show=False),
    ]

    def __init__(
        self, service: NewsService, state: ReadingState, tr: Translator, *, id: str | None = None
    ) -> None:
        super().__init__(id=id)
        self.service = service
        self.state = state
        self.tr = tr
        self.border_title = tr("pane.reader")
        self.rendered = pages.empty_page(tr)
        self.article: Article | None = None
        self.wanted: str | None = None
        self.measure = service.config.text_width
        self.is_article = False
        self._note = ""  # the note under the meta line of the article on show (stale copy)
        self.text = WrappedText()
        self.refresh_idle = REFRESH_WHEN_IDLE
        self._quiet_until = 0.0  # monotonic time before which a pending refresh waits

    def on_mount(self) -> None:
        """Say how to leave full-screen mode while the reader fills the screen; count the
        progress as the text scrolls or changes."""
        self.watch(self.screen, "maximized", self._maximized_changed)
        self.watch(self, "scroll_y", self._count_progress, init=False)
        self.watch(self, "virtual_size", self._count_progress, init=False)

    def _count_progress(self) -> None:
        height = self.scrollable_content_region.height
        self.progress = self.text.progress(round(self.scroll_y), height)

    def _maximized_changed(self) -> None:
        # The footer and the title line are hidden then: one hint stays, under the text.
        self.border_subtitle = self.tr("reader.leave_full_screen") if self.is_maximized else ""

    @property
    def url(self) -> str | None:
        """The URL of what is on show (the article, or the one that failed), if any."""
        return self.rendered.url or None

    @property
    def targets(self) -> tuple[LinkTarget, ...]:
        """The link targets of the article on show."""
        return self.rendered.links

    @property
    def body_text(self) -> str:
        """The text on show, as plain text (for tests)."""
        return self.rendered.plain

    @property
    def wrap_width(self) -> int:
        """The width, in cells, lines are wrapped to: the measure, or the pane when narrower."""
        pane = max(10, self.scrollable_content_region.width or self.size.width)
        return min(pane, self.measure) if self.measure > 0 else pane

    @property
    def left_margin(self) -> int:
        """Blank cells left of the text: in full-screen mode, what centres the column."""
        return self.text.margin(self.scrollable_content_region.width) if self.is_maximized else 0

    def show(
        self,
        rendered: RenderedArticle,
        *,
        article: bool = True,
        lines: list[Content] | None = None,
        width: int | None = None,
        keep_scroll: bool = False,
    ) -> None:
        """Show an article or a message.

        Args:
            rendered: What to show.
            article: True for an article, False for a message (loading, not cached...).
            lines: ``rendered`` already wrapped (by a thread worker) to ``width`` cells.
            width: The width ``lines`` were wrapped to.
            keep_scroll: Keep the scroll position when it is the same URL (a refreshed copy).
        """
        if rendered == self.rendered and article == self.is_article:
            return
        same = rendered.url == self.rendered.url
        self.rendered = rendered
        self.is_article = article
        if lines is not None and width == self.wrap_width:
            self._set_lines(lines, width)
        else:
            self._rewrap()
        if not (keep_scroll and same):
            self.scroll_to(y=0, animate=False)

    def action_links(self) -> None:
        """Show the links and attachments of the article; the one picked is posted."""
        from newsreader.tui.screens.links import LinksScreen

        if not self.targets:
            return

        def chosen(target: LinkTarget | None) -> None:
            if target is not None:
                self.post_message(self.LinkChosen(target))

        self.app.push_screen(LinksScreen(self.targets, self.tr), chosen)

    # --- loading -------------------------------------------------------------------------------

    def can_open(self, url: str) -> bool:
        """Whether ``url`` may be opened here: one the source reads (its site's article, its
        feed's item on any host: :meth:`ReadingState.reads`), or another site's cached article.

        A page must not make the reader contact another host or port: such a URL is read from
        the cache (stored by a run on that site, found by a search) or not at all.
        """
        return self.state.reads(self.service, url) or self.service.cached_article(url) is not None

    def open(self, url: str, *, title: str = "", refresh: bool = False, fetch: bool = True) -> None:
        """Show ``url`` from the cache at once when possible, then fetch it in the background.

        Another site's article (see :meth:`can_open`) is only ever shown from the cache. The
        copy shown from the cache is refreshed once no key was pressed for :attr:`refresh_idle`
        seconds (:meth:`postpone_refresh`); opening another article first cancels it.

        Args:
            url: The article.
            title: Its title, shown while it loads (when it is not cached).
            refresh: Fetch it now, even when cached (the cached copy is not shown first).
            fetch: False to show the cached copy only.
        """
        if not self.state.reads(self.service, url):
            refresh, fetch = False, False
        # A refresh still waiting (or running) is for the article on show until now.
        self.workers.cancel_group(self, "article")
        self.wanted = url
        cached = self.service.cached_article(url) if not refresh else None
        if cached is not None:
            self.show_result(url, cached)
        elif not refresh or self.url != url:
            self.show(pages.loading_page(url, title, self.tr), article=False)
            self.article = None
        if (self.service.offline or not fetch) and cached is not None:
            return  # nothing newer to be had, or not to be asked for
        if not fetch:
            # Another site's article that is not cached: nothing is asked of the network.
            self.show(pages.not_cached_page(url, self.service.offline, self.tr), article=False)
            return

        if cached is not None:
            self.postpone_refresh()

        async def work() -> None:
            if cached is not None:
                while (left := self._quiet_until - time.monotonic()) > 0:
                    await asyncio.sleep(left)
            result = await self.service.article(url)
            if url == self.wanted:
                self.post_message(self.Fetched(result))
                self.show_result(url, result)

        self.run_worker(
            work(),
            name="article",
            group="article",
            description=url,
            exclusive=True,
            exit_on_error=False,
        )

    def reload(self) -> None:
        """Fetch the article on show (or the one that failed) now, even when it is cached."""
        if self.url:
            self.open(self.url, refresh=True)

    def postpone_refresh(self) -> None:
        """Restart the wait of a pending refresh: a key was pressed (the screen sees every key)."""
        self._quiet_until = time.monotonic() + self.refresh_idle

    def show_result(self, url: str, result: Result[Article]) -> None:
        """Render and show an article (big ones in a thread) and mark it read.

        The background refresh of a cached article mostly brings back the same article: then
        nothing is rendered or wrapped again (that second render is what the next key press
        would wait for), and it stays marked read.
        """
        self.wanted = url
        article = result.value
        note = self.tr("reader.stale") if result.freshness is Freshness.STALE else ""
        if self.is_article and url == self.url and note == self._note and article == self.article:
            return
        self._note = note
        if text_size(article) > BIG_ARTICLE:
            width = self.wrap_width

            def render() -> None:
                rendered = render_article(article, self.tr, note=note, url=url, table_width=width)
                lines = wrap_blocks(rendered.blocks, width)
                self.post_message(self.Rendered(url, article, rendered, lines, width))

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
        width = self.wrap_width
        rendered = render_article(article, self.tr, note=note, url=url, table_width=width)
        self.show(rendered, keep_scroll=True)
        self._mark_read(url, article)

    def on_reader_rendered(self, message: Rendered) -> None:
        """Show an article the thread worker rendered, unless the user moved on meanwhile."""
        message.stop()
        if message.url != self.wanted:
            return
        self.show(message.rendered, lines=message.lines, width=message.width, keep_scroll=True)
        self._mark_read(message.url, message.article)

    def _mark_read(self, url: str, article: Article) -> None:
        self.article = article
        self.post_message(self.Shown(url, article, self.state.mark_read({url, article.url})))

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """Say in the reader why the article asked for cannot be shown."""
        worker = event.worker
        error, key = worker.error, worker.description
        if event.state is not WorkerState.ERROR or error is None:
            return
        if worker.group == "article" and key == self.wanted and not self.is_article:
            offline = self.service.offline
            self.show(pages.failure_page(key, error, offline, self.tr), article=False)
            # The reader says it, once: no notification on top.
            self.post_message(LoadFailed(worker.group, key, error, quiet=True))
            return
        self.post_message(LoadFailed(worker.group, key, error))

    def render_line(self, y: int) -> Strip:
        """Render screen line ``y`` from the pre-wrapped lines."""
        width = self.scrollable_content_region.width
        return self.text.strip(y + self.scroll_offset.y, width, self.left_margin, self.rich_style)

    def on_resize(self, event: events.Resize) -> None:
        """Re-wrap when the width changed; else draw again (the centring margin may change).

        Either way more or fewer lines may be on show: the progress is counted again.
        """
        if self.wrap_width != self.text.width:
            self._rewrap()
        else:
            self.text.forget_strips()
            self.refresh()
        self._count_progress()

    def _rewrap(self) -> None:
        width = self.wrap_width
        self._set_lines(wrap_blocks(self.rendered.blocks, width), width)

    def _set_lines(self, lines: list[Content], width: int) -> None:
        self.text.set(lines, width)
        self.virtual_size = Size(width, len(lines))
        self.refresh()
