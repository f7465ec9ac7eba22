"""The httpx transport of our fetches: httpcore's connection pool on the asyncio backend.

httpx builds its pool on httpcore's default (anyio) backend and has no option to choose another,
so this transport builds the pool itself, on :class:`~newsreader.core.http.backend.AsyncioBackend`,
and does the little httpx's own transport does around it: it turns an httpx request into an
httpcore one, the answer back into an httpx response, and httpcore's errors into httpx's. Only
public APIs of both libraries are used.

Proxies from the environment are httpx's business (mounts, ``NO_PROXY``): when one is set,
:func:`network_transport` returns ``None`` and httpx builds its usual transports.
"""

from __future__ import annotations

import contextlib
import ssl
import urllib.request
from collections.abc import AsyncIterator, Iterator

import httpcore
import httpx

from newsreader.core.http.backend import AsyncioBackend

# httpx.AsyncClient's defaults.
LIMITS = httpx.Limits(max_connections=100, max_keepalive_connections=20, keepalive_expiry=5.0)

# Most specific first: the first match wins.
_ERRORS: tuple[tuple[type[Exception], type[httpx.TransportError]], ...] = (
    (httpcore.ConnectTimeout, httpx.ConnectTimeout),
    (httpcore.ReadTimeout, httpx.ReadTimeout),
    (httpcore.WriteTimeout, httpx.WriteTimeout),
    (httpcore.PoolTimeout, httpx.PoolTimeout),
    (httpcore.TimeoutException, httpx.TimeoutException),
    (httpcore.ConnectError, httpx.ConnectError),
    (httpcore.ReadError, httpx.ReadError),
    (httpcore.WriteError, httpx.WriteError),
    (httpcore.NetworkError, httpx.NetworkError),
    (httpcore.ProxyError, httpx.ProxyError),
    (httpcore.UnsupportedProtocol, httpx.UnsupportedProtocol),
    (httpcore.LocalProtocolError, httpx.LocalProtocolError),
    (httpcore.RemoteProtocolError, httpx.RemoteProtocolError),
    (httpcore.ProtocolError, httpx.ProtocolError),
)


@contextlib.contextmanager
def _httpx_errors() -> Iterator[None]:
    try:
        yield
    except Exception as exc:
        for source, target in _ERRORS:
            if isinstance(exc, source):
                raise target(str(exc)) from exc
        raise


class _Body(httpx.AsyncByteStream):
    """A response body read from the pool, with httpcore's errors turned into httpx's."""

    def __init__(self, stream: httpcore.Response) -> None:
        self._response = stream

    async def __aiter__(self) -> AsyncIterator[bytes]:
        with _httpx_errors():
            async for chunk in self._response.aiter_stream():
                yield chunk

    async def aclose(self) -> None:
        with _httpx_errors():
            await self._response.aclose()


class PoolTransport(httpx.AsyncBaseTransport):
    """An httpx transport over an httpcore connection pool on the asyncio backend (HTTP/1.1).

    Args:
        ssl_context: Certificates to trust; default httpx's (certifi, or ``SSL_CERT_FILE`` /
            ``SSL_CERT_DIR`` from the environment).
        limits: Connections in all and kept alive, and how long an idle one is kept.
    """

    def __init__(self, ssl_context: ssl.SSLContext | None = None, limits: httpx.Limits = LIMITS):
        self._pool = httpcore.AsyncConnectionPool(
            ssl_context=ssl_context or httpx.create_ssl_context(trust_env=True),
            max_connections=limits.max_connections,
            max_keepalive_connections=limits.max_keepalive_connections,
            keepalive_expiry=limits.keepalive_expiry,
            http1=True,
            http2=False,
            network_backend=AsyncioBackend(),
        )

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        """Send ``request`` on a pooled connection and return the response, body unread."""
        url = request.url
        core_request = httpcore.Request(
            method=request.method,
            url=httpcore.URL(
                scheme=url.raw_scheme, host=url.raw_host, port=url.port, target=url.raw_path
            ),
            headers=request.headers.raw,
            content=request.stream,
            extensions=request.extensions,
        )
        with _httpx_errors():
            response = await self._pool.handle_async_request(core_request)
        return httpx.Response(
            status_code=response.status,
            headers=response.headers,
            stream=_Body(response),
            extensions=response.extensions,
        )

    async def aclose(self) -> None:
        """Close every pooled connection."""
        await self._pool.aclose()


def network_transport() -> PoolTransport | None:
    """Return the transport for real fetches, or ``None`` when an environment proxy applies."""
    proxies = urllib.request.getproxies()
    if any(proxies.get(scheme) for scheme in ("http", "https", "all")):
        return None
    return PoolTransport()
