"""One language throughout, on screen: no Chinese snapshot shows an English word.

The snapshots (the matrix of ``test_tui_snapshots.py`` and every other snapshot test's) are
what the tests prove the app draws, so their text is what a user reads. ``tests/english.py``
says which ASCII words Chinese text may hold; a screen adds the site's own text (the demo's
content).
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
        # The demo site's content, not the app's text: editors' initials, file types (``htm``:
        # the end of a URL the width cut at its dot).
        "ch",
        "lqy",
        "wxl",
        "pdf",
        "png",
        "htm",
    }
)

# What is left of a URL the screen's width cut: the next line starts inside it (a query, a
# file name). Only ASCII tokens with a URL's own punctuation.
_URL_PART = re.compile(r"[!-~]*[?&=_%][!-~]*")


def foreign_words(screen: str) -> list[str]:
    """Return the English words of a Chinese screen that nothing allows."""
    words = english_words(_URL_PART.sub(" ", screen))
    return [word for word in words if word not in ON_SCREEN]


PICTURES = SNAPSHOTS.parent
"""Every snapshot file of the TUI tests, one folder per test file."""


def _english(path: Path) -> bool:
    # A parameter "en" in the test's id (test_screen[main-en-60x20], test_links_dialog[en-...]);
    # without one, a picture is of the default language, Chinese.
    return re.search(r"[\[-]en[\]-]", path.stem) is not None


CHINESE = sorted(
    p.relative_to(PICTURES).as_posix() for p in PICTURES.glob("*/*.svg") if not _english(p)
)
ENGLISH = sorted(
    p.relative_to(PICTURES).as_posix() for p in PICTURES.glob("*/*.svg") if _english(p)
)


def screen_of(name: str) -> str:
    return screen_text((PICTURES / name).read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", CHINESE)
def test_a_chinese_screen_has_no_english_word(name: str) -> None:
    screen = screen_of(name)
    assert screen.strip(), f"{name}: no text in the snapshot"
    assert foreign_words(screen) == [], f"{name}:\n{screen}"


@pytest.mark.parametrize("name", ENGLISH)
def test_the_check_finds_the_english_of_an_english_screen(name: str) -> None:
    # The same check on the English pictures must find words: it reads the screen's text, and
    # an English sentence on a Chinese screen would fail it.
    screen = screen_of(name)
    assert len(set(foreign_words(screen))) >= 3, f"{name}:\n{screen}"


def test_the_matrix_is_checked_whole() -> None:
    # Every matrix case has its picture in both lists, and no picture is left of a case that
    # is gone (it would be checked for nothing).
    folder = SNAPSHOTS.name
    matrix = {f"{folder}/test_screen[{case}].svg" for case in MATRIX}
    assert matrix <= set(CHINESE) | set(ENGLISH)
    shown = {p.relative_to(PICTURES).as_posix() for p in SNAPSHOTS.glob("test_screen[[]*.svg")}
    assert shown == matrix


def test_a_url_cut_by_the_width_is_a_fact_and_a_sentence_is_not() -> None:
    screen = "▊ http://127.0.0.1:48123/download.jsp?urltype=\n▊ news.DownloadAttachUrl&owner=1"
    assert foreign_words(screen) == []
    assert foreign_words("未缓存\nPress r to try again.") == ["Press", "to", "try", "again"]
