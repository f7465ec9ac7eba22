"""Translating httpx exceptions into newsreader's error hierarchy.

Users see ``title: message``; a raw httpx exception or a traceback would tell them nothing, so
every failure leaves the fetcher as a :class:`~newsreader.core.errors.NewsreaderError` whose
message names the host and the cause.
"""

from __future__ import annotations

import os
import socket
import ssl
import urllib.request

import httpx

from newsreader.core.errors import (
    ContentError,
    FetchError,
    FetchTimeout,
    NetworkError,
)
from newsreader.core.sanitize import clean_line
from newsreader.core.urls import host_of

__all__ = ["describe_os_error", "map_body_error", "map_send_error", "safe"]


def safe(text: object, limit: int = 200) -> str:
    """Return network-supplied ``text`` as one terminal-safe, bounded line for a message."""
    line = clean_line(str(text))
    return line if len(line) <= limit else line[: limit - 1] + "…"


def _host(url: str) -> str:
    try:
        host = httpx.URL(url).host
    except (httpx.InvalidURL, ValueError):
        host = host_of(url)
    return safe(host or url, 100)


def _causes(exc: BaseException) -> list[BaseException]:
    chain: list[BaseException] = []
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen and len(chain) < 20:
        seen.add(id(current))
        chain.append(current)
        current = current.__cause__ or current.__context__
    return chain


def describe_os_error(exc: BaseException) -> str:
    """Return a short, human reason for a connection failure (DNS, refused, reset, TLS ...)."""
    for cause in _causes(exc):
        if isinstance(cause, socket.gaierror):
            return "host name not found (DNS lookup failed)"
        if isinstance(cause, ssl.SSLCertVerificationError):
            return f"TLS certificate not trusted ({safe(cause.verify_message or cause, 80)})"
        if isinstance(cause, ssl.SSLError):
            return f"TLS handshake failed ({safe(cause.reason or cause, 80)})"
        if isinstance(cause, ConnectionRefusedError):
            return "connection refused"
        if isinstance(cause, ConnectionResetError):
            return "connection reset by the server"
        if isinstance(cause, (ConnectionAbortedError, BrokenPipeError)):
            return "connection closed by the server"
    text = safe(exc, 120)
    lowered = text.lower()
    # httpcore often flattens the OSError into its message, so look at the words as well.
    if "name or service not known" in lowered or "nodename nor servname" in lowered:
        return "host name not found (DNS lookup failed)"
    if "getaddrinfo" in lowered or "name resolution" in lowered:
        return "host name not found (DNS lookup failed)"
    if "refused" in lowered:
        return "connection refused"
    if "reset" in lowered:
        return "connection reset by the server"
    return text or type(exc).__name__


def _proxy_note(url: str) -> str:
    """Return " via the proxy in VAR" when an environment proxy carries requests to ``url``.

    httpx reports a proxy that refuses connections as a plain ConnectError naming the site, so
    without this note the user would look for a fault at the site instead of at the proxy. Only
    the variable's name is shown: a proxy URL may hold a password.
    """
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, ValueError):
        return ""
    names = (f"{parsed.scheme.upper()}_PROXY", f"{parsed.scheme}_proxy", "ALL_PROXY", "all_proxy")
    name = next((n for n in names if os.environ.get(n)), None)
    bypass = getattr(urllib.request, "proxy_bypass_environment", None)  # not in typeshed
    if name is None or (bypass is not None and bypass(parsed.host)):
        return ""
    return f" via the proxy in {name}"


def map_send_error(exc: BaseException, url: str, *, connect: float, read: float) -> FetchError:
    """Map an exception raised while sending a request (before the body) to our errors.

    Args:
        exc: What httpx (or the proxy set-up) raised.
        url: The URL requested.
        connect: The connect timeout, for the message.
        read: The read timeout, for the message.
    """
    host = _host(url)
    via = _proxy_note(url) if isinstance(exc, (httpx.ConnectTimeout, httpx.ConnectError)) else ""
    if isinstance(exc, httpx.ConnectTimeout):
        return FetchTimeout(f"could not connect to {host}{via} within {connect:g} s", url=url)
    if isinstance(exc, httpx.ReadTimeout):
        return FetchTimeout(f"{host} sent nothing for {read:g} s", url=url)
    if isinstance(exc, httpx.TimeoutException):
        return FetchTimeout(f"{host} timed out ({type(exc).__name__})", url=url)
    if isinstance(exc, httpx.ProxyError):
        return NetworkError(f"the proxy failed to reach {host}: {describe_os_error(exc)}", url=url)
    if isinstance(exc, httpx.ConnectError):
        return NetworkError(f"cannot connect to {host}{via}: {describe_os_error(exc)}", url=url)
    if isinstance(exc, (httpx.ReadError, httpx.WriteError)):
        return NetworkError(f"connection to {host} failed: {describe_os_error(exc)}", url=url)
    if isinstance(exc, httpx.RemoteProtocolError):
        return NetworkError(f"{host} broke the connection: {describe_os_error(exc)}", url=url)
    if isinstance(exc, httpx.UnsupportedProtocol):
        return FetchError(f"not an http(s) URL: {safe(url)}", url=url)
    if isinstance(exc, httpx.InvalidURL):
        return FetchError(f"invalid URL {safe(url)}: {safe(exc, 80)}", url=url)
    if isinstance(exc, FetchError):
        return exc
    return NetworkError(f"request to {host} failed: {describe_os_error(exc)}", url=url)


def map_body_error(exc: BaseException, url: str, received: int, *, read: float) -> FetchError:
    """Map an exception raised while reading a body to our errors.

    A connection that ends before the announced length (or the last chunk) leaves a truncated
    page, which must not be parsed or cached as if it were whole.

    Args:
        exc: What httpx raised.
        url: The URL requested.
        received: Encoded bytes received before the failure.
        read: The read timeout, for the message.
    """
    host = _host(url)
    if isinstance(exc, httpx.TimeoutException):
        return FetchTimeout(f"{host} stopped sending for {read:g} s mid-page", url=url)
    if isinstance(exc, (httpx.RemoteProtocolError, httpx.ReadError)):
        return ContentError(
            f"truncated body from {host}: connection ended after {received} bytes "
            f"({describe_os_error(exc)})",
            url=url,
        )
    return ContentError(f"unreadable body from {host}: {safe(exc, 120)}", url=url)
