"""Helpers of the TUI tests: common key sequences; building, settling and reading the app are
``tests/apps.py``'s."""

from __future__ import annotations

from collections.abc import Callable

from apps import main_screen, screen_text, settle
from textual.pilot import Pilot

from newsreader.tui.app import NewsreaderApp
from newsreader.tui.screens.main import MainScreen

__all__ = ["AppFactory", "main_screen", "open_news", "screen_text", "settle"]

# The conftest's make_app: apps.build_app on the shared demo server and the test's cache.
AppFactory = Callable[..., NewsreaderApp]


async def open_news(pilot: Pilot[None]) -> MainScreen:
    """From start-up, open 新闻资讯 › 新闻 with the keyboard, as a user would."""
    await settle(pilot)
    screen = main_screen(pilot.app)  # type: ignore[arg-type]
    titles = [s.title for s in screen.sidebar.sections or ()]
    for _ in range(titles.index("新闻资讯")):
        await pilot.press("down")
    await pilot.press("right", "down", "enter")
    await settle(pilot)
    return screen
