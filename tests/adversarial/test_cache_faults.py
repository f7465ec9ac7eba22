"""A damaged or unusable cache (issue case 16), through the CLI: detected at start, moved aside with
a message on stderr, a fresh cache works, and read state is salvaged where possible."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
from pathlib import Path

import pytest
from cli_runner import run

from newsreader.core.cache import Cache
from newsreader.core.errors import CacheError
from newsreader.demo.server import DemoServer
from newsreader.demo.site import DemoSite


def article_url(server: DemoServer, site: DemoSite) -> str:
    return server.url(site.articles[0].path)


@pytest.mark.parametrize("damage", ["garbage", "zero-bytes", "damaged-pages", "truncated"])
def test_damaged_cache_is_moved_aside_and_a_fresh_one_works(
    damage: str,
    demo_server: DemoServer,
    demo_site: DemoSite,
    cache_dir: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    url = article_url(demo_server, demo_site)
    code, _, err = run(capsys, demo_server.base_url, cache_dir, "sync", "新闻资讯/新闻")
    assert code == 0, err
    cache = Cache.open(cache_dir / "cache.sqlite3")
    cache.mark_read(url)
    cache.set_starred(url, True)
    cache.close()
    db_file = cache_dir / "cache.sqlite3"
    data = db_file.read_bytes()
    if damage == "garbage":
        db_file.write_bytes(os.urandom(len(data)))
    elif damage == "zero-bytes":
        db_file.write_bytes(b"")
    elif damage == "truncated":
        db_file.write_bytes(data[: len(data) // 3])
    else:  # keep the header and the first pages, scribble over pages in the middle
        page = 4096
        middle = bytearray(data)
        for start in range(page * 3, len(data) - page, page * 4):
            middle[start : start + page] = os.urandom(page)
        db_file.write_bytes(bytes(middle))
    code, out, err = run(capsys, demo_server.base_url, cache_dir, "read", url, "--json")
    assert code == 0, err
    assert json.loads(out)["title"] == demo_site.articles[0].title
    assert "Traceback" not in err
    first_err = err
    if damage != "zero-bytes":  # an empty file is simply a new cache
        assert "damaged" in err and "rebuilt" in err and err.count("\n") == 1
        assert list(cache_dir.glob("cache.sqlite3.corrupt-*"))
    with sqlite3.connect(db_file) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    code, out, err = run(
        capsys, demo_server.base_url, cache_dir, "--offline", "read", url, "--json"
    )
    assert code == 0, err
    if damage == "damaged-pages":
        # The read/starred marks live in the first pages, which were left whole: salvaged.
        assert "1 read/starred marks" in first_err
        fresh = Cache.open(db_file)
        assert fresh.read_urls([url]) == {url} and [i.url for i in fresh.starred()] == [url]
        fresh.close()


def test_read_only_cache_directory_falls_back_to_memory(
    demo_server: DemoServer, demo_site: DemoSite, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cache_dir = tmp_path / "ro"
    cache_dir.mkdir()
    cache_dir.chmod(0o500)
    if os.access(cache_dir, os.W_OK):
        # root ignores permissions: a file where the directory should be is as unwritable.
        cache_dir = tmp_path / "file-not-dir"
        cache_dir.write_text("x")
    code, out, err = run(
        capsys,
        demo_server.base_url,
        cache_dir,
        "read",
        article_url(demo_server, demo_site),
        "--json",
    )
    assert code == 0, err
    assert "in-memory cache" in err and err.count("\n") == 1 and "Traceback" not in err
    assert json.loads(out)["title"] == demo_site.articles[0].title


def _mount_tiny_tmpfs(path: Path) -> bool:
    path.mkdir()
    proc = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(path)],
        capture_output=True,
        check=False,
        timeout=10,
    )
    return proc.returncode == 0


def test_full_disk_is_a_clean_one_line_error(
    demo_server: DemoServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mount = tmp_path / "tiny"
    if _mount_tiny_tmpfs(mount):
        try:
            code, _, err = run(
                capsys, demo_server.base_url, mount, "sync", "新闻资讯/新闻", "--pages", "3"
            )
        finally:
            subprocess.run(["umount", "-l", str(mount)], check=False, timeout=10)
        assert "Traceback" not in err and "internal error" not in err
        # The cache cannot even be created: the run goes on in memory and says why, once.
        assert code == 0, err
        notes = [line for line in err.splitlines() if "is full" in line]
        assert len(notes) == 1 and "in-memory cache" in notes[0]
        return
    # No mount allowed: make SQLite's file unable to grow, which is a full disk to it.
    cache = Cache.open(tmp_path / "c" / "cache.sqlite3")
    db = cache._db
    db.write(lambda c: c.execute("PRAGMA max_page_count = 8"))
    with pytest.raises(CacheError) as info:
        for i in range(500):
            db.write(
                lambda c, i=i: c.execute(
                    "INSERT INTO article_state (key, url, read_at) VALUES (?, ?, 1)",
                    (f"k{i}", "http://x/" + "y" * 2000),
                )
            )
    assert "\n" not in info.value.one_line()
    cache.close()


def test_damage_inside_a_stored_value_is_one_line_then_repaired(
    demo_server: DemoServer,
    demo_site: DemoSite,
    cache_dir: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    # Bits flipped inside a value: SQLite and its integrity checks see well-formed rows, so only
    # the query decoding that value can find it.
    article = next(a for a in demo_site.articles if a.column == "xwzx/xw")
    url = demo_server.url(article.path)
    site = demo_server.base_url
    assert run(capsys, site, cache_dir, "sync", "新闻资讯/新闻")[0] == 0
    db_file = cache_dir / "cache.sqlite3"
    with sqlite3.connect(db_file) as conn:
        (model,) = conn.execute("SELECT model FROM articles WHERE url = ?", (url,)).fetchone()
        damaged = model[:4] + os.urandom(len(model) - 4)
        conn.execute("UPDATE articles SET model = ? WHERE url = ?", (damaged, url))
    conn.close()
    code, out, err = run(capsys, site, cache_dir, "--offline", "read", url, "--json")
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and "Cache damaged" in err and "rebuilt" in err, err
    assert "internal error" not in err and "Traceback" not in err
    # The next run rebuilds the cache (without that article) and reads it from the site.
    code, out, err = run(capsys, site, cache_dir, "read", url, "--json")
    assert code == 0, err
    assert json.loads(out)["title"] == article.title
    assert "rebuilt" in err and err.count("\n") == 1
    code, out, err = run(capsys, site, cache_dir, "--offline", "read", url, "--json")
    assert code == 0 and json.loads(out)["title"] == article.title, err
