"""Each pane alone: one widget in a tiny app over a fake service, no demo site, no cache.

Each test checks what the pane loads, what it shows when the load fails, and the messages it
posts (what the main screen would receive). Here: the reader and the sync panel.
"""

from __future__ import annotations

import asyncio
from typing import Any, cast

import pytest
from pane_host import BASE, TR, FakeService, Host, fresh, panes, settle

from newsreader.core.errors import NetworkError, NotCached
from newsreader.core.models import Article, Block
from newsreader.core.results import Freshness, Result
from newsreader.core.service import NewsService
from newsreader.tui.messages import LoadFailed
from newsreader.tui.widgets.reader import Reader

pytestmark = pytest.mark.timeout(60)


# --- the reader ---------------------------------------------------------------------------------


def article(url: str, title: str = "An article") -> Article:
    """A small article."""
    return Article(url=url, title=title, blocks=(Block("paragraph", "Body text."),))


async def test_reader_opens_an_article_marks_it_read_and_says_so() -> None:
    fake = FakeService()
    url = f"{BASE}info/1/1.htm"
    fake.articles[url] = article(url)
    app = Host(lambda: Reader(*panes(fake), TR))
    async with app.run_test() as pilot:
        reader = app.query_one(Reader)
        reader.open(url, title="An article")
        await settle(app, pilot)
        assert reader.is_article and reader.article is not None
        assert "An article" in reader.body_text and "Body text." in reader.body_text
        assert fake.library.read == {url}
        shown = app.seen(Reader.Shown)
        assert len(shown) == 1 and shown[0].url == url
        assert shown[0].marks == {url: (True, True)}
        assert [m.result.freshness for m in app.seen(Reader.Fetched)] == [Freshness.FRESH]


@pytest.mark.parametrize(
    ("error", "title"),
    [
        (NotCached("not in the cache"), "reader.not_cached_title"),
        (NetworkError("connection refused"), "reader.failed_title"),
    ],
)
async def test_reader_failure_is_shown_in_the_reader(error: Exception, title: str) -> None:
    # Said in the reader, once: the failure is passed on quiet (logged, no toast on top).
    fake = FakeService()
    url = f"{BASE}info/1/1.htm"
    fake.articles[url] = error
    app = Host(lambda: Reader(*panes(fake), TR))
    async with app.run_test() as pilot:
        reader = app.query_one(Reader)
        reader.open(url)
        await settle(app, pilot)
        assert not reader.is_article and reader.article is None
        assert reader.url == url
        assert TR(title) in reader.body_text
        assert fake.library.read == set()
        failed = app.seen(LoadFailed)
        assert [(m.what, m.key, m.quiet) for m in failed] == [("article", url, True)]
        assert not app.seen(Reader.Shown)


async def test_reader_drops_a_late_answer_for_an_article_left_behind() -> None:
    fake = FakeService()
    slow, quick = f"{BASE}info/1/1.htm", f"{BASE}info/1/2.htm"
    gate = asyncio.Event()
    fake.articles[quick] = article(quick, "Quick")
    answer = fake.article

    async def article_after_gate(url: str) -> Result[Any]:
        if url == slow:
            await gate.wait()
            return fresh(article(slow, "Slow"))
        return await answer(url)

    fake.article = article_after_gate  # type: ignore[method-assign]
    app = Host(lambda: Reader(*panes(fake), TR))
    async with app.run_test() as pilot:
        reader = app.query_one(Reader)
        reader.open(slow)
        await pilot.pause()
        reader.open(quick)
        gate.set()
        await settle(app, pilot)
        assert reader.article is not None and reader.article.title == "Quick"
        assert [m.url for m in app.seen(Reader.Shown)] == [quick]


@pytest.mark.parametrize("changed", [False, True])
async def test_reader_renders_a_refreshed_article_again_only_when_it_changed(
    changed: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    from newsreader.tui.widgets import reader as reader_module

    renders: list[str] = []
    wraps: list[int] = []
    render, wrap = reader_module.render_article, reader_module.wrap_blocks

    def counted_render(article: Article, *args: Any, **kwargs: Any) -> Any:
        renders.append(article.title)
        return render(article, *args, **kwargs)

    def counted_wrap(blocks: Any, width: int) -> Any:
        wraps.append(width)
        return wrap(blocks, width)

    monkeypatch.setattr(reader_module, "render_article", counted_render)
    monkeypatch.setattr(reader_module, "wrap_blocks", counted_wrap)
    fake = FakeService()
    url = f"{BASE}info/1/1.htm"
    fake.cached[url] = article(url, "Cached")
    # The refresh answers with an equal article (a new object, as a parse or a 304 gives).
    fake.articles[url] = article(url, "Edited" if changed else "Cached")
    app = Host(lambda: Reader(*panes(fake), TR))
    async with app.run_test() as pilot:
        reader = app.query_one(Reader)
        await pilot.pause()
        wraps.clear()  # the empty reader's first layout
        reader.open(url)
        await settle(app, pilot)
        assert fake.fetched == [url]
        assert renders == (["Cached", "Edited"] if changed else ["Cached"])
        assert len(wraps) == len(renders)
        assert ("Edited" if changed else "Cached") in reader.body_text
        assert len(app.seen(Reader.Shown)) == len(renders)


async def test_reader_refreshes_a_cached_article_only_once_left_alone() -> None:
    # Online, the refresh of a cached article (fetch, then a parse holding the GIL) landed in
    # the frames the next key press waited for: it now waits until the keys are left alone,
    # and opening another article first drops it.
    fake = FakeService()
    first, second = f"{BASE}info/1/1.htm", f"{BASE}info/1/2.htm"
    for url, title in ((first, "First"), (second, "Second")):
        fake.cached[url] = article(url, title)
        fake.articles[url] = article(url, f"{title} edited")
    app = Host(lambda: Reader(*panes(fake), TR))
    async with app.run_test() as pilot:
        reader = app.query_one(Reader)
        reader.refresh_idle = 3600.0  # never left alone that long here
        reader.open(first)
        for _ in range(5):
            await pilot.pause()
        assert "First" in reader.body_text and "edited" not in reader.body_text
        assert fake.fetched == []
        reader.refresh_idle = 0.0
        reader.open(second)
        await settle(app, pilot)
        assert fake.fetched == [second]
        assert "Second edited" in reader.body_text
        assert [m.url for m in app.seen(Reader.Shown)] == [first, second, second]


async def test_reader_refresh_key_fetches_a_cached_article_at_once() -> None:
    fake = FakeService()
    url = f"{BASE}info/1/1.htm"
    fake.cached[url] = article(url, "Cached")
    fake.articles[url] = article(url, "Edited")
    app = Host(lambda: Reader(*panes(fake), TR))
    async with app.run_test() as pilot:
        reader = app.query_one(Reader)
        reader.refresh_idle = 3600.0
        reader.open(url, fetch=False)
        await settle(app, pilot)
        assert fake.fetched == [] and "Cached" in reader.body_text
        reader.reload()  # what r does in the reader
        await settle(app, pilot)
        assert fake.fetched == [url] and "Edited" in reader.body_text


async def test_reader_never_fetches_another_site() -> None:
    fake = FakeService()
    elsewhere, stored = "http://127.0.0.1:10/info/1/1.htm", "http://127.0.0.1:10/info/1/2.htm"
    fake.cached[stored] = article(stored, "Stored")
    fake.articles[stored] = article(stored, "Fetched")
    app = Host(lambda: Reader(*panes(fake), TR))
    async with app.run_test() as pilot:
        reader = app.query_one(Reader)
        assert not reader.can_open(elsewhere)
        assert reader.can_open(stored) and reader.can_open(f"{BASE}info/1/3.htm")
        reader.open(stored, refresh=True)
        await settle(app, pilot)
        assert reader.article is not None and reader.article.title == "Stored"
        assert fake.fetched == []
        # Not cached: the reader says so, and nothing is asked of the service's network side.
        reader.open(elsewhere)
        await settle(app, pilot)
        assert fake.fetched == [] and not reader.is_article
        assert TR("reader.not_cached_title") in reader.body_text


# --- the sync panel -----------------------------------------------------------------------------


async def test_sync_panel_runs_a_sync_shows_progress_and_says_when_it_ends(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from newsreader.core import sync as sync_module
    from newsreader.core.results import SyncSummary
    from newsreader.core.sync import SyncProgress
    from newsreader.tui.widgets.sync_panel import SyncPanel

    gate = asyncio.Event()
    seen: list[tuple[list[str], int]] = []

    async def fake_sync(service: object, specs: list[str], *, pages: int, progress: Any) -> Any:
        seen.append((list(specs), pages))
        progress(SyncProgress("articles", 1, 4))
        await gate.wait()
        return SyncSummary(new=3)

    monkeypatch.setattr(sync_module, "sync", fake_sync)
    fake = FakeService()
    url = f"{BASE}news.htm"
    app = Host(lambda: SyncPanel(cast(NewsService, fake), TR))
    async with app.run_test() as pilot:
        panel = app.query_one(SyncPanel)
        assert panel.start((url, "News"), pages=2) is None
        await pilot.pause()
        assert panel.running and seen == [([url], 2)]
        assert "1/4" in str(panel.query_one("#sync-label").render())
        assert panel.start((url, "News"), pages=2) == "sync.busy"
        gate.set()
        await settle(app, pilot)
        assert not panel.running
        finished = app.seen(SyncPanel.Finished)
        assert [(m.url, m.summary.new, m.current) for m in finished] == [(url, 3, True)]


async def test_sync_panel_refuses_offline_or_without_a_section_and_cancels() -> None:
    from newsreader.tui.widgets.sync_panel import SyncPanel

    fake = FakeService()
    app = Host(lambda: SyncPanel(cast(NewsService, fake), TR))
    async with app.run_test() as pilot:
        panel = app.query_one(SyncPanel)
        assert panel.start(None, pages=1) == "sync.no_section"
        fake.offline = True
        assert panel.start((f"{BASE}news.htm", "News"), pages=1) == "sync.offline"
        assert not panel.running
        assert panel.cancel() is False
        await pilot.pause()
        assert not app.seen(SyncPanel.Finished)


async def test_sync_panel_cancel_hides_it_and_the_late_end_is_not_current(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from newsreader.core import sync as sync_module
    from newsreader.tui.widgets.sync_panel import SyncPanel

    async def endless_sync(service: object, specs: list[str], *, pages: int, progress: Any) -> Any:
        await asyncio.Event().wait()  # until cancelled

    monkeypatch.setattr(sync_module, "sync", endless_sync)
    fake = FakeService()
    url = f"{BASE}news.htm"
    app = Host(lambda: SyncPanel(cast(NewsService, fake), TR))
    async with app.run_test() as pilot:
        panel = app.query_one(SyncPanel)
        assert panel.start((url, "News"), pages=1) is None
        await pilot.pause()
        assert panel.cancel() is True
        assert not panel.running
        await settle(app, pilot)
        finished = app.seen(SyncPanel.Finished)
        assert [(m.url, m.summary, m.current) for m in finished] == [(url, None, False)]
        assert not app.seen(LoadFailed)


def test_a_big_table_counts_as_a_big_article() -> None:
    # A table block's text is empty, its cells are in rows: an 80,000-row table counted as
    # nothing and was rendered on the event loop (1.9 s with the keys unanswered).
    from newsreader.tui.widgets.reader import BIG_ARTICLE, text_size

    rows = tuple(("序号", f"第{n}行内容") for n in range(10_000))
    table = Article(url=f"{BASE}info/1/9.htm", title="表", blocks=(Block("table", rows=rows),))
    assert text_size(table) > BIG_ARTICLE
