"""Articles that the last sync of a section brought in and that are still unread ("new")."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import factories

from newsreader.core.cache import Cache, migrations
from newsreader.core.cache.article_rows import digest
from newsreader.core.cache.codec import pack_json
from newsreader.core.config import Config, FetchSettings
from newsreader.core.service import NewsService
from newsreader.core.sources.vsb import article_key
from newsreader.core.sync import sync
from newsreader.demo.server import DemoServer
from newsreader.demo.site import DemoSite

FAST = FetchSettings(polite_delay=0.0, retries=0, deadline=10.0)
SECTION = "https://s.cn/xwzx/xw.htm"


def test_migration_from_v3_keeps_data_and_backfills_first_seen(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite3"
    conn = sqlite3.connect(path, isolation_level=None)
    for migration in migrations.MIGRATIONS[:3]:
        migration(conn)
    conn.execute("PRAGMA user_version = 3")
    article = factories.article(1)
    conn.execute(
        """INSERT INTO articles (key, url, title, section, model, digest, fetched_at)
           VALUES (?, ?, ?, '[]', ?, ?, 5.0)""",
        (
            article_key(article.url),
            article.url,
            article.title,
            pack_json(article.to_dict()),
            digest(article),
        ),
    )
    conn.execute("INSERT INTO sync_runs (section, finished_at) VALUES (?, 7.0)", (SECTION,))
    conn.close()

    c = Cache.open(path)
    try:
        hit = c.get_article(article.url)
        assert hit is not None and hit[0] == article and hit[1] == 5.0
        assert c.last_synced(SECTION) == 7.0
        # A sync from before v4 has no start time: nothing counts as new yet.
        assert c.new_since_sync(SECTION, [article.url]) == 0
    finally:
        c.close()
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == migrations.SCHEMA_VERSION
        assert conn.execute("SELECT first_seen FROM articles").fetchall() == [(5.0,)]
        assert conn.execute("SELECT started_at FROM sync_runs").fetchall() == [(None,)]
    finally:
        conn.close()


def test_first_seen_is_set_on_insert_only(tmp_path: Path) -> None:
    c = Cache.open(tmp_path / "cache.sqlite3")
    try:
        old, new = factories.article(1), factories.article(2)
        c.put_articles([(old, 10.0, None)])
        c.mark_synced(SECTION, 25.0, started_at=20.0)
        c.put_articles([(new, 21.0, None)])
        urls = [old.url, new.url]
        assert c.new_since_sync(SECTION, urls) == 1
        # Refreshing (unchanged) or updating an old article does not make it new.
        c.put_articles([(old, 22.0, None), (factories.article(1, body="改过的正文。"), 23.0, None)])
        assert c.new_since_sync(SECTION, urls) == 1
        # Each article once, whichever URL form names it; uncached URLs never count.
        jsp = "https://s.cn/content.jsp?urltype=news.NewsContentUrl&wbtreeid=1&wbnewsid=2"
        assert c.new_since_sync(SECTION, [new.url, jsp, "https://s.cn/info/1/9.htm"]) == 1
        assert c.new_since_sync("https://s.cn/other.htm", urls) == 0
        c.mark_read(new.url)
        assert c.new_since_sync(SECTION, urls) == 0
    finally:
        c.close()


async def test_counts_after_a_sync_reading_and_a_second_sync(
    fresh_demo_server: DemoServer, cache_dir: Path, demo_site: DemoSite
) -> None:
    config = Config(site_url=fresh_demo_server.base_url, cache_dir=cache_dir, fetch=FAST)
    service = NewsService.open(config)
    try:
        url = await service.section_url("新闻资讯/新闻")
        assert (
            service.library.new_count(url, [a.path for a in demo_site.articles]) == 0
        )  # never synced
        first_page = await service.list_page(url)
        items = [i.url for i in first_page.value.items if not i.external]
        await service.article(items[0])  # cached before the sync: not brought in by it
        summary = await sync(service, [url], pages=1)
        assert summary.new == len(items) - 1 and summary.failed == 0
        assert service.library.unread_count(items) == len(items)
        assert service.library.new_count(url, items) == len(items) - 1
        service.library.mark_read(items[1])
        assert service.library.new_count(url, items) == len(items) - 2
        again = await sync(service, [url], pages=1)
        assert again.new == 0
        assert service.library.new_count(url, items) == 0
        assert service.library.unread_count(items) == len(items) - 1
    finally:
        await service.aclose()
