"""Articles in the cache: their rows (model, digest, index tokens), keyed by source identity.

A row is built (:func:`article_row`) outside the write transaction, possibly in another
process; writing it (:func:`write_article`) only runs SQL, inside a transaction that
:class:`~newsreader.core.cache.db.Database` opened, and keeps the search index in step.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal

from newsreader.core.cache import index
from newsreader.core.cache.codec import pack_json, unpack_json
from newsreader.core.cache.db import chunked
from newsreader.core.models import Article
from newsreader.core.sources import article_numbers, cache_key

PutResult = Literal["new", "updated", "unchanged"]


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
