"""Raw pages in the cache: a fetched page's row, its validators, and a 304 that keeps it current.

These functions run inside a transaction that :class:`~newsreader.core.cache.db.Database` opened;
they never BEGIN or COMMIT themselves, so a caller can combine several into one atomic update.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from newsreader.core.cache.codec import pack, unpack
from newsreader.core.cache.db import chunked
from newsreader.core.results import FetchedPage
from newsreader.core.sources import cache_key


@dataclass(frozen=True, slots=True)
class PageRow:
    """A fetched page as the ``pages`` table stores it, text already compressed.

    Built by :func:`page_row`, possibly in another process (sync prepares pages in workers).
    """

    url: str
    status: int
    content_type: str
    encoding: str
    etag: str | None
    last_modified: str | None
    fetched_at: float
    text: bytes


def page_row(page: FetchedPage, url: str | None = None) -> PageRow:
    """Return the row of ``page``, stored under ``url`` when given (the URL it was asked as)."""
    return PageRow(
        url or page.url,
        page.status,
        page.content_type,
        page.encoding,
        page.etag,
        page.last_modified,
        page.fetched_at,
        pack(page.text),
    )


def put_page(conn: sqlite3.Connection, page: FetchedPage) -> None:
    """Insert or replace a fetched page with its validators."""
    write_page(conn, page_row(page))


def write_page(conn: sqlite3.Connection, row: PageRow) -> None:
    """Insert or replace a page row."""
    conn.execute(
        """INSERT OR REPLACE INTO pages
           (url, status, content_type, encoding, etag, last_modified, fetched_at, text)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
        (
            row.url,
            row.status,
            row.content_type,
            row.encoding,
            row.etag,
            row.last_modified,
            row.fetched_at,
            row.text,
        ),
    )


def get_page(conn: sqlite3.Connection, url: str) -> FetchedPage | None:
    """Return the cached page for ``url``, or ``None``."""
    row = conn.execute(
        """SELECT url, status, content_type, encoding, etag, last_modified, fetched_at, text
           FROM pages WHERE url = ?""",
        (url,),
    ).fetchone()
    if row is None:
        return None
    return FetchedPage(
        url=row[0],
        status=row[1],
        content_type=row[2],
        encoding=row[3],
        etag=row[4],
        last_modified=row[5],
        fetched_at=row[6],
        text=unpack(row[7]),
    )


def validators(
    conn: sqlite3.Connection, urls: list[str]
) -> dict[str, tuple[str | None, str | None]]:
    """Return ``url -> (etag, last_modified)`` for the given URLs that have a cached page."""
    found: dict[str, tuple[str | None, str | None]] = {}
    for part in chunked(urls):
        marks = ",".join("?" * len(part))
        rows = conn.execute(
            f"SELECT url, etag, last_modified FROM pages WHERE url IN ({marks})", part
        )
        found.update((r[0], (r[1], r[2])) for r in rows)
    return found


def touch_page(
    conn: sqlite3.Connection, url: str, fetched_at: float, kind: str | None = None
) -> None:
    """Record that a conditional GET found the page unchanged at ``fetched_at``.

    ``kind`` is the kind of the source that fetched it (the key space of its article row).
    """
    conn.execute("UPDATE pages SET fetched_at = ? WHERE url = ?", (fetched_at, url))
    conn.execute("UPDATE list_pages SET fetched_at = ? WHERE url = ?", (fetched_at, url))
    key = cache_key(url, kind)
    conn.execute("UPDATE articles SET fetched_at = ? WHERE key = ?", (fetched_at, key))
