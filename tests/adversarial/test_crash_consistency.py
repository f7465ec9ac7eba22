"""Crashes and concurrency (issue cases 14, 15): ``kill -9`` mid-sync, two processes at once."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from cli_runner import command
from faults import run_cli

from newsreader.core.cache import Cache
from newsreader.core.cache.codec import unpack_json
from newsreader.demo.server import DemoServer
from newsreader.demo.site import DemoSite

SECTION = "新闻资讯/新闻"
KILLS = 20


@pytest.fixture
def slow_demo(demo_site: DemoSite) -> Iterator[DemoServer]:
    with DemoServer(demo_site, delay=0.01) as server:
        yield server


def sync_argv(site: str, cache: Path) -> list[str]:
    return command(site, cache, "sync", SECTION, "--pages", "3")


def check_whole(db_file: Path) -> int:
    """Assert the cache is sound and every article row is whole; return the article count."""
    with sqlite3.connect(db_file) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        rows = conn.execute("SELECT model FROM articles").fetchall()
    cache = Cache.open(db_file)
    try:
        for (model,) in rows:
            data = unpack_json(model)
            assert data["title"] and data["blocks"], data.get("url")
            word = data["title"][:4]
            assert any(h.title == data["title"] for h in cache.search(word, 500)), word
    finally:
        cache.close()
    return len(rows)


def test_kill_9_during_sync_leaves_whole_articles(slow_demo: DemoServer, tmp_path: Path) -> None:
    cache = tmp_path / "c"
    rng = random.Random(20)
    counts = []
    for _ in range(KILLS):
        proc = subprocess.Popen(
            sync_argv(slow_demo.base_url, cache),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(rng.uniform(0.05, 1.5))
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
        db_file = cache / "cache.sqlite3"
        if db_file.exists():
            counts.append(check_whole(db_file))
    assert counts and max(counts) > 0  # some kills did land after articles were stored
    slow_demo.delay = 0
    proc = subprocess.run(
        sync_argv(slow_demo.base_url, cache),
        capture_output=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr.decode()
    assert check_whole(cache / "cache.sqlite3") == 55


def test_sync_and_offline_reads_at_once_never_see_a_locked_database(
    demo_server: DemoServer, demo_site: DemoSite, tmp_path: Path
) -> None:
    cache = tmp_path / "c"
    first = run_cli(demo_server.base_url, cache, "sync", SECTION, timeout=60)
    assert first.returncode == 0, first.stderr.decode()
    article = next(a for a in demo_site.articles if a.column == "xwzx/xw")
    url = demo_server.url(article.path)
    env = {**os.environ}
    syncer = subprocess.Popen(
        [
            sys.executable,
            "-c",
            (
                "import subprocess, sys\n"
                "for _ in range(4):\n"
                f"    r = subprocess.run({sync_argv(demo_server.base_url, cache)!r}, capture_output=True)\n"
                "    if r.returncode or b'locked' in r.stderr: sys.exit(r.stderr.decode() or 'failed')\n"
            ),
        ],
        env=env,
        stdin=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    failures: list[str] = []
    commands = [
        ("--offline", "read", url, "--json"),
        ("--offline", "list", SECTION),
        ("--offline", "search", article.title[:2]),
    ]
    deadline = time.monotonic() + 40
    runs = 0
    while syncer.poll() is None and time.monotonic() < deadline and runs < 60:
        proc = run_cli(demo_server.base_url, cache, *commands[runs % 3], timeout=30)
        runs += 1
        err = proc.stderr.decode()
        if proc.returncode != 0 or "locked" in err.lower() or "busy" in err.lower():
            failures.append(f"{commands[runs % 3]}: {proc.returncode} {err}")
    _, sync_err = syncer.communicate(timeout=60)
    assert syncer.returncode == 0, sync_err.decode()
    assert failures == []
    assert runs >= 3
