"""The Atom document of ``newsreader feed``: RFC 4287 structure, dates, order, ids, escaping."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import datetime

import feedparser
import pytest
from atom_check import atom_problems, q
from factories import article, paragraph
from hypothesis import given, settings
from hypothesis import strategies as st

from newsreader.core.models import Attachment, Block, LinkSpan
from newsreader.core.render.atom import (
    CHINA,
    FeedEntry,
    FeedHead,
    article_time,
    atom_document,
    entry_id,
    xml_text,
)

SECTION = "https://s.cn/xwzx/xw.htm"
NOW = datetime(2026, 3, 1, 12, 0, tzinfo=CHINA)


def _head(**fields: object) -> FeedHead:
    values: dict[str, object] = {
        "id": SECTION,
        "title": "学会 › 新闻资讯 › 新闻",
        "link": SECTION,
        "author": "学会",
        "empty_updated": NOW,
    }
    values.update(fields)
    return FeedHead(**values)  # type: ignore[arg-type]


def _entry(n: int, day: str, stamp: str | None = None, **fields: object) -> FeedEntry:
    when = article_time(day, stamp)
    assert when is not None
    return FeedEntry(
        entry_id(f"vsb:s.cn:1:{n}"), article(n, date=day, published=stamp, **fields), when
    )


def test_dates_are_the_articles_own_in_china_time() -> None:
    assert article_time("2024-09-09", "2024-09-09 17:29").isoformat() == "2024-09-09T17:29:00+08:00"  # type: ignore[union-attr]
    assert (
        article_time("2024-09-09", "2024年9月9日 7:05:33").isoformat()
        == "2024-09-09T07:05:33+08:00"
    )  # type: ignore[union-attr]
    # A day alone is midnight, China time; a time past the clock's end is not a time.
    assert article_time("2024-09-09").isoformat() == "2024-09-09T00:00:00+08:00"  # type: ignore[union-attr]
    assert article_time("2024-09-09", "2024-09-09 25:61").isoformat() == "2024-09-09T00:00:00+08:00"  # type: ignore[union-attr]
    assert article_time("2024-02-30") is None
    assert article_time(None, "17:29") is None


def test_a_feed_parses_back_newest_first_with_its_dates_links_and_content() -> None:
    entries = [
        _entry(1, "2024-09-01"),
        _entry(3, "2024-09-09", "2024-09-09 17:29", source="宣传部"),
        _entry(2, "2024-09-09", "2024-09-09 08:00"),
    ]
    document = atom_document(_head(), entries)
    assert atom_problems(document) == []
    parsed = feedparser.parse(document)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    assert parsed.feed.title == "学会 › 新闻资讯 › 新闻"
    assert parsed.feed.id == SECTION and parsed.feed.link == SECTION
    assert parsed.feed.updated == "2024-09-09T17:29:00+08:00"
    assert [e.link for e in parsed.entries] == [
        "https://s.cn/info/1/3.htm",
        "https://s.cn/info/1/2.htm",
        "https://s.cn/info/1/1.htm",
    ]
    assert [e.updated for e in parsed.entries] == [
        "2024-09-09T17:29:00+08:00",
        "2024-09-09T08:00:00+08:00",
        "2024-09-01T00:00:00+08:00",
    ]
    assert [e.published for e in parsed.entries] == [e.updated for e in parsed.entries]
    # The article's source is its author; without one, the site is.
    assert [e.author for e in parsed.entries] == ["宣传部", "学会", "学会"]
    first = parsed.entries[0]
    assert first.id == entry_id("vsb:s.cn:1:3") and first.id.startswith("urn:uuid:")
    assert first.title == "标题3" and first.summary == "正文"
    assert first.content[0].type == "text/html" and first.content[0].value == "<p>正文</p>"


def test_articles_of_one_moment_keep_the_sites_order() -> None:
    entries = [_entry(n, "2024-09-09") for n in (5, 9, 7)]
    parsed = feedparser.parse(atom_document(_head(), entries))
    assert [e.title for e in parsed.entries] == ["标题5", "标题9", "标题7"]


def test_an_empty_feed_is_valid_and_dated_now() -> None:
    document = atom_document(_head(), [])
    assert atom_problems(document) == []
    root = ET.fromstring(document)
    assert root.findtext(q("updated")) == "2026-03-01T12:00:00+08:00"
    assert root.findall(q("entry")) == []


def test_entry_ids_are_the_same_for_one_identity_and_differ_between_articles() -> None:
    assert entry_id("vsb:s.cn:1:3") == entry_id("vsb:s.cn:1:3")
    assert entry_id("vsb:s.cn:1:3") != entry_id("vsb:s.cn:1:4")
    # Fixed forever: a feed reader that saw this id must see it again after an upgrade.
    assert entry_id("vsb:s.cn:1:3") == "urn:uuid:cbd7efaa-9e85-53bd-8624-c72e1ccdd87c"


def test_the_body_is_html_escaped_once_with_its_links_tables_and_attachments() -> None:
    blocks = (
        paragraph("见 <b>通知</b> & 附件", links=(LinkSpan(0, 1, "https://s.cn/a?x=1&y=2"),)),
        Block("table", rows=(("列<1>", "值"), ("a&b", "c"))),
        Block("image", "图", url="https://s.cn/i.png"),
        paragraph("<script>alert(1)</script>"),
    )
    attached = (Attachment("通知.pdf", "https://s.cn/f.pdf"),)
    entry = _entry(1, "2024-09-09", blocks=blocks, attachments=attached)
    document = atom_document(_head(), [entry])
    assert b"<script" not in document and b"<b>" not in document
    content = feedparser.parse(document).entries[0].content[0].value
    assert '<a href="https://s.cn/a?x=1&amp;y=2"' in content
    assert "&lt;b&gt;通知&lt;/b&gt; &amp; 附件" in content
    assert "<th>列&lt;1&gt;</th>" in content and 'src="https://s.cn/i.png"' in content
    assert '<a href="https://s.cn/f.pdf" rel="noopener noreferrer">通知.pdf</a>' in content


def test_characters_xml_cannot_carry_are_dropped() -> None:
    assert xml_text("a\x00b\x08c\x1bd\x7f\x85e\ufffe\uffff\ud800f\tg\nh") == "abcdef\tg\nh"
    entry = _entry(1, "2024-09-09", title="标题\x00\x1b[31m红", body="正文\x0c\ud800结束")
    document = atom_document(_head(author="学\x01会"), [entry])
    assert atom_problems(document) == []
    parsed = feedparser.parse(document)
    assert parsed.entries[0].title == "标题[31m红"
    # A form feed is white space to the summary, and dropped from the HTML.
    assert parsed.entries[0].summary == "正文 结束"
    assert parsed.entries[0].content[0].value == "<p>正文结束</p>"
    assert parsed.feed.author == "学会"


@pytest.mark.parametrize("body", ["", "   "])
def test_an_article_without_text_has_no_summary_but_is_valid(body: str) -> None:
    document = atom_document(_head(), [_entry(1, "2024-09-09", body=body)])
    assert atom_problems(document) == []
    assert ET.fromstring(document).find(f"{q('entry')}/{q('summary')}") is None


def test_a_long_body_is_summarised_on_one_line() -> None:
    entry = _entry(1, "2024-09-09", body="字" * 500 + "\n\n" + "尾")
    summary = feedparser.parse(atom_document(_head(), [entry])).entries[0].summary
    assert summary == "字" * 200 + "…"


# Text with markup, entities, quotes, control characters, surrogates and astral characters.
_PIECE = st.one_of(
    st.text(st.characters(codec=None), max_size=4),
    st.sampled_from(list("<>&\"']\x00\x1b\r\n\t\u2028\ud800\U0001f600")),
    st.sampled_from(["<![CDATA[", "]]>", "&amp;", "&#0;", "<!--", "<script>", "&lt;"]),
)
_NASTY = st.lists(_PIECE, max_size=12).map("".join)


@settings(max_examples=150, deadline=None)
@given(title=_NASTY, body=_NASTY, source=_NASTY, site=_NASTY)
def test_any_text_gives_a_well_formed_valid_feed(
    title: str, body: str, source: str, site: str
) -> None:
    entry = _entry(1, "2024-09-09", title=title, body=body, source=source or None)
    document = atom_document(_head(title=site, author=site or "站"), [entry])
    assert atom_problems(document) == []
    root = ET.fromstring(document)
    got = root.find(q("entry"))
    assert got is not None
    # An XML parser reads a line break written as CR (LF) as LF.
    expected = xml_text(title).replace("\r\n", "\n").replace("\r", "\n")
    assert got.findtext(q("title")) == expected
    parsed = feedparser.parse(document)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert len(parsed.entries) == 1
