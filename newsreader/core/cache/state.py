"""Read state and bookmarks, kept per article key in ``article_state``.

The table is separate from ``articles`` so that re-fetching or updating an article keeps whether
it was read or starred, and so that a list entry can be marked before its article is cached.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

from newsreader.core.cache.article_rows import cached_keys, keys_of
from newsreader.core.cache.codec import unpack_json
from newsreader.core.cache.db import chunked
from newsreader.core.models import ListItem, ListPage
from newsreader.core.sources import cache_key


def _set(
    conn: sqlite3.Connection, url: str, column: str, value: float | None, kind: str | None
) -> None:
    # column is one of two literals chosen by our callers, never user input.
    key = cache_key(url, kind)
    conn.execute(
        f"""INSERT INTO article_state (key, url, {column}) VALUES (?, ?, ?)
            ON CONFLICT(key) DO UPDATE SET {column} = excluded.{column}""",
        (key, url, value),
    )
    # A row that is neither read nor starred carries no information.
    conn.execute(
        "DELETE FROM article_state WHERE key = ? AND read_at IS NULL AND starred_at IS NULL",
        (key,),
    )


def mark_read(
    conn: sqlite3.Connection, url: str, read: bool, now: float, kind: str | None = None
) -> None:
    """Mark the article at ``url`` (of a source of ``kind``) read (``read_at = now``) or unread."""
    _set(conn, url, "read_at", now if read else None, kind)


def mark_many_read(
    conn: sqlite3.Connection, urls: Iterable[str], now: float, kind: str | None = None
) -> None:
    """Mark every article among ``urls`` read, cached or only listed (one statement per chunk)."""
    by_key = keys_of(urls, kind)
    rows = [(key, found[0], now) for key, found in by_key.items()]
    conn.executemany(
        """INSERT INTO article_state (key, url, read_at) VALUES (?, ?, ?)
           ON CONFLICT(key) DO UPDATE SET read_at = excluded.read_at""",
        rows,
    )


def set_starred(
    conn: sqlite3.Connection, url: str, starred: bool, now: float, kind: str | None = None
) -> None:
    """Star (bookmark) or unstar the article at ``url`` (of a source of ``kind``)."""
    _set(conn, url, "starred_at", now if starred else None, kind)


def _read_keys(conn: sqlite3.Connection, keys: Iterable[str]) -> set[str]:
    found: set[str] = set()
    for part in chunked(list(keys)):
        marks = ",".join("?" * len(part))
        rows = conn.execute(
            f"SELECT key FROM article_state WHERE read_at IS NOT NULL AND key IN ({marks})", part
        )
        found.update(r[0] for r in rows)
    return found


def read_urls(conn: sqlite3.Connection, urls: Iterable[str], kind: str | None = None) -> set[str]:
    """Return which of the given URL strings name an article marked read."""
    by_key = keys_of(urls, kind)
    return {url for key in _read_keys(conn, by_key) for url in by_key[key]}


def unread_count(conn: sqlite3.Connection, urls: Iterable[str], kind: str | None = None) -> int:
    """Count the articles among ``urls`` that are cached and not read (each article once)."""
    keys = set(keys_of(urls, kind))
    cached = cached_keys(conn, keys)
    return len(cached - _read_keys(conn, cached))


def tally(
    conn: sqlite3.Connection, urls: Iterable[str], kind: str | None = None
) -> tuple[int, int]:
    """Count the articles among ``urls`` that are unread, and all of them (each article once).

    Cached or not: a listed article that was never fetched is unread until it is marked.
    """
    keys = set(keys_of(urls, kind))
    return len(keys - _read_keys(conn, keys)), len(keys)


def new_since_sync(
    conn: sqlite3.Connection, section_url: str, urls: Iterable[str], kind: str | None = None
) -> int:
    """Count the cached, unread articles among ``urls`` that the last sync of a section brought.

    An article counts when it was first stored at or after the start of the last complete sync
    of ``section_url``; the count is 0 when that section was never synced.
    """
    row = conn.execute(
        "SELECT started_at FROM sync_runs WHERE section = ?", (section_url,)
    ).fetchone()
    if row is None or row[0] is None:
        return 0
    started = float(row[0])
    fresh: set[str] = set()
    for part in chunked(list(set(keys_of(urls, kind)))):
        marks = ",".join("?" * len(part))
        rows = conn.execute(
            f"SELECT key FROM articles WHERE first_seen >= ? AND key IN ({marks})",
            (started, *part),
        )
        fresh.update(r[0] for r in rows)
    return len(fresh - _read_keys(conn, fresh))


def starred(conn: sqlite3.Connection) -> list[ListItem]:
    """Return starred articles, most recently starred first.

    Title and date come from the cached article; an article starred from a list but never
    cached takes them from a cached list page that lists it (:func:`_listed_entries`), so the
    starred list shows titles, not bare URLs. Only one listed nowhere shows its URL.
    """
    rows = conn.execute(
        """SELECT s.key, coalesce(a.url, s.url), a.title, a.date
           FROM article_state AS s LEFT JOIN articles AS a ON a.key = s.key
           WHERE s.starred_at IS NOT NULL ORDER BY s.starred_at DESC, s.key"""
    ).fetchall()
    untitled = {key: url for key, url, title, _ in rows if title is None}
    listed = _listed_entries(conn, untitled) if untitled else {}
    items = []
    for key, url, title, date in rows:
        entry = listed.get(key) if title is None else None
        if entry is not None:
            items.append(ListItem(title=entry.title, url=url, date=entry.date))
        else:
            items.append(ListItem(title=title or url, url=url, date=date))
    return items


# The most list pages read for the titles of uncached starred articles (newest first).
LISTED_PAGES = 2_000


def _listed_entries(conn: sqlite3.Connection, wanted: dict[str, str]) -> dict[str, ListItem]:
    """The list entries naming the articles ``wanted`` (key -> URL), from cached list pages."""
    found: dict[str, ListItem] = {}
    rows = conn.execute(
        "SELECT data FROM list_pages ORDER BY fetched_at DESC LIMIT ?", (LISTED_PAGES,)
    )
    urls = {url: key for key, url in wanted.items()}
    for (data,) in rows:
        for item in ListPage.from_dict(unpack_json(data)).items:
            key = urls.get(item.url) or cache_key(item.url)
            if key in wanted and key not in found and item.title:
                found[key] = item
        if len(found) == len(wanted):
            break
    return found
