"""Fetcher against httpx.MockTransport: headers, statuses, redirects, content types, decoding."""

from __future__ import annotations

import asyncio
import gzip
import itertools
import time
from collections.abc import Callable

import httpx
import pytest

from newsreader.core.config import FetchSettings
from newsreader.core.errors import (
    BodyTooLarge,
    ContentError,
    FetchError,
    FetchTimeout,
    HTTPStatusError,
    NetworkError,
    NewsreaderError,
    RedirectError,
)
from newsreader.core.http.fetcher import Fetcher

SITE = "https://www.example.edu.cn/"
HTML = "<!DOCTYPE html><html><head><title>新闻</title></head></html>".encode()
FAST = FetchSettings(respect_robots=False, polite_delay=0.0, backoff=0.0)

Handler = Callable[[httpx.Request], httpx.Response]


def fetcher(handler: Handler, settings: FetchSettings = FAST, **kwargs: object) -> Fetcher:
    return Fetcher(settings, site_url=SITE, transport=httpx.MockTransport(handler), **kwargs)  # type: ignore[arg-type]


def html(status: int = 200, body: bytes = HTML, **headers: str) -> httpx.Response:
    hdrs = {"Content-Type": "text/html; charset=utf-8"}
    hdrs.update({k.replace("_", "-"): v for k, v in headers.items()})
    return httpx.Response(status, content=body, headers=hdrs)


async def test_get_decodes_and_sends_our_headers() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return html(ETag='"v1"', Last_Modified="Wed, 21 Oct 2015 07:28:00 GMT")

    async with fetcher(handler) as f:
        page = await f.get(SITE + "index.htm")
    assert page.status == 200
    assert "<title>新闻</title>" in page.text
    assert (page.content_type, page.encoding) == ("text/html", "utf-8")
    assert page.etag == '"v1"'
    assert page.last_modified == "Wed, 21 Oct 2015 07:28:00 GMT"
    assert page.url == SITE + "index.htm"
    assert page.fetched_at > 0
    request = seen[0]
    assert request.headers["user-agent"] == FAST.user_agent
    assert request.headers["accept-encoding"] == "gzip, deflate, br"
    assert "if-none-match" not in request.headers


async def test_conditional_get_304() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(304, headers={"ETag": '"v1"'})

    async with fetcher(handler) as f:
        page = await f.get(SITE, etag='"v1"', last_modified="Wed, 21 Oct 2015 07:28:00 GMT")
    assert page.status == 304
    assert page.not_modified
    assert page.text == ""
    assert page.etag == '"v1"'
    assert page.last_modified == "Wed, 21 Oct 2015 07:28:00 GMT"
    assert seen[0].headers["if-none-match"] == '"v1"'
    assert seen[0].headers["if-modified-since"] == "Wed, 21 Oct 2015 07:28:00 GMT"


async def test_304_without_validators_is_an_error() -> None:
    async with fetcher(lambda r: httpx.Response(304)) as f:
        with pytest.raises(HTTPStatusError) as info:
            await f.get(SITE)
    assert info.value.status == 304


@pytest.mark.parametrize(("status", "phrase"), [(404, "Not Found"), (500, "Internal Server Error")])
async def test_error_statuses(status: int, phrase: str) -> None:
    async with fetcher(lambda r: html(status)) as f:
        with pytest.raises(HTTPStatusError) as info:
            await f.get(SITE + "missing.htm")
    assert info.value.status == status
    assert str(info.value) == f"HTTP {status} {phrase} for {SITE}missing.htm"


async def test_unknown_status_reason_is_sanitized() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(499, extensions={"reason_phrase": b"Bad\x1b[31m"})

    async with fetcher(handler) as f:
        with pytest.raises(HTTPStatusError) as info:
            await f.get(SITE)
    assert "\x1b" not in str(info.value)


@pytest.mark.parametrize("ctype", ["image/png", "application/pdf", "application/json"])
async def test_non_html_is_refused_by_get(ctype: str) -> None:
    async with fetcher(
        lambda r: httpx.Response(200, content=b"\x89PNG", headers={"Content-Type": ctype})
    ) as f:
        with pytest.raises(ContentError, match=f"not an HTML page: {ctype}"):
            await f.get(SITE)


async def test_missing_content_type_is_sniffed() -> None:
    async with fetcher(lambda r: httpx.Response(200, content=HTML)) as f:
        page = await f.get(SITE)
        assert "新闻" in page.text
    async with fetcher(lambda r: httpx.Response(200, content=b"\x89PNG\r\n")) as f:
        with pytest.raises(ContentError, match="no Content-Type"):
            await f.get(SITE)


async def test_xhtml_and_header_charset() -> None:
    body = "<html><title>朱镕基</title></html>".encode("gb18030")
    headers = {"Content-Type": "application/xhtml+xml; charset=GB2312"}
    async with fetcher(lambda r: httpx.Response(200, content=body, headers=headers)) as f:
        page = await f.get(SITE)
    assert page.encoding == "gb18030"
    assert "朱镕基" in page.text
    assert page.content_type == "application/xhtml+xml"


async def test_get_bytes_accepts_anything_and_decodes_content_encoding() -> None:
    data = b"%PDF-1.7 " + bytes(range(256)) * 10

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(
            200,
            content=gzip.compress(data),
            headers={"Content-Type": "application/pdf", "Content-Encoding": "gzip"},
        )

    async with fetcher(handler) as f:
        body, headers, final = await f.get_bytes(SITE + "file")
    assert body == data
    assert headers["content-type"] == "application/pdf"
    assert final == SITE + "file"


async def test_get_bytes_own_cap() -> None:
    async with fetcher(lambda r: httpx.Response(200, content=b"x" * 100)) as f:
        assert len((await f.get_bytes(SITE, max_bytes=100))[0]) == 100
        with pytest.raises(BodyTooLarge):
            await f.get_bytes(SITE, max_bytes=99)


# --- redirects ---------------------------------------------------------------------------


def redirecting(routes: dict[str, tuple[int, str]]) -> Handler:
    def handler(request: httpx.Request) -> httpx.Response:
        path = request.url.raw_path.decode()
        if path in routes:
            status, location = routes[path]
            return httpx.Response(status, headers={"Location": location})
        return html()

    return handler


async def test_relative_redirects_are_followed() -> None:
    routes = {
        "/a.htm": (301, "b/c.htm"),
        "/b/c.htm": (302, "../d.htm#frag"),
        "/d.htm": (307, "/e.htm"),
    }
    async with fetcher(redirecting(routes)) as f:
        page = await f.get(SITE + "a.htm")
    assert page.url == SITE + "e.htm"


async def test_redirect_to_www_and_scheme_change_on_the_site_is_allowed() -> None:
    routes = {"/a.htm": (301, "http://example.edu.cn/b.htm")}
    async with fetcher(redirecting(routes)) as f:
        page = await f.get(SITE + "a.htm")
    assert page.url == "http://example.edu.cn/b.htm"


async def test_redirect_within_the_requested_host_is_allowed() -> None:
    # An attachment may live on another host (a file server); it may redirect within it.
    routes = {"/x": (302, "https://cdn.other.org/y")}
    async with fetcher(redirecting(routes)) as f:
        _body, _headers, final = await f.get_bytes("https://cdn.other.org/x")
    assert final == "https://cdn.other.org/y"


@pytest.mark.parametrize(
    ("location", "message"),
    [
        ("https://evil.example.com/", "off the site refused: .* -> https://evil.example.com/"),
        # Another port of the site's host is another service, not the site.
        ("https://www.example.edu.cn:8443/x", "off the site refused: .* -> https://www.example"),
        ("https://www.example.edu.cn:99999/x", "unusable URL refused: .* between 1 and 65535"),
        ("ftp://www.example.edu.cn/x", "non-http\\(s\\) URL refused: ftp://www.example.edu.cn/x"),
        ("javascript:alert(1)", "non-http\\(s\\) URL refused: javascript:alert\\(1\\)"),
        ("mailto:x@y.z", "non-http\\(s\\) URL refused"),
        ("http://[::1", "unreadable redirect target http://\\[::1"),
        ("", "without a Location"),
    ],
)
async def test_bad_redirects(location: str, message: str) -> None:
    async with fetcher(redirecting({"/a": (302, location)})) as f:
        with pytest.raises(RedirectError, match=message):
            await f.get(SITE + "a")


async def test_redirect_loop() -> None:
    routes = {"/a": (302, "/b"), "/b": (302, "/a")}
    async with fetcher(redirecting(routes)) as f:
        with pytest.raises(RedirectError, match="loop"):
            await f.get(SITE + "a")


async def test_too_many_redirects() -> None:
    routes = {f"/{i}": (302, f"/{i + 1}") for i in range(10)}
    async with fetcher(redirecting(routes)) as f:
        assert (await f.get(SITE + "5")).url == SITE + "10"  # exactly 5: fine
        with pytest.raises(RedirectError, match=r"too many redirects .* the last to .*/6"):
            await f.get(SITE + "0")


# --- error mapping -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("exc", "kind", "words"),
    [
        (httpx.ConnectError("[Errno -2] Name or service not known"), NetworkError, "DNS"),
        (httpx.ConnectError("[Errno 111] Connection refused"), NetworkError, "refused"),
        (httpx.ConnectTimeout("slow"), FetchTimeout, "could not connect"),
        (httpx.ReadTimeout("slow"), FetchTimeout, "sent nothing"),
        (httpx.PoolTimeout("pool"), FetchTimeout, "timed out"),
        (httpx.ProxyError("407"), NetworkError, "proxy"),
        (httpx.ReadError("[Errno 104] Connection reset by peer"), NetworkError, "reset"),
        (httpx.RemoteProtocolError("Server disconnected"), NetworkError, "broke the connection"),
        (httpx.LocalProtocolError("bad header"), NetworkError, "failed"),
        (httpx.UnsupportedProtocol("nope"), FetchError, "http"),
    ],
)
async def test_transport_errors_are_mapped(
    exc: Exception, kind: type[NewsreaderError], words: str
) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise exc

    async with fetcher(
        handler, FetchSettings(respect_robots=False, polite_delay=0, backoff=0, retries=0)
    ) as f:
        with pytest.raises(kind) as info:
            await f.get(SITE)
    assert words in str(info.value)
    assert "www.example.edu.cn" in str(info.value) or kind is FetchError


async def test_dns_failure_names_the_host() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("[Errno -3] Temporary failure in name resolution")

    async with fetcher(handler) as f:
        with pytest.raises(NetworkError) as info:
            await f.get_bytes("https://no-such-host.invalid/")
    assert (
        str(info.value)
        == "cannot connect to no-such-host.invalid: host name not found (DNS lookup failed)"
    )


@pytest.mark.parametrize("url", ["ftp://x.org/", "not a url", "/relative.htm", "mailto:a@b.c"])
async def test_non_http_urls_are_refused(url: str) -> None:
    async with fetcher(lambda r: html()) as f:
        with pytest.raises(FetchError, match="not an http"):
            await f.get(url)


async def test_closed_fetcher_refuses() -> None:
    f = fetcher(lambda r: html())
    await f.get(SITE)
    await f.aclose()
    with pytest.raises(FetchError, match="closed"):
        await f.get(SITE)


async def test_deadline_with_a_slow_transport() -> None:
    class Slow(httpx.AsyncBaseTransport):
        async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
            await asyncio.sleep(10)
            raise AssertionError("not reached")

    settings = FetchSettings(respect_robots=False, deadline=0.2, polite_delay=0)
    async with Fetcher(settings, site_url=SITE, transport=Slow()) as f:
        start = time.monotonic()
        with pytest.raises(FetchTimeout, match=r"within 0\.2 s"):
            await f.get(SITE)
    assert time.monotonic() - start < 2


async def test_control_characters_in_validators_are_dropped() -> None:
    async with fetcher(lambda r: html(ETag='"ok"', Last_Modified="bad\x7fvalue")) as f:
        page = await f.get(SITE)
    assert page.etag == '"ok"'
    assert page.last_modified is None


# --- politeness --------------------------------------------------------------------------


async def test_per_host_concurrency_limit() -> None:
    active = 0
    peak = 0

    class Counting(httpx.AsyncBaseTransport):
        async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
            nonlocal active, peak
            active += 1
            peak = max(peak, active)
            await asyncio.sleep(0.02)
            active -= 1
            return html()

    settings = FetchSettings(respect_robots=False, per_host=2, polite_delay=0)
    async with Fetcher(settings, site_url=SITE, transport=Counting()) as f:
        await asyncio.gather(*(f.get(f"{SITE}{i}.htm") for i in range(8)))
        assert peak == 2
        peak = 0
        # Another host (attachments only: pages come from the site) has its own allowance.
        await asyncio.gather(
            *(f.get_bytes(f"https://a.org/{i}") for i in range(3)),
            *(f.get_bytes(f"https://b.org/{i}") for i in range(3)),
        )
    assert peak == 4


async def test_polite_delay_between_request_starts() -> None:
    starts: dict[str, list[float]] = {}

    def handler(request: httpx.Request) -> httpx.Response:
        starts.setdefault(request.url.host, []).append(time.monotonic())
        return html()

    settings = FetchSettings(respect_robots=False, polite_delay=0.1, per_host=4)
    async with fetcher(handler, settings) as f:
        await asyncio.gather(
            *(f.get(f"{SITE}{i}.htm") for i in range(4)), f.get_bytes("https://other.org/")
        )
    times = sorted(starts["www.example.edu.cn"])
    gaps = [b - a for a, b in itertools.pairwise(times)]
    assert all(gap >= 0.09 for gap in gaps), gaps
    assert starts["other.org"][0] - times[0] < 0.09  # another host is not held up
