"""The decoded-size cap: content codings decoded by hand, bombs stopped without expanding."""

from __future__ import annotations

import gzip
import tracemalloc
import zlib
from collections.abc import AsyncIterator, Iterator

import brotli
import httpx
import pytest
from servers import RawServer, brotli_bomb, endless_chunked, gzip_bomb

from newsreader.core.config import FetchSettings
from newsreader.core.errors import BodyTooLarge, ContentError
from newsreader.core.http.body import BodyDecoder, BodyReader
from newsreader.core.http.fetcher import Fetcher

DATA = ("<html><p>新闻资讯 " * 2000 + "</html>").encode()
CAP = 10 * 1024 * 1024


@pytest.fixture(autouse=True)
def _no_proxies(monkeypatch: pytest.MonkeyPatch) -> None:
    # Real 127.0.0.1 servers: a proxy from the environment must not be used.
    for name in (
        "ALL_PROXY",
        "HTTP_PROXY",
        "HTTPS_PROXY",
        "all_proxy",
        "http_proxy",
        "https_proxy",
    ):
        monkeypatch.delenv(name, raising=False)


def decode(encoding: str | None, data: bytes, cap: int = 1 << 20, step: int = 777) -> bytes:
    decoder = BodyDecoder(encoding, cap)
    out = b"".join(b"".join(decoder.feed(data[i : i + step])) for i in range(0, len(data), step))
    return out + b"".join(decoder.finish())


def raw_deflate(data: bytes) -> bytes:
    obj = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS)
    return obj.compress(data) + obj.flush()


@pytest.mark.parametrize(
    ("encoding", "encoded"),
    [
        (None, DATA),
        ("identity", DATA),
        ("gzip", gzip.compress(DATA)),
        ("x-gzip", gzip.compress(DATA)),
        ("GZIP", gzip.compress(DATA)),
        ("deflate", zlib.compress(DATA)),
        ("deflate", raw_deflate(DATA)),
        ("br", brotli.compress(DATA)),
        ("gzip, gzip", gzip.compress(gzip.compress(DATA))),
        ("gzip, br", brotli.compress(gzip.compress(DATA))),
        ("br, identity, deflate", zlib.compress(brotli.compress(DATA))),
    ],
)
def test_codings_round_trip(encoding: str | None, encoded: bytes) -> None:
    assert decode(encoding, encoded) == DATA
    assert decode(encoding, encoded, step=1 << 20) == DATA


def test_concatenated_gzip_members() -> None:
    assert decode("gzip", gzip.compress(b"one ") + gzip.compress(b"two")) == b"one two"


def test_trailing_junk_after_gzip_is_ignored() -> None:
    assert decode("gzip", gzip.compress(b"page") + b"\0\0\0\0") == b"page"


def test_unknown_coding() -> None:
    with pytest.raises(ContentError, match="unknown content encoding: 'zstd'"):
        BodyDecoder("gzip, zstd", 100)


@pytest.mark.parametrize(
    ("encoding", "encoded"),
    [
        ("gzip", gzip.compress(DATA)[:-20]),
        ("deflate", zlib.compress(DATA)[:-20]),
        ("br", brotli.compress(DATA)[:-5]),
    ],
)
def test_truncated_compressed_streams(encoding: str, encoded: bytes) -> None:
    with pytest.raises(ContentError, match=f"truncated {encoding} body"):
        decode(encoding, encoded)


@pytest.mark.parametrize("encoding", ["gzip", "deflate", "br"])
def test_corrupt_compressed_streams(encoding: str) -> None:
    with pytest.raises(ContentError, match=f"corrupt {encoding} body"):
        decode(encoding, b"\x1f\x8b\x08\x00" + b"\xff" * 64 if encoding == "gzip" else b"\xff" * 64)


def test_empty_body_with_a_coding_is_empty() -> None:
    assert decode("gzip", b"") == b""


@pytest.mark.parametrize("encoding", [None, "gzip", "br"])
def test_exactly_at_the_cap_passes_one_more_byte_fails(encoding: str | None) -> None:
    data = b"a" * 5000
    enc = {None: data, "gzip": gzip.compress(data), "br": brotli.compress(data)}[encoding]
    assert decode(encoding, enc, cap=5000) == data
    with pytest.raises(BodyTooLarge):
        decode(encoding, enc, cap=4999)


def gzip_zeros(total: int) -> Iterator[bytes]:
    block = bytes(1 << 20)
    obj = zlib.compressobj(9, zlib.DEFLATED, 31)
    for _ in range(total // len(block)):
        yield obj.compress(block)
    yield obj.flush()


def brotli_zeros(total: int) -> Iterator[bytes]:
    block = bytes(1 << 20)
    obj = brotli.Compressor(quality=1)
    for _ in range(total // len(block)):
        yield obj.process(block) + obj.flush()
    yield obj.finish()


def test_nested_gzip_bomb_is_stopped_at_every_level() -> None:
    inner = b"".join(gzip_zeros(256 << 20))  # ~250 KB inflating to 256 MiB
    outer = gzip.compress(inner)
    decoder = BodyDecoder("gzip, gzip", 1 << 20)
    tracemalloc.start()
    try:
        with pytest.raises(BodyTooLarge):
            decoder.feed(outer)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 3 << 20


async def _aiter(chunks: Iterator[bytes]) -> AsyncIterator[bytes]:
    for chunk in chunks:
        yield chunk


@pytest.mark.parametrize(("encoding", "source"), [("gzip", gzip_zeros), ("br", brotli_zeros)])
async def test_reader_stops_a_1_gib_bomb_within_3x_the_cap(encoding: str, source: object) -> None:
    assert callable(source)
    reader = BodyReader(encoding, CAP, "http://x/")
    tracemalloc.start()
    try:
        with pytest.raises(BodyTooLarge, match="larger than 10 MiB once decoded"):
            await reader.read(_aiter(source(1 << 30)))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 3 * CAP
    assert reader.received < 2 << 20  # stopped early: a small part of the stream was read


async def test_raw_cap_stops_a_stream_that_decodes_to_nothing() -> None:
    # Endless empty stored deflate blocks: no decoded byte, ever; the encoded cap stops them.
    empty_block = b"\x00\x00\x00\xff\xff"

    def blocks() -> Iterator[bytes]:
        yield b"\x78\x9c"
        while True:
            yield empty_block * 1000

    reader = BodyReader("deflate", 100_000, "http://x/")
    with pytest.raises(BodyTooLarge):
        await reader.read(_aiter(blocks()))


# --- through the fetcher -----------------------------------------------------------------


async def test_content_length_over_the_cap_fails_before_reading() -> None:
    read = []

    class Stream(httpx.AsyncByteStream):
        async def __aiter__(self) -> AsyncIterator[bytes]:
            read.append(True)
            yield b"x"

    def handler(request: httpx.Request) -> httpx.Response:
        headers = {"Content-Type": "text/html", "Content-Length": str(CAP + 1)}
        return httpx.Response(200, headers=headers, stream=Stream())

    settings = FetchSettings(respect_robots=False, polite_delay=0)
    async with Fetcher(settings, site_url="http://x/", transport=httpx.MockTransport(handler)) as f:
        with pytest.raises(BodyTooLarge, match="over the 10485760-byte cap"):
            await f.get("http://x/")
    assert read == []


@pytest.mark.parametrize("handler", [gzip_bomb, brotli_bomb])
async def test_bomb_from_a_real_server(handler: object) -> None:
    assert callable(handler)
    settings = FetchSettings(respect_robots=False, polite_delay=0, deadline=10)
    with RawServer(handler(1 << 30)) as server:
        async with Fetcher(settings, site_url=server.url) as f:
            tracemalloc.start()
            try:
                with pytest.raises(BodyTooLarge):
                    await f.get(server.url)
                peak = tracemalloc.get_traced_memory()[1]
            finally:
                tracemalloc.stop()
    assert peak < 3 * CAP


async def test_endless_chunked_body_hits_the_cap() -> None:
    settings = FetchSettings(respect_robots=False, polite_delay=0, deadline=10, max_body=1 << 20)
    with RawServer(endless_chunked()) as server:
        async with Fetcher(settings, site_url=server.url) as f:
            with pytest.raises(BodyTooLarge, match="larger than 1 MiB"):
                await f.get(server.url)
