"""A cache that cannot be written (issue 11, cases 5 and 7), through the CLI.

A valid cache on a read-only medium serves everything it holds, offline and online; commands that
must write say so in one line and exit 1. A full disk never costs the user a page that was
fetched: it is shown, and one line says it could not be saved. Real read-only bind mounts and
small tmpfs disks are used where the system allows them (see tests/mounts.py); a full database
is also made without mounting, by capping its size.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from cli_runner import run
from mounts import fill, read_only_view, small_disk

from newsreader.core.cache import Cache
from newsreader.core.cache.db import Database
from newsreader.demo.server import DemoServer
from newsreader.demo.site import DemoArticle, DemoSite

NEWS = "新闻资讯/新闻"
OTHER = "新闻资讯/行业动态"


def cached_article(site: DemoSite) -> DemoArticle:
    """The newest article of 新闻资讯/新闻 (cached by syncing that section)."""
    return next(a for a in site.articles if a.column == "xwzx/xw")


def uncached_article(site: DemoSite) -> DemoArticle:
    """An article of another section (never cached by syncing 新闻资讯/新闻)."""
    return next(a for a in site.articles if a.column == "xwzx/hydt")


def notes(err: str) -> list[str]:
    """The stderr lines that are not the offline "showing the cached copy" remarks."""
    return [line for line in err.splitlines() if "showing the cached copy" not in line]


@pytest.fixture
def synced(
    demo_server: DemoServer,
    demo_site: DemoSite,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> Path:
    """A cache directory holding 新闻资讯/新闻, with one article read and starred."""
    source = tmp_path / "source"
    code, _, err = run(capsys, demo_server.base_url, source, "sync", NEWS)
    assert code == 0, err
    url = demo_server.url(cached_article(demo_site).path)
    cache = Cache.open(source / "cache.sqlite3")
    cache.mark_read(url)
    cache.set_starred(url, True)
    cache.close()
    return source


def offline_answers(
    capsys: pytest.CaptureFixture[str], site: str, cache: Path, article: str, word: str
) -> dict[str, object]:
    answers: dict[str, object] = {}
    for command in (("sections",), ("list", NEWS), ("read", article), ("search", word)):
        code, out, err = run(capsys, site, cache, "--offline", *command, "--json")
        assert code == 0, err
        assert notes(err) == [], err
        answers[command[0]] = json.loads(out)
    return answers


def test_read_only_cache_serves_everything_it_holds_offline(
    synced: Path,
    demo_server: DemoServer,
    demo_site: DemoSite,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    site = demo_server.base_url
    article = cached_article(demo_site)
    url = demo_server.url(article.path)
    expected = offline_answers(capsys, site, synced, url, article.title[:4])
    assert expected["read"]["title"] == article.title  # type: ignore[index]
    assert len(expected["list"]) >= 20 and expected["search"]  # type: ignore[arg-type]
    before = (synced / "cache.sqlite3").read_bytes()
    with read_only_view(synced, tmp_path / "ro") as ro:
        assert offline_answers(capsys, site, ro, url, article.title[:4]) == expected
        code, out, err = run(capsys, site, ro, "cache", "--json")
        assert code == 0, err
        report = json.loads(out)
        assert report["readonly"] is True and report["path"] == str(ro / "cache.sqlite3")
        assert (report["articles"], report["read"], report["starred"]) == (
            len(expected["list"]),  # type: ignore[arg-type]
            1,
            1,
        )
        code, out, err = run(capsys, site, ro, "cache")
        assert code == 0 and "(read-only)" in out.splitlines()[0], err
    assert (synced / "cache.sqlite3").read_bytes() == before


def test_read_only_cache_online_shows_fetched_pages_and_says_once_they_are_not_saved(
    synced: Path,
    demo_server: DemoServer,
    demo_site: DemoSite,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    site = demo_server.base_url
    fresh = uncached_article(demo_site)
    with read_only_view(synced, tmp_path / "ro") as ro:
        code, out, err = run(capsys, site, ro, "read", demo_server.url(fresh.path), "--json")
        assert code == 0, err
        assert json.loads(out)["title"] == fresh.title
        assert len(err.splitlines()) == 1, err
        assert "read-only" in err and "not saved" in err
        # Listing stores the section tree and the list page: still one line, said once.
        for command in (("list", OTHER), ("sections",)):
            code, out, err = run(capsys, site, ro, *command, "--json")
            assert code == 0, err
            assert json.loads(out)
            assert len(err.splitlines()) == 1 and "not saved" in err, err
        # What is cached still reads, online too (the network copy is shown, not stored).
        code, out, err = run(
            capsys, site, ro, "read", demo_server.url(cached_article(demo_site).path), "--json"
        )
        assert code == 0 and json.loads(out)["title"] == cached_article(demo_site).title, err


UNCLEAN = """
import os, sys
from pathlib import Path
from newsreader.core.cache import Cache
cache = Cache.open(Path(sys.argv[1]))
cache.set_starred(sys.argv[2], True)
os._exit(0)  # no close: the star is in the -wal file only, as a crash leaves it
"""


def test_read_only_cache_left_by_a_crash_serves_its_last_writes(
    synced: Path,
    demo_server: DemoServer,
    demo_site: DemoSite,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    url = demo_server.url(uncached_article(demo_site).path)
    subprocess.run(
        [sys.executable, "-c", UNCLEAN, str(synced / "cache.sqlite3"), url],
        check=True,
        timeout=60,
    )
    assert (synced / "cache.sqlite3-wal").exists()
    with read_only_view(synced, tmp_path / "ro") as ro:
        code, out, err = run(capsys, demo_server.base_url, ro, "--offline", "cache", "--json")
        assert code == 0, err
        report = json.loads(out)
        assert report["readonly"] is True and report["starred"] == 2


@pytest.mark.parametrize(
    "command",
    [
        ("cache", "--prune-days", "0"),
        ("cache", "--prune-size", "0"),
        ("cache", "--vacuum"),
        ("sync", NEWS),
        ("sync",),
    ],
)
def test_read_only_cache_commands_that_must_write_say_so_and_exit_1(
    command: tuple[str, ...],
    synced: Path,
    demo_server: DemoServer,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    with read_only_view(synced, tmp_path / "ro") as ro:
        code, out, err = run(capsys, demo_server.base_url, ro, *command)
        assert code == 1, (out, err)
        assert out == "" and len(err.splitlines()) == 1, err
        assert "read-only" in err and "needs to write" in err


def cap_growth(monkeypatch: pytest.MonkeyPatch) -> None:
    """From now on, a cache database cannot grow: SQLite's own "database or disk is full"."""
    original = Database._connect

    def connect(self: Database, *, reader: bool = False) -> sqlite3.Connection:
        conn = original(self, reader=reader)
        if self.path is not None and not reader:
            pages = conn.execute("PRAGMA page_count").fetchone()[0]
            conn.execute(f"PRAGMA max_page_count = {pages}")
        return conn

    monkeypatch.setattr(Database, "_connect", connect)


def test_full_database_online_read_list_sections_show_the_page_and_say_once(
    synced: Path,
    demo_server: DemoServer,
    demo_site: DemoSite,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    site = demo_server.base_url
    # Free pages would take a few writes yet: compact first, so the very next one fails.
    assert run(capsys, site, synced, "cache", "--vacuum")[0] == 0
    cap_growth(monkeypatch)
    fresh = uncached_article(demo_site)
    code, out, err = run(capsys, site, synced, "read", demo_server.url(fresh.path), "--json")
    assert code == 0, err
    assert json.loads(out)["title"] == fresh.title
    assert len(err.splitlines()) == 1 and "is full" in err and "not saved" in err, err
    code, out, err = run(capsys, site, synced, "list", OTHER, "--json")
    assert code == 0, err
    assert json.loads(out)[0]["title"] == fresh.title
    assert len(err.splitlines()) == 1 and "is full" in err, err
    code, out, err = run(capsys, site, synced, "sections", "--json")
    assert code == 0 and json.loads(out), err
    assert len(err.splitlines()) <= 1 and "Traceback" not in err


def test_full_database_sync_fails_clearly(
    synced: Path,
    demo_server: DemoServer,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    site = demo_server.base_url
    assert run(capsys, site, synced, "cache", "--vacuum")[0] == 0
    cap_growth(monkeypatch)
    code, out, err = run(capsys, site, synced, "sync", OTHER)
    assert code == 1, (out, err)
    assert "Cache error" in err and "is full" in err
    assert "Traceback" not in err and "internal error" not in err
    assert "sync:" not in out  # no summary claiming success
    monkeypatch.undo()
    report = run(capsys, site, synced, "cache", "--json")
    assert json.loads(report[1])["sections"].get("新闻资讯 / 行业动态", 0) == 0


@pytest.mark.parametrize("room", [64 * 1024, 0], ids=["almost-full", "full"])
def test_full_disk_online_reads_show_the_page_and_say_once(
    room: int,
    demo_server: DemoServer,
    demo_site: DemoSite,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    site = demo_server.base_url
    with small_disk(tmp_path / "disk", "8m") as disk:
        cache = disk / "cache"
        assert run(capsys, site, cache, "sync", NEWS)[0] == 0
        fill(disk, room)
        fresh = uncached_article(demo_site)
        code, out, err = run(capsys, site, cache, "read", demo_server.url(fresh.path), "--json")
        assert code == 0, err
        assert json.loads(out)["title"] == fresh.title
        assert len(err.splitlines()) == 1 and "not saved" in err, err
        # A list page may still fit where the article did not (SQLite reuses the space of
        # the write that failed): it is saved then, and nothing needs saying.
        for command in (("list", OTHER), ("sections",)):
            code, out, err = run(capsys, site, cache, *command, "--json")
            assert code == 0 and json.loads(out), err
            assert len(err.splitlines()) <= 1 and "Traceback" not in err, err
            assert "not saved" in err or not err, err
        # What was cached before the disk filled up still reads offline.
        url = demo_server.url(cached_article(demo_site).path)
        code, out, err = run(capsys, site, cache, "--offline", "read", url, "--json")
        assert code == 0 and json.loads(out)["title"] == cached_article(demo_site).title, err
