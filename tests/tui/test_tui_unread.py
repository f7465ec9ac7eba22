"""The unread workflow (issue 13, item 2): counts of every listed article, next/previous unread
across sections (n/p), marking a section (m) or everything (M) read, the legend in the help."""

from __future__ import annotations

import re

import pytest
from textual.pilot import Pilot
from tui_helpers import AppFactory, open_news, screen_text, settle

from newsreader.tui.app import NewsreaderApp
from newsreader.tui.screens.confirm import ConfirmOpen
from newsreader.tui.screens.main import MainScreen
from newsreader.tui.widgets.section_tree import SectionTree

pytestmark = pytest.mark.timeout(90)


def _messages(app: NewsreaderApp) -> list[str]:
    return [str(n.message) for n in app._notifications]


def _label_of(tree: SectionTree, url: str) -> str:
    for node in tree._walk():
        if node.data and node.data.section and node.data.section.url == url:
            return str(node.label)
    raise AssertionError(url)


async def _list_other_section(pilot: Pilot[None], screen: MainScreen) -> tuple[str, str]:
    """The sections on show and the next one in tree order, its first list page in the cache
    (as if the user had looked at it once): ``(news, other)``."""
    news = screen.articles.key
    assert news is not None
    urls = list(dict.fromkeys(screen.sidebar.section_urls()))
    other = urls[urls.index(news) + 1]
    await pilot.app.service.list_page(other)  # type: ignore[attr-defined]
    screen.state.forget(other)
    screen.sidebar.update_counts()
    await pilot.pause()
    return news, other


async def test_counts_cover_listed_articles_with_nothing_cached(make_app: AppFactory) -> None:
    # A reader who never syncs: the list page is cached, no article is.
    app = make_app()
    async with app.run_test(size=(160, 50)) as pilot:
        screen = await open_news(pilot)
        news = screen.articles.key
        assert news is not None
        assert not any(row.cached for row in screen.articles.rows)
        assert _label_of(screen.sidebar, news).endswith("(20/20)")
        assert "未读 20/20" in str(screen.articles.border_title)
        await pilot.press("enter")  # read the first one
        await settle(pilot)
        assert _label_of(screen.sidebar, news).endswith("(19/20)")
        assert "未读 19/20" in str(screen.articles.border_title)


async def test_n_and_p_go_to_unread_across_sections(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(160, 50)) as pilot:
        screen = await open_news(pilot)
        news, other = await _list_other_section(pilot, screen)
        rows = [row.item.url for row in screen.articles.rows]
        # Everything in 新闻 read but the sixth article.
        for url in rows[:5] + rows[6:]:
            assert app.service.library.mark_read(url)
        screen.articles.refresh_marks()
        await pilot.press("n")
        await settle(pilot)
        assert screen.reader.url == rows[5] and screen.articles.key == news
        await pilot.press("n")  # nothing unread left in 新闻: the next section's first
        await settle(pilot)
        assert screen.articles.key == other
        assert screen.sidebar.cursor_section is not None
        assert screen.sidebar.cursor_section.url == other
        others = [item.url for item in screen.state.cached_items(other)]
        assert screen.reader.url == others[0]
        assert screen.articles.current_url == others[0]
        await pilot.press("n")
        await settle(pilot)
        assert screen.reader.url == others[1]
        # Back: nothing unread before it, in 新闻 or any section before: round from the end.
        await pilot.press("p")
        await settle(pilot)
        assert screen.reader.url == others[-1]
        assert "已从最后一个栏目重新查找未读" in _messages(app)
        assert not any("第一篇" in m or "最后一篇" in m for m in _messages(app))
        # Everything read: n says so and stays.
        for url in others:
            assert app.service.library.mark_read(url)
        shown = screen.reader.url
        await pilot.press("n")
        await settle(pilot)
        assert "没有未读文章" in _messages(app)
        assert screen.reader.url == shown


async def test_m_marks_every_listed_article_of_the_section_read(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(160, 50)) as pilot:
        screen = await open_news(pilot)
        news, other = await _list_other_section(pilot, screen)
        for url in [r.item.url for r in screen.articles.rows[:4]]:
            await app.service.article(url)  # four cached, sixteen only listed
        await pilot.press("m")
        await settle(pilot)
        assert all(row.read for row in screen.articles.rows)
        assert _label_of(screen.sidebar, news).endswith("(0/20)")
        assert "未读 0/20" in str(screen.articles.border_title)
        assert "已将本栏目 20 篇未读文章标为已读" in _messages(app)
        # On the tree, m marks the section under the cursor, not the list on show.
        assert screen.sidebar.reveal(other) is not None
        await pilot.pause()
        screen.sidebar.focus()
        await pilot.press("m")
        await settle(pilot)
        total = len(screen.state.known(other))
        assert _label_of(screen.sidebar, other).endswith(f"(0/{total})")
        assert f"已将本栏目 {total} 篇未读文章标为已读" in _messages(app)

    again = make_app(offline=True)
    async with again.run_test(size=(160, 50)) as pilot:
        screen = await open_news(pilot)
        assert all(row.read for row in screen.articles.rows)


async def test_shift_m_marks_everything_read_after_asking(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(160, 50)) as pilot:
        screen = await open_news(pilot)
        news, other = await _list_other_section(pilot, screen)
        total = len(screen.state.known(news) | screen.state.known(other))
        await pilot.press("M")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmOpen)
        text = screen_text(app)
        assert f"将全部栏目的 {total} 篇未读文章标为已读？" in text
        assert "标为已读 (y)" in text
        await pilot.press("n")  # declined: nothing marked
        await settle(pilot)
        assert app.screen is screen
        assert _label_of(screen.sidebar, news).endswith("(20/20)")
        await pilot.press("M")
        await pilot.pause()
        await pilot.press("y")
        await settle(pilot)
        assert all(row.read for row in screen.articles.rows)
        assert _label_of(screen.sidebar, news).endswith("(0/20)")
        assert _label_of(screen.sidebar, other).endswith(f"(0/{len(screen.state.known(other))})")
        assert f"已将全部 {total} 篇未读文章标为已读" in _messages(app)
        await pilot.press("M")  # nothing left: no question
        await pilot.pause()
        assert app.screen is screen
        assert "没有未读文章" in _messages(app)


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("zh", ("下一篇未读", "上一篇未读", "下一条", "全部栏目标为已读", "(3/20 · 新 2)")),
        ("en", ("Next unread", "Previous unread", "Next article", "Mark every section read")),
    ],
)
async def test_help_lists_the_unread_keys_and_explains_the_marks(
    make_app: AppFactory, lang: str, expected: tuple[str, ...]
) -> None:
    app = make_app(lang=lang)
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        text = screen_text(app)
        for shown in expected:
            assert shown in text, shown
        assert "●" in text and "★" in text and "3/20" in text
        for key, description in (("]", "key.next"), ("[", "key.prev"), ("M", "key.mark_all_read")):
            assert re.search(rf"{re.escape(key)}\s{{3,}}{re.escape(app.tr(description))}", text)
