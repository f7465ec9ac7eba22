"""The offline library in the TUI: save a section (S), download attachments, mark read (m)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fake_programs import VIEWER, fake_program, only_programs_in
from textual.pilot import Pilot
from tui_helpers import AppFactory, main_screen, open_news, settle

from newsreader.demo.site import DemoSite
from newsreader.tui.app import NewsreaderApp
from newsreader.tui.screens.confirm import ConfirmOpen
from newsreader.tui.screens.links import LinksScreen
from newsreader.tui.screens.main import MainScreen
from newsreader.tui.widgets.section_tree import SectionTree

pytestmark = pytest.mark.timeout(90)

SUMMARY = re.compile(r"新增 (\d+)，更新 (\d+)，未变 (\d+)，失败 (\d+)")


def _messages(app: NewsreaderApp) -> list[str]:
    return [str(n.message) for n in app._notifications]


def _label_of(tree: SectionTree, url: str) -> str:
    for node in tree._walk():
        if node.data and node.data.section and node.data.section.url == url:
            return str(node.label)
    raise AssertionError(url)


async def _read_row(pilot: Pilot[None], screen: MainScreen, index: int) -> None:
    screen.open_article(screen.articles.rows[index].item.url, focus=True)
    await settle(pilot)


async def test_sync_section_then_read_offline(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(160, 50)) as pilot:
        screen = await open_news(pilot)
        news = screen.articles.key
        assert news is not None
        assert not any(row.cached for row in screen.articles.rows)
        await pilot.press("S")
        assert screen.sync_panel.running
        await settle(pilot)
        assert not screen.sync_panel.running
        found = [m for m in map(SUMMARY.search, _messages(app)) if m]
        assert found, _messages(app)
        new, updated, unchanged, failed = map(int, found[-1].groups())
        assert new == 20 and (updated, unchanged, failed) == (0, 0, 0)
        assert all(row.cached and not row.read for row in screen.articles.rows)
        assert _label_of(screen.sidebar, news).endswith("(20/20 · 新 20)")
        # The app gone offline reads an article it never opened.
        await pilot.press("ctrl+o")
        assert app.service.offline
        await _read_row(pilot, screen, 7)
        assert screen.reader.is_article
        assert screen.articles.rows[7].item.title in screen.reader.body_text

    fresh = make_app(offline=True)
    async with fresh.run_test(size=(160, 50)) as pilot:
        screen = await open_news(pilot)
        await _read_row(pilot, screen, 12)
        assert screen.reader.is_article
        assert screen.articles.rows[12].item.title in screen.reader.body_text


async def test_sync_again_counts_unchanged(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(160, 50)) as pilot:
        await open_news(pilot)
        await pilot.press("S")
        await settle(pilot)
        await pilot.press("S")
        await settle(pilot)
        found = [m for m in map(SUMMARY.search, _messages(app)) if m]
        assert len(found) == 2
        assert found[-1].groups() == ("0", "0", "20", "0")


async def test_sidebar_shows_new_since_sync(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(160, 50)) as pilot:
        screen = await open_news(pilot)
        news = screen.articles.key
        assert news is not None
        # Cached (unread) before the sync: counted as unread, not as brought in by the sync.
        await app.service.article(screen.articles.rows[0].item.url)
        await pilot.press("S")
        await settle(pilot)
        assert _label_of(screen.sidebar, news).endswith(" (20/20 · 新 19)")
        await _read_row(pilot, screen, 5)
        assert _label_of(screen.sidebar, news).endswith(" (19/20 · 新 18)")
        await pilot.press("S")  # nothing new this time
        await settle(pilot)
        assert _label_of(screen.sidebar, news).endswith(" (19/20)")


async def test_escape_cancels_sync_and_keeps_app(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(160, 50)) as pilot:
        screen = await open_news(pilot)
        screen.action_sync_section()
        assert screen.sync_panel.running
        await pilot.press("escape")
        assert not screen.sync_panel.running
        await settle(pilot)
        assert not screen.sync_panel.running
        assert any("已取消保存" in m for m in _messages(app))
        assert not any(SUMMARY.search(m) for m in _messages(app))
        assert app.is_running


async def test_sync_needs_a_section_and_the_network(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        screen = main_screen(app)
        screen.articles.focus()  # no list on show yet: nothing to save
        await pilot.press("S")
        assert not screen.sync_panel.running
        assert "请先选择一个栏目" in _messages(app)
        await open_news(pilot)
        await pilot.press("ctrl+o", "S")
        await settle(pilot)
        assert not screen.sync_panel.running
        assert "离线模式下无法保存栏目；按 Ctrl+O 切换到在线模式" in _messages(app)
        assert not any(n.severity == "error" for n in app._notifications)
        assert app.is_running


async def test_download_attachment_from_notice(
    make_app: AppFactory, demo_site: DemoSite, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake_program(only_programs_in(tmp_path / "bin", monkeypatch), VIEWER)  # a viewer to offer
    downloads = tmp_path / "downloads"
    article = next(a for a in demo_site.articles if a.column == "xhgz/tzgg" and a.attachments)
    fileid, name = article.attachments[0]
    expected = name.split("：", 1)[-1]
    app = make_app(download_dir=downloads)
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        screen = main_screen(app)
        screen.open_article(app.service.site_url + article.path, focus=True)
        await settle(pilot)
        assert screen.reader.is_article
        await pilot.press("l")
        await pilot.pause()
        assert isinstance(app.screen, LinksScreen)
        index = next(i for i, t in enumerate(app.screen.targets) if t.kind == "attachment")
        for _ in range(index):
            await pilot.press("down")
        await pilot.press("enter")
        await settle(pilot)
        saved = downloads / expected
        assert saved.is_file(), sorted(p.name for p in downloads.iterdir())
        assert f"demo attachment {fileid}".encode() in saved.read_bytes()
        assert str(saved) in _messages(app)
        assert isinstance(app.screen, ConfirmOpen)
        assert app.screen.url == str(saved)
        await pilot.press("n")  # never start a viewer in tests
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)


async def test_download_offline_reports_offline(make_app: AppFactory, demo_site: DemoSite) -> None:
    article = next(a for a in demo_site.articles if a.column == "xhgz/tzgg" and a.attachments)
    app = make_app()
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        screen = main_screen(app)
        screen.open_article(app.service.site_url + article.path, focus=True)
        await settle(pilot)
        await pilot.press("ctrl+o")
        await pilot.press("l")
        await pilot.pause()
        assert isinstance(app.screen, LinksScreen)
        index = next(i for i, t in enumerate(app.screen.targets) if t.kind == "attachment")
        for _ in range(index):
            await pilot.press("down")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        titles = [n.title for n in app._notifications]
        assert "离线" in titles


async def test_palette_and_help_offer_the_library_keys(make_app: AppFactory) -> None:
    from newsreader.tui.screens.help import help_content

    app = make_app(lang="en")
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        commands = list(app.get_system_commands(main_screen(app)))  # type: ignore[arg-type]
        titles = [c.title for c in commands]
        assert "Save this section for offline" in titles
        assert "Mark this section read" in titles
        helps = {c.title: c.help for c in commands}
        assert helps["Save this section for offline"] == "Keys: S"
        text = help_content(app.tr).plain
        assert "Save this section for offline" in text and "Links" in text
