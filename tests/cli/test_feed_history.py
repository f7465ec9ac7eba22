"""A feed's older items, gone from its current document, stay its own: ``search --source FEED``
and ``read URL`` find them offline, on 127.0.0.1 (the feed on one port, its items on another)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from servers import Conn, RawServer, respond

from newsreader.cli.main import main

TITLES = {"a": "鲸鱼迁徙观察报告", "b": "雪豹保护工作进展", "c": "珊瑚白化调查结果"}
TEXT = "这是一篇足够长的正文，讲述野外考察的经过与发现，供离线阅读与搜索。" * 3


def rss(pages: str, names: str) -> bytes:
    items = "".join(
        f"<item><title>{TITLES[n]}</title><link>{pages}{n}.html</link>"
        f"<guid>{pages}{n}.html</guid></item>"
        for n in names
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>野外简讯</title><link>{pages}</link>{items}</channel></rss>"
    ).encode()


def page(name: str) -> bytes:
    return (
        f"<html><head><title>{TITLES[name]}</title></head><body><article>"
        f"<h1>{TITLES[name]}</h1><p>{TEXT}</p><p>{TEXT}</p></article></body></html>"
    ).encode()


class Feed:
    """A feed server whose document is what :attr:`names` says, and a server of its items."""

    def __init__(self, feeds: RawServer, pages: RawServer) -> None:
        self.feeds, self.pages = feeds, pages
        self.url = feeds.url + "rss.xml"
        self.names = "ab"

    def item(self, name: str) -> str:
        return f"{self.pages.url}{name}.html"


@pytest.fixture
def feed() -> Iterator[Feed]:
    holder: list[Feed] = []

    def feeds(conn: Conn) -> None:
        if conn.path != "/rss.xml":
            respond(b"", status="404 Not Found")(conn)
            return
        body = rss(holder[0].pages.url, holder[0].names)
        respond(body, headers={"Content-Type": "application/rss+xml"})(conn)

    def pages(conn: Conn) -> None:
        name = conn.path.strip("/").removesuffix(".html")
        if name not in TITLES:
            respond(b"", status="404 Not Found")(conn)
            return
        respond(page(name), headers={"Content-Type": "text/html; charset=utf-8"})(conn)

    with RawServer(feeds) as feed_server, RawServer(pages) as page_server:
        holder.append(Feed(feed_server, page_server))
        yield holder[0]


def test_items_gone_from_the_feed_are_still_found_by_source(
    feed: Feed, capsys: pytest.CaptureFixture[str], cache_dir: Path
) -> None:
    def nr(*args: str) -> tuple[int, str, str]:
        capsys.readouterr()
        code = main(["--cache-dir", str(cache_dir), "--delay", "0", *args])
        out, err = capsys.readouterr()
        return code, out, err

    assert nr("add", feed.url, "--name", "field")[0] == 0
    assert nr("--source", "field", "sync")[0] == 0
    feed.names = "bc"  # the oldest item falls out of the feed's document
    code, out, err = nr("--source", "field", "sync")
    assert code == 0, err
    listed = json.loads(nr("--offline", "--source", "field", "list", "--json")[1])
    assert [i["url"] for i in listed] == [feed.item("b"), feed.item("c")]
    gone = feed.item("a")

    code, out, err = nr("--offline", "--source", "field", "search", "鲸鱼迁徙", "--json")
    assert code == 0, err
    assert [hit["url"] for hit in json.loads(out)] == [gone]
    # By its URL alone: the feed it came from is found in the cache.
    code, out, err = nr("--offline", "read", gone, "--json")
    assert code == 0, err
    assert json.loads(out)["title"] == TITLES["a"]
    code, out, err = nr("--offline", "--source", "field", "read", gone, "--json")
    assert code == 0, err
    assert json.loads(out)["title"] == TITLES["a"]
