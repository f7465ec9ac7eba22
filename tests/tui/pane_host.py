"""Helpers of the pane tests: a fake service, a tiny app around one pane, settling.

The fake implements only what the panes call; the app records every message the pane posts
(what the main screen would receive).
"""

from __future__ import annotations

from typing import Any, cast

from textual.app import App, ComposeResult
from textual.message import Message

from newsreader.core.config import Config
from newsreader.core.lists import merge_items, merge_pages
from newsreader.core.models import Article, ListItem
from newsreader.core.results import Freshness, Result
from newsreader.core.service import NewsService
from newsreader.core.sources import source_for
from newsreader.tui.i18n import Translator
from newsreader.tui.state import ReadingState

BASE = "http://127.0.0.1:9/"
TR = Translator("en")


def fresh(value: Any) -> Result[Any]:
    """A result fetched just now."""
    return Result(value, Freshness.FRESH, 0.0)


class FakeLibrary:
    """The library methods the panes call: read marks in a set, nothing starred."""

    def __init__(self, service: FakeService) -> None:
        self.service = service
        self.read: set[str] = set()

    def read_urls(self, urls: Any) -> set[str]:
        return self.read & set(urls)

    def cached_urls(self, urls: Any) -> set[str]:
        return set(urls) & set(self.service.articles)

    def unread_count(self, urls: Any) -> int:
        return len(set(urls) - self.read)

    def tally(self, urls: Any) -> tuple[int, int]:
        wanted = set(urls)
        return len(wanted - self.read), len(wanted)

    def mark_many_read(self, urls: Any) -> bool:
        self.read.update(urls)
        return True

    def new_count(self, section_url: str, urls: Any) -> int:
        return 0

    def mark_read(self, url: str, read: bool = True) -> bool:
        self.read.add(url)
        return True

    def starred(self) -> list[ListItem]:
        return []


class FakeService:
    """The service methods the panes call, answering from dicts; a value that is an
    exception is raised instead (as a failed fetch would). Article identity is the real
    VSB source's; marks are a :class:`FakeLibrary`."""

    def __init__(self) -> None:
        self.config = Config()
        self.site_url = BASE
        self.source = source_for(BASE)
        self.library = FakeLibrary(self)
        self.offline = False
        self.cached: dict[str, Article] = {}
        self.sections_answer: object = ()
        self.pages: dict[str, object] = {}
        self.articles: dict[str, object] = {}
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

    async def site_name(self) -> str | None:
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

    def merge_items(self, existing: Any, page_items: Any) -> list[ListItem]:
        return merge_items(existing, page_items, key=self.source.article_key)

    def merge_pages(self, pages: Any) -> list[ListItem]:
        return merge_pages(pages, key=self.source.article_key)


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
