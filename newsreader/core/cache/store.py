"""Rows of the cache: raw pages, sections, list pages and articles (SQL on a given connection).

These functions run inside a transaction that :class:`~newsreader.core.cache.db.Database` opened;
they never BEGIN or COMMIT themselves, so a caller can combine several into one atomic update.
"""

from __future__ import annotations

import json
import sqlite3
import zlib
from collections.abc import Iterable, Iterator
from typing import Any, Literal

from newsreader.core.cache import search
from newsreader.core.models import Article, ListPage, Section
from newsreader.core.results import FetchedPage
from newsreader.core.urls import article_id, article_key

ZLIB_LEVEL = 6
PutResult = Literal["new", "updated", "unchanged"]
_CHUNK = 500  # stays far below SQLite's limit on bound parameters


def pack(text: str) -> bytes:
    """Compress text for a BLOB column."""
    return zlib.compress(text.encode("utf-8"), ZLIB_LEVEL)


def unpack(blob: bytes) -> str:
    """Inverse of :func:`pack`."""
    return zlib.decompress(blob).decode("utf-8")


def pack_json(data: Any) -> bytes:
    """Compact JSON, compressed."""
    return pack(json.dumps(data, ensure_ascii=False, separators=(",", ":")))


def unpack_json(blob: bytes) -> Any:
    """Inverse of :func:`pack_json`."""
    return json.loads(unpack(blob))


def chunked(items: list[str]) -> Iterator[list[str]]:
    """Yield ``items`` in slices small enough for one ``IN (...)`` list."""
    for start in range(0, len(items), _CHUNK):
        yield items[start : start + _CHUNK]


# --- raw pages -------------------------------------------------------------------------------


def put_page(conn: sqlite3.Connection, page: FetchedPage) -> None:
    """Insert or replace a fetched page with its validators."""
    conn.execute(
        """INSERT OR REPLACE INTO pages
           (url, status, content_type, encoding, etag, last_modified, fetched_at, text)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
        (
            page.url,
            page.status,
            page.content_type,
            page.encoding,
            page.etag,
            page.last_modified,
            page.fetched_at,
            pack(page.text),
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


def touch_page(conn: sqlite3.Connection, url: str, fetched_at: float) -> None:
    """Record that a conditional GET found the page unchanged at ``fetched_at``."""
    conn.execute("UPDATE pages SET fetched_at = ? WHERE url = ?", (fetched_at, url))
    conn.execute("UPDATE list_pages SET fetched_at = ? WHERE url = ?", (fetched_at, url))
    key = article_key(url)
    conn.execute("UPDATE articles SET fetched_at = ? WHERE key = ?", (fetched_at, key))


# --- sections and list pages -----------------------------------------------------------------


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


# --- articles ------------------------------------------------------------------------------


def digest(article: Article) -> str:
    """Hash of what makes an article "changed": title, body and metadata.

    The 上一条/下一条 links are left out on purpose: they change whenever a newer article is
    published, which is not an update of this one.
    """
    return _digest_of(article.to_dict())


def _digest_of(data: dict[str, Any]) -> str:
    """:func:`digest` of an article's :meth:`~Article.to_dict` (which is left unchanged)."""
    import hashlib  # loads OpenSSL (~2 ms): only writers need it, not `newsreader read`

    kept = {k: v for k, v in data.items() if k not in ("prev", "next")}
    blob = json.dumps(kept, ensure_ascii=False, sort_keys=True).encode("utf-8")
    return hashlib.sha256(blob).hexdigest()


def put_article(conn: sqlite3.Connection, article: Article, fetched_at: float) -> PutResult:
    """Insert or update one article and its search-index row (call inside a write transaction).

    ``first_seen`` is set to ``fetched_at`` when the article is inserted and never changed after.
    """
    key = article_key(article.url)
    ident = article_id(article.url)
    tree_id, news_id = ident if ident else (None, None)
    body = article.body
    data = article.to_dict()  # once, for both the digest and the stored model
    new_digest = _digest_of(data)
    model = pack_json(data)
    row = conn.execute("SELECT id, digest, model FROM articles WHERE key = ?", (key,)).fetchone()
    if row is not None and row[1] == new_digest:
        # Same content: keep the index as is, refresh the model (neighbour links) and the time.
        conn.execute(
            "UPDATE articles SET url = ?, model = ?, fetched_at = ? WHERE id = ?",
            (article.url, model, fetched_at, row[0]),
        )
        return "unchanged"
    values = (
        article.url,
        tree_id,
        news_id,
        article.title,
        article.date,
        article.source,
        article.editor,
        json.dumps(list(article.section), ensure_ascii=False),
        model,
        new_digest,
        fetched_at,
    )
    if row is None:
        cursor = conn.execute(
            """INSERT INTO articles (url, tree_id, news_id, title, date, source, editor, section,
               model, digest, fetched_at, key, first_seen)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            (*values, key, fetched_at),
        )
        rowid = cursor.lastrowid
        assert rowid is not None  # an INSERT into a rowid table always sets it
        search.index_insert(conn, rowid, article.title, body)
        return "new"
    # The tokens to delete are recomputed from the stored model: Article.body is deterministic.
    # A change to its format must come with a migration that re-indexes every article.
    old = Article.from_dict(unpack_json(row[2]))
    search.index_delete(conn, row[0], old.title, old.body)
    conn.execute(
        """UPDATE articles SET url = ?, tree_id = ?, news_id = ?, title = ?, date = ?, source = ?,
           editor = ?, section = ?, model = ?, digest = ?, fetched_at = ? WHERE id = ?""",
        (*values, row[0]),
    )
    search.index_insert(conn, row[0], article.title, body)
    return "updated"


def get_article(conn: sqlite3.Connection, url: str) -> tuple[Article, float] | None:
    """Return the cached article for any URL form of it, with its fetch time, or ``None``."""
    row = conn.execute(
        "SELECT model, fetched_at FROM articles WHERE key = ?", (article_key(url),)
    ).fetchone()
    if row is None:
        return None
    return Article.from_dict(unpack_json(row[0])), float(row[1])


def keys_of(urls: Iterable[str]) -> dict[str, list[str]]:
    """Map article keys to the given URL strings that name them."""
    out: dict[str, list[str]] = {}
    for url in urls:
        out.setdefault(article_key(url), []).append(url)
    return out


def cached_keys(conn: sqlite3.Connection, keys: Iterable[str]) -> set[str]:
    """Return which of ``keys`` have a cached article."""
    found: set[str] = set()
    for part in chunked(list(keys)):
        marks = ",".join("?" * len(part))
        rows = conn.execute(f"SELECT key FROM articles WHERE key IN ({marks})", part)
        found.update(r[0] for r in rows)
    return found
