"""The one sanitizer for text that came from the network.

Pages are untrusted: an HTML entity such as ``&#27;`` becomes a raw ESC once parsed, and a terminal
would act on it (colours, OSC 8 hyperlinks, OSC 52 clipboard writes, cursor moves). Bidi overrides
make a file name or title read differently from what it is, and zero-width characters break search
and cell-width layout. Every string the parser hands out goes through :func:`clean_text` or
:func:`clean_line` first; file names get a stricter treatment on top in the download code.
"""

from __future__ import annotations

import re

# Whole escape sequences first, so that their parameters ("[31m", "]52;c;...") don't survive as
# visible junk once the ESC itself is gone. 7-bit (ESC-introduced) and 8-bit (C1) forms.
_ESCAPE_SEQUENCE = re.compile(
    r"""
    (?:\x1b\[|\x9b)[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]?        # CSI ... final byte
    | (?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])                  # OSC, DCS, SOS, PM, APC ...
      [^\x07\x1b\x9c]{0,4096}(?:\x07|\x1b\\|\x9c)?              # ... up to BEL or ST
    | \x1b[\x20-\x2f]*[\x30-\x7e]?                               # other ESC sequences
    """,
    re.VERBOSE,
)

_ESCAPE_START = re.compile(r"[\x1b\x90-\x9f]")

_REMOVED = [
    *range(0x00, 0x09),  # C0 controls except TAB and LF
    0x0B,
    0x0C,
    *range(0x0E, 0x20),
    0x7F,  # DEL
    *range(0x80, 0xA0),  # C1 controls
    0x200B,  # zero-width space
    0x200C,  # zero-width non-joiner
    0x200D,  # zero-width joiner: also makes emoji cell widths unpredictable
    0x200E,  # LRM
    0x200F,  # RLM
    *range(0x202A, 0x202F),  # LRE RLE PDF LRO RLO
    0x2060,  # word joiner
    *range(0x2066, 0x206A),  # LRI RLI FSI PDI
    0xFEFF,  # BOM / zero-width no-break space
    0xFFF9,  # interlinear annotation controls
    0xFFFA,
    0xFFFB,
]
_TABLE: dict[int, str | None] = dict.fromkeys(_REMOVED)
_TABLE.update(
    {
        0x0D: "\n",  # CR: CRLF becomes LF LF, collapsed by callers that care
        0xA0: " ",  # &nbsp;
        0x3000: " ",  # ideographic space: treated as plain space by layout code
        0x2028: "\n",
        0x2029: "\n",
    }
)
_LINE_TABLE = dict(_TABLE)
_LINE_TABLE.update({0x09: " ", 0x0A: " ", 0x0D: " ", 0x2028: " ", 0x2029: " "})
# Any character that clean_text removes or replaces (escape introducers included). Most text has
# none: one regex scan then spares str.translate, which does a dict lookup per character.
_CHANGED = re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(_TABLE)) + "]")
_LINE_CHANGED = re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(_LINE_TABLE)) + "]")
# Every character that the tables change (controls, format characters, line/paragraph separators,
# spaces other than U+0020) is one for which str.isprintable() is false, so printable text needs
# no cleaning (tests/core/test_text_utils.py checks this against the tables).
_ESCAPE_CHARS = frozenset(chr(c) for c in (0x1B, *range(0x90, 0xA0)))  # see _ESCAPE_START
_SPACES = re.compile(r"[ \t\n]+")
_INLINE_SPACES = re.compile(r"[ \t]+")


def strip_escapes(text: str) -> str:
    """Remove terminal escape sequences (ESC- and C1-introduced) from ``text``."""
    if _ESCAPE_START.search(text):
        return _ESCAPE_SEQUENCE.sub("", text)
    return text


def _replace(text: str, found: list[str], table: dict[int, str | None]) -> str:
    """Apply ``table`` to ``text``, whose characters in the table are ``found``.

    A few distinct characters (the usual ``&nbsp;`` or CR) are replaced with ``str.replace``,
    which runs in C; ``str.translate`` does a dict lookup per character of the whole text. The
    replacements are never themselves in the table, so the order does not matter.
    """
    distinct = set(found)
    if not distinct.isdisjoint(_ESCAPE_CHARS) or len(distinct) > 4:
        return strip_escapes(text).translate(table)
    for char in distinct:
        text = text.replace(char, table[ord(char)] or "")
    return text


def _plain_spaces(text: str) -> str:
    """Return ``text`` with no-break and ideographic spaces made plain spaces, as both tables do.

    They are the usual unprintable characters of a page (``&nbsp;`` indents, U+3000): when the
    result is printable, it is what the tables make of ``text``, without the regex scan.
    """
    return text.replace("\xa0", " ").replace("\u3000", " ")


def clean_text(text: str) -> str:
    """Return ``text`` safe for display, keeping its line breaks and tabs.

    Removes escape sequences, C0/C1 controls (but TAB and LF), bidi controls and zero-width
    characters; turns CR, line/paragraph separators into LF and no-break spaces into spaces.
    """
    if text.isprintable():
        return text  # see _LINE_TABLE: a C loop, ~4x cheaper than the regex scan below
    spaced = _plain_spaces(text)
    if spaced.isprintable():
        return spaced
    found = _CHANGED.findall(text)
    if not found:
        return text
    return _replace(text, found, _TABLE)


def clean_line(text: str) -> str:
    """Return ``text`` as one safe line: :func:`clean_text` with all whitespace runs collapsed."""
    if not text.isprintable():
        spaced = _plain_spaces(text)
        if not spaced.isprintable():
            found = _LINE_CHANGED.findall(text)
            if found:
                text = _replace(text, found, _LINE_TABLE)
            return _SPACES.sub(" ", text).strip()
        text = spaced
    # No tab, newline or character to remove (see _LINE_TABLE): only runs of spaces.
    return (_SPACES.sub(" ", text) if "  " in text else text).strip()


def clean_paragraph(text: str) -> str:
    """Return ``text`` safe for display with inline whitespace collapsed and lines trimmed.

    Line breaks inside the paragraph (``<br>``) survive; runs of spaces and tabs do not.
    """
    text = clean_text(text)
    if "\n" not in text:
        # One line: what the general path returns, without splitting and joining. Stripping
        # first gives the same (no run of spaces crosses the ends of the stripped text) and
        # spares the regex for the most common double space, an indent.
        text = text.strip()
        if "\t" in text or "  " in text:
            text = _INLINE_SPACES.sub(" ", text)
        return text
    lines = (_INLINE_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)
