"""The sidebar: the sections as a tree, with unread/listed (and new since sync) counts.

One site shows its sections at the top. A list of sources shows each source as a top node in
the list's order: a VSB site with its section tree under it, a feed as one node (its one
section); a source's node shows the counts of its sections rolled up (:func:`rolled_up`).

It loads itself: :meth:`SectionTree.load` shows the cached trees at once and refreshes each
source's in a worker of its own (group ``sections``, or ``sections:NAME`` for each source of a
list), so no source waits for another; what arrived is announced with :class:`Loaded`, a
failure with :class:`~newsreader.tui.messages.LoadFailed` (for a source of a list, on its node
too). What it knows of each source is :class:`SourceTrees`'; ``a``/``d`` add and remove one.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
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
from newsreader.tui.sources import Shown, SourceSet
from newsreader.tui.state import Count
from newsreader.tui.widgets.source_trees import SourceTrees
from newsreader.tui.widgets.tree_nodes import NodeData, Path

if TYPE_CHECKING:
    from newsreader.core.service import NewsService
    from newsreader.tui.state import ReadingState


class SectionTree(Tree[NodeData]):
    """The section tree. Posts :class:`SectionTree.Selected` when a section is opened.

    Labels are built as ``Text`` objects from plain strings: menu titles come from the web and
    must never be read as markup.

    Args:
        service: Where the sections come from (the one site, when ``sources`` is not given).
        state: The shared reading state (for the unread counts).
        tr: The UI language.
        sources: The sources on show, each with its service.
    """

    class Selected(Message):
        """The user opened a section (Enter or a click)."""

        def __init__(self, section: Section, service: NewsService | None = None) -> None:
            super().__init__()
            self.section = section
            self.service = service

    class StarredSelected(Message):
        """The user opened the starred-articles pseudo-section."""

    class SourceRemoved(Message):
        """A source was taken off the list (``d``); ``service`` was its service."""

        def __init__(self, service: NewsService) -> None:
            super().__init__()
            self.service = service

    class Loaded(Message):
        """A refreshed tree arrived (and is on show).

        Attributes:
            result: The sections and where they came from.
            site_name: The site's name from its home page (plain text), if it has one.
            source: The source's name in the list (empty for the one-off site).
        """

        def __init__(
            self,
            result: Result[tuple[Section, ...]],
            site_name: str | None = None,
            source: str = "",
        ) -> None:
            super().__init__()
            self.result = result
            self.site_name = site_name
            self.source = source

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left", "collapse_or_parent", "key.collapse"),
        Binding("right", "expand", "key.expand"),
        Binding("j", "cursor_down", "key.move", show=False),
        Binding("k", "cursor_up", "key.move", show=False),
        Binding("g", "scroll_home_cursor", "key.top", show=False),
        Binding("G", "scroll_end_cursor", "key.bottom", show=False),
        Binding("enter", "select_cursor", "key.open"),
        Binding("a", "add_source", "key.add_source", show=False),
        Binding("d", "remove_source", "key.remove_source", show=False),
    ]

    def __init__(
        self,
        service: NewsService,
        state: ReadingState,
        tr: Translator,
        *,
        id: str | None = None,
        sources: SourceSet | None = None,
    ) -> None:
        super().__init__("sections", id=id)
        self.service = service
        self.state = state
        self.tr = tr
        self.sources = sources if sources is not None else SourceSet(service, None)
        self.show_root = False
        self.guide_depth = 2
        self.border_title = tr("pane.sections")
        self.known = SourceTrees(self.sources, tr)

    def process_label(self, label: str | Text) -> Text:
        """Treat string labels as plain text, never as markup (defence in depth)."""
        text = Text(safe_line(label)) if isinstance(label, str) else label
        return super().process_label(text)

    @property
    def sections(self) -> tuple[Section, ...] | None:
        """The sections on show (every source's, in order), or ``None`` before any arrived."""
        return self.known.sections

    @property
    def cursor_section(self) -> Section | None:
        """The section under the cursor (``None`` on the starred entry or an empty tree)."""
        node = self.cursor_node
        return node.data.section if node and node.data else None

    @property
    def cursor_source(self) -> Shown | None:
        """The source whose node (or one of its sections) is under the cursor, in a list."""
        node = self.cursor_node
        if node is None or node.data is None or not self.sources.several:
            return None
        return self.known.shown(node.data.source)

    # --- loading -------------------------------------------------------------------------------

    def load(self) -> None:
        """Show the cached sections at once (no spinner), then refresh them in the background."""
        # A cache read per source (well under a millisecond each: twenty are not worth a frame).
        self._load_cached()
        # The refresh (a cache read when offline, else a request whose answer takes far longer
        # than a frame) redraws the tree and counts: start it once the cached tree is painted.
        self.call_after_refresh(self.reload)

    def _load_cached(self) -> None:
        cached = {s.name: s.service.cached_sections() for s in self.sources.shown}
        trees = {name: hit.value for name, hit in cached.items() if hit is not None}
        self.known.trees.update(trees)
        if trees or self.sources.several:
            self._rebuild()
        if trees:
            # Unread counts read every section's cached list: after the first frame.
            self.call_after_refresh(self.update_counts)

    def reload(self) -> None:
        """Refresh every source's sections, each in its own worker.

        Offline, a source of a list whose cached tree is on show is left alone: its refresh
        would read the same tree again, and twenty of them would hold up the first keys.
        """
        for shown in self.sources.shown:
            cached = shown.name in self.known.trees
            if not (self.sources.several and shown.service.offline and cached):
                self.reload_source(shown)

    def reload_source(self, shown: Shown, section: str | None = None) -> None:
        """Fetch a source's sections and name (a fetch of it still running is cancelled); with
        ``section``, that list URL's first page first (``r`` on its node: its counts follow)."""
        group = f"sections:{shown.name}" if self.sources.several else "sections"
        fetch = self._fetch(shown, section)
        self.run_worker(fetch, name=shown.name, group=group, exclusive=True, exit_on_error=False)

    async def _fetch(self, shown: Shown, section: str | None = None) -> None:
        if section and not shown.service.offline:  # offline, the cached page is all there is
            await shown.service.list_page(section)
            self.state.forget(section)  # what it lists is re-read from the page just cached
        result = await shown.service.sections()
        if self.known.shown(shown.name) is not shown:
            return  # removed while loading
        self.known.failed.discard(shown.name)
        self.set_sections(result.value, shown.name)
        self.update_counts(self.known.urls(shown.name))
        name = await shown.service.site_name()
        self.post_message(self.Loaded(result, safe_line(name) if name else None, shown.name))

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """Pass a failed refresh on to the screen (the cached tree stays on show); in a list,
        the source's node says it failed too."""
        worker = event.worker
        if not worker.group.startswith("sections") or worker.error is None:
            return
        if event.state is WorkerState.ERROR:
            # In a list the source's node says it failed: the status line notes the network
            # but shows no toast per source (twenty sources offline would be twenty toasts).
            several = self.sources.several and self.known.shown(worker.name) is not None
            if several:
                self.known.failed.add(worker.name)
                self._relabel_tops(worker.name)
            self.post_message(LoadFailed("sections", worker.name, worker.error, quiet=several))

    def update_counts(self, sections: Iterable[str] | None = None) -> None:
        """Show, next to each section, how many of the articles it lists are unread, of how many.

        A synced section also shows how many of the unread ones its last sync brought in.

        Args:
            sections: Recount only these list URLs (the others' counts cannot have changed);
                ``None``: every section.
        """
        changed = self.known.recount(self.state, sections)
        if changed:
            self._relabel(changed)

    def set_sections(self, sections: tuple[Section, ...], source: str | None = None) -> None:
        """Show ``sections`` (of the source ``source``; by default the first), keeping the
        expanded nodes and the cursor where they were.

        A background refresh that brings the same tree changes nothing at all.
        """
        if source is None:
            source = self.sources.shown[0].name if self.sources.shown else ""
        if sections == self.known.trees.get(source):
            return
        self.known.trees[source] = sections
        self._rebuild()

    def add_source(self, shown: Shown) -> None:
        """Show a source just added to the list (last), and load its sections."""
        self._rebuild()
        self.reload_source(shown)

    def remove_source(self, name: str) -> None:
        """Stop showing a source just removed from the list."""
        self.workers.cancel_group(self, f"sections:{name}")
        self.known.forget(name)
        self._rebuild()

    def _rebuild(self) -> None:
        cursor = self.cursor_node.data.path if self.cursor_node and self.cursor_node.data else None
        expanded = {n.data.path for n in self._walk() if n.is_expanded and n.data}
        if self.sources.several and not self._walk() and self.sources.shown:
            expanded.add((self.sources.shown[0].name,))  # the first source opens at start
        self.clear()
        for shown in self.sources.shown:
            sections = self.known.trees.get(shown.name, ())
            if not self.sources.several:
                for section in sections:
                    self._add(self.root, section, (), expanded, shown.name)
            elif shown.kind == "feed":
                # A feed is one section: its node is that section.
                data = NodeData((shown.name,), sections[0] if sections else None, source=shown.name)
                self.root.add_leaf(self.known.top_label(shown.name), replace(data, top=True))
            else:
                top = (shown.name,)
                data = NodeData(top, source=shown.name, top=True)
                node = self.root.add(self.known.top_label(shown.name), data, expand=top in expanded)
                for section in sections:
                    self._add(node, section, top, expanded, shown.name)
        self.root.add_leaf(
            self.known.label(self.tr("tree.starred"), None), NodeData(("★",), starred=True)
        )
        target = next((n for n in self._walk() if n.data and n.data.path == cursor), None)
        self.call_after_refresh(self._restore_cursor, target)

    def _relabel(self, changed: dict[str, Count]) -> None:
        for node in self._walk():
            data = node.data
            section = data.section if data else None
            if data is not None and not data.top and section is not None and section.url in changed:
                node.set_label(self.known.label(section.title, section.url))
        self._relabel_tops()

    def section_urls(self) -> list[str]:
        """Return the list URLs of all sections, in tree order."""
        return self.known.section_urls()

    def service_of(self, url: str) -> NewsService | None:
        """The service of the source whose tree lists the section at ``url``, if any."""
        return self.known.service_of(url)

    def _relabel_tops(self, only: str | None = None) -> None:
        if self.sources.several:
            for node in self.root.children:
                data = node.data
                if data is not None and data.top and only in (None, data.source):
                    node.set_label(self.known.top_label(data.source))

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

    def action_add_source(self) -> None:
        """Add a source from a URL (a dialog); it appears last."""
        from newsreader.tui.screens.sources import add_source

        add_source(self)

    def action_remove_source(self) -> None:
        """Remove the source under the cursor from the list, after confirming."""
        from newsreader.tui.screens.sources import remove_source

        remove_source(self)

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
            shown = self.known.shown(data.source)
            self.post_message(self.Selected(data.section, shown.service if shown else None))

    # --- helpers ---------------------------------------------------------------------------

    def _add(
        self,
        parent: TreeNode[NodeData],
        section: Section,
        path: Path,
        expanded: set[Path],
        source: str,
    ) -> None:
        here = (*path, section.title)
        data = NodeData(here, section, source=source)
        label = self.known.label(section.title, section.url)
        if not section.children:
            parent.add_leaf(label, data)
            return
        node = parent.add(label, data, expand=here in expanded)
        for child in section.children:
            self._add(node, child, here, expanded, source)

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
