"""Terminal cell widths for CJK text, without importing Rich (the CLI's offline path stays lean).

Chinese characters and full-width punctuation take two cells; combining marks none. Wrapping and
truncation count cells, never characters, so columns line up. :func:`break_offsets` is the one
line-breaking rule of the app: the CLI's text and the TUI's reader both wrap with it;
:func:`field_lines` lays out fields side by side (an article's 来源, 发布日期, 责任编辑) for both.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

# Prohibited at the start of a line (kinsoku): closing punctuation stays with the text before it.
NO_LINE_START = frozenset("，。、；：！？）》」』】〕〉”’…—,.;:!?)]}%")

MIN_WIDTH = 8
"""The narrowest :func:`wrap` and :func:`join_fields` wrap to, in cells."""

FIELD_GAP = "   "
"""What separates two fields on a line (see :func:`field_lines`)."""


@lru_cache(maxsize=4096)
def char_width(ch: str) -> int:
    """Return the number of terminal cells ``ch`` takes (0, 1 or 2)."""
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def cell_len(text: str) -> int:
    """Return the width of ``text`` in terminal cells."""
    if text.isascii():
        return len(text)
    return sum(char_width(ch) for ch in text)


def truncate(text: str, width: int, ellipsis: str = "…") -> str:
    """Cut ``text`` to at most ``width`` cells, ending in ``ellipsis`` when cut."""
    if cell_len(text) <= width:
        return text
    room = width - cell_len(ellipsis)
    out: list[str] = []
    used = 0
    for ch in text:
        w = char_width(ch)
        if used + w > room:
            break
        out.append(ch)
        used += w
    return "".join(out) + ellipsis


def pad(text: str, width: int) -> str:
    """Truncate or pad ``text`` with spaces to exactly ``width`` cells."""
    cut = truncate(text, width)
    return cut + " " * (width - cell_len(cut))


def break_offsets(
    text: str, width: int, char_cells: Callable[[str], int] = char_width
) -> list[int]:
    """Return where the lines of ``text`` (one line, no ``\\n``) wrapped to ``width`` start.

    Latin words stay whole when they fit; CJK text breaks between any two characters, except
    that closing punctuation (，。」…) never starts a line: the characters before it come along.
    A space where a line ends is left at the end of that line, for the caller to strip.

    Args:
        text: The line to wrap.
        width: The width in cells.
        char_cells: The cell width of one character. The TUI passes Textual's own measure, so
            that its lines fit what Textual draws; the CLI uses :func:`char_width`.

    Returns:
        The offsets of the second and later lines (0 is never included).
    """
    offsets: list[int] = []
    line_start = used = i = 0
    size = len(text)
    while i < size:
        ch = text[i]
        token_width = char_cells(ch)
        j = i + 1
        if ch != " " and token_width == 1:
            # A run of narrow characters (a Latin word, a number, a URL) is one token.
            while j < size and text[j] != " " and (cells := char_cells(text[j])) < 2:
                token_width += cells
                j += 1
        if used + token_width > width and i > line_start:
            if ch == " ":
                offsets.append(j)  # the space ends the line and is stripped with it
                line_start, used, i = j, 0, j
                continue
            brk = _kinsoku_break(text, i, line_start)
            carried = sum(char_cells(c) for c in text[brk:i])
            if carried + token_width > width:
                brk, carried = i, 0
            offsets.append(brk)
            line_start, used = brk, carried
        if token_width > width - used:
            # Longer than a line (a URL): fold it wherever the width runs out.
            for k in range(i, j):
                cells = char_cells(text[k])
                if used + cells > width and k > line_start:
                    offsets.append(k)
                    line_start, used = k, 0
                used += cells
        else:
            used += token_width
        i = j
    return offsets


def _kinsoku_break(text: str, at: int, line_start: int) -> int:
    """Move a break at ``at`` back so that no closing punctuation starts the next line."""
    brk = at
    while brk - 1 > line_start and text[brk] in NO_LINE_START:
        brk -= 1
    if text[brk] in NO_LINE_START:
        # The whole line is closing punctuation: no break on it is legal, so break where the
        # width runs out (moving back would leave lines of one character, each starting with it).
        return at
    return brk


def wrap(text: str, width: int, indent: str = "") -> list[str]:
    """Wrap text to ``width`` cells by :func:`break_offsets`, each line starting with ``indent``.

    Each line of ``text`` is wrapped on its own; trailing spaces of every line are dropped.
    """
    width = max(width, MIN_WIDTH)
    room = max(width - cell_len(indent), 1)
    lines: list[str] = []
    for raw_line in text.split("\n"):
        if cell_len(raw_line) <= room:
            lines.append((indent + raw_line).rstrip())
            continue
        starts = [0, *break_offsets(raw_line, room), len(raw_line)]
        lines.extend((indent + raw_line[a:b]).rstrip() for a, b in pairwise(starts))
    return lines


@dataclass(frozen=True, slots=True)
class FieldPiece:
    """The part of a field shown on one line: ``fields[index][start:end]``.

    Attributes:
        index: Which field.
        start: Where the piece starts in the field's text.
        end: Where it ends (exclusive).
    """

    index: int
    start: int
    end: int


def field_lines(
    fields: Sequence[str],
    width: int,
    gap: str = FIELD_GAP,
    text_cells: Callable[[str], int] = cell_len,
) -> list[tuple[FieldPiece, ...]]:
    """Lay fields (``来源: 协会秘书处``) side by side on lines, wrapping between them.

    A field moves whole to the next line when it does not fit after the others, so a label
    (``责任编辑``) is never broken nor cut from its value. Only a field wider than the whole
    line is broken, by :func:`break_offsets`; its pieces take their lines alone, and the next
    field starts a line of its own. The caller joins each line's pieces with ``gap`` (the CLI
    as text, the TUI styling them).

    Args:
        fields: The fields, in order, each one line; empty ones are left out.
        width: The width in cells (at least 1 is used).
        gap: What separates two fields on a line.
        text_cells: The cell width of a string (the TUI passes Textual's own measure); it is
            also asked the width of single characters, to break a field.

    Returns:
        The lines, each the pieces on it, in order; no line is wider than ``width`` cells
        once joined, except for a single character wider than it.
    """
    width = max(width, 1)
    gap_cells = text_cells(gap)
    lines: list[tuple[FieldPiece, ...]] = []
    line: list[FieldPiece] = []
    used = 0
    for index, field in enumerate(fields):
        if not field:
            continue
        cells = text_cells(field)
        if line and used + gap_cells + cells <= width:
            line.append(FieldPiece(index, 0, len(field)))
            used += gap_cells + cells
            continue
        if line:
            lines.append(tuple(line))
            line, used = [], 0
        if cells <= width:
            line, used = [FieldPiece(index, 0, len(field))], cells
            continue
        starts = [0, *break_offsets(field, width, text_cells), len(field)]
        for start, end in pairwise(starts):
            # A space where a line ends is not shown (break_offsets leaves it there).
            stop = start + len(field[start:end].rstrip(" "))
            if stop > start:
                lines.append((FieldPiece(index, start, stop),))
    if line:
        lines.append(tuple(line))
    return lines


def join_fields(fields: Sequence[str], width: int, gap: str = FIELD_GAP) -> list[str]:
    """Return fields laid out by :func:`field_lines` as lines of plain text.

    Like :func:`wrap`, it wraps to at least :data:`MIN_WIDTH` cells.
    """
    return [
        gap.join(fields[p.index][p.start : p.end] for p in pieces)
        for pieces in field_lines(fields, max(width, MIN_WIDTH), gap)
    ]
