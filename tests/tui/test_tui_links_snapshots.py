"""Snapshots of the links dialog at 60×20, 80×24 and 160×50 in both languages (``--snapshot-update`` to accept).

The article is the demo's notice that links its own attachment from the body: the dialog shows
each target once, numbered as the footnotes of the text, and says how to choose. The dialog
shows full URLs, and the demo server's port changes from run to run: the page is parsed as if
it came from a fixed address, and the status line's clock is pinned, so the picture does not.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from apps import build_app, main_screen, settle
from textual.pilot import Pilot

from newsreader.core.results import FetchedPage, Freshness, Result
from newsreader.demo.server import DemoServer
from newsreader.demo.site import DemoSite
from newsreader.tui import status

pytestmark = pytest.mark.timeout(90)
SnapCompare = Callable[..., bool]


@pytest.fixture(autouse=True)
def _pinned_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """The status line's "fetched at" is the time of the run: pinned, for the same picture."""
    monkeypatch.setattr(status, "clock_text", lambda when, now=None: "12:03")


FIXED = "http://news.example.edu.cn/"


def _links_of(site: DemoSite) -> Callable[[Pilot[Any]], Any]:
    path = next(a for a in site.articles if a.column == "xhgz/tzgg" and a.attachments).path
    page = site.resolve("/" + path)
    assert page is not None

    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        screen = main_screen(pilot.app)
        fetched = FetchedPage(FIXED + path, 200, page.body.decode("utf-8-sig"))
        article = pilot.app.service.source.parse_article(fetched)
        screen.reader.show_result(fetched.url, Result(article, Freshness.FRESH, 0.0))
        screen.reader.focus()
        await settle(pilot)
        await pilot.press("l")
        await settle(pilot)

    return run_before


@pytest.mark.parametrize(
    "size", [(60, 20), (80, 24), (160, 50)], ids=lambda s: "x".join(map(str, s))
)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_links_dialog(
    snap_compare: SnapCompare,
    demo_server: DemoServer,
    demo_site: DemoSite,
    cache_dir: Path,
    lang: str,
    size: tuple[int, int],
) -> None:
    app = build_app(demo_server.base_url, cache_dir, lang=lang)
    assert snap_compare(app, terminal_size=size, run_before=_links_of(demo_site))
