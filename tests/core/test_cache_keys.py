"""Cache rows are keyed by source (``vsb:host:tree:id``); caches from before stay readable."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from newsreader.core.cache import Cache, migrations
from newsreader.core.cache.article_rows import digest
from newsreader.core.cache.codec import pack_json
from newsreader.core.cache.recovery import salvage
from newsreader.core.models import Article, Block
from newsreader.core.sources import cache_key
from newsreader.core.sources.vsb import article_key

A = "https://s.cn/info/5/1.htm"
A_JSP = "https://s.cn/content.jsp?urltype=news.NewsContentUrl&wbtreeid=5&wbnewsid=1"
B = "https://s.cn/info/5/2.htm"


def _v5_cache(path: Path) -> None:
    """Write a cache as version 5 wrote it: article keys without their source's kind."""
    conn = sqlite3.connect(path, isolation_level=None)
    for migration in migrations.MIGRATIONS[:5]:
        migration(conn)
    conn.execute("PRAGMA user_version = 5")
    for url in (A, B):
        article = Article(url=url, title="题" + url[-5], blocks=(Block("paragraph", "正文"),))
        conn.execute(
            """INSERT INTO articles (key, url, title, section, model, digest, fetched_at,
                   first_seen) VALUES (?, ?, ?, '[]', ?, ?, 5.0, 5.0)""",
            (
                article_key(url),
                url,
                article.title,
                pack_json(article.to_dict()),
                digest(article),
            ),
        )
    migrations.reindex(conn)  # as version 5 indexed what it stored
    conn.execute(
        "INSERT INTO article_state (key, url, read_at, starred_at) VALUES (?, ?, 6.0, NULL)",
        (article_key(A_JSP), A_JSP),
    )
    conn.execute(
        "INSERT INTO article_state (key, url, read_at, starred_at) VALUES (?, ?, NULL, 7.0)",
        (article_key(B), B),
    )
    conn.close()


def test_keys_name_the_source_kind() -> None:
    assert cache_key(A) == cache_key(A_JSP) == "vsb:s.cn:5:1"


def test_a_version_5_cache_keeps_articles_and_marks(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite3"
    _v5_cache(path)
    cache = Cache.open(path)
    try:
        hit = cache.get_article(A_JSP)
        assert hit is not None and hit[0].url == A
        assert cache.read_urls([A, B]) == {A}
        assert [item.url for item in cache.starred()] == [B]
        assert cache.unread_count([A, B]) == 1
        assert cache.put_article(Article(url=A, title="题", blocks=()), 8.0) == "updated"
    finally:
        cache.close()
    conn = sqlite3.connect(path)
    try:
        keys = {
            k
            for (k,) in conn.execute("SELECT key FROM articles UNION SELECT key FROM article_state")
        }
        assert keys == {"vsb:s.cn:5:1", "vsb:s.cn:5:2"}
        assert conn.execute("PRAGMA user_version").fetchone()[0] == migrations.SCHEMA_VERSION
    finally:
        conn.close()


def test_marks_salvaged_from_an_older_damaged_file_are_keyed_anew(tmp_path: Path) -> None:
    old = tmp_path / "old.sqlite3"
    _v5_cache(old)
    cache = Cache.open(tmp_path / "new.sqlite3")
    try:
        counts = salvage(old, cache._db)
        assert counts["state"] == 2 and counts["articles"] == 2
        assert cache.read_urls([A, A_JSP, B]) == {A, A_JSP}
        assert [item.url for item in cache.starred()] == [B]
    finally:
        cache.close()


def test_two_sites_on_one_host_never_share_a_key() -> None:
    # Ports are part of the site (urls.same_site): so are they of the key.
    assert cache_key("http://127.0.0.1:8001/info/1/2.htm") == "vsb:127.0.0.1:8001:1:2"
    assert cache_key("http://127.0.0.1:8001/info/1/2.htm") != cache_key(
        "http://127.0.0.1:9001/info/1/2.htm"
    )
    # Default ports, www. and both spellings of an internationalised host are one site.
    assert (
        cache_key("https://www.s.cn:443/info/1/2.htm")
        == cache_key("http://s.cn/info/1/2.htm")
        == "vsb:s.cn:1:2"
    )
    assert cache_key("http://例子.cn/info/1/2.htm") == cache_key(
        "http://xn--fsqu00a.cn/info/1/2.htm"
    )
    assert cache_key("http://[::1]:8080/info/1/2.htm") == "vsb:[::1]:8080:1:2"


def test_version_5_keys_without_the_port_or_in_unicode_are_keyed_anew(tmp_path: Path) -> None:
    # Version 5 keyed by host alone (no port, the host as written): two sites on one host shared
    # a row, and an internationalised host had two keys. The migration keys every row from its
    # URL; where two rows become one article, the newest stays and the marks are merged.
    path = tmp_path / "cache.sqlite3"
    conn = sqlite3.connect(path, isolation_level=None)
    for migration in migrations.MIGRATIONS[:5]:
        migration(conn)
    conn.execute("PRAGMA user_version = 5")
    rows = [
        ("127.0.0.1:3:4", "http://127.0.0.1:8001/info/3/4.htm", "甲站", 5.0),
        ("例子.cn:3:4", "http://例子.cn/info/3/4.htm", "旧稿", 5.0),
        ("xn--fsqu00a.cn:3:4", "http://xn--fsqu00a.cn/info/3/4.htm", "新稿", 9.0),
    ]
    for key, url, title, fetched in rows:
        article = Article(url=url, title=title, blocks=(Block("paragraph", "正文"),))
        conn.execute(
            """INSERT INTO articles (key, url, title, section, model, digest, fetched_at,
                   first_seen) VALUES (?, ?, ?, '[]', ?, ?, ?, ?)""",
            (
                key,
                url,
                title,
                pack_json(article.to_dict()),
                digest(article),
                fetched,
                fetched,
            ),
        )
    migrations.reindex(conn)
    conn.executemany(
        "INSERT INTO article_state (key, url, read_at, starred_at) VALUES (?, ?, ?, ?)",
        [
            ("例子.cn:3:4", "http://例子.cn/info/3/4.htm", 6.0, None),
            ("xn--fsqu00a.cn:3:4", "http://xn--fsqu00a.cn/info/3/4.htm", None, 7.0),
        ],
    )
    conn.close()
    cache = Cache.open(path)
    try:
        ours = cache.get_article("http://127.0.0.1:8001/info/3/4.htm")
        assert ours is not None and ours[0].title == "甲站"
        # Another port of the host is another site: nothing of the first answers for it.
        assert cache.get_article("http://127.0.0.1:9001/info/3/4.htm") is None
        idn = cache.get_article("http://例子.cn/info/3/4.htm")
        assert idn is not None and idn[0].title == "新稿"
        assert cache.read_urls(["http://xn--fsqu00a.cn/info/3/4.htm"]) == {
            "http://xn--fsqu00a.cn/info/3/4.htm"
        }
        assert [i.url for i in cache.starred()] == ["http://xn--fsqu00a.cn/info/3/4.htm"]
        # The dropped row left the index too: a search finds the newest only.
        assert [hit.title for hit in cache.search("稿")] == ["新稿"]
    finally:
        cache.close()
