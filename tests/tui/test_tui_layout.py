"""Responsive layout, full-screen reader, and the big-article time budget."""

from __future__ import annotations

import pytest
from tui_helpers import AppFactory, main_screen, open_news, screen_text, settle

from newsreader.core.models import Article, Block, LinkSpan, Section
from newsreader.core.results import Freshness, Result
from newsreader.tui.i18n import Translator
from newsreader.tui.render import render_article, wrap_blocks

pytestmark = pytest.mark.timeout(60)


def big_article(url: str, chars: int = 100_000) -> Article:
    para = "高校毕业生就业协会召开年度工作会议，会议总结了过去一年的工作。Job fair 2026. " * 4
    count = chars // len(para) + 1
    blocks = tuple(Block("paragraph", para, links=(LinkSpan(0, 4, url),)) for _ in range(count))
    return Article(url=url, title="大文章", blocks=blocks)


async def test_narrow_collapses_sidebar_and_toggles(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = main_screen(app)
        assert screen.has_class("-narrow")
        # At first start the tree is the only way in: it shows the site's sections.
        assert screen.sidebar.region.width > 0
        assert "新闻资讯" in screen_text(app)
        await open_news(pilot)
        # A list is open: the sidebar folds away and the list has the width.
        assert screen.sidebar.region.width == 0
        assert screen.articles.region.width >= 78
        assert screen.focused is screen.articles
        await pilot.press("backslash")
        await pilot.pause()
        assert screen.sidebar.region.width > 0
        await pilot.press("ctrl+b")
        await pilot.pause()
        assert screen.sidebar.region.width == 0


async def test_wide_shows_three_panes_and_maximize(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(160, 50)) as pilot:
        screen = await open_news(pilot)
        for pane in (screen.sidebar, screen.articles, screen.reader):
            assert pane.region.width > 0 and pane.region.height > 0
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("z")
        await pilot.pause()
        assert screen.maximized is screen.reader
        assert screen.reader.region.width >= 150
        await pilot.press("escape")
        await pilot.pause()
        assert screen.maximized is None


async def test_section_refresh_keeps_tree_cursor(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(160, 50)) as pilot:
        screen = await open_news(pilot)
        screen.sidebar.focus()
        node = screen.sidebar.cursor_node
        assert node is not None and node.data is not None
        path = node.data.path
        sections = screen.sidebar.sections
        assert sections is not None
        changed = (Section("新栏目", f"{app.service.site_url}new.htm"), *sections)
        screen.sidebar.set_sections(changed)
        await settle(pilot)
        node = screen.sidebar.cursor_node
        assert node is not None and node.data is not None
        assert node.data.path == path


def test_render_and_wrap_big_article_fits_the_width() -> None:
    # The time budget (<= 250 ms for 100,000 characters) is measured in benchmarks/.
    article = big_article("https://x.cn/info/1/1.htm")
    rendered = render_article(article, Translator())
    lines = wrap_blocks(rendered.blocks, 120)
    assert len(lines) > 100
    assert all(line.cell_length <= 120 for line in lines)


async def test_big_article_opens_in_the_reader(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(160, 50)) as pilot:
        screen = await open_news(pilot)
        article = big_article(f"{app.service.site_url}info/1/1.htm")
        screen.reader.show_result(article.url, Result(article, Freshness.FRESH, 0.0))
        for _ in range(1000):
            if screen.reader.is_article and screen.reader.url == article.url:
                break
            await pilot.pause(0.01)
        assert screen.reader.is_article
        assert screen.reader.url == article.url
