"""The title line and the key bar: what they show, and that their clicks work."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from rich.cells import cell_len
from textual.command import CommandPalette
from textual.pilot import Pilot
from tui_helpers import AppFactory, main_screen, open_news, screen_text, settle

from newsreader.tui.app import NewsreaderApp
from newsreader.tui.i18n import KEY_HELP
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
        assert last.rstrip().endswith("Ctrl+P 命令")
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
        assert last.rstrip().endswith("Ctrl+P 命令")
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


def _footer_labels(app: NewsreaderApp) -> list[str]:
    """The labels of the key bar as drawn (``key description``), the palette's last."""
    last = screen_text(app).splitlines()[-1]
    left, _, palette = last.partition("▏")
    return [*(label.strip() for label in left.split("  ") if label.strip()), palette.strip()]


def _help_names() -> set[str]:
    """Every key name the help screen uses (``b / PageUp`` names ``b`` and ``PageUp``)."""
    return {name for keys, _, _ in KEY_HELP for name in keys.replace(" / ", " ").split()}


async def _focus_each_pane(pilot: Pilot[None]) -> AsyncIterator[None]:
    screen = await open_news(pilot)
    await pilot.press("enter")
    await settle(pilot)
    for pane in (screen.sidebar, screen.articles, screen.reader):
        pane.focus()
        await settle(pilot)
        yield


@pytest.mark.parametrize("width", [60, 80])
@pytest.mark.parametrize("lang", ["zh", "en"])
async def test_the_key_bar_drops_whole_keys_and_names_them_as_the_help_does(
    make_app: AppFactory, width: int, lang: str
) -> None:
    # At 60 and 80 columns the last label was cut (`n 下一`), and the bar said `pgup`, `⏎`
    # and `^p` where the help says PageUp, Enter and Ctrl+P.
    app = make_app(lang=lang)
    async with app.run_test(size=(width, 24)) as pilot:
        footer = app.screen.query_one(NewsFooter)
        names = _help_names()
        async for _ in _focus_each_pane(pilot):
            keys = footer._keys
            whole = {f"{key.display} {key.description}" for key in keys}
            *labels, palette = _footer_labels(app)
            assert labels, "no key on show"
            assert set(labels) <= whole, (labels, whole)
            assert palette.split()[0] == "Ctrl+P"
            assert {label.split()[0] for label in labels} <= names, labels
            # Only the keys on the right are dropped, the help key kept.
            shown = [label.split()[0] for label in labels]
            assert "?" in shown
            order = [key.display for key in keys]
            assert [k for k in order if k in shown] == shown


async def test_under_a_dialog_the_key_bar_shows_the_dialogs_keys(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_news(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        labels = _footer_labels(app)
        assert "Esc 返回" in labels, labels
        assert not any(label.startswith(("q ", "/ ", "n ")) for label in labels), labels
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is screen
        assert "q 退出" in _footer_labels(app)
        await pilot.press("ctrl+p")  # Textual's palette: its Esc in the UI's language too
        await settle(pilot)
        assert isinstance(app.screen, CommandPalette)
        assert _footer_labels(app) == ["Esc 返回", ""]


@pytest.mark.parametrize("lang", ["zh", "en"])
async def test_the_title_line_wraps_the_status_rather_than_cutting_it(
    make_app: AppFactory, lang: str
) -> None:
    # At 60 columns the status was cut: `高校毕业生就业协会 — 在线 · 第 1/55 篇 · …`.
    app = make_app(lang=lang)
    async with app.run_test(size=(60, 20)) as pilot:
        await open_news(pilot)
        await pilot.press("enter")
        await settle(pilot)
        bar = app.screen.query_one(TitleBar)
        status = str(app.sub_title)
        assert "%" in status
        # It fits once the margins are used: one line, whole.
        assert bar.region.height == 1
        assert f"{app.title} — {status}" in screen_text(app).splitlines()[0]
        # A site's long name: the status goes under it, nothing cut.
        app.title = "某省高等学校毕业生就业指导服务中心暨就业创业协会网站"
        await settle(pilot)
        top = screen_text(app).splitlines()[: bar.region.height]
        assert bar.region.height == 2, top
        assert all(cell_len(line) <= 60 for line in top)
        assert "…" not in "".join(top)
        assert app.title in top[0] and status in top[1], top
        await pilot.resize_terminal(160, 20)  # room for both: one line again
        await settle(pilot)
        assert bar.region.height == 1
        assert f"{app.title} — {app.sub_title}" in screen_text(app).splitlines()[0]
