"""Next and previous unread article (``n`` / ``p``), across sections in tree order, as newsboat.

Plain Python over the reading state: the list on show is searched from the article open (or the
cursor) on, then the other sections in the tree's order, each by its list pages in the cache,
wrapping around at the end of the tree; what it found is for the screen to show.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from newsreader.tui.state import ReadingState


@dataclass(frozen=True, slots=True)
class Found:
    """An unread article found by :func:`find_unread`.

    Attributes:
        section: The list it is in: the list on show's key, or a section's list URL.
        url: The article.
        wrapped: The search went past the end (``p``: the start) of the tree to find it.
    """

    section: str
    url: str
    wrapped: bool


@dataclass(frozen=True, slots=True)
class Here:
    """Where the search starts: the list on show and the position in it.

    Attributes:
        key: The list on show (a section's list URL, the starred list's key), if any.
        urls: Its rows' article URLs, in order.
        index: The row of the article open (or under the cursor); the search starts after it
            (``p``: before it).
        inclusive: The row at ``index`` is a candidate too (no article is open yet).
    """

    key: str | None
    urls: Sequence[str]
    index: int
    inclusive: bool = False


def find_unread(state: ReadingState, order: Sequence[str], here: Here, delta: int) -> Found | None:
    """The next (``delta`` > 0) or previous unread article from ``here``, or ``None``.

    Args:
        state: The reading state (read marks, each section's cached list).
        order: The sections' list URLs in tree order.
        here: Where to start.
        delta: +1 for the next, -1 for the previous.
    """
    for key, urls, wrapped in _candidates(state, order, here, delta):
        if not urls:
            continue
        read = state.library.read_urls(urls)
        url = next((u for u in urls if u not in read), None)
        if url is not None:
            return Found(key, url, wrapped)
    return None


def _candidates(
    state: ReadingState, order: Sequence[str], here: Here, delta: int
) -> Iterator[tuple[str, list[str], bool]]:
    """Yield ``(list key, article URLs in search order, wrapped)`` in the order searched."""
    forward = delta > 0
    rows = list(here.urls)
    split = here.index + (0 if forward == here.inclusive else 1)
    before, after = rows[:split], rows[split:]
    sections = list(dict.fromkeys(order))
    if here.key is not None:
        yield here.key, after if forward else before[::-1], False
    if here.key in sections:
        at = sections.index(here.key)
        ahead, behind = sections[at + 1 :], sections[:at]
        if not forward:
            ahead, behind = behind[::-1], ahead[::-1]
    else:  # no section on show (or the starred list): every section, none of it wrapping
        ahead, behind = sections if forward else sections[::-1], []
    for section in ahead:
        yield section, _urls(state, section, forward), False
    for section in behind:
        yield section, _urls(state, section, forward), True
    if here.key is not None:
        # The rest of the list on show, last: the search has come round to where it began.
        yield here.key, before if forward else after[::-1], True


def _urls(state: ReadingState, section: str, forward: bool) -> list[str]:
    urls = [item.url for item in state.cached_items(section)]
    return urls if forward else urls[::-1]
