"""The one dispatch over block kinds, and what every output needs to know about a block.

Each output implements :class:`BlockWriter`: one method per block kind, named after it. Adding a
kind to ``BlockKind`` makes mypy (``--strict``) fail on the ``match`` below until it has a case,
and then on every writer that lacks the new method, so no output can forget a kind.
"""

from __future__ import annotations

from typing import Protocol, TypeVar, assert_never

from newsreader.core.models import Block

T_co = TypeVar("T_co", covariant=True)
T = TypeVar("T")


class BlockWriter(Protocol[T_co]):
    """An output's rendering of each kind of body block (:class:`~newsreader.core.models.Block`).

    A method may return an "empty" value (``""``, no lines) for a block it has nothing to show
    for, e.g. an image without a usable URL in HTML.
    """

    def heading(self, block: Block) -> T_co:
        """Render a heading (``block.level`` 1-6)."""
        ...

    def paragraph(self, block: Block) -> T_co:
        """Render a paragraph (``block.links`` are spans of its text)."""
        ...

    def list_item(self, block: Block) -> T_co:
        """Render a list item (``block.level`` its depth, ``block.marker`` ``•`` or ``3.``)."""
        ...

    def table(self, block: Block) -> T_co:
        """Render a table (``block.rows``, the first row its header)."""
        ...

    def image(self, block: Block) -> T_co:
        """Render an image (``block.url``, ``block.text`` its alt text)."""
        ...

    def quote(self, block: Block) -> T_co:
        """Render a block quote."""
        ...

    def pre(self, block: Block) -> T_co:
        """Render preformatted text (kept as written)."""
        ...


def write_block(block: Block, writer: BlockWriter[T]) -> T:
    """Return ``writer``'s rendering of ``block``, by the block's kind."""
    match block.kind:
        case "heading":
            return writer.heading(block)
        case "paragraph":
            return writer.paragraph(block)
        case "list_item":
            return writer.list_item(block)
        case "table":
            return writer.table(block)
        case "image":
            return writer.image(block)
        case "quote":
            return writer.quote(block)
        case "pre":
            return writer.pre(block)
        case _:
            assert_never(block.kind)


def link_runs(block: Block) -> list[tuple[str, str | None]]:
    """Split a block's text into runs, each with the URL of the link it is, or ``None``.

    Overlapping or out-of-range link spans (a damaged cache, a parser bug) are skipped rather
    than trusted.
    """
    text = block.text
    runs: list[tuple[str, str | None]] = []
    pos = 0
    for span in sorted(block.links, key=lambda s: s.start):
        if span.start < pos or span.end > len(text) or span.start >= span.end:
            continue
        if span.start > pos:
            runs.append((text[pos : span.start], None))
        runs.append((text[span.start : span.end], span.url))
        pos = span.end
    if pos < len(text) or not runs:
        runs.append((text[pos:], None))
    return runs
