"""Target 4: parse + clean + build the article model, pages per second on one core.

Pages: every article page of the demo site, plus the real VSB samples in ``../shared/vsb-samples``
when present. Baselines beside us: lexbor alone (parse and take the body text: the floor of any
selectolax parser) and BeautifulSoup (``html.parser``, same extraction) when it is installed.
"""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Callable

from benchmarks import data
from benchmarks.data import Context, Row

TARGET = 2_000.0


def _pass(pages: list[tuple[str, str]], fn: Callable[[str, str], object]) -> float:
    """Pages per second of one pass over ``pages``."""
    start = time.perf_counter()
    for url, html in pages:
        fn(html, url)
    return len(pages) / (time.perf_counter() - start)


def _rates(
    pages: list[tuple[str, str]], fns: list[Callable[[str, str], object]], rounds: int
) -> list[float]:
    """Median pages/s of each function, passes interleaved so that noise hits all alike."""
    for fn in fns:  # warm-up: imports, regex compilation, allocator
        _pass(pages, fn)
    runs: list[list[float]] = [[] for _ in fns]
    for _ in range(rounds):
        for index, fn in enumerate(fns):
            runs[index].append(_pass(pages, fn))
    return [statistics.median(r) for r in runs]


def _lexbor_only(html: str, url: str) -> object:
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(html)
    node = tree.css_first(".v_news_content") or tree.body
    return node.text(separator="\n") if node is not None else ""


def _soup(html: str, url: str) -> object:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    node = soup.select_one(".v_news_content") or soup.body
    return node.get_text("\n") if node is not None else ""


def run(ctx: Context) -> list[Row]:
    """Measure ours and the baselines on the same pages, on one CPU."""
    # The target is per core: pinned to one CPU, the passes are one core's work, and the
    # scheduler cannot move the process between CPUs in the middle of a pass.
    pinned = hasattr(os, "sched_setaffinity")
    if pinned:
        allowed = os.sched_getaffinity(0)
        os.sched_setaffinity(0, {min(allowed)})
    try:
        return _measure(ctx)
    finally:
        if pinned:
            os.sched_setaffinity(0, allowed)


def _measure(ctx: Context) -> list[Row]:
    from newsreader.core.parse import parse_article

    demo = data.demo_article_pages()
    samples = data.sample_article_pages()
    pages = demo + samples
    rounds = ctx.repeat(9, 3)
    ours, floor = _rates(pages, [parse_article, _lexbor_only], rounds)
    rows = [
        Row(
            f"parse_article, {len(demo)} demo + {len(samples)} real pages",
            ours,
            "pages/s",
            f">= {TARGET:,.0f}",
            ours >= TARGET,
            f"avg {sum(len(h) for _, h in pages) // len(pages):,} chars/page",
        )
    ]
    if samples:
        (real,) = _rates(samples * 20, [parse_article], rounds)
        rows.append(Row("parse_article, real VSB samples only", real, "pages/s"))
    rows.append(Row("baseline: lexbor parse + body text only", floor, "pages/s"))
    rows.append(Row("ours / lexbor-only", ours / floor, "x"))
    try:
        import bs4  # noqa: F401
    except ImportError:
        rows.append(Row("baseline: BeautifulSoup", None, "pages/s", note="bs4 not installed"))
    else:
        (soup,) = _rates(pages, [_soup], max(rounds // 3, 1))
        rows.append(Row("baseline: BeautifulSoup html.parser + body text", soup, "pages/s"))
        rows.append(Row("ours / BeautifulSoup", ours / soup, "x"))
    return rows
