"""The TUI's launch, key presses to paint, memory, and keys during a sync (PERFORMANCE.md §1,
§3, §7, §9).

1. Launch to the first screen with content (the section tree filled from the cache), headless,
   whole process, beside a minimal Textual app (Tree + ListView + Markdown) doing the same; on an
   empty cache and on the big one, and with a list of 20 sources; the four in rounds.
3. Key press to painted article, list step and scroll step (:mod:`benchmarks.tui_session`);
   the render function alone on a typical and a 100,000-character article; the article open's
   p95 as shipped (``gc.freeze()`` after start-up) and with the collector unfrozen, in rounds.
7. Peak RSS after paging through the list and opening articles.
3, online: Enter on a cached article, idle and online, the reader's refresh of it as shipped
   (once the keys are left alone) against at once (as before), sessions in rounds.
9. ↓ and Enter while a sync of the demo site runs at the default delay, against idle.
"""

from __future__ import annotations

import asyncio
import json
import resource
import statistics
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks import data
from benchmarks.data import Context, Row

_LAUNCH = r"""
import sys
from pathlib import Path
mode, cache_dir, site = sys.argv[1], sys.argv[2], sys.argv[3]

if mode in ("ours", "sources"):
    from newsreader.core.config import Config
    from newsreader.core.service import NewsService
    from newsreader.tui.app import create_app
    from newsreader.tui.widgets.section_tree import SectionTree

    config = Config(site_url=site, cache_dir=Path(cache_dir), offline=True)
    registry = None
    if mode == "sources":
        # The list of sources is read as the command reads it (the file, with the app).
        from newsreader.core.sources.registry import load_registry

        registry = load_registry(Path(cache_dir) / "sources.toml")
    app = create_app(config, NewsService.open(config), registry)

    def ready() -> bool:
        trees = app.screen.query(SectionTree)
        return bool(trees) and bool(trees.first().sections)
else:
    from textual.app import App
    from textual.widgets import ListItem, ListView, Label, Markdown, Tree

    class Minimal(App[None]):
        def compose(self):
            yield Tree("sections")
            yield ListView()
            yield Markdown("")

        def on_mount(self) -> None:
            tree = self.query_one(Tree)
            for title in ("新闻资讯", "通知公告", "会员服务"):
                tree.root.add_leaf(title)
            tree.root.expand()
            self.query_one(ListView).append(ListItem(Label("第一条")))

    app = Minimal()

    def ready() -> bool:
        trees = app.query(Tree)
        return bool(trees) and bool(trees.first().root.children)


async def auto(pilot) -> None:
    while not ready():
        await pilot.pause(0.001)
    app.exit()

app.run(headless=True, size=(120, 40), auto_pilot=auto)
"""

SESSION = Path(__file__).resolve().parent / "tui_session.py"


def _session(mode: str, cache: Path, site: str, *options: str) -> dict[str, Any]:
    """Run one :mod:`benchmarks.tui_session` and return its figures (or ``{"error": ...}``)."""
    cmd = [sys.executable, str(SESSION), mode, str(cache), site, *options]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=900, check=False)
    if proc.returncode != 0:
        tail = proc.stderr.strip().splitlines()[-1:] or ["?"]
        return {"error": tail[0][:160]}
    return dict(json.loads(proc.stdout.strip().splitlines()[-1]))


def _launches(
    caches: dict[str, tuple[str, Path]], repeat: int
) -> tuple[dict[str, list[float]], dict[str, list[float]]]:
    """Whole-process launch times of each variant ``name: (mode, cache)``, in rounds.

    Returns:
        The wall times, and the CPU times (user + system) of the same runs: on a shared
        machine a process waiting for a CPU counts in the first only.
    """
    cpu: dict[str, list[float]] = {name: [] for name in caches}

    def runner(name: str, mode: str, cache: Path) -> Callable[[], object]:
        cmd = [sys.executable, "-c", _LAUNCH, mode, str(cache), data.SITE]

        def run() -> None:
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            subprocess.run(cmd, capture_output=True, check=True, timeout=120)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            used = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
            cpu[name].append(used)

        return run

    # The warm-up round fails loudly if a variant cannot start.
    runs = {name: runner(name, *variant) for name, variant in caches.items()}
    wall = data.interleaved(runs, repeat)
    return wall, {name: series[-repeat:] for name, series in cpu.items()}


def twenty_sources(folder: Path, empty: Path) -> Path:
    """A copy of the ``empty`` cache and a list of 20 sources, every one's tree cached.

    The demo site first, then VSB sites and feeds in turn (a second start: all were read once).
    """
    import shutil

    from newsreader.core.cache import Cache
    from newsreader.core.models import Section
    from newsreader.core.sources.registry import Registry, make_entry

    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(empty / "cache.sqlite3", folder / "cache.sqlite3")
    entries = [make_entry("演示站点", data.SITE, "vsb")]
    cache = Cache.open(folder / "cache.sqlite3")
    try:
        for i in range(2, 21):
            if i % 2:
                url = f"http://127.0.0.{i}:8080/"
                tree = (
                    Section("新闻", f"{url}xw.htm", (Section("要闻", f"{url}xw/yw.htm"),)),
                    Section("通知公告", f"{url}tzgg.htm"),
                )
                entries.append(make_entry(f"站点 {i}", url, "vsb"))
            else:
                url = f"http://127.0.0.{i}:8080/feed.xml"
                tree = (Section(f"订阅 {i}", url),)
                entries.append(make_entry(f"订阅 {i}", url, "feed"))
            cache.put_sections(url, tree, 1.0e9)
    finally:
        cache.close()
    Registry(folder / "sources.toml", tuple(entries)).save()
    return folder


def _render_times(repeat: int) -> tuple[float, float, int]:
    import dataclasses

    from newsreader.core.models import Block
    from newsreader.tui.i18n import Translator
    from newsreader.tui.render import render_article, wrap_blocks

    tr = Translator("zh")
    typical = data.parsed_demo_articles()[0]
    paragraphs = [b for a in data.parsed_demo_articles() for b in a.blocks if b.kind == "paragraph"]
    blocks: list[Block] = []
    while sum(len(b.text) for b in blocks) < 100_000:
        blocks.append(paragraphs[len(blocks) % len(paragraphs)])
    big = dataclasses.replace(typical, blocks=tuple(blocks))

    def render(article: object) -> None:
        rendered = render_article(article, tr)  # type: ignore[arg-type]
        wrap_blocks(rendered.blocks, 100)

    small = data.median_time(lambda: render(typical), repeat) * 1000
    large = data.median_time(lambda: render(big), max(repeat // 3, 3)) * 1000
    return small, large, sum(len(b.text) for b in blocks)


def run(ctx: Context) -> list[Row]:
    """Launch, render, open and memory figures."""
    try:
        import newsreader.tui.app  # noqa: F401
    except ImportError as err:
        return [Row("tui", None, "", note=f"pending: the TUI is not importable ({err})")]
    rows: list[Row] = []
    repeat = ctx.repeat(11, 5)
    empty = ctx.cache_dir(0)
    big = ctx.cache_dir(ctx.big)
    times, cpu = _launches(
        {
            "minimal": ("minimal", empty),
            "empty": ("ours", empty),
            "big": ("ours", big),
            "sources": ("sources", twenty_sources(ctx.tmp / "cache-sources", empty)),
        },
        repeat,
    )
    ms = {name: statistics.median(series) * 1000 for name, series in times.items()}
    ours_vs_minimal = data.ratio_median(times["empty"], times["minimal"])
    big_vs_empty = data.ratio_median(times["big"], times["empty"])
    sources_vs_minimal = data.ratio_median(times["sources"], times["minimal"])
    rows.append(
        Row("minimal Textual app (Tree+ListView+Markdown) to first content", ms["minimal"], "ms")
    )
    rows.append(Row("newsreader TUI to section tree, empty cache", ms["empty"], "ms"))
    rows.append(Row(f"newsreader TUI to section tree, {ctx.big:,} cached", ms["big"], "ms"))
    rows.append(Row("newsreader TUI to section tree, 20 sources", ms["sources"], "ms"))
    note = f"median of {repeat} per-round ratios; load average {data.load_average()}"
    cpu_note = f"CPU time (user + system) of the same runs, {note}"
    rows.append(
        Row(
            "launch: ours / minimal app",
            ours_vs_minimal,
            "x",
            "<= 1.3x",
            ours_vs_minimal <= 1.3,
            note,
        )
    )
    rows.append(
        Row(
            "launch, 20 sources: ours / minimal app",
            sources_vs_minimal,
            "x",
            "<= 1.3x",
            sources_vs_minimal <= 1.3,
            note,
        )
    )
    for name, label in (("empty", "launch"), ("sources", "launch, 20 sources")):
        rows.append(
            Row(
                f"{label}: ours / minimal app, CPU time",
                data.ratio_median(cpu[name], cpu["minimal"]),
                "x",
                note=cpu_note,
            )
        )
    rows.append(
        Row(
            f"launch: {ctx.big:,} cached / empty",
            big_vs_empty,
            "x",
            "<= 1.1x",
            big_vs_empty <= 1.1,
            note,
        )
    )

    small, large, chars = _render_times(ctx.repeat(21, 7))
    rows.append(
        Row(
            "render_article + wrap (typical demo article, width 100)",
            small,
            "ms",
            "<= 50 ms",
            small <= 50,
        )
    )
    rows.append(
        Row(
            f"render_article + wrap ({chars:,}-char article)",
            large,
            "ms",
            "<= 250 ms",
            large <= 250,
        )
    )

    opens = ctx.repeat(100, 40)
    pages = ctx.repeat(1000, 300)
    got = _session("open", big, data.SITE, "--pages", str(pages), "--opens", str(opens))
    if "error" in got:
        rows.append(Row("Pilot session", None, "", note=f"failed: {got['error']}"))
        return rows
    rows += _paint_rows(got, pages, opens, ctx.big)
    rows += _gc_rows(ctx, big)
    rows += _sync_rows(ctx)
    return rows


def _paint_rows(got: dict[str, Any], pages: int, opens: int, big: int) -> list[Row]:
    open_, step, scroll = got["open"], got["list_step"], got["scroll"]
    return [
        Row(
            f"key press -> painted article, cached, p95 of {opens}",
            open_["p95"],
            "ms",
            "<= 50 ms",
            open_["p95"] <= 50,
            f"p50 {open_['p50']:.1f} ms, max {open_['max']:.1f} ms",
        ),
        Row(
            f"key press -> painted list step, {pages} rows paged, p95",
            step["p95"],
            "ms",
            "<= 50 ms",
            step["p95"] <= 50,
            f"p50 {step['p50']:.1f} ms, max {step['max']:.1f} ms, {got['list_rows']} rows loaded",
        ),
        Row(
            f"key press -> painted reader scroll step, p95 of {scroll['n']}",
            scroll["p95"],
            "ms",
            "<= 50 ms",
            scroll["p95"] <= 50,
            f"max {scroll['max']:.1f} ms",
        ),
        Row(
            f"peak RSS after {pages} rows + {opens} articles, {big:,} cached",
            got["maxrss_mb"],
            "MB",
            "<= 150 MB",
            got["maxrss_mb"] <= 150,
        ),
    ]


def _gc_rows(ctx: Context, big: Path) -> list[Row]:
    """Article open p95 with the app's ``gc.freeze()`` and without it, sessions in rounds."""
    opens = ctx.repeat(100, 40)
    p95: dict[str, list[float]] = {"default": [], "unfreeze": []}
    for _ in range(ctx.repeat(4, 2)):
        for mode, series in p95.items():
            options = ("--pages", "50", "--opens", str(opens), "--gc", mode)
            got = _session("open", big, data.SITE, *options)
            if "error" in got:
                return [Row("gc.freeze comparison", None, "", note=f"failed: {got['error']}")]
            series.append(got["open"]["p95"])
    ratio = data.ratio_median(p95["default"], p95["unfreeze"])
    pairs = zip(p95["default"], p95["unfreeze"], strict=True)
    spread = ", ".join(f"{a:.0f}/{b:.0f}" for a, b in pairs)
    return [
        Row(
            "article open p95: as shipped (gc.freeze after start-up) / collector not frozen",
            ratio,
            "x",
            note=f"per-round p95 ms {spread}; load average {data.load_average()}",
        )
    ]


def _sync_rows(ctx: Context) -> list[Row]:
    """Key presses while a sync of the demo site runs at the default delay, against idle."""
    from benchmarks.bench_sync import Server, _sync

    server = Server(32)
    try:
        cache = ctx.tmp / "tui-sync"
        # Articles to open: the first list page of every section, synced with no delay.
        asyncio.run(_sync(server.base_url, cache, 0.0, 1))
        online = _online_rows(ctx, cache, server.base_url)
        got = _session(
            "sync",
            cache,
            server.base_url,
            "--pages",
            "4",
            "--opens",
            str(ctx.repeat(60, 30)),
            "--seconds",
            str(ctx.repeat(60, 30)),
        )
    finally:
        server.close()
    if "error" in got:
        return [*online, Row("TUI during a sync", None, "", note=f"failed: {got['error']}")]
    rows = online
    for key, label in (("down", "↓ in the list"), ("open", "Enter: open a cached article")):
        idle, busy = got[f"idle_{key}"], got[f"sync_{key}"]
        rows.append(
            Row(
                f"{label} -> paint, idle (before and after the sync), p95 of {idle['n']}",
                idle["p95"],
                "ms",
                note=f"p50 {idle['p50']:.1f} ms",
            )
        )
        rows.append(
            Row(
                f"{label} -> paint during a {server.count}-article sync at the default delay, "
                f"p95 of {busy['n']}",
                busy["p95"],
                "ms",
                "<= 50 ms",
                busy["p95"] <= 50,
                f"p50 {busy['p50']:.1f} ms; {got['sync_seconds']:.0f} s sampled, "
                f"{got['cached_after']} cached by then; load average {data.load_average()}",
            )
        )
    return rows


def _online_rows(ctx: Context, cache: Path, site: str) -> list[Row]:
    """Enter on a cached article, idle: online with the reader's refresh as shipped (once the
    keys are left alone), online with the refresh at once (``--refresh-idle 0``, as before) and
    offline, in rounds; then as shipped at a pace slower than that wait, so every article is
    refreshed while idle."""
    from newsreader.tui.widgets.reader import REFRESH_WHEN_IDLE

    opens = str(ctx.repeat(40, 30))
    variants = {
        "shipped": (),
        "at once": ("--refresh-idle", "0"),
        "offline": ("--offline",),
    }
    runs: dict[str, list[dict[str, Any]]] = {name: [] for name in variants}
    for _ in range(ctx.repeat(4, 3)):
        for name, options in variants.items():
            got = _session("idle", cache, site, "--opens", opens, *options)
            if "error" in got:
                return [Row("TUI online, idle", None, "", note=f"failed: {got['error']}")]
            runs[name].append(got)
    slow_pace = REFRESH_WHEN_IDLE * 1.5
    slow = _session("idle", cache, site, "--opens", opens, "--pace", f"{slow_pace:.2f}")
    if "error" in slow:
        return [Row("TUI online, idle, slow pace", None, "", note=f"failed: {slow['error']}")]
    p95 = {name: [got["open"]["p95"] for got in series] for name, series in runs.items()}
    fetched = {name: sum(got["fetched"] for got in series) for name, series in runs.items()}
    presses = len(runs["shipped"]) * int(opens)

    def spread(a: str, b: str) -> str:
        pairs = zip(p95[a], p95[b], strict=True)
        return "per-round p95 ms " + ", ".join(f"{x:.0f}/{y:.0f}" for x, y in pairs)

    shipped = statistics.median(p95["shipped"])
    note = f"{fetched['shipped']} refreshes in {presses} opens; load average {data.load_average()}"
    return [
        Row(
            f"Enter: open a cached article -> paint, online, idle, refreshed once the keys are "
            f"left alone {REFRESH_WHEN_IDLE} s (as shipped), median of per-round p95 of {opens}",
            shipped,
            "ms",
            "<= 50 ms",
            shipped <= 50,
            note,
        ),
        Row(
            "Enter online p95: as shipped / refreshed at once (as before)",
            data.ratio_median(p95["shipped"], p95["at once"]),
            "x",
            note=f"{spread('shipped', 'at once')}; {fetched['at once']} refreshes at once",
        ),
        Row(
            "Enter p95: online as shipped / offline",
            data.ratio_median(p95["shipped"], p95["offline"]),
            "x",
            note=spread("shipped", "offline"),
        ),
        Row(
            f"Enter online, as shipped, a key every {slow_pace:.2f} s (each article refreshed "
            f"while idle), p95 of {opens}",
            slow["open"]["p95"],
            "ms",
            note=f"p50 {slow['open']['p50']:.1f} ms; ↓ p95 {slow['down']['p95']:.1f} ms; "
            f"{slow['fetched']} refreshes",
        ),
    ]
