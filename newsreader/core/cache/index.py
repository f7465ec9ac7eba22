"""The search index: its two FTS5 tables, and adding and removing an article's tokens.

The tokens (:mod:`.tokens`) live in two contentless FTS5 tables (schema v3): ``search_uni``
(``title_uni``, ``body_uni``) with ``detail=column``, because single tokens need no positions,
and ``search_bi`` (``title_bi``, ``body_bi``) with ``detail=full`` for the phrases. Positions for
every character were 40 % of the cache. Contentless, the tables forget a row only when given the
very tokens they indexed: they are recomputed from the article model stored in ``articles``.
"""

from __future__ import annotations

import json
import sqlite3

from newsreader.core.cache.codec import unpack_bytes
from newsreader.core.cache.tokens import index_columns
from newsreader.core.models import Article

# The two index tables (see migrations._m3_split_index): unigram columns without positions, bigram
# columns with positions (for phrases).
UNI_TABLE = "search_uni"
BI_TABLE = "search_bi"
TABLES = (UNI_TABLE, BI_TABLE)


def fts_values(title: str, body: str) -> tuple[str, str, str, str]:
    """Return the four FTS column values of an article."""
    return (*index_columns(title), *index_columns(body))


FtsBytes = tuple[bytes, bytes, bytes, bytes]


def fts_bytes(title: str, body: str) -> FtsBytes:
    """:func:`fts_values` in UTF-8, as a sync worker hands them over.

    FTS5 reads a BLOB as the text it encodes (the index is byte for byte the same), and bytes
    cross the pipe from the worker and into SQLite as they are: a ``str`` is decoded when
    unpickled and encoded again when bound, ~40 KB each way per article.
    """
    title_uni, title_bi, body_uni, body_bi = fts_values(title, body)
    return title_uni.encode(), title_bi.encode(), body_uni.encode(), body_bi.encode()


def index_insert(conn: sqlite3.Connection, rowid: int, title: str, body: str) -> None:
    """Add an article's tokens to the index under ``rowid`` (= ``articles.id``)."""
    index_insert_values(conn, rowid, fts_values(title, body))


def index_insert_values(
    conn: sqlite3.Connection, rowid: int, values: tuple[str, str, str, str] | FtsBytes
) -> None:
    """Add the :func:`fts_values` (or :func:`fts_bytes`) of an article under ``rowid``."""
    title_uni, title_bi, body_uni, body_bi = values
    conn.execute(
        f"INSERT INTO {UNI_TABLE}(rowid, title_uni, body_uni) VALUES (?, ?, ?)",
        (rowid, title_uni, body_uni),
    )
    conn.execute(
        f"INSERT INTO {BI_TABLE}(rowid, title_bi, body_bi) VALUES (?, ?, ?)",
        (rowid, title_bi, body_bi),
    )


def index_delete(conn: sqlite3.Connection, rowid: int, title: str, body: str) -> None:
    """Remove an article's tokens; ``title``/``body`` must be exactly what was indexed.

    A contentless FTS5 table only forgets a row when given the very tokens it indexed, so we
    recompute them from the stored title and body.
    """
    title_uni, title_bi, body_uni, body_bi = fts_values(title, body)
    conn.execute(
        f"INSERT INTO {UNI_TABLE}({UNI_TABLE}, rowid, title_uni, body_uni) "
        "VALUES ('delete', ?, ?, ?)",
        (rowid, title_uni, body_uni),
    )
    conn.execute(
        f"INSERT INTO {BI_TABLE}({BI_TABLE}, rowid, title_bi, body_bi) VALUES ('delete', ?, ?, ?)",
        (rowid, title_bi, body_bi),
    )


def optimize(conn: sqlite3.Connection) -> None:
    """Merge each index table's segments into one (smaller, faster to query)."""
    for table in TABLES:
        conn.execute(f"INSERT INTO {table}({table}) VALUES ('optimize')")


def article_of(model: bytes) -> Article:
    """Decode a stored ``articles.model`` (compressed JSON, see :mod:`.codec`)."""
    return Article.from_dict(json.loads(unpack_bytes(model)))
