"""The TUI on a cache it cannot write (issue 11, case 5): it reads everything there and says once
what it cannot save; refused writes are notices, never a crash."""

from __future__ import annotations

from pathlib import Path

import pytest
from mounts import read_only_view
from tui_helpers import AppFactory, open_news, settle

from newsreader.core.cache import Cache
from newsreader.demo.server import DemoServer
from newsreader.demo.site import DemoSite
from newsreader.tui.app import NewsreaderApp
from newsreader.tui.widgets.section_tree import SectionTree

pytestmark = pytest.mark.timeout(90)


def messages(app: NewsreaderApp, text: str) -> list[str]:
    return [str(n.message) for n in app._notifications if text in str(n.message)]


def refusals(app: NewsreaderApp) -> int:
    """Error notifications that a write was refused (a CacheReadOnly's title, in Chinese)."""
    return sum(n.title == "缓存只读" for n in app._notifications)


async def test_read_only_cache_is_browsable_and_says_once_that_marks_are_not_saved(
    make_app: AppFactory,
    demo_server: DemoServer,
    demo_site: DemoSite,
    tmp_path: Path,
) -> None:
    source = tmp_path / "source"
    online = make_app(cache_dir=source)
    async with online.run_test(size=(160, 50)) as pilot:
        screen = await open_news(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert screen.reader.article is not None
    newest = next(a for a in demo_site.articles if a.column == "xwzx/xw")
    cache = Cache.open(source / "cache.sqlite3")
    cache.set_starred(demo_server.url(newest.path), True)
    cache.mark_read(demo_server.url(newest.path), False)
    cache.close()

    with read_only_view(source, tmp_path / "ro") as ro:
        app = make_app(cache_dir=ro, offline=True)
        async with app.run_test(size=(160, 50)) as pilot:
            screen = await open_news(pilot)
            assert len(screen.articles.rows) == 20 and screen.articles.rows[0].cached
            await pilot.press("enter")
            await settle(pilot)
            assert screen.reader.is_article and newest.title in screen.reader.body_text
            # The read mark cannot be kept: not shown as read, and said once.
            assert not screen.articles.rows[0].read
            assert len(messages(app, "已读标记不会保存")) == 1
            await pilot.press("escape", "down", "enter")
            await settle(pilot)
            assert len(messages(app, "已读标记不会保存")) == 1
            # Starring is refused with the reason; the star stays as it was.
            assert refusals(app) == 0
            await pilot.press("s")
            await settle(pilot)
            assert refusals(app) == 1
            # Marking the section read marks nothing and says so.
            await pilot.press("escape", "m")
            await settle(pilot)
            assert not any(row.read for row in screen.articles.rows)
            assert messages(app, "已读标记未能保存") and not messages(app, "篇未读文章标为已读")
            # The starred list comes from the read-only cache.
            screen.post_message(SectionTree.StarredSelected())
            await settle(pilot)
            assert [row.item.title for row in screen.articles.rows] == [newest.title]
            assert app.is_running

        # Online, fetched lists and articles are shown, and said once not to be saved.
        app = make_app(cache_dir=ro)
        async with app.run_test(size=(160, 50)) as pilot:
            screen = await open_news(pilot)
            await pilot.press("enter")
            await settle(pilot)
            assert screen.reader.is_article and newest.title in screen.reader.body_text
            assert len(messages(app, "本次获取的页面不会保存")) == 1
            # A sync cannot save anything: refused at once, with the reason.
            await pilot.press("S")
            await settle(pilot)
            assert refusals(app) == 1 and messages(app, "同步需要写入")
            assert app.is_running
