"""What the sidebar knows of its sources: each one's sections, which failed to load, the unread
counts of every section, and the labels they make (plain Python; the tree widget shows them)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from rich.text import Text

from newsreader.core.models import Section
from newsreader.tui.i18n import Translator
from newsreader.tui.render import safe_line
from newsreader.tui.sources import Shown, SourceSet
from newsreader.tui.state import Count
from newsreader.tui.widgets.tree_nodes import count_label, rolled_up

if TYPE_CHECKING:
    from newsreader.core.service import NewsService
    from newsreader.tui.state import ReadingState


class SourceTrees:
    """The sections of the sources on show, by source name, and their counts by list URL.

    Args:
        sources: The sources on show, each with its service.
        tr: The UI language (of the labels).

    Attributes:
        trees: Source name -> its sections (a source not loaded yet has none).
        failed: The sources whose last load failed.
        counts: List URL -> its counts.
    """

    def __init__(self, sources: SourceSet, tr: Translator) -> None:
        self.sources = sources
        self.tr = tr
        self.trees: dict[str, tuple[Section, ...]] = {}
        self.failed: set[str] = set()
        self.counts: dict[str, Count] = {}

    @property
    def sections(self) -> tuple[Section, ...] | None:
        """Every source's sections, in order, or ``None`` before any arrived."""
        if not self.trees:
            return None
        return tuple(s for shown in self.sources.shown for s in self.trees.get(shown.name, ()))

    def shown(self, name: str) -> Shown | None:
        """The source on show named ``name`` (``None`` once removed)."""
        return next((s for s in self.sources.shown if s.name == name), None)

    def urls(self, source: str) -> list[str]:
        """The list URLs of a source's sections, in tree order."""
        tree = self.trees.get(source, ())
        # A parent and its first child often list the same page: each URL once.
        return list(dict.fromkeys(s.url for top in tree for _, s in top.walk() if s.url))

    def section_urls(self) -> list[str]:
        """The list URLs of every source's sections, in tree order."""
        return [url for shown in self.sources.shown for url in self.urls(shown.name)]

    def service_of(self, url: str) -> NewsService | None:
        """The service of the source whose tree lists the section at ``url``, if any."""
        return next((s.service for s in self.sources.shown if url in self.urls(s.name)), None)

    def forget(self, name: str) -> None:
        """Drop what is known of a source removed from the list."""
        self.trees.pop(name, None)
        self.failed.discard(name)

    def recount(self, state: ReadingState, sections: Iterable[str] | None) -> dict[str, Count]:
        """Count the sections ``sections`` (list URLs; ``None``: all); return the changed."""
        wanted = None if sections is None else set(sections)
        counts: dict[str, Count] = {}
        for shown in self.sources.shown:
            urls = [u for u in self.urls(shown.name) if wanted is None or u in wanted]
            if urls:
                # Each source's marks are in its kind's key space: counted by its library.
                counts.update(state.counts(urls, shown.service.library))
        return self.changed(counts)

    def top_label(self, name: str) -> Text:
        """A source's node: its name, its sections' counts added up, whether it failed."""
        counts = rolled_up(self.counts, self.urls(name))
        label = count_label(Text(safe_line(name), style="bold"), counts, self.tr)
        if name in self.failed:
            label.append(f" ⚠ {self.tr('tree.source_failed')}", style="red")
        return label

    def label(self, title: str, url: str | None) -> Text:
        """A section's node (or the starred list's): its title and counts."""
        return count_label(Text(safe_line(title)), self.counts.get(url or ""), self.tr)

    def changed(self, counts: dict[str, Count]) -> dict[str, Count]:
        """Take ``counts``; return those that differ from the ones known."""
        changed = {url: n for url, n in counts.items() if self.counts.get(url) != n}
        self.counts.update(changed)
        return changed
