"""The full integrity check runs when damage is plausible, not on every open (issue 11, case 10).

``PRAGMA quick_check`` is seen through SQLite's trace callback on every connection the cache
opens. It must not run on the open after a clean close; it must run after an unclean shutdown, a
change of the file while closed, a week without one, or a failure that flagged the file. Damage
that none of these reveals is found by the first query that reads it: a one-line CacheCorrupt,
and the next open repairs the file.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from factories import bulky_article as art

from newsreader.core.cache import Cache
from newsreader.core.cache.db import Database
from newsreader.core.cache.maintenance import vacuum
from newsreader.core.errors import CacheCorrupt
from newsreader.core.sources import cache_key


def make_cache(path: Path, count: int = 20) -> None:
    cache = Cache.open(path)
    cache.put_articles((art(i), 1.0, None) for i in range(count))
    cache.mark_read(art(0).url)
    cache.set_starred(art(1).url, True)
    cache.close()


def traced(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record every SQL statement the cache runs from now on."""
    seen: list[str] = []
    original = Database._connect

    def connect(self: Database, *, reader: bool = False) -> sqlite3.Connection:
        conn = original(self, reader=reader)
        conn.set_trace_callback(seen.append)
        return conn

    monkeypatch.setattr(Database, "_connect", connect)
    return seen


def quick_checks(seen: list[str]) -> int:
    return sum("quick_check" in statement.lower() for statement in seen)


def reopen(path: Path) -> Cache:
    cache = Cache.open(path)
    assert cache.recovery_note is None
    return cache


def test_clean_reopen_runs_no_quick_check(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "cache.sqlite3"
    make_cache(path)
    seen = traced(monkeypatch)
    for _ in range(3):
        cache = reopen(path)
        assert cache.article_count() == 20 and cache.read_urls([art(0).url]) == {art(0).url}
        cache.close()
    assert quick_checks(seen) == 0
    # The O(1) checks still run on every open.
    assert sum("ORDER BY id DESC LIMIT 1" in s for s in seen) == 3


UNCLEAN = """
import os, sys
from pathlib import Path
from newsreader.core.cache import Cache
cache = Cache.open(Path(sys.argv[1]))
cache.mark_read("https://r.cn/info/2/7.htm")
os._exit(0)  # dies without closing, as a kill -9 or a power cut would leave it
"""


def test_unclean_shutdown_runs_quick_check_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "cache.sqlite3"
    make_cache(path)
    subprocess.run([sys.executable, "-c", UNCLEAN, str(path)], check=True, timeout=60)
    assert Path(str(path) + "-wal").exists()
    seen = traced(monkeypatch)
    cache = reopen(path)
    assert cache.read_urls([art(7).url]) == {art(7).url}  # the dead process's commit is kept
    cache.close()
    assert quick_checks(seen) == 1
    reopen(path).close()  # that close was clean
    assert quick_checks(seen) == 1


def test_a_file_changed_while_closed_is_checked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "cache.sqlite3"
    make_cache(path)
    info = path.stat()
    # Something else wrote the file (a restore, a copy, a disk tool): its time moved.
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns + 2_000_000_000))
    seen = traced(monkeypatch)
    reopen(path).close()
    assert quick_checks(seen) == 1
    reopen(path).close()
    assert quick_checks(seen) == 1


def test_the_check_is_repeated_after_a_week(tmp_path: Path) -> None:
    from newsreader.core.cache.files import CHECK_INTERVAL, full_check_needed

    path = tmp_path / "cache.sqlite3"
    make_cache(path)
    now = time.time()
    assert full_check_needed(path, now)[0] is False
    assert full_check_needed(path, now + CHECK_INTERVAL / 2)[0] is False
    assert full_check_needed(path, now + CHECK_INTERVAL + 60)[0] is True


def test_a_damage_flag_forces_the_check_once_then_clears(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "cache.sqlite3"
    make_cache(path)
    marker = Path(str(path) + ".damaged")
    marker.touch()  # as Database.flag_damaged leaves it after a query saw damage
    seen = traced(monkeypatch)
    reopen(path).close()
    assert quick_checks(seen) == 1 and not marker.exists()
    reopen(path).close()
    assert quick_checks(seen) == 1


def test_two_sessions_the_last_to_close_records_a_clean_close(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "cache.sqlite3"
    make_cache(path)
    first, second = reopen(path), reopen(path)
    second.put_article(art(100), 2.0)
    first.close()
    second.mark_read(art(100).url)
    second.close()
    seen = traced(monkeypatch)
    cache = reopen(path)
    assert cache.article_count() == 21
    cache.close()
    assert quick_checks(seen) == 0


def test_damage_unseen_at_open_fails_one_query_cleanly_and_is_repaired_next_open(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "cache.sqlite3"
    make_cache(path, count=300)
    info = path.stat()
    page = 4096
    pages = info.st_size // page
    # A disk losing sectors: pages in the middle change, the size and the time do not.
    with path.open("r+b") as handle:
        for n in range(pages // 2, pages // 2 + 6):
            handle.seek(n * page)
            handle.write(os.urandom(page))
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))
    seen = traced(monkeypatch)
    cache = reopen(path)
    assert quick_checks(seen) == 0
    with pytest.raises(CacheCorrupt) as caught:
        # Whichever query reads a damaged page first; VACUUM reads them all.
        for i in range(300):
            cache.get_article(art(i).url)
            cache.search(art(i).title)
        vacuum(cache)
    assert "\n" not in caught.value.one_line() and "damaged" in caught.value.message
    cache.close()
    assert Path(str(path) + ".damaged").exists()
    repaired = Cache.open(path)
    assert repaired.recovery_note is not None and "rebuilt" in repaired.recovery_note
    assert repaired.read_urls([art(0).url]) == {art(0).url}
    assert [item.url for item in repaired.starred()] == [art(1).url]
    repaired.close()


def test_a_damaged_stored_value_is_one_clean_error_then_the_cache_is_rebuilt(
    tmp_path: Path,
) -> None:
    path = tmp_path / "cache.sqlite3"
    make_cache(path)
    # A value damaged inside: SQLite and quick_check see a well-formed row.
    with sqlite3.connect(path) as conn:
        conn.execute(
            "UPDATE articles SET model = ? WHERE key = ?",
            (b"\x28\xb5\x2f\xfd" + bytes(range(64)), cache_key(art(3).url)),
        )
    conn.close()
    cache = reopen(path)
    assert cache.get_article(art(4).url) is not None
    with pytest.raises(CacheCorrupt) as caught:
        cache.get_article(art(3).url)
    assert "\n" not in caught.value.one_line() and "rebuilt" in caught.value.message
    cache.close()
    repaired = Cache.open(path)
    assert repaired.recovery_note is not None and "19 articles" in repaired.recovery_note
    assert repaired.get_article(art(3).url) is None and repaired.article_count() == 19
    assert repaired.read_urls([art(0).url]) == {art(0).url}
    repaired.close()
    reopen(path).close()  # repaired for good
