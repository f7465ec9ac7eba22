"""The unread counts of a section read its cached pages: merged in one pass (launch cost)."""

from __future__ import annotations

from newsreader.core.models import ListItem
from newsreader.core.sources.vsb import article_key


def test_a_sections_cached_pages_are_merged_in_one_pass() -> None:
    # The unread counts read every cached page of a section (up to 50) at launch: merging page
    # after page worked out the identity of every item already listed again at each page.
    from dataclasses import dataclass

    from newsreader.core.models import ListPage
    from newsreader.core.results import Freshness, Result
    from newsreader.core.service import NewsService
    from newsreader.tui.state import MAX_CACHED_PAGES, ReadingState

    calls: list[str] = []

    def key(url: str) -> str:
        calls.append(url)
        return article_key(url)

    @dataclass
    class Source:
        article_key = staticmethod(key)

    size = 20
    urls = [f"https://s.cn/xw/{n}.htm" for n in range(MAX_CACHED_PAGES + 5)]
    pages = {
        url: ListPage(
            url,
            tuple(
                ListItem(f"t{n}", f"https://s.cn/info/1/{n * size + i}.htm") for i in range(size)
            ),
            urls[n + 1] if n + 1 < len(urls) else None,
        )
        for n, url in enumerate(urls)
    }

    class Library:
        def starred(self) -> list[ListItem]:
            return []

    class Service:
        source = Source()
        library = Library()

        def cached_list(self, url: str) -> Result[ListPage] | None:
            return Result(pages[url], Freshness.CACHED, 0.0) if url in pages else None

        merge_items = NewsService.merge_items
        merge_pages = NewsService.merge_pages

    items = ReadingState(Service()).cached_items(urls[0])  # type: ignore[arg-type]
    assert len(items) == MAX_CACHED_PAGES * size
    assert len(calls) == len(items)
