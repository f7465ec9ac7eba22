"""decode_html: BOM, header charset, <meta> charset, GB-family labels, mislabelled pages."""

from __future__ import annotations

import codecs

import pytest

from newsreader.core.http.decoding import (
    codec_for_label,
    decode_html,
    looks_like_html,
    parse_content_type,
)

# 镕 is in GBK but not GB2312; 㐀 (U+3400) and 𠀀 (U+20000) are four-byte GB18030 sequences.
TITLE = "朱镕基 㐀𠀀 新闻资讯"


def page(meta: str = "", title: str = TITLE, newline: str = "\n") -> str:
    return newline.join(
        ["<!DOCTYPE html>", "<html><head>", meta, f"<title>{title}</title>", "</head></html>"]
    )


def test_utf8_bom_without_any_charset() -> None:
    body = codecs.BOM_UTF8 + page().encode("utf-8")
    text, codec = decode_html(body, None)
    assert codec == "utf-8"
    assert TITLE in text
    assert not text.startswith("\ufeff")


@pytest.mark.parametrize(("bom", "codec"), [("utf-16-le", "utf-16-le"), ("utf-16-be", "utf-16-be")])
def test_utf16_boms(bom: str, codec: str) -> None:
    raw = codecs.BOM_UTF16_LE if bom.endswith("le") else codecs.BOM_UTF16_BE
    text, got = decode_html(raw + page().encode(bom), "iso-8859-1")
    assert got == codec
    assert TITLE in text


def test_bom_beats_a_wrong_header_label() -> None:
    text, codec = decode_html(codecs.BOM_UTF8 + page().encode(), "gbk")
    assert codec == "utf-8"
    assert TITLE in text


@pytest.mark.parametrize(
    "label", ["gb2312", "GBK", "gb_2312-80", "x-gbk", "cp936", "euc-cn", "GB18030", "csGB2312"]
)
def test_gb_family_labels_read_as_gb18030(label: str) -> None:
    assert codec_for_label(label) == "gb18030"
    text, codec = decode_html(page().encode("gb18030"), label)
    assert codec == "gb18030"
    assert f"<title>{TITLE}</title>" in text


def test_gb2312_meta_with_gbk_only_and_four_byte_chars() -> None:
    meta = '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">'
    text, codec = decode_html(page(meta).encode("gb18030"), None)
    assert codec == "gb18030"
    assert f"<title>{TITLE}</title>" in text
    assert "\ufffd" not in text


@pytest.mark.parametrize(
    "meta",
    [
        '<meta charset="gbk">',
        "<META CHARSET=GBK>",
        "<meta http-equiv=Content-Type content='text/html;charset=GB2312'>",
        '<Meta Content="text/html; charset=gbk" HTTP-EQUIV="Content-Type">',
    ],
)
def test_meta_variants(meta: str) -> None:
    text, codec = decode_html(page(meta).encode("gb18030"), None)
    assert codec == "gb18030"
    assert TITLE in text


def test_meta_after_4_kb_is_ignored() -> None:
    body = ("<!--" + "x" * 5000 + "-->" + page('<meta charset="koi8-r">')).encode("utf-8")
    assert decode_html(body, None)[1] == "utf-8"


def test_header_charset_beats_meta() -> None:
    body = page('<meta charset="utf-8">').encode("gb18030")
    text, codec = decode_html(body, "gbk")
    assert codec == "gb18030"
    assert TITLE in text


def test_wrong_utf8_header_on_gbk_bytes_is_corrected() -> None:
    body = page('<meta charset="utf-8">', title=TITLE * 20).encode("gb18030")
    text, codec = decode_html(body, "utf-8")
    assert codec == "gb18030"
    assert TITLE * 20 in text


def test_short_mislabelled_page_uses_share_threshold() -> None:
    # Only a handful of characters: the 0.5 % share rule, not the count of 20, must trigger.
    body = "<title>新闻</title>".encode("gb18030")
    text, codec = decode_html(body, "utf-8")
    assert codec == "gb18030"
    assert "新闻" in text


@pytest.mark.parametrize("label", ["bogus-charset", "base64", "rot13", "", "  ", "'\"'"])
def test_bogus_header_label_falls_through_to_meta(label: str) -> None:
    body = page('<meta charset="gbk">').encode("gb18030")
    text, codec = decode_html(body, label)
    assert codec == "gb18030"
    assert TITLE in text


def test_bogus_meta_label_falls_through_to_utf8() -> None:
    text, codec = decode_html(page('<meta charset="no-such">').encode("utf-8"), None)
    assert codec == "utf-8"
    assert TITLE in text


def test_meta_claiming_utf16_means_utf8() -> None:
    text, codec = decode_html(page('<meta charset="utf-16">').encode("utf-8"), None)
    assert codec == "utf-8"
    assert TITLE in text


def test_latin1_label_is_windows_1252() -> None:
    assert codec_for_label("ISO-8859-1") == "cp1252"
    assert decode_html(b"<p>\x93quoted\x94</p>", "iso-8859-1")[0] == "<p>\u201cquoted\u201d</p>"


def test_crlf_is_kept_and_meta_found_across_lines() -> None:
    meta = '<meta\r\n  http-equiv="Content-Type"\r\n  content="text/html; charset=gbk">'
    body = page(meta, newline="\r\n").encode("gb18030")
    text, codec = decode_html(body, None)
    assert codec == "gb18030"
    assert "\r\n" in text
    assert TITLE in text


def test_undecodable_bytes_become_replacement_characters() -> None:
    text, codec = decode_html(b"<p>ok \xff\xfe\xfd</p>", "utf-8")
    assert codec in ("utf-8", "gb18030")
    assert text.startswith("<p>ok ")


def test_no_label_defaults_to_utf8() -> None:
    assert decode_html(page().encode("utf-8"), None) == (page(), "utf-8")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, ("", None)),
        ("text/html", ("text/html", None)),
        ('Text/HTML; Charset="GBK"', ("text/html", "GBK")),
        ("text/html; boundary=x; charset=utf-8", ("text/html", "utf-8")),
        ("text/html; charset=", ("text/html", None)),
    ],
)
def test_parse_content_type(value: str | None, expected: tuple[str, str | None]) -> None:
    assert parse_content_type(value) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (b"  \r\n<!DOCTYPE html><html>", True),
        (codecs.BOM_UTF8 + b"<html>", True),
        (codecs.BOM_UTF16_LE + "<html>".encode("utf-16-le"), True),
        (b"<!-- c --><html>", True),
        (b"\x89PNG\r\n\x1a\n", False),
        (b"%PDF-1.7", False),
        (b"", False),
    ],
)
def test_looks_like_html(body: bytes, expected: bool) -> None:
    assert looks_like_html(body) is expected
