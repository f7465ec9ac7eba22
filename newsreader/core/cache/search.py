"""Full-text search over cached articles: a user query as FTS5 MATCH expressions, ranked hits.

A query is tokenised like the text it looks for (:mod:`.tokens`). A one-character CJK run is a
unigram token; a longer run is the phrase of its bigrams (``经济发展`` -> ``"经济 济发 发展"``),
which matches exactly the texts containing that substring, because consecutive phrase positions
mean adjacent characters. Latin words are prefix queries. Runs are ANDed. Only the first
:data:`MAX_QUERY_CHARS` characters of a query count.

The unigram and bigram tokens live in two index tables (:mod:`.index`); a query with parts in both
matches the rows matching both (:class:`Match`).
"""

from __future__ import annotations

import sqlite3
from typing import NamedTuple

from newsreader.core.cache.index import BI_TABLE, UNI_TABLE, article_of
from newsreader.core.cache.tokens import pairs, runs, token_text
from newsreader.core.results import SearchHit

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


class Scope(NamedTuple):
    """Which articles a search covers: one source's (``None`` in its place: every source's).

    An article is in scope when its key begins with ``prefix`` followed by exactly one more
    colon (a VSB site's ``vsb:{site}:{tree}:{id}``; another port's site, ``vsb:{host}:{port}:…``,
    has two), when the feed at ``feed`` has listed it (``feed_items``, see :mod:`.feeds`), or
    when its key is one of ``keys`` (a feed's items named by a list stored before that table).
    """

    prefix: str | None = None
    keys: tuple[str, ...] = ()
    feed: str | None = None

    def where(self, column: str) -> tuple[str, list[object]]:
        """Return the SQL condition on the key ``column`` and its parameters."""
        import json

        parts: list[str] = []
        params: list[object] = []
        if self.prefix is not None:
            # A range on the key's index, then the rest of the key: "tree:id", one colon.
            parts.append(
                f"({column} >= ? AND {column} < ? AND substr({column}, ?) NOT GLOB '*:*:*')"
            )
            params += [self.prefix, self.prefix + "\U0010ffff", len(self.prefix) + 1]
        if self.feed is not None:
            parts.append(f"{column} IN (SELECT key FROM feed_items WHERE feed = ?)")
            params.append(self.feed)
        if self.keys:
            parts.append(f"{column} IN (SELECT value FROM json_each(?))")
            params.append(json.dumps(self.keys))
        return "(" + (" OR ".join(parts) or "0") + ")", params


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
            bi.append(f"{bi_cols} : " + _quote(pairs(run)))
        else:
            uni.append(f"{uni_cols} : " + _quote(run) + " *")
    if not uni and not bi:
        return None
    return Match(" AND ".join(uni) or None, " AND ".join(bi) or None)


def snippet(body: str, query: str, width: int = SNIPPET_CHARS) -> str:
    """Return about ``width`` characters of ``body`` around the first match of ``query``.

    Plain text on one line, with ``…`` where it was cut. The match position is looked up in the
    normalised body, whose length equals the original's for CJK and ASCII text; when NFKC changed
    lengths we show the normalised text rather than a misaligned window.
    """
    flat = " ".join(body.split())
    norm = token_text(flat)  # same length and token positions as normalize(), much cheaper
    if len(norm) != len(flat):
        flat = norm
    positions = [norm.find(run) for _, run in runs(query)]
    found = [p for p in positions if p >= 0]
    start = max(min(found) - SNIPPET_LEAD, 0) if found else 0
    end = min(start + width, len(flat))
    start = max(min(start, end - width), 0)
    text = flat[start:end]
    return ("…" if start > 0 else "") + text + ("…" if end < len(flat) else "")


def _body(model: bytes) -> str:
    # Snippets need the body only for the few hits shown, so it is rebuilt from the stored model
    # after ranking instead of being stored (and read) a second time.
    return article_of(model).body


def search(
    conn: sqlite3.Connection, query: str, limit: int = 50, scope: Scope | None = None
) -> list[SearchHit]:
    """Return up to ``limit`` cached articles matching ``query``, best first.

    Only the first :data:`MAX_QUERY_CHARS` characters of ``query`` are searched; with a
    ``scope``, only its articles (one source's) are found.

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
        rows = _ranked(conn, match, limit, scope)
    else:
        rows = _recent(conn, query, match, limit, scope)
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


def _ranked(conn: sqlite3.Connection, match: Match, limit: int, scope: Scope | None) -> list[Row]:
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
    where, scoped = scope.where("f.key") if scope is not None else ("1", [])
    if scope is not None:
        joins += " JOIN articles AS f ON f.id = s0.id"
    # Rank inside the FTS tables first, then fetch only the winners' rows from articles.
    return conn.execute(
        f"""WITH {scored},
              hits AS (SELECT s0.id AS id, {total} AS score FROM s0 {joins}
                       WHERE {where} ORDER BY score LIMIT ?)
            SELECT a.title, a.url, a.date, a.model FROM hits
            JOIN articles AS a ON a.id = hits.id
            ORDER BY hits.score, a.date DESC""",
        (*(expr for _, expr in parts), *scoped, limit),
    ).fetchall()


def _matching(match: Match) -> tuple[str, list[object]]:
    """SQL selecting the rowids that match every part of ``match``, and its parameters.

    Parts in both tables are intersected with INTERSECT: ordered by rowid, SQLite merges the two
    rowid-ordered FTS5 scans and stops at a LIMIT (0.1 ms for two common parts over 100,000
    articles, where ``rowid IN (subquery)`` took seconds: it probed one table for every rowid).
    """
    parts = match.parts()
    selects = [f"SELECT rowid AS id FROM {table} WHERE {table} MATCH ?" for table, _ in parts]
    return " INTERSECT ".join(selects), [expr for _, expr in parts]


# A scoped search of the newest matches (see _newest): a scope of at most SMALL_SCOPE articles
# is collected at once; in a bigger one, WALK_PER_HIT matches per hit wanted are looked at one
# by one before it is.
SMALL_SCOPE = 5_000
WALK_PER_HIT = 40


def _newest(
    conn: sqlite3.Connection, match: Match, limit: int, scope: Scope | None, small: bool
) -> list[int]:
    """The newest ``limit`` matches in ``scope``; ``small``: the scope is (:func:`_small`)."""
    sql, params = _matching(match)
    if scope is None:
        rows = conn.execute(sql + " ORDER BY 1 DESC LIMIT ?", (*params, limit))
        return [int(row[0]) for row in rows]
    if not small:
        walked = _walk(conn, sql, params, limit, scope)
        if walked is not None:
            return walked
    # The matches stream newest first, kept when their id is among the scope's, collected once
    # (a scan of the scope's key range); the ``+`` keeps SQLite from asking FTS5 for each id.
    # ``id IN (matches) AND scope`` collected every match first (30-45 ms for a common
    # character at 100,000 articles, 6 ms unscoped); the one-by-one walk of every match of a
    # word absent from the scope took 290 ms.
    where, scoped = scope.where("key")
    rows = conn.execute(
        f"""SELECT id FROM ({sql} ORDER BY 1 DESC) AS m
            WHERE +m.id IN (SELECT id FROM articles WHERE {where}) LIMIT ?""",
        (*params, *scoped, limit),
    )
    return [int(row[0]) for row in rows]


def _small(conn: sqlite3.Connection, scope: Scope) -> bool:
    """True when ``scope`` holds at most :data:`SMALL_SCOPE` articles (counted to one more)."""
    count = len(scope.keys)
    if scope.feed is not None:
        count += conn.execute(
            "SELECT count(*) FROM (SELECT 1 FROM feed_items WHERE feed = ? LIMIT ?)",
            (scope.feed, SMALL_SCOPE + 1),
        ).fetchone()[0]
    if scope.prefix is not None:
        where, scoped = Scope(prefix=scope.prefix).where("key")
        count += conn.execute(
            f"SELECT count(*) FROM (SELECT 1 FROM articles WHERE {where} LIMIT ?)",
            (*scoped, SMALL_SCOPE + 1),
        ).fetchone()[0]
    return bool(count <= SMALL_SCOPE)


def _walk(
    conn: sqlite3.Connection, sql: str, params: list[object], limit: int, scope: Scope
) -> list[int] | None:
    """The newest ``limit`` matches in a big ``scope``, looked up one by one, newest first.

    Collecting a big scope's ids costs more than looking up the few matches a fair share needs
    (0.2 ms for 50 hits in a source of 40,000 articles, against 24 ms). ``None`` when the
    matches looked at held too few in scope: the caller then collects the scope instead.
    """
    where, scoped = scope.where("a.key")
    budget = WALK_PER_HIT * limit
    rows = conn.execute(
        f"""SELECT id, EXISTS (SELECT 1 FROM articles AS a WHERE a.id = m.id AND {where})
            FROM ({sql} ORDER BY 1 DESC LIMIT ?) AS m""",
        (*scoped, *params, budget),
    )
    found: list[int] = []
    looked = 0
    for rowid, in_scope in rows:
        looked += 1
        if in_scope:
            found.append(int(rowid))
            if len(found) == limit:
                return found
    return found if looked < budget else None


def _recent(
    conn: sqlite3.Connection, query: str, match: Match, limit: int, scope: Scope | None
) -> list[Row]:
    """Title matches first, then body matches; each tier by date, newest first."""
    title_match = build_match(query, title_only=True)
    small = scope is not None and _small(conn, scope)  # counted once for both tiers
    titled = _newest(conn, title_match, limit, scope, small) if title_match else []
    seen = set(titled)
    others = [i for i in _newest(conn, match, limit + len(titled), scope, small) if i not in seen]
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
