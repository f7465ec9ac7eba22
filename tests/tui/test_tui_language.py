"""One language throughout the TUI: failures, the offline page and the palette say no English.

What may stay ASCII in Chinese text is ``tests/english.py``'s allow-list.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from apps import build_app
from english import english_words
from textual.command import CommandList, CommandPalette
from tui_helpers import AppFactory, open_news, screen_text, settle

from newsreader.core.config import FetchSettings
from newsreader.core.errors import ViewerError
from newsreader.core.i18n import Translator
from newsreader.demo.server import DemoServer
from newsreader.tui.actions import open_file

pytestmark = pytest.mark.timeout(60)


async def test_a_network_failure_toast_and_the_reader_say_it_in_chinese(
    fresh_demo_server: DemoServer, cache_dir: Path
) -> None:
    app = build_app(fresh_demo_server.base_url, cache_dir, fetch=FetchSettings(retries=0))
    async with app.run_test(size=(160, 50)) as pilot:
        screen = await open_news(pilot)
        fresh_demo_server.stop()  # the port is closed now: every connection is refused
        await pilot.press("enter")  # the first article, never fetched
        await settle(pilot)
        assert not screen.reader.is_article
        body = screen.reader.body_text
        assert "无法加载文章" in body and "网络不可用" in body and "无法连接" in body, body
        assert english_words(body) == [], body
        # The reader says it: no toast says it again.
        assert not app._notifications, [n.message for n in app._notifications]
        # A failure in the background (the list on show refreshed) is a toast, in Chinese.
        await pilot.press("escape", "r")
        await settle(pilot)
        notes = [f"{n.title} {n.message}" for n in app._notifications]
        assert any("网络不可用" in note and "无法连接" in note for note in notes), notes
        assert [english_words(note) for note in notes] == [[] for _ in notes], notes
        # The English detail is for the log, not the reader.
        assert "connection refused" not in body and "robots.txt" not in body


async def test_the_offline_page_is_chinese(make_app: AppFactory) -> None:
    online = make_app()
    async with online.run_test(size=(160, 50)) as pilot:
        await open_news(pilot)  # the tree and the list are cached, no article is
    app = make_app(offline=True)
    async with app.run_test(size=(160, 50)) as pilot:
        screen = await open_news(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert not screen.reader.is_article
        text = screen.reader.body_text
        assert "未缓存" in text and "newsreader sync" in text
        assert english_words(text) == [], text


async def test_the_command_palette_has_no_english_entry_nor_a_repeated_name(
    make_app: AppFactory,
) -> None:
    app = make_app(offline=True)
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        commands = list(app.get_system_commands(app.screen))
        assert commands
        for command in commands:
            assert english_words(f"{command.title} {command.help}") == [], command
            assert command.title not in command.help, command
        await pilot.press("ctrl+p")
        await settle(pilot)
        assert "搜索命令" in screen_text(app)
        assert "Search for commands" not in screen_text(app)


async def test_the_palette_speaks_english_in_english(make_app: AppFactory) -> None:
    app = make_app(offline=True, lang="en")
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Search" in titles and "Quit" in titles
        assert not {"Keys", "Maximize", "Screenshot", "Theme"} & set(titles)


@pytest.mark.parametrize(
    ("lang", "prompt", "no_matches"),
    [("zh", "搜索命令…", "没有匹配的命令"), ("en", "Search for commands…", "No matches found")],
)
async def test_the_palette_says_nothing_matches_in_the_ui_language(
    make_app: AppFactory, lang: str, prompt: str, no_matches: str
) -> None:
    # A user typed `theme` (Textual's entry, left out) on a Chinese screen: "No matches found".
    app = make_app(offline=True, lang=lang)
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        assert isinstance(app.screen, CommandPalette)
        assert prompt in screen_text(app)
        await pilot.press(*"theme")
        results = app.screen.query_one(CommandList)
        for _ in range(100):  # bounded: the palette waits half a second before saying it
            await pilot.pause(0.05)
            if results.option_count and results.get_option_at_index(0).disabled:
                break
        await pilot.pause()
        text = screen_text(app)
        assert no_matches in text, text
        if lang == "zh":
            assert "No matches" not in text
            assert english_words(text.replace("theme", "")) == [], text


@pytest.mark.parametrize(
    ("lang", "title", "message"),
    [("zh", "要退出吗？", "按 q 退出"), ("en", "Do you want to quit?", "Press q to quit the app")],
)
async def test_ctrl_c_says_how_to_quit_in_the_ui_language(
    make_app: AppFactory, lang: str, title: str, message: str
) -> None:
    app = make_app(offline=True, lang=lang)
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+c")
        await settle(pilot)
        notes = [(n.title, n.message) for n in app._notifications]
        assert notes == [(title, message)], notes


@pytest.mark.skipif(sys.platform != "linux", reason="the viewer is xdg-open on Linux")
async def test_a_missing_viewer_says_the_file_was_saved_and_where(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    saved = tmp_path / "附件.pdf"
    saved.write_bytes(b"%PDF-1.4")
    monkeypatch.setenv("PATH", str(tmp_path / "no-programs-here"))
    with pytest.raises(ViewerError) as caught:
        await open_file(saved)
    title, detail = Translator("zh").error_parts(caught.value)
    assert title == "附件已保存，但无法打开"
    assert detail == f"{saved}（无法启动 xdg-open）"
    assert english_words(f"{title} {detail}") == []
    title, detail = Translator("en").error_parts(caught.value)
    assert (title, detail) == (
        "Attachment saved, but not opened",
        f"{saved} (xdg-open cannot be started)",
    )
