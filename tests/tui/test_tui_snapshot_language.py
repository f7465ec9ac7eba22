"""One language throughout, on screen: no Chinese snapshot shows an English word.

The snapshots are what the matrix of ``test_tui_snapshots.py`` proves the app draws, so their
text is what a user reads. ``tests/english.py`` says which ASCII words Chinese text may hold;
a screen adds the site's own text (the demo's content) and Textual's names of two keys.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from english import english_words
from snapshot_screens import MATRIX
from snapshot_text import SNAPSHOTS, screen_text

ON_SCREEN = frozenset(
    {
        # Key names as the footer writes them (the help screen writes PageUp and PageDown).
        "pgup",
        "pgdn",
        # The demo site's content, not the app's text: editors' initials, file types.
        "ch",
        "lqy",
        "wxl",
        "pdf",
        "png",
    }
)

# What is left of a URL the screen's width cut: the next line starts inside it (a query, a
# file name). Only ASCII tokens with a URL's own punctuation.
_URL_PART = re.compile(r"[!-~]*[?&=_%][!-~]*")


def foreign_words(screen: str) -> list[str]:
    """Return the English words of a Chinese screen that nothing allows."""
    words = english_words(_URL_PART.sub(" ", screen))
    return [word for word in words if word not in ON_SCREEN]


def snapshot(name: str) -> Path:
    return SNAPSHOTS / f"{name}.svg"


CHINESE = [f"test_screen[{case}]" for case in MATRIX if "-zh-" in case] + [
    "test_narrow_80x24",
    "test_article_full_screen_160x50",
    "test_status_line_80x24[zh]",
]
ENGLISH = [f"test_screen[{case}]" for case in MATRIX if "-en-" in case] + [
    "test_status_line_80x24[en]"
]


@pytest.mark.parametrize("name", CHINESE)
def test_a_chinese_screen_has_no_english_word(name: str) -> None:
    screen = screen_text(snapshot(name).read_text(encoding="utf-8"))
    assert screen.strip(), f"{name}: no text in the snapshot"
    assert foreign_words(screen) == [], f"{name}:\n{screen}"


@pytest.mark.parametrize("name", ENGLISH)
def test_the_check_finds_the_english_of_an_english_screen(name: str) -> None:
    # The same check on the English twin must find words: it reads the screen's text, and an
    # English sentence on a Chinese screen would fail it.
    screen = screen_text(snapshot(name).read_text(encoding="utf-8"))
    assert len(set(foreign_words(screen))) >= 3, f"{name}:\n{screen}"


def test_every_snapshot_is_of_the_matrix() -> None:
    # A snapshot no test compares any more would be checked here for nothing.
    names = {path.stem for path in SNAPSHOTS.glob("*.svg")}
    assert names == set(CHINESE) | set(ENGLISH)


def test_a_url_cut_by_the_width_is_a_fact_and_a_sentence_is_not() -> None:
    screen = "▊ http://127.0.0.1:48123/download.jsp?urltype=\n▊ news.DownloadAttachUrl&owner=1"
    assert foreign_words(screen) == []
    assert foreign_words("未缓存\nPress r to try again.") == ["Press", "to", "try", "again"]
