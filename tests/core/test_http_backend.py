"""The asyncio network backend and the pool transport, against real servers on 127.0.0.1.

The fetcher's own tests (``test_fetch_servers.py``, ``tests/adversarial``) already run every
misbehaving server through this transport; these check what is the backend's alone: reusing a
kept-alive connection, dropping one the server closed or reset while it sat in the pool, the
timeouts and error types, TLS, and the choice of transport when a proxy is configured.

``tests/tls/cert.pem`` is a self-signed certificate for ``localhost`` and ``127.0.0.1``, valid
until 2126, made with ``openssl req -x509 -newkey rsa:2048 -nodes -days 36500 -subj /CN=localhost
-addext subjectAltName=DNS:localhost,IP:127.0.0.1``.
"""

from __future__ import annotations

import asyncio
import socket
import ssl
import struct
import threading
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from servers import Conn, RawServer

from newsreader.core.http.errors import describe_os_error
from newsreader.core.http.transport import PoolTransport, network_transport

TLS = Path(__file__).parent.parent / "tls"
BODY = b"<html><title>ok</title></html>"


def _answer(body: bytes = BODY, *, close: bool = False) -> bytes:
    head = f"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {len(body)}\r\n"
    return (head + ("Connection: close\r\n" if close else "") + "\r\n").encode() + body


def _next_head(conn: Conn) -> bytes | None:
    data = b""
    while b"\r\n\r\n" not in data:
        try:
            chunk = conn.sock.recv(4096)
        except OSError:
            return None
        if not chunk:
            return None
        data += chunk
    return data


def keep_alive(answers: int, *, then: str = "close") -> tuple[list[int], object]:
    """A handler answering ``answers`` requests on one connection, then closing or resetting it.

    Returns the list of answers given per connection (appended as each connection ends).
    """
    served: list[int] = []

    def handler(conn: Conn) -> None:
        count = 0
        while True:
            conn.sock.sendall(_answer())
            count += 1
            if count >= answers or _next_head(conn) is None:
                break
        served.append(count)
        if then == "reset":
            conn.sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))

    return served, handler


def _client(**kwargs: object) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=PoolTransport(**kwargs))  # type: ignore[arg-type]


async def test_a_kept_alive_connection_is_reused() -> None:
    served, handler = keep_alive(3)
    with RawServer(handler) as server:  # type: ignore[arg-type]
        async with _client() as client:
            for _ in range(3):
                response = await client.get(server.url)
                assert response.content == BODY
        for _ in range(100):  # bounded: 1 s for the handler to finish
            if served:
                break
            await asyncio.sleep(0.01)
    assert served == [3]  # three answers on one connection
    assert len(server.requests) == 1  # one connection accepted


@pytest.mark.parametrize("how", ["close", "reset"])
async def test_a_connection_the_server_dropped_while_idle_is_not_reused(how: str) -> None:
    served, handler = keep_alive(1, then=how)
    with RawServer(handler) as server:  # type: ignore[arg-type]
        async with _client() as client:
            for _ in range(3):
                assert (await client.get(server.url)).content == BODY
                await asyncio.sleep(0.1)  # the drop reaches the pooled connection
    assert served == [1, 1, 1]
    assert len(server.requests) == 3


async def test_a_silent_server_is_a_read_timeout() -> None:
    def silent(conn: Conn) -> None:
        conn.stopped.wait(5)

    with RawServer(silent) as server:
        async with _client() as client:
            with pytest.raises(httpx.ReadTimeout):
                await client.get(server.url, timeout=httpx.Timeout(0.2))


async def test_a_refused_connection_is_a_connect_error_naming_the_cause() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]  # bound, never listening: connections are refused
        async with _client() as client:
            with pytest.raises(httpx.ConnectError) as caught:
                await client.get(f"http://127.0.0.1:{port}/")
    assert describe_os_error(caught.value) == "connection refused"


@pytest.mark.parametrize(
    ("url", "cause"),
    [
        ("http://127.0.0.1:99999/", "port 99999 is not between 1 and 65535"),
        ("http://" + "a" * 70 + ".cn/", "host name does not encode"),
    ],
)
async def test_an_unusable_port_or_host_is_a_connect_error(url: str, cause: str) -> None:
    # The fetcher refuses such URLs before any request; this is the layer below it, which
    # asyncio alone would fail with IndexError and UnicodeError.
    async with _client() as client:
        with pytest.raises(httpx.ConnectError, match=cause):
            await client.get(url)


async def test_a_large_body_streams_through_the_reader_limit() -> None:
    body = bytes(range(256)) * 20_000  # 5 MB, far over the stream reader's 64 KB buffer

    def big(conn: Conn) -> None:
        conn.sock.sendall(_answer(body, close=True))

    with RawServer(big) as server:
        async with _client() as client:
            received = b""
            async with client.stream("GET", server.url) as response:
                async for chunk in response.aiter_raw():
                    received += chunk
    assert received == body


class _TLSServer:
    """One-request-per-connection HTTPS on 127.0.0.1 with the test certificate."""

    def __init__(self) -> None:
        self._context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        self._context.load_cert_chain(TLS / "cert.pem", TLS / "key.pem")
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(0.05)
        self.port = self._listener.getsockname()[1]
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def _loop(self) -> None:
        while not self._stopped.is_set():
            try:
                raw, _ = self._listener.accept()
            except TimeoutError:
                continue
            raw.settimeout(5)
            try:
                with self._context.wrap_socket(raw, server_side=True) as sock:
                    data = b""
                    while b"\r\n\r\n" not in data:
                        chunk = sock.recv(4096)
                        if not chunk:
                            break
                        data += chunk
                    sock.sendall(_answer(close=True))
            except (OSError, ssl.SSLError):
                raw.close()  # a client that refused our certificate: expected in one test

    def __enter__(self) -> _TLSServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stopped.set()
        self._thread.join(5)
        self._listener.close()


@pytest.fixture
def tls_server() -> Iterator[_TLSServer]:
    with _TLSServer() as server:
        yield server


async def test_tls_with_a_trusted_certificate(tls_server: _TLSServer) -> None:
    trusted = ssl.create_default_context(cafile=str(TLS / "cert.pem"))
    async with _client(ssl_context=trusted) as client:
        for host in ("localhost", "127.0.0.1"):
            response = await client.get(f"https://{host}:{tls_server.port}/")
            assert response.content == BODY
            assert response.extensions["network_stream"].get_extra_info("ssl_object") is not None


async def test_tls_with_an_untrusted_certificate_is_refused(tls_server: _TLSServer) -> None:
    async with _client() as client:  # the default trust store does not know our certificate
        with pytest.raises(httpx.ConnectError) as caught:
            await client.get(f"https://localhost:{tls_server.port}/")
    assert describe_os_error(caught.value).startswith("TLS certificate not trusted")


def test_an_environment_proxy_leaves_transports_to_httpx(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.delenv("all_proxy", raising=False)
    monkeypatch.setenv("NO_PROXY", "example.org")  # a bypass list alone is no proxy
    assert isinstance(network_transport(), PoolTransport)
    monkeypatch.setenv("HTTPS_PROXY", "http://127.0.0.1:9")
    assert network_transport() is None
