"""Small things a daily reader meets: the start-up error, the offline pages, the list's end."""

from __future__ import annotations

from pathlib import Path

import pytest
from apps import build_app
from textual.content import Content
from textual.pilot import Pilot
from textual.widgets import OptionList
from tui_helpers import AppFactory, main_screen, open_news, screen_text, settle

from newsreader.core.config import FetchSettings
from newsreader.core.results import SearchHit
from newsreader.demo.server import DemoServer
from newsreader.tui.app import NewsreaderApp
from newsreader.tui.screens.main import MainScreen
from newsreader.tui.screens.search import SearchScreen, hit_label
from newsreader.tui.widgets.reader import Reader
from newsreader.tui.widgets.section_tree import SectionTree

pytestmark = pytest.mark.timeout(60)


@pytest.mark.parametrize(
    ("lang", "end"),
    [("zh", "再按 r 重试。"), ("en", "then r to try again.")],
)
async def test_offline_start_without_cache_wraps_the_error_and_says_how_to_go_online(
    make_app: AppFactory, lang: str, end: str
) -> None:
    app = make_app(offline=True, lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        text = screen_text(app)
        flat = "".join(text.replace("│", "").split())
        # Wrapped, not cut: the advice at its end is on screen.
        assert "".join(end.split()) in flat
        assert "Ctrl+O" in text
        # Already offline: --offline is no advice.
        assert "--offline" not in text


async def test_ctrl_o_offline_page_says_how_to_go_back_online(make_app: AppFactory) -> None:
    app = make_app(lang="en")
    async with app.run_test(size=(160, 50)) as pilot:
        screen = await open_news(pilot)
        await pilot.press("ctrl+o")
        await settle(pilot)
        assert screen.service.offline
        await pilot.press("down", "down", "enter")
        await settle(pilot)
        assert not screen.reader.is_article
        assert "Ctrl+O to go online" in screen.reader.body_text
        assert main_screen(app) is screen


async def test_g_reaches_the_true_end_of_a_multi_page_list_in_one_press(
    make_app: AppFactory,
) -> None:
    app = make_app()
    async with app.run_test(size=(160, 50)) as pilot:
        screen = await open_news(pilot)
        assert len(screen.articles.rows) == 20 and screen.articles.next_url is not None
        await pilot.press("G")
        await settle(pilot)
        rows = screen.articles.rows
        assert len(rows) == 55 and screen.articles.next_url is None
        assert screen.articles.cursor == 54
        assert len({r.item.url for r in rows}) == 55
        assert rows[-1].item.title[:10] in screen_text(app)


async def test_starred_list_shows_titles_of_articles_never_opened(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(160, 50)) as pilot:
        screen = await open_news(pilot)
        await pilot.press("j", "j", "s")
        row = screen.articles.rows[2]
        assert row.starred and not row.cached
    # A later run: the article is still not cached; its list entry names it.
    app = make_app()
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        screen = main_screen(app)
        screen.post_message(SectionTree.StarredSelected())
        await settle(pilot)
        assert [(r.item.title, r.item.url) for r in screen.articles.rows] == [
            (row.item.title, row.item.url)
        ]
        assert row.item.date and screen.articles.rows[0].item.date == row.item.date
        assert row.item.url not in screen_text(app)


def _highlighted(label: Content) -> list[str]:
    """The texts of ``label`` styled as search matches."""
    return [label.plain[s.start : s.end] for s in label.spans if "reverse" in str(s.style)]


def test_search_label_highlights_matches_as_literal_text() -> None:
    hit = SearchHit("[b]经济[/b] 新闻", "http://s.cn/1.htm", None, "……推动经济发展，经济[red]增长")
    label = hit_label(hit, "经济 [red]")
    assert label.plain.startswith("[b]经济[/b] 新闻") and "经济[red]增长" in label.plain
    assert sorted(_highlighted(label)) == sorted(["经济", "经济", "经济", "[red]"])


async def _search_first_words(pilot: Pilot[None]) -> tuple[MainScreen, SearchScreen, str]:
    """Open an article (so it is cached), then search for its title's first two characters."""
    screen = await open_news(pilot)
    await pilot.press("enter")
    await settle(pilot)
    article = screen.reader.article
    assert article is not None
    await pilot.press("escape", "escape", "slash")
    await pilot.pause()
    search = pilot.app.screen
    assert isinstance(search, SearchScreen)
    word = article.title[:2]
    await pilot.press(*word)
    await settle(pilot, 0.3)
    assert search.hits
    return screen, search, word


async def test_search_highlights_matches_in_results(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(160, 50)) as pilot:
        _, search, word = await _search_first_words(pilot)
        option = search.query_one(OptionList).get_option_at_index(0)
        assert isinstance(option.prompt, Content)
        assert word in _highlighted(option.prompt)


async def test_search_enter_opens_on_the_first_down(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(160, 50)) as pilot:
        screen, search, _ = await _search_first_words(pilot)
        await pilot.press("down", "enter")
        await settle(pilot)
        assert app.screen is screen
        assert screen.reader.url == search.hits[0].url


async def test_status_line_shows_position_progress_and_freshness(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_news(pilot)
        total = max(len(screen.articles.rows), screen.articles.total or 0)
        await pilot.press("j", "j")
        await pilot.pause()
        status = str(app.sub_title)
        assert status.startswith("在线 · ")
        assert f"第 3/{total} 篇" in status and "更新" in status
        assert f"第 3/{total} 篇" in screen_text(app)
        await pilot.press("enter")
        await settle(pilot)
        reader = screen.reader
        assert reader.is_article and reader.max_scroll_y > 0
        before = int(str(app.sub_title).split("%")[0].split()[-1])
        await pilot.press("G")
        await pilot.pause()
        assert " · 100% · " in str(app.sub_title)
        assert before < 100


async def test_r_says_when_it_refreshed(make_app: AppFactory) -> None:
    app = make_app(lang="en")
    async with app.run_test(size=(160, 50)) as pilot:
        screen = await open_news(pilot)
        assert screen.focused is screen.articles
        await pilot.press("r")
        await settle(pilot)
        said = [n.message for n in app._notifications]
        assert any(m.startswith("Refreshed: fetched at ") for m in said), said


@pytest.mark.parametrize(("lang", "hint"), [("zh", "Esc 或 z 退出全屏"), ("en", "Esc or z leaves")])
async def test_full_screen_keeps_a_hint_on_how_to_leave(
    make_app: AppFactory, lang: str, hint: str
) -> None:
    app = make_app(lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_news(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("z")
        await settle(pilot)
        assert screen.reader.is_maximized
        assert hint in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        assert not screen.reader.is_maximized
        assert hint not in screen_text(app)


def _shown_percent(app: NewsreaderApp) -> int:
    return int(str(app.sub_title).split("%")[0].split()[-1])


def _on_show(reader: Reader) -> int:
    """The share of the article's lines above the reader's last row, counted here."""
    lines = reader.virtual_size.height
    seen = min(lines, round(reader.scroll_y) + reader.scrollable_content_region.height)
    return round(100 * seen / lines)


async def test_reading_progress_follows_the_readers_height(make_app: AppFactory) -> None:
    # The percentage was counted when the text or the scroll changed, not when the reader's
    # height did: the focused reader of a short terminal, full screen and a resized terminal
    # showed more lines than it said.
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_news(pilot)
        await pilot.press("enter")
        await settle(pilot)
        reader = screen.reader
        assert reader.is_article and reader.max_scroll_y > 0
        assert _shown_percent(app) == _on_show(reader)
        before = _on_show(reader)
        await pilot.press("z")  # full screen: more of the article is on show
        await settle(pilot)
        assert _on_show(reader) > before
        assert _shown_percent(app) == _on_show(reader)
        await pilot.press("z")
        await settle(pilot)
        assert _shown_percent(app) == _on_show(reader) == before
        await pilot.resize_terminal(80, 40)  # taller, same width: the text is not re-wrapped
        await settle(pilot)
        assert _on_show(reader) > before
        assert _shown_percent(app) == _on_show(reader)


async def test_the_error_page_says_it_once_and_claims_no_fetch_time(
    fresh_demo_server: DemoServer, cache_dir: Path
) -> None:
    # The reader's error page, a toast saying it again, and the list's fetch time in the
    # status line as if the article had been fetched then.
    app = build_app(fresh_demo_server.base_url, cache_dir, fetch=FetchSettings(retries=0))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_news(pilot)
        assert "更新" in str(app.sub_title)
        failing = screen.articles.rows[2].item.url
        fresh_demo_server.fail_status = 500
        fresh_demo_server.fail_paths.add("/" + failing.removeprefix(fresh_demo_server.base_url))
        await pilot.press("down", "down", "enter")
        await settle(pilot)
        assert screen.reader.url == failing and not screen.reader.is_article
        assert "500" in screen.reader.body_text
        assert not app._notifications, [n.message for n in app._notifications]
        status = str(app.sub_title)
        assert "第 3/" in status and "更新" not in status, status
