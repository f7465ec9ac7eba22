"""Honest external actions (issue 13, items 4 and 5): the browser, the clipboard, downloads and
the links dialog say what really happened, and every key gets its answer.

No real browser or viewer ever starts: ``PATH`` holds only the test's fake programs
(``fake_programs.py``) and ``webbrowser`` is made to look for browsers again in it.
"""

from __future__ import annotations

import sys
from pathlib import Path

import factories
import pytest
from fake_programs import VIEWER, asked, fake_program, only_programs_in
from textual.pilot import Pilot
from textual.widgets import OptionList
from tui_helpers import AppFactory, main_screen, open_news, settle

from newsreader.core.errors import FetchError
from newsreader.core.models import Attachment, LinkSpan
from newsreader.demo.site import DemoArticle, DemoSite
from newsreader.tui.app import NewsreaderApp
from newsreader.tui.i18n import Translator
from newsreader.tui.render import render_article
from newsreader.tui.screens.confirm import ConfirmOpen
from newsreader.tui.screens.links import LinksScreen
from newsreader.tui.screens.main import MainScreen

pytestmark = [
    pytest.mark.timeout(90),
    pytest.mark.skipif(sys.platform == "win32", reason="the fake programs are shell scripts"),
]

CLIPBOARD = "已发送到终端剪贴板"


def toasts(app: NewsreaderApp, title: str) -> list[str]:
    return [str(n.message) for n in app._notifications if n.title == title]


def with_attachment(site: DemoSite) -> DemoArticle:
    """The demo article whose body links its own attachment (the issue's example)."""
    return next(a for a in site.articles if a.column == "xhgz/tzgg" and a.attachments)


async def open_in_browser_from_the_list(pilot: Pilot[None]) -> str:
    """Press ``o`` on the first article of 新闻资讯 › 新闻 and confirm; return its URL."""
    screen = await open_news(pilot)
    url = screen.articles.current_url
    assert url is not None
    await pilot.press("o")
    await pilot.pause()
    assert isinstance(pilot.app.screen, ConfirmOpen)
    await pilot.press("y")
    await settle(pilot)
    return url


async def test_no_browser_says_so_with_the_url_and_sends_it_to_the_clipboard(
    make_app: AppFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    only_programs_in(tmp_path / "bin", monkeypatch)  # no browser anywhere
    app = make_app()
    async with app.run_test(size=(160, 50)) as pilot:
        url = await open_in_browser_from_the_list(pilot)
        assert "正在打开浏览器…" in toasts(app, "")
        failed = toasts(app, "无法打开浏览器")
        assert failed == [f"{url}（已发送到终端剪贴板；可用 $BROWSER 指定浏览器）"]
        assert app.clipboard == url
        assert app.is_running


async def test_the_browser_named_by_BROWSER_gets_the_url(
    make_app: AppFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    programs = only_programs_in(tmp_path / "bin", monkeypatch)
    record = fake_program(programs, "my-browser")
    monkeypatch.setenv("BROWSER", str(programs / "my-browser"))
    app = make_app()
    async with app.run_test(size=(160, 50)) as pilot:
        url = await open_in_browser_from_the_list(pilot)
        assert asked(record) == [url]
        assert toasts(app, "无法打开浏览器") == []


async def test_a_browser_that_fails_is_said_with_the_url_each_time(
    make_app: AppFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    programs = only_programs_in(tmp_path / "bin", monkeypatch)
    record = fake_program(programs, "broken-browser", fails=True)
    monkeypatch.setenv("BROWSER", str(programs / "broken-browser"))
    app = make_app(lang="en")
    async with app.run_test(size=(160, 50)) as pilot:
        url = await open_in_browser_from_the_list(pilot)
        await pilot.press("o", "y")  # the same again: the same answer again
        await settle(pilot)
        assert asked(record) == [url, url]
        message = f"{url} (sent to the terminal's clipboard; set $BROWSER to choose a browser)"
        assert toasts(app, "Could not open a browser") == [message, message]
        assert app.clipboard == url


async def test_y_says_where_the_url_went_each_time_it_is_pressed(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(160, 50)) as pilot:
        screen = await open_news(pilot)
        url = screen.articles.current_url
        assert url is not None
        await pilot.press("y")
        await pilot.pause()
        await pilot.press("y")  # a second press within seconds is answered too
        await pilot.pause()
        assert toasts(app, CLIPBOARD) == [url, url]
        assert app.clipboard == url


async def test_background_notices_are_still_shown_once(make_app: AppFactory) -> None:
    app = make_app(offline=True)
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        before = len(app._notifications)
        error = FetchError("x", reason="connect", facts={"host": "127.0.0.1"})
        for _ in range(3):
            app.report_error(error)  # a failing background refresh, again and again
        await pilot.pause()
        assert len(app._notifications) == before + 1
        for _ in range(2):
            app.report_error(error, reply=True)  # the answer to a key: every time
        await pilot.pause()
        assert len(app._notifications) == before + 3


def test_the_link_list_has_one_entry_per_target_numbered_as_the_footnotes() -> None:
    base = "http://127.0.0.1:9/"
    attachment = Attachment("附件1：日程.pdf", f"{base}system/_content/download.jsp?wbfileid=1")
    page, other = f"{base}info/1/2.htm", "https://www.moe.gov.cn/"
    text = "甲乙丙丁戊"
    spans = (
        LinkSpan(0, 1, page),
        LinkSpan(1, 2, other),
        LinkSpan(2, 3, page),  # linked again: the same number
        LinkSpan(3, 4, attachment.url),  # the attachment, linked from the body too
    )
    article = factories.article(
        url=f"{base}info/1/1.htm",
        blocks=(factories.paragraph(text, links=spans),),
        attachments=(attachment,),
    )
    rendered = render_article(article, Translator("zh"))
    assert [(t.number, t.kind, t.url) for t in rendered.links] == [
        (1, "link", page),
        (2, "link", other),
        (3, "attachment", attachment.url),
    ]
    assert rendered.links[2].label == "附件1：日程.pdf"
    assert "甲[1]乙[2]丙[1]丁[3]戊" in rendered.plain
    assert "本文的 3 个链接/附件" in rendered.plain


async def open_links(pilot: Pilot[None], site: DemoSite) -> LinksScreen:
    app: NewsreaderApp = pilot.app  # type: ignore[assignment]
    await settle(pilot)
    screen = main_screen(app)
    screen.open_article(app.service.site_url + with_attachment(site).path, focus=True)
    await settle(pilot)
    await pilot.press("l")
    await pilot.pause()
    assert isinstance(app.screen, LinksScreen)
    return app.screen


async def test_the_dialog_lists_each_target_once_and_a_number_key_downloads(
    make_app: AppFactory, demo_site: DemoSite, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    only_programs_in(tmp_path / "bin", monkeypatch)  # no viewer
    downloads = tmp_path / "downloads"
    app = make_app(download_dir=downloads)
    async with app.run_test(size=(160, 50)) as pilot:
        dialog = await open_links(pilot, demo_site)
        urls = [t.url for t in dialog.targets]
        assert len(urls) == len(set(urls)) == dialog.query_one(OptionList).option_count
        kinds = [t.kind for t in dialog.targets]
        assert kinds.count("attachment") == 1
        number = kinds.index("attachment") + 1
        await pilot.press(str(number))  # no Enter needed
        await settle(pilot)
        saved = downloads / "活动日程安排.pdf"
        assert saved.is_file()
        # No viewer to offer: it says where the file is, and asks nothing.
        assert isinstance(app.screen, MainScreen)
        assert toasts(app, "附件已保存") == [f"{saved}（没有可打开它的系统查看器）"]


async def test_a_number_key_asks_before_a_page_opens(
    make_app: AppFactory, demo_site: DemoSite, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    programs = only_programs_in(tmp_path / "bin", monkeypatch)
    record = fake_program(programs, "my-browser")
    monkeypatch.setenv("BROWSER", str(programs / "my-browser"))
    app = make_app()
    async with app.run_test(size=(160, 50)) as pilot:
        dialog = await open_links(pilot, demo_site)
        external = next(t for t in dialog.targets if "moe.gov.cn" in t.url)
        assert len(dialog.targets) < 9
        await pilot.press("9")  # past the list: nothing
        await pilot.pause()
        assert app.screen is dialog
        await pilot.press(str(external.number))
        await pilot.pause()
        assert isinstance(app.screen, ConfirmOpen) and app.screen.url == external.url
        await settle(pilot)
        assert asked(record) == []  # nothing before the answer
        await pilot.press("y")
        await settle(pilot)
        assert asked(record) == [external.url]


async def test_a_saved_attachment_opens_in_the_viewer_after_asking(
    make_app: AppFactory, demo_site: DemoSite, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    programs = only_programs_in(tmp_path / "bin", monkeypatch)
    record = fake_program(programs, VIEWER)
    downloads = tmp_path / "downloads"
    app = make_app(download_dir=downloads)
    async with app.run_test(size=(160, 50)) as pilot:
        dialog = await open_links(pilot, demo_site)
        attachment = next(t for t in dialog.targets if t.kind == "attachment")
        await pilot.press(str(attachment.number))
        await settle(pilot)
        saved = downloads / "活动日程安排.pdf"
        assert toasts(app, "附件已保存") == [str(saved)]
        assert isinstance(app.screen, ConfirmOpen) and app.screen.url == str(saved)
        await pilot.press("y")
        await settle(pilot)
        assert asked(record) == [str(saved)]
