"""Malformed links and arguments (issue 11, case 3) and off-site fetches (case 4), end to end.

A list item ``info/1023/<4,301 digits>.htm`` (Python's ``int()`` refuses it), a same-host link
on port 99999 (asyncio fails with ``IndexError``), a 70-character host label (``UnicodeError``):
each is skipped with a note and counted, and the command goes on. A bad argument is a usage error
(exit 2). Pages are only ever fetched from the site: same host *and port*, so a hostile page
cannot make the reader contact another service on the host, nor ask it for robots.txt.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from cli_runner import Runner
from faults import RawServer, demo_site

from newsreader.core.config import FetchSettings
from newsreader.core.errors import OffSiteError
from newsreader.core.http.fetcher import Fetcher
from newsreader.demo.site import DemoSite

pytestmark = pytest.mark.timeout(120)

LONG = "9" * 4301
FIRST = '"../info/1023/2739.htm"'  # the first item of 新闻资讯/新闻 on the demo site
SECOND = '"../info/1023/2643.htm"'
SECTION = "新闻资讯/新闻"
_SITE = DemoSite()


def run(
    capsys: pytest.CaptureFixture[str], site: str, cache: Path, *args: str
) -> tuple[int, str, str]:
    code, out, err = Runner(capsys, site, cache)(*args)
    assert "internal error" not in err and "Traceback" not in err, err
    return code, out, err


@pytest.fixture
def bystander() -> Iterator[RawServer]:
    """Another service on the same host (another port): it must never be contacted."""
    with RawServer(demo_site()) as server:
        yield server


@pytest.mark.parametrize(
    "href",
    [
        f'"../info/1023/{LONG}.htm"',
        f'"../content.jsp?urltype=news.NewsContentUrl&amp;wbtreeid=1023&amp;wbnewsid={LONG}"',
        '"http://127.0.0.1:99999/info/1023/2739.htm"',
        '"http://' + "a" * 70 + '.cn/info/1023/2739.htm"',
    ],
    ids=["info-4301-digits", "jsp-4301-digits", "port-99999", "host-label-70"],
)
def test_a_malformed_list_link_is_skipped_with_a_note(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, href: str
) -> None:
    with RawServer(demo_site({FIRST: href})) as server:
        code, out, err = run(capsys, server.url, tmp_path / "c1", "list", SECTION, "--json")
        assert code == 0, err
        assert len(json.loads(out)) == 19
        assert "1 link(s) skipped" in err
        code, out, err = run(capsys, server.url, tmp_path / "c2", "sync", SECTION)
        assert code == 0, err
        assert "sync: 19 fetched (19 new, 0 updated), 0 unchanged, 0 failed, 1 link skipped" in out
        code, out, err = run(
            capsys, server.url, tmp_path / "c3", "export", SECTION, "-o", str(tmp_path / "out")
        )
        assert code == 0, err
        assert len(out.splitlines()) == 20  # 19 articles and the index
        assert "1 link(s) of the list skipped" in err


def test_a_malformed_nav_link_costs_only_its_own_section(
    capsys: pytest.CaptureFixture[str], cache_dir: Path
) -> None:
    hostile = {
        'href="zcfg/yw.htm">政策法规': f'href="info/1/{LONG}.htm">政策法规',  # a top entry
        'href="zcfg/zy.htm">中央': 'href="http://127.0.0.1:99999/zcfg/zy.htm">中央',  # a child
    }
    with RawServer(demo_site(hostile)) as server:
        code, out, err = run(capsys, server.url, cache_dir, "sections", "--json")
    assert code == 0, err
    tops = {top["title"]: top for top in json.loads(out)}
    assert len(tops) == 7
    policy = tops["政策法规"]
    children = {child["title"]: child["url"] for child in policy["children"]}
    assert children["中央"] is None
    # Like a javascript:; parent, the entry opens its first child's list.
    assert policy["url"] == children["要闻"] == server.url + "zcfg/yw.htm"


def test_whole_site_sync_goes_on_past_a_link_on_port_99999(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    with RawServer(demo_site()) as server:
        code, out, err = run(capsys, server.url, tmp_path / "clean", "sync")
    assert code == 0, err
    clean = int(out.strip().splitlines()[-1].split()[1])
    with RawServer(demo_site({FIRST: '"http://127.0.0.1:99999/info/1023/2739.htm"'})) as server:
        code, out, err = run(capsys, server.url, tmp_path / "hostile", "sync")
    assert code == 0, err
    summary = out.strip().splitlines()[-1]
    assert summary == (
        f"sync: {clean - 1} fetched ({clean - 1} new, 0 updated), 0 unchanged, 0 failed, "
        "1 link skipped"
    )


def test_links_to_another_port_are_external_and_never_fetched(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, bystander: RawServer
) -> None:
    other = f'"{bystander.url}info/1023/2643.htm"'
    pager = {'<a href="xw/2.htm">下页': f'<a href="{bystander.url}xwzx/xw/2.htm">下页'}
    with RawServer(demo_site({SECOND: other, **pager})) as server:
        code, out, err = run(capsys, server.url, tmp_path / "c1", "list", SECTION, "--json")
        assert code == 0, err
        items = json.loads(out)
        assert [i["external"] for i in items if i["url"].startswith(bystander.url)] == [True]
        code, out, err = run(
            capsys, server.url, tmp_path / "c1", "list", SECTION, "--pages", "3", "--json"
        )
        assert code == 0 and len(json.loads(out)) == 20, err  # the pager led off the site
        assert "1 link(s) skipped" in err
        code, out, err = run(capsys, server.url, tmp_path / "c2", "sync", SECTION, "--pages", "3")
        assert code == 0, err
        assert "19 fetched" in out
    assert bystander.requests == []  # not an article, not a list page, not robots.txt


async def test_the_fetcher_refuses_pages_off_the_site(bystander: RawServer) -> None:
    settings = FetchSettings(polite_delay=0)
    async with Fetcher(settings, site_url="http://127.0.0.1:1/") as fetcher:
        for url in (bystander.url, bystander.url.replace("127.0.0.1", "localhost")):
            with pytest.raises(OffSiteError, match=r"is not on the site http://127\.0\.0\.1:1/"):
                await fetcher.get(url + "info/1023/2643.htm")
    assert bystander.requests == []


def test_reading_another_sites_article_asks_only_that_site(
    capsys: pytest.CaptureFixture[str], cache_dir: Path, bystander: RawServer
) -> None:
    article = _SITE.articles[0]
    with RawServer(demo_site()) as configured:
        url = bystander.url + article.path
        code, out, err = run(capsys, configured.url, cache_dir, "read", url, "--json")
        assert code == 0, err
        assert json.loads(out)["title"] == article.title
        assert configured.requests == []
        code, _, err = run(capsys, configured.url, cache_dir, "sync", SECTION, bystander.url)
        assert code == 2 and "is not on the site" in err
        assert configured.requests == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["read", ""], "the URL is empty"),
        (["read", "  "], "the URL is empty"),
        (["read", "http://[::1"], "does not parse"),
        (["read", "http://" + "a" * 70 + ".cn/info/1/2.htm"], "does not encode"),
        (["read", "http://127.0.0.1:99999/info/1/2.htm"], "between 1 and 65535"),
        (["list", "http://127.0.0.1:0/xw.htm"], "between 1 and 65535"),
        (["export", "http://[::1/x", "-o", "out"], "does not parse"),
    ],
)
def test_malformed_url_arguments_are_usage_errors(
    capsys: pytest.CaptureFixture[str], cache_dir: Path, args: list[str], message: str
) -> None:
    with RawServer(demo_site()) as server:
        code, out, err = run(capsys, server.url, cache_dir, *args)
        assert server.requests == []
    assert code == 2 and out == ""
    assert err.startswith("newsreader: Usage error: ") and message in err
    assert err.count("\n") == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--site", "http://127.0.0.1:99999/", "sections"], "between 1 and 65535"),
        (["--site", "javascript:alert(1)", "sections"], "not an http(s) site URL"),
        (["--site", "", "sections"], "the site URL is empty"),
        (["--cache-dir", "", "sections"], "argument --cache-dir: the path is empty"),
        (["--config", "", "sections"], "argument --config: the path is empty"),
        (["cache", "--prune-size", "1e308"], "must be between 0 and 1000000000"),
        (["cache", "--prune-days", "1e308"], "must be between 0 and 1000000"),
    ],
)
def test_bad_global_options_are_usage_errors(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    args: list[str],
    message: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    from newsreader.cli.main import main

    with pytest.raises(SystemExit) as exit_info:
        main(args)
    _, err = capsys.readouterr()
    assert exit_info.value.code == 2
    assert message in err and "internal error" not in err
    assert os.listdir(tmp_path) == []  # nothing written into the current directory
