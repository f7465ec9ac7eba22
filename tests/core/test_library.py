"""The Library: reading state, counts, search and upkeep of a cache, without the network."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsreader.core.cache import Cache
from newsreader.core.errors import CacheReadOnly, UsageError
from newsreader.core.library import Library, PruneResult
from newsreader.core.models import Article, Block
from newsreader.core.saving import Notices

A = "https://s.cn/info/5/1.htm"
A_JSP = "https://s.cn/content.jsp?urltype=news.NewsContentUrl&wbtreeid=5&wbnewsid=1"
B = "https://s.cn/info/5/2.htm"


def art(url: str, body: str) -> Article:
    return Article(url=url, title="题" + url[-5], blocks=(Block("paragraph", body),))


def test_state_counts_and_search_by_either_url_form(tmp_path: Path) -> None:
    cache = Cache.open(tmp_path / "cache.sqlite3")
    library = Library(cache, Notices([]))
    try:
        cache.put_article(art(A, "毕业生就业"), 1.0)
        cache.put_article(art(B, "招生"), 1.0)
        assert library.cached_urls([A_JSP, B, "https://s.cn/info/5/3.htm"]) == {A_JSP, B}
        assert library.unread_count([A, B]) == 2
        assert library.mark_read(A_JSP) is True
        assert library.read_urls([A, B]) == {A}
        assert library.unread_count([A, B]) == 1
        library.set_starred(B, True)
        assert [item.url for item in library.starred()] == [B]
        assert [hit.url for hit in library.search("就业")] == [A]
        with pytest.raises(UsageError, match="empty"):
            library.search("  ")
        report = library.report()
        assert (report["articles"], report["read"], report["starred"]) == (2, 1, 1)
        # 0 days keeps everything, as retention_days = 0 does.
        assert library.prune(older_than_days=0) == PruneResult()
        assert library.cached_urls([A, B]) == {A, B}
        # Pruning everything keeps the starred article.
        pruned = library.prune(max_bytes=0)
        assert isinstance(pruned, PruneResult) and pruned.articles == 1
        assert library.cached_urls([A, B]) == {B}
    finally:
        cache.close()


def test_a_read_only_cache_is_said_before_writing(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite3"
    Cache.open(path).close()
    cache = Cache.open(path, readonly=True, readonly_reason="the disk is read-only")
    try:
        with pytest.raises(CacheReadOnly, match="read-only; vacuum needs"):
            Library(cache, Notices([])).require_writable("vacuum")
    finally:
        cache.close()


def test_mark_many_read_and_tally_over_listed_articles(tmp_path: Path) -> None:
    cache = Cache.open(tmp_path / "cache.sqlite3")
    notes: list[str] = []
    library = Library(cache, Notices(notes))
    try:
        listed = [A, B, "https://s.cn/info/5/3.htm"]  # nothing cached
        assert library.tally(listed) == (3, 3)
        assert library.mark_many_read([A_JSP, B]) is True
        assert library.tally(listed) == (1, 3)
        assert library.read_urls(listed) == {A, B}
    finally:
        cache.close()
    readonly = Cache.open(tmp_path / "cache.sqlite3", readonly=True)
    try:
        stuck = Library(readonly, Notices(notes))
        assert stuck.mark_many_read(listed) is False  # said once in the notes, nothing raised
        assert stuck.tally(listed) == (1, 3)
    finally:
        readonly.close()
