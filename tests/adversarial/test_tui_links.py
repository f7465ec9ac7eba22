"""Only http/https links leave the TUI, and only after a confirmation showing the URL (case 3).

``webbrowser.open`` is replaced by a recorder: nothing may reach it before the user confirms,
exactly one call after, and none for ``javascript:``, ``file:`` or ``data:`` links, which the
links picker lists (so the user sees them) but refuses with a clear message.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import factories
import pytest
from faults import RawServer, demo_site
from textual.widgets import OptionList
from tui_site import NO_DELAY, build_app, main_screen, screen_text, settle, wait_until

from newsreader.core.models import Article, LinkSpan, Section
from newsreader.core.results import Freshness, Result
from newsreader.demo.site import DemoSite
from newsreader.tui.app import NewsreaderApp
from newsreader.tui.screens.confirm import ConfirmOpen
from newsreader.tui.screens.links import LinksScreen
from newsreader.tui.widgets.article_list import ArticleList
from newsreader.tui.widgets.section_tree import SectionTree

pytestmark = pytest.mark.timeout(60)

REFUSED = ("javascript:alert(1)", "file:///etc/passwd", "data:text/html,<b>x</b>")
EXTERNAL = "https://www.moe.gov.cn/a.htm?x=1"
DEMO = DemoSite()


@pytest.fixture(scope="module")
def site() -> Iterator[RawServer]:
    with RawServer(demo_site()) as server:
        yield server


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    calls: list[str] = []

    def record(url: str, *args: object, **kwargs: object) -> bool:
        calls.append(url)
        return True

    monkeypatch.setattr("webbrowser.open", record)
    return calls


@pytest.fixture
def app(site: RawServer, tmp_path: Path) -> NewsreaderApp:
    return build_app(site.url, tmp_path / "cache", fetch=NO_DELAY)


async def test_o_opens_the_browser_only_after_confirming(
    app: NewsreaderApp, opened: list[str]
) -> None:
    async with app.run_test(size=(160, 50)) as pilot:
        screen = main_screen(app)
        assert await wait_until(pilot, lambda: screen.sidebar.sections is not None)
        await settle(pilot)
        screen.sidebar.focus()
        await pilot.press("down", "down", "right", "down", "enter")  # 新闻资讯 › 新闻
        await settle(pilot)
        assert screen.focused is screen.articles and screen.articles.rows
        url = screen.articles.current_url
        assert url is not None
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmOpen)
        assert url in screen_text(app)  # the full URL is shown before anything happens
        await settle(pilot)
        assert opened == []
        await pilot.press("n")  # declined: nothing is opened
        await settle(pilot)
        assert main_screen(app) is app.screen and opened == []
        await pilot.press("o")
        await pilot.pause()
        assert opened == []
        await pilot.press("y")
        await settle(pilot)
        assert opened == [url]
        assert [n.message for n in app._notifications][-1] == "正在打开浏览器…"


def article(base: str) -> Article:
    text = "甲乙丙丁外链"
    spans = tuple(LinkSpan(i, i + 1, url) for i, url in enumerate((*REFUSED, EXTERNAL)))
    return factories.article(
        url=f"{base}info/1023/1.htm", title="链接", blocks=(factories.paragraph(text, links=spans),)
    )


async def test_links_picker_shows_other_schemes_but_refuses_them(
    app: NewsreaderApp, opened: list[str]
) -> None:
    async with app.run_test(size=(160, 50)) as pilot:
        screen = main_screen(app)
        await settle(pilot)
        shown = article(app.service.site_url)
        screen.reader.show_result(shown.url, Result(shown, Freshness.FRESH, 0.0))
        screen.reader.focus()
        for index, url in enumerate(REFUSED):
            await pilot.press("l")
            await pilot.pause()
            assert isinstance(app.screen, LinksScreen)
            text = screen_text(app)
            for each in (*REFUSED, EXTERNAL):  # every link is listed with its URL
                assert each in text, each
            app.screen.query_one(OptionList).highlighted = index
            await pilot.press("enter")
            await settle(pilot)
            assert main_screen(app) is app.screen, url  # no confirmation offered
            notes = [n.message for n in app._notifications if n.severity == "warning"]
            # One clear message per refused link, naming it.
            assert notes == [f"只能打开 http/https 链接，不打开: {u}" for u in REFUSED[: index + 1]]
            assert opened == []
        await pilot.press("l")
        await pilot.pause()
        app.screen.query_one(OptionList).highlighted = len(REFUSED)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmOpen)
        assert EXTERNAL in screen_text(app)
        await settle(pilot)
        assert opened == []
        await pilot.press("y")
        await settle(pilot)
        assert opened == [EXTERNAL]


async def test_bracket_keys_never_fetch_a_neighbour_on_another_port(
    opened: list[str], tmp_path: Path
) -> None:
    """A hostile 上一条/下一条 on another port is shown, not fetched (`]`/`[`; issue 11, 4)."""
    shown = DEMO.articles[1]  # info/1001/2661.htm: 上一条 2707.htm, 下一条 2581.htm
    with RawServer(demo_site()) as bystander:
        prev, following = (f"{bystander.url}info/1001/{n}.htm" for n in (2707, 2581))
        hostile = {
            '上一条:<a href="2707.htm">': f'上一条:<a href="{prev}">',
            '下一条:<a href="2581.htm">': f'下一条:<a href="{following}">',
        }
        with RawServer(demo_site(hostile)) as server:
            app = build_app(server.url, tmp_path / "cache", fetch=NO_DELAY)
            async with app.run_test(size=(160, 50)) as pilot:
                screen = main_screen(app)
                await settle(pilot)
                url = server.url + shown.path
                screen.open_article(url, focus=True)
                assert await wait_until(pilot, lambda: screen.reader.article is not None)
                assert screen.reader.article is not None and screen.reader.article.next is not None
                assert screen.reader.article.next.url == following
                await pilot.press("right_square_bracket")
                await pilot.pause()
                assert isinstance(app.screen, ConfirmOpen)
                assert following in screen_text(app)  # the URL is shown before anything
                await pilot.press("n")  # declined
                await settle(pilot)
                await pilot.press("left_square_bracket")
                await pilot.pause()
                assert isinstance(app.screen, ConfirmOpen)
                assert prev in screen_text(app)
                await pilot.press("y")  # the explicit choice: the browser, never our fetcher
                await settle(pilot)
                assert main_screen(app).reader.url == url  # still the article on show
        assert opened == [prev]
        assert bystander.requests == []  # no article, no robots.txt


async def test_a_section_or_list_row_on_another_port_is_shown_not_fetched(
    app: NewsreaderApp, opened: list[str]
) -> None:
    with RawServer(demo_site()) as bystander:
        async with app.run_test(size=(160, 50)) as pilot:
            screen = main_screen(app)
            await settle(pilot)
            section = Section("外站", bystander.url + "xwzx/xw.htm")
            screen.post_message(SectionTree.Selected(section))
            await pilot.pause()
            assert isinstance(app.screen, ConfirmOpen)
            assert section.url in screen_text(app)
            await pilot.press("n")
            await settle(pilot)
            row = bystander.url + "info/1023/2739.htm"
            screen.post_message(ArticleList.Opened(row, "外站文章"))
            await pilot.pause()
            assert isinstance(app.screen, ConfirmOpen)
            await pilot.press("n")
            await settle(pilot)
            assert main_screen(app).articles.key != section.url
        assert bystander.requests == [] and opened == []
