"""Feeds in UTF-16 and UTF-32, with a byte-order mark or without: the first bytes tell.

An XML document's first bytes name its encoding's family and byte order even without a BOM
(XML 1.0, Appendix F). A wrong guess never crashes: bad bytes become U+FFFD, and what is then no
feed is a typed error that says so.
"""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from servers import RawServer, respond

from newsreader.core.cache import Cache
from newsreader.core.config import Config, FetchSettings
from newsreader.core.errors import ContentError, NewsreaderError, ParseError
from newsreader.core.http.decoding import decode_document, xml_encoding
from newsreader.core.service import NewsService
from newsreader.core.sources import looks_like_feed, source_for

FAST = FetchSettings(polite_delay=0.0, retries=0, deadline=10.0)
FEED = (
    '<?xml version="1.0" encoding="{label}"?>\n<rss version="2.0"><channel><title>就业通知</title>'
    "<item><title>朱镕基𠀋</title><link>http://feed.test/a</link></item></channel></rss>"
)
WIDE = ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"]
BOMS = {
    "utf-16-le": codecs.BOM_UTF16_LE,
    "utf-16-be": codecs.BOM_UTF16_BE,
    "utf-32-le": codecs.BOM_UTF32_LE,
    "utf-32-be": codecs.BOM_UTF32_BE,
}


def _feed(codec: str, *, bom: bool, label: str | None = None) -> bytes:
    label = label or codec.upper()[:6]
    return (BOMS[codec] if bom else b"") + FEED.format(label=label).encode(codec)


async def _read(body: bytes, media: str, cache_dir: Path) -> tuple[str, list[str], str]:
    """Serve ``body`` as a feed on 127.0.0.1; return its title, its items' and the codec."""
    with RawServer(respond(body, headers={"Content-Type": media})) as server:
        url = server.url + "rss"
        config = Config(site_url=url, cache_dir=cache_dir, fetch=FAST)
        cache = Cache.open(config.cache_path())
        service = NewsService(config, cache, source=source_for(url, kind="feed"))
        try:
            (section,) = (await service.sections()).value
            items = (await service.list_page(url)).value.items
            raw = cache.get_page(url)
        finally:
            await service.aclose()
    assert raw is not None
    return section.title, [i.title for i in items], raw.encoding


@pytest.mark.parametrize("media", ["application/rss+xml", "text/xml", "application/octet-stream"])
@pytest.mark.parametrize("bom", [False, True], ids=["no-bom", "bom"])
@pytest.mark.parametrize("codec", WIDE)
async def test_a_wide_feed_is_read_whole(
    codec: str, bom: bool, media: str, cache_dir: Path
) -> None:
    title, items, encoding = await _read(_feed(codec, bom=bom), media, cache_dir)
    assert (title, items, encoding) == ("就业通知", ["朱镕基𠀋"], codec)


@pytest.mark.parametrize("codec", WIDE)
async def test_the_first_bytes_beat_a_label_that_disagrees(codec: str, cache_dir: Path) -> None:
    # A header that names another encoding, and a declaration that names no byte order.
    body = _feed(codec, bom=False, label="gbk")
    title, items, encoding = await _read(body, "text/xml; charset=utf-16", cache_dir)
    assert (title, items, encoding) == ("就业通知", ["朱镕基𠀋"], codec)


@pytest.mark.parametrize(
    ("start", "expected"),
    [
        (b"\x3c\x00\x3f\x00", ("utf-16-le", 0)),
        (b"\x00\x3c\x00\x3f", ("utf-16-be", 0)),
        (b"\x3c\x00\x00\x00\x3f\x00\x00\x00", ("utf-32-le", 0)),
        (b"\x00\x00\x00\x3c\x00\x00\x00\x3f", ("utf-32-be", 0)),
        ("\n <rss".encode("utf-16-le"), ("utf-16-le", 0)),
        # More whitespace than the eight bytes first looked at hold in UTF-32.
        ("\r\n<rss".encode("utf-32-le"), ("utf-32-le", 0)),
        (" \t\r\n  <rss".encode("utf-32-be"), ("utf-32-be", 0)),
        ("<频道>".encode("utf-16-be"), ("utf-16-be", 0)),
        ("<频道>".encode("utf-32-le"), ("utf-32-le", 0)),
        (codecs.BOM_UTF32_LE + b"<\x00\x00\x00", ("utf-32-le", 4)),
        (codecs.BOM_UTF16_LE + b"<\x00", ("utf-16-le", 2)),
        (codecs.BOM_UTF8 + b"<?xml", ("utf-8", 3)),
        (b"<?xml version", None),  # ASCII-compatible: the declaration or the header names it
        (b"<\x00", None),  # too short to tell
        (b"\x00\x00\x00\x00\x00\x00\x00\x00", None),
        (b"\x3c\x00\x00\xd8\x3f\x00\x00\x00", None),  # "<" then half a surrogate pair
        (b"", None),
    ],
)
def test_xml_encoding_reads_the_first_bytes(start: bytes, expected: tuple[str, int] | None) -> None:
    assert xml_encoding(start) == expected


def test_a_declaration_of_utf16_on_ascii_bytes_is_false() -> None:
    # Of even length, so that read as UTF-16 it would hold no U+FFFD to give the lie away.
    body = FEED.format(label="UTF-16").encode("utf-8")
    body += b" " * (len(body) % 2)
    for header in (None, "utf-16"):
        text, codec = decode_document(body, header, html=False)
        assert codec == "utf-8" and "朱镕基𠀋" in text


@pytest.mark.parametrize(
    "body",
    [
        b"<\x00?\x00" + b"\x00\xd8\x00\xdc\x00\xd8x",  # lone surrogates, an odd length
        b"<\x00\x00\x00" + bytes(range(256)) * 3,  # code points past U+10FFFF
    ],
)
@pytest.mark.parametrize("media", ["application/rss+xml", "text/html"])
async def test_bad_bytes_after_a_wide_start_are_a_clear_error(
    body: bytes, media: str, cache_dir: Path
) -> None:
    text, _codec = decode_document(body, None, html=False)
    assert "\ufffd" in text
    assert looks_like_feed(body) is None
    with pytest.raises((ContentError, ParseError)) as info:
        await _read(body, media, cache_dir)
    error: NewsreaderError = info.value
    assert "not a feed" in error.one_line() or "nor a feed" in error.one_line()


async def test_a_wide_feed_cut_short_by_bad_bytes_keeps_what_reads(cache_dir: Path) -> None:
    good = (
        '<rss version="2.0"><channel><title>就业</title><item><title>一</title>'
        "<link>http://feed.test/a</link></item>"
    ).encode("utf-16-be")
    title, items, encoding = await _read(good + b"\xd8\x00\x00", "application/rss+xml", cache_dir)
    assert (title, items, encoding) == ("就业", ["一"], "utf-16-be")
