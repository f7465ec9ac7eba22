"""Target 6: search over a 100,000-article cache, any query from 1 character, <= 50 ms median.

Targets 8 (disk) is measured in bench_sync on real demo pages; here we report the synthetic cache's
bytes per article for reference. Baseline beside us: the bare FTS5 lookup of the same MATCH with
no ranking and no snippets (the floor of any FTS5-based search).
"""

from __future__ import annotations

import sqlite3

from benchmarks import data
from benchmarks.data import Context, Row

TARGET_MS = 50.0
QUERIES = (
    ("1 char, common", "的"),
    ("1 char, common", "会"),
    ("1 char, rare", "鑫"),
    ("2 chars, common", "就业"),
    ("2 chars, mid", "双选"),
    ("3 chars, phrase", "协会将"),
    ("4 chars, phrase", "高校毕业"),
    ("7 chars, phrase", "促进高校毕业生"),
    ("latin prefix", "2026"),
    ("two words", "就业 服务"),
    ("no match", "量子纠缠"),
)


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
    worst = 0.0
    try:
        for label, query in QUERIES:
            took = data.median_time(lambda q=query: cache.search(q), repeat) * 1000  # type: ignore[misc]
            hits = len(cache.search(query))
            match = build_match(query)
            floor = data.median_time(
                lambda m=match: bare.execute(  # type: ignore[misc]
                    "SELECT rowid FROM search WHERE search MATCH ? LIMIT 50", (m,)
                ).fetchall(),
                repeat,
            ) * 1000
            worst = max(worst, took)
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
        rows.append(Row("search, worst query median", worst, "ms", f"<= {TARGET_MS:.0f} ms",
                        worst <= TARGET_MS))
        stats = cache.stats()
        rows.append(Row("synthetic cache bytes/article (no raw pages)",
                        stats["bytes"] / max(stats["articles"], 1), "B"))
    finally:
        bare.close()
        cache.close()
    return rows
