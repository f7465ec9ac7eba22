"""Headless commands never import Textual, and start fast (<= 6x newsboat at equal sizes).

Whole-process wall times (medians) of ``newsreader --offline read URL --json`` on caches of
1,000 and 100,000 articles, beside ``python -c pass``, ``python -c "import textual.app"`` and
newsboat's ``-x print-unread`` on caches of the same articles (``apt-get install newsboat``; its
rows are skipped when it is absent). Every command runs once per round, in rounds; ratios are
the median of the per-round ratios.
"""

from __future__ import annotations

import shutil
import sqlite3
import statistics
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from xml.sax.saxutils import escape

from benchmarks import data
from benchmarks.data import Context, Row

TARGET_RATIO = 6.0
SMALL = 1_000
"""The small cache size both readers are compared at (and at the big one)."""
HEAVY = ("textual", "httpx", "selectolax", "rich", "platformdirs", "asyncio")


def walls(cmds: dict[str, list[str]], repeat: int) -> dict[str, list[float]]:
    """Whole-process wall times of each command, in rounds (A B C, A B C ...), in seconds."""

    def runner(cmd: list[str]) -> Callable[[], object]:
        return lambda: subprocess.run(cmd, capture_output=True, check=False)

    # The warm-up round also warms the page cache.
    return data.interleaved({name: runner(cmd) for name, cmd in cmds.items()}, repeat)


def _newsboat_cache(folder: Path, count: int) -> list[str] | None:
    """Build a newsboat cache of ``count`` items from a local RSS file; the command to time."""
    exe = shutil.which("newsboat")
    if exe is None:
        return None
    folder.mkdir()
    # The same articles as our cache of that size: titles, links and the text as description.
    items = "".join(
        f"<item><title>{escape(article.title)}</title><link>{escape(article.url)}</link>"
        f"<guid>{escape(article.url)}</guid><pubDate>{article.date}</pubDate>"
        f"<description>{escape(article.body)}</description></item>"
        for article, _, _ in data.synthetic_articles(count)
    )
    feed = folder / "feed.xml"
    feed.write_text(
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>demo</title>'
        f"<link>http://127.0.0.1/</link><description>demo</description>{items}</channel></rss>",
        encoding="utf-8",
    )
    (folder / "urls").write_text(f"file://{feed}\n")
    (folder / "config").write_text("")
    base = [
        exe,
        "-u",
        str(folder / "urls"),
        "-c",
        str(folder / "cache.db"),
        "-C",
        str(folder / "config"),
    ]
    subprocess.run([*base, "-x", "reload"], capture_output=True, check=True, timeout=600)
    return [*base, "-x", "print-unread"]


def _heavy_modules(cache: Path, url: str) -> list[str]:
    code = (
        "import sys\nfrom newsreader.cli.main import main\n"
        f"rc = main(['--offline', '--cache-dir', {str(cache)!r}, '--site', {data.SITE!r}, "
        f"'read', {url!r}, '--json'])\n"
        f"print(sorted({{m.split('.')[0] for m in sys.modules}} & set({HEAVY!r})), rc)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return out.stdout.strip().splitlines()[-1:]


def _read_command(cache: Path) -> list[str]:
    conn = sqlite3.connect(cache / "cache.sqlite3")
    url = conn.execute(
        "SELECT url FROM articles WHERE id = (SELECT max(id) / 2 FROM articles)"
    ).fetchone()[0]
    conn.close()
    cli = [sys.executable, "-m", "newsreader", "--offline", "--cache-dir", str(cache)]
    return [*cli, "--site", data.SITE, "read", url, "--json"]


def run(ctx: Context) -> list[Row]:
    """Time the processes in rounds; compare with newsboat at equal cache sizes."""
    sizes = sorted({SMALL, ctx.big})
    py = sys.executable
    cmds = {"bare": [py, "-c", "pass"], "textual": [py, "-c", "import textual.app"]}
    for size in sizes:
        cmds[f"ours-{size}"] = _read_command(ctx.cache_dir(size))
        newsboat = _newsboat_cache(ctx.tmp / f"newsboat-{size}", size)
        if newsboat is not None:
            cmds[f"newsboat-{size}"] = newsboat
    times = walls(cmds, ctx.repeat(21, 7))
    ms = {name: statistics.median(series) * 1000 for name, series in times.items()}
    rows = [
        Row("python -c pass", ms["bare"], "ms"),
        Row('python -c "import textual.app"', ms["textual"], "ms"),
    ]
    for size in sizes:
        ours = f"ours-{size}"
        rows.append(
            Row(
                f"newsreader --offline read URL --json, {size:,} cached",
                ms[ours],
                "ms",
                note=f"{data.ratio_median(times[ours], times['bare']):.1f}x python -c pass",
            )
        )
    heavy = _heavy_modules(ctx.cache_dir(ctx.big), _read_command(ctx.cache_dir(ctx.big))[-2])
    loaded = heavy[0] if heavy else "?"
    forbidden = [name for name in ("textual", "httpx", "selectolax", "rich") if name in loaded]
    rows.append(
        Row(
            "read imports none of textual/httpx/selectolax/rich",
            None,
            "",
            "none",
            not forbidden and bool(heavy),
            f"of {'/'.join(HEAVY)} loaded: {loaded}",
        )
    )
    for size in sizes:
        theirs = f"newsboat-{size}"
        if theirs not in times:
            rows.append(Row("newsboat -x print-unread", None, "ms", note="newsboat not installed"))
            break
        rows.append(Row(f"newsboat -x print-unread, {size:,} items", ms[theirs], "ms"))
        ratio = data.ratio_median(times[f"ours-{size}"], times[theirs])
        rows.append(
            Row(
                f"ours / newsboat, {size:,} each (median of per-round ratios)",
                ratio,
                "x",
                f"<= {TARGET_RATIO:.0f}x",
                ratio <= TARGET_RATIO,
                f"load average {data.load_average()}",
            )
        )
    return rows
