"""Helpers of the TUI tests: settling, reading the screen, common key sequences."""

from __future__ import annotations

from collections.abc import Callable

from textual.pilot import Pilot

from newsreader.tui.app import NewsreaderApp
from newsreader.tui.screens.main import MainScreen

AppFactory = Callable[..., NewsreaderApp]


async def settle(pilot: Pilot[None], delay: float = 0.05) -> None:
    """Let workers finish and their messages be handled (bounded by the test timeout)."""
    for _ in range(3):
        await pilot.pause(delay)
        await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def main_screen(app: NewsreaderApp) -> MainScreen:
    """The main screen (the app's first screen under any modal)."""
    for screen in app.screen_stack:
        if isinstance(screen, MainScreen):
            return screen
    raise AssertionError("no main screen")


def screen_text(app: NewsreaderApp) -> str:
    """The characters on the terminal, line by line (what a user would read)."""
    strips = app.screen._compositor.render_strips()
    return "\n".join(strip.text.rstrip() for strip in strips)


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
