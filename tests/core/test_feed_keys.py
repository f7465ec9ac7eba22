"""A feed's items are keyed in the feed's own key space, even when they link a VSB site's article.

The demo's RSS feed relays articles of the demo university's VSB site (on another port): read
through the feed and through the site, the same URL is two rows with their own read marks, and
salvaging a damaged cache keeps each row and mark in its source's key space.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsreader.core.cache import Cache
from newsreader.core.cache.recovery import salvage
from newsreader.core.config import Config, FetchSettings
from newsreader.core.service import NewsService
from newsreader.core.sources import cache_key, source_for
from newsreader.demo.sources import DemoSources

FAST = FetchSettings(polite_delay=0.0, retries=0, deadline=10.0)


@pytest.fixture(scope="module")
def demo() -> Iterator[DemoSources]:
    with DemoSources(ports=None) as running:
        yield running


def service(url: str, kind: str, cache_dir: Path, *, offline: bool = False) -> NewsService:
    config = Config(site_url=url, cache_dir=cache_dir, offline=offline, fetch=FAST)
    return NewsService(config, Cache.open(config.cache_path()), source=source_for(url, kind))


async def relayed_item(demo: DemoSources, cache_dir: Path) -> str:
    """Read the RSS feed's list; return the URL of an item on the university's VSB site."""
    feed = service(demo.entries[2].url, "feed", cache_dir)
    try:
        items = (await feed.list_page(demo.entries[2].url)).value.items
    finally:
        await feed.aclose()
    return next(i.url for i in items if i.url.startswith(demo.base_urls[1]))


async def test_a_feed_item_and_the_sites_article_are_two_rows_with_their_own_marks(
    demo: DemoSources, cache_dir: Path
) -> None:
    url = await relayed_item(demo, cache_dir)
    feed = service(demo.entries[2].url, "feed", cache_dir)
    site = service(demo.entries[1].url, "vsb", cache_dir)
    try:
        await feed.article(url)
        await site.article(url)
        assert feed.library.mark_read(url)
        assert feed.library.read_urls([url]) == {url}
        assert site.library.read_urls([url]) == set()
        assert feed.library.unread_count([url]) == 0
        assert site.library.unread_count([url]) == 1
        site.library.set_starred(url, True)
        feed.library.mark_read(url, False)
        assert feed.library.read_urls([url]) == set()
    finally:
        await feed.aclose()
        await site.aclose()
    conn = sqlite3.connect(cache_dir / "cache.sqlite3")
    try:
        rows = sorted(k for (k,) in conn.execute("SELECT key FROM articles"))
        assert rows == sorted([cache_key(url, "feed"), cache_key(url, "vsb")])
        assert rows[0].startswith("feed:") and rows[1].startswith("vsb:")
        marks = conn.execute("SELECT key, starred_at IS NOT NULL FROM article_state").fetchall()
        assert marks == [(cache_key(url, "vsb"), 1)]
    finally:
        conn.close()


async def test_offline_each_source_reads_its_own_row(demo: DemoSources, cache_dir: Path) -> None:
    url = await relayed_item(demo, cache_dir)
    feed = service(demo.entries[2].url, "feed", cache_dir)
    try:
        await feed.article(url)
    finally:
        await feed.aclose()
    offline_feed = service(demo.entries[2].url, "feed", cache_dir, offline=True)
    offline_site = service(demo.entries[1].url, "vsb", cache_dir, offline=True)
    try:
        assert offline_feed.cached_article(url) is not None
        # The site never stored it: the feed's copy is not the site's.
        assert offline_site.cached_article(url) is None
        assert offline_feed.library.cached_urls([url]) == {url}
        assert offline_site.library.cached_urls([url]) == set()
    finally:
        await offline_feed.aclose()
        await offline_site.aclose()


async def test_salvage_keeps_each_row_and_mark_in_its_sources_key_space(
    demo: DemoSources, cache_dir: Path, tmp_path: Path
) -> None:
    url = await relayed_item(demo, cache_dir)
    feed = service(demo.entries[2].url, "feed", cache_dir)
    site = service(demo.entries[1].url, "vsb", cache_dir)
    try:
        await feed.article(url)
        await site.article(url)
        feed.library.mark_read(url)
        feed.library.set_starred(url, True)
    finally:
        await feed.aclose()
        await site.aclose()
    fresh = Cache.open(tmp_path / "new.sqlite3")
    try:
        counts = salvage(cache_dir / "cache.sqlite3", fresh._db)
        assert counts["state"] == 1 and counts["articles"] == 2
        assert fresh.read_urls([url], "feed") == {url}
        assert fresh.read_urls([url], "vsb") == set()
        assert fresh.has_articles([url], "feed") == {url}
        assert fresh.has_articles([url], "vsb") == {url}
        assert [i.url for i in fresh.starred()] == [url]
    finally:
        fresh.close()


async def test_a_synced_feed_stores_every_item_and_offline_reads_each(
    demo: DemoSources, cache_dir: Path
) -> None:
    from newsreader.core.sync import sync

    feed_url = demo.entries[2].url
    online = service(feed_url, "feed", cache_dir)
    try:
        summary = await sync(online)
        items = (await online.list_page(feed_url)).value.items
    finally:
        await online.aclose()
    campus = [i.url for i in items if i.url.startswith(demo.base_urls[1])]
    assert len(items) == 16 and len(campus) == 4
    assert summary.failed == 0 and summary.new == 16
    offline = service(feed_url, "feed", cache_dir, offline=True)
    try:
        for item in items:
            article = (await offline.article(item.url)).value
            assert article.title == item.title and article.body
        # The item on the university's site is its full article, read by the VSB parser.
        relayed = (await offline.article(campus[0])).value
        assert relayed.source
    finally:
        await offline.aclose()
