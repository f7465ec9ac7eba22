"""Plain-text renderings for the terminal: section trees, article lists, search hits.

Articles are rendered by :mod:`newsreader.core.render.text`.
"""

from __future__ import annotations

from collections.abc import Sequence

from newsreader.core.models import ListItem, Section
from newsreader.core.results import SearchHit


def render_sections(sections: Sequence[Section]) -> str:
    """Return the section tree as an indented outline with URLs."""
    lines: list[str] = []
    for top in sections:
        for path, node in top.walk():
            indent = "  " * (len(path) - 1)
            url = f"  {node.url}" if node.url else ""
            lines.append(f"{indent}{node.title}{url}")
    return "\n".join(lines)


def render_items(items: Sequence[ListItem]) -> str:
    """Return list items one a line: date, title (↗ when external) and URL."""
    lines = []
    for item in items:
        mark = " ↗" if item.external else ""
        lines.append(f"{item.date or ' ' * 10}  {item.title}{mark}  {item.url}")
    return "\n".join(lines)


def render_hits(hits: Sequence[SearchHit]) -> str:
    """Return search hits: date and title, the snippet, the URL."""
    blocks = []
    for hit in hits:
        blocks.append(f"{hit.date or ' ' * 10}  {hit.title}\n    {hit.snippet}\n    {hit.url}")
    return "\n\n".join(blocks)
