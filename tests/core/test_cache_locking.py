"""Writers wait for each other instead of failing with "database is locked"."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from factories import article

from newsreader.core.cache import Cache
from newsreader.core.errors import CacheLocked

URL = "https://l.cn/info/3/1.htm"


def hold_lock(path: Path, seconds: float, started: threading.Event) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    started.set()
    time.sleep(seconds)
    conn.execute("COMMIT")
    conn.close()


def test_write_waits_for_short_lock(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite3"
    c = Cache.open(path, lock_timeout=5.0)
    started = threading.Event()
    holder = threading.Thread(target=hold_lock, args=(path, 0.4, started))
    holder.start()
    assert started.wait(5)
    t0 = time.monotonic()
    c.mark_read(URL)
    assert time.monotonic() - t0 >= 0.2
    holder.join(5)
    assert c.read_urls([URL]) == {URL}
    c.close()


def test_long_lock_raises_cache_locked(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite3"
    c = Cache.open(path, lock_timeout=0.3)
    started = threading.Event()
    holder = threading.Thread(target=hold_lock, args=(path, 1.5, started))
    holder.start()
    assert started.wait(5)
    with pytest.raises(CacheLocked, match="locked"):
        c.set_starred(URL, True)
    # Reads still work while another process writes (WAL).
    assert c.starred() == []
    holder.join(5)
    c.set_starred(URL, True)
    c.close()


WRITER = """
import sys
from pathlib import Path
from newsreader.core.cache import Cache
from newsreader.core.models import Article, Block
c = Cache.open(Path(sys.argv[1]))
base = int(sys.argv[2])
for i in range(60):
    a = Article(url=f"https://l.cn/info/3/{base + i}.htm", title=f"进程{base}",
                blocks=(Block("paragraph", "并发写入测试" * 50),))
    c.put_article(a, 1.0)
    c.mark_read(a.url)
    c.search("并发")
c.close()
"""


def test_two_processes_write_and_read(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite3"
    Cache.open(path).close()
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path), str(base)], stderr=subprocess.PIPE, text=True
        )
        for base in (1000, 2000)
    ]
    c = Cache.open(path)
    deadline = time.monotonic() + 60
    while any(p.poll() is None for p in procs) and time.monotonic() < deadline:
        c.put_article(article(url=URL, title="主进程", body="并发"), 1.0)
        c.search("并发")
        c.article_count()
        # A real writer (sync) pauses between articles for the network; a loop with no pause at
        # all could starve the others, since SQLite's lock is not fair.
        time.sleep(0.002)
    for p in procs:
        _, err = p.communicate(timeout=60)
        assert p.returncode == 0, err
    assert c.article_count() == 121
    assert len(c.search("并发", limit=500)) == 121
    c.close()


def test_threads_share_one_cache(tmp_path: Path) -> None:
    c = Cache.open(tmp_path / "cache.sqlite3")
    errors: list[BaseException] = []

    def work(n: int) -> None:
        try:
            for i in range(30):
                c.put_article(
                    article(n * 100 + i, "线程", "多线程", host="l.cn", column=4),
                    1.0,
                )
                c.search("线程")
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert not errors and c.article_count() == 120
    c.close()


def test_a_read_does_not_wait_for_a_write_of_this_process(tmp_path: Path) -> None:
    # A sync commits from a thread while the event loop reads: the read sees the last commit at
    # once instead of waiting for the transaction in progress.
    cache = Cache.open(tmp_path / "cache.sqlite3")
    try:
        cache.put_article(article(url=URL, title="第1篇"), 1.0)
        db = cache._db
        inside, release = threading.Event(), threading.Event()

        def slow_write(conn: sqlite3.Connection) -> None:
            conn.execute("UPDATE articles SET title = 'changed'")
            inside.set()
            release.wait(10)

        writer = threading.Thread(target=db.write, args=(slow_write,))
        writer.start()
        try:
            assert inside.wait(10)
            start = time.monotonic()
            titles = db.read(lambda c: [r[0] for r in c.execute("SELECT title FROM articles")])
            waited = time.monotonic() - start
        finally:
            release.set()
            writer.join(10)
        assert titles == ["第1篇"] and waited < 1.0
        assert db.read(lambda c: c.execute("SELECT title FROM articles").fetchone()[0]) == "changed"
    finally:
        cache.close()
