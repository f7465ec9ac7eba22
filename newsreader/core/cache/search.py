"""Full-text search over cached articles, for Chinese substrings of any length.

SQLite 3.40's trigram tokenizer cannot match one- or two-character queries, so we tokenise in
Python and hand FTS5 space-separated tokens (its tokenizer, ``ascii``, only splits at the spaces;
caches made before schema v3 was changed have ``unicode61``, which splits them alike):

* ``*_uni`` columns: every CJK character as its own token, plus lower-cased latin/digit words;
* ``*_bi`` columns: the overlapping CJK bigrams of each run of CJK characters.

A one-character query is a unigram token; a longer CJK run is the phrase of its bigrams
(``经济发展`` -> ``"经济 济发 发展"``), which matches exactly the texts containing that substring,
because consecutive phrase positions mean adjacent characters; a separator token between runs keeps
a phrase from spanning two sentences. Latin words are prefix queries. Runs are ANDed.

The two kinds of columns live in two contentless FTS5 tables (schema v3): ``search_uni``
(``title_uni``, ``body_uni``) with ``detail=column``, because single tokens need no positions,
and ``search_bi`` (``title_bi``, ``body_bi``) with ``detail=full`` for the phrases. Positions for
every character were 40 % of the cache. A query with parts in both tables matches the rows
matching both (:class:`Match`).
"""

from __future__ import annotations

import functools
import json
import re
import sqlite3
import unicodedata
from array import array
from typing import NamedTuple

from newsreader.core.cache.codec import unpack_bytes
from newsreader.core.models import Article
from newsreader.core.results import SearchHit

# Han (with extensions and compatibility ideographs), kana and hangul: scripts written without
# spaces, which we index character by character.
_CJK_CLASS = (
    "\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff"
    "\U00020000-\U0003134f"
)
_CJK_RUN = f"[{_CJK_CLASS}]+"
# Word characters except "_" and CJK: letters and digits of every other script.
_WORD_RUN = f"[^\\W_{_CJK_CLASS}]+"
_TOKENS = f"({_CJK_RUN})|({_WORD_RUN})"
# Characters that NFKC leaves as they are and that never compose with a neighbour (ASCII, the
# unified ideographs, common CJK punctuation), plus the full-width ASCII punctuation, which NFKC
# maps to ASCII punctuation: a token separator before and after. Only the text between them needs
# NFKC, which is what makes indexing cheap (NFKC of a whole Chinese article costs ~0.5 ms). An
# ASCII character before such a stretch goes with it: a combining mark may compose with it.
_STABLE = (
    "\x00-\x7f\u4e00-\u9fff\u3001\u3002\u3008-\u3011\u2014\u2018\u2019\u201c\u201d"
    "\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff5e"
)
_UNSTABLE = f"[\\x00-\\x7f]?[^{_STABLE}]+"
# Between runs in a bigram column, so that "经济。济发" cannot match the phrase of "经济发".
RUN_BREAK = "0"
# The two index tables (see migrations._m3_split_index): unigram columns without positions, bigram
# columns with positions (for phrases).
UNI_TABLE = "search_uni"
BI_TABLE = "search_bi"
TABLES = (UNI_TABLE, BI_TABLE)
# bm25 column weights of both tables: title, body. A title hit outranks body hits.
WEIGHTS = (10.0, 1.0)
SNIPPET_CHARS = 60
SNIPPET_LEAD = 20
# Queries matching more articles than this are ranked by title-then-recency, not bm25 (see search).
RANK_CAP = 1000
# The longest query searched, in characters: the rest is ignored (the CLI and the TUI say so).
# Each character can add a term whose doclist FTS5 reads, so a pasted article cost seconds and
# hundreds of MB; 100 characters hold any title.
MAX_QUERY_CHARS = 100


@functools.cache
def _pattern(source: str) -> re.Pattern[str]:
    # Compiled on first use: the big Unicode classes cost ~3 ms, which `newsreader read` (it
    # imports this module with the cache but never searches) should not pay at start-up.
    return re.compile(source)


def normalize(text: str) -> str:
    """NFKC (full-width letters and digits become ASCII) and lower-case: index and query alike."""
    return unicodedata.normalize("NFKC", text).lower()


def _nfkc(match: re.Match[str]) -> str:
    return unicodedata.normalize("NFKC", match.group(0))


def _token_text(text: str) -> str:
    """Return text with the same tokens as :func:`normalize` (NFKC only where it can matter)."""
    if text.isascii():
        return text.lower()
    return _pattern(_UNSTABLE).sub(_nfkc, text).lower()


def runs(text: str) -> list[tuple[bool, str]]:
    """Split normalised ``text`` into ``(is_cjk, run)`` pairs; punctuation and spaces drop out."""
    return [(bool(cjk), cjk or word) for cjk, word in _pattern(_TOKENS).findall(_token_text(text))]


# Code points of one space, to fill the gaps of the token strings built below.
_SPACE = array("I", b"\x20\x00\x00\x00")
# Between CJK runs while their bigrams are built; never in a token text (a control character).
_GLUE = "\x01"


def _code_points(text: str) -> array[int]:
    return array("I", text.encode("utf-32-le"))


def _text(points: array[int]) -> str:
    return points.tobytes().decode("utf-32-le")


def _spaced(text: str) -> str:
    """``"经济"`` -> ``"经 济"``: every character a token, in one pass over code-point arrays."""
    src = _code_points(text)
    out = _SPACE * (2 * len(src) - 1)
    out[0::2] = src
    return _text(out)


def _pairs(text: str) -> str:
    """``"经济发"`` -> ``"经济 济发"``: the overlapping bigrams of ``text`` (2+ characters)."""
    src = _code_points(text)
    out = _SPACE * (3 * len(src) - 4)
    out[0::3] = src[:-1]
    out[1::3] = src[1:]
    return _text(out)


def index_columns(text: str) -> tuple[str, str]:
    """Return the ``(uni, bi)`` token strings of ``text`` for the FTS columns.

    ``bi`` is, run after run, the bigrams of each CJK run of two or more characters, with
    :data:`RUN_BREAK` between runs. ``uni`` holds every CJK character and every other word, CJK
    first: its table keeps no positions, so only the tokens count, not their order.
    """
    # Hot path of indexing (a sync, a rebuild): a token per Python object cost 0.7 ms for a
    # typical article. Here the per-character work is done in C: all the runs' characters are
    # spaced out, and all the bigrams built, in one slice assignment over an array of code points.
    found = _pattern(_TOKENS).findall(_token_text(text))
    cjk = [run for run, _ in found if run]
    chars = "".join(cjk)
    words = [word for _, word in found if word]
    uni = " ".join([_spaced(chars), *words] if chars else words)
    long = [run for run in cjk if len(run) > 1]
    if not long:
        return uni, ""
    # Bigrams of the runs glued together: those across a glue ("发\x01 \x01经") are cut out,
    # which leaves the two characters beside them at the ends of the pieces.
    pieces = _pairs(_GLUE.join(long)).split(f"{_GLUE} {_GLUE}")
    if len(pieces) > 1:
        pieces[0] = pieces[0][:-2]
        pieces[1:-1] = [piece[2:-2] for piece in pieces[1:-1]]
        pieces[-1] = pieces[-1][2:]
    return uni, f" {RUN_BREAK} ".join(pieces)


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


def _quote(text: str) -> str:
    # FTS5 string literal: the only special character inside double quotes is the quote itself.
    return '"' + text.replace('"', '""') + '"'


class Match(NamedTuple):
    """A query as FTS5 MATCH expressions, one per index table (``None``: no part there).

    A row matches the query when it matches both present expressions.
    """

    uni: str | None  # over UNI_TABLE: one-character CJK runs and latin-word prefixes
    bi: str | None  # over BI_TABLE: CJK runs of two or more characters, as bigram phrases

    def parts(self) -> list[tuple[str, str]]:
        """``(table, expression)`` of the present parts, the bigram table first."""
        both = ((BI_TABLE, self.bi), (UNI_TABLE, self.uni))
        return [(table, expr) for table, expr in both if expr is not None]


def build_match(query: str, *, title_only: bool = False) -> Match | None:
    """Return the FTS5 MATCH expressions for a user query, or ``None`` when it has no tokens.

    User text never reaches MATCH as syntax: every token is quoted, and tokens only contain
    letters and digits anyway, so ``"``, ``*``, ``NEAR``, ``AND`` or parentheses are inert.
    Only the first :data:`MAX_QUERY_CHARS` characters count, before and after NFKC (which can
    make one character eighteen): at most that many tokens reach FTS5.

    Args:
        query: The user's text.
        title_only: Match titles only (the first tier of :func:`search` for common queries).
    """
    uni_cols = "{title_uni}" if title_only else "{title_uni body_uni}"
    bi_cols = "{title_bi}" if title_only else "{title_bi body_bi}"
    uni: list[str] = []
    bi: list[str] = []
    budget = MAX_QUERY_CHARS
    for cjk, whole in runs(query[:MAX_QUERY_CHARS]):
        if budget <= 0:
            break
        run = whole[:budget]
        budget -= len(run)
        if cjk and len(run) == 1:
            uni.append(f"{uni_cols} : " + _quote(run))
        elif cjk:
            bi.append(f"{bi_cols} : " + _quote(_pairs(run)))
        else:
            uni.append(f"{uni_cols} : " + _quote(run) + " *")
    if not uni and not bi:
        return None
    return Match(" AND ".join(uni) or None, " AND ".join(bi) or None)


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


def snippet(body: str, query: str, width: int = SNIPPET_CHARS) -> str:
    """Return about ``width`` characters of ``body`` around the first match of ``query``.

    Plain text on one line, with ``…`` where it was cut. The match position is looked up in the
    normalised body, whose length equals the original's for CJK and ASCII text; when NFKC changed
    lengths we show the normalised text rather than a misaligned window.
    """
    flat = " ".join(body.split())
    norm = _token_text(flat)  # same length and token positions as normalize(), much cheaper
    if len(norm) != len(flat):
        flat = norm
    positions = [norm.find(run) for _, run in runs(query)]
    found = [p for p in positions if p >= 0]
    start = max(min(found) - SNIPPET_LEAD, 0) if found else 0
    end = min(start + width, len(flat))
    start = max(min(start, end - width), 0)
    text = flat[start:end]
    return ("…" if start > 0 else "") + text + ("…" if end < len(flat) else "")


def article_of(model: bytes) -> Article:
    """Decode a stored ``articles.model`` (compressed JSON, see :mod:`.codec`)."""
    return Article.from_dict(json.loads(unpack_bytes(model)))


def _body(model: bytes) -> str:
    # Snippets need the body only for the few hits shown, so it is rebuilt from the stored model
    # after ranking instead of being stored (and read) a second time.
    return article_of(model).body


def search(conn: sqlite3.Connection, query: str, limit: int = 50) -> list[SearchHit]:
    """Return up to ``limit`` cached articles matching ``query``, best first.

    Only the first :data:`MAX_QUERY_CHARS` characters of ``query`` are searched.

    Up to :data:`RANK_CAP` matches, ranking is bm25 with title columns weighted over body
    columns; ties go to the newer date. bm25 must look at every match (and FTS5 reads the whole
    doclist of each phrase for its IDF), which cost 100-250 ms for a common character over
    100,000 articles; so a query matching more than :data:`RANK_CAP` articles is ranked by a
    cheap rule instead: articles with the query in their title first, then the others; each tier
    takes the most recently cached matches (FTS5 reads them in rowid order with a LIMIT and stops
    early) and shows them newest date first.

    A query with parts in both index tables (say ``a 经济``) is bm25-ranked only when each part
    alone matches at most :data:`RANK_CAP` articles (the scores of the two tables are added), so
    that scoring stays bounded; otherwise it takes the title-then-recency rule.
    """
    query = query[:MAX_QUERY_CHARS]  # the snippets look for the runs searched, not the rest
    match = build_match(query)
    if match is None or limit <= 0:
        return []
    # Counting stops at RANK_CAP + 1: a common query costs a LIMITed walk, not a full scan.
    counts = [
        conn.execute(
            f"SELECT count(*) FROM (SELECT rowid FROM {table} WHERE {table} MATCH ? LIMIT ?)",
            (expr, RANK_CAP + 1),
        ).fetchone()[0]
        for table, expr in match.parts()
    ]
    if min(counts) == 0:
        return []
    if max(counts) <= RANK_CAP:
        rows = _ranked(conn, match, limit)
    else:
        rows = _recent(conn, query, match, limit)
    return [
        SearchHit(
            title=title,
            url=url,
            date=date,
            snippet=snippet(_body(model), query),
        )
        for title, url, date, model in rows
    ]


Row = tuple[str, str, "str | None", bytes]


def _ranked(conn: sqlite3.Connection, match: Match, limit: int) -> list[Row]:
    weights = ", ".join(str(w) for w in WEIGHTS)
    parts = match.parts()
    # Each table scores its own matches once, materialised: joined lazily, SQLite would probe
    # the second table row by row, and bm25 re-reads a whole doclist for its IDF at each probe.
    scored = ", ".join(
        f"""s{n} AS MATERIALIZED (SELECT rowid AS id, bm25({table}, {weights}) AS score
              FROM {table} WHERE {table} MATCH ?)"""
        for n, (table, _) in enumerate(parts)
    )
    total = " + ".join(f"s{n}.score" for n in range(len(parts)))
    joins = " ".join(f"JOIN s{n} ON s{n}.id = s0.id" for n in range(1, len(parts)))
    # Rank inside the FTS tables first, then fetch only the winners' rows from articles.
    return conn.execute(
        f"""WITH {scored},
              hits AS (SELECT s0.id AS id, {total} AS score FROM s0 {joins}
                       ORDER BY score LIMIT ?)
            SELECT a.title, a.url, a.date, a.model FROM hits
            JOIN articles AS a ON a.id = hits.id
            ORDER BY hits.score, a.date DESC""",
        (*(expr for _, expr in parts), limit),
    ).fetchall()


def _matching(match: Match) -> tuple[str, list[object]]:
    """SQL selecting the rowids that match every part of ``match``, and its parameters.

    Parts in both tables are intersected with INTERSECT: ordered by rowid, SQLite merges the two
    rowid-ordered FTS5 scans and stops at a LIMIT (0.1 ms for two common parts over 100,000
    articles, where ``rowid IN (subquery)`` took seconds: it probed one table for every rowid).
    """
    selects = [f"SELECT rowid FROM {table} WHERE {table} MATCH ?" for table, _ in match.parts()]
    return " INTERSECT ".join(selects), [expr for _, expr in match.parts()]


def _newest(conn: sqlite3.Connection, match: Match, limit: int) -> list[int]:
    sql, params = _matching(match)
    rows = conn.execute(sql + " ORDER BY 1 DESC LIMIT ?", (*params, limit))
    return [int(row[0]) for row in rows]


def _recent(conn: sqlite3.Connection, query: str, match: Match, limit: int) -> list[Row]:
    """Title matches first, then body matches; each tier by date, newest first."""
    title_match = build_match(query, title_only=True)
    titled = _newest(conn, title_match, limit) if title_match else []
    seen = set(titled)
    others = [i for i in _newest(conn, match, limit + len(titled)) if i not in seen]
    tiers = {rowid: 0 for rowid in titled}
    tiers.update({rowid: 1 for rowid in others[: limit - len(titled)]})
    marks = ",".join("?" * len(tiers))
    found = conn.execute(
        f"SELECT id, title, url, date, model FROM articles WHERE id IN ({marks})", list(tiers)
    ).fetchall()
    # Sort twice (stable): newest date first, then the title tier ahead of the body tier.
    found.sort(key=lambda r: (r[3] or "", r[0]), reverse=True)
    found.sort(key=lambda r: tiers[r[0]])
    return [(title, url, date, model) for _, title, url, date, model in found]
