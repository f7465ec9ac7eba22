"""Rows of the cache: raw pages, sections, list pages and articles (SQL on a given connection).

These functions run inside a transaction that :class:`~newsreader.core.cache.db.Database` opened;
they never BEGIN or COMMIT themselves, so a caller can combine several into one atomic update.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Literal

from newsreader.core.cache import index
from newsreader.core.cache.codec import pack_bytes, unpack_bytes
from newsreader.core.models import Article, ListPage, Section
from newsreader.core.results import FetchedPage
from newsreader.core.sources import article_numbers, cache_key

PutResult = Literal["new", "updated", "unchanged"]
_CHUNK = 500  # stays far below SQLite's limit on bound parameters


def pack(text: str) -> bytes:
    """Compress text for a BLOB column (see :mod:`~newsreader.core.cache.codec`)."""
    return pack_bytes(text.encode("utf-8"))


def unpack(blob: bytes) -> str:
    """Inverse of :func:`pack`.

    Raises:
        DamagedBlob: The blob cannot be decompressed (a ``ValueError``, as bad UTF-8 is).
    """
    return unpack_bytes(blob).decode("utf-8")


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


@dataclass(frozen=True, slots=True)
class ArticleRow:
    """An article as the ``articles`` table and the search index store it.

    Everything costly (the model's JSON and its compression, the digest, the index tokens) is
    computed by :func:`article_row`, outside the write transaction and possibly in another
    process; :func:`write_article` only runs SQL.
    """

    key: str
    url: str
    tree_id: int | None
    news_id: int | None
    title: str
    date: str | None
    source: str | None
    editor: str | None
    section: str
    model: bytes
    digest: str
    fts: index.FtsBytes


def article_row(article: Article, kind: str | None = None) -> ArticleRow:
    """Return the row of ``article`` (see :class:`ArticleRow`), keyed for a source of ``kind``."""
    ident = article_numbers(article.url)
    tree_id, news_id = ident if ident else (None, None)
    data = article.to_dict()  # once, for both the digest and the stored model
    return ArticleRow(
        key=cache_key(article.url, kind),
        url=article.url,
        tree_id=tree_id,
        news_id=news_id,
        title=article.title,
        date=article.date,
        source=article.source,
        editor=article.editor,
        section=json.dumps(list(article.section), ensure_ascii=False),
        model=pack_json(data),
        digest=_digest_of(data),
        fts=index.fts_bytes(article.title, article.body),
    )


def put_article(
    conn: sqlite3.Connection, article: Article, fetched_at: float, kind: str | None = None
) -> PutResult:
    """Insert or update one article and its search-index row (call inside a write transaction).

    ``first_seen`` is set to ``fetched_at`` when the article is inserted and never changed after.
    ``kind`` is the kind of the source that read it (its key space: see
    :func:`~newsreader.core.sources.cache_key`).
    """
    return write_article(conn, article_row(article, kind), fetched_at)


def write_article(conn: sqlite3.Connection, row: ArticleRow, fetched_at: float) -> PutResult:
    """Insert or update an article row and its index tokens (inside a write transaction)."""
    found = conn.execute(
        "SELECT id, digest, model FROM articles WHERE key = ?", (row.key,)
    ).fetchone()
    if found is not None and found[1] == row.digest:
        # Same content: keep the index as is, refresh the model (neighbour links) and the time.
        conn.execute(
            "UPDATE articles SET url = ?, model = ?, fetched_at = ? WHERE id = ?",
            (row.url, row.model, fetched_at, found[0]),
        )
        return "unchanged"
    values = (
        row.url,
        row.tree_id,
        row.news_id,
        row.title,
        row.date,
        row.source,
        row.editor,
        row.section,
        row.model,
        row.digest,
        fetched_at,
    )
    if found is None:
        cursor = conn.execute(
            """INSERT INTO articles (url, tree_id, news_id, title, date, source, editor, section,
               model, digest, fetched_at, key, first_seen)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            (*values, row.key, fetched_at),
        )
        rowid = cursor.lastrowid
        assert rowid is not None  # an INSERT into a rowid table always sets it
        index.index_insert_values(conn, rowid, row.fts)
        return "new"
    # The tokens to delete are recomputed from the stored model: Article.body is deterministic.
    # A change to its format must come with a migration that re-indexes every article.
    old = Article.from_dict(unpack_json(found[2]))
    index.index_delete(conn, found[0], old.title, old.body)
    conn.execute(
        """UPDATE articles SET url = ?, tree_id = ?, news_id = ?, title = ?, date = ?, source = ?,
           editor = ?, section = ?, model = ?, digest = ?, fetched_at = ? WHERE id = ?""",
        (*values, found[0]),
    )
    index.index_insert_values(conn, found[0], row.fts)
    return "updated"


@dataclass(frozen=True, slots=True)
class StoreArticle:
    """A parsed article and its raw page, ready for one write.

    Attributes:
        page: The raw page's row, under the URL it was asked as.
        article: The article's row.
        fetched_at: When the page was fetched.
    """

    page: PageRow
    article: ArticleRow
    fetched_at: float


@dataclass(frozen=True, slots=True)
class TouchPage:
    """A 304 answer: the cached copy of ``url`` is current as of ``fetched_at``."""

    url: str
    fetched_at: float
    kind: str | None = None


Write = StoreArticle | TouchPage


def apply(conn: sqlite3.Connection, items: Iterable[Write]) -> list[PutResult | None]:
    """Run a batch of writes in the caller's transaction; return each article's result."""
    results: list[PutResult | None] = []
    for item in items:
        if isinstance(item, TouchPage):
            touch_page(conn, item.url, item.fetched_at, item.kind)
            results.append(None)
        else:
            write_page(conn, item.page)
            results.append(write_article(conn, item.article, item.fetched_at))
    return results


def get_article(
    conn: sqlite3.Connection, url: str, kind: str | None = None
) -> tuple[Article, float] | None:
    """Return the cached article for any URL form of it, with its fetch time, or ``None``."""
    row = conn.execute(
        "SELECT model, fetched_at FROM articles WHERE key = ?", (cache_key(url, kind),)
    ).fetchone()
    if row is None:
        return None
    return Article.from_dict(unpack_json(row[0])), float(row[1])


def keys_of(urls: Iterable[str], kind: str | None = None) -> dict[str, list[str]]:
    """Map article keys (in the key space of ``kind``) to the given URL strings naming them."""
    out: dict[str, list[str]] = {}
    for url in urls:
        out.setdefault(cache_key(url, kind), []).append(url)
    return out


def cached_keys(conn: sqlite3.Connection, keys: Iterable[str]) -> set[str]:
    """Return which of ``keys`` have a cached article."""
    found: set[str] = set()
    for part in chunked(list(keys)):
        marks = ",".join("?" * len(part))
        rows = conn.execute(f"SELECT key FROM articles WHERE key IN ({marks})", part)
        found.update(r[0] for r in rows)
    return found


def stored_times(
    conn: sqlite3.Connection, keys: Iterable[str]
) -> dict[str, tuple[float | None, float]]:
    """Return ``key -> (first_seen, fetched_at)`` for those of ``keys`` with a cached article."""
    found: dict[str, tuple[float | None, float]] = {}
    for part in chunked(list(keys)):
        marks = ",".join("?" * len(part))
        rows = conn.execute(
            f"SELECT key, first_seen, fetched_at FROM articles WHERE key IN ({marks})", part
        )
        found.update((r[0], (None if r[1] is None else float(r[1]), float(r[2]))) for r in rows)
    return found
