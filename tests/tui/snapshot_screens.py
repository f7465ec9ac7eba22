"""The screens of the snapshot matrix: how a user reaches each one, and what keeps them stable.

Each screen is a Pilot journey from start-up over a demo server of the test's own (its faults
are free to set). The demo's content and dates are fixed; the one thing that would differ from
run to run, the server's port, never shows: the app reads the site at :data:`SHOWN_URL` and a
transport of the test's carries each request to the server's real port (:func:`shown_app`).
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from apps import build_app, main_screen, settle
from textual.pilot import Pilot
from textual.widgets import Input
from tui_helpers import open_news

from newsreader.core.config import FetchSettings
from newsreader.core.http import exchange
from newsreader.demo.server import DemoServer
from newsreader.demo.site import DemoSite
from newsreader.tui.app import NewsreaderApp
from newsreader.tui.screens.help import HelpScreen
from newsreader.tui.screens.links import LinksScreen
from newsreader.tui.screens.search import SearchScreen

SIZES: dict[str, tuple[int, int]] = {"60x20": (60, 20), "80x24": (80, 24), "160x50": (160, 50)}
LANGS = ("zh", "en")

SHOWN_PORT = 48123
"""The port the snapshots show (the demo's own first port); nothing connects to it."""
SHOWN_URL = f"http://127.0.0.1:{SHOWN_PORT}/"

NOTICE_TIMEOUT = 600.0
"""Seconds a toast stays in the tests' apps: a slow machine must not take the picture after
a toast went away."""

SEARCH_QUERY = "就业"
"""A word of the demo's articles: the search screen shows hits with it in their snippets."""

ERROR_STATUS = 500
"""What the server answers for the article of the error page."""

WAIT = 20.0  # seconds a step waits for the app (bounded by the test timeout too)


class ToServer(httpx.AsyncBaseTransport):
    """Carry requests for :data:`SHOWN_URL` to the test's server; the rest as they are.

    The request keeps its URL and ``Host`` header (the client's response says the shown URL
    too): only the connection goes to the real port.
    """

    def __init__(self, port: int) -> None:
        self._port = port
        self._network = httpx.AsyncHTTPTransport()

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        """Send ``request`` to the real port when it is for the shown one."""
        if request.url.host == "127.0.0.1" and request.url.port == SHOWN_PORT:
            request = httpx.Request(
                request.method,
                request.url.copy_with(port=self._port),
                headers=request.headers,
                stream=request.stream,
                extensions=request.extensions,
            )
        return await self._network.handle_async_request(request)

    async def aclose(self) -> None:
        """Close the connections."""
        await self._network.aclose()


def shown_app(
    server: DemoServer, cache_dir: Path, monkeypatch: pytest.MonkeyPatch, **config: object
) -> NewsreaderApp:
    """The app over ``server`` read at :data:`SHOWN_URL`, its toasts kept for the picture."""
    build_client = exchange.build_client

    def to_server(
        settings: FetchSettings, transport: httpx.AsyncBaseTransport | None
    ) -> httpx.AsyncClient:
        return build_client(settings, transport or ToServer(server.port))

    monkeypatch.setattr(exchange, "build_client", to_server)
    app = build_app(SHOWN_URL, cache_dir, **config)
    monkeypatch.setattr(app, "NOTIFICATION_TIMEOUT", NOTICE_TIMEOUT)
    return app


@dataclass(frozen=True)
class Stage:
    """What a journey may use: the site's content and its server."""

    site: DemoSite
    server: DemoServer


Journey = Callable[[Pilot[None], Stage], Awaitable[None]]


async def wait_until(pilot: Pilot[None], check: Callable[[], bool]) -> None:
    """Pause until ``check()`` holds (at most :data:`WAIT` seconds), then settle."""
    end = time.monotonic() + WAIT
    while time.monotonic() < end and not check():
        await pilot.pause(0.02)
    assert check(), "the screen never reached the state of its snapshot"
    await settle(pilot)


async def steady(pilot: Pilot[None]) -> None:
    """Settle, then let the last repaint land (the status line follows the reader's height)."""
    await settle(pilot)
    await pilot.pause()


async def open_section(pilot: Pilot[None], parent: str, child: str) -> None:
    """From start-up, open ``parent › child`` in the sidebar with the keyboard."""
    await settle(pilot)
    screen = main_screen(pilot.app)  # type: ignore[arg-type]
    sections = list(screen.sidebar.sections or ())
    top = next(i for i, s in enumerate(sections) if s.title == parent)
    below = [s.title for s in sections[top].children].index(child)
    await pilot.press(*["down"] * top, "right", *["down"] * (below + 1), "enter")
    await settle(pilot)


async def main(pilot: Pilot[None], stage: Stage) -> None:
    """新闻资讯 › 新闻 open, its first page listed."""
    await open_news(pilot)


async def article(pilot: Pilot[None], stage: Stage) -> None:
    """The first article of 新闻 open in the reader, the reader focused."""
    await open_news(pilot)
    await pilot.press("enter")
    await settle(pilot)


async def help_screen(pilot: Pilot[None], stage: Stage) -> None:
    """The keys (``?``) over the main screen with 新闻 open."""
    await open_news(pilot)
    await pilot.press("question_mark")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, HelpScreen))


async def links(pilot: Pilot[None], stage: Stage) -> None:
    """The links dialog (``l``) of a notice with two attachments and links."""
    await open_section(pilot, "协会工作", "通知公告")
    screen = main_screen(pilot.app)  # type: ignore[arg-type]
    notice = next(
        a for a in stage.site.articles if a.column == "xhgz/tzgg" and len(a.attachments) > 1
    )
    row = next(i for i, r in enumerate(screen.articles.rows) if r.item.url.endswith(notice.path))
    await pilot.press(*["down"] * row, "enter")
    await wait_until(pilot, lambda: screen.reader.is_article)
    await pilot.press("l")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, LinksScreen))


async def search(pilot: Pilot[None], stage: Stage) -> None:
    """``/`` with :data:`SEARCH_QUERY` typed, over three articles of 新闻 read (cached)."""
    await open_news(pilot)
    for step in range(3):
        # Each article shown in full before the next (the last stays open, the reader focused:
        # the status line's progress is then that of a settled reader).
        await pilot.press(*(("escape", "down") if step else ()), "enter")
        await settle(pilot)
    await pilot.press("slash")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, SearchScreen))
    search_screen = pilot.app.screen
    assert isinstance(search_screen, SearchScreen)
    # A blinking cursor would be on or off in the picture by the clock: held on.
    search_screen.query_one(Input).cursor_blink = False
    await pilot.press(*SEARCH_QUERY)
    await wait_until(
        pilot,
        lambda: search_screen.query_one(Input).value == SEARCH_QUERY and bool(search_screen.hits),
    )


async def error_page(pilot: Pilot[None], stage: Stage) -> None:
    """The reader on the third article of 新闻, which the server answers with a 500."""
    await open_news(pilot)
    screen = main_screen(pilot.app)  # type: ignore[arg-type]
    failing = screen.articles.rows[2].item.url
    stage.server.fail_status = ERROR_STATUS
    stage.server.fail_paths.add("/" + failing.removeprefix(SHOWN_URL))
    await pilot.press("down", "down", "enter")
    await settle(pilot)


async def not_cached(pilot: Pilot[None], stage: Stage) -> None:
    """Offline (Ctrl+O) after listing 新闻: the reader on an article that is not cached."""
    await open_news(pilot)
    await pilot.press("ctrl+o", "down", "down", "down", "enter")
    await settle(pilot)


SCREENS: dict[str, Journey] = {
    "main": main,
    "article": article,
    "help": help_screen,
    "links": links,
    "search": search,
    "error": error_page,
    "offline": not_cached,
}
"""Every screen of the matrix, by the name its snapshots carry."""

MATRIX = [f"{name}-{lang}-{size}" for name in SCREENS for lang in LANGS for size in SIZES]
"""The ids of the matrix's snapshots, e.g. ``article-zh-80x24``."""
