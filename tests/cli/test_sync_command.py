"""``newsreader sync`` output and options, and ``list --pages N`` over a partly cached section."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_runner import Runner
from sync_sites import BrokenLinksSite

from newsreader.demo.server import DemoServer
from newsreader.demo.site import DemoSite

SECTION = "新闻资讯/新闻"


def _summary(out: str) -> str:
    return out.strip().splitlines()[-1]


def test_a_deeper_sync_after_a_shallow_one_fetches_the_rest(cli: Runner) -> None:
    code, out, err = cli("sync", SECTION, "--pages", "1")
    assert code == 0, err
    assert _summary(out) == "sync: 20 fetched (20 new, 0 updated), 0 unchanged, 0 failed"
    code, out, err = cli("sync", SECTION, "--pages", "4")
    assert code == 0, err
    assert _summary(out) == "sync: 35 fetched (35 new, 0 updated), 20 unchanged, 0 failed"
    code, out, err = cli("--offline", "list", SECTION, "--pages", "4", "--json")
    assert code == 0, err
    assert len(json.loads(out)) == 55


def test_offline_list_prints_the_cached_pages_and_names_the_missing_one(
    cli: Runner, demo_server: DemoServer
) -> None:
    code, _, err = cli("sync", SECTION, "--pages", "1")
    assert code == 0, err
    code, out, err = cli("--offline", "list", SECTION, "--pages", "4")
    assert code == 0
    assert len(out.strip().splitlines()) == 20
    missing = [line for line in err.splitlines() if "not in the cache" in line]
    assert len(missing) == 1
    assert demo_server.url("xwzx/xw/2.htm") in missing[0] and "1 of the 4 pages" in missing[0]
    code, out, _ = cli("--offline", "list", SECTION, "--pages", "4", "--json")
    assert code == 0 and len(json.loads(out)) == 20
    # Nothing to show at all is still a failure.
    code, out, err = cli("--offline", "list", "协会工作/通知公告", "--pages", "2")
    assert code == 1 and out == "" and "not in the cache" in err


def test_sync_says_when_it_continues_an_interrupted_sync_and_refresh_starts_over(
    capsys: pytest.CaptureFixture[str],
    fresh_demo_server: DemoServer,
    cache_dir: Path,
    demo_site: DemoSite,
) -> None:
    cli = Runner(capsys, fresh_demo_server.base_url, cache_dir)
    fresh_demo_server.validators = False
    broken = next(a for a in demo_site.articles if a.column == "xwzx/xw")
    fresh_demo_server.fail_paths.add("/" + broken.path)
    code, out, _ = cli("sync", SECTION)
    assert code == 0 and _summary(out).endswith(
        "19 fetched (19 new, 0 updated), 0 unchanged, 1 failed"
    )
    fresh_demo_server.fail_paths.clear()
    fresh_demo_server.reset_log()
    code, out, err = cli("sync", SECTION)
    assert code == 0
    assert _summary(out) == "sync: 1 fetched (1 new, 0 updated), 19 unchanged, 0 failed"
    assert "continued the interrupted sync of 1 section" in err and "--refresh" in err
    assert [r for r in fresh_demo_server.requests if r.startswith("/info/")] == ["/" + broken.path]
    fresh_demo_server.reset_log()
    code, out, err = cli("sync", SECTION, "--refresh")
    assert code == 0 and "continued" not in err
    assert _summary(out) == "sync: 0 fetched (0 new, 0 updated), 20 unchanged, 0 failed"
    assert len([r for r in fresh_demo_server.requests if r.startswith("/info/")]) == 20


def test_many_failures_are_summed_up_in_a_few_lines(
    capsys: pytest.CaptureFixture[str], cache_dir: Path
) -> None:
    site = BrokenLinksSite(links=300)
    with DemoServer(site) as server:
        cli = Runner(capsys, server.base_url, cache_dir)
        code, out, err = cli("sync", SECTION)
    failed = [line for line in err.splitlines() if line.startswith("newsreader: failed: ")]
    assert failed[-1] == "newsreader: failed: … and 290 more"
    assert len(failed) == 11 and all("404" in line for line in failed[:10])
    assert _summary(out) == "sync: 0 fetched (0 new, 0 updated), 0 unchanged, 300 failed"
    assert code == 1  # nothing could be synced at all
