"""Search over a 100,000-article cache, any query from 1 character, <= 50 ms median.

The cache is written over :mod:`benchmarks.corpus` (Zipf-drawn common words, Latin words,
numbers, dates and URLs); the queries cover each class, and three are taken from the cache
itself. Each query is timed in rounds with its bare FTS5 floor (ours, bare, ours, bare ...).

Disk per article is measured in bench_sync on real demo pages; here we report the synthetic cache's
bytes per article for reference. Baseline beside us: the bare FTS5 lookup of the same MATCH with
no ranking and no snippets (the floor of any FTS5-based search).
"""

from __future__ import annotations

import asyncio
import re
import sqlite3
import statistics
from typing import TYPE_CHECKING

from benchmarks import data
from benchmarks.data import Context, Row

if TYPE_CHECKING:
    from newsreader.core.cache.search import Match

TARGET_MS = 50.0
QUERIES = (
    ("1 char, the most frequent", "的"),
    ("1 char, common", "会"),
    ("1 char, absent", "鑫"),
    ("2 chars, in half the articles", "就业"),
    ("3 chars, a common word", "毕业生"),
    ("Latin word", "ChatGPT"),
    ("Latin, 2 letters", "AI"),
    ("number prefix", "2026"),
    ("URL fragment", "edu.cn"),
    ("two words", "就业 服务"),
    ("1 char + word: both index tables", "会 就业"),
    ("Latin + Chinese", "AI 创新"),
    ("no match", "量子纠缠"),
)


def _corpus_queries(conn: sqlite3.Connection) -> list[tuple[str, str]]:
    """Phrases that exist in the cache: a title's 4 characters, a body's 7, and the bigram whose
    match count is nearest RANK_CAP (the most expensive query that is still bm25-ranked)."""
    from newsreader.core.cache.codec import unpack_json
    from newsreader.core.cache.search import RANK_CAP, build_match
    from newsreader.core.models import Article

    title, model = conn.execute(
        "SELECT title, model FROM articles WHERE id = (SELECT max(id) / 3 FROM articles)"
    ).fetchone()
    body = Article.from_dict(unpack_json(model)).body
    text = "".join(ch for ch in body if "\u4e00" <= ch <= "\u9fff")
    best: tuple[int, str] = (1 << 30, text[:2])
    for start in range(0, min(len(text) - 2, 400), 7):
        pair = text[start : start + 2]
        match = build_match(pair)
        assert match is not None and match.bi is not None  # a bigram: one phrase in search_bi
        count = conn.execute(
            "SELECT count(*) FROM (SELECT rowid FROM search_bi WHERE search_bi MATCH ? LIMIT ?)",
            (match.bi, 4 * RANK_CAP),
        ).fetchone()[0]
        best = min(best, (abs(count - RANK_CAP), pair))
    cjk_title = "".join(ch for ch in title if "\u4e00" <= ch <= "\u9fff")
    return [
        ("4 chars from a title", cjk_title[2:6]),
        ("7 chars from a body", next(r for r in re.findall("[\u4e00-\u9fff]{9,}", body))[1:8]),
        (f"~{RANK_CAP} matches: bm25 worst case", best[1]),
    ]


def _bare(conn: sqlite3.Connection, match: Match) -> list[tuple[int]]:
    """The newest 50 rowids matching every part of ``match``: no ranking, no articles."""
    from newsreader.core.cache.search import _matching

    sql, params = _matching(match)
    return conn.execute(sql + " ORDER BY 1 DESC LIMIT 50", params).fetchall()


SCOPED = (
    ("1 char, the most frequent", "的"),
    ("2 chars, in half the articles", "就业"),
    ("3 chars, a common word", "毕业生"),
    ("Latin word", "ChatGPT"),
    ("two words", "就业 服务"),
    ("no match", "量子纠缠"),
)


def _scoped_rows(ctx: Context) -> list[Row]:
    """Search with a source filter over a cache of 20 sources, as ``search --source`` runs it.

    Each query is searched in the biggest site (2 in 5 articles), a small one (1 in 25) and a
    feed (its items on other hosts), in rounds with the same query over every source.
    """
    from newsreader.core.config import Config
    from newsreader.core.service import NewsService
    from newsreader.core.sources import source_for

    folder = ctx.tmp / "cache-sources-search"
    path = folder / "cache.sqlite3"
    if not path.exists():
        folder.mkdir(parents=True, exist_ok=True)
        data.build_sources_cache(path, ctx.big)
    scopes = {
        "biggest site": source_for(data.SITE),
        "small site": source_for(data.SOURCE_SITES[1]),
        "a feed": source_for(data.SOURCE_FEEDS[0], "feed"),
    }
    service = NewsService.open(Config(site_url=data.SITE, cache_dir=folder, offline=True))
    library = service.library
    rows: list[Row] = []
    worst = (0.0, "")
    try:
        for label, query in SCOPED:
            runs = {"every source": lambda q=query: library.search(q)}
            for name, source in scopes.items():
                runs[name] = lambda q=query, s=source: library.search(q, source=s)  # type: ignore[misc]
            times = data.interleaved(runs, ctx.repeat(11, 5))
            for name, source in scopes.items():
                took = statistics.median(times[name]) * 1000
                hits = len(library.search(query, source=source))
                worst = max(worst, (took, f"{query!r} in {name}"))
                every = statistics.median(times["every source"]) * 1000
                rows.append(
                    Row(
                        f"search {query!r} ({label}) in {name}, 20 sources, {ctx.big:,}",
                        took,
                        "ms",
                        f"<= {TARGET_MS:.0f} ms",
                        took <= TARGET_MS,
                        f"{hits} hits; every source {every:.2f} ms",
                    )
                )
        rows.append(
            Row(
                "search with a source filter, worst median",
                worst[0],
                "ms",
                f"<= {TARGET_MS:.0f} ms",
                worst[0] <= TARGET_MS,
                f"{worst[1]}; load average {data.load_average()}",
            )
        )
    finally:
        asyncio.run(service.aclose())
    return rows


def run(ctx: Context) -> list[Row]:
    """Median time of Cache.search for each query class, and the bare FTS5 floor."""
    from newsreader.core.cache import Cache
    from newsreader.core.cache.search import build_match

    folder = ctx.cache_dir(ctx.big)
    path = folder / "cache.sqlite3"
    cache = Cache.open(path)
    bare = sqlite3.connect(path)
    rows: list[Row] = []
    repeat = ctx.repeat(11, 5)
    worst = (0.0, "")
    try:
        for label, query in (*QUERIES, *_corpus_queries(bare)):
            match = build_match(query)
            assert match is not None
            times = data.interleaved(
                {
                    "ours": lambda q=query: cache.search(q),  # type: ignore[misc]
                    "bare": lambda m=match: _bare(bare, m),  # type: ignore[misc]
                },
                repeat,
            )
            took = statistics.median(times["ours"]) * 1000
            floor = statistics.median(times["bare"]) * 1000
            hits = len(cache.search(query))
            worst = max(worst, (took, query))
            rows.append(
                Row(
                    f"search {query!r} ({label}) on {ctx.big:,}",
                    took,
                    "ms",
                    f"<= {TARGET_MS:.0f} ms",
                    took <= TARGET_MS,
                    f"{hits} hits; bare FTS5 {floor:.2f} ms",
                )
            )
        rows.append(
            Row(
                "search, worst query median",
                worst[0],
                "ms",
                f"<= {TARGET_MS:.0f} ms",
                worst[0] <= TARGET_MS,
                f"{worst[1]!r}; load average {data.load_average()}",
            )
        )
        rows.extend(_scoped_rows(ctx))
        stats = cache.stats()
        rows.append(
            Row(
                "synthetic cache bytes/article (no raw pages)",
                stats["bytes"] / max(stats["articles"], 1),
                "B",
            )
        )
    finally:
        bare.close()
        cache.close()
    return rows
