"""The text of a snapshot: what a user reads on the screen an SVG snapshot shows.

``python tests/tui/snapshot_text.py [FILE.svg...]`` prints each snapshot's screen (every
snapshot of the TUI tests when no file is named), to look at them without a browser.
"""

from __future__ import annotations

import html
import re
import sys
from pathlib import Path

from newsreader.core.cells import cell_len

SNAPSHOTS = Path(__file__).resolve().parent / "__snapshots__" / "test_tui_snapshots"

# One run of text: its column (x over the cell width) and its row (the clip path's line).
_RUN = re.compile(
    r'<text class="terminal-[\w-]+" x="([\d.]+)" y="[\d.]+" textLength="[\d.]+" '
    r'clip-path="url\(#terminal-(?:\d+-)?line-(\d+)\)">([^<]*)</text>'
)
CELL_WIDTH = 12.2  # pixels a cell: Rich's char width at its font size of 20 px


def screen_lines(svg: str) -> list[str]:
    """Return the screen's lines (trailing blanks stripped), each run at its column."""
    rows: dict[int, list[str]] = {}
    for x, line, text in _RUN.findall(svg):
        row = rows.setdefault(int(line), [])
        column = round(float(x) / CELL_WIDTH)
        drawn = cell_len("".join(row))
        if column > drawn:
            row.append(" " * (column - drawn))
        row.append(html.unescape(text).replace("\xa0", " "))
    last = max(rows, default=-1)
    return ["".join(rows.get(i, [])).rstrip() for i in range(last + 1)]


def screen_text(svg: str) -> str:
    """Return the screen as one text."""
    return "\n".join(screen_lines(svg))


def main(argv: list[str]) -> int:
    """Print the screens of the named snapshots, or of every snapshot of the TUI tests."""
    files = [Path(a) for a in argv] or sorted(SNAPSHOTS.parent.glob("*/*.svg"))
    for path in files:
        print(f"=== {path.name}")
        print(screen_text(path.read_text(encoding="utf-8")))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
