"""Feeds parsed: RSS 2.0, RSS 1.0, Atom, JSON Feed; Chinese dates; hostile documents; the caps."""

from __future__ import annotations

import json
import tracemalloc
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from newsreader.core.errors import ParseError
from newsreader.core.parse.dates import china_day, parse_instant
from newsreader.core.sources import advertised_feeds, cache_key, looks_like_feed, source_for
from newsreader.core.sources.feed_parse import MAX_FEED_ITEMS, parse_feed, strip_doctypes

FEED = "http://feed.test/news/rss.xml"


def rss(items: str, *, title: str = "通知公告", head: str = "") -> str:
    return (
        f'<?xml version="1.0" encoding="utf-8"?>{head}<rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/">'
        f"<channel><title>{title}</title><link>http://feed.test/</link>{items}</channel></rss>"
    )


# --- dates -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "day", "offset_hours"),
    [
        ("2025年3月1日", "2025-03-01", 8),
        ("2025/03/01", "2025-03-01", 8),
        ("2025年3月1日 23:30", "2025-03-01", 8),
        ("2025.3.1", "2025-03-01", 8),
        ("2025-03-01 23:30:00", "2025-03-01", 8),  # no zone: China time, not UTC
        ("Sat, 01 Mar 2025 23:00:00 CST", "2025-03-01", 8),  # China, not US Central
        ("Sat, 01 Mar 2025 20:00:00 GMT", "2025-03-02", 0),  # 04:00 on the 2nd in China
        ("Sat, 01 Mar 2025 10:00:00 +0800", "2025-03-01", 8),
        ("01 Mar 25 01:00 -0500", "2025-03-01", -5),
        ("2025-03-01T16:30:00Z", "2025-03-02", 0),
        ("2025-03-01T10:00:00.123+08:00", "2025-03-01", 8),
    ],
)
def test_feed_dates_are_read_in_china_time(text: str, day: str, offset_hours: int) -> None:
    moment = parse_instant(text)
    assert moment is not None
    assert moment.utcoffset() == timedelta(hours=offset_hours)
    assert china_day(moment) == day


@pytest.mark.parametrize("text", ["", "garbage", "Mon, 31 Feb 2025 10:00:00 GMT", "2025-13-01"])
def test_no_date_is_none(text: str) -> None:
    assert parse_instant(text) is None


def test_feedparsers_own_dates_are_not_used() -> None:
    # feedparser turned both of these into 2025-12-01, and read CST as UTC-6.
    feed = parse_feed(
        rss(
            "<item><title>a</title><link>/a</link><pubDate>2025年3月1日</pubDate></item>"
            "<item><title>b</title><link>/b</link><pubDate>2025/03/02</pubDate></item>"
            "<item><title>c</title><link>/c</link>"
            "<pubDate>Mon, 03 Mar 2025 23:30:00 CST</pubDate></item>"
        ),
        FEED,
    )
    source = source_for(FEED, kind="feed")
    assert [(e.title, e.published and china_day(e.published)) for e in feed.entries] == [
        ("c", "2025-03-03"),
        ("b", "2025-03-02"),
        ("a", "2025-03-01"),
    ]
    assert feed.entries[0].published == datetime(
        2025, 3, 3, 23, 30, tzinfo=timezone(timedelta(hours=8))
    )
    assert source.kind == "feed"


# --- the kinds of feed ---------------------------------------------------------------------------


def test_rss2_with_cdata_markup_and_relative_links() -> None:
    feed = parse_feed(
        rss(
            "<item><title><![CDATA[<b>就业</b> &amp; 招聘 [bold]x[/]]]></title>"
            "<link>../info/1.htm</link><guid isPermaLink='false'>g-1</guid>"
            "<pubDate>Sat, 01 Mar 2025 10:00:00 +0800</pubDate>"
            "<content:encoded><![CDATA[<p>全文<a href='/x'>链接</a></p><script>x()</script>]]>"
            "</content:encoded></item>"
        ),
        FEED,
    )
    assert feed.kind == "rss" and feed.title == "通知公告"
    (entry,) = feed.entries
    assert entry.title == "就业 & 招聘 [bold]x[/]"  # markup reduced to text, Rich markup literal
    assert entry.url == "http://feed.test/info/1.htm"
    assert entry.key == "g-1"
    assert "全文" in entry.html and "script" not in entry.html
    assert 'href="http://feed.test/x"' in entry.html


def test_rss1_rdf() -> None:
    feed = parse_feed(
        '<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"'
        ' xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">'
        '<channel rdf:about="http://r.test/"><title>RDF 新闻</title><link>http://r.test/</link>'
        '<items><rdf:Seq><rdf:li resource="http://r.test/1"/></rdf:Seq></items></channel>'
        '<item rdf:about="http://r.test/1"><title>一</title><link>http://r.test/1</link>'
        "<dc:date>2025-03-01T20:00:00Z</dc:date><description>摘要</description></item></rdf:RDF>",
        "http://r.test/index.rdf",
    )
    assert feed.kind == "rdf" and feed.title == "RDF 新闻"
    (entry,) = feed.entries
    assert (entry.title, entry.url) == ("一", "http://r.test/1")
    assert entry.published is not None and china_day(entry.published) == "2025-03-02"


def test_atom_with_relative_links_and_html_title() -> None:
    feed = parse_feed(
        '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh"><title>原子</title>'
        '<entry><id>tag:a.test,2025:1</id><title type="html">A &lt;i&gt;斜&lt;/i&gt;</title>'
        '<link rel="alternate" href="posts/1.html"/><updated>2025-03-01T10:00:00+08:00</updated>'
        '<content type="html">&lt;p&gt;内容 &lt;img src="../img/1.png"&gt;&lt;/p&gt;</content>'
        "</entry><entry><id>tag:a.test,2025:2</id><title>无链接</title>"
        "<updated>2025-03-02T10:00:00+08:00</updated><summary>只在订阅里</summary></entry></feed>",
        "http://a.test/blog/atom.xml",
    )
    assert feed.kind == "atom" and feed.title == "原子"
    second, first = feed.entries
    assert (first.title, first.url, first.key) == (
        "A 斜",
        "http://a.test/blog/posts/1.html",
        "tag:a.test,2025:1",
    )
    assert "http://a.test/img/1.png" in first.html
    # No link: the entry lives in the feed, under the feed's URL and its id.
    assert second.url == "http://a.test/blog/atom.xml#entry=tag%3Aa.test%2C2025%3A2"
    assert cache_key(second.url) == cache_key(second.url, "feed") == "feed:" + second.url


def test_json_feed() -> None:
    document = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": "JSON 新闻",
        "items": [
            {
                "id": "1",
                "url": "/p/1",
                "title": "甲\x1b[31m",
                "content_html": "<p>正文</p>",
                "date_published": "2025-03-01T10:00:00+08:00",
                "authors": [{"name": "作者"}],
            },
            {"id": "2", "content_text": "没有标题的条目\n\n第二段", "date_modified": "2025-03-02"},
            {"url": "javascript:alert(1)", "title": "坏"},
            "not an item",
        ],
    }
    feed = parse_feed(json.dumps(document), "http://j.test/feed.json")
    assert feed.kind == "json" and feed.title == "JSON 新闻"
    assert feed.skipped == 2
    second, first = feed.entries
    assert (first.title, first.url, first.author) == ("甲", "http://j.test/p/1", "作者")
    assert second.title == "没有标题的条目 第二段"
    assert second.url == "http://j.test/feed.json#entry=2"
    assert second.html == "<p>没有标题的条目</p><p>第二段</p>"


@pytest.mark.parametrize(
    "document",
    [
        "<!DOCTYPE html><html><head><title>不是订阅</title></head><body><p>x</p></body></html>",
        "<html><body>rss</body></html>",
        '{"version": "1", "items": []}',
        "",
    ],
)
def test_a_page_that_is_no_feed_is_a_parse_error(document: str) -> None:
    with pytest.raises(ParseError, match="not a feed"):
        parse_feed(document, FEED)


def test_an_empty_feed_has_no_entries() -> None:
    feed = parse_feed(rss(""), FEED)
    assert feed.entries == () and feed.title == "通知公告"


# --- hostile documents ---------------------------------------------------------------------------

# One declaration a line, as feedparser's own DOCTYPE handling expects them: it keeps the
# "safe" entities (no "&" in the value), so the blowup below expanded to 50 MB without ours.
# Both fit in the first 16 KB, where the root element is looked for.
LAUGHS = (
    '\n<!DOCTYPE rss [\n<!ENTITY lol "lol">\n'
    + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">\n'
        for i in range(1, 10)
    )
    + "]>\n"
)
BLOWUP = '\n<!DOCTYPE rss [\n<!ENTITY a "' + "a" * 10_000 + '">\n]>\n'


@pytest.mark.parametrize(
    ("head", "body"),
    [(LAUGHS, "&lol9;"), (BLOWUP, "&a;" * 5_000)],
    ids=["billion-laughs", "quadratic-blowup"],
)
def test_entity_bombs_expand_nothing(head: str, body: str) -> None:
    document = rss(
        f"<item><title>t</title><link>/1</link><description>{body}</description></item>", head=head
    )
    tracemalloc.start()
    try:
        feed = parse_feed(document, FEED)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    (entry,) = feed.entries
    assert "lollol" not in entry.html and "aaaa" not in entry.html
    assert len(entry.html) <= len(body) * 2
    assert peak < 20 * 1024 * 1024


def test_an_external_entity_reads_no_file(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-42", encoding="utf-8")
    head = f'\n<!DOCTYPE rss [\n<!ENTITY xxe SYSTEM "{secret.as_uri()}">\n]>\n'
    feed = parse_feed(
        rss(
            "<item><title>&xxe;</title><link>/1</link><description>&xxe;</description></item>",
            head=head,
        ),
        FEED,
    )
    assert "TOP-SECRET" not in repr(feed)


def test_doctypes_go_whole_whatever_their_subset_holds() -> None:
    text = '<a/><!DOCTYPE x [<!ENTITY q "]>"><!-- ]> -->]><b/><!doctype html>'
    assert strip_doctypes(text) == "<a/><b/>"
    assert strip_doctypes("<!DOCTYPE x [ never ends") == ""


def test_a_feed_of_100k_items_is_read_to_the_cap() -> None:
    items = "".join(
        f"<item><title>t{i}</title><link>http://x.test/{i}</link>"
        f"<pubDate>2025-01-01 10:{i % 60:02d}</pubDate></item>"
        for i in range(100_000)
    )
    tracemalloc.start()
    try:
        feed = parse_feed(rss(items), FEED)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert len(feed.entries) == MAX_FEED_ITEMS
    assert feed.truncated == 100_000 - MAX_FEED_ITEMS
    assert {e.url for e in feed.entries} == {f"http://x.test/{i}" for i in range(MAX_FEED_ITEMS)}
    assert peak < 64 * 1024 * 1024


def test_the_feeds_list_gives_what_the_parser_reads() -> None:
    assert source_for(FEED, kind="feed").max_list_items == MAX_FEED_ITEMS


def test_a_json_feed_of_100k_items_is_read_to_the_cap() -> None:
    items = [{"id": str(i), "url": f"http://x.test/{i}", "title": "t"} for i in range(100_000)]
    document = json.dumps({"version": "https://jsonfeed.org/version/1", "items": items})
    feed = parse_feed(document, "http://x.test/feed.json")
    assert len(feed.entries) == MAX_FEED_ITEMS
    assert feed.truncated == 100_000 - MAX_FEED_ITEMS


def test_duplicate_ids_are_one_entry() -> None:
    feed = parse_feed(
        rss(
            "<item><title>new</title><link>/a?v=2</link><guid>same</guid></item>"
            "<item><title>old</title><link>/a?v=1</link><guid>same</guid></item>"
        ),
        FEED,
    )
    assert [e.title for e in feed.entries] == ["new"]


# --- sniffing ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (
            b'<?xml version="1.0"?>\n<!-- c --><?xml-stylesheet href="s.xsl"?><rss version="2.0">',
            "rss",
        ),
        (b'\xef\xbb\xbf<feed xmlns="http://www.w3.org/2005/Atom">', "atom"),
        (b'<atom:feed xmlns:atom="http://www.w3.org/2005/Atom">', "atom"),
        (b'<rdf:RDF xmlns:rdf="x" xmlns="http://purl.org/rss/1.0/">', "rdf"),
        (b' {"items": [], "version": "https://jsonfeed.org/version/1.1"}', "json"),
        ('<?xml version="1.0" encoding="utf-16"?><rss>'.encode("utf-16"), "rss"),
        (b"<!DOCTYPE html><html><head><title>rss</title>", None),
        (b'<feed xmlns="http://example.com/not-atom">', None),
        (b'{"version": "1.0"}', None),
        (b"", None),
        (b"<?" + b"?>x" * 6000, None),
        # A DOCTYPE longer than the sniffed start (an entity bomb's) does not hide the root.
        (
            b'<?xml version="1.0"?>\n<!DOCTYPE rss [\n<!ENTITY a "'
            + b"a" * 100_000
            + b'">\n]>\n<rss>',
            "rss",
        ),
    ],
)
def test_looks_like_feed_by_content(data: bytes, kind: str | None) -> None:
    assert looks_like_feed(data) == kind


def test_advertised_feeds() -> None:
    html = (
        '<html><head><base href="/sub/">'
        '<link rel="alternate" type="application/rss+xml" href="rss.xml" title="RSS">'
        '<link rel="Alternate feed" type="application/atom+xml; charset=utf-8" href="atom.xml">'
        '<link rel="alternate" type="application/feed+json" href="http://o.test/f.json#x">'
        '<link rel="alternate" type="application/rss+xml" href="javascript:alert(1)">'
        '<link rel="stylesheet" type="application/rss+xml" href="no.xml">'
        '<link rel="alternate" type="text/html" href="en.htm">'
        '<link rel="alternate" type="application/rss+xml" href="/sub/rss.xml">'
        "</head></html>"
    )
    assert advertised_feeds(html, "http://h.test/a/b.htm") == (
        "http://h.test/sub/rss.xml",
        "http://h.test/sub/atom.xml",
        "http://o.test/f.json",
    )
