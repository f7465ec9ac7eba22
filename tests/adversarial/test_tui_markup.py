"""Rich/Textual markup in page text is shown literally by every TUI widget (issue case 1).

A VSB site on 127.0.0.1 (the demo site behind our raw fault server) serves nav titles, list
titles, an article's title, meta, body, table cells, link texts, attachment names and neighbour
titles holding markup such as ``[@click=app.quit]``; the text comes through the real fetcher,
parser and service. We drive the app with the keyboard and the mouse and check, for every widget,
that the characters are on screen as typed, that clicking them does nothing (the app runs, no
screenshot is taken) and that no exception escapes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from faults import RawServer, demo_site, route
from textual.pilot import Pilot
from textual.widgets import Input, OptionList
from tui_site import (
    NO_DELAY,
    build_app,
    click_text,
    find_on_screen,
    main_screen,
    screen_text,
    settle,
    wait_until,
)

from newsreader.core.errors import HTTPStatusError
from newsreader.demo.site import DemoSite
from newsreader.tui.app import NewsreaderApp
from newsreader.tui.screens.confirm import ConfirmOpen
from newsreader.tui.screens.links import LinksScreen
from newsreader.tui.screens.search import SearchScreen

pytestmark = pytest.mark.timeout(90)

COLUMN = "xhgz/tzgg"  # 通知公告: its newest article has a table, links, an attachment, a next
TOP = "[bold]协会工作"
SECTION = "[$accent @click=app.quit]"  # the whole width of the sidebar
BROKEN_SECTION = "协会[/]动态"  # its list URL is hostile too and answers 404
BROKEN_PATH = "xhgz/x[@click=app.quit]d[/].htm"
TITLE = "[@click=app.quit]推荐[/]联络员 a [/"
NEXT = "[ @click=app.screenshot()]示范名单"
SOURCE = "[ @click=app.screenshot()]秘书处"
EDITOR = "a [/ 林一"
HEAD_CELL = "[bold]地区"
CELL = "[/]福州"
LINK_TEXT = "[link=https://x]教育部[/link]"
LINK_URL = "http://www.moe.gov.cn/[@click=app.quit]"
ATTACHMENT = "[@click=app.quit]日程.pdf"
PARAGRAPH = "（[$accent @click=app.quit]供稿 a [/）"
EVERY_MARKUP = (
    "[/]",
    "[bold]",
    "[link=https://x]",
    "[@click=app.quit]",
    "[ @click=app.screenshot()]",
    "[$accent @click=app.quit]",
    "a [/",
)


@pytest.fixture(scope="module")
def markup_site() -> Iterator[tuple[RawServer, str, str]]:
    """Serve the hostile site; yield it, the hostile article's path and its original title."""
    site = DemoSite()
    articles = [a for a in site.articles if a.column == COLUMN]
    target, neighbour = articles[0], articles[1]
    listing = site.resolve(f"/{COLUMN}.htm").body.decode()  # type: ignore[union-attr]
    shown = re.search(f'title="{re.escape(target.title)}">([^<]*)<', listing)
    assert shown is not None
    everywhere = {
        target.title: TITLE,
        shown.group(1): TITLE,  # the list page shows the title cut short (…联络...)
        neighbour.title: NEXT,
        ">协会工作<": f">{TOP}<",
        ">通知公告<": f">{SECTION}<",
        'xhgz/xhdt.htm">协会动态<': f'{BROKEN_PATH}">{BROKEN_SECTION}<',
    }
    page = site.resolve("/" + target.path).body.decode()  # type: ignore[union-attr]
    on_article = {
        '"ContentSource" Content="协会秘书处"': f'"ContentSource" Content="{SOURCE}"',
        "责任编辑:林一": f"责任编辑:{EDITOR}",
        "<th>地区</th>": f"<th>{HEAD_CELL}</th>",
        "<td>福州</td>": f"<td>{CELL}</td>",
        '"http://www.moe.gov.cn/" target="_blank">教育部网站<': (
            f'"{LINK_URL}" target="_blank">{LINK_TEXT}<'
        ),
        "附件1：活动日程安排.pdf": ATTACHMENT,
        "（协会秘书处供稿）": PARAGRAPH,
    }
    for old in on_article:  # the demo page must still hold what we swap, or the test is void
        assert old in page, old
    handler = route(
        {"/" + target.path: demo_site({**everywhere, **on_article})}, default=demo_site(everywhere)
    )
    with RawServer(handler) as server:
        yield server, target.path, target.title


class Recorder:
    """Stands in for an app method: records the calls, does nothing."""

    def __init__(self) -> None:
        self.calls: list[tuple[object, ...]] = []

    def __call__(self, *args: object, **kwargs: object) -> None:
        self.calls.append(args)


@pytest.fixture
def hostile_app(
    markup_site: tuple[RawServer, str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[NewsreaderApp, Recorder]]:
    """The app on the hostile site, run from an empty directory, screenshots recorded."""
    monkeypatch.chdir(tmp_path)
    server, _, _ = markup_site
    # The full width (no reading measure): each hostile string is on one line, to be clicked.
    app = build_app(
        server.url,
        tmp_path / "cache",
        fetch=NO_DELAY,
        download_dir=tmp_path / "downloads",
        text_width=0,
    )
    shots = Recorder()
    monkeypatch.setattr(app, "deliver_screenshot", shots)
    monkeypatch.setattr(app, "save_screenshot", shots)
    yield app, shots
    assert list(tmp_path.glob("*.svg")) == []  # nothing written where a screenshot would go


def assert_inert(app: NewsreaderApp, shots: Recorder) -> None:
    assert app.is_running and app.return_code is None
    assert app._exit_renderables == []
    assert shots.calls == []


async def open_section(pilot: Pilot[None], top: str, child: str) -> None:
    """Open ``top › child`` in the sidebar with the keyboard, as a user would."""
    screen = main_screen(pilot.app)  # type: ignore[arg-type]
    assert await wait_until(pilot, lambda: screen.sidebar.sections is not None)
    await settle(pilot)
    screen.sidebar.focus()
    await pilot.press("home")
    sections = screen.sidebar.sections or ()
    tops = [s.title for s in sections]
    for _ in range(tops.index(top)):
        await pilot.press("down")
    await pilot.press("right")
    children = [c.title for c in sections[tops.index(top)].children]
    for _ in range(children.index(child) + 1):
        await pilot.press("down")
    await pilot.press("enter")
    await settle(pilot)


async def test_markup_in_tree_list_and_reader_is_literal_and_inert(
    hostile_app: tuple[NewsreaderApp, Recorder],
) -> None:
    app, shots = hostile_app
    async with app.run_test(size=(200, 60)) as pilot:
        await open_section(pilot, TOP, SECTION)
        screen = main_screen(app)
        text = screen_text(app)
        for shown in (TOP, SECTION, BROKEN_SECTION, TITLE, NEXT):  # tree labels and list rows
            assert shown in text, shown
        assert screen.articles.rows[0].item.title == TITLE
        assert screen.focused is screen.articles
        await pilot.press("enter")  # open the hostile article
        assert await wait_until(pilot, lambda: screen.reader.is_article)
        await settle(pilot)
        await pilot.press("z")  # the reader gets the whole screen
        await settle(pilot)
        assert app.screen.maximized is screen.reader
        pending = [
            TITLE,
            SOURCE,
            EDITOR,
            HEAD_CELL,
            CELL,
            LINK_TEXT,
            ATTACHMENT,
            PARAGRAPH,
            f"下一条: {NEXT}",
            "相关阅读：" + NEXT,
            *EVERY_MARKUP,
        ]
        seen = ""
        for _ in range(40):  # page down through the article, clicking the hostile text shown
            text = screen_text(app)
            seen += text
            for shown in [p for p in pending if p in text]:
                pending.remove(shown)
                assert await click_text(pilot, shown), shown
            if screen.reader.scroll_y >= screen.reader.max_scroll_y:
                break
            await pilot.press("space")
            await pilot.pause()
        assert pending == []
        assert screen.reader.scroll_y == screen.reader.max_scroll_y > 0
        await settle(pilot)
        assert_inert(app, shots)
        await pilot.press("z")
        await settle(pilot)
        for shown in (SECTION, TITLE, NEXT, TOP):  # the tree and the list (TOP last: it folds)
            screen.sidebar.focus()
            assert await click_text(pilot, shown), shown
            await settle(pilot)
        assert_inert(app, shots)
    assert app.return_code is None


async def test_markup_in_links_picker_and_confirm_modal_is_literal(
    hostile_app: tuple[NewsreaderApp, Recorder], monkeypatch: pytest.MonkeyPatch
) -> None:
    app, shots = hostile_app
    opened: list[str] = []
    monkeypatch.setattr("webbrowser.open", lambda url, *a, **k: opened.append(url) or True)
    async with app.run_test(size=(200, 60)) as pilot:
        await open_section(pilot, TOP, SECTION)
        screen = main_screen(app)
        await pilot.press("enter")
        assert await wait_until(pilot, lambda: screen.reader.is_article)
        await settle(pilot)
        await pilot.press("l")
        await pilot.pause()
        assert isinstance(app.screen, LinksScreen)
        text = screen_text(app)
        for shown in (NEXT, LINK_TEXT, LINK_URL, ATTACHMENT):
            assert shown in text, shown
        picker = app.screen.query_one(OptionList)
        assert await click_text(
            pilot, LINK_TEXT, within=picker, once=True
        )  # a click chooses the link: to be confirmed
        await pilot.pause()
        assert isinstance(app.screen, ConfirmOpen)
        assert LINK_URL in screen_text(app)
        assert await click_text(pilot, LINK_URL)
        await pilot.press("n")
        await settle(pilot)
        assert main_screen(app) is app.screen
        assert opened == []
        assert_inert(app, shots)


async def test_markup_in_search_results_is_literal_and_inert(
    hostile_app: tuple[NewsreaderApp, Recorder],
) -> None:
    app, shots = hostile_app
    async with app.run_test(size=(200, 60)) as pilot:
        await open_section(pilot, TOP, SECTION)
        screen = main_screen(app)
        await pilot.press("enter")  # read it once: search covers the cached articles
        assert await wait_until(pilot, lambda: screen.reader.is_article)
        await settle(pilot)
        await pilot.press("slash")
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)
        search = app.screen
        search.query_one(Input).value = "联络员"
        # The search runs after a short debounce: wait for it rather than for a fixed time.
        assert await wait_until(pilot, lambda: [h.title for h in search.hits] == [TITLE])
        await settle(pilot)
        assert TITLE in screen_text(app)
        results = app.screen.query_one(OptionList)
        assert await click_text(
            pilot, TITLE, within=results, once=True
        )  # a click on a result opens it
        await settle(pilot)
        assert main_screen(app) is app.screen
        assert screen.reader.is_article and screen.reader.article is not None
        assert screen.reader.article.title == TITLE
        assert_inert(app, shots)


async def test_markup_in_an_error_quoting_a_url_is_literal(
    hostile_app: tuple[NewsreaderApp, Recorder], markup_site: tuple[RawServer, str, str]
) -> None:
    app, shots = hostile_app
    server, _, _ = markup_site
    url = server.url + BROKEN_PATH
    async with app.run_test(size=(200, 60)) as pilot:
        await open_section(pilot, TOP, BROKEN_SECTION)  # its list answers 404
        screen = main_screen(app)
        # The empty list says it, once: no toast on top.
        assert not [n for n in app._notifications if n.severity == "error"]
        assert screen.articles.placeholder == f"服务器返回错误：404（{url}）"
        # The same failure in the background is a toast: its text literal too.
        app.report_error(HTTPStatusError("not found", status=404, url=url))
        await pilot.pause()
        toasts = [n for n in app._notifications if n.severity == "error"]
        assert [(n.title, n.message) for n in toasts] == [("服务器返回错误", f"404（{url}）")]
        assert toasts[0].markup is False
        text = screen_text(app)
        assert f"服务器返回错误：404（{url}）" in text  # the list's placeholder
        assert find_on_screen(app, "[@click=app.quit]d[/].htm")
        assert await click_text(pilot, "[@click=app.quit]d[/].htm")
        await settle(pilot)
        assert_inert(app, shots)
