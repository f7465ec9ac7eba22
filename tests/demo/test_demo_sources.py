"""``--demo`` serves four sources with a list of its own, on fixed ports that keep its cache."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import urllib.request
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

import pytest

from newsreader.cli.main import main
from newsreader.core.settings import CONFIG_ENV
from newsreader.demo import sources
from newsreader.demo.campus import NOTICE_PATH, CampusSite

NAMES = ["高校毕业生就业协会", "南湖理工大学新闻网", "就业资讯网", "职业发展研究观察"]
MINE = '[[source]]\nname = "Mine"\nurl = "https://www.example.edu.cn/"\nkind = "vsb"\n'


@pytest.fixture
def ports(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Four free ports made the demo's fixed ones (a demo someone runs keeps its own)."""
    with ExitStack() as stack:
        socks = [stack.enter_context(socket.socket()) for _ in range(4)]
        for sock in socks:
            sock.bind(("127.0.0.1", 0))
        found = [sock.getsockname()[1] for sock in socks]
    monkeypatch.setattr(sources, "DEMO_PORTS", tuple(found))
    return found


@pytest.fixture
def user_sources() -> Path:
    """The user's own sources file (beside the test's config file), holding one source."""
    path = Path(os.environ[CONFIG_ENV]).parent / "sources.toml"
    path.write_text(MINE, encoding="utf-8")
    return path


@contextmanager
def taken(port: int) -> Iterator[None]:
    """Hold ``port`` on 127.0.0.1, as another program listening there would."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", port))
        sock.listen()
        yield


def run(capsys: pytest.CaptureFixture[str], cache: Path, *args: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(["--demo", "--cache-dir", str(cache), "--delay", "0", *args])
    out, err = capsys.readouterr()
    return code, out, err


def ok_json(capsys: pytest.CaptureFixture[str], cache: Path, *args: str) -> object:
    code, out, err = run(capsys, cache, *args, "--json")
    assert code == 0, err
    return json.loads(out)


def test_the_demo_lists_its_own_four_sources(
    capsys: pytest.CaptureFixture[str], cache_dir: Path, ports: list[int], user_sources: Path
) -> None:
    listed = ok_json(capsys, cache_dir, "sources")
    assert listed == [
        {"name": NAMES[0], "url": f"http://127.0.0.1:{ports[0]}/", "kind": "vsb"},
        {"name": NAMES[1], "url": f"http://127.0.0.1:{ports[1]}/", "kind": "vsb"},
        {"name": NAMES[2], "url": f"http://127.0.0.1:{ports[2]}/rss.xml", "kind": "feed"},
        {"name": NAMES[3], "url": f"http://127.0.0.1:{ports[3]}/notes/atom.xml", "kind": "feed"},
    ]
    code, out, _ = run(capsys, cache_dir, "opml", "export")
    assert code == 0 and all(name in out for name in NAMES) and "Mine" not in out
    # The user's own list is neither shown nor touched, and is still theirs without --demo.
    assert user_sources.read_text(encoding="utf-8") == MINE
    capsys.readouterr()
    assert main(["sources", "--json"]) == 0
    assert [s["name"] for s in json.loads(capsys.readouterr().out)] == ["Mine"]


@pytest.mark.parametrize(
    "command",
    [
        ("remove", NAMES[0]),
        ("rename", NAMES[0], "Other"),
        ("add", "http://127.0.0.1:9/"),
        ("opml", "import", "nowhere.opml"),
    ],
)
def test_the_demo_list_cannot_be_changed(
    capsys: pytest.CaptureFixture[str], cache_dir: Path, ports: list[int], command: tuple[str, ...]
) -> None:
    code, _, err = run(capsys, cache_dir, *command)
    assert code == 2 and "demo" in err and len(err.splitlines()) == 1
    assert not (Path(os.environ[CONFIG_ENV]).parent / "sources.toml").exists()
    assert not list(cache_dir.rglob("sources.toml"))


def test_the_demo_list_cannot_be_changed_said_in_chinese(
    capsys: pytest.CaptureFixture[str], cache_dir: Path, ports: list[int]
) -> None:
    code, _, err = run(capsys, cache_dir, "--lang", "zh", "remove", NAMES[0])
    assert code == 2
    assert err == (
        "newsreader: 用法错误：演示的来源是它自己的，不能更改；去掉 --demo 即可管理你自己的来源\n"
    )


def test_source_names_a_demo_site(
    capsys: pytest.CaptureFixture[str], cache_dir: Path, ports: list[int]
) -> None:
    notices = CampusSite().entries(NOTICE_PATH)
    items = ok_json(capsys, cache_dir, "--source", NAMES[1], "list", "通知公告")
    assert isinstance(items, list)
    assert [i["title"] for i in items] == [a.title for a in notices[:15]]
    url = f"http://127.0.0.1:{ports[1]}/{notices[0].path}"
    assert items[0]["url"] == url
    article = ok_json(capsys, cache_dir, "read", url)
    assert isinstance(article, dict) and article["title"] == notices[0].title


def test_an_offline_demo_reopens_its_cache_when_its_port_is_taken(
    capsys: pytest.CaptureFixture[str], cache_dir: Path, ports: list[int]
) -> None:
    sections = ok_json(capsys, cache_dir, "sections")
    news = ok_json(capsys, cache_dir, "list", "新闻资讯/新闻")
    with taken(ports[0]):
        assert ok_json(capsys, cache_dir, "--offline", "sections") == sections
        assert ok_json(capsys, cache_dir, "--offline", "list", "新闻资讯/新闻") == news


def test_an_online_demo_moves_to_a_free_port_when_its_port_is_taken(
    capsys: pytest.CaptureFixture[str], cache_dir: Path, ports: list[int]
) -> None:
    with taken(ports[0]):
        tree = ok_json(capsys, cache_dir, "sections")
        listed = ok_json(capsys, cache_dir, "sources")
    assert isinstance(tree, list) and tree[2]["title"] == "新闻资讯"
    assert f":{ports[0]}/" not in tree[2]["url"]
    assert isinstance(listed, list) and listed[0]["url"] != f"http://127.0.0.1:{ports[0]}/"
    assert listed[1]["url"] == f"http://127.0.0.1:{ports[1]}/"


def test_module_entry_point_serves_the_four_sources_with_the_stdlib_only() -> None:
    code = (
        "import sys, newsreader.demo.sources;"
        "bad = {'httpx', 'selectolax', 'textual', 'rich', 'feedparser'} & set(sys.modules);"
        "print(sorted(bad))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=30, check=False
    )
    assert out.stdout.strip() == "[]", out.stderr
    proc = subprocess.Popen(
        [sys.executable, "-m", "newsreader.demo", "--sources"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        lines = [proc.stdout.readline() for _ in range(4)]
        assert [line.split()[0] for line in lines] == ["vsb", "vsb", "feed", "feed"]
        assert [line.split()[2] for line in lines] == NAMES
        for line in lines:
            with urllib.request.urlopen(line.split()[1], timeout=10) as response:
                assert response.status == 200
    finally:
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=10) == 0


def test_add_tells_each_demo_source_by_what_it_serves(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with sources.DemoSources(ports=None) as demo:
        for entry in demo.entries[1:]:
            capsys.readouterr()
            assert main(["--delay", "0", "add", entry.url, "--json"]) == 0
            found = json.loads(capsys.readouterr().out)
            assert found == {"name": entry.name, "url": entry.url, "kind": entry.kind}
        # The feeds' home pages advertise them: adding a home page finds the feed, listed already.
        for home, entry in (
            (demo.base_urls[2], demo.entries[2]),
            (demo.base_urls[3] + "notes/", demo.entries[3]),
        ):
            capsys.readouterr()
            assert main(["--delay", "0", "add", home, "--json"]) == 0
            assert json.loads(capsys.readouterr().out)["url"] == entry.url
