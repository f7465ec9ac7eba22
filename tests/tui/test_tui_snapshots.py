"""Snapshot tests: every screen at 60×20, 80×24 and 160×50, in Chinese and in English.

pytest-textual-snapshot; ``--snapshot-update`` accepts the new pictures, and
``python tests/tui/snapshot_text.py`` prints their text to look at. The demo site's content and
dates are fixed, the header has no clock, the status line's fetch time is pinned and the
server's port never shows (see ``snapshot_screens.py``), so the pictures only change when the
UI does.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from apps import build_sources_app
from snapshot_screens import MATRIX, SCREENS, SIZES, Stage, shown_app, steady
from textual.pilot import Pilot
from tui_helpers import open_news, settle

from newsreader.demo.server import DemoServer
from newsreader.demo.site import DemoSite
from newsreader.demo.sources import DemoSources
from newsreader.tui import status
from newsreader.tui.widgets.section_tree import SectionTree

pytestmark = pytest.mark.timeout(120)
SnapCompare = Callable[..., bool]


@pytest.fixture(autouse=True)
def _pinned_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """The status line's "fetched at" is the time of the run: pinned, for the same picture."""
    monkeypatch.setattr(status, "clock_text", lambda when, now=None: "12:03")


@pytest.mark.parametrize("case", MATRIX)
def test_screen(
    case: str,
    snap_compare: SnapCompare,
    demo_site: DemoSite,
    fresh_demo_server: DemoServer,
    cache_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    name, lang, size = case.split("-")
    app = shown_app(fresh_demo_server, cache_dir, monkeypatch, lang=lang)
    stage = Stage(demo_site, fresh_demo_server)

    async def journey(pilot: Pilot[Any]) -> None:
        await SCREENS[name](pilot, stage)
        await steady(pilot)

    assert snap_compare(app, terminal_size=SIZES[size], run_before=journey)


async def _start(pilot: Pilot[Any]) -> None:
    await settle(pilot)


def test_narrow_80x24(
    snap_compare: SnapCompare,
    demo_server: DemoServer,
    cache_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Start-up on a narrow screen: the sidebar shown until a section is open.
    app = shown_app(demo_server, cache_dir, monkeypatch)
    assert snap_compare(app, terminal_size=(80, 24), run_before=_start)


async def _article_full_screen(pilot: Pilot[Any]) -> None:
    await open_news(pilot)
    await pilot.press("enter")
    await settle(pilot)
    await pilot.press("z")
    await steady(pilot)


def test_article_full_screen_160x50(
    snap_compare: SnapCompare,
    demo_server: DemoServer,
    cache_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The text at the reading measure (80 cells), the column centred.
    app = shown_app(demo_server, cache_dir, monkeypatch)
    assert snap_compare(app, terminal_size=(160, 50), run_before=_article_full_screen)


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
    await steady(pilot)


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
    await steady(pilot)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_status_line_80x24(
    snap_compare: SnapCompare,
    demo_server: DemoServer,
    cache_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    lang: str,
) -> None:
    # The title line: online · the cursor's place in the list · when the list was fetched.
    app = shown_app(demo_server, cache_dir, monkeypatch, lang=lang)
    assert snap_compare(app, terminal_size=(80, 24), run_before=_third_article)
