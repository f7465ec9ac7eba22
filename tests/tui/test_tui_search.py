"""The search screen never blocks the keys: searches run in a thread, after a pause in typing."""

from __future__ import annotations

import dataclasses
import threading
import time
from collections.abc import Callable

import pytest
from textual import events
from textual.content import Content
from textual.pilot import Pilot
from textual.widgets import Input
from tui_helpers import AppFactory, main_screen, screen_text, settle

from newsreader.core.cache.search import MAX_QUERY_CHARS
from newsreader.core.results import SearchHit
from newsreader.tui.screens import search as search_module
from newsreader.tui.screens.search import SearchScreen, hit_label

pytestmark = pytest.mark.timeout(60)

SLOW = 5.0  # how long a blocked search waits for the test before giving up


async def wait_until(pilot: Pilot[None], check: Callable[[], bool], seconds: float = 20) -> bool:
    """Pause until ``check()`` holds, at most ``seconds``; return whether it did."""
    end = time.monotonic() + seconds
    while time.monotonic() < end and not check():
        await pilot.pause(0.02)
    return check()


def hit(query: str) -> SearchHit:
    return SearchHit(f"hit for {query}", f"http://s.cn/{len(query)}.htm", None, "")


async def test_esc_is_answered_while_a_pasted_query_is_searched(
    make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    started, release, finished = threading.Event(), threading.Event(), threading.Event()
    queries: list[str] = []

    def slow_search(query: str, limit: int = 50) -> list[SearchHit]:
        queries.append(query)
        started.set()
        release.wait(SLOW)
        finished.set()
        return [hit(query)]

    app = make_app()
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        screen = main_screen(app)
        monkeypatch.setattr(screen.service.library, "search", slow_search)
        await pilot.press("slash")
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)
        pasted = "经济发展" * 500
        app.screen.query_one(Input).post_message(events.Paste(pasted))
        assert await wait_until(pilot, started.is_set)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen  # Esc was handled ...
        assert not finished.is_set()  # ... while the search was still running
        release.set()
        assert await wait_until(pilot, finished.is_set)
        await settle(pilot)
        assert app.screen is screen  # the late answer opens nothing
        assert queries == [pasted]


async def test_a_new_keystroke_drops_the_search_under_way(
    make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    started, release = threading.Event(), threading.Event()
    queries: list[str] = []
    shown: list[str] = []
    site: list[str] = []  # the demo site's URL, once the app runs: hits must be on the site

    def search(query: str, limit: int = 50) -> list[SearchHit]:
        queries.append(query)
        if query == "经":
            started.set()
            release.wait(SLOW)
        return [dataclasses.replace(hit(query), url=f"{site[0]}info/1/{len(query)}.htm")]

    def label(hit: SearchHit, query: str = "") -> Content:
        shown.append(hit.title)
        return hit_label(hit, query)

    monkeypatch.setattr(search_module, "hit_label", label)
    app = make_app()
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        site.append(main_screen(app).service.site_url)
        monkeypatch.setattr(main_screen(app).service.library, "search", search)
        await pilot.press("slash")
        await pilot.pause()
        search_screen = app.screen
        assert isinstance(search_screen, SearchScreen)
        await pilot.press("经")
        assert await wait_until(pilot, started.is_set)
        await pilot.press("济")
        release.set()
        assert await wait_until(pilot, lambda: bool(search_screen.hits))
        await settle(pilot)
        assert [h.title for h in search_screen.hits] == ["hit for 经济"]
        assert shown == ["hit for 经济"]  # the answer for "经" came too late and was dropped
        assert queries == ["经", "经济"]
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is main_screen(app)


async def test_a_cut_query_is_said_in_the_status_line(make_app: AppFactory) -> None:
    app = make_app(lang="en")
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await pilot.pause()
        search_screen = app.screen
        assert isinstance(search_screen, SearchScreen)
        search_screen.query_one(Input).post_message(events.Paste("a" * (MAX_QUERY_CHARS + 1)))
        note = f"Searched the first {MAX_QUERY_CHARS} characters only"
        assert await wait_until(pilot, lambda: note in screen_text(app))
        assert "No cached article matches" in screen_text(app)
        search_screen.query_one(Input).value = "a" * MAX_QUERY_CHARS
        assert await wait_until(pilot, lambda: note not in screen_text(app))
