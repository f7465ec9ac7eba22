"""Untrusted page text is shown literally everywhere: never run as markup or actions."""

from __future__ import annotations

from pathlib import Path

import pytest
from tui_helpers import AppFactory, main_screen, open_news, screen_text, settle

from newsreader.core.errors import FetchError
from newsreader.core.models import (
    Article,
    Attachment,
    Block,
    Link,
    LinkSpan,
    ListItem,
    ListPage,
    Section,
)
from newsreader.core.results import Freshness, Result
from newsreader.tui.screens.confirm import ConfirmOpen

pytestmark = pytest.mark.timeout(60)

HOSTILE = ("[/]", "[@click=app.quit]", "[ @click=app.screenshot()]", "a [/", "[b]bold[/b]")


async def test_hostile_titles_are_literal_and_inert(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(160, 50)) as pilot:
        screen = await open_news(pilot)
        base = app.service.site_url
        sections = tuple(Section(t, f"{base}h{i}.htm") for i, t in enumerate(HOSTILE))
        screen.sidebar.set_sections(sections)
        items = tuple(
            ListItem(t, f"{base}info/9/{i}.htm", "2026-01-01", external=i == 1)
            for i, t in enumerate(HOSTILE)
        )
        key = screen.articles.key
        assert key is not None
        page = ListPage(key, items)
        screen.articles.show_first_page(key, Result(page, Freshness.FRESH, 0.0))
        await settle(pilot)
        article = Article(
            url=items[1].url,
            title="[@click=app.quit]",
            source="[red]src[/red]",
            editor="a [/",
            blocks=(
                Block("heading", "[ @click=app.screenshot()]", level=2),
                Block("paragraph", "see [@click=app.quit] here", links=(LinkSpan(4, 21, base),)),
                Block("list_item", "[/]", level=1, marker="•"),
                Block("table", rows=(("[/]", "[@click=app.quit]"),)),
                Block("image", "[/] alt", url=f"{base}x.png"),
            ),
            attachments=(Attachment("[@click=app.quit].pdf", f"{base}f.pdf"),),
            next=Link("[/]", items[0].url),
        )
        screen.reader.focus()
        screen.reader.show_result(article.url, Result(article, Freshness.FRESH, 0.0))
        # The reader is told the error's kind and where: a URL holding markup.
        app.report_error(FetchError("failed", url=f"{base}[@click=app.quit]x[/]"))
        await settle(pilot)
        text = screen_text(app)
        for title in HOSTILE:
            assert title in text, title
        assert "[red]src[/red]" in text
        toast = [n for n in app._notifications if n.title == "获取失败"]
        assert toast and toast[0].message == f"{base}[@click=app.quit]x[/]"
        assert toast[0].markup is False
        # Click everything the hostile text might have turned into: nothing may quit.
        for x in range(2, 150, 7):
            for y in (3, 4, 5, 22, 23, 24):
                await pilot.click(offset=(x, y))
        await settle(pilot)
        assert app.is_running and app.return_code is None
        app.push_screen(ConfirmOpen("https://x.cn/[@click=app.quit]", app.tr))
        await pilot.pause()
        assert "https://x.cn/[@click=app.quit]" in screen_text(app)
        await pilot.press("n")
        await pilot.pause()
        assert main_screen(app) is app.screen


async def test_links_modal_lists_attachments(make_app: AppFactory, tmp_path: Path) -> None:
    app = make_app(download_dir=tmp_path / "downloads")
    async with app.run_test(size=(160, 50)) as pilot:
        screen = await open_news(pilot)
        base = app.service.site_url
        article = Article(
            url=f"{base}info/1/1.htm",
            title="t",
            attachments=(Attachment("[/]报名表.docx", f"{base}f.docx"),),
        )
        screen.reader.show_result(article.url, Result(article, Freshness.FRESH, 0.0))
        screen.reader.focus()
        await pilot.press("l")
        await pilot.pause()
        assert "[/]报名表.docx" in screen_text(app)
        await pilot.press("enter")  # an attachment is downloaded, not handed to the browser
        await settle(pilot)
        assert not isinstance(app.screen, ConfirmOpen)
        assert main_screen(app) is app.screen
        errors = [n for n in app._notifications if n.severity == "error"]
        assert len(errors) == 1  # the demo has no such file: one failure, told once
        assert not (tmp_path / "downloads").exists()
