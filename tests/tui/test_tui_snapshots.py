"""Snapshot tests of the main screen (pytest-textual-snapshot; ``--snapshot-update`` to accept).

The demo site's content and dates are fixed, the header has no clock, the status line's fetch
time is pinned and nothing is random, so the pictures only change when the UI does.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from apps import build_app, build_sources_app
from textual.pilot import Pilot
from tui_helpers import open_news, settle

from newsreader.demo.server import DemoServer
from newsreader.demo.sources import DemoSources
from newsreader.tui import status
from newsreader.tui.app import NewsreaderApp
from newsreader.tui.widgets.section_tree import SectionTree

pytestmark = pytest.mark.timeout(90)
SnapCompare = Callable[..., bool]


@pytest.fixture(autouse=True)
def _pinned_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """The status line's "fetched at" is the time of the run: pinned, for the same picture."""
    monkeypatch.setattr(status, "clock_text", lambda when, now=None: "12:03")


def build(server: DemoServer, cache_dir: Path, **overrides: object) -> NewsreaderApp:
    return build_app(server.base_url, cache_dir, **overrides)


async def _news(pilot: Pilot[Any]) -> None:
    await open_news(pilot)


async def _article(pilot: Pilot[Any]) -> None:
    await open_news(pilot)
    await pilot.press("enter")
    await settle(pilot)


async def _start(pilot: Pilot[Any]) -> None:
    await settle(pilot)


def test_main_screen_160x50(
    snap_compare: SnapCompare, demo_server: DemoServer, cache_dir: Path
) -> None:
    app = build(demo_server, cache_dir)
    assert snap_compare(app, terminal_size=(160, 50), run_before=_news)


def test_article_open_160x50(
    snap_compare: SnapCompare, demo_server: DemoServer, cache_dir: Path
) -> None:
    app = build(demo_server, cache_dir)
    assert snap_compare(app, terminal_size=(160, 50), run_before=_article)


def test_narrow_80x24(snap_compare: SnapCompare, demo_server: DemoServer, cache_dir: Path) -> None:
    app = build(demo_server, cache_dir)
    assert snap_compare(app, terminal_size=(80, 24), run_before=_start)


async def _article_full_screen(pilot: Pilot[Any]) -> None:
    await _article(pilot)
    await pilot.press("z")
    await settle(pilot)


def test_article_full_screen_160x50(
    snap_compare: SnapCompare, demo_server: DemoServer, cache_dir: Path
) -> None:
    # The text at the reading measure (80 cells), the column centred.
    app = build(demo_server, cache_dir)
    assert snap_compare(app, terminal_size=(160, 50), run_before=_article_full_screen)


def test_article_open_80x24(
    snap_compare: SnapCompare, demo_server: DemoServer, cache_dir: Path
) -> None:
    app = build(demo_server, cache_dir)
    assert snap_compare(app, terminal_size=(80, 24), run_before=_article)


def test_article_open_60x20(
    snap_compare: SnapCompare, demo_server: DemoServer, cache_dir: Path
) -> None:
    # A short terminal: the reader with the focus has the rows, the list keeps three.
    app = build(demo_server, cache_dir)
    assert snap_compare(app, terminal_size=(60, 20), run_before=_article)


async def _feed(pilot: Pilot[Any]) -> None:
    """The demo's four sources; the RSS feed (the third top node) opened with the keyboard."""
    await settle(pilot)
    tree = pilot.app.screen.query_one(SectionTree)
    rss = tree.root.children[2]
    for _ in range(40):
        if tree.cursor_node is rss:
            break
        await pilot.press("down")
    await pilot.press("enter")
    await settle(pilot)


def test_four_sources_160x50(
    snap_compare: SnapCompare, demo_sources: DemoSources, cache_dir: Path
) -> None:
    app = build_sources_app(demo_sources, cache_dir)
    assert snap_compare(app, terminal_size=(160, 50), run_before=_feed)


def test_four_sources_80x24(
    snap_compare: SnapCompare, demo_sources: DemoSources, cache_dir: Path
) -> None:
    app = build_sources_app(demo_sources, cache_dir)
    assert snap_compare(app, terminal_size=(80, 24), run_before=_start)


async def _third_article(pilot: Pilot[Any]) -> None:
    await open_news(pilot)
    await pilot.press("j", "j")
    await settle(pilot)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_status_line_80x24(
    snap_compare: SnapCompare, demo_server: DemoServer, cache_dir: Path, lang: str
) -> None:
    # The title line: online · the cursor's place in the list · when the list was fetched.
    app = build(demo_server, cache_dir, lang=lang)
    assert snap_compare(app, terminal_size=(80, 24), run_before=_third_article)


async def _search_highlights(pilot: Pilot[Any]) -> None:
    await _article(pilot)
    await pilot.press("escape", "escape", "slash")
    await pilot.press(*"工作")
    await settle(pilot, 0.3)


def test_search_highlights_80x24(
    snap_compare: SnapCompare, demo_server: DemoServer, cache_dir: Path
) -> None:
    # The query's words stand out in each result's title and snippet.
    app = build(demo_server, cache_dir)
    assert snap_compare(app, terminal_size=(80, 24), run_before=_search_highlights)
