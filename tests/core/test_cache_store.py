"""Pages, sections, list pages and articles round-trip through the cache."""

from __future__ import annotations

import subprocess
import sys
from functools import partial
from pathlib import Path

import factories
import pytest

from newsreader.core.cache import Cache
from newsreader.core.models import Link, ListItem, ListPage, Section
from newsreader.core.results import FetchedPage

URL = "https://www.example.cn/info/1022/4567.htm"
JSP = "https://www.example.cn/content.jsp?urltype=news.NewsContentUrl&wbtreeid=1022&wbnewsid=4567"


article = partial(factories.article, url=URL, date="2024-09-09")


@pytest.fixture
def cache(tmp_path: Path) -> Cache:
    c = Cache.open(tmp_path / "c" / "cache.sqlite3")
    yield c
    c.close()


def test_open_creates_private_dir(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b" / "cache.sqlite3"
    c = Cache.open(path)
    assert path.parent.is_dir() and (path.parent.stat().st_mode & 0o777) == 0o700
    assert c.path == path and c.recovery_note is None
    c.close()


def test_pages_roundtrip_and_touch(cache: Cache) -> None:
    page = FetchedPage(
        url="https://x.cn/a.htm",
        status=200,
        text="<p>你好</p>" * 100,
        encoding="gb18030",
        etag='"e1"',
        last_modified="Mon",
        fetched_at=5.0,
    )
    cache.put_page(page)
    assert cache.get_page(page.url) == page
    cache.touch_page(page.url, 9.0)
    got = cache.get_page(page.url)
    assert got is not None and got.fetched_at == 9.0 and got.etag == '"e1"'
    assert cache.get_page("https://x.cn/none") is None


def test_sections_and_list_pages(cache: Cache) -> None:
    tree = (Section("新闻", "https://x.cn/xw.htm", (Section("要闻", "https://x.cn/yw.htm"),)),)
    cache.put_sections(
        "https://x.cn/", tree, 3.0, page=FetchedPage(url="https://x.cn/", status=200, text="nav")
    )
    assert cache.get_sections("https://x.cn/") == (tree, 3.0)
    assert cache.get_sections("https://y.cn/") is None
    lp = ListPage(
        url="https://x.cn/xw/2.htm",
        items=(ListItem("甲", URL, "2024-01-01"),),
        next_url="https://x.cn/xw/1.htm",
        total=20,
        page_count=2,
        column="新闻",
    )
    raw = FetchedPage(url="https://x.cn/xw.htm?p=2", status=200, text="list")
    cache.put_list_page(lp, 4.0, raw)
    assert cache.get_list_page(lp.url) == (lp, 4.0)
    assert cache.get_list_page(raw.url) == (lp, 4.0)
    assert cache.get_page(raw.url) is not None


def test_article_new_updated_unchanged(cache: Cache) -> None:
    raw = FetchedPage(url=URL, status=200, text="<html>x</html>")
    assert cache.put_article(article(), 1.0, raw) == "new"
    # Neighbour links change when newer articles appear: not an update.
    again = article(next=Link("下一条", "https://www.example.cn/info/1022/9.htm"))
    assert cache.put_article(again, 2.0) == "unchanged"
    got = cache.get_article(JSP)
    assert got is not None and got[0] == again and got[1] == 2.0
    assert cache.put_article(article(body="改过的正文。"), 3.0) == "updated"
    assert cache.search("改过") and not cache.search("正文内容")
    assert cache.article_count() == 1
    assert cache.get_page(URL) is not None


def test_has_articles_returns_given_strings(cache: Cache) -> None:
    cache.put_article(article(), 1.0)
    other = "https://www.example.cn/info/1022/1.htm"
    assert cache.has_articles([JSP, other, URL]) == {JSP, URL}
    assert cache.has_articles([]) == set()


def test_put_articles_bulk(cache: Cache) -> None:
    items = [(factories.article(i, host="x.cn"), 1.0, None) for i in range(1200)]
    assert cache.put_articles(items) == ["new"] * 1200
    assert cache.put_articles(items[:2]) == ["unchanged", "unchanged"]
    assert cache.article_count() == 1200
    assert len(cache.has_articles(u.url for u, _, _ in items)) == 1200
    st = cache.stats()
    assert st["articles"] == 1200 and st["bytes"] > 0


def test_memory_cache_works() -> None:
    c = Cache.memory()
    assert c.path is None
    assert c.put_article(article(), 1.0) == "new"
    assert c.search("正文")[0].url == URL
    assert c.stats()["bytes"] == 0
    c.close()


def test_readonly_open(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite3"
    c = Cache.open(path)
    c.put_article(article(), 1.0)
    c.close()
    ro = Cache.open(path, readonly=True)
    assert ro.get_article(URL) is not None
    with pytest.raises(Exception, match="read-only"):
        ro.mark_read(URL)
    ro.close()


def test_import_is_light() -> None:
    code = (
        "import sys, newsreader.core.cache as c; "
        "bad = [m for m in ('httpx', 'selectolax', 'rich', 'textual') if m in sys.modules]; "
        "print(bad)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_migration_v3_splits_and_reindexes_the_search_index(tmp_path: Path) -> None:
    """A v2 cache (one FTS table, four columns) is re-indexed into search_uni + search_bi."""
    import sqlite3

    from newsreader.core.cache import migrations
    from newsreader.core.cache.article_rows import digest
    from newsreader.core.cache.codec import pack_json
    from newsreader.core.sources.vsb import article_key

    path = tmp_path / "cache.sqlite3"
    conn = sqlite3.connect(path, isolation_level=None)
    for migration in migrations.MIGRATIONS[:2]:
        migration(conn)
    conn.execute("PRAGMA user_version = 2")
    bodies = {1: "经济学院获得冠军。", 2: "篮球比赛 Alice。"}
    for n, body in bodies.items():
        article = factories.article(n, body=body)
        conn.execute(
            """INSERT INTO articles (id, key, url, title, section, model, digest, fetched_at)
               VALUES (?, ?, ?, ?, '[]', ?, ?, 1.0)""",
            (
                n,
                article_key(article.url),
                article.url,
                article.title,
                pack_json(article.to_dict()),
                digest(article),
            ),
        )
    conn.close()
    c = Cache.open(path)
    try:
        assert [h.url[-5:] for h in c.search("冠军")] == ["1.htm"]
        assert [h.url[-5:] for h in c.search("篮")] == ["2.htm"]
        assert [h.url[-5:] for h in c.search("alice 比赛")] == ["2.htm"]
        assert len(c.search("标")) == 2
        changed = factories.article(1, body="排球")
        c.put_articles([(changed, 2.0, None)])  # deletes the old tokens from both tables
    finally:
        c.close()
    conn = sqlite3.connect(path)
    for table, token in (("search_uni", '"冠"'), ("search_bi", '"冠军"')):
        assert conn.execute(f"SELECT rowid FROM {table}({token!r})").fetchall() == []
        conn.execute(f"INSERT INTO {table}({table}) VALUES ('integrity-check')")
    assert conn.execute("""SELECT rowid FROM search_uni('"排"')""").fetchall() == [(1,)]
    names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert conn.execute("PRAGMA user_version").fetchone()[0] == migrations.SCHEMA_VERSION
    assert "search" not in names and {"search_uni", "search_bi"} <= names
    conn.close()
