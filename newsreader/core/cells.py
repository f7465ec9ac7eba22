"""Terminal cell widths for CJK text, without importing Rich (the CLI's offline path stays lean).

Chinese characters and full-width punctuation take two cells; combining marks none. Wrapping and
truncation count cells, never characters, so columns line up.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

# Prohibited at the start of a line (kinsoku): closing punctuation stays with the text before it.
_NO_LINE_START = frozenset("，。、；：！？）》」』】〕〉”’…—,.;:!?)]}%")


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


def wrap(text: str, width: int, indent: str = "") -> list[str]:
    """Wrap one paragraph to ``width`` cells.

    Latin words are kept whole when they fit on a line; CJK text breaks between any two
    characters, except before closing punctuation.
    """
    width = max(width, 8)
    lines: list[str] = []
    for raw_line in text.split("\n"):
        line = indent
        used = cell_len(indent)
        tokens = _tokens(raw_line)
        for token in tokens:
            w = cell_len(token)
            if used + w > width and line.strip():
                if token[0] in _NO_LINE_START and w <= 2:
                    line += token
                    lines.append(line.rstrip())
                    line, used = indent, cell_len(indent)
                    continue
                lines.append(line.rstrip())
                line, used = indent, cell_len(indent)
                if token == " ":
                    continue
            if w > width - used:
                for ch in token:
                    cw = char_width(ch)
                    if used + cw > width:
                        lines.append(line)
                        line, used = indent, cell_len(indent)
                    line += ch
                    used += cw
                continue
            line += token
            used += w
        lines.append(line.rstrip())
    return lines


def _tokens(text: str) -> list[str]:
    """Split into latin words, single spaces and single wide characters."""
    tokens: list[str] = []
    word = ""
    for ch in text:
        if ch == " ":
            if word:
                tokens.append(word)
                word = ""
            tokens.append(" ")
        elif ch.isascii() or char_width(ch) == 1:
            word += ch
        else:
            if word:
                tokens.append(word)
                word = ""
            tokens.append(ch)
    if word:
        tokens.append(word)
    return tokens
