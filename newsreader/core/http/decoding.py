"""Turning an HTML body into text: charset detection, GB-family handling, HTML sniffing.

VSB sites serve UTF-8 with a byte-order mark and no charset in the header; older ones serve
GBK/GB2312, often mislabelled. The order of evidence follows the HTML standard in spirit: BOM, the
``Content-Type`` charset, a ``<meta>`` charset in the first 4 KB, then UTF-8. Every GB-family label
is read as GB18030, their common superset: a page labelled ``gb2312`` routinely holds characters
such as 镕 that only GBK/GB18030 have, and decoding it as GB2312 would turn them into U+FFFD.

A document that is not HTML (a feed) is XML, whose first bytes tell their encoding's family even
without a BOM (XML 1.0, Appendix F): ``3C 00 3F 00`` is ``<?`` in UTF-16LE, ``00 00 00 3C`` ``<``
in UTF-32BE. Those bytes beat any label, and a label naming UTF-16 or UTF-32 on bytes that start
in ASCII (``<?xml``) is false, as a ``<meta>`` that claims UTF-16 is.
"""

from __future__ import annotations

import codecs
import re

__all__ = [
    "codec_for_label",
    "decode_document",
    "decode_html",
    "looks_like_html",
    "parse_content_type",
    "xml_declared_charset",
    "xml_encoding",
]

_META_WINDOW = 4096
# Matches both <meta charset="gbk"> and <meta http-equiv content="text/html; charset=gbk">:
# anything inside one <meta ...> tag, then "charset", "=", an optional quote, the label.
_META_CHARSET = re.compile(
    rb"""<meta\b[^>]*?charset\s*=\s*["']?\s*([a-z0-9_.:+-]{1,40})""", re.IGNORECASE
)
_GB_FAMILY = frozenset(("gb2312", "gbk", "gb18030"))
# WHATWG labels of the GB family that Python's codec registry does not know.
_GB_LABELS = frozenset(
    ("gb_2312-80", "gb_2312", "x-gbk", "csgb2312", "chinese", "iso-ir-58", "csiso58gb231280")
)
# What WHATWG maps these codecs to: servers say "iso-8859-1" when they mean "don't know".
_WINDOWS_1252 = frozenset(("iso8859-1", "latin_1", "ascii", "cp1252"))
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# UTF-32LE's BOM starts with UTF-16LE's, so it is looked for first.
_XML_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    *_BOMS,
)
_WIDE_CODECS = ("utf-32-le", "utf-32-be", "utf-16-le", "utf-16-be")
_XML_SPACE = " \t\r\n"
_REPLACEMENT = "\ufffd"
# More replacement characters than this (absolute, or as a share of the text) means the
# chosen codec was probably wrong, so the other likely codecs get a try.
_MAX_REPLACEMENTS = 20
_MAX_REPLACEMENT_SHARE = 0.005
_HTML_STARTS = (
    b"<!doctype html",
    b"<html",
    b"<head",
    b"<body",
    b"<meta",
    b"<title",
    b"<!--",
    b"<script",
    b"<style",
    b"<link",
    b"<div",
    b"<table",
    b"<p>",
    b"<p ",
    b"<br",
    b"<h1",
    b"<a ",
)


def codec_for_label(label: str | None) -> str | None:
    """Return the Python codec to decode a page labelled ``label`` with, or ``None`` if bogus.

    GB2312, GBK and their aliases (``x-gbk``, ``cp936``, ``euc-cn``, ``gb_2312-80`` ...) become
    ``gb18030``; Latin-1 and ASCII labels become ``cp1252`` as browsers do. Labels of codecs that
    are not text encodings (``base64``, ``rot13``) are bogus.

    Args:
        label: A charset label as found in a header or a ``<meta>`` tag.
    """
    if not label:
        return None
    text = label.strip().strip("\"'").strip().lower()
    if not text:
        return None
    if text in _GB_LABELS:
        return "gb18030"
    try:
        info = codecs.lookup(text)
    except LookupError:
        return None
    # bytes-to-bytes codecs (base64, zlib, rot13) are found by lookup but are no charsets.
    if not bool(getattr(info, "_is_text_encoding", True)):
        return None
    name = info.name
    if name in _GB_FAMILY:
        return "gb18030"
    if name in _WINDOWS_1252:
        return "cp1252"
    return name


def parse_content_type(value: str | None) -> tuple[str, str | None]:
    """Split a ``Content-Type`` value into its lower-case media type and its charset label.

    Args:
        value: The header value, e.g. ``text/html; charset="GBK"``; may be ``None``.

    Returns:
        ``(media_type, charset)``; ``("", None)`` for a missing header.
    """
    if not value:
        return "", None
    media, _, params = value.partition(";")
    charset: str | None = None
    for param in params.split(";"):
        key, sep, val = param.partition("=")
        if sep and key.strip().lower() == "charset":
            charset = val.strip().strip("\"'").strip() or None
    return media.strip().lower(), charset


def _meta_codec(body: bytes) -> str | None:
    """Return the codec named by the first valid ``<meta>`` charset in the first 4 KB."""
    for match in _META_CHARSET.finditer(body[:_META_WINDOW]):
        codec = codec_for_label(match.group(1).decode("ascii"))
        if codec is None:
            continue
        # A <meta> that could be read at all is in an ASCII-compatible encoding, so a UTF-16
        # claim there is false; the HTML standard reads such pages as UTF-8.
        if codec.startswith(("utf_16", "utf_32", "utf-16", "utf-32")):
            return "utf-8"
        return codec
    return None


def _too_many_replacements(text: str) -> bool:
    count = text.count(_REPLACEMENT)
    return count > _MAX_REPLACEMENTS or count > len(text) * _MAX_REPLACEMENT_SHARE


def _decode(body: bytes, codec: str) -> str:
    return body.decode(codec, errors="replace")


def decode_html(body: bytes, header_charset: str | None) -> tuple[str, str]:
    """Decode an HTML body, finding its charset the way a browser would.

    Order: byte-order mark, the header's charset, a ``<meta>`` charset within the first 4 KB,
    then UTF-8. A bogus label falls through to the next step. When the result holds many U+FFFD
    (the label lied), GB18030 and UTF-8 are tried too and the one with the fewest replacement
    characters wins. Decoding never fails: bad bytes become U+FFFD.

    Args:
        body: The (content-decoded) body bytes.
        header_charset: The ``charset`` parameter of the ``Content-Type`` header, if any.

    Returns:
        ``(text, codec)``, e.g. ``("<html>…", "gb18030")``; a BOM is not part of the text.
    """
    for bom, codec in _BOMS:
        if body.startswith(bom):
            # A BOM is the strongest evidence there is; no fallback can beat it.
            return _decode(body[len(bom) :], codec), codec
    codec = codec_for_label(header_charset) or _meta_codec(body) or "utf-8"
    text = _decode(body, codec)
    if not _too_many_replacements(text):
        return text, codec
    best_text, best_codec = text, codec
    best_count = text.count(_REPLACEMENT)
    for other in ("gb18030", "utf-8"):
        if other == codec:
            continue
        candidate = _decode(body, other)
        count = candidate.count(_REPLACEMENT)
        if count < best_count:
            best_text, best_codec, best_count = candidate, other, count
    return best_text, best_codec


_XML_DECLARATION = re.compile(
    rb"""\A(?:\xef\xbb\xbf)?\s*<\?xml\b[^>]{0,200}?\bencoding\s*=\s*["']([A-Za-z0-9_.:+-]{1,40})["']"""
)


def xml_declared_charset(body: bytes) -> str | None:
    """Return the ``encoding`` an XML declaration at the start of ``body`` names, or ``None``.

    A feed says ``<?xml version="1.0" encoding="gbk"?>`` where an HTML page has a ``<meta>``.
    """
    match = _XML_DECLARATION.match(body)
    return match.group(1).decode("ascii") if match else None


XML_HEAD_BYTES = 64
"""Bytes of a document looked at for its encoding family when it has no BOM."""


def xml_encoding(body: bytes) -> tuple[str, int] | None:
    """Return the codec the first bytes of an XML document call for, and its BOM's length.

    A BOM (UTF-8, UTF-16 or UTF-32, either order) tells; without one, the first characters of a
    document (``<``, after any whitespace) in UTF-16 or UTF-32 tell the family and the byte
    order: ``3C 00 3F 00`` is UTF-16LE, ``00 3C 00 3F`` UTF-16BE, ``3C 00 00 00`` UTF-32LE,
    ``00 00 00 3C`` UTF-32BE (XML 1.0, Appendix F).

    Args:
        body: The document's bytes (only the first few are looked at).

    Returns:
        ``(codec, bom_length)``; ``None`` when the bytes start in an ASCII-compatible encoding
        (or in none known), which the header or the XML declaration then names.
    """
    for bom, codec in _XML_BOMS:
        if body.startswith(bom):
            return codec, len(bom)
    # Enough bytes for some leading whitespace: eight were two UTF-32 characters, and a
    # document opening with "\r\n" then looked like none of the families.
    head = body[:XML_HEAD_BYTES]
    if len(head) < 4:
        return None  # Appendix F's four bytes are needed to tell
    for codec in _WIDE_CODECS:
        try:
            # Incremental: a character cut at the end of the head is left out, not an error.
            text = codecs.getincrementaldecoder(codec)().decode(head, final=False)
        except UnicodeDecodeError:
            continue  # a character none of this codec's: not this family
        # Markup's first characters: a "<" after any whitespace, and no control character
        # ("3C 00 00 00" read as UTF-16LE is "<" and NUL, which is no markup). Names need not
        # be ASCII: "<频道>" is a root element too.
        if text.lstrip(_XML_SPACE).startswith("<") and all(
            ch >= " " or ch in _XML_SPACE for ch in text
        ):
            return codec, 0
    return None


def _wide(codec: str | None) -> bool:
    """True for a codec of UTF-16 or UTF-32, whose text is never ASCII-compatible."""
    return codec is not None and codec.replace("-", "_").startswith(("utf_16", "utf_32"))


def decode_document(body: bytes, header_charset: str | None, *, html: bool) -> tuple[str, str]:
    """Decode a page as :func:`decode_html` does; a document that is not HTML is read as XML.

    For XML (a feed), the first bytes come first (:func:`xml_encoding`): a BOM or the UTF-16 or
    UTF-32 form of ``<`` names the codec, whatever a label says. Otherwise, without a charset in
    its header, the encoding its XML declaration names is used. A label naming UTF-16 or UTF-32
    on bytes that are not is false: such a document is read as UTF-8. Decoding never fails:
    bad bytes become U+FFFD.

    Args:
        body: The (content-decoded) body bytes.
        header_charset: The ``charset`` parameter of the ``Content-Type`` header, if any.
        html: True when the ``Content-Type`` says HTML (then the XML declaration is ignored, as
            browsers do).
    """
    if html:
        return decode_html(body, header_charset)
    found = xml_encoding(body)
    if found is not None:
        codec, skip = found
        return _decode(body[skip:], codec), codec
    label = header_charset if header_charset is not None else xml_declared_charset(body)
    if _wide(codec_for_label(label)):
        label = "utf-8"
    return decode_html(body, label)


def looks_like_html(body: bytes) -> bool:
    """Sniff whether ``body`` starts like an HTML document (for a missing or vague type).

    Args:
        body: The start of the body; only the first 1 KB is looked at.
    """
    head = body[:1024]
    for bom, codec in _BOMS:
        if head.startswith(bom):
            head = head[len(bom) :]
            if codec != "utf-8":
                head = head.decode(codec, errors="replace").encode("ascii", errors="replace")
            break
    head = head.lstrip(b" \t\r\n\x0c").lower()
    return head.startswith(_HTML_STARTS)
