"""Article to plain text for a terminal (``newsreader read``): wrapped and aligned by cells.

Lines are wrapped by :func:`newsreader.core.cells.wrap` (the TUI's reader breaks lines by the
same rule), the metadata is laid out between fields as the reader lays it out
(:func:`newsreader.core.cells.field_lines`), and tables are drawn as a grid whose columns line
up in terminal cells, a Chinese character taking two.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import pairwise

from newsreader.core.cells import break_offsets, cell_len, join_fields, wrap
from newsreader.core.models import Article, Block
from newsreader.core.render.dispatch import write_block
from newsreader.core.render.labels import Labels, labels_for
from newsreader.core.sanitize import clean_line

NO_WRAP = 1_000_000


# The narrowest a column is squeezed to when a table is wrapped (three CJK characters): a
# narrower one reads as a vertical strip of characters, and the row form reads better.
MIN_COLUMN = 6


def table_grid(
    rows: Sequence[Sequence[str]],
    max_width: int,
    text_cells: Callable[[str], int] = cell_len,
    *,
    header_rule: bool = False,
) -> list[str] | None:
    """Return a table as ``│ a │ b │`` lines, its columns padded to line up in cells.

    A table wider than ``max_width`` has its widest columns narrowed until it fits (none below
    :data:`MIN_COLUMN` cells, or its own width when narrower) and their cells wrapped by the one
    line-breaking rule (:func:`~newsreader.core.cells.break_offsets`); rows are then ruled off
    from each other, since a row is no longer one line.

    Args:
        rows: The cells, row by row (one line each; short rows are padded with empty cells).
        max_width: The widest grid allowed, in cells.
        text_cells: The cell width of a string (the TUI passes Textual's own measure); it is also
            asked the width of single characters, to wrap cells.
        header_rule: Draw a ``├──┼──┤`` rule under the first row (for output that cannot make
            the header bold).

    Returns:
        The grid's lines, or ``None`` when it cannot fit ``max_width`` even wrapped (the caller
        then shows the rows some other way) or there are no cells.
    """
    cells = [list(row) for row in rows if row]
    if not cells:
        return None
    columns = max(len(row) for row in cells)
    cells = [row + [""] * (columns - len(row)) for row in cells]
    natural = [max(text_cells(row[i]) for row in cells) for i in range(columns)]
    widths = column_widths(natural, max_width - 3 * columns - 1)
    if widths is None:
        return None
    table = [
        [_cell_lines(cell, width, text_cells) for cell, width in zip(row, widths, strict=True)]
        for row in cells
    ]
    ruled = any(len(cell) > 1 for row in table for cell in row)
    rule = "├" + "┼".join("─" * (width + 2) for width in widths) + "┤"
    lines: list[str] = []
    for index, row in enumerate(table):
        if index and (ruled or (header_rule and index == 1)):
            lines.append(rule)
        for k in range(max(len(cell) for cell in row)):
            padded = []
            for cell, width in zip(row, widths, strict=True):
                part = cell[k] if k < len(cell) else ""
                padded.append(part + " " * (width - text_cells(part)))
            lines.append("│ " + " │ ".join(padded) + " │")
    return lines


def column_widths(natural: Sequence[int], room: int) -> list[int] | None:
    """Return column widths that fit ``room`` cells, the widest columns narrowed first.

    Args:
        natural: Each column's widest cell, in cells.
        room: The cells the columns may take together (the rules and padding excluded).

    Returns:
        ``natural`` when it fits; else every column capped at the largest width that fits (a
        column keeps at least ``min(natural, MIN_COLUMN)``), the cells left over given to the
        capped columns from the left; ``None`` when even the narrowest columns do not fit.
    """
    if sum(natural) <= room:
        return list(natural)
    floor = [min(width, MIN_COLUMN) for width in natural]
    if sum(floor) > room:
        return None

    def capped(cap: int) -> list[int]:
        return [max(low, min(width, cap)) for low, width in zip(floor, natural, strict=True)]

    low, high = 0, max(natural)
    while low < high:  # the largest cap that fits; cap 0 (the floor) does
        middle = (low + high + 1) // 2
        if sum(capped(middle)) <= room:
            low = middle
        else:
            high = middle - 1
    widths = capped(low)
    spare = room - sum(widths)
    for i, width in enumerate(natural):
        if spare and widths[i] < width:
            widths[i] += 1
            spare -= 1
    return widths


def _cell_lines(text: str, width: int, text_cells: Callable[[str], int]) -> list[str]:
    if text_cells(text) <= width:
        return [text]
    starts = [0, *break_offsets(text, width, text_cells), len(text)]
    return [text[a:b].strip() for a, b in pairwise(starts)]


class TextWriter:
    """Body blocks as lines of plain text at most ``width`` cells wide (no lines: skip it).

    Args:
        width: The terminal's width in cells (:data:`NO_WRAP` when output is not a terminal).
        labels: The labels in the run's language.
    """

    def __init__(self, width: int, labels: Labels) -> None:
        self.width = width
        self.labels = labels

    def heading(self, block: Block) -> list[str]:
        """The text in 【】."""
        return wrap(f"【{block.text}】", self.width) if block.text else []

    def paragraph(self, block: Block) -> list[str]:
        """The text, wrapped."""
        return wrap(block.text, self.width) if block.text else []

    def list_item(self, block: Block) -> list[str]:
        """``• text`` indented by depth; wrapped lines hang under the text, not the marker."""
        prefix = "  " * max(block.level - 1, 0) + (block.marker or "•") + " "
        hang = " " * cell_len(prefix)
        lines = wrap(block.text, self.width, indent=hang)
        lines[0] = prefix + lines[0][len(hang) :]
        return lines

    def table(self, block: Block) -> list[str]:
        """A grid, cells wrapped when it is too wide; else each row alone, cells between ``|``."""
        # One line per cell: a line break or tab inside one would break the grid.
        rows = [[clean_line(cell) for cell in row] for row in block.rows if row]
        if not rows:
            return []
        grid = table_grid(rows, self.width, header_rule=True)
        if grid is None:
            return wrap("\n".join(" | ".join(row) for row in rows), self.width)
        return grid

    def image(self, block: Block) -> list[str]:
        """``[图片: alt] url``."""
        alt = block.text or self.labels.no_caption
        return wrap(f"[{self.labels.image}: {alt}] {block.url}", self.width)

    def quote(self, block: Block) -> list[str]:
        """The text, wrapped."""
        return wrap(block.text, self.width) if block.text else []

    def pre(self, block: Block) -> list[str]:
        """The text, wrapped."""
        return wrap(block.text, self.width) if block.text else []


def article_to_text(article: Article, width: int = NO_WRAP, labels: Labels | None = None) -> str:
    """Return a readable plain-text rendering of ``article``, wrapped to ``width`` cells.

    Args:
        article: The article.
        width: The width in cells to wrap to.
        labels: The metadata labels, in the run's language (Chinese when not given).
    """
    words = labels or labels_for("zh")
    out: list[str] = []
    title_lines = wrap(article.title, width)
    out.extend(title_lines)
    out.append("=" * min(max(cell_len(line) for line in title_lines), width))
    # Wrapped between fields, as the reader shows them: a label is never broken.
    out.extend(
        join_fields(
            [f"{label}: {clean_line(value)}" for label, value in words.meta(article)], width
        )
    )
    if article.section:
        out.extend(wrap(f"{words.section}: " + " › ".join(article.section), width))
    out.append(article.url)
    writer = TextWriter(width, words)
    for block in article.blocks:
        lines = write_block(block, writer)
        if lines:
            out.append("")
            out.extend(lines)
    if article.attachments:
        out += ["", f"{words.attachments}:"]
        for i, att in enumerate(article.attachments, 1):
            out += [f"  {i}. {att.name}", f"     {att.url}"]
    if article.prev or article.next:
        out.append("")
        for label, link in ((words.prev, article.prev), (words.next, article.next)):
            out.append(f"{label}: {link.title}  {link.url}" if link else f"{label}: {words.none}")
    return "\n".join(out)
