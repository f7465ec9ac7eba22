"""The title line and the key bar: what they show, and that their clicks work."""

from __future__ import annotations

import pytest
from rich.cells import cell_len
from textual.command import CommandPalette
from tui_helpers import AppFactory, main_screen, screen_text, settle

from newsreader.tui.screens.help import HelpScreen
from newsreader.tui.widgets.footer import NewsFooter
from newsreader.tui.widgets.title_bar import TitleBar

pytestmark = pytest.mark.timeout(60)


async def test_title_line_shows_site_and_status(make_app: AppFactory) -> None:
    app = make_app(offline=True)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        first = screen_text(app).splitlines()[0]
        assert first.lstrip().startswith("≡")
        assert f"{app.title} — 离线" in first
        assert main_screen(app).has_class("-offline")
        await pilot.press("ctrl+o")
        await settle(pilot)
        assert "— 在线" in screen_text(app).splitlines()[0]


async def test_title_icon_opens_the_command_palette(make_app: AppFactory) -> None:
    app = make_app(offline=True)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        await pilot.click(TitleBar, offset=(1, 0))
        await settle(pilot)
        assert isinstance(app.screen, CommandPalette)


async def test_key_bar_follows_focus_and_clicks_press_keys(make_app: AppFactory) -> None:
    app = make_app(offline=True)
    async with app.run_test(size=(160, 30)) as pilot:
        await settle(pilot)
        screen = main_screen(app)
        last = screen_text(app).splitlines()[-1]
        assert "q 退出" in last
        assert last.rstrip().endswith("^p 命令")
        assert "翻页" not in last  # the reader's keys show only when it has the focus
        screen.reader.focus()
        await settle(pilot)
        last = screen_text(app).splitlines()[-1]
        assert "翻页" in last
        # Clicking "? 帮助" presses "?" (Chinese characters are two cells wide).
        column = cell_len(last[: last.index("? 帮助")])
        await pilot.click(NewsFooter, offset=(column + 1, 0))
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)


async def test_key_bar_keeps_the_palette_key_when_narrow(make_app: AppFactory) -> None:
    app = make_app(offline=True)
    async with app.run_test(size=(60, 24)) as pilot:
        await settle(pilot)
        last = screen_text(app).splitlines()[-1]
        assert last.rstrip().endswith("^p 命令")
        assert len(last.rstrip()) <= 60


def _background_at(footer: NewsFooter, column: int) -> object:
    """The background colour the key bar draws at ``column``."""
    x = 0
    for segment in footer.render_line(0):
        width = cell_len(segment.text)
        if x <= column < x + width:
            return segment.style.bgcolor if segment.style else None
        x += width
    raise AssertionError(f"nothing drawn at column {column}")


async def test_the_key_under_the_pointer_is_highlighted(make_app: AppFactory) -> None:
    app = make_app(offline=True)
    async with app.run_test(size=(160, 30)) as pilot:
        await settle(pilot)
        footer = app.screen.query_one(NewsFooter)
        last = screen_text(app).splitlines()[-1]
        help_column = cell_len(last[: last.index("? 帮助")]) + 1
        quit_column = cell_len(last[: last.index("q 退出")]) + 1
        plain = _background_at(footer, help_column)
        assert _background_at(footer, quit_column) == plain
        await pilot.hover(NewsFooter, offset=(help_column, 0))
        await settle(pilot)
        assert _background_at(footer, help_column) != plain
        assert _background_at(footer, quit_column) == plain  # only the key under the pointer
        await pilot.hover(NewsFooter, offset=(quit_column, 0))
        await settle(pilot)
        assert _background_at(footer, help_column) == plain
        assert _background_at(footer, quit_column) != plain
        await pilot.hover(offset=(2, 2))  # over the section tree
        await settle(pilot)
        assert _background_at(footer, quit_column) == plain  # the pointer left the key bar
