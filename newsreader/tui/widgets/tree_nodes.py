"""What the sidebar's nodes stand for and how their counts read (no widget here).

A node is a section (with its title path), the starred list, or a source's own node in a list
of sources; a source's node shows its sections' counts added up (:func:`rolled_up`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from rich.text import Text

from newsreader.core.models import Section
from newsreader.tui.i18n import Translator
from newsreader.tui.state import Count

Path = tuple[str, ...]


@dataclass(frozen=True, slots=True)
class NodeData:
    """What a tree node stands for: a section (with its title path) or the starred list.

    ``source`` names the source the node belongs to (empty for the one-off site); ``top`` marks
    a source's own node.
    """

    path: Path
    section: Section | None = None
    starred: bool = False
    source: str = ""
    top: bool = False


def rolled_up(counts: Mapping[str, Count], urls: Iterable[str]) -> Count:
    """A source node's counts: the sum of its sections' (each list URL once)."""
    unread = total = new = 0
    for url in set(urls):
        count = counts.get(url)
        if count is not None:
            unread, total, new = unread + count.unread, total + count.total, new + count.new
    return Count(unread, total, new)


def count_label(label: Text, count: Count | None, tr: Translator) -> Text:
    """Append ``count`` to a node's ``label`` as ``(unread/listed · N new)``; return it."""
    if count is not None and count.total:
        extra = f" · {tr('tree.new', count=count.new)}" if count.new else ""
        # unread/listed, as newsboat: bold while something is unread.
        style = "bold" if count.unread else "dim"
        label.append(f" ({count.unread}/{count.total}{extra})", style=style)
    return label
