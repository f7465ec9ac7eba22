"""``kill -9`` during syncs of a site without validators: each next run goes on where it stopped.

On such a site a request for a stored article downloads it again in full. The next run after a
killed one must ask for none of the articles already stored, store more than there were, and a
last run must complete with every article whole. (By hand the same was run on a 5,000-article
site: scripts/kill_sync.py.)
"""

from __future__ import annotations

import random
import signal
import sqlite3
import subprocess
import time
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest
from cli_runner import command

from newsreader.core.cache.codec import unpack_json
from newsreader.demo.server import DemoServer
from newsreader.demo.site import DemoSite

SECTION = "新闻资讯/新闻"
ARTICLES = 300  # 新闻's articles: 15 list pages
KILLS = 8


@pytest.fixture(scope="module")
def big_site() -> DemoSite:
    return DemoSite(articles_per_section=ARTICLES)


@pytest.fixture
def bare_server(big_site: DemoSite) -> Iterator[DemoServer]:
    """The big site, slowed down, answering without ETag or Last-Modified."""
    with DemoServer(big_site, delay=0.03) as server:
        server.validators = False
        yield server


def _argv(site: str, cache: Path) -> list[str]:
    return command(site, cache, "sync", SECTION, "--pages", str(ARTICLES // 20))


def _stored(db_file: Path) -> set[str]:
    """The URLs of the stored articles (none while the cache is being created)."""
    if not db_file.exists():
        return set()
    with closing(sqlite3.connect(f"file:{db_file}?mode=ro", uri=True)) as conn:
        conn.execute("PRAGMA busy_timeout = 5000")
        try:
            return {url for (url,) in conn.execute("SELECT url FROM articles")}
        except sqlite3.OperationalError as err:
            if "no such table" not in str(err):
                raise
            return set()


def _check_whole(db_file: Path) -> int:
    """Assert the cache is sound and every article row decodes whole; return the count."""
    with closing(sqlite3.connect(db_file)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        rows = conn.execute("SELECT model FROM articles").fetchall()
    for (model,) in rows:
        data = unpack_json(model)
        assert data["title"] and data["blocks"], data.get("url")
    return len(rows)


def test_each_run_after_a_kill_goes_on_where_the_last_one_stopped(
    bare_server: DemoServer, tmp_path: Path
) -> None:
    cache = tmp_path / "c"
    db_file = cache / "cache.sqlite3"
    rng = random.Random(11)
    counts: list[int] = []
    for _ in range(KILLS):
        before = _stored(db_file)
        start = len(bare_server.requests)
        proc = subprocess.Popen(
            _argv(bare_server.base_url, cache),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        # Killed at a random moment once the run has stored something of its own (a kill
        # before that can show nothing either way).
        deadline = time.monotonic() + 30
        while len(_stored(db_file)) <= len(before) and time.monotonic() < deadline:
            assert proc.poll() is None, "the run ended before it was killed"
            time.sleep(0.02)
        time.sleep(rng.uniform(0, 0.4))
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
        asked = {
            bare_server.url(r.lstrip("/"))
            for r in bare_server.requests[start:]
            if r.startswith("/info/")
        }
        assert not asked & before, "a stored article was asked for again"
        counts.append(_check_whole(db_file))
        assert counts[-1] > len(before), counts
    assert counts[-1] < ARTICLES  # every run was cut short
    bare_server.delay = 0
    start = len(bare_server.requests)
    before = _stored(db_file)
    done = subprocess.run(
        _argv(bare_server.base_url, cache), capture_output=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr.decode()
    asked = {bare_server.url(r.lstrip("/")) for r in bare_server.requests[start:]}
    assert not asked & before
    assert _check_whole(db_file) == ARTICLES
