"""Helpers of the adversarial TUI tests: an app on any site, settling, reading the screen."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from rich.cells import cell_len
from textual.pilot import Pilot
from textual.widget import Widget

from newsreader.core.config import Config, FetchSettings
from newsreader.core.service import NewsService
from newsreader.tui.app import NewsreaderApp, create_app
from newsreader.tui.screens.main import MainScreen


def build_app(site_url: str, cache_dir: Path, **overrides: object) -> NewsreaderApp:
    """An app on a real service over ``site_url`` (no politeness delay)."""
    fields: dict[str, object] = {
        "site_url": site_url,
        "cache_dir": cache_dir,
        "fetch": FetchSettings(polite_delay=0.0),
    }
    fields.update(overrides)
    config = Config(**fields)  # type: ignore[arg-type]
    return create_app(config, NewsService.open(config))


async def settle(pilot: Pilot[None], delay: float = 0.05) -> None:
    """Let workers finish and their messages be handled (bounded by the test timeout)."""
    for _ in range(3):
        await pilot.pause(delay)
        await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def wait_until(pilot: Pilot[None], check: Callable[[], bool], seconds: float = 30) -> bool:
    """Pause until ``check()`` holds, at most ``seconds``; return whether it did."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if check():
            return True
        await pilot.pause(0.05)
    return check()


def main_screen(app: NewsreaderApp) -> MainScreen:
    """The main screen (the app's first screen under any modal)."""
    for screen in app.screen_stack:
        if isinstance(screen, MainScreen):
            return screen
    raise AssertionError("no main screen")


def screen_lines(app: NewsreaderApp) -> list[str]:
    """The characters on the terminal, line by line (what a user would read)."""
    strips = app.screen._compositor.render_strips()
    return [strip.text.rstrip() for strip in strips]


def screen_text(app: NewsreaderApp) -> str:
    """The screen as one text."""
    return "\n".join(screen_lines(app))


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
