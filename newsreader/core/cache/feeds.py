"""Which feed listed each item: ``feed_items`` rows, one per feed and item key.

A feed's items live on any host, so their keys (``feed:`` + the item's URL) say nothing of the
feed, and its current document names only its newest items. Every item a feed's stored list
has named is noted here, so that an item gone from the feed's document is still the feed's:
found by a search over the feed, and by ``read URL`` looking for the feed an item came from.
A row lasts as long as its item's article: a prune drops the others
(:mod:`newsreader.core.cache.maintenance`), and a rebuilt cache keeps them
(:mod:`newsreader.core.cache.recovery`).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

from newsreader.core.models import ListPage


def note_items(conn: sqlite3.Connection, feed: str, page: ListPage) -> None:
    """Note every item of ``page`` as the feed ``feed``'s (inside a write transaction)."""
    from newsreader.core.sources import cache_key

    keys = dict.fromkeys(cache_key(item.url, "feed") for item in page.items)
    conn.executemany(
        "INSERT OR IGNORE INTO feed_items (feed, key) VALUES (?, ?)",
        [(feed, key) for key in keys],
    )


def has_items(conn: sqlite3.Connection, feed: str) -> bool:
    """True when the feed ``feed`` has listed any item (searches read its items in SQL)."""
    row = conn.execute("SELECT 1 FROM feed_items WHERE feed = ? LIMIT 1", (feed,)).fetchone()
    return row is not None


def first_listing(conn: sqlite3.Connection, key: str, feeds: Iterable[str]) -> str | None:
    """Return the first of ``feeds`` that has listed the item ``key``, or ``None``."""
    for feed in feeds:
        row = conn.execute(
            "SELECT 1 FROM feed_items WHERE feed = ? AND key = ?", (feed, key)
        ).fetchone()
        if row is not None:
            return feed
    return None
