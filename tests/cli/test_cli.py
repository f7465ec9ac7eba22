"""The command-line contract, driven against the demo site served on 127.0.0.1."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from cli_runner import Runner

from newsreader.core.cache.search import MAX_QUERY_CHARS
from newsreader.core.parse import listing
from newsreader.demo.server import DemoServer
from newsreader.demo.site import DemoSite

TOP = ["协会概况", "政策法规", "新闻资讯", "协会工作", "学术研究", "专题专栏", "会员服务"]


def test_sections_json_is_the_nav_tree(cli: Runner, demo_server: DemoServer) -> None:
    tree = cli.json("sections")
    assert isinstance(tree, list)
    assert [s["title"] for s in tree] == TOP
    news = tree[2]
    assert [c["title"] for c in news["children"]] == ["新闻", "行业动态"]
    assert news["children"][0]["url"] == demo_server.url("xwzx/xw.htm")
    # 协会概况 links javascript:; so it takes its first child's link.
    assert tree[0]["url"] == tree[0]["children"][0]["url"] == demo_server.url("xhgk/xhjj.htm")
    assert tree[5] == {"title": "专题专栏", "url": demo_server.url("ztzl.htm"), "children": []}
    assert len(tree[6]["children"]) == 7


def test_sections_text_is_an_outline(cli: Runner) -> None:
    code, out, _ = cli("sections")
    assert code == 0
    assert "新闻资讯" in out and "\n  新闻  http" in out


def test_list_follows_countdown_pagination(cli: Runner, demo_site: DemoSite) -> None:
    items = cli.json("list", "新闻资讯/新闻", "--pages", "3")
    assert isinstance(items, list)
    expected = [a for a in demo_site.articles if a.column == "xwzx/xw"]
    assert len(items) == len(expected) == 55
    assert [i["title"] for i in items] == [a.title for a in expected]
    dates = [i["date"] for i in items]
    assert dates == sorted(dates, reverse=True)
    assert all(i["url"].endswith(f"/{a.path}") for i, a in zip(items, expected, strict=True))
    assert not any(i["external"] for i in items)


def test_list_one_page_by_default_and_by_url(cli: Runner, demo_server: DemoServer) -> None:
    by_title = cli.json("list", "新闻")
    by_url = cli.json("list", demo_server.url("xwzx/xw.htm"))
    assert isinstance(by_title, list)
    assert len(by_title) == 20
    assert by_title == by_url


def test_list_marks_external_links(cli: Runner) -> None:
    items = cli.json("list", "政策法规/教育部")
    assert isinstance(items, list)
    external = [i for i in items if i["external"]]
    assert len(external) == 2
    assert all("127.0.0.1" not in i["url"] for i in external)


def test_read_json_has_the_whole_article(
    cli: Runner, demo_server: DemoServer, demo_site: DemoSite
) -> None:
    art = next(a for a in demo_site.articles if a.attachments and a.column == "xhgz/tzgg")
    data = cli.json("read", demo_server.url(art.path))
    assert isinstance(data, dict)
    assert data["title"] == art.title
    assert data["date"] == art.date
    assert data["source"] == art.source
    assert data["editor"] == art.editor
    assert data["section"] == list(art.section)
    assert [a["name"] for a in data["attachments"]] == [name for _, name in art.attachments]
    assert "\n\n" in data["body"] and "\n\n\n" not in data["body"]
    assert "责任编辑" not in data["body"]
    assert data["images"] and data["images"][0]["url"].startswith(demo_server.base_url)
    assert set(data) == {
        "url",
        "title",
        "source",
        "date",
        "editor",
        "section",
        "body",
        "attachments",
        "images",
        "prev",
        "next",
    }


def test_read_prev_next_and_none_at_the_ends(
    cli: Runner, demo_server: DemoServer, demo_site: DemoSite
) -> None:
    column = [a for a in demo_site.articles if a.column == "xwzx/xw"]
    newest = cli.json("read", demo_server.url(column[0].path))
    oldest = cli.json("read", demo_server.url(column[-1].path))
    assert isinstance(newest, dict) and isinstance(oldest, dict)
    neighbours = [newest["prev"], newest["next"]]
    assert None in neighbours
    other = next(n for n in neighbours if n)
    assert other["title"] == column[1].title
    assert None in (oldest["prev"], oldest["next"])


def test_read_content_jsp_form_is_the_same_article(
    cli: Runner, demo_server: DemoServer, demo_site: DemoSite
) -> None:
    art = next(a for a in demo_site.articles if a.jsp_link)
    jsp = demo_server.url(
        f"content.jsp?urltype=news.NewsContentUrl&wbtreeid={art.tree_id}&wbnewsid={art.news_id}"
    )
    a = cli.json("read", jsp)
    b = cli.json("read", demo_server.url(art.path))
    assert a == b


def test_read_text_and_markdown(cli: Runner, demo_server: DemoServer, demo_site: DemoSite) -> None:
    art = demo_site.articles[0]
    code, text, _ = cli("--lang", "zh", "read", art.path)  # relative to the site
    assert code == 0
    assert text.startswith(art.title + "\n")
    assert f"发布日期: {art.published}" in text
    code, md, _ = cli("--lang", "zh", "read", demo_server.url(art.path), "--markdown")
    assert code == 0
    assert md.startswith("# ")
    assert f"- 原文: <{demo_server.url(art.path)}>" in md


def test_gb18030_section_decodes(cli: Runner, demo_site: DemoSite) -> None:
    items = cli.json("list", "学术研究/研究报告")
    expected = [a.title for a in demo_site.articles if a.column == "xsyj/yjbg"]
    assert isinstance(items, list)
    assert [i["title"] for i in items] == expected[: len(items)]
    assert all("\ufffd" not in i["title"] for i in items)


def test_offline_reads_what_was_fetched_and_refuses_the_rest(
    capsys: pytest.CaptureFixture[str],
    fresh_demo_server: DemoServer,
    cache_dir: Path,
    demo_site: DemoSite,
) -> None:
    cli = Runner(capsys, fresh_demo_server.base_url, cache_dir)
    art, other = demo_site.articles[0], demo_site.articles[1]
    online = cli.json("read", fresh_demo_server.url(art.path))
    fresh_demo_server.reset_log()
    code, out, err = cli("--offline", "read", fresh_demo_server.url(art.path), "--json")
    assert code == 0 and json.loads(out) == online
    assert "offline" in err
    code, out, err = cli("--offline", "read", fresh_demo_server.url(other.path))
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and "Not cached" in err and "Traceback" not in err
    assert fresh_demo_server.requests == []


def test_network_failure_serves_the_cache_and_says_so(
    capsys: pytest.CaptureFixture[str], demo_site: DemoSite, cache_dir: Path
) -> None:
    server = DemoServer(demo_site).start()
    cli = Runner(capsys, server.base_url, cache_dir)
    url = server.url(demo_site.articles[0].path)
    online = cli.json("read", url)
    server.stop()
    code, out, err = cli("read", url, "--json")
    assert code == 0 and json.loads(out) == online
    assert "cached copy" in err
    code, out, err = cli("read", server.url(demo_site.articles[1].path))
    assert code == 1 and err.count("\n") == 1 and "Traceback" not in err


def test_server_errors_keep_the_last_good_copy(
    capsys: pytest.CaptureFixture[str],
    fresh_demo_server: DemoServer,
    cache_dir: Path,
    demo_site: DemoSite,
) -> None:
    cli = Runner(capsys, fresh_demo_server.base_url, cache_dir)
    art = demo_site.articles[0]
    good = cli.json("read", fresh_demo_server.url(art.path))
    fresh_demo_server.fail_paths.add("/" + art.path)
    fresh_demo_server.fail_status = 500
    code, out, err = cli("read", fresh_demo_server.url(art.path), "--json")
    assert code == 0 and json.loads(out) == good and "500" in err
    code, _, err = cli("read", fresh_demo_server.url("info/1/404404.htm"))
    assert code == 1 and "404" in err and err.count("\n") == 1


def test_sync_then_search_offline(
    capsys: pytest.CaptureFixture[str],
    fresh_demo_server: DemoServer,
    cache_dir: Path,
    demo_site: DemoSite,
) -> None:
    cli = Runner(capsys, fresh_demo_server.base_url, cache_dir)
    code, out, err = cli("sync", "新闻资讯/新闻", "--pages", "3")
    assert code == 0, err
    assert out.strip() == "sync: 55 fetched (55 new, 0 updated), 0 unchanged, 0 failed"
    fresh_demo_server.reset_log()
    code, out, _ = cli("sync", "新闻资讯/新闻", "--pages", "3")
    # Incremental: page 1 holds only cached articles, so paging stops there; each is revalidated.
    assert out.strip() == "sync: 0 fetched (0 new, 0 updated), 20 unchanged, 0 failed"
    assert not any(r.startswith("/xwzx/xw/") for r in fresh_demo_server.requests)
    fresh_demo_server.stop()
    target = next(a for a in demo_site.articles if a.column == "xwzx/xw")
    word = target.title[2:4]
    code, out, err = cli("--offline", "search", word, "--json")
    assert code == 0, err
    hits = json.loads(out)
    assert any(h["title"] == target.title for h in hits)
    assert all(set(h) == {"title", "url", "date", "snippet"} for h in hits)
    code, out, _ = cli("--offline", "list", "新闻资讯/新闻", "--pages", "3", "--json")
    assert code == 0 and len(json.loads(out)) == 55


def test_list_notes_entries_left_out_past_the_cap(
    cli: Runner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(listing, "MAX_LIST_ITEMS", 5)
    code, out, err = cli("list", "新闻资讯/新闻", "--json")
    assert code == 0
    assert len(json.loads(out)) == 5
    assert err.endswith(
        "xwzx/xw.htm: 15 more links left out (one list page gives at most 5 entries)\n"
    )
    assert err.startswith("newsreader: ") and err.count("\n") == 1


def test_a_long_query_is_cut_with_a_note(
    cli: Runner, demo_server: DemoServer, demo_site: DemoSite
) -> None:
    art = demo_site.articles[0]
    body = cli.json("read", demo_server.url(art.path))
    assert isinstance(body, dict)
    head = body["body"][:MAX_QUERY_CHARS]
    assert len(head) == MAX_QUERY_CHARS
    code, out, err = cli("--offline", "search", head, "--json")
    assert code == 0 and err == ""
    found = json.loads(out)
    assert art.title in [h["title"] for h in found]
    pasted = head + "无关的字" * 2_500  # 10,000 characters more: no article has them
    code, out, err = cli("--offline", "search", pasted, "--json")
    assert code == 0
    assert json.loads(out) == found
    assert err == (
        f"newsreader: the query has {len(pasted):,} characters; "
        f"searching its first {MAX_QUERY_CHARS} only\n"
    )


@pytest.mark.parametrize(
    "args",
    [["bogus"], ["list", "x", "--pages", "0"], ["read", "a", "--json", "--markdown"]],
)
def test_usage_errors_exit_2(cli: Runner, args: list[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        cli(*args)
    assert exc.value.code == 2


def test_list_of_a_site_without_a_section_is_a_usage_error(cli: Runner) -> None:
    # A feed's list needs no section (it has one); a site's does.
    code, out, err = cli("list")
    assert code == 2 and out == "" and "list needs a SECTION" in err


def test_unknown_section_is_a_usage_error(cli: Runner) -> None:
    code, _, err = cli("list", "没有这个栏目")
    assert code == 2 and "no section" in err


def test_unreachable_host_is_one_line_exit_1(
    capsys: pytest.CaptureFixture[str], cache_dir: Path
) -> None:
    cli = Runner(capsys, "http://127.0.0.1:9/", cache_dir)
    code, out, err = cli("sections")
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and "127.0.0.1" in err and "Traceback" not in err


def test_console_script_end_to_end(demo_server: DemoServer, cache_dir: Path) -> None:
    env = {**os.environ, "NEWSREADER_CACHE_DIR": str(cache_dir)}
    proc = subprocess.run(
        [sys.executable, "-m", "newsreader", "--site", demo_server.base_url, "sections", "--json"],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        stdin=subprocess.DEVNULL,
    )
    assert proc.returncode == 0, proc.stderr
    assert [s["title"] for s in json.loads(proc.stdout)] == TOP
    assert (cache_dir / "cache.sqlite3").exists()


def test_no_command_without_a_terminal_says_so(cache_dir: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "newsreader", "--cache-dir", str(cache_dir), "--offline"],
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )
    assert proc.returncode == 1
    assert "needs a terminal" in proc.stderr and "Traceback" not in proc.stderr
