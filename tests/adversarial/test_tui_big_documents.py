"""Big and deep articles served over HTTP: the TUI keeps handling keys and shows them (case 4).

While such an article is fetched, parsed and rendered (big ones are wrapped in a thread), ``tab``
still moves the focus, and the article eventually shows. Only "within 30 s" bounds here: speed
budgets live in ``benchmarks/``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from faults import ARTICLE_PATH, RawServer, article_page, respond, route
from tui_site import NO_DELAY, build_app, main_screen, settle, wait_until

pytestmark = pytest.mark.timeout(120)

DOCUMENTS = {
    "paragraphs": (
        "".join(f"<p>第{i}段，段落内容。</p>" for i in range(5_000)),
        "第4999段，段落内容。",
    ),
    "list_items": (
        "<ul>" + "".join(f"<li>第{i}项</li>" for i in range(5_000)) + "</ul>",
        "• 第4999项",
    ),
    # Tags past the parser's depth cap are dropped; the text inside them is kept.
    "nested": ("<div>" * 100_000 + "深处" + "</div>" * 100_000, "深处"),
}


@pytest.fixture(params=sorted(DOCUMENTS))
def big_site(request: pytest.FixtureRequest) -> Iterator[tuple[RawServer, str]]:
    body, expected = DOCUMENTS[request.param]
    page = article_page("大文档标题", body)
    with RawServer(route({ARTICLE_PATH: respond(page)})) as server:
        yield server, expected


async def test_keys_are_handled_while_a_big_article_loads(
    big_site: tuple[RawServer, str], tmp_path: Path
) -> None:
    server, expected = big_site
    app = build_app(server.url, tmp_path / "cache", fetch=NO_DELAY)
    url = server.url.rstrip("/") + ARTICLE_PATH
    async with app.run_test(size=(160, 50)) as pilot:
        screen = main_screen(app)
        await settle(pilot)  # the site has no home page: the sections fail, once
        screen.sidebar.focus()
        screen.open_article(url, focus=False)  # fetch, parse and render start now
        await pilot.press("tab")
        assert await wait_until(pilot, lambda: screen.focused is not screen.sidebar, 30)
        assert await wait_until(pilot, lambda: screen.reader.is_article, 30)
        await settle(pilot)
        assert screen.reader.article is not None and screen.reader.article.title == "大文档标题"
        assert expected in screen.reader.body_text
        await pilot.press("tab")  # and keys go on working once it is shown
        assert await wait_until(pilot, lambda: screen.focused is not screen.articles, 30)
        screen.reader.focus()
        await pilot.press("G")  # to the end of the article
        reader = screen.reader
        assert await wait_until(pilot, lambda: reader.scroll_y == reader.max_scroll_y, 30)
        assert app.is_running
