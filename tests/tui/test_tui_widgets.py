"""Each pane alone: one widget in a tiny app over a fake service, no demo site, no cache.

The fake implements only what the panes call. Each test checks what the pane loads, what it
shows when the load fails, and the messages it posts (what the main screen would receive).
"""

from __future__ import annotations

import asyncio
from typing import Any, cast

import pytest
from textual.app import App, ComposeResult
from textual.message import Message

from newsreader.core.errors import FetchError, NetworkError, NotCached
from newsreader.core.models import Article, Block, ListItem, ListPage, Section
from newsreader.core.results import Freshness, Result
from newsreader.core.service import NewsService
from newsreader.tui.i18n import Translator
from newsreader.tui.messages import LoadFailed
from newsreader.tui.state import ReadingState
from newsreader.tui.widgets.article_list import ArticleList
from newsreader.tui.widgets.reader import Reader
from newsreader.tui.widgets.section_tree import SectionTree

pytestmark = pytest.mark.timeout(60)

BASE = "http://127.0.0.1:9/"
TR = Translator("en")


def fresh(value: Any) -> Result[Any]:
    """A result fetched just now."""
    return Result(value, Freshness.FRESH, 0.0)


class FakeService:
    """The service methods the panes call, answering from dicts; a value that is an
    exception is raised instead (as a failed fetch would)."""

    def __init__(self) -> None:
        self.site_url = BASE
        self.offline = False
        self.cached: dict[str, Article] = {}
        self.sections_answer: object = ()
        self.pages: dict[str, object] = {}
        self.articles: dict[str, object] = {}
        self.read: set[str] = set()
        self.fetched: list[str] = []

    @staticmethod
    def _answer(value: object) -> Result[Any]:
        if isinstance(value, BaseException):
            raise value
        return fresh(value)

    async def sections(self) -> Result[Any]:
        return self._answer(self.sections_answer)

    def cached_sections(self) -> None:
        return None

    def cached_list(self, url: str) -> None:
        return None

    async def list_page(self, url: str) -> Result[Any]:
        self.fetched.append(url)
        return self._answer(self.pages[url])

    def cached_article(self, url: str) -> Result[Any] | None:
        hit = self.cached.get(url)
        return None if hit is None else Result(hit, Freshness.CACHED, 0.0)

    async def article(self, url: str) -> Result[Any]:
        self.fetched.append(url)
        return self._answer(self.articles[url])

    def read_urls(self, urls: Any) -> set[str]:
        return self.read & set(urls)

    def cached_urls(self, urls: Any) -> set[str]:
        return set(urls) & set(self.articles)

    def unread_count(self, urls: Any) -> int:
        return len(set(urls) - self.read)

    def new_count(self, section_url: str, urls: Any) -> int:
        return 0

    def mark_read(self, url: str, read: bool = True) -> bool:
        self.read.add(url)
        return True

    def starred(self) -> list[ListItem]:
        return []


class Host(App[None]):
    """A tiny app around one pane that records every message the pane posts."""

    def __init__(self, make: Any) -> None:
        super().__init__()
        self.make = make
        self.posted: list[Message] = []

    def compose(self) -> ComposeResult:
        yield self.make()

    def seen(self, kind: type[Message]) -> list[Any]:
        """The messages of ``kind`` posted so far."""
        return [m for m in self.posted if isinstance(m, kind)]

    async def _on_message(self, message: Message) -> None:
        # The pane's messages bubble up to the app: record them all.
        self.posted.append(message)
        await super()._on_message(message)


def panes(fake: FakeService) -> tuple[NewsService, ReadingState]:
    """The fake as the service the panes expect, and a reading state over it."""
    service = cast(NewsService, fake)
    return service, ReadingState(service)


async def settle(app: App[None], pilot: Any) -> None:
    """Let the pane's workers finish (failing ones too) and their messages arrive."""
    for _ in range(500):  # bounded: the fake answers at once
        await pilot.pause(0.01)
        if all(worker.is_finished for worker in app.workers):
            break
    await pilot.pause()
    await pilot.pause()


# --- the section tree ---------------------------------------------------------------------------


async def test_section_tree_loads_the_sections_and_says_so() -> None:
    fake = FakeService()
    news = Section("News", f"{BASE}news.htm")
    fake.sections_answer = (news, Section("About", None))
    fake.pages[f"{BASE}news.htm"] = ListPage(f"{BASE}news.htm", ())
    app = Host(lambda: SectionTree(*panes(fake), TR))
    async with app.run_test() as pilot:
        tree = app.query_one(SectionTree)
        tree.load()
        await settle(app, pilot)
        assert tree.sections == fake.sections_answer
        loaded = app.seen(SectionTree.Loaded)
        assert len(loaded) == 1 and loaded[0].result.value == fake.sections_answer
        assert not app.seen(LoadFailed)
        tree.focus()
        await pilot.press("enter")
        await pilot.pause()
        selected = app.seen(SectionTree.Selected)
        assert [m.section for m in selected] == [news]


async def test_section_tree_failure_is_posted_and_the_tree_stays_empty() -> None:
    fake = FakeService()
    fake.sections_answer = NetworkError("connection refused")
    app = Host(lambda: SectionTree(*panes(fake), TR))
    async with app.run_test() as pilot:
        tree = app.query_one(SectionTree)
        tree.load()
        await settle(app, pilot)
        assert tree.sections is None
        failed = app.seen(LoadFailed)
        assert [(m.what, str(m.error)) for m in failed] == [("sections", "connection refused")]
        assert not app.seen(SectionTree.Loaded)


# --- the article list ---------------------------------------------------------------------------


def page(url: str, *numbers: int, next_url: str | None = None) -> ListPage:
    """A list page with the articles ``numbers``."""
    items = tuple(ListItem(f"title {n}", f"{BASE}info/1/{n}.htm", "2026-01-01") for n in numbers)
    return ListPage(url, items, next_url=next_url)


async def test_article_list_shows_a_section_then_appends_the_next_page_once() -> None:
    fake = FakeService()
    first, second = f"{BASE}news.htm", f"{BASE}news/2.htm"
    fake.pages[first] = page(first, 1, 2, next_url=second)
    # The site repeats article 2 on the next page: it is listed once.
    fake.pages[second] = page(second, 2, 3)
    app = Host(lambda: ArticleList(*panes(fake), TR))
    async with app.run_test() as pilot:
        articles = app.query_one(ArticleList)
        articles.show(Section("News", first))
        await settle(app, pilot)
        assert [r.item.url for r in articles.rows] == [f"{BASE}info/1/{n}.htm" for n in (1, 2)]
        articles.focus()
        await pilot.press("end")  # the last row asks for the next page
        await settle(app, pilot)
        assert [r.item.title for r in articles.rows] == ["title 1", "title 2", "title 3"]
        assert fake.fetched == [first, second]
        assert len(app.seen(ArticleList.Loaded)) == 2
        await pilot.press("home", "enter")
        await pilot.pause()
        opened = app.seen(ArticleList.Opened)
        assert [(m.url, m.title) for m in opened] == [(f"{BASE}info/1/1.htm", "title 1")]


async def test_article_list_failure_says_why_in_the_empty_list() -> None:
    fake = FakeService()
    url = f"{BASE}news.htm"
    fake.pages[url] = FetchError("the server said no")
    app = Host(lambda: ArticleList(*panes(fake), TR))
    async with app.run_test() as pilot:
        articles = app.query_one(ArticleList)
        articles.show(Section("News", url))
        await settle(app, pilot)
        assert articles.rows == []
        assert articles.placeholder == "the server said no"
        failed = app.seen(LoadFailed)
        assert [(m.what, m.key, m.quiet) for m in failed] == [("list", url, False)]
        assert not app.seen(ArticleList.Loaded)


async def test_article_list_failed_next_page_can_be_asked_for_again() -> None:
    fake = FakeService()
    first, second = f"{BASE}news.htm", f"{BASE}news/2.htm"
    fake.pages[first] = page(first, 1, 2, next_url=second)
    fake.pages[second] = NetworkError("reset")
    app = Host(lambda: ArticleList(*panes(fake), TR))
    async with app.run_test() as pilot:
        articles = app.query_one(ArticleList)
        articles.show(Section("News", first))
        await settle(app, pilot)
        articles.focus()
        await pilot.press("end")
        await settle(app, pilot)
        assert [m.what for m in app.seen(LoadFailed)] == ["more"]
        assert len(articles.rows) == 2
        fake.pages[second] = page(second, 3)
        await pilot.press("up", "down")  # back on the last row: asked for again
        await settle(app, pilot)
        assert len(articles.rows) == 3


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
        assert fake.read == {url}
        shown = app.seen(Reader.Shown)
        assert len(shown) == 1 and shown[0].url == url
        assert shown[0].marks == {url: (True, True)}
        assert [m.result.freshness for m in app.seen(Reader.Fetched)] == [Freshness.FRESH]


@pytest.mark.parametrize(
    ("error", "title", "quiet"),
    [
        (NotCached("not in the cache"), "reader.not_cached_title", True),
        (NetworkError("connection refused"), "reader.failed_title", False),
    ],
)
async def test_reader_failure_is_shown_in_the_reader(
    error: Exception, title: str, quiet: bool
) -> None:
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
        assert fake.read == set()
        failed = app.seen(LoadFailed)
        assert [(m.what, m.key, m.quiet) for m in failed] == [("article", url, quiet)]
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
