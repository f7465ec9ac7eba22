"""A damaged, foreign or unwritable cache file is detected and handled."""

from __future__ import annotations

import os
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest
from factories import bulky_article as art

from newsreader.core.cache import Cache
from newsreader.core.errors import CacheError


def corrupt_files(path: Path) -> list[Path]:
    return sorted(path.parent.glob(path.name + ".corrupt-*"))


def test_garbage_file_moved_aside(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite3"
    path.write_bytes(b"this is not a database at all\n" * 200)
    c = Cache.open(path)
    assert c.recovery_note and "rebuilt" in c.recovery_note and "\n" not in c.recovery_note
    assert len(corrupt_files(path)) == 1
    assert c.put_article(art(1), 1.0) == "new"
    c.close()
    again = Cache.open(path)
    assert again.recovery_note is None and again.article_count() == 1
    again.close()


def test_zero_byte_file_is_new(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite3"
    path.touch()
    c = Cache.open(path)
    assert c.recovery_note is None and c.article_count() == 0
    assert not corrupt_files(path)
    c.close()


def test_damaged_pages_rebuilt_with_salvage(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite3"
    c = Cache.open(path)
    c.mark_read(art(0).url)
    c.set_starred(art(1).url, True)
    c.put_articles((art(i), 1.0, None) for i in range(300))
    c.close()
    size = path.stat().st_size
    page = 4096
    pages = size // page
    assert pages > 40
    with path.open("r+b") as handle:
        for n in range(pages // 2, pages // 2 + 6):
            handle.seek(n * page)
            handle.write(os.urandom(page))
    c = Cache.open(path)
    assert c.recovery_note is not None and len(corrupt_files(path)) == 1
    assert c.read_urls([art(0).url]) == {art(0).url}
    assert [i.url for i in c.starred()] == [art(1).url]
    assert 0 < c.article_count() <= 300
    # The rebuilt index answers searches of salvaged articles.
    assert c.search(art(0).title)
    with sqlite3.connect(path) as check:
        assert check.execute("PRAGMA quick_check").fetchall() == [("ok",)]
    c.close()


def test_salvage_keeps_which_feed_listed_each_item(tmp_path: Path) -> None:
    from newsreader.core.library import Library, item_owners
    from newsreader.core.models import ListItem, ListPage
    from newsreader.core.saving import Notices
    from newsreader.core.sources import source_for

    feed = "https://a.cn/rss"
    old_item, new_item = "https://elsewhere.cn/a/1.html", "https://elsewhere.cn/a/2.html"
    path = tmp_path / "cache.sqlite3"
    c = Cache.open(path)
    c.put_article(replace(art(0), url=old_item), 1.0, kind="feed")
    c.put_article(replace(art(1), url=new_item), 1.0, kind="feed")
    # The feed listed the old item once; its current document names only the new one.
    for url in (old_item, new_item):
        c.put_list_page(ListPage(feed, (ListItem("t", url),), None), 1.0, feed=feed)
    c.put_articles((art(i), 1.0, None) for i in range(2, 300))
    c.close()
    _damage_middle(path)
    c = Cache.open(path)
    try:
        assert c.recovery_note is not None
        hits = Library(c, Notices([])).search(art(0).title, 50, source_for(feed, "feed"))
        assert [h.url for h in hits] == [old_item]
    finally:
        c.close()
    assert item_owners(path, old_item, [feed]).feed == feed


def _damage_middle(path: Path) -> None:
    """Overwrite six pages in the middle of the file with noise (the feed's rows come first)."""
    page = 4096
    pages = path.stat().st_size // page
    assert pages > 40
    with path.open("r+b") as handle:
        for n in range(pages // 2, pages // 2 + 6):
            handle.seek(n * page)
            handle.write(os.urandom(page))


def test_truncated_file(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite3"
    c = Cache.open(path)
    c.put_articles((art(i), 1.0, None) for i in range(100))
    c.close()
    with path.open("r+b") as handle:
        handle.truncate(path.stat().st_size // 2)
    c = Cache.open(path)
    assert c.recovery_note is not None
    c.put_article(art(1000), 2.0)
    c.close()


@pytest.mark.skipif(
    hasattr(os, "geteuid") and os.geteuid() == 0, reason="root ignores directory permissions"
)
def test_readonly_directory(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(CacheError, match="read-only"):
            Cache.open(folder / "cache.sqlite3")
    finally:
        folder.chmod(0o700)


def test_readonly_directory_simulated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Tests may run as root, which ignores permission bits; fake what access() would answer.
    folder = tmp_path / "ro"
    folder.mkdir()
    monkeypatch.setattr(os, "access", lambda p, _mode: Path(p) != folder)
    with pytest.raises(CacheError, match=r"cache directory .* is read-only"):
        Cache.open(folder / "cache.sqlite3")


def test_parent_is_a_file(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    with pytest.raises(CacheError, match="cannot create the cache directory"):
        Cache.open(tmp_path / "file" / "cache.sqlite3")


def test_newer_schema_refused(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite3"
    Cache.open(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA user_version = 999")
    with pytest.raises(CacheError, match="newer"):
        Cache.open(path)
