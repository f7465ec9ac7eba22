"""The main screen's layout rules: wide or narrow, the sidebar, the reader given the whole screen,
and which pane has the focus (what it points at, where Esc goes back to).

Plain rules over the screen's CSS classes (``-narrow``, ``-sidebar-hidden``, ``-reader-first``;
their styles are in ``styles/app.tcss``) and Textual's maximize; the screen's keys call these and
nothing else changes the layout, except the focus: on a short terminal the reader with the focus
takes the list's rows (see :meth:`Layout.fit_height`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.screen import Screen

    from newsreader.tui.widgets.article_list import ArticleList
    from newsreader.tui.widgets.reader import Reader
    from newsreader.tui.widgets.section_tree import SectionTree

# Below this many columns the sidebar collapses (toggle it with \ or Ctrl+B).
NARROW_WIDTH = 110
# Below this many rows the reader with the focus takes the list's rows but three.
SHORT_HEIGHT = 30


class Layout:
    """Where the panes are: the sidebar shown or folded away, the reader maximized or not.

    Args:
        screen: The main screen (its classes, focus and maximize).
        sidebar: The section tree.
        articles: The article list.
        reader: The reader.
    """

    def __init__(
        self, screen: Screen[None], sidebar: SectionTree, articles: ArticleList, reader: Reader
    ) -> None:
        self.screen = screen
        self.sidebar = sidebar
        self.articles = articles
        self.reader = reader
        self.narrow: bool | None = None
        self._watching = False

    def resized(self, width: int) -> None:
        """Switch between the wide and the narrow layout, and fit the panes to the height.

        Narrow, the sidebar collapses once a list is on show; before that it is the only way
        in, so it stays (a first start at 80x24 shows the site's sections).
        """
        if not self._watching:
            # The screen is mounted by its first resize: the focus can be followed from now on.
            self._watching = True
            self.screen.watch(self.screen, "focused", self.fit_height, init=False)
        self.fit_height()
        narrow = width < NARROW_WIDTH
        if narrow == self.narrow:
            return
        self.narrow = narrow
        self.screen.set_class(narrow, "-narrow")
        self.set_sidebar(not narrow or self.articles.key is None)

    def fit_height(self) -> None:
        """Below :data:`SHORT_HEIGHT` rows, give the reader the list's rows while it has the focus.

        At 60x20 the list kept 7 rows and the reader showed two lines of text. Now the list
        shrinks to three rows (the article on show and its neighbours, like mutt's
        ``pager_index_lines``) rather than vanishing, so that where one is stays in sight; it
        comes back whole when the focus leaves the reader.
        """
        short = self.screen.size.height < SHORT_HEIGHT
        self.screen.set_class(short and self.screen.focused is self.reader, "-reader-first")

    @property
    def sidebar_hidden(self) -> bool:
        """Whether the sidebar is folded away."""
        return self.screen.has_class("-sidebar-hidden")

    def set_sidebar(self, visible: bool) -> None:
        """Show or fold away the sidebar (its focus goes to the list)."""
        self.screen.set_class(not visible, "-sidebar-hidden")
        if not visible and self.screen.focused is self.sidebar:
            self.articles.focus()

    def section_opened(self, leaf: bool) -> None:
        """A section is listed: a leaf gives the list the focus and, when narrow, folds the
        sidebar away to make room."""
        if self.narrow and leaf:
            self.set_sidebar(False)
        if leaf:
            self.articles.focus()

    def toggle_sidebar(self) -> None:
        """Show (and focus) or hide the sidebar."""
        visible = self.sidebar_hidden
        self.set_sidebar(visible)
        if visible:
            self.sidebar.focus()

    def toggle_maximized(self) -> None:
        """Give the reader the whole screen, or return from it."""
        if self.screen.maximized is not None:
            self.screen.minimize()
            return
        self.reader.focus()
        self.screen.maximize(self.reader, container=False)

    def focused_pane(self) -> SectionTree | ArticleList | Reader:
        """The sidebar or the list when it has the focus; else the reader when it shows
        something (an article, or why one failed), else the list."""
        focused = self.screen.focused
        if focused is self.sidebar or focused is self.articles:
            return focused
        return self.reader if self.reader.url else self.articles

    def focused_url(self) -> str | None:
        """The URL the focused pane points at: the list row, the article, or the section."""
        focused = self.screen.focused
        if focused is self.articles:
            return self.articles.current_url
        if focused is self.sidebar:
            section = self.sidebar.cursor_section
            return section.url if section else None
        return self.reader.url if self.reader.is_article else self.articles.current_url

    def focused_section(self) -> tuple[str, str] | None:
        """The ``(list URL, title)`` of the section under the sidebar's cursor when it has the
        focus, else of the list on show."""
        section = self.sidebar.cursor_section if self.screen.focused is self.sidebar else None
        if section is not None and section.url:
            return section.url, section.title
        return self.articles.section

    def back(self) -> None:
        """Leave full screen, else move the focus back one pane (reader, list, sidebar)."""
        focused = self.screen.focused
        if self.screen.maximized is not None:
            self.screen.minimize()
        elif focused is self.reader:
            self.articles.focus()
        elif focused is self.articles and not self.sidebar_hidden:
            self.sidebar.focus()
