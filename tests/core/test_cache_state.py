"""Read state and bookmarks survive article updates and count per article."""

from __future__ import annotations

from functools import partial
from pathlib import Path

from factories import article

from newsreader.core.cache import Cache

A = "https://s.cn/info/5/1.htm"
A_JSP = "https://s.cn/content.jsp?urltype=news.NewsContentUrl&wbtreeid=5&wbnewsid=1"
B = "https://s.cn/info/5/2.htm"
C = "https://s.cn/info/5/3.htm"


# Article n of column 5 is at A (n=1), B (n=2), C (n=3).
art = partial(article, column=5, date="2024-01-02")


def test_read_state_survives_update_and_reopen(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite3"
    c = Cache.open(path)
    c.put_article(art(1), 1.0)
    c.mark_read(A_JSP)
    assert c.read_urls([A, B, A_JSP]) == {A, A_JSP}
    assert c.put_article(art(1, body="新内容"), 2.0) == "updated"
    c.close()
    c = Cache.open(path)
    assert c.read_urls([A]) == {A}
    c.mark_read(A, False)
    assert c.read_urls([A]) == set()
    c.close()


def test_unread_count_only_cached(tmp_path: Path) -> None:
    c = Cache.open(tmp_path / "cache.sqlite3")
    c.put_article(art(1), 1.0)
    c.put_article(art(2), 1.0)
    c.mark_read(B)
    c.mark_read(C)  # read but not cached
    assert c.unread_count([A, A_JSP, B, C]) == 1
    c.close()


def test_starred(tmp_path: Path) -> None:
    c = Cache.open(tmp_path / "cache.sqlite3")
    c.put_article(art(1), 1.0)
    c.set_starred(A, True)
    c.set_starred(C, True)  # not cached: its URL stands in for the title
    items = c.starred()
    assert [i.url for i in items] in ([C, A], [A, C])
    by_url = {i.url: i for i in items}
    assert by_url[A].title == art(1).title and by_url[A].date == "2024-01-02"
    assert by_url[C].title == C
    c.set_starred(C, False)
    assert [i.url for i in c.starred()] == [A]
    assert c.stats()["starred"] == 1
    c.close()


def test_tally_counts_listed_articles_never_cached(tmp_path: Path) -> None:
    # A reader who never syncs has list pages and no articles: every listed one counts.
    c = Cache.open(tmp_path / "cache.sqlite3")
    assert c.tally([A, A_JSP, B, C]) == (3, 3)  # A and A_JSP are one article
    c.mark_read(B)  # read though never cached
    assert c.tally([A, A_JSP, B, C]) == (2, 3)
    c.put_article(art(1), 1.0)
    c.mark_read(A_JSP)
    assert c.tally([A, B, C]) == (1, 3)
    assert c.tally([]) == (0, 0)
    c.close()


def test_mark_many_read_covers_uncached_and_keeps_stars(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite3"
    c = Cache.open(path)
    c.put_article(art(1), 1.0)
    c.set_starred(C, True)
    c.mark_many_read([A_JSP, B, C])
    c.close()
    c = Cache.open(path)
    assert c.read_urls([A, B, C]) == {A, B, C}
    assert c.tally([A, B, C]) == (0, 3)
    assert [i.url for i in c.starred()] == [C]
    c.close()
