"""``newsreader feed SECTION [-o FILE]``: a synced section as Atom 1.0, from the cache alone."""

from __future__ import annotations

import os
from pathlib import Path

import feedparser
import pytest
from atom_check import atom_problems
from cli_runner import Runner
from vsb_sites import ARTICLE, serve_template

from newsreader.demo.server import DemoServer
from newsreader.demo.site import DemoSite

NEWS = "新闻资讯/新闻"
HYDT = "新闻资讯/行业动态"


def _feed(cli: Runner, *args: str) -> feedparser.FeedParserDict:
    code, out, err = cli("feed", *args)
    assert code == 0, err
    assert atom_problems(out.encode()) == []
    parsed = feedparser.parse(out.encode())
    assert not parsed.bozo, parsed.get("bozo_exception")
    return parsed


def test_a_synced_section_as_atom_offline(
    cli: Runner, demo_server: DemoServer, demo_site: DemoSite
) -> None:
    code, _, err = cli("sync", HYDT)
    assert code == 0, err
    parsed = _feed(cli, "--offline", HYDT)
    assert parsed.version == "atom10"
    assert parsed.feed.title == "高校毕业生就业协会 › 新闻资讯 › 行业动态"
    assert parsed.feed.link == demo_server.url("/xwzx/hydt.htm")
    expected = [a for a in demo_site.articles if a.column == "xwzx/hydt"]
    expected.sort(key=lambda a: a.published, reverse=True)
    assert [e.link for e in parsed.entries] == [
        demo_server.url(f"/info/{a.tree_id}/{a.news_id}.htm") for a in expected
    ]
    assert [e.title for e in parsed.entries] == [a.title for a in expected]
    # The article's own publication time, China time, not when it was synced.
    assert [e.updated for e in parsed.entries] == [
        a.published.replace(" ", "T") + ":00+08:00" for a in expected
    ]
    assert [e.published for e in parsed.entries] == [e.updated for e in parsed.entries]
    assert parsed.feed.updated == parsed.entries[0].updated
    assert [e.author for e in parsed.entries] == [a.source for a in expected]
    assert all(e.id.startswith("urn:uuid:") for e in parsed.entries)
    assert len({e.id for e in parsed.entries}) == len(expected)
    first = parsed.entries[0]
    assert first.summary and first.content[0].type == "text/html"
    assert "<p>" in first.content[0].value


def test_ids_and_the_document_stay_the_same_across_runs_and_a_resync(cli: Runner) -> None:
    code, _, err = cli("sync", NEWS)
    assert code == 0, err
    first = cli("feed", "--offline", NEWS)
    again = cli("feed", "--offline", NEWS)
    code, _, err = cli("sync", "--refresh", NEWS)
    assert code == 0, err
    resynced = cli("feed", "--offline", NEWS)
    assert first[0] == again[0] == resynced[0] == 0
    assert first[1] == again[1] == resynced[1]
    parsed = feedparser.parse(first[1].encode())
    assert len(parsed.entries) == 20


def test_an_article_listed_as_content_jsp_is_one_entry_under_its_static_url(
    cli: Runner, demo_server: DemoServer, demo_site: DemoSite
) -> None:
    code, _, err = cli("sync", NEWS)
    assert code == 0, err
    parsed = _feed(cli, "--offline", NEWS)
    jsp = [a for a in demo_site.articles if a.column == "xwzx/xw" and a.jsp_link]
    links = {e.link for e in parsed.entries}
    listed = [a for a in jsp if demo_server.url(f"/info/{a.tree_id}/{a.news_id}.htm") in links]
    assert listed, "the first list page links some articles as content.jsp"
    assert not any("content.jsp" in link for link in links)


def test_feed_reads_the_cache_and_never_the_network(
    fresh_demo_server: DemoServer, capsys: pytest.CaptureFixture[str], cache_dir: Path
) -> None:
    cli = Runner(capsys, fresh_demo_server.base_url, cache_dir)
    code, _, err = cli("sync", HYDT)
    assert code == 0, err
    fresh_demo_server.reset_log()
    parsed = _feed(cli, HYDT)  # online: still the cache only
    assert len(parsed.entries) == 6
    assert fresh_demo_server.requests == []


def test_output_file_is_replaced_whole(cli: Runner, tmp_path: Path) -> None:
    code, _, err = cli("sync", HYDT)
    assert code == 0, err
    target = tmp_path / "hydt.xml"
    target.write_text("old feed", encoding="utf-8")
    target.chmod(0o640)
    code, out, err = cli("feed", "--offline", HYDT, "-o", str(target))
    assert code == 0, err
    assert out == ""
    data = target.read_bytes()
    assert data.startswith(b"<?xml") and atom_problems(data) == []
    assert (target.stat().st_mode & 0o777) == 0o640
    assert sorted(os.listdir(tmp_path)) == ["cache", "hydt.xml"]
    new = tmp_path / "new.xml"
    code, _, err = cli("feed", "--offline", HYDT, "-o", str(new))
    assert code == 0, err
    assert new.read_bytes() == data


def test_output_into_a_missing_directory_fails_in_one_line(cli: Runner, tmp_path: Path) -> None:
    code, _, err = cli("sync", HYDT)
    assert code == 0, err
    code, out, err = cli("feed", "--offline", HYDT, "-o", str(tmp_path / "no" / "f.xml"))
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and "cannot write the feed" in err
    code, _, err = cli("feed", "--offline", HYDT, "-o", str(tmp_path))
    assert code == 1 and "is a directory" in err


def test_a_section_never_synced_is_an_empty_valid_feed_and_a_note(cli: Runner) -> None:
    code, _, err = cli("sections")
    assert code == 0, err
    code, out, err = cli("feed", "--offline", HYDT)
    assert code == 0
    assert atom_problems(out.encode()) == []
    parsed = feedparser.parse(out.encode())
    assert parsed.entries == [] and parsed.feed.title.endswith("新闻资讯 › 行业动态")
    assert "newsreader sync" in err and "empty" in err


def test_listed_but_unread_articles_are_left_out_with_a_note(
    cli: Runner, demo_server: DemoServer, demo_site: DemoSite
) -> None:
    code, _, err = cli("list", HYDT)
    assert code == 0, err
    code, out, err = cli("feed", "--offline", HYDT)
    assert code == 0 and feedparser.parse(out.encode()).entries == []
    assert err.count("\n") == 1 and "no article of 新闻资讯 › 行业动态 is in the cache" in err
    article = next(a for a in demo_site.articles if a.column == "xwzx/hydt")
    code, _, err = cli("read", demo_server.url(f"/info/{article.tree_id}/{article.news_id}.htm"))
    assert code == 0, err
    code, out, err = cli("feed", "--offline", HYDT)
    assert code == 0
    parsed = feedparser.parse(out.encode())
    assert [e.title for e in parsed.entries] == [article.title]
    assert "5 listed article(s) are not in the cache" in err


def test_a_list_page_url_names_the_section(cli: Runner, demo_server: DemoServer) -> None:
    code, _, err = cli("sync", HYDT)
    assert code == 0, err
    parsed = _feed(cli, "--offline", demo_server.url("/xwzx/hydt.htm"))
    assert parsed.feed.title == "高校毕业生就业协会 › 新闻资讯 › 行业动态"
    assert len(parsed.entries) == 6


def test_bad_sections_and_an_uncached_tree(cli: Runner) -> None:
    code, _, err = cli("feed", "--offline", HYDT)
    assert code == 1 and err.count("\n") == 1
    assert "section tree" in err and "not in the cache; run `newsreader sync`" in err
    code, _, err = cli("sections")
    assert code == 0, err
    code, _, err = cli("feed", "--offline", "没有这个栏目")
    assert code == 2 and "no section" in err
    with pytest.raises(SystemExit) as usage:
        cli("feed", "--offline", HYDT, "-o", "")
    assert usage.value.code == 2


@pytest.mark.parametrize("template", ["a_tables", "b_divnav"])
def test_a_section_of_other_vsb_templates(
    template: str, capsys: pytest.CaptureFixture[str], cache_dir: Path
) -> None:
    # The templates hold one article of their list (the others are 404s, failures of the sync).
    with serve_template(template) as site_url:
        cli = Runner(capsys, site_url, cache_dir)
        code, _, err = cli("sync", NEWS)
        assert code == 0, err
        listed = cli.json("--offline", "list", NEWS)
    assert isinstance(listed, list)
    parsed = _feed(cli, "--offline", NEWS)
    assert [e.link for e in parsed.entries] == [site_url + ARTICLE]
    entry = parsed.entries[0]
    assert entry.title == listed[0]["title"]
    assert entry.updated.startswith(listed[0]["date"] + "T")
    assert entry.updated.endswith("+08:00")
