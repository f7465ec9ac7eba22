"""Fetcher against real misbehaving servers on 127.0.0.1 (see tests/servers.py)."""

from __future__ import annotations

import gzip
import socket
import sys
import time

import pytest
from servers import RawServer, drip, lying_length, reset, respond, truncated_chunked

from newsreader.core.config import FetchSettings
from newsreader.core.errors import ContentError, FetchTimeout, NetworkError
from newsreader.core.http.fetcher import Fetcher

PROXY_VARS = ("ALL_PROXY", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "http_proxy", "https_proxy")


class NoSleep:
    def __init__(self) -> None:
        self.delays: list[float] = []

    async def __call__(self, delay: float) -> None:
        self.delays.append(delay)


@pytest.fixture(autouse=True)
def _no_proxies(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in (*PROXY_VARS, "NO_PROXY", "no_proxy"):
        monkeypatch.delenv(name, raising=False)


def settings(**kwargs: float) -> FetchSettings:
    return FetchSettings(polite_delay=0, respect_robots=False, **kwargs)  # type: ignore[arg-type]


async def test_a_real_gzip_page() -> None:
    body = gzip.compress("<html><title>新闻资讯</title></html>".encode())
    handler = respond(body, headers={"Content-Encoding": "gzip", "ETag": '"abc"'})
    with RawServer(handler) as server:
        async with Fetcher(settings(), site_url=server.url) as f:
            page = await f.get(server.url + "index.htm")
    assert "新闻资讯" in page.text
    assert page.etag == '"abc"'
    head = server.requests[0].lower()
    assert b"accept-encoding: gzip, deflate, br" in head
    assert b"user-agent: newsreader/" in head


@pytest.mark.parametrize("in_head", [False, True])
async def test_drip_feeding_server_is_stopped_at_the_deadline(in_head: bool) -> None:
    with RawServer(drip(0.3, in_head=in_head)) as server:
        async with Fetcher(settings(deadline=1.0), site_url=server.url) as f:
            start = time.monotonic()
            with pytest.raises(FetchTimeout, match="within 1 s"):
                await f.get(server.url)
            elapsed = time.monotonic() - start
    # Without the deadline the drip would last 30 s or more; allow for a loaded machine.
    assert 0.9 <= elapsed < 6.0


async def test_read_timeout_of_a_silent_server() -> None:
    with RawServer(drip(3.0)) as server:
        async with Fetcher(settings(read_timeout=0.3), site_url=server.url) as f:
            with pytest.raises(FetchTimeout, match=r"stopped sending for 0\.3 s"):
                await f.get(server.url)


async def test_lying_content_length_is_a_truncated_page() -> None:
    with RawServer(lying_length(1000, b"<html><p>short")) as server:
        async with Fetcher(settings(), site_url=server.url) as f:
            with pytest.raises(ContentError, match=r"truncated body from 127\.0\.0\.1"):
                await f.get(server.url)


async def test_truncated_chunked_body() -> None:
    with RawServer(truncated_chunked()) as server:
        async with Fetcher(settings(), site_url=server.url) as f:
            with pytest.raises(ContentError, match="truncated"):
                await f.get(server.url)


async def test_connection_reset_is_retried_then_reported() -> None:
    sleeps = NoSleep()
    with RawServer(reset()) as server:
        async with Fetcher(settings(retries=2), site_url=server.url, sleep=sleeps) as f:
            with pytest.raises(NetworkError, match=r"127\.0\.0\.1") as info:
                await f.get(server.url)
        assert len(server.requests) == 3
    assert len(sleeps.delays) == 2
    assert "reset" in str(info.value) or "closed" in str(info.value) or "broke" in str(info.value)


async def test_refused_connection() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    url = f"http://127.0.0.1:{port}/"
    async with Fetcher(settings(), site_url=url) as f:
        with pytest.raises(NetworkError) as info:
            await f.get(url)
    assert str(info.value) == "cannot connect to 127.0.0.1: connection refused"


async def test_socks_proxy_without_socksio(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ALL_PROXY", "socks5://127.0.0.1:9")
    monkeypatch.setitem(sys.modules, "socksio", None)  # make "import socksio" fail
    async with Fetcher(settings(), site_url="http://127.0.0.1:9/") as f:
        with pytest.raises(NetworkError, match="ALL_PROXY names a SOCKS proxy") as info:
            await f.get("http://127.0.0.1:9/")
    assert "httpx[socks]" in str(info.value)


async def test_unusable_proxy_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HTTP_PROXY", "gopher://127.0.0.1:9")
    async with Fetcher(settings(), site_url="http://127.0.0.1:9/") as f:
        with pytest.raises(NetworkError, match="proxy"):
            await f.get("http://127.0.0.1:9/")


async def test_redirect_on_a_real_server() -> None:
    def handler(conn: object) -> None:
        from servers import Conn

        assert isinstance(conn, Conn)
        if conn.path == "/old.htm":
            respond(b"", status="301 Moved", headers={"Location": "/new.htm"})(conn)
        else:
            respond()(conn)

    with RawServer(handler) as server:
        async with Fetcher(settings(), site_url=server.url) as f:
            page = await f.get(server.url + "old.htm")
    assert page.url == server.url + "new.htm"


async def test_requests_do_not_retry_failed_imports() -> None:
    """httpcore imports sniffio per request; if it is missing, every request scans sys.path."""

    class Recorder:
        def __init__(self) -> None:
            self.names: list[str] = []

        def find_spec(self, name: str, path: object = None, target: object = None) -> None:
            self.names.append(name)

    body = "<html><title>新闻</title></html>".encode()
    with RawServer(respond(body, headers={"Connection": "keep-alive"})) as server:
        async with Fetcher(settings(), site_url=server.url) as f:
            await f.get(server.url + "warm.htm")  # imports done once are fine
            recorder = Recorder()
            sys.meta_path.insert(0, recorder)
            try:
                for n in range(10):
                    await f.get(server.url + f"{n}.htm")
            finally:
                sys.meta_path.remove(recorder)
    assert recorder.names == []
