"""Feeds as real generators write them, beyond our own fixtures.

The date strings come from feedparser's own table of dates met in the wild
(``tests/test_date_parsers.py`` of kurtmckee/feedparser at commit
a22c5521cbb109871f1a2318948581901bd47e26, BSD licence), plus Java's ``Date.toString()``.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from newsreader.core.parse.dates import parse_instant
from newsreader.core.sources.feed_parse import parse_feed
from newsreader.core.sources.feed_sniff import looks_like_feed


@pytest.mark.parametrize(
    ("text", "utc"),
    [
        # JavaScript's Date.prototype.toString
        ("Thu Aug 30 2012 17:26:16 +0200", datetime(2012, 8, 30, 15, 26, 16, tzinfo=UTC)),
        # Twitter's created_at
        ("Sun Jul 15 01:16:00 +0000 2012", datetime(2012, 7, 15, 1, 16, tzinfo=UTC)),
        # C's asctime: no zone, so China's
        ("Sun Jan  4 16:29:06 2004", datetime(2004, 1, 4, 8, 29, 6, tzinfo=UTC)),
        # Java's Date.toString, CST being China Standard Time
        ("Tue Jan 02 10:00:00 CST 2024", datetime(2024, 1, 2, 2, 0, tzinfo=UTC)),
        ("January 2, 2024 10:00", datetime(2024, 1, 2, 2, 0, tzinfo=UTC)),
        # a comma after the month
        ("Mon, 13 Feb, 2012 06:28:00 UTC", datetime(2012, 2, 13, 6, 28, tzinfo=UTC)),
        # an offset after the zone's name, and the tz database's name of UTC
        ("Wed, 19 Feb 2012 22:40:00 GMT-01:01", datetime(2012, 2, 19, 23, 41, tzinfo=UTC)),
        ("Wed, 19 Aug 2009 18:28:00 Etc/GMT", datetime(2009, 8, 19, 18, 28, tzinfo=UTC)),
    ],
)
def test_dates_real_feeds_write(text: str, utc: datetime) -> None:
    moment = parse_instant(text)
    assert moment is not None
    assert moment.utcoffset() is not None
    assert moment == utc


@pytest.mark.parametrize("text", ["Tue Foo 02 10:00:00 CST 2024", "Fri Feb 30 2024 10:00:00"])
def test_month_first_nonsense_is_no_date(text: str) -> None:
    assert parse_instant(text) is None


def test_a_java_feeds_item_dates_are_kept() -> None:
    """A feed whose generator writes Java's ``Date.toString()`` keeps its items' dates."""
    feed = parse_feed(
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>通知</title>'
        "<item><title>一</title><link>/info/1292/1.htm</link>"
        "<pubDate>Tue Jan 02 10:00:00 CST 2024</pubDate></item></channel></rss>",
        "https://jwc.example.edu.cn/rss.jsp",
    )
    (entry,) = feed.entries
    assert entry.url == "https://jwc.example.edu.cn/info/1292/1.htm"
    assert entry.published == datetime(2024, 1, 2, 2, 0, tzinfo=UTC)


# After feedparser's tests/wellformed/atom10/entry_id_with_attributes.xml and
# tests/wellformed/rdf/rss090_item_title.xml (same commit and licence as above).
BARE_ATOM = b"""<feed xmlns:bogus="http://dom.test/ns"><title>Bare</title>
<entry><id bogus:attr="wrong">right</id><title>One</title><link href="/posts/1.html"/>
<updated>2024-01-02T10:00:00Z</updated></entry></feed>"""
RSS_090 = b"""<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
xmlns="http://my.netscape.com/rdf/simple/0.9/"><channel><title>Old</title></channel>
<item><title>Item title</title><link>http://example.com/1</link></item></rdf:RDF>"""


@pytest.mark.parametrize(
    ("data", "kind", "title", "url"),
    [
        (BARE_ATOM, "atom", "One", "https://blog.example.com/posts/1.html"),
        (RSS_090, "rdf", "Item title", "http://example.com/1"),
    ],
    ids=["bare-atom", "rss-0.90"],
)
def test_feeds_without_the_usual_namespace(data: bytes, kind: str, title: str, url: str) -> None:
    """A bare ``<feed>`` (no namespace at all) is Atom; RSS 0.90 is an RDF feed."""
    assert looks_like_feed(data) == kind
    feed = parse_feed(data.decode(), "https://blog.example.com/feed.xml")
    assert [(entry.title, entry.url) for entry in feed.entries] == [(title, url)]


def test_a_feed_root_in_another_namespace_is_no_feed() -> None:
    assert looks_like_feed(b'<feed xmlns="http://example.com/newformat#"><title/></feed>') is None
