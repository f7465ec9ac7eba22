"""A hostile network (issue cases 4-10), through the CLI or the service against real servers.

Every failure is one line on stderr with exit status 1, bounded in time and memory.
"""

from __future__ import annotations

import asyncio
import email.utils
import gzip
import json
import random
import resource
import time
from pathlib import Path

import pytest
from cli_runner import run
from faults import (
    ARTICLE_PATH,
    Conn,
    RawServer,
    article_page,
    raw_response,
    respond,
    route,
    run_cli,
)
from servers import brotli_bomb, drip, endless_chunked, gzip_bomb, lying_length, truncated_chunked

from newsreader.core.cache import Cache
from newsreader.core.config import Config, FetchSettings
from newsreader.core.errors import FetchTimeout, HTTPStatusError
from newsreader.core.http.fetcher import Fetcher
from newsreader.core.parse.dom import MAX_CHARS
from newsreader.core.service import NewsService
from newsreader.core.settings import MAX_BODY_MB


def read(
    capsys: pytest.CaptureFixture[str], server: RawServer, tmp: Path, *extra: str
) -> tuple[int, str, str]:
    return run(
        capsys,
        server.url,
        tmp / "c",
        *extra,
        "read",
        server.url + ARTICLE_PATH.lstrip("/"),
        "--json",
    )


def one_line_failure(code: int, out: str, err: str, *words: str) -> None:
    assert code == 1 and out == "", err
    assert err.count("\n") == 1 and "Traceback" not in err, err
    for word in words:
        assert word in err, err


# --- (4) huge and deep pages ------------------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        "".join(f"<p>第{i}段</p>" for i in range(5000)),
        "<ul>" + "".join(f"<li>第{i}项</li>" for i in range(5000)) + "</ul>",
        "<div>" * 100_000 + "<p>深处的段落</p>" + "</div>" * 100_000,
        "<span>" * 100_000 + "深处的文字",  # never closed
    ],
    ids=["5000-paragraphs", "5000-list-items", "100k-deep", "100k-unclosed"],
)
def test_huge_or_deep_article_parses_in_bounded_time(
    body: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with RawServer(route({ARTICLE_PATH: respond(article_page("巨大的文章", body))})) as server:
        start = time.monotonic()
        code, out, err = read(capsys, server, tmp_path)
        elapsed = time.monotonic() - start
    assert code == 0, err
    assert elapsed < 10
    data = json.loads(out)
    assert data["title"] == "巨大的文章"
    if "第4999" in body:
        assert "第4999" in data["body"]
    elif body.startswith("<span>"):
        assert data["body"] == "深处的文字"  # inline nesting does not count towards the cap
    else:
        # parse/dom.py flattens nesting past MAX_DEPTH (1,500) before parsing: the wrappers
        # 100,000 levels down are dropped, their text is kept.
        assert data["body"] == "深处的段落"


def test_a_page_the_byte_cap_lets_through_is_parsed_whole(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # 11 million characters: more than the parser's old 8M cut, less than max_body_mb = 12.
    padding = "<!--" + "x" * 11_000_000 + "-->"
    body = "<p>第一段</p>" + padding + "<p>最后一段</p>"
    config = tmp_path / "config.toml"
    config.write_text("max_body_mb = 12\n", encoding="utf-8")
    with RawServer(route({ARTICLE_PATH: respond(article_page("长页", body))})) as server:
        code, out, err = read(capsys, server, tmp_path, "--config", str(config))
    assert code == 0, err
    assert json.loads(out)["body"] == "第一段\n\n最后一段"
    assert err == ""
    assert MAX_CHARS >= MAX_BODY_MB * 1024 * 1024  # no page under any byte cap is ever cut


# --- (5) compression bombs --------------------------------------------------------------------


def _stacked_gzip_bomb(conn: Conn) -> None:
    inner = gzip.compress(bytes(64 << 20), 9)  # 64 MiB of zeros, ~64 KiB
    body = gzip.compress(inner, 9)
    head = (
        "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip, gzip\r\n"
        f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n"
    )
    conn.send(head.encode() + body)


@pytest.mark.parametrize(
    "handler", [gzip_bomb(), brotli_bomb(), _stacked_gzip_bomb], ids=["gzip", "brotli", "gzip-gzip"]
)
def test_compression_bomb_stops_at_the_cap(
    handler: object, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with RawServer(route({ARTICLE_PATH: handler})) as server:  # type: ignore[dict-item]
        start = time.monotonic()
        code, out, err = read(capsys, server, tmp_path)
    grown_mib = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    one_line_failure(code, out, err, "Page too large")
    assert time.monotonic() - start < 20
    assert grown_mib < 200  # the default cap is 10 MiB; the bomb is 1 GiB


# --- (6) broken framing -----------------------------------------------------------------------


def _huge_headers(conn: Conn) -> None:
    if not conn.send(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"):
        return
    line = b"X-Junk: " + b"a" * 1000 + b"\r\n"
    for _ in range(16 * 1024):  # 16 MiB of headers
        if not conn.send(line):
            return


@pytest.mark.parametrize(
    ("handler", "words"),
    [
        (lying_length(announced=100_000), ["Bad content", "truncated"]),
        (truncated_chunked(), ["Bad content", "truncated"]),
        (endless_chunked(), ["Page too large"]),
        (_huge_headers, ["127.0.0.1"]),
    ],
    ids=["length-too-big", "truncated-chunked", "endless-chunked", "16MiB-headers"],
)
def test_broken_framing_is_one_clean_line(
    handler: object, words: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with RawServer(route({ARTICLE_PATH: handler})) as server:  # type: ignore[dict-item]
        start = time.monotonic()
        code, out, err = read(capsys, server, tmp_path)
    one_line_failure(code, out, err, *words)
    assert time.monotonic() - start < 20


def test_content_length_shorter_than_the_body_uses_only_the_announced_bytes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = article_page("完整的标题")
    cut = page.index(b"</h1>")  # the announced length ends in the middle of the article
    handler = raw_response(
        "200 OK",
        [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(cut))],
        page,
        length=False,
    )
    with RawServer(route({ARTICLE_PATH: handler})) as server:
        code, out, err = read(capsys, server, tmp_path)
    assert code == 0, err  # what was announced is a page: the extra bytes are never read
    assert json.loads(out)["title"] == "完整的标题"


# --- (7) drip feed ----------------------------------------------------------------------------


@pytest.mark.parametrize("in_head", [False, True])
async def test_drip_feed_is_ended_by_the_deadline(in_head: bool, tmp_path: Path) -> None:
    config = Config(site_url="http://127.0.0.1/", fetch=FetchSettings(deadline=1.0, polite_delay=0))
    with RawServer(route({ARTICLE_PATH: drip(0.3, in_head=in_head)})) as server:
        config = Config(site_url=server.url, fetch=config.fetch)
        service = NewsService(config, Cache.memory())
        start = time.monotonic()
        with pytest.raises(FetchTimeout, match="within 1 s"):
            await service.article(server.url + ARTICLE_PATH.lstrip("/"))
        elapsed = time.monotonic() - start
        await service.aclose()
    assert 0.9 < elapsed < 3


# --- (8) redirects ----------------------------------------------------------------------------


def _redirect(location: str) -> object:
    return raw_response("302 Found", [("Location", location)])


@pytest.mark.parametrize(
    ("routes", "words"),
    [
        ({ARTICLE_PATH: _redirect("/b.htm"), "/b.htm": _redirect(ARTICLE_PATH)}, ["redirect loop"]),
        ({ARTICLE_PATH: _redirect("http://evil.test/x.htm")}, ["off the site", "evil.test"]),
        ({ARTICLE_PATH: _redirect("file:///etc/passwd")}, ["non-http(s)", "file:///etc/passwd"]),
        (
            {
                ARTICLE_PATH: _redirect("/r0.htm"),
                **{f"/r{i}.htm": _redirect(f"/r{i + 1}.htm") for i in range(10)},
            },
            ["too many redirects"],
        ),
    ],
    ids=["loop", "other-host", "file-scheme", "too-many"],
)
def test_bad_redirects(
    routes: dict[str, object], words: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with RawServer(route(routes)) as server:  # type: ignore[arg-type]
        code, out, err = read(capsys, server, tmp_path)
        assert len(server.requests) <= 8  # robots.txt + at most 1 + 5 redirects
    one_line_failure(code, out, err, "Bad redirect", *words)


# --- (9) Retry-After --------------------------------------------------------------------------


def _http_date(offset: float) -> str:
    return email.utils.formatdate(time.time() + offset, usegmt=True)


IN_A_MINUTE = "in-a-minute"  # made into an HTTP date when the test runs, not when collected


@pytest.mark.parametrize(
    ("value", "low", "high"),
    [
        ("3", 3.0, 3.0),
        (IN_A_MINUTE, 50.0, 60.0),
        (_http_date(-3600), 0.0, 0.0),  # a date in the past: no wait
        ("-5", 0.5, 0.75),  # negative: ignored, jittered backoff (base 0.5, +50 %)
        ("99999999999999999999", 90.0, 90.0),  # huge: clamped to max_retry_after
        ("soon", 0.5, 0.75),
        ("", 0.5, 0.75),
        ("1e400", 0.5, 0.75),
    ],
)
@pytest.mark.parametrize("status", ["429 Too Many Requests", "503 Service Unavailable"])
async def test_retry_after_is_clamped_and_retries_are_bounded(
    status: str, value: str, low: float, high: float
) -> None:
    sleeps: list[float] = []

    async def sleep(seconds: float) -> None:
        sleeps.append(seconds)

    if value == IN_A_MINUTE:
        value = _http_date(60)
    handler = raw_response(status, [("Content-Type", "text/html"), ("Retry-After", value)], b"busy")
    settings = FetchSettings(
        polite_delay=0, retries=2, backoff=0.5, max_retry_after=90, respect_robots=False
    )
    with RawServer(route({"/a.htm": handler})) as server:
        async with Fetcher(settings, site_url=server.url, sleep=sleep, rng=random.Random(3)) as f:
            with pytest.raises(HTTPStatusError):
                await f.get(server.url + "a.htm")
        methods = [r.split(b" ", 1)[0] for r in server.requests]
    assert methods == [b"GET"] * 3  # 1 + 2 retries, GET only
    assert len(sleeps) == 2
    assert low <= sleeps[0] <= high
    assert all(0 <= s <= 90 for s in sleeps)


async def test_backoff_is_jittered() -> None:
    delays: set[float] = set()
    for seed in range(5):
        sleeps: list[float] = []

        async def sleep(seconds: float, into: list[float] = sleeps) -> None:
            into.append(seconds)

        handler = raw_response("503 Busy", [("Content-Type", "text/html")], b"")
        settings = FetchSettings(polite_delay=0, retries=1, respect_robots=False)
        with RawServer(handler) as server:
            async with Fetcher(
                settings, site_url=server.url, sleep=sleep, rng=random.Random(seed)
            ) as f:
                with pytest.raises(HTTPStatusError):
                    await asyncio.wait_for(f.get(server.url), 10)
        delays.update(sleeps)
    assert len(delays) == 5 and all(0.5 <= d <= 0.75 for d in delays)


# --- (10) unusable proxies --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("env", "words"),
    [
        ({"ALL_PROXY": "socks5://127.0.0.1:1"}, ["ALL_PROXY", "SOCKS"]),
        ({"HTTP_PROXY": "http://127.0.0.1:1"}, ["Network unreachable", "proxy"]),
        ({"HTTP_PROXY": "gopher://x:70"}, ["Network unreachable", "HTTP_PROXY"]),
    ],
    ids=["socks-without-socksio", "proxy-refuses", "bad-scheme"],
)
def test_unusable_proxy_is_a_clear_message(
    env: dict[str, str], words: list[str], tmp_path: Path
) -> None:
    env = {**env, "NO_PROXY": "", "no_proxy": ""}
    site = "http://127.0.0.1:8/"
    proc = run_cli(
        site, tmp_path / "c", "read", site + ARTICLE_PATH.lstrip("/"), env=env, timeout=60
    )
    err = proc.stderr.decode()
    assert proc.returncode == 1, err
    assert err.count("\n") == 1 and "Traceback" not in err and "ImportError" not in err
    for word in words:
        assert word in err, err
    assert "127.0.0.1:1" not in err or "socks" not in env.get(
        "ALL_PROXY", ""
    )  # no proxy URL leaked


def test_a_site_at_a_port_out_of_range_is_a_usage_error(tmp_path: Path) -> None:
    # Given as --site it is a bad argument (exit 2); the fetcher's own refusal of such a link
    # is tests/core/test_fetch_transport.py::test_a_port_out_of_range_is_an_invalid_url.
    site = "http://127.0.0.1:99999/"
    url = site + ARTICLE_PATH.lstrip("/")
    proc = run_cli(site, tmp_path / "c", "read", url, timeout=60)
    err = proc.stderr.decode()
    assert proc.returncode == 2, err
    assert "Traceback" not in err and "internal error" not in err
    assert err.splitlines()[-1].endswith("(its port is not between 1 and 65535)")
