"""Helpers of the adversarial TUI tests: waiting for a state, finding and clicking text.

The app itself is built, settled and read by ``tests/apps.py`` (re-exported here).
"""

from __future__ import annotations

import time
from collections.abc import Callable

from apps import NO_DELAY, build_app, main_screen, screen_lines, screen_text, settle
from rich.cells import cell_len
from textual.pilot import Pilot
from textual.widget import Widget

from newsreader.tui.app import NewsreaderApp

__all__ = [
    "NO_DELAY",
    "build_app",
    "click_text",
    "find_on_screen",
    "main_screen",
    "screen_lines",
    "screen_text",
    "settle",
    "wait_until",
]


async def wait_until(pilot: Pilot[None], check: Callable[[], bool], seconds: float = 30) -> bool:
    """Pause until ``check()`` holds, at most ``seconds``; return whether it did."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if check():
            return True
        await pilot.pause(0.05)
    return check()


def find_on_screen(app: NewsreaderApp, text: str) -> list[tuple[int, int]]:
    """Return the ``(x, y)`` cells where ``text`` starts on screen (one per line it is on)."""
    found = []
    for y, line in enumerate(screen_lines(app)):
        start = line.find(text)
        if start >= 0:
            found.append((cell_len(line[:start]), y))
    return found


async def click_text(
    pilot: Pilot[None], text: str, within: Widget | None = None, *, once: bool = False
) -> int:
    """Click the first, middle and last cell of each place ``text`` is shown; return how many.

    (Every cell would be thorough but slow: a click re-renders the whole screen.) ``once``
    clicks only the middle of the first place: for a click that closes a modal.
    """
    places = find_on_screen(pilot.app, text)  # type: ignore[arg-type]
    if within is not None:  # e.g. a modal's list, not the screen showing through around it
        places = [(x, y) for x, y in places if within.region.contains(x, y)]
    width = cell_len(text)
    if once and places:
        x, y = places[0]
        await pilot.click(offset=(x + width // 2, y))
        return 1
    for x, y in places:
        for dx in sorted({0, width // 2, width - 1}):
            await pilot.click(offset=(x + dx, y))
    return len(places)
