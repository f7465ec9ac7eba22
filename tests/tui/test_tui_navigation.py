"""Driving the app with the keyboard against a real NewsService on the demo site."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from apps import build_app
from tui_helpers import AppFactory, main_screen, open_news, screen_text, settle

from newsreader.demo.server import DemoServer
from newsreader.tui.widgets.article_list import ArticleList
from newsreader.tui.widgets.reader import Reader
from newsreader.tui.widgets.section_tree import SectionTree

pytestmark = pytest.mark.timeout(60)


async def test_start_shows_sections_and_site_name(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        screen = main_screen(app)
        titles = [s.title for s in screen.sidebar.sections or ()]
        assert "新闻资讯" in titles
        assert app.title == "高校毕业生就业协会"
        assert app.sub_title.split(" · ")[0] == "在线"
        assert isinstance(app.focused, SectionTree)


async def test_open_section_then_article_by_keys(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(160, 50)) as pilot:
        screen = await open_news(pilot)
        assert screen.articles.key is not None and screen.articles.key.endswith("xwzx/xw.htm")
        assert len(screen.articles.rows) == 20
        assert isinstance(app.focused, ArticleList)
        first = screen.articles.rows[0].item
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.focused, Reader)
        assert screen.reader.is_article
        assert first.title in screen.reader.body_text
        assert "来源" in screen.reader.body_text
        assert screen.articles.rows[0].read and screen.articles.rows[0].cached
        assert first.title in screen_text(app)
        # Esc goes back to the list, Tab cycles the panes.
        await pilot.press("escape")
        assert isinstance(app.focused, ArticleList)
        await pilot.press("tab")
        assert isinstance(app.focused, Reader)


async def test_j_k_move_and_reading_marks_read_in_list_and_sidebar(make_app: AppFactory) -> None:
    app = make_app()
    # Warm the cache with the first three articles so the sidebar has an unread count.
    async with app.run_test(size=(160, 50)) as pilot:
        screen = await open_news(pilot)
        news = screen.articles.key
        assert news is not None
        for url in [r.item.url for r in screen.articles.rows[:3]]:
            await app.service.article(url)
        screen.sidebar.update_counts()
        await pilot.pause()
        label = _label_of(screen.sidebar, news)
        assert label.endswith("(20/20)"), label
        await pilot.press("j", "j", "k")
        assert screen.articles.cursor == 1
        await pilot.press("enter")
        await settle(pilot)
        assert screen.articles.rows[1].read
        assert _label_of(screen.sidebar, news).endswith("(19/20)")


async def test_reading_an_article_recounts_only_the_sections_that_list_it(
    make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Every open recounted every section (two queries each): with every section synced, that
    # was most of the time Enter took to paint.
    app = make_app()
    async with app.run_test(size=(160, 50)) as pilot:
        screen = await open_news(pilot)
        news = screen.articles.key
        assert news is not None
        rows = screen.articles.rows
        for url in [r.item.url for r in rows[:2]]:
            await app.service.article(url)
        other = next(u for u in screen.sidebar.section_urls() if u != news)
        screen.state.remember(other, {rows[1].item.url})  # another section lists the second
        screen.sidebar.update_counts()
        counted: list[set[str]] = []
        tally = app.service.library.tally

        def recording(urls: Any) -> tuple[int, int]:
            counted.append(set(urls))
            return tally(urls)

        monkeypatch.setattr(app.service.library, "tally", recording)
        await pilot.press("enter")  # the first article: listed by 新闻 only
        await settle(pilot)
        assert screen.reader.url == rows[0].item.url and screen.reader.is_article
        # The tree's node and the list's title: the one section, nothing else.
        assert counted and all(urls == screen.state.known(news) for urls in counted)
        assert _label_of(screen.sidebar, news).endswith("(19/20)")


def _label_of(tree: SectionTree, url: str) -> str:
    for node in tree._walk():
        if node.data and node.data.section and node.data.section.url == url:
            return str(node.label)
    raise AssertionError(url)


async def test_brackets_follow_neighbours(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(160, 50)) as pilot:
        screen = await open_news(pilot)
        await pilot.press("enter")
        await settle(pilot)
        first = screen.reader.article
        assert first is not None
        await pilot.press("right_square_bracket")
        await settle(pilot)
        second = screen.reader.article
        assert second is not None and second.url != first.url
        if first.next is not None:
            assert second.url == first.next.url
        else:
            assert second.url == screen.articles.rows[1].item.url
        assert screen.articles.current_url == second.url  # the list follows the reader
        await pilot.press("left_square_bracket")
        await settle(pilot)
        assert screen.reader.article is not None and screen.reader.article.url == first.url


async def test_cursor_at_end_loads_next_pages(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(160, 50)) as pilot:
        screen = await open_news(pilot)
        assert screen.articles.next_url is not None
        for _ in range(19):
            await pilot.press("j")
        await settle(pilot)
        assert len(screen.articles.rows) == 40
        # G: the true end, every remaining page in one press.
        await pilot.press("G")
        await settle(pilot)
        assert len(screen.articles.rows) == 55
        assert screen.articles.cursor == 54
        assert screen.articles.next_url is None
        urls = [r.item.url for r in screen.articles.rows]
        assert len(set(urls)) == 55


async def test_refresh_keeps_list_cursor(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(160, 50)) as pilot:
        screen = await open_news(pilot)
        await pilot.press("j", "j", "j")
        url = screen.articles.current_url
        await pilot.press("r")
        await settle(pilot)
        assert screen.articles.cursor == 3
        assert screen.articles.current_url == url


async def test_search_opens_cached_article(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(160, 50)) as pilot:
        screen = await open_news(pilot)
        await pilot.press("enter")
        await settle(pilot)
        article = screen.reader.article
        assert article is not None
        await pilot.press("escape", "slash")
        await pilot.pause()
        await pilot.press(*article.title[:6])
        await pilot.pause()
        await pilot.press("enter")
        await settle(pilot)
        assert main_screen(app) is app.screen
        assert screen.reader.url == article.url


async def test_help_lists_every_key_and_star_toggles(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(160, 50)) as pilot:
        screen = await open_news(pilot)
        await pilot.press("s")
        assert screen.articles.rows[0].starred
        await pilot.press("question_mark")
        await pilot.pause()
        text = screen_text(app)
        for key in ("Tab", "Enter", "PageDown", "Ctrl+P", "Esc"):
            assert key in text
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen


async def test_english_ui(make_app: AppFactory) -> None:
    app = make_app(lang="en")
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        assert app.sub_title.split(" · ")[0] == "online"
        text = screen_text(app)
        assert "Sections" in text and "Help" in text


async def test_service_closed_on_exit(make_app: AppFactory) -> None:
    app = make_app()
    closed: list[bool] = []
    original = app.service.aclose

    async def aclose() -> None:
        closed.append(True)
        await original()

    app.service.aclose = aclose  # type: ignore[method-assign]
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        await pilot.press("q")
        await pilot.pause()
    assert closed == [True]


async def test_mouse_click_opens_row(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(160, 50)) as pilot:
        screen = await open_news(pilot)
        target = screen.articles.rows[2].item
        await pilot.click(ArticleList, offset=(10, 2))
        await settle(pilot)
        assert screen.articles.cursor == 2
        assert screen.reader.url == target.url and target.title in screen.reader.body_text


async def test_command_palette_offers_every_action(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        titles = [c.title for c in app.get_system_commands(app.screen)]
        for name in (
            "下一条",
            "搜索",
            "复制链接",
            "浏览器打开",
            "收藏",
            "帮助",
            "侧栏",
            "全屏阅读",
        ):
            assert any(name in t for t in titles), name


async def test_a_cached_article_is_not_fetched_while_the_keys_keep_coming(
    fresh_demo_server: DemoServer, cache_dir: Path
) -> None:
    # Online, each open of a cached article also fetched and parsed it at once, in the frames
    # the next key press waited for. Now the refresh waits for the keys to be left alone; r
    # still fetches at once.
    app = build_app(fresh_demo_server.base_url, cache_dir)
    async with app.run_test(size=(160, 50)) as pilot:
        screen = await open_news(pilot)
        first, second = (screen.articles.rows[i].item.url for i in (0, 1))
        for key in ("enter", "escape", "down", "enter", "escape", "up"):  # both fetched once
            await pilot.press(key)
            await settle(pilot)
        screen.reader.refresh_idle = 3600.0  # never left alone that long here
        before = len(fresh_demo_server.requests)
        await pilot.press("enter", "escape", "down", "enter", "escape", "up", "enter")
        for _ in range(5):
            await pilot.pause()
        assert screen.reader.url == first and screen.reader.is_article

        def fetched() -> set[str]:
            paths = fresh_demo_server.requests[before:]
            return {url for url in (first, second) if any(url.endswith(p) for p in paths)}

        assert fetched() == set()
        await pilot.press("r")
        await settle(pilot)
        assert fetched() == {first}


async def test_any_key_postpones_the_refresh_of_a_cached_article(
    make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app()
    async with app.run_test(size=(160, 50)) as pilot:
        screen = await open_news(pilot)
        postponed: list[str] = []
        monkeypatch.setattr(screen.reader, "postpone_refresh", lambda: postponed.append("key"))
        await pilot.press("down", "j")
        assert postponed == ["key", "key"]
