"""``sources``, ``add``, ``remove``, ``rename`` and ``--source NAME``, on servers on 127.0.0.1.

The sources file is beside the config file, which every test has in a directory of its own
(``tests/conftest.py``), so each test starts as a first start.
"""

from __future__ import annotations

import argparse
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from cli_runner import Runner
from servers import Conn, RawServer, respond
from vsb_sites import serve_template, site_bytes

from newsreader.cli.main import build_parser, config_from_args
from newsreader.cli.sources import resolve_source
from newsreader.core.config import DEFAULT_SITE, Config
from newsreader.core.settings import CONFIG_ENV
from newsreader.core.sources.registry import DEFAULT_SITE_NAME
from newsreader.demo.server import DemoServer

DEFAULT = {"name": DEFAULT_SITE_NAME, "url": DEFAULT_SITE, "kind": "vsb"}
RSS_GBK = (
    '<?xml version="1.0" encoding="gbk"?>\n<rss version="2.0"><channel>'
    "<title><![CDATA[教务处通知 & 公告]]></title><link>http://x.cn/</link>"
    "<item><title>一</title><link>http://x.cn/1.htm</link></item></channel></rss>"
).encode("gbk")
ATOM = (
    b'<?xml version="1.0" encoding="utf-8"?>\n<!-- a comment first -->\n'
    b'<feed xmlns="http://www.w3.org/2005/Atom"><title type="html">Lab &lt;b&gt;News&lt;/b&gt;'
    b"</title><id>urn:x</id><updated>2025-03-01T00:00:00Z</updated></feed>"
)
JSON_FEED = json.dumps(
    {"version": "https://jsonfeed.org/version/1.1", "title": "JSON 动态", "items": []}
).encode()
BLOG = (
    b"<html><head><title>A blog</title>"
    b'<link rel="alternate" type="application/rss+xml" href="/feed.xml?x=1">'
    b"</head><body><p>posts</p></body></html>"
)
PLAIN = b"<html><head><title>Just a page</title></head><body><p>hello</p></body></html>"
PNG = b"\x89PNG\r\n\x1a\n" + bytes(64)


def routes(pages: dict[str, tuple[str, bytes]]) -> RawServer:
    """A server answering ``pages`` (path -> content type, body), 404 for anything else."""

    def handler(conn: Conn) -> None:
        found = pages.get(conn.path)
        if found is None:
            respond(b"not found", status="404 Not Found")(conn)
            return
        kind, body = found
        if kind.startswith("redirect:"):
            location = kind.removeprefix("redirect:")
            respond(b"", status="302 Found", headers={"Location": location})(conn)
            return
        respond(body, headers={"Content-Type": kind})(conn)

    return RawServer(handler)


FEEDS = {
    "/feed.xml?x=1": ("text/xml", RSS_GBK),
    "/rss.xml": ("application/rss+xml", RSS_GBK),
    "/atom": ("text/html", ATOM),  # a wrong type: the content decides
    "/feed.json": ("application/feed+json", JSON_FEED),
    "/blog/": ("text/html; charset=utf-8", BLOG),
    "/page.htm": ("text/html", PLAIN),
    "/logo.png": ("image/png", PNG),
}


@contextmanager
def feed_server() -> Iterator[str]:
    with routes(FEEDS) as server:
        yield server.url


@pytest.fixture
def nr(capsys: pytest.CaptureFixture[str], cache_dir: Path) -> Runner:
    return Runner(capsys, None, cache_dir)


def sources_file() -> Path:
    return Path(os.environ[CONFIG_ENV]).parent / "sources.toml"


# --- first start, sources, remove, rename ------------------------------------------------------


def test_first_start_lists_the_association_and_writes_nothing(nr: Runner) -> None:
    assert nr.json("sources") == [DEFAULT]
    code, out, _ = nr("sources")
    assert code == 0
    assert out.split() == [DEFAULT_SITE_NAME, "vsb", DEFAULT_SITE]
    assert not sources_file().exists()


def test_removing_every_source_leaves_none_and_adds_none_back(nr: Runner) -> None:
    code, out, _ = nr("remove", DEFAULT_SITE_NAME)
    assert (code, out) == (0, f"removed: {DEFAULT_SITE_NAME}\n")
    assert nr.json("sources") == []
    assert nr.json("sources") == []
    code, out, err = nr("sources")
    assert (code, out) == (0, "")
    assert "no sources" in err


def test_rename_then_the_new_name_is_the_source(nr: Runner) -> None:
    code, out, _ = nr("rename", DEFAULT_SITE_NAME, "协会")
    assert code == 0 and "协会" in out
    assert nr.json("sources") == [{**DEFAULT, "name": "协会"}]


@pytest.mark.parametrize(
    "args",
    [
        ("remove", "nope"),
        ("rename", "nope", "x"),
        ("rename", DEFAULT_SITE_NAME, "   "),
        ("--source", "nope", "sections"),
        ("sections", "--source", "nope"),
    ],
)
def test_an_unknown_or_bad_name_is_a_usage_error(nr: Runner, args: tuple[str, ...]) -> None:
    code, out, err = nr(*args)
    assert code == 2
    assert out == ""
    assert len(err.strip().splitlines()) == 1
    assert err.startswith("newsreader: Usage error: ")


def test_a_hand_edit_error_names_file_line_and_key(nr: Runner) -> None:
    path = sources_file()
    path.write_text(
        '[[source]]\nname = "A"\nurl = "https://a.cn/"\nkind = "vsb"\n\n'
        '[[source]]\nname = "B"\nurl = "https://b.cn/"\nkind = "website"\n',
        encoding="utf-8",
    )
    for args in (("sources",), ("--source", "A", "sections"), ("remove", "A")):
        code, out, err = nr(*args)
        assert code == 1
        assert out == ""
        assert err.strip().splitlines() == [
            f"newsreader: Configuration error: {path}, line 9: kind: "
            'must be "vsb" or "feed", got \'website\''
        ]
    assert "website" in path.read_text(encoding="utf-8")  # the user's file is left alone


def test_sources_file_follows_the_config_option(nr: Runner, tmp_path: Path) -> None:
    config = tmp_path / "elsewhere" / "my.toml"
    config.parent.mkdir()
    config.write_text("", encoding="utf-8")
    assert nr("--config", str(config), "remove", DEFAULT_SITE_NAME)[0] == 0
    assert (config.parent / "sources.toml").exists()
    assert not sources_file().exists()
    assert nr.json("sources") == [DEFAULT]


def test_first_start_follows_the_configured_site(nr: Runner) -> None:
    Path(os.environ[CONFIG_ENV]).write_text('site_url = "https://x.edu.cn/"\n', encoding="utf-8")
    assert nr.json("sources") == [{"name": "x.edu.cn", "url": "https://x.edu.cn/", "kind": "vsb"}]


# --- add --------------------------------------------------------------------------------------


def test_add_a_vsb_site_by_its_markers_and_name(nr: Runner) -> None:
    with serve_template("a_tables") as site:
        added = nr.json("add", site)
        assert added == {"name": "示范职业技术学院", "url": site, "kind": "vsb"}
        code, out, _ = nr("add", site + "index.htm")
        assert code == 0
        assert out.startswith("already a source: 示范职业技术学院")
        code, out, _ = nr("add", site, "--name", "other")
        assert code == 0 and "already" in out
    assert nr.json("sources") == [DEFAULT, added]


def test_add_a_notice_board_adds_its_site(nr: Runner, demo_server: DemoServer) -> None:
    # The URL a reader has of a notice board is a list page's (or an article's): the source
    # is the site, which lists it among its sections (its own folder would answer 404).
    site = demo_server.base_url
    added = nr.json("add", site + "xwzx/xw.htm", "--name", "通知")
    assert added == {"name": "通知", "url": site, "kind": "vsb"}
    listed = nr.json("--source", "通知", "list", "新闻资讯/新闻", "--pages", "1")
    assert listed and listed[0]["url"].startswith(site + "info/")
    code, out, _ = nr("add", listed[0]["url"])
    assert code == 0
    assert out.startswith("already a source: 通知")
    assert nr.json("sources") == [DEFAULT, added]


@pytest.mark.parametrize(
    ("path", "title"),
    [("rss.xml", "教务处通知 & 公告"), ("atom", "Lab News"), ("feed.json", "JSON 动态")],
)
def test_add_a_feed_by_its_content(nr: Runner, path: str, title: str) -> None:
    with feed_server() as base:
        added = nr.json("add", base + path)
        assert added == {"name": title, "url": base + path, "kind": "feed"}
        code, out, _ = nr("add", base + path)
        assert code == 0 and out.startswith(f"already a source: {title} (feed)")
    assert nr.json("sources") == [DEFAULT, added]


def test_add_a_page_adds_the_feed_it_advertises_once(nr: Runner) -> None:
    with feed_server() as base:
        added = nr.json("add", base + "blog/")
        assert added == {"name": "教务处通知 & 公告", "url": base + "feed.xml?x=1", "kind": "feed"}
        code, out, _ = nr("add", base + "blog/")
        assert code == 0 and out.startswith("already a source: 教务处通知 & 公告 (feed)")
        assert nr.json("add", base + "feed.xml?x=1") == added
    assert nr.json("sources") == [DEFAULT, added]


def test_a_vsb_home_page_advertising_a_feed_is_added_as_a_site(nr: Runner) -> None:
    home = site_bytes("b_divnav", "index.htm")
    assert home is not None
    link = b'<link rel="alternate" type="application/atom+xml" href="/atom.xml">'
    with serve_template(
        "b_divnav", {"index.htm": home.replace(b"<head>", b"<head>" + link)}
    ) as site:
        assert nr.json("add", site) == {"name": "示例社会组织联合会", "url": site, "kind": "vsb"}


@pytest.mark.parametrize(
    ("path", "found"),
    [
        ("page.htm", "a web page ('Just a page') with no feed link and no sign of a VSB site"),
        ("logo.png", "72 bytes of image/png, neither a feed nor a web page"),
    ],
)
def test_nothing_readable_is_one_line_and_exit_1(nr: Runner, path: str, found: str) -> None:
    with feed_server() as base:
        code, out, err = nr("add", base + path)
    assert code == 1
    assert out == ""
    assert (
        err == f"newsreader: Unrecognised page: nothing to read at {base + path}: found {found}\n"
    )
    assert not sources_file().exists()


def test_add_refuses_an_off_site_redirect(nr: Runner) -> None:
    with feed_server() as other, routes({"/go": (f"redirect:{other}rss.xml", b"")}) as server:
        code, _, err = nr("add", server.url + "go")
    assert code == 1
    assert "redirect off the site refused" in err
    assert len(err.splitlines()) == 1


@pytest.mark.parametrize(
    ("pages", "message"),
    [
        ({"/robots.txt": ("text/plain", b"User-agent: *\nDisallow: /\n")}, "Blocked by robots.txt"),
        ({}, "HTTP error: HTTP 404 Not Found"),
    ],
)
def test_add_fetches_politely_and_says_why_not(
    nr: Runner, pages: dict[str, tuple[str, bytes]], message: str
) -> None:
    with routes({**pages, "/rss.xml": ("application/rss+xml", RSS_GBK)}) as server:
        code, out, err = nr("add", server.url + ("rss.xml" if pages else "gone.xml"))
        if pages:
            assert all(b"GET /rss.xml" not in head for head in server.requests)
    assert code == 1
    assert out == ""
    assert err.startswith(f"newsreader: {message}")
    assert len(err.splitlines()) == 1


def test_add_with_a_name_and_a_taken_name(nr: Runner) -> None:
    with feed_server() as base:
        assert nr.json("add", base + "rss.xml", "--name", "教务处")["name"] == "教务处"
        code, _, err = nr("add", base + "atom", "--name", DEFAULT_SITE_NAME)
    assert code == 2
    assert "taken" in err


def test_add_offline_says_it_needs_the_network(nr: Runner) -> None:
    code, _, err = nr("--offline", "add", "https://example.invalid/feed.xml")
    assert code == 1
    assert err.startswith("newsreader: Offline: ")


# --- --source NAME ----------------------------------------------------------------------------


def test_source_picks_the_site_before_or_after_the_command(
    nr: Runner, demo_server: DemoServer
) -> None:
    assert nr("add", demo_server.base_url, "--name", "demo")[0] == 0
    before = nr.json("--source", "demo", "sections")
    after = nr.json("sections", "--source", "demo")
    assert before == after
    assert isinstance(before, list) and before[2]["title"] == "新闻资讯"
    items = nr.json("list", "新闻", "--source", "demo")
    assert isinstance(items, list) and len(items) == 20
    assert all(i["url"].startswith(demo_server.base_url) for i in items)
    assert nr.json("--source", "DEMO", "list", "新闻") == items  # names ignore case


def test_source_for_sync_and_export(nr: Runner, demo_server: DemoServer, tmp_path: Path) -> None:
    assert nr("add", demo_server.base_url, "--name", "demo")[0] == 0
    code, out, err = nr("--source", "demo", "sync", "行业动态")
    assert code == 0, err
    assert "fetched" in out
    code, out, err = nr("export", "行业动态", "--source", "demo", "-o", str(tmp_path / "out"))
    assert code == 0, err
    assert len(list((tmp_path / "out").rglob("*.md"))) > 1


def test_source_limits_search_to_its_articles(nr: Runner, demo_server: DemoServer) -> None:
    with serve_template("a_tables") as site:
        assert nr("add", site, "--name", "school")[0] == 0
        assert nr("add", demo_server.base_url, "--name", "demo")[0] == 0
        assert nr("--source", "demo", "sync", "行业动态")[0] == 0
        assert nr("read", site + "info/1023/2831.htm")[0] == 0

    def urls(*args: str) -> set[str]:
        hits = nr.json("--offline", *args, "search", "会议")
        assert isinstance(hits, list)
        return {hit["url"] for hit in hits}

    everything = urls()
    school = urls("--source", "school")
    demo = urls("--source", "demo")
    assert school == {site + "info/1023/2831.htm"}
    assert demo and all(url.startswith(demo_server.base_url) for url in demo)
    assert school | demo == everything


def test_source_and_site_together_are_a_usage_error(nr: Runner, demo_server: DemoServer) -> None:
    code, _, err = nr("--site", demo_server.base_url, "--source", DEFAULT_SITE_NAME, "sections")
    assert code == 2
    assert "--site" in err and "--source" in err


def test_a_url_off_the_source_is_a_usage_error(nr: Runner, demo_server: DemoServer) -> None:
    assert nr("add", demo_server.base_url, "--name", "demo")[0] == 0
    code, _, err = nr("--source", "demo", "list", "https://elsewhere.example.cn/xw.htm")
    assert code == 2
    assert "not on the source 'demo'" in err


# --- read URL finds its source ---------------------------------------------------------------


def _read_args(url: str) -> tuple[argparse.Namespace, Config]:
    args = build_parser().parse_args(["read", url])
    return args, config_from_args(args)


def test_read_url_runs_on_the_registered_site_it_is_under(nr: Runner) -> None:
    sources_file().write_text(
        '[[source]]\nname = "root"\nurl = "https://x.edu.cn/"\nkind = "vsb"\n'
        '[[source]]\nname = "jwc"\nurl = "https://x.edu.cn/jwc/"\nkind = "vsb"\n',
        encoding="utf-8",
    )
    args, config = _read_args("https://www.x.edu.cn/jwc/info/1/2.htm")
    chosen, source = resolve_source(args, config)
    assert source is not None and source.home_url == "https://x.edu.cn/jwc/"
    assert chosen.site_url == "https://x.edu.cn/jwc/"
    args, config = _read_args("https://y.edu.cn/info/1/2.htm")
    assert resolve_source(args, config) == (config, None)


def test_read_of_another_site_does_not_depend_on_a_broken_sources_file(nr: Runner) -> None:
    sources_file().write_text("[[source]\n", encoding="utf-8")
    with serve_template("a_tables") as site:
        code, out, err = nr("read", site + "info/1023/2831.htm", "--json")
    assert code == 0
    assert json.loads(out)["title"].startswith("学院召开2024年秋季学期")
    assert "Configuration error" in err and "on its own site" in err
