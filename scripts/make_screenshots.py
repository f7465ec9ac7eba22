"""Regenerate the README screenshots: ``.venv/bin/python scripts/make_screenshots.py``.

Starts the demo site on 127.0.0.1, drives the TUI headless with a Pilot and writes SVGs to
``screenshots/``: main.svg and article.svg in Chinese (the default), main-en.svg and
article-en.svg with ``--lang en``, offline.svg, narrow.svg, and sources.svg (the demo's four
sources in the sidebar, as ``newsreader --demo`` shows them).
"""

from __future__ import annotations

import asyncio
import dataclasses
import sys
import tempfile
from collections.abc import Awaitable, Callable
from pathlib import Path

from textual.pilot import Pilot

from newsreader.core.config import Config
from newsreader.core.service import NewsService
from newsreader.core.sources.registry import Registry, make_entry
from newsreader.demo.server import DemoServer
from newsreader.demo.sources import DemoSources
from newsreader.tui import status
from newsreader.tui.app import NewsreaderApp, create_app
from newsreader.tui.screens.main import MainScreen
from newsreader.tui.widgets.section_tree import SectionTree

OUT = Path(__file__).resolve().parent.parent / "screenshots"
Steps = Callable[[Pilot[None], MainScreen], Awaitable[None]]


async def settle(pilot: Pilot[None]) -> None:
    """Wait for the workers and the repaint (bounded: the demo site answers at once)."""
    for _ in range(3):
        await pilot.pause(0.05)
        await asyncio.wait_for(pilot.app.workers.wait_for_complete(), timeout=20)
    await pilot.pause()


async def open_news(pilot: Pilot[None], screen: MainScreen) -> None:
    """Open 新闻资讯 › 新闻 the way a user would."""
    titles = [s.title for s in screen.sidebar.sections or ()]
    await pilot.press(*["down"] * titles.index("新闻资讯"), "right", "down", "enter")
    await settle(pilot)


async def open_article(pilot: Pilot[None], screen: MainScreen) -> None:
    """Open the list's second article (the first stays unread, to show both marks)."""
    await open_news(pilot, screen)
    await pilot.press("down", "enter")
    await settle(pilot)


async def uncached(pilot: Pilot[None], screen: MainScreen) -> None:
    """Offline: the cached list, then an article that is not cached."""
    await open_news(pilot, screen)
    await pilot.press(*["down"] * 4, "enter")
    await settle(pilot)


async def shoot(
    config: Config,
    size: tuple[int, int],
    steps: Steps,
    name: str,
    registry: Registry | None = None,
) -> None:
    """Run the app headless (over ``registry``'s sources, if given), apply ``steps`` and save
    ``screenshots/{name}``."""
    app: NewsreaderApp = create_app(
        config, NewsService.open(config), registry, fixed=registry is not None
    )
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        await steps(pilot, screen)
        app.save_screenshot(name, path=str(OUT))
    print(f"wrote {OUT / name}")


async def open_feed(pilot: Pilot[None], screen: MainScreen) -> None:
    """The demo's four sources: open the RSS feed, the third source, with the keyboard."""
    tree = screen.query_one(SectionTree)
    rss = tree.root.children[2]
    for _ in range(40):
        if tree.cursor_node is rss:
            break
        await pilot.press("down")
    await pilot.press("enter")
    await settle(pilot)


async def few_sources(tmp: Path) -> None:
    """``--demo``'s four sources in the sidebar (sources.svg), on their own servers."""
    with DemoSources(ports=None) as demo:
        config = Config(site_url=demo.base_url, cache_dir=tmp)
        entries = tuple(make_entry(e.name, e.url, e.kind) for e in demo.entries)
        registry = Registry(tmp / "sources.toml", entries)
        await shoot(config, (160, 50), open_feed, "sources.svg", registry)


async def main() -> None:
    """Take the screenshots against a fresh cache (one per language: both start unread)."""
    OUT.mkdir(exist_ok=True)
    # The status line's fetch time, pinned as in the snapshot tests: the pictures change only
    # when the UI does.
    status.clock_text = lambda when, now=None: "12:03"
    with DemoServer() as server:
        for lang, suffix in (("zh", ""), ("en", "-en")):
            with tempfile.TemporaryDirectory() as tmp:
                online = Config(site_url=server.base_url, cache_dir=Path(tmp), lang=lang)
                await shoot(online, (160, 50), open_news, f"main{suffix}.svg")
                await shoot(online, (160, 50), open_article, f"article{suffix}.svg")
                if lang == "zh":
                    offline = dataclasses.replace(online, offline=True)
                    await shoot(offline, (160, 50), uncached, "offline.svg")
                    await shoot(online, (80, 24), open_narrow, "narrow.svg")
    with tempfile.TemporaryDirectory() as tmp:
        await few_sources(Path(tmp))


async def open_narrow(pilot: Pilot[None], screen: MainScreen) -> None:
    """At 80x24: show the sidebar, open 新闻, hide the sidebar again and open an article."""
    await pilot.press("backslash")
    await open_news(pilot, screen)
    await pilot.press("ctrl+b", "down", "enter")
    await settle(pilot)


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
