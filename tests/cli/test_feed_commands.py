"""A feed through the CLI: ``list`` without a section, ``sections``, ``sync`` then ``read`` of
any of its items by URL (the feed is found from the cache), on the demo's sources."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import feedparser
import pytest
from atom_check import atom_problems
from cli_runner import Runner

from newsreader.demo.sources import DemoSources


@pytest.fixture(scope="module")
def demo() -> Iterator[DemoSources]:
    with DemoSources(ports=None) as running:
        yield running


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str], cache_dir: Path, demo: DemoSources) -> Runner:
    run = Runner(capsys, None, cache_dir)
    for name, entry in zip(("site", "campus", "rss", "atom"), demo.entries, strict=True):
        code, _, err = run("add", entry.url, "--name", name)
        assert code == 0, err
    return run


def test_list_of_a_feed_takes_no_section(cli: Runner, demo: DemoSources) -> None:
    code, out, err = cli("--source", "rss", "list", "--json")
    assert code == 0, err
    items = json.loads(out)
    assert len(items) == 16
    assert all(set(i) == {"title", "url", "date", "external"} for i in items)
    assert [i["title"] for i in items] == [i.title for i in demo.rss.items]
    dates = [i["date"] for i in items]
    assert dates == sorted(dates, reverse=True) and all(len(d) == 10 for d in dates)
    code, out, err = cli("list", "--source", "atom")
    assert code == 0, err
    assert len(out.strip().splitlines()) == 16


def test_list_of_a_site_still_needs_its_section(cli: Runner) -> None:
    code, out, err = cli("--source", "campus", "list")
    assert code == 2 and out == ""
    assert err.strip().splitlines() == [
        "newsreader: Usage error: list needs a SECTION for a site (see `newsreader sections`); "
        "a feed source takes none, only --source NAME (rss, atom)"
    ]


def test_sections_of_a_feed_is_its_one_section(cli: Runner, demo: DemoSources) -> None:
    code, out, err = cli("--source", "rss", "sections", "--json")
    assert code == 0, err
    sections = json.loads(out)
    assert len(sections) == 1 and sections[0]["url"] == demo.entries[2].url
    assert sections[0]["title"] == demo.entries[2].name


def test_offline_read_of_a_synced_feed_item_on_another_host(cli: Runner, demo: DemoSources) -> None:
    code, out, err = cli("--source", "rss", "sync")
    assert code == 0, err
    items = json.loads(cli("--offline", "--source", "rss", "list", "--json")[1])
    campus = [i["url"] for i in items if i["url"].startswith(demo.base_urls[1])]
    own = [i["url"] for i in items if i["url"].startswith(demo.base_urls[2])]
    assert campus and own
    for url in (campus[0], own[0]):
        # No --source: the feed that lists it is found in the cache (the university's VSB
        # site never stored it).
        code, out, err = cli("--offline", "read", url, "--json")
        assert code == 0, err
        article = json.loads(out)
        assert article["url"] == url and len(article["body"]) > 50
        code, out, err = cli("--offline", "--source", "rss", "read", url)
        assert code == 0, err
        assert article["title"] in out
    # The site's own copy is another row: once the site has it, the site's is read.
    code, _, err = cli("read", campus[0], "--json")
    assert code == 0, err
    code, _, err = cli("--offline", "--source", "campus", "read", campus[0], "--json")
    assert code == 0, err


def test_sync_alone_syncs_every_source_and_one_down_stops_none(
    capsys: pytest.CaptureFixture[str], cache_dir: Path
) -> None:
    run = Runner(capsys, None, cache_dir)
    with DemoSources(ports=None, articles_per_section=2) as demo:
        names = ("site", "campus", "rss", "atom")
        for name, entry in zip(names, demo.entries, strict=True):
            assert run("add", entry.url, "--name", name)[0] == 0
        # The first start's list holds the association's site: only 127.0.0.1 here.
        for entry in json.loads(run("sources", "--json")[1]):
            if entry["name"] not in names:
                assert run("remove", entry["name"])[0] == 0
        assert [e["name"] for e in json.loads(run("sources", "--json")[1])] == list(names)
        down = demo.servers[3]
        assert down is not None
        down.stop()
        code, out, err = run("sync")
    assert code == 1
    lines = out.strip().splitlines()
    assert sorted(line.split(":")[0] for line in lines) == ["campus", "rss", "site"]
    assert all(" 0 failed" in line for line in lines), out
    assert err.strip().splitlines() == [
        next(line for line in err.splitlines() if line.startswith("newsreader: atom: sync failed"))
    ]
    # What the others stored reads offline: the feed's items, on either host.
    items = json.loads(run("--offline", "--source", "rss", "list", "--json")[1])
    for item in items:
        code, _, err = run("--offline", "read", item["url"], "--json")
        assert code == 0, err


def test_sync_of_one_source_keeps_its_meaning(cli: Runner, demo: DemoSources) -> None:
    code, out, err = cli("sync", "--source", "atom")
    assert code == 0, err
    assert out.strip().splitlines()[-1].startswith("sync: 16 fetched (16 new")


def test_search_of_a_feed_finds_its_items_on_other_hosts(cli: Runner, demo: DemoSources) -> None:
    assert cli("--source", "rss", "sync")[0] == 0
    assert cli("--source", "site", "sync", "--pages", "1")[0] == 0
    items = json.loads(cli("--offline", "--source", "rss", "list", "--json")[1])
    relayed = next(i for i in items if i["url"].startswith(demo.base_urls[1]))

    def hits(*scope: str) -> list[str]:
        code, out, err = cli("--offline", *scope, "search", relayed["title"], "--json")
        assert code == 0, err
        return [hit["url"] for hit in json.loads(out)]

    assert relayed["url"] in hits("--source", "rss")
    assert relayed["url"] in hits()  # every source by default
    assert relayed["url"] not in hits("--source", "site")
    assert hits("--source", "atom") == []
    # The feed's hits are its items only, wherever they are.
    listed = {i["url"] for i in items}
    code, out, _ = cli("--offline", "--source", "rss", "search", "的", "--json", "--limit", "500")
    assert code == 0 and {h["url"] for h in json.loads(out)} <= listed


def test_feed_of_a_feed_source_keeps_its_items_on_other_hosts(
    cli: Runner, demo: DemoSources
) -> None:
    assert cli("--source", "rss", "sync")[0] == 0
    expected = [item.link if "://" in item.link else "" for item in demo.rss.items]
    relayed = [url for url in expected if url.startswith(demo.base_urls[1])]
    assert relayed  # items of the university's site, on another port than the feed's
    # A feed is its one section: none need be named; naming it by its URL is the same.
    for section in ((), (demo.entries[2].url,)):
        code, out, err = cli("--offline", "--source", "rss", "feed", *section)
        assert code == 0, err
        assert atom_problems(out.encode()) == []
        links = [entry.link for entry in feedparser.parse(out.encode()).entries]
        assert len(links) == len(demo.rss.items) and set(relayed) <= set(links)
    # A site still needs its section, said in one line.
    code, out, err = cli("--offline", "--source", "campus", "feed")
    assert code == 2 and out == ""
    assert err.strip().splitlines() == [
        "newsreader: Usage error: feed needs a SECTION for a site (see `newsreader sections`); "
        "a feed source takes none, only --source NAME (rss, atom)"
    ]


def test_a_second_sync_of_an_unchanged_feed_asks_for_it_once_more(
    cli: Runner, demo: DemoSources
) -> None:
    assert cli("--source", "rss", "sync")[0] == 0
    portal, campus = demo.servers[2], demo.servers[1]
    assert portal is not None and campus is not None
    before, relayed_before = len(portal.responses), len(campus.responses)
    code, out, err = cli("--source", "rss", "sync")
    assert code == 0, err
    assert "16 unchanged, 0 failed" in out.strip().splitlines()[-1]
    # The feed answers 304 for its section and its list, so its items are known from the
    # cache: it is read once more for them, not once per item.
    asked = [status for _, path, status in portal.responses[before:] if path == "/rss.xml"]
    assert asked.count(200) == 1 and len(asked) <= 3, asked
    # Its items on the university's host are checked too (each a 304), not left out.
    relayed = [p for _, p, status in campus.responses[relayed_before:] if status == 304]
    assert relayed and all(p.startswith("/info/") for p in relayed)
