"""A feed's item on another followed source's site opens in the reader, not in the browser.

The demo's RSS feed relays articles of the campus site (another port, itself a followed VSB
source): those items are the feed's, read wherever they live, from the feed's list, ★, ``/``
and ``n`` alike. Every app here reads the demo's four sources served by ``demo_sources``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from apps import NO_DELAY, build_sources_app, main_screen, settle
from test_tui_sources import move_to, wait_until
from textual.pilot import Pilot

from newsreader.core.urls import same_site
from newsreader.demo.sources import DemoSources
from newsreader.tui.app import NewsreaderApp
from newsreader.tui.screens.confirm import ConfirmOpen
from newsreader.tui.screens.main import MainScreen
from newsreader.tui.screens.search import SearchScreen

pytestmark = pytest.mark.timeout(90)


async def open_rss(pilot: Pilot[None], demo: DemoSources) -> tuple[MainScreen, str]:
    """Show the RSS feed's list; put the cursor on its first item on the campus site."""
    screen = main_screen(pilot.app)  # type: ignore[arg-type]
    await move_to(pilot, screen.sidebar, demo.entries[2].name)
    await pilot.press("enter")
    await settle(pilot)
    campus = demo.entries[1].url
    urls = [row.item.url for row in screen.articles.rows]
    url = next(u for u in urls if same_site(u, campus))
    assert not same_site(url, demo.entries[2].url)
    screen.articles.focus()
    screen.articles.move_to(urls.index(url))
    await pilot.pause()
    return screen, url


def read_by_the_feed(app: NewsreaderApp, screen: MainScreen, url: str) -> bool:
    """The reader shows ``url`` as an article, read by the feed's service, no dialog on top."""
    return (
        not isinstance(app.screen, ConfirmOpen)
        and screen.reader.url == url
        and screen.reader.is_article
        and screen.reader.service.kind == "feed"
    )


async def test_enter_on_a_feed_item_of_another_sources_site_reads_it_with_the_feed(
    demo_sources: DemoSources, cache_dir: Path
) -> None:
    app = build_sources_app(demo_sources, cache_dir, fetch=NO_DELAY)
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        screen, url = await open_rss(pilot, demo_sources)
        row = screen.articles.rows[screen.articles.cursor]
        assert not row.item.external
        await pilot.press("enter")
        await settle(pilot)
        assert read_by_the_feed(app, screen, url)
        feed = screen.sidebar.service_of(demo_sources.entries[2].url)
        assert feed is screen.reader.service
        # Marked in the feed's key space, where its list counts it.
        assert feed.library.read_urls([url]) == {url}
        assert screen.articles.rows[screen.articles.cursor].read


async def test_n_landing_on_a_feed_item_of_another_sources_site_reads_it(
    demo_sources: DemoSources, cache_dir: Path
) -> None:
    app = build_sources_app(demo_sources, cache_dir, fetch=NO_DELAY)
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        screen, url = await open_rss(pilot, demo_sources)
        await pilot.press("n")  # the cursor's row is the first unread from here
        await settle(pilot)
        assert read_by_the_feed(app, screen, url)


async def test_a_starred_feed_item_of_another_sources_site_opens_in_the_reader(
    demo_sources: DemoSources, cache_dir: Path
) -> None:
    app = build_sources_app(demo_sources, cache_dir, fetch=NO_DELAY)
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        screen, url = await open_rss(pilot, demo_sources)
        await pilot.press("s")
        await settle(pilot)
        for other in (None, demo_sources.entries[0].name):
            if other is not None:  # then with a VSB section of a third site on show
                await move_to(pilot, screen.sidebar, other)
                await pilot.press("right", "down", "enter")
                await settle(pilot)
                assert screen.articles.service.kind == "vsb"
            await move_to(pilot, screen.sidebar, "★")
            await pilot.press("enter")
            await settle(pilot)
            assert [row.item.url for row in screen.articles.rows] == [url]
            screen.articles.focus()
            await pilot.press("enter")
            await settle(pilot)
            assert not isinstance(app.screen, ConfirmOpen)
            assert screen.reader.url == url and screen.reader.is_article
            assert screen.reader.service is screen.articles.service


async def test_a_search_hit_read_by_the_feed_opens_from_its_copy_offline(
    demo_sources: DemoSources, cache_dir: Path
) -> None:
    app = build_sources_app(demo_sources, cache_dir, fetch=NO_DELAY)
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        screen, url = await open_rss(pilot, demo_sources)
        feed = screen.articles.service
        title = (await feed.article(url)).value.title  # stored under the feed's own key
        assert feed.kind == "feed" and title
        await move_to(pilot, screen.sidebar, demo_sources.entries[0].name)
        await pilot.press("right", "down", "enter")  # another source on show
        await settle(pilot)
        await pilot.press("ctrl+o")  # offline: only the feed's copy can be had
        await pilot.press("slash")
        await pilot.pause()
        search = app.screen
        assert isinstance(search, SearchScreen)
        await pilot.press(*title)
        assert await wait_until(pilot, lambda: bool(search.hits) and search.hits[0].url == url)
        await pilot.press("enter")
        await settle(pilot)
        assert read_by_the_feed(app, screen, url)
