"""OPML import and export: names and order kept, http(s) only, capped, and safe to parse."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsreader.core.errors import OpmlError, UsageError
from newsreader.core.sources.opml import (
    MAX_OPML_BYTES,
    MAX_OPML_SOURCES,
    import_opml,
    read_opml,
    write_opml,
)
from newsreader.core.sources.registry import Registry, make_entry

EMPTY = Registry(Path("sources.toml"), ())


def _opml(body: str, head: str = '<?xml version="1.0" encoding="UTF-8"?>') -> bytes:
    return f'{head}\n<opml version="2.0"><head/><body>{body}</body></opml>'.encode()


def test_feeds_and_vsb_sites_keep_names_and_order_through_folders() -> None:
    data = _opml(
        '<outline text="Tech">'
        '<outline type="rss" text="B feed" xmlUrl="https://b.cn/rss"/>'
        '<outline text="Nested"><outline type="vsb" title="学院" htmlUrl="https://x.edu.cn/"/>'
        "</outline></outline>"
        '<outline type="atom" text="A &amp; A" xmlUrl="https://a.cn/atom.xml" htmlUrl="https://a.cn/"/>'
        '<outline xmlUrl="https://c.cn/feed"/>'
    )
    registry, report = import_opml(EMPTY, data)
    assert [e.to_dict() for e in registry.entries] == [
        {"name": "B feed", "url": "https://b.cn/rss", "kind": "feed"},
        {"name": "学院", "url": "https://x.edu.cn/", "kind": "vsb"},
        {"name": "A & A", "url": "https://a.cn/atom.xml", "kind": "feed"},
        {"name": "c.cn", "url": "https://c.cn/feed", "kind": "feed"},
    ]
    assert report.added == list(registry.entries)
    assert report.skipped_count == 0


def test_only_http_urls_and_no_duplicates_are_imported() -> None:
    existing = Registry(Path("s"), (make_entry("Mine", "https://b.cn/rss", "feed"),))
    data = _opml(
        '<outline text="file" xmlUrl="file:///etc/passwd"/>'
        '<outline text="js" type="vsb" htmlUrl="javascript:alert(1)"/>'
        '<outline text="ftp" xmlUrl="ftp://x.cn/feed"/>'
        '<outline text="page" type="link" htmlUrl="https://p.cn/"/>'
        '<outline text="again" xmlUrl="http://www.b.cn/rss#x"/>'
        '<outline text="Mine" xmlUrl="https://new.cn/rss"/>'
    )
    registry, report = import_opml(existing, data)
    assert [(e.name, e.url) for e in registry.entries] == [
        ("Mine", "https://b.cn/rss"),
        ("Mine (2)", "https://new.cn/rss"),
    ]
    assert report.skipped_count == 5
    assert [reason.split(":")[0] for reason in report.skipped] == [
        "'file'",
        "'js'",
        "'ftp'",
        "'page'",
        "'again'",
    ]
    assert "already a source (Mine)" in report.skipped[-1]


def test_ten_thousand_outlines_are_capped_and_counted() -> None:
    outlines = "".join(
        f'<outline text="f{i}" xmlUrl="https://f{i}.cn/rss"/>' for i in range(10_000)
    )
    registry, report = import_opml(EMPTY, _opml(outlines))
    assert len(registry.entries) == MAX_OPML_SOURCES
    assert registry.entries[-1].name == f"f{MAX_OPML_SOURCES - 1}"
    assert report.over_cap == 10_000 - MAX_OPML_SOURCES
    assert report.skipped_count == report.over_cap


def test_the_list_cap_holds_across_imports() -> None:
    first = "".join(f'<outline text="a{i}" xmlUrl="https://a{i}.cn/"/>' for i in range(999))
    registry, _ = import_opml(EMPTY, _opml(first))
    more = '<outline text="x" xmlUrl="https://x.cn/"/><outline text="y" xmlUrl="https://y.cn/"/>'
    registry, report = import_opml(registry, _opml(more))
    assert len(registry.entries) == 1000
    assert report.skipped == ["'y': the list already holds 1,000 sources, the most it can"]


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE opml [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<opml version="2.0"><body><outline text="&lol9;" xmlUrl="https://l.cn/rss"/></body></opml>
"""


def test_a_billion_laughs_expands_nothing() -> None:
    registry, _ = import_opml(EMPTY, BILLION_LAUGHS.encode())
    # The entity is undeclared once the DOCTYPE is gone: it stays the text it was written as.
    assert [e.name for e in registry.entries] == ["&lol9;"]


def test_an_external_entity_reads_no_file(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET", encoding="utf-8")
    data = (
        f'<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY xxe SYSTEM "{secret.as_uri()}">'
        '<!ENTITY % pe SYSTEM "file:///etc/passwd"> %pe;]>'
        '<opml><body><outline text="&xxe;" xmlUrl="https://x.cn/rss"/></body></opml>'
    ).encode()
    registry, _ = import_opml(EMPTY, data)
    assert "TOPSECRET" not in registry.entries[0].name


def test_gbk_is_transcoded_and_html_entities_read() -> None:
    data = (
        '<?xml version="1.0" encoding="gbk"?>\n<opml version="1.0"><body>'
        '<outline text="教务处&nbsp;通知 & 公告" type="rss" xmlUrl="https://jwc.cn/rss?a=1&b=2"/>'
        "</body></opml>"
    ).encode("gbk")
    registry, _ = import_opml(EMPTY, data)
    assert registry.entries[0].name == "教务处 通知 & 公告"
    assert registry.entries[0].url == "https://jwc.cn/rss?a=1&b=2"


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"<rss><channel/></rss>", "root element is <rss>"),
        (b"", "empty"),
        (b'<opml><body><outline text="a"></body></opml>', "mismatched tag at line 1"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "not a readable OPML file"),
    ],
)
def test_what_is_not_opml_is_one_line(data: bytes, problem: str) -> None:
    with pytest.raises(OpmlError, match=problem):
        read_opml(data)


def test_a_file_over_the_size_cap_is_refused() -> None:
    with pytest.raises(OpmlError, match="larger than"):
        import_opml(EMPTY, b" " * (MAX_OPML_BYTES + 1))


def test_control_characters_and_deep_nesting_are_survived() -> None:
    deep = "<outline>" * 50_000 + '<outline text="deep\x01" xmlUrl="https://d.cn/"/>'
    data = _opml(deep + "</outline>" * 50_000)
    registry, _ = import_opml(EMPTY, data)
    assert [e.name for e in registry.entries] == ["deep"]


_NAMES = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Cf", "Co", "Cn")),
    min_size=1,
    max_size=20,
)


@given(st.lists(_NAMES, max_size=6))
def test_export_round_trips_through_import(names: list[str]) -> None:
    registry = EMPTY
    for i, name in enumerate(names):
        kind = "feed" if i % 2 else "vsb"
        url = f'https://s{i}.cn/feed?a=1&b="<x>' if kind == "feed" else f"https://s{i}.cn/"
        try:
            registry = registry.added(make_entry(registry.unique_name(name), url, kind))
        except UsageError:
            continue
    back, report = import_opml(EMPTY, write_opml(registry.entries).encode())
    assert back.entries == registry.entries
    assert report.skipped_count == 0
