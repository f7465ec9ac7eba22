"""Offline: what is cached stays browsable; what is not says so and what to do."""

from __future__ import annotations

from pathlib import Path

import pytest
from apps import build_app
from tui_helpers import AppFactory, main_screen, open_news, screen_text, settle

from newsreader.core.config import FetchSettings
from newsreader.core.errors import NetworkError
from newsreader.core.results import Freshness, Result
from newsreader.demo.server import DemoServer
from newsreader.demo.site import DemoSite

pytestmark = pytest.mark.timeout(60)


async def test_offline_cached_browsable_uncached_says_not_cached(make_app: AppFactory) -> None:
    online = make_app()
    async with online.run_test(size=(160, 50)) as pilot:
        screen = await open_news(pilot)
        await pilot.press("enter")
        await settle(pilot)
        first = screen.reader.article
        assert first is not None

    app = make_app(offline=True)
    async with app.run_test(size=(160, 50)) as pilot:
        screen = await open_news(pilot)
        assert app.sub_title.split(" · ")[0] == "离线"
        assert len(screen.articles.rows) == 20  # the cached first page
        assert screen.articles.rows[0].cached and screen.articles.rows[0].read
        assert not screen.articles.rows[5].cached
        await pilot.press("enter")
        await settle(pilot)
        assert screen.reader.is_article and first.title in screen.reader.body_text
        await pilot.press("escape")
        for _ in range(5):
            await pilot.press("down")
        await pilot.press("enter")
        await settle(pilot)
        assert not screen.reader.is_article
        text = screen_text(app)
        assert "未缓存" in text
        assert "newsreader sync" in text and "按 r" in text
        # Paging past the cached page fails once, quietly, without a traceback.
        await pilot.press("escape", "G")
        await settle(pilot)
        assert len(screen.articles.rows) == 20
        assert app.is_running


async def test_network_failure_shows_indicator_and_dedupes(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        screen = main_screen(app)
        sections = screen.sidebar.sections
        assert sections is not None
        error = NetworkError(
            "cannot connect to 127.0.0.1: connection refused",
            reason="connect",
            facts={"host": "127.0.0.1", "cause": "refused"},
        )
        stale = Result(sections, Freshness.STALE, 0.0, error=error)
        screen.status.note(stale)
        screen.status.note(stale)
        await pilot.pause()
        assert app.sub_title.split(" · ")[0] == "离线 (网络不可用)"
        shown = [n for n in app._notifications if n.message == "无法连接 127.0.0.1：连接被拒绝"]
        assert len(shown) == 1 and shown[0].title == "网络不可用"


async def test_toggle_offline_key(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+o")
        assert app.service.offline and app.sub_title.split(" · ")[0] == "离线"
        await pilot.press("ctrl+o")
        assert not app.service.offline and app.sub_title.split(" · ")[0] == "在线"


async def test_no_tree_says_why_until_the_site_answers(
    demo_site: DemoSite, cache_dir: Path
) -> None:
    server = DemoServer(demo_site)
    server.stop()  # the port is closed now: every connection is refused
    app = build_app(server.base_url, cache_dir, fetch=FetchSettings(retries=0))
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        screen = main_screen(app)
        assert not screen.sidebar.sections
        text = screen_text(app)
        assert "无法载入栏目" in text and "按 r 重试" in text
        assert app.is_running
