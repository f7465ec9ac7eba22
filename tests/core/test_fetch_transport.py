"""The fetcher on httpx's own network transport: failures it must still name in one line.

``test_fetch_mock.py`` checks the error mapping with exceptions a mock transport raises; these
go through the real transport (sockets on 127.0.0.1, the resolver replaced), so a change of
httpx, httpcore or anyio that raises something else is caught here.

``tests/tls/cert.pem`` is a self-signed certificate for ``localhost`` and ``127.0.0.1``, valid
until 2126, made with ``openssl req -x509 -newkey rsa:2048 -nodes -days 36500 -subj /CN=localhost
-addext subjectAltName=DNS:localhost,IP:127.0.0.1``.
"""

from __future__ import annotations

import dataclasses
import socket
import ssl
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from servers import Conn, RawServer

from newsreader.core.config import FetchSettings
from newsreader.core.errors import FetchError, NetworkError
from newsreader.core.http.fetcher import Fetcher

TLS = Path(__file__).parent.parent / "tls"
BODY = b"<html><title>ok</title></html>"
PROXY_VARS = ("ALL_PROXY", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "http_proxy", "https_proxy")


@pytest.fixture(autouse=True)
def _no_proxies(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in (*PROXY_VARS, "NO_PROXY", "no_proxy"):
        monkeypatch.delenv(name, raising=False)


def settings() -> FetchSettings:
    return FetchSettings(polite_delay=0, respect_robots=False, retries=0)


def _answer(*, close: bool = False) -> bytes:
    head = f"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {len(BODY)}\r\n"
    return (head + ("Connection: close\r\n" if close else "") + "\r\n").encode() + BODY


@pytest.mark.parametrize("robots", [False, True])
@pytest.mark.parametrize("port", ["65536", "99999", "0"])
async def test_a_port_out_of_range_is_an_invalid_url(port: str, robots: bool) -> None:
    url = f"http://127.0.0.1:{port}/info/1/2.htm"
    fetch = dataclasses.replace(settings(), respect_robots=robots)
    async with Fetcher(fetch, site_url=url) as f:
        with pytest.raises(FetchError) as info:
            await f.get(url)
    # Not "Blocked by robots.txt": robots.txt at that port is no more reachable than the page.
    assert type(info.value) is FetchError
    assert str(info.value) == f"not a usable URL: {url} (its port is not between 1 and 65535)"


async def test_a_name_the_resolver_does_not_know_is_a_dns_failure(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def unknown(*args: object, **kwargs: object) -> list[object]:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", unknown)
    url = "http://no-such-host.invalid/"
    async with Fetcher(settings(), site_url=url) as f:
        with pytest.raises(NetworkError) as info:
            await f.get(url)
    assert str(info.value) == (
        "cannot connect to no-such-host.invalid: host name not found (DNS lookup failed)"
    )


async def test_a_kept_alive_connection_is_reused() -> None:
    # The polite delay spaces requests out, so a new connection per request would cost a
    # handshake each; the transport keeps connections alive between them.
    def three_answers(conn: Conn) -> None:
        conn.send(_answer())
        for _ in range(2):
            head = b""
            while b"\r\n\r\n" not in head:
                chunk = conn.sock.recv(4096)
                if not chunk:
                    return
                head += chunk
            conn.send(_answer())

    with RawServer(three_answers) as server:
        async with Fetcher(settings(), site_url=server.url) as f:
            for n in range(3):
                assert "ok" in (await f.get(server.url + f"{n}.htm")).text
    assert len(server.requests) == 1  # one connection accepted for the three requests


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
                    sock.recv(4096)
                    sock.sendall(_answer(close=True))
            except (OSError, ssl.SSLError):
                raw.close()  # the client refused our certificate: what the test wants

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


async def test_an_untrusted_certificate_is_named(tls_server: _TLSServer) -> None:
    url = f"https://localhost:{tls_server.port}/"
    async with Fetcher(settings(), site_url=url) as f:  # the default trust store
        with pytest.raises(NetworkError) as info:
            await f.get(url)
    message = str(info.value)
    assert message.startswith("cannot connect to localhost: TLS certificate not trusted (")
    assert "\n" not in message
