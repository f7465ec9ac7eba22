"""Search over one source: a VSB site's articles by their keys, a feed's items by its list.

Both tiers of ranking (bm25 for rare queries, title-then-recency past RANK_CAP) keep the scope.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from factories import article

from newsreader.core.cache import Cache, search
from newsreader.core.cache.search import Scope
from newsreader.core.sources import cache_key, key_prefix, source_for

FEED_ITEM = "https://elsewhere.cn/news/9.html"


@pytest.fixture
def cache() -> Iterator[Cache]:
    c = Cache.memory()
    c.put_articles(
        [
            (article(1, "经济新闻", host="s.cn"), 1.0, None),
            # The same host on another port is another site; an IPv6 host has colons of its own.
            (article(2, "经济新闻", host="s.cn:8080"), 1.0, None),
            (article(3, "经济新闻", host="[::1]:8080"), 1.0, None),
        ]
    )
    c.put_article(article(4, "经济新闻", url=FEED_ITEM), 1.0, kind="feed")
    yield c
    c.close()


def found(c: Cache, scope: Scope | None) -> list[str]:
    return sorted(h.url for h in c.search("经济", 50, scope))


@pytest.mark.parametrize("cap", [1000, 1])
def test_a_scope_keeps_one_sources_articles(
    cache: Cache, cap: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(search, "RANK_CAP", cap)  # 1: the title-then-recency tier
    assert len(found(cache, None)) == 4
    site = Scope(prefix=key_prefix(source_for("https://s.cn/")))
    assert found(cache, site) == ["https://s.cn/info/1/1.htm"]
    other_port = Scope(prefix=key_prefix(source_for("https://s.cn:8080/")))
    assert found(cache, other_port) == ["https://s.cn:8080/info/1/2.htm"]
    ipv6 = Scope(prefix=key_prefix(source_for("http://[::1]:8080/")))
    assert found(cache, ipv6) == ["https://[::1]:8080/info/1/3.htm"]
    feed = Scope(keys=(cache_key(FEED_ITEM, "feed"),))
    assert found(cache, feed) == [FEED_ITEM]
    assert found(cache, Scope()) == []


@pytest.mark.parametrize(
    ("small_scope", "walk_per_hit"),
    [
        (5_000, 40),  # a small scope: its ids collected at once
        (0, 40),  # a big scope: the newest matches looked up one by one
        (0, 1),  # a big scope whose walk holds too few: the ids collected after all
    ],
)
def test_a_scoped_search_past_the_rank_cap_gives_the_scopes_newest_matches(
    small_scope: int, walk_per_hit: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(search, "RANK_CAP", 1)  # the title-then-recency tier
    monkeypatch.setattr(search, "SMALL_SCOPE", small_scope)
    monkeypatch.setattr(search, "WALK_PER_HIT", walk_per_hit)
    c = Cache.memory()
    try:
        # One article in five is a.cn's, stored (and dated) oldest first among b.cn's.
        c.put_articles(
            (
                article(
                    n,
                    f"经济{n}" if n % 3 else f"标题{n}",
                    body="经济新闻",
                    host="a.cn" if n % 5 == 0 else "b.cn",
                    date=f"2024-{1 + n // 28:02d}-{1 + n % 28:02d}",
                ),
                float(n),
                None,
            )
            for n in range(1, 200)
        )
        scope = Scope(prefix=key_prefix(source_for("https://a.cn/")))
        hits = [h.url for h in c.search("经济", 30, scope)]
    finally:
        c.close()
    # The title tier (titles with 经济, newest first), then the body tier fills the rest.
    titled = [n for n in range(195, 0, -5) if n % 3]
    others = [n for n in range(195, 0, -5) if n % 3 == 0]
    assert len(titled) == 26
    assert hits == [f"https://a.cn/info/1/{n}.htm" for n in [*titled, *others[:4]]]


@pytest.mark.parametrize("small_scope", [5_000, 0])
def test_a_feeds_scope_is_every_item_it_has_listed(
    small_scope: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    from newsreader.core.models import ListItem, ListPage

    monkeypatch.setattr(search, "RANK_CAP", 1)
    monkeypatch.setattr(search, "SMALL_SCOPE", small_scope)
    c = Cache.memory()
    try:
        urls = [f"https://h{n % 3}.cn/a/{n}.html" for n in range(1, 13)]
        for n, url in enumerate(urls, 1):
            c.put_article(article(n, f"经济{n}", url=url), float(n), kind="feed")
        # Feed A listed the odd items in two documents (the first no longer stored); B the rest.
        for feed, wanted in (("https://a.cn/rss", urls[0:6:2]), ("https://a.cn/rss", urls[6::2])):
            page = ListPage(feed, tuple(ListItem("t", u) for u in wanted), None)
            c.put_list_page(page, 1.0, feed=feed)
        other = ListPage("https://b.cn/rss", tuple(ListItem("t", u) for u in urls[1::2]), None)
        c.put_list_page(other, 1.0, feed="https://b.cn/rss")
        hits = [h.url for h in c.search("经济", 50, Scope(feed="https://a.cn/rss"))]
    finally:
        c.close()
    assert hits == urls[::2][::-1]
