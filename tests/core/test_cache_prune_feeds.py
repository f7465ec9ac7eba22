"""Pruning forgets which feed listed each article it removes: the table stays bounded.

What a prune keeps is still found: a cached item by a search over its feed, an item the feed's
current document names (cached or not) by ``read URL`` through the feed's stored list.
"""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path

from factories import article

from newsreader.core.cache import Cache
from newsreader.core.cache.maintenance import DAY, prune_detailed
from newsreader.core.cache.search import Scope
from newsreader.core.library import item_owners
from newsreader.core.models import ListItem, ListPage
from newsreader.core.sources import cache_key

FEED = "https://a.cn/rss"
NOW = 1_000 * DAY
OLD, KEPT, UNFETCHED = (f"https://elsewhere.cn/a/{n}.html" for n in (1, 2, 3))


def _listed(path: Path) -> set[str]:
    with sqlite3.connect(path) as conn:
        return {
            row[0] for row in conn.execute("SELECT key FROM feed_items WHERE feed = ?", (FEED,))
        }


def _fill(path: Path) -> None:
    c = Cache.open(path)
    try:
        c.put_article(replace(article(1, "经济旧闻"), url=OLD), NOW - 30 * DAY, kind="feed")
        c.put_article(replace(article(2, "经济新闻"), url=KEPT), NOW, kind="feed")
        # The feed listed the old item once; its current document names the two others, one of
        # which was never fetched.
        c.put_list_page(ListPage(FEED, (ListItem("t", OLD),), None), NOW - 30 * DAY, feed=FEED)
        current = ListPage(FEED, (ListItem("t", KEPT), ListItem("t", UNFETCHED)), None)
        c.put_list_page(current, NOW, feed=FEED)
    finally:
        c.close()


def test_a_prune_by_age_forgets_the_listing_of_what_it_removed(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite3"
    _fill(path)
    assert _listed(path) == {cache_key(u, "feed") for u in (OLD, KEPT, UNFETCHED)}
    c = Cache.open(path)
    try:
        assert prune_detailed(c, older_than_days=7, now=NOW).articles == 1
        assert [h.url for h in c.search("经济", 50, Scope(feed=FEED))] == [KEPT]
    finally:
        c.close()
    # An item listed but never fetched keeps its row: fetched later, it is the feed's.
    assert _listed(path) == {cache_key(u, "feed") for u in (KEPT, UNFETCHED)}
    # The item the feed still lists is still the feed's; the one it dropped went with its article.
    assert item_owners(path, UNFETCHED, [FEED]).feed == FEED
    assert item_owners(path, OLD, [FEED]).feed is None
    c = Cache.open(path)
    try:
        # Listed again (and fetched again), it is the feed's again.
        c.put_list_page(ListPage(FEED, (ListItem("t", OLD),), None), NOW, feed=FEED)
        c.put_article(replace(article(1, "经济旧闻"), url=OLD), NOW, kind="feed")
        assert sorted(h.url for h in c.search("经济", 50, Scope(feed=FEED))) == [OLD, KEPT]
    finally:
        c.close()


def test_a_prune_by_size_forgets_the_listing_of_what_it_removed(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite3"
    _fill(path)
    c = Cache.open(path)
    try:
        assert prune_detailed(c, max_bytes=0).articles == 2
    finally:
        c.close()
    assert _listed(path) == {cache_key(UNFETCHED, "feed")}


def test_an_item_fetched_after_a_prune_is_still_its_feeds(tmp_path: Path) -> None:
    # A sync lists two items and fetches one; the prune after it ran. The next sync finds the
    # feed unchanged (304: its list is not stored, nor its items noted, again) and fetches the
    # other: a search over the feed must find both.
    c = Cache.open(tmp_path / "cache.sqlite3")
    try:
        c.put_list_page(
            ListPage(FEED, (ListItem("t", KEPT), ListItem("t", UNFETCHED)), None), NOW, feed=FEED
        )
        c.put_article(replace(article(2, "经济新闻"), url=KEPT), NOW, kind="feed")
        prune_detailed(c, older_than_days=7, now=NOW)
        c.put_article(replace(article(3, "经济要闻"), url=UNFETCHED), NOW, kind="feed")
        hits = sorted(h.url for h in c.search("经济", 50, Scope(feed=FEED)))
    finally:
        c.close()
    assert hits == [KEPT, UNFETCHED]
