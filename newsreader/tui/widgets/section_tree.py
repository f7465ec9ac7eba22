"""The sidebar: the site's sections as a tree, with unread/listed (and new since sync) counts.

It loads itself: :meth:`SectionTree.load` shows the cached tree at once and refreshes it in its
own ``sections`` worker; what arrived is announced with :class:`SectionTree.Loaded`, a failure
with :class:`~newsreader.tui.messages.LoadFailed`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import work
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import Tree
from textual.widgets.tree import TreeNode
from textual.worker import Worker, WorkerState

from newsreader.core.models import Section
from newsreader.core.results import Result
from newsreader.tui.i18n import Translator
from newsreader.tui.messages import LoadFailed
from newsreader.tui.render import safe_line

if TYPE_CHECKING:
    from newsreader.core.service import NewsService
    from newsreader.tui.state import Count, ReadingState

Path = tuple[str, ...]


@dataclass(frozen=True, slots=True)
class NodeData:
    """What a tree node stands for: a section (with its title path) or the starred list."""

    path: Path
    section: Section | None = None
    starred: bool = False


class SectionTree(Tree[NodeData]):
    """The section tree. Posts :class:`SectionTree.Selected` when a section is opened.

    Labels are built as ``Text`` objects from plain strings: menu titles come from the web and
    must never be read as markup.

    Args:
        service: Where the sections come from.
        state: The shared reading state (for the unread counts).
        tr: The UI language.
    """

    class Selected(Message):
        """The user opened a section (Enter or a click)."""

        def __init__(self, section: Section) -> None:
            super().__init__()
            self.section = section

    class StarredSelected(Message):
        """The user opened the starred-articles pseudo-section."""

    class Loaded(Message):
        """A refreshed tree arrived (and is on show).

        Attributes:
            result: The sections and where they came from.
            site_name: The site's name from its home page (plain text), if it has one.
        """

        def __init__(
            self, result: Result[tuple[Section, ...]], site_name: str | None = None
        ) -> None:
            super().__init__()
            self.result = result
            self.site_name = site_name

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left", "collapse_or_parent", "key.collapse"),
        Binding("right", "expand", "key.expand"),
        Binding("j", "cursor_down", "key.move", show=False),
        Binding("k", "cursor_up", "key.move", show=False),
        Binding("g", "scroll_home_cursor", "key.top", show=False),
        Binding("G", "scroll_end_cursor", "key.bottom", show=False),
        Binding("enter", "select_cursor", "key.open"),
    ]

    def __init__(
        self, service: NewsService, state: ReadingState, tr: Translator, *, id: str | None = None
    ) -> None:
        super().__init__("sections", id=id)
        self.service = service
        self.state = state
        self.tr = tr
        self.show_root = False
        self.guide_depth = 2
        self.border_title = tr("pane.sections")
        self._counts: dict[str, Count] = {}  # list URL -> its counts
        self._sections: tuple[Section, ...] | None = None

    def process_label(self, label: str | Text) -> Text:
        """Treat string labels as plain text, never as markup (defence in depth)."""
        text = Text(safe_line(label)) if isinstance(label, str) else label
        return super().process_label(text)

    @property
    def sections(self) -> tuple[Section, ...] | None:
        """The sections on show, or ``None`` before any arrived."""
        return self._sections

    @property
    def cursor_section(self) -> Section | None:
        """The section under the cursor (``None`` on the starred entry or an empty tree)."""
        node = self.cursor_node
        return node.data.section if node and node.data else None

    # --- loading -------------------------------------------------------------------------------

    def load(self) -> None:
        """Show the cached sections at once (no spinner), then refresh them in the background."""
        cached = self.service.cached_sections()
        if cached is not None:
            self.set_sections(cached.value)
            # Unread counts read every section's cached list: after the first frame.
            self.call_after_refresh(self.update_counts)
        # The refresh (a cache read when offline, else a request whose answer takes far longer
        # than a frame) redraws the tree and counts: start it once the cached tree is painted.
        self.call_after_refresh(self.reload)

    @work(group="sections", exclusive=True, exit_on_error=False)
    async def reload(self) -> None:
        """Fetch the section tree and the site's name (a fetch still running is cancelled)."""
        result = await self.service.sections()
        self.set_sections(result.value)
        self.update_counts()
        name = await self.service.site_name()
        self.post_message(self.Loaded(result, safe_line(name) if name else None))

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """Pass a failed refresh on to the screen (the cached tree stays on show)."""
        worker = event.worker
        if worker.group != "sections" or worker.error is None:
            return
        if event.state is WorkerState.ERROR:
            self.post_message(LoadFailed("sections", "", worker.error))

    def update_counts(self, sections: Iterable[str] | None = None) -> None:
        """Show, next to each section, how many of the articles it lists are unread, of how many.

        A synced section also shows how many of the unread ones its last sync brought in.

        Args:
            sections: Recount only these list URLs (the others' counts cannot have changed);
                ``None``: every section.
        """
        urls = self.section_urls() if sections is None else list(sections)
        self.set_counts(self.state.counts(urls))

    def set_sections(self, sections: tuple[Section, ...]) -> None:
        """Show ``sections``, keeping the expanded nodes and the cursor where they were.

        A background refresh that brings the same tree changes nothing at all.
        """
        if sections == self._sections:
            return
        cursor = self.cursor_node.data.path if self.cursor_node and self.cursor_node.data else None
        expanded = {n.data.path for n in self._walk() if n.is_expanded and n.data}
        self._sections = sections
        self.clear()
        for section in sections:
            self._add(self.root, section, (), expanded)
        self.root.add_leaf(
            self._label(self.tr("tree.starred"), None), NodeData(("★",), starred=True)
        )
        target = next((n for n in self._walk() if n.data and n.data.path == cursor), None)
        self.call_after_refresh(self._restore_cursor, target)

    def set_counts(self, counts: dict[str, Count]) -> None:
        """Update the counts of the sections whose list URL is in ``counts``."""
        changed = {url: n for url, n in counts.items() if self._counts.get(url) != n}
        if not changed:
            return
        self._counts.update(changed)
        for node in self._walk():
            section = node.data.section if node.data else None
            if section is not None and section.url in changed:
                node.set_label(self._label(section.title, section.url))

    def section_urls(self) -> list[str]:
        """Return the list URLs of all sections, in tree order."""
        if not self._sections:
            return []
        return [s.url for top in self._sections for _, s in top.walk() if s.url]

    def reveal(self, url: str) -> Section | None:
        """Put the cursor on the section listed at ``url`` (its parents expanded); return it.

        Next unread (``n``) moves to another section: the tree follows, as the list does.
        """
        node = next(
            (n for n in self._walk() if n.data and n.data.section and n.data.section.url == url),
            None,
        )
        if node is None or node.data is None:
            return None
        parent = node.parent
        while parent is not None and parent is not self.root:
            parent.expand()
            parent = parent.parent
        self.call_after_refresh(self.move_cursor, node)
        return node.data.section

    def action_collapse_or_parent(self) -> None:
        """Collapse the node under the cursor, or go to its parent when it is collapsed."""
        node = self.cursor_node
        if node is None:
            return
        if node.is_expanded:
            node.collapse()
        elif node.parent is not None and node.parent is not self.root:
            self.move_cursor(node.parent)

    def action_expand(self) -> None:
        """Expand the node under the cursor."""
        if self.cursor_node is not None and self.cursor_node.allow_expand:
            self.cursor_node.expand()

    def action_scroll_home_cursor(self) -> None:
        """Move the cursor to the first node."""
        self.move_cursor_to_line(0)

    def action_scroll_end_cursor(self) -> None:
        """Move the cursor to the last visible node."""
        if self.last_line >= 0:
            self.move_cursor_to_line(self.last_line)

    def on_tree_node_selected(self, event: Tree.NodeSelected[NodeData]) -> None:
        """Turn a tree selection into our own message, which the screen handles."""
        event.stop()
        data = event.node.data
        if data is None:
            return
        if data.starred:
            self.post_message(self.StarredSelected())
        elif data.section is not None and data.section.url:
            self.post_message(self.Selected(data.section))

    # --- helpers ---------------------------------------------------------------------------

    def _add(
        self,
        parent: TreeNode[NodeData],
        section: Section,
        path: Path,
        expanded: set[Path],
    ) -> None:
        here = (*path, section.title)
        data = NodeData(here, section)
        label = self._label(section.title, section.url)
        if not section.children:
            parent.add_leaf(label, data)
            return
        node = parent.add(label, data, expand=here in expanded)
        for child in section.children:
            self._add(node, child, here, expanded)

    def _label(self, title: str, url: str | None) -> Text:
        label = Text(safe_line(title))
        count = self._counts.get(url or "")
        if count is not None and count.total:
            extra = f" · {self.tr('tree.new', count=count.new)}" if count.new else ""
            # unread/listed, as newsboat: bold while something is unread.
            style = "bold" if count.unread else "dim"
            label.append(f" ({count.unread}/{count.total}{extra})", style=style)
        return label

    def _walk(self) -> list[TreeNode[NodeData]]:
        out: list[TreeNode[NodeData]] = []
        stack = list(reversed(self.root.children))
        while stack:
            node = stack.pop()
            out.append(node)
            stack.extend(reversed(node.children))
        return out

    def _restore_cursor(self, node: TreeNode[NodeData] | None) -> None:
        if node is not None:
            self.move_cursor(node)
        elif self.cursor_line < 0 and self.last_line >= 0:
            self.move_cursor_to_line(0)
