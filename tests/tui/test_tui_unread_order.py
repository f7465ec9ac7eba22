"""The order n/p search in (plain Python, no app): the list on show from where one is, the other
sections in tree order, round past the end, then the rest of the list on show."""

from __future__ import annotations

from typing import Any, cast

import pytest

from newsreader.core.models import ListItem
from newsreader.tui.state import ReadingState
from newsreader.tui.unread import Found, Here, find_unread


class _Library:
    def __init__(self, read: set[str]) -> None:
        self.read = read

    def read_urls(self, urls: Any) -> set[str]:
        return self.read & set(urls)


class _State:
    """What find_unread asks of the reading state: read marks and each section's cached list."""

    def __init__(self, lists: dict[str, list[str]], read: set[str]) -> None:
        self.lists = lists
        self.library = _Library(read)

    def cached_items(self, section: str) -> list[ListItem]:
        return [ListItem(title=u, url=u) for u in self.lists.get(section, [])]


ORDER = ["A", "B", "C"]
LISTS = {"A": ["a1", "a2", "a3"], "B": ["b1", "b2"], "C": ["c1", "c2"]}


def _find(read: set[str], here: Here, delta: int) -> Found | None:
    return find_unread(cast(ReadingState, _State(LISTS, read)), ORDER, here, delta)


@pytest.mark.parametrize(
    ("read", "here", "delta", "expected"),
    [
        # Down the list on show first, from the article open (a1).
        (set(), Here("B", ["b1", "b2"], 0), +1, Found("B", "b2", False)),
        # Nothing open yet: the row under the cursor is a candidate.
        (set(), Here("B", ["b1", "b2"], 0, inclusive=True), +1, Found("B", "b1", False)),
        (set(), Here("B", ["b1", "b2"], 1, inclusive=True), -1, Found("B", "b2", False)),
        # The rest of B read: the next section's first unread, in list order.
        ({"b2", "c1"}, Here("B", ["b1", "b2"], 0), +1, Found("C", "c2", False)),
        # Past the last section: round to the first, saying so.
        ({"b2", "c1", "c2"}, Here("B", ["b1", "b2"], 0), +1, Found("A", "a1", True)),
        # p: up the list, then the previous sections from their last article.
        ({"b1"}, Here("B", ["b1", "b2"], 1), -1, Found("A", "a3", False)),
        ({"b1", "a1", "a2", "a3"}, Here("B", ["b1", "b2"], 1), -1, Found("C", "c2", True)),
        # Only the rows behind the one open are unread: found last, wrapped.
        (
            {"a1", "a2", "a3", "b2", "c1", "c2"},
            Here("B", ["b1", "b2"], 1),
            +1,
            Found("B", "b1", True),
        ),
        # A list that is no section (the starred list): every section, from the first.
        (set(), Here("★", ["x"], 0), +1, Found("A", "a1", False)),
        # Nothing on show yet.
        (set(), Here(None, [], 0), +1, Found("A", "a1", False)),
        (set(), Here(None, [], 0), -1, Found("C", "c2", False)),
    ],
)
def test_search_order(read: set[str], here: Here, delta: int, expected: Found) -> None:
    assert _find(read, here, delta) == expected


def test_nothing_unread_anywhere() -> None:
    every = {u for urls in LISTS.values() for u in urls}
    assert _find(every, Here("B", ["b1", "b2"], 0), +1) is None
    assert _find(every, Here("B", ["b1", "b2"], 0), -1) is None
