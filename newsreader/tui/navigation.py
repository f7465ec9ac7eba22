"""Which article comes next: the next unread one (``n``/``p``), or 下一条/上一条 (``]``/``[``).

Plain coordination over the panes: it reads the list, the reader and the tree, and opens what it
finds through the screen's ``open_article`` (so a row, a key and a link all open the same way).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from newsreader.tui import unread

if TYPE_CHECKING:
    from newsreader.core.service import NewsService
    from newsreader.tui.i18n import Translator
    from newsreader.tui.state import ReadingState
    from newsreader.tui.widgets.article_list import ArticleList
    from newsreader.tui.widgets.reader import Reader
    from newsreader.tui.widgets.section_tree import SectionTree


class Navigator:
    """Finds the next or previous article and opens it.

    Args:
        state: The reading state (read marks, what each section lists).
        sidebar: The section tree (the sections' order, and each one's source).
        articles: The list on show.
        reader: The reader.
        route: Points the panes at another source's service (the next unread may be there).
        open_article: Opens a URL in the reader (``focus=False``: the focus stays).
        say: Shows a reply to the key (nothing found, wrapped round).
        tr: The UI language.
    """

    def __init__(
        self,
        state: ReadingState,
        sidebar: SectionTree,
        articles: ArticleList,
        reader: Reader,
        *,
        route: Callable[[NewsService], None],
        open_article: Callable[[str | None], None],
        say: Callable[[str], None],
        tr: Translator,
    ) -> None:
        self.state = state
        self.sidebar = sidebar
        self.articles = articles
        self.reader = reader
        self._route = route
        self._open = open_article
        self._say = say
        self.tr = tr

    def unread(self, delta: int) -> None:
        """Open the next (``delta`` > 0) or previous unread article, in this section or on."""
        urls = [row.item.url for row in self.articles.rows]
        index = self.articles.index_of(self.reader.url) if self.reader.url else None
        here = unread.Here(self.articles.key, urls, self.articles.cursor, inclusive=True)
        if index is not None:
            here = unread.Here(self.articles.key, urls, index)
        found = unread.find_unread(self.state, self.sidebar.section_urls(), here, delta)
        if found is not None and found.section != self.articles.key:
            section = self.sidebar.reveal(found.section)
            service = self.sidebar.service_of(found.section)
            if service is not None:
                self._route(service)  # the next unread may be another source's
            if section is None or not self.articles.show(section):
                found = None
        if found is None:
            self._say(self.tr("notify.no_unread"))
            return
        if found.wrapped:
            self._say(self.tr("notify.wrapped_first" if delta > 0 else "notify.wrapped_last"))
        self._open(found.url)

    def step(self, delta: int) -> None:
        """Open 下一条 (``delta`` > 0) or 上一条, else the next or previous row of the list."""
        url = self._neighbour(delta) or self.articles.neighbour(self.reader.url, delta)
        if url is None:
            self._say(self.tr("notify.no_more" if delta > 0 else "notify.no_prev"))
        self._open(url)

    def _neighbour(self, delta: int) -> str | None:
        """The URL of the 下一条 (``delta`` > 0) or 上一条 link of the article on show, if any."""
        article = self.reader.article
        if article is None or article.url != self.reader.url:
            return None
        link = article.next if delta > 0 else article.prev
        return link.url if link is not None else None
