"""The demo's RSS 2.0 and Atom feeds, served on 127.0.0.1 and read back with feedparser."""

from __future__ import annotations

import io
import re
import urllib.error
import urllib.request
from collections.abc import Iterator
from email.message import Message
from urllib.parse import urljoin, urlsplit

import feedparser
import pytest

from newsreader.demo.feeds import ATOM_BASE, ITEMS, FeedSite
from newsreader.demo.sources import DemoSources


@pytest.fixture(scope="module")
def demo() -> Iterator[DemoSources]:
    with DemoSources(ports=None) as running:
        yield running


def get(url: str, headers: dict[str, str] | None = None) -> tuple[int, Message, bytes]:
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        with error:
            return error.code, error.headers, error.read()


def parse(url: str) -> tuple[bytes, feedparser.FeedParserDict]:
    """Fetch a feed and parse its bytes as the reader does: from memory, told its URL."""
    status, headers, body = get(url)
    assert status == 200
    meta = {"content-location": url, "content-type": headers["Content-Type"]}
    return body, feedparser.parse(io.BytesIO(body), response_headers=meta)


def test_rss_is_gbk_with_cdata_and_china_dates(demo: DemoSources) -> None:
    url = demo.entries[2].url
    body, feed = parse(url)
    assert body.startswith(b'<?xml version="1.0" encoding="gbk"?>')
    with pytest.raises(UnicodeDecodeError):
        body.decode("utf-8")
    text = body.decode("gbk")
    assert "<title><![CDATA[就业资讯网]]></title>" in text
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "rss20" and feed.encoding == "gbk"
    assert feed.feed.title == demo.entries[2].name
    assert [e.title for e in feed.entries] == [i.title for i in demo.rss.items]
    assert len(feed.entries) == ITEMS
    stamps = re.findall(r"<pubDate>([^<]+)</pubDate>", text)
    assert len(stamps) == ITEMS
    assert all(s.endswith((" +0800", " CST")) for s in stamps)
    assert any(s.endswith(" CST") for s in stamps) and any(s.endswith("+0800") for s in stamps)
    assert "<description><![CDATA[<p>" in text
    assert all(e.summary.startswith("<p>") for e in feed.entries)


def test_rss_items_link_to_pages_the_demo_serves(demo: DemoSources) -> None:
    _, feed = parse(demo.entries[2].url)
    rss_host, campus_host = (urlsplit(u).netloc for u in (demo.base_urls[2], demo.base_urls[1]))
    hosts = [urlsplit(e.link).netloc for e in feed.entries]
    assert set(hosts) == {rss_host, campus_host}
    assert hosts.count(campus_host) == 4
    for entry in feed.entries:
        status, _, body = get(entry.link)
        assert status == 200, entry.link
        html = body.decode("gbk")
        assert entry.title in html
        if urlsplit(entry.link).netloc == campus_host:
            assert '<div class="v_news_content">' in html and "/info/" in entry.link
        else:
            # A plain news page: nothing VSB about it, the text in an <article>.
            assert 'charset="gbk"' in html and '<article class="post">' in html
            assert "v_news_content" not in html and "Visual SiteBuilder" not in html
            assert not re.search(r"info/\d+/\d+\.htm", html)


def test_atom_has_relative_links_under_an_xml_base(demo: DemoSources) -> None:
    url = demo.entries[3].url
    body, feed = parse(url)
    text = body.decode("utf-8")
    assert f'xml:base="{ATOM_BASE}"' in text
    hrefs = re.findall(r'<entry>.*?<link rel="alternate" type="text/html" href="([^"]+)"', text)
    assert len(hrefs) == ITEMS and not any("://" in h or h.startswith("/") for h in hrefs)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10" and feed.feed.title == demo.entries[3].name
    base = demo.base_urls[3] + ATOM_BASE.lstrip("/")
    assert [e.link for e in feed.entries] == [base + h for h in hrefs]
    assert all(e.published.endswith("+08:00") for e in feed.entries)
    assert len({e.id for e in feed.entries}) == ITEMS
    full = [e for e in feed.entries if "content" in e]
    assert 0 < len(full) < ITEMS
    for entry in feed.entries:
        status, _, page = get(entry.link)
        assert status == 200, entry.link
        html = page.decode("utf-8-sig")
        assert entry.title in html and "v_news_content" not in html


def test_home_pages_advertise_their_feeds(demo: DemoSources) -> None:
    for home, source, kind in (
        (demo.base_urls[2], demo.entries[2], "application/rss+xml"),
        (demo.base_urls[3] + "notes/", demo.entries[3], "application/atom+xml"),
    ):
        status, _, body = get(home)
        assert status == 200
        link = re.search(
            rf'<link rel="alternate" type="{re.escape(kind)}"[^>]*href="([^"]+)"',
            body.decode("gbk" if "rss" in kind else "utf-8-sig"),
        )
        assert link is not None
        assert urljoin(home, link.group(1)) == source.url


def test_feeds_answer_conditional_requests(demo: DemoSources) -> None:
    for source in demo.entries[2:]:
        status, headers, _ = get(source.url)
        assert status == 200 and headers["ETag"] and headers["Last-Modified"]
        again, _, body = get(source.url, {"If-None-Match": headers["ETag"]})
        assert (again, body) == (304, b"")


def test_feeds_are_deterministic_and_seeded() -> None:
    for kind in ("rss", "atom"):
        site, again, other = FeedSite(kind), FeedSite(kind), FeedSite(kind, seed=8)
        path = site.feed_path
        assert site.resolve(path) == again.resolve(path)
        assert [i.title for i in site.items] != [i.title for i in other.items]
        assert len({i.title for i in site.items}) == ITEMS
        dates = [i.published for i in site.items]
        assert dates == sorted(dates, reverse=True)
        assert site.resolve("/nowhere.html") is None and site.not_found().status == 404
