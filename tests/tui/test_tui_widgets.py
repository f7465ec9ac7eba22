"""Each pane alone: one widget in a tiny app over a fake service, no demo site, no cache.

Each test checks what the pane loads, what it shows when the load fails, and the messages it
posts (what the main screen would receive). Here: the section tree and the article list.
"""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from pane_host import BASE, TR, FakeService, Host, panes, settle

from newsreader.core.errors import FetchError, NetworkError
from newsreader.core.models import ListItem, ListPage, Section
from newsreader.tui.messages import LoadFailed
from newsreader.tui.widgets.article_list import ArticleList
from newsreader.tui.widgets.section_tree import SectionTree

pytestmark = pytest.mark.timeout(60)


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


async def test_article_list_appends_a_late_next_page_only_where_it_follows() -> None:
    # The user leaves the section and comes back while page 3 loads: appending it after page 1
    # would hide page 2 for good.
    fake = FakeService()
    first, second, third = f"{BASE}news.htm", f"{BASE}news/2.htm", f"{BASE}news/1.htm"
    fake.pages[first] = page(first, 1, 2, next_url=second)
    fake.pages[second] = page(second, 3, 4, next_url=third)
    fake.pages[third] = page(third, 5, 6)
    app = Host(lambda: ArticleList(*panes(fake), TR))
    async with app.run_test() as pilot:
        articles = app.query_one(ArticleList)
        news = Section("News", first)
        articles.show(news)
        await settle(app, pilot)
        articles.load_more(second)
        await settle(app, pilot)
        assert len(articles.rows) == 4
        release = asyncio.Event()
        answer = fake.list_page

        async def slow(url: str) -> Any:
            if url == third:
                await release.wait()
            return await answer(url)

        fake.list_page = slow  # type: ignore[method-assign]
        articles.load_more(third)
        await pilot.pause()
        fake.pages[f"{BASE}other.htm"] = page(f"{BASE}other.htm", 7)
        articles.show(Section("Other", f"{BASE}other.htm"))
        await pilot.pause(0.05)
        articles.show(news)
        await settle(app, pilot)
        release.set()
        await settle(app, pilot)
        assert [r.item.title for r in articles.rows] == ["title 1", "title 2"]
        assert articles.next_url == second  # page 2 is still there to be loaded


async def test_article_list_reload_keeps_rows_pushed_down_by_new_articles() -> None:
    # Two articles are added at the top: the old page 1's last two are now on page 2 of the
    # site. A refresh must not drop them from the list before page 2 is loaded.
    fake = FakeService()
    first, second = f"{BASE}news.htm", f"{BASE}news/2.htm"
    fake.pages[first] = page(first, 1, 2, 3, 4, next_url=second)
    app = Host(lambda: ArticleList(*panes(fake), TR))
    async with app.run_test() as pilot:
        articles = app.query_one(ArticleList)
        articles.show(Section("News", first))
        await settle(app, pilot)
        fake.pages[first] = page(first, 100, 99, 1, 2, next_url=second)
        articles.reload()
        await settle(app, pilot)
        titles = [r.item.title for r in articles.rows]
        assert titles == ["title 100", "title 99", "title 1", "title 2", "title 3", "title 4"]
        assert articles.next_url == second


async def test_article_list_merges_pages_by_article_identity_as_the_cli_does() -> None:
    fake = FakeService()
    first, second = f"{BASE}news.htm", f"{BASE}news/2.htm"
    fake.pages[first] = page(first, 1, 2, next_url=second)
    # Pagination shifted: the next page repeats article 2 in its content.jsp form, twice.
    again = ListItem("title 2 again", f"{BASE}content.jsp?wbtreeid=1&wbnewsid=2", "2026-01-01")
    fake.pages[second] = ListPage(second, (again, *page(second, 3).items, again))
    app = Host(lambda: ArticleList(*panes(fake), TR))
    async with app.run_test() as pilot:
        articles = app.query_one(ArticleList)
        articles.show(Section("News", first))
        await settle(app, pilot)
        articles.focus()
        await pilot.press("end")
        await settle(app, pilot)
        shown = [r.item for r in articles.rows]
        assert [i.title for i in shown] == ["title 1", "title 2", "title 3"]
        assert shown == fake.merge_items(page(first, 1, 2).items, fake.pages[second].items)
        # A refreshed first page that now holds article 3 (in its other form) lists it once.
        moved = ListItem("title 3 moved", f"{BASE}content.jsp?wbtreeid=1&wbnewsid=3", "")
        fake.pages[first] = ListPage(first, (page(first, 1).items[0], moved), next_url=second)
        articles.reload()
        await settle(app, pilot)
        # Article 2 left the first page: it stays listed after it (never lost before the next
        # page says where it went).
        assert [r.item.title for r in articles.rows] == ["title 1", "title 3 moved", "title 2"]
        assert articles.next_url is None  # page 2, the last, is still loaded


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
        assert articles.placeholder == "Fetch failed: the server said no"
        failed = app.seen(LoadFailed)
        # Said in the list, once: passed on quiet (logged, no toast on top).
        assert [(m.what, m.key, m.quiet) for m in failed] == [("list", url, True)]
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
