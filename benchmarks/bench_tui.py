"""Targets 1, 3 and 7: the TUI's launch, opening an article, and memory, in subprocesses.

1. Launch to the first screen with content (the section tree filled from the cache), headless,
   whole process, beside a minimal Textual app (Tree + ListView + Markdown) doing the same; on an
   empty cache and on a 100,000-article one.
3. Keypress to rendered article, driven with Pilot; the render function alone on a typical and a
   100,000-character article; the slowest scroll step.
7. Peak RSS after paging through 1,000 list items and opening 100 articles.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

from benchmarks import data
from benchmarks.data import Context, Row

_LAUNCH = r"""
import sys
from pathlib import Path
mode, cache_dir, site = sys.argv[1], sys.argv[2], sys.argv[3]

if mode == "ours":
    from newsreader.core.config import Config
    from newsreader.core.service import NewsService
    from newsreader.tui.app import create_app
    from newsreader.tui.widgets.section_tree import SectionTree

    config = Config(site_url=site, cache_dir=Path(cache_dir), offline=True)
    app = create_app(config, NewsService.open(config))

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

_SESSION = r"""
import asyncio, json, resource, statistics, sys, time
from pathlib import Path
from newsreader.core.config import Config
from newsreader.core.service import NewsService
from newsreader.tui.app import create_app
from newsreader.tui.screens.main import MainScreen

cache_dir, site, pages, opens = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
config = Config(site_url=site, cache_dir=Path(cache_dir), offline=True)
app = create_app(config, NewsService.open(config))
out = {}


async def settle(pilot, until, limit=10.0):
    end = time.perf_counter() + limit
    while not until() and time.perf_counter() < end:
        await pilot.pause(0.0005)


async def key(name, until, limit=10.0):
    # Post the key as the terminal driver would and poll the event loop until its effect shows:
    # Pilot.press also waits for the app to be idle (70+ ms even in a bare ListView app).
    start = time.perf_counter()
    app.simulate_key(name)
    end = start + limit
    while not until() and time.perf_counter() < end:
        await asyncio.sleep(0)
    return time.perf_counter() - start


async def main() -> None:
    async with app.run_test(size=(160, 50)) as pilot:
        screen = app.screen
        assert isinstance(screen, MainScreen)
        await settle(pilot, lambda: bool(screen.sidebar.sections))
        titles = [s.title for s in screen.sidebar.sections]
        for _ in range(titles.index("新闻资讯")):
            await pilot.press("down")
        await pilot.press("right", "down", "enter")
        await settle(pilot, lambda: len(screen.articles.rows) > 0)
        screen.articles.focus()
        await pilot.pause()
        steps = []
        for _ in range(pages):  # page through the list, one row at a time
            before = screen.articles.cursor
            steps.append(await key("down", lambda: screen.articles.cursor != before))
        out["list_rows"] = len(screen.articles.rows)
        out["list_step_max_ms"] = max(steps) * 1000
        out["list_step_median_ms"] = statistics.median(steps) * 1000
        await pilot.press("home")
        opened = []
        for _ in range(opens):
            screen.articles.focus()
            await pilot.pause()
            url = screen.articles.rows[screen.articles.cursor].item.url
            opened.append(
                await key("enter", lambda: screen.reader.url == url and screen.reader.is_article)
            )
            screen.articles.focus()
            before = screen.articles.cursor
            await key("down", lambda: screen.articles.cursor != before)
        out["open_median_ms"] = statistics.median(opened) * 1000
        out["open_max_ms"] = max(opened) * 1000
        screen.reader.focus()
        # Let the focus change settle (the footer repaints its keys), so that the steps below
        # time scrolling and nothing else.
        await pilot.pause(0.2)
        scroll = []
        for _ in range(30):
            before = screen.reader.scroll_y
            scroll.append(await key("down", lambda: screen.reader.scroll_y != before, 1.0))
        out["scroll_max_ms"] = max(scroll) * 1000
        await pilot.pause(0.05)
    out["maxrss_mb"] = peak_rss_mb()

def peak_rss_mb() -> float:
    # VmHWM is this process's own peak. ru_maxrss is not: Linux carries the parent's peak over
    # exec, so a child of a benchmark that just built a 100k cache would report that instead.
    try:
        with open("/proc/self/status") as status:
            lines = [line for line in status if line.startswith("VmHWM:")]
    except OSError:
        lines = []
    if lines:
        return int(lines[0].split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

asyncio.run(main())
print(json.dumps(out))
"""


def _launch(mode: str, cache: Path, repeat: int) -> float:
    cmd = [sys.executable, "-c", _LAUNCH, mode, str(cache), data.SITE]
    subprocess.run(cmd, capture_output=True, check=True, timeout=120)  # warm-up, and fail loudly
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(cmd, capture_output=True, check=True, timeout=120)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


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
    minimal = _launch("minimal", empty, repeat)
    at_zero = _launch("ours", empty, repeat)
    at_big = _launch("ours", big, repeat)
    rows.append(
        Row("minimal Textual app (Tree+ListView+Markdown) to first content", minimal * 1000, "ms")
    )
    rows.append(Row("newsreader TUI to section tree, empty cache", at_zero * 1000, "ms"))
    rows.append(Row(f"newsreader TUI to section tree, {ctx.big:,} cached", at_big * 1000, "ms"))
    rows.append(
        Row(
            "launch: ours / minimal app",
            at_zero / minimal,
            "x",
            "<= 1.3x",
            at_zero / minimal <= 1.3,
        )
    )
    rows.append(
        Row(
            f"launch: {ctx.big:,} cached / empty",
            at_big / at_zero,
            "x",
            "<= 1.1x",
            at_big / at_zero <= 1.1,
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

    opens = ctx.repeat(100, 30)
    pages = ctx.repeat(1000, 300)
    proc = subprocess.run(
        [sys.executable, "-c", _SESSION, str(big), data.SITE, str(pages), str(opens)],
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    if proc.returncode != 0:
        tail = proc.stderr.strip().splitlines()[-1:] or ["?"]
        rows.append(Row("Pilot session", None, "", note=f"failed: {tail[0][:120]}"))
        return rows
    got = json.loads(proc.stdout.strip().splitlines()[-1])
    rows.append(
        Row(
            f"Pilot: keypress -> article shown (median of {opens})",
            got["open_median_ms"],
            "ms",
            "<= 50 ms",
            got["open_median_ms"] <= 50,
            f"max {got['open_max_ms']:.1f} ms",
        )
    )
    rows.append(
        Row(
            f"Pilot: list step, {pages} rows paged (max)",
            got["list_step_max_ms"],
            "ms",
            "<= 50 ms",
            got["list_step_max_ms"] <= 50,
            f"median {got['list_step_median_ms']:.1f} ms, {got['list_rows']} rows loaded",
        )
    )
    rows.append(
        Row(
            "Pilot: reader scroll step (max of 30)",
            got["scroll_max_ms"],
            "ms",
            "<= 50 ms",
            got["scroll_max_ms"] <= 50,
        )
    )
    rows.append(
        Row(
            f"peak RSS after {pages} rows + {opens} articles, {ctx.big:,} cached",
            got["maxrss_mb"],
            "MB",
            "<= 150 MB",
            got["maxrss_mb"] <= 150,
        )
    )
    return rows
