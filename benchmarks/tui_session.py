"""A headless TUI session that times key presses to the painted frame (run by bench_tui).

``python benchmarks/tui_session.py MODE CACHE_DIR SITE [options]`` prints one JSON object.

* ``open``: page through the 新闻 list one row at a time, then open articles (Enter, ↓, Enter
  ...), offline, and time each key from the moment it is posted (as the terminal driver posts
  it) to the first frame that shows its effect; then scroll the reader; peak RSS at the end.
* ``sync``: online against the demo site: ↓ in the list and Enter on a cached article, paced,
  first idle, then while a sync of the whole site runs on the app's event loop (the app's own
  service, as the sync panel runs it), then idle again.
* ``idle``: the idle part of ``sync`` only (↓ and Enter on cached articles, paced), online
  (``--offline``: offline), counting the articles the reader fetched to refresh them.

``--refresh-idle SECONDS`` sets how long the keys must be left alone before the reader refreshes
a cached article (``0``: at once, as before issue 12's change; default: as shipped).

``--gc freeze|unfreeze|default`` calls ``gc.freeze()`` / ``gc.unfreeze()`` once the first
screen is painted (``default`` leaves whatever the app does).

A frame is Textual's compositor update handed to the display (``App._display``). Headless, Textual
skips turning it into escape sequences; the hook does that work too, as a terminal's driver
would, and stamps the time. The widgets are found by their class names (``ArticleList``,
``Reader``, ``SectionTree``) and read through a few attributes, all in :class:`Probe`.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


class Probe:
    """What the session needs to know of the app's widgets, in one place."""

    def __init__(self, app: Any) -> None:
        self.app = app

    def _one(self, name: str) -> Any:
        return self.app.screen.query(name).first()

    def sections(self) -> list[str]:
        return [s.title for s in self._one("SectionTree").sections]

    @property
    def articles(self) -> Any:
        return self._one("ArticleList")

    @property
    def reader(self) -> Any:
        return self._one("Reader")

    def rows(self) -> int:
        return len(self.articles.rows)

    def cursor(self) -> int:
        return int(self.articles.cursor)

    def url_at_cursor(self) -> str:
        return str(self.articles.rows[self.cursor()].item.url)

    def shows(self, url: str) -> bool:
        return bool(self.reader.url == url and self.reader.is_article)

    def set_refresh_idle(self, seconds: float | None) -> None:
        if seconds is not None:
            self.reader.refresh_idle = seconds


class Frames:
    """Stamps the first frame painted after a condition becomes true."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.until: Callable[[], bool] | None = None
        self.event = asyncio.Event()
        self.painted = 0.0
        display = app._display

        def hooked(screen: Any, renderable: Any) -> None:
            if renderable is not None and hasattr(renderable, "render_segments"):
                renderable.render_segments(app.console)
            display(screen, renderable)
            if self.until is not None and self.until():
                self.painted = time.perf_counter()
                self.until = None
                self.event.set()

        app._display = hooked

    async def key(self, name: str, until: Callable[[], bool], limit: float = 10.0) -> float:
        """Post ``name`` and return the seconds until a frame shows ``until()`` (or ``limit``)."""
        self.event.clear()
        self.until = until
        start = time.perf_counter()
        self.app.simulate_key(name)
        try:
            await asyncio.wait_for(self.event.wait(), limit)
        except TimeoutError:
            self.until = None
            return limit
        return self.painted - start


def ms(times: list[float]) -> list[float]:
    """Each time in milliseconds, rounded (the raw series, to see where the slow ones fall)."""
    return [round(t * 1000, 1) for t in times]


def pcts(times: list[float]) -> dict[str, float]:
    """p50 / p95 / max in milliseconds."""
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {
        "n": len(ordered),
        "p50": statistics.median(ordered) * 1000,
        "p95": p95 * 1000,
        "max": ordered[-1] * 1000,
    }


async def settle(pilot: Any, until: Callable[[], bool], limit: float = 10.0) -> None:
    end = time.perf_counter() + limit
    while not until() and time.perf_counter() < end:
        await pilot.pause(0.005)


async def to_news_list(pilot: Any, probe: Probe) -> None:
    """Open 新闻资讯 → 新闻 with the keys a user presses."""
    await settle(pilot, lambda: bool(probe.sections()))
    for _ in range(probe.sections().index("新闻资讯")):
        await pilot.press("down")
    await pilot.press("right", "down", "enter")
    await settle(pilot, lambda: probe.rows() > 0)
    probe.articles.focus()
    await pilot.pause()


class GcPauses:
    """The collector's pauses (``gc.callbacks``): how many, their total and the longest, by
    generation."""

    def __init__(self) -> None:
        self.started = 0.0
        self.pauses: dict[int, list[float]] = {0: [], 1: [], 2: []}
        gc.callbacks.append(self._callback)

    def _callback(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self.started = time.perf_counter()
        else:
            self.pauses[info["generation"]].append(time.perf_counter() - self.started)

    def clear(self) -> None:
        for pauses in self.pauses.values():
            pauses.clear()

    def summary(self) -> dict[str, Any]:
        return {
            f"gen{gen}": [len(p), round(sum(p) * 1000, 1), round(max(p, default=0) * 1000, 1)]
            for gen, p in self.pauses.items()
        }


PAUSES = GcPauses()


def apply_gc(mode: str) -> None:
    if mode == "freeze":
        gc.freeze()
    elif mode == "unfreeze":
        gc.unfreeze()
    PAUSES.clear()


async def open_session(app: Any, args: argparse.Namespace) -> dict[str, Any]:
    out: dict[str, Any] = {}
    async with app.run_test(size=(160, 50)) as pilot:
        probe, frames = Probe(app), Frames(app)
        await to_news_list(pilot, probe)
        apply_gc(args.gc)
        steps = []
        for _ in range(args.pages):
            before = probe.cursor()
            steps.append(await frames.key("down", lambda b=before: probe.cursor() != b))
        out["list_rows"] = probe.rows()
        out["list_step"] = pcts(steps)
        await pilot.press("home")
        opened = []
        for _ in range(args.opens):
            probe.articles.focus()
            await pilot.pause()
            url = probe.url_at_cursor()
            opened.append(await frames.key("enter", lambda u=url: probe.shows(u)))
            probe.articles.focus()
            before = probe.cursor()
            await frames.key("down", lambda b=before: probe.cursor() != b)
        out["open"] = pcts(opened)
        out["gc_pauses_count_total_max_ms"] = PAUSES.summary()
        out["gc_frozen"] = gc.get_freeze_count()
        # Scroll the first article long enough to scroll 30 lines.
        for _ in range(50):
            if probe.reader.max_scroll_y >= 30:
                break
            probe.articles.focus()
            await pilot.press("down")
            url = probe.url_at_cursor()
            await frames.key("enter", lambda u=url: probe.shows(u))
        probe.reader.focus()
        # Let the focus change settle (the footer repaints its keys): time scrolling only.
        await pilot.pause(0.2)
        scroll = []
        for _ in range(min(30, int(probe.reader.max_scroll_y))):
            before_y = probe.reader.scroll_y
            scroll.append(
                await frames.key("down", lambda b=before_y: probe.reader.scroll_y != b, 1)
            )
        out["scroll"] = pcts(scroll or [0.0])
        await pilot.pause(0.05)
    out["maxrss_mb"] = peak_rss_mb()
    return out


async def presses(
    pilot: Any, probe: Probe, frames: Frames, count: int, pace: float
) -> tuple[list[float], list[float]]:
    """↓ in the list, then Enter on the article under the cursor, ``count`` times each, paced.

    Returns:
        The ↓ times and the Enter times, in seconds.
    """
    downs, opens = [], []
    # The cursor wraps before the last row: there the next list page would load, and its
    # articles are not cached (opening them timed a fetch and a parse, not a cached open).
    last = probe.rows() - 1
    for _ in range(count):
        probe.articles.focus()
        await pilot.pause(pace)
        before = probe.cursor()
        if before + 1 >= last:
            await pilot.press("home")
            before = probe.cursor()
        downs.append(await frames.key("down", lambda b=before: probe.cursor() != b))
        await pilot.pause(pace)
        url = probe.url_at_cursor()
        opens.append(await frames.key("enter", lambda u=url: probe.shows(u)))
    return downs, opens


def count_article_fetches(service: Any) -> list[str]:
    """Record every article the service is asked for (the reader's fetches and refreshes)."""
    asked: list[str] = []
    article = service.article

    async def counted(url: str) -> Any:
        asked.append(url)
        return await article(url)

    service.article = counted
    return asked


async def idle_session(app: Any, service: Any, args: argparse.Namespace) -> dict[str, Any]:
    asked = count_article_fetches(service)
    async with app.run_test(size=(160, 50)) as pilot:
        probe, frames = Probe(app), Frames(app)
        await to_news_list(pilot, probe)
        probe.set_refresh_idle(args.refresh_idle)
        apply_gc(args.gc)
        asked.clear()
        downs, opens = await presses(pilot, probe, frames, args.opens, args.pace)
        fetched = len(asked)
    return {
        "down": pcts(downs),
        "open": pcts(opens),
        "fetched": fetched,
        "open_ms": ms(opens),
    }


async def sync_session(app: Any, service: Any, args: argparse.Namespace) -> dict[str, Any]:
    from newsreader.core.sync import sync

    out: dict[str, Any] = {}
    async with app.run_test(size=(160, 50)) as pilot:
        probe, frames = Probe(app), Frames(app)
        await to_news_list(pilot, probe)
        probe.set_refresh_idle(args.refresh_idle)
        apply_gc(args.gc)
        idle_down, idle_open = await presses(pilot, probe, frames, args.opens // 2, args.pace)
        task = asyncio.create_task(sync(service, pages=args.pages))
        start = time.perf_counter()
        busy_down: list[float] = []
        busy_open: list[float] = []
        while time.perf_counter() - start < args.seconds and not task.done():
            down, opened = await presses(pilot, probe, frames, 1, args.pace)
            busy_down += down
            busy_open += opened
        took = time.perf_counter() - start
        done = task.done()
        task.cancel()
        try:
            await task
        except (asyncio.CancelledError, Exception) as err:  # noqa: BLE001 - reported below
            out["sync_end"] = type(err).__name__
        down, opened = await presses(pilot, probe, frames, args.opens // 2, args.pace)
        out["idle_down"] = pcts(idle_down + down)
        out["idle_open"] = pcts(idle_open + opened)
        out["sync_down"] = pcts(busy_down)
        out["sync_open"] = pcts(busy_open)
        out["sync_seconds"] = took
        out["sync_finished"] = done
        out["cached_after"] = service.cache.stats()["articles"]
        out["open_ms"] = {
            "idle_before": ms(idle_open),
            "sync": ms(busy_open),
            "idle_after": ms(opened),
        }
    return out


def peak_rss_mb() -> float:
    # VmHWM is this process's own peak. ru_maxrss is not: Linux carries the parent's peak over
    # exec, so a child of a benchmark that just built a 100k cache would report that instead.
    import resource

    try:
        with open("/proc/self/status") as status:
            lines = [line for line in status if line.startswith("VmHWM:")]
    except OSError:
        lines = []
    if lines:
        return int(lines[0].split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("mode", choices=("open", "sync", "idle"))
    parser.add_argument("cache_dir", type=Path)
    parser.add_argument("site")
    parser.add_argument("--gc", choices=("default", "freeze", "unfreeze"), default="default")
    parser.add_argument("--pages", type=int, default=300, help="list steps; sync: list pages")
    parser.add_argument("--opens", type=int, default=30)
    parser.add_argument("--seconds", type=float, default=60.0, help="sync: how long to sample")
    parser.add_argument("--pace", type=float, default=0.15, help="sync: pause before each key")
    parser.add_argument("--offline", action="store_true", help="idle: run offline")
    parser.add_argument(
        "--refresh-idle", type=float, default=None, help="seconds before a cached refresh"
    )
    args = parser.parse_args()

    from newsreader.core.config import Config
    from newsreader.core.service import NewsService
    from newsreader.tui.app import create_app

    offline = args.mode == "open" or args.offline
    config = Config(site_url=args.site, cache_dir=args.cache_dir, offline=offline)
    service = NewsService.open(config)
    app = create_app(config, service)
    if args.mode == "open":
        out = asyncio.run(open_session(app, args))
    elif args.mode == "idle":
        out = asyncio.run(idle_session(app, service, args))
    else:
        out = asyncio.run(sync_session(app, service, args))
    print(json.dumps(out))


if __name__ == "__main__":
    main()
