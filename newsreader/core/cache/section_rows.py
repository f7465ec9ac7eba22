"""A site's section tree and its sections' list pages in the cache (parsed, stored as JSON).

These functions run inside a transaction that :class:`~newsreader.core.cache.db.Database` opened;
they never BEGIN or COMMIT themselves.
"""

from __future__ import annotations

import sqlite3

from newsreader.core.cache.codec import pack_json, unpack_json
from newsreader.core.models import ListPage, Section


def put_sections(
    conn: sqlite3.Connection, site: str, sections: tuple[Section, ...], fetched_at: float
) -> None:
    """Store a site's section tree."""
    conn.execute(
        "INSERT OR REPLACE INTO sections (site, data, fetched_at) VALUES (?, ?, ?)",
        (site, pack_json([s.to_dict() for s in sections]), fetched_at),
    )


def get_sections(conn: sqlite3.Connection, site: str) -> tuple[tuple[Section, ...], float] | None:
    """Return a site's section tree and when it was fetched, or ``None``."""
    row = conn.execute("SELECT data, fetched_at FROM sections WHERE site = ?", (site,)).fetchone()
    if row is None:
        return None
    return tuple(Section.from_dict(d) for d in unpack_json(row[0])), float(row[1])


def put_list_page(
    conn: sqlite3.Connection, page: ListPage, fetched_at: float, also: str | None = None
) -> None:
    """Store a list page under its URL, and under ``also`` (the requested URL) when different."""
    data = pack_json(page.to_dict())
    for url in {page.url, also or page.url}:
        conn.execute(
            "INSERT OR REPLACE INTO list_pages (url, data, fetched_at) VALUES (?, ?, ?)",
            (url, data, fetched_at),
        )


def get_list_page(conn: sqlite3.Connection, url: str) -> tuple[ListPage, float] | None:
    """Return a cached list page and when it was fetched, or ``None``."""
    row = conn.execute("SELECT data, fetched_at FROM list_pages WHERE url = ?", (url,)).fetchone()
    if row is None:
        return None
    return ListPage.from_dict(unpack_json(row[0])), float(row[1])
