"""Target 2: headless commands never import Textual, and start fast.

Whole-process wall time (median of N) of ``newsreader --offline read URL --json`` on a cache of
100,000 articles, beside ``python -c pass``, ``python -c "import textual.app"`` and newsboat's
``-x print-unread`` on a cache of as many items (when newsboat is installed).
"""

from __future__ import annotations

import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path

from benchmarks import data
from benchmarks.data import Context, Row

TARGET_RATIO = 6.0
HEAVY = ("textual", "httpx", "selectolax", "rich", "platformdirs", "asyncio")


def wall(cmd: list[str], repeat: int) -> float:
    """Median wall time of a whole process, in seconds."""
    times = []
    subprocess.run(cmd, capture_output=True, check=False)  # warm the page cache
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(cmd, capture_output=True, check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _newsboat_cache(folder: Path, count: int) -> list[str] | None:
    """Build a newsboat cache of ``count`` items from a local RSS file; the command to time."""
    exe = shutil.which("newsboat")
    if exe is None:
        return None
    folder.mkdir()
    items = "".join(
        f"<item><title>第{i}条 高校毕业生就业服务</title><link>http://127.0.0.1/info/1/{i}.htm</link>"
        f"<guid>http://127.0.0.1/info/1/{i}.htm</guid><description>协会将深入推进就业服务工作{i}。"
        "</description></item>"
        for i in range(count)
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


def run(ctx: Context) -> list[Row]:
    """Time the processes side by side."""
    cache = ctx.cache_dir(ctx.big)
    conn = sqlite3.connect(cache / "cache.sqlite3")
    url = conn.execute(
        "SELECT url FROM articles WHERE id = (SELECT max(id) / 2 FROM articles)"
    ).fetchone()[0]
    conn.close()
    repeat = ctx.repeat(21, 7)
    py = sys.executable
    read = [
        py,
        "-m",
        "newsreader",
        "--offline",
        "--cache-dir",
        str(cache),
        "--site",
        data.SITE,
        "read",
        url,
        "--json",
    ]
    ours = wall(read, repeat)
    bare = wall([py, "-c", "pass"], repeat)
    textual = wall([py, "-c", "import textual.app"], repeat)
    rows = [
        Row("python -c pass", bare * 1000, "ms"),
        Row('python -c "import textual.app"', textual * 1000, "ms"),
        Row(
            f"newsreader --offline read URL --json, {ctx.big:,} cached",
            ours * 1000,
            "ms",
            note=f"{ours / bare:.1f}x python -c pass",
        ),
    ]
    heavy = _heavy_modules(cache, url)
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
    newsboat = _newsboat_cache(ctx.tmp / "newsboat", ctx.big)
    if newsboat is None:
        rows.append(Row("newsboat -x print-unread", None, "ms", note="newsboat not installed"))
    else:
        theirs = wall(newsboat, repeat)
        rows.append(Row(f"newsboat -x print-unread, {ctx.big:,} items", theirs * 1000, "ms"))
        ratio = ours / theirs
        rows.append(
            Row("ours / newsboat", ratio, "x", f"<= {TARGET_RATIO:.0f}x", ratio <= TARGET_RATIO)
        )
    return rows
