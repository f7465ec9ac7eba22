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
    Fact,
    FetchError,
    FetchTimeout,
    NetworkError,
    RedirectError,
)
from newsreader.core.sanitize import clean_line
from newsreader.core.urls import host_of, problem_cause, url_problem

__all__ = [
    "check_usable",
    "describe_os_error",
    "diagnose_os_error",
    "map_body_error",
    "map_send_error",
    "not_html",
    "safe",
    "unusable_redirect",
]


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


_CAUSES = {
    "dns": "host name not found (DNS lookup failed)",
    "refused": "connection refused",
    "reset": "connection reset by the server",
    "closed": "connection closed by the server",
}


def diagnose_os_error(exc: BaseException) -> tuple[str, str]:
    """Return the cause of a connection failure: its key (``cause.*``) and an English detail.

    The key is one of ``dns``, ``tls_untrusted``, ``tls_handshake``, ``refused``, ``reset``,
    ``closed`` and ``other``.
    """
    for cause in _causes(exc):
        if isinstance(cause, socket.gaierror):
            return "dns", _CAUSES["dns"]
        if isinstance(cause, ssl.SSLCertVerificationError):
            why = safe(cause.verify_message or cause, 80)
            return "tls_untrusted", f"TLS certificate not trusted ({why})"
        if isinstance(cause, ssl.SSLError):
            return "tls_handshake", f"TLS handshake failed ({safe(cause.reason or cause, 80)})"
        if isinstance(cause, ConnectionRefusedError):
            return "refused", _CAUSES["refused"]
        if isinstance(cause, ConnectionResetError):
            return "reset", _CAUSES["reset"]
        if isinstance(cause, (ConnectionAbortedError, BrokenPipeError)):
            return "closed", _CAUSES["closed"]
    text = safe(exc, 120)
    lowered = text.lower()
    # httpcore often flattens the OSError into its message, so look at the words as well.
    if "name or service not known" in lowered or "nodename nor servname" in lowered:
        return "dns", _CAUSES["dns"]
    if "getaddrinfo" in lowered or "name resolution" in lowered:
        return "dns", _CAUSES["dns"]
    if "refused" in lowered:
        return "refused", _CAUSES["refused"]
    if "reset" in lowered:
        return "reset", _CAUSES["reset"]
    return "other", text or type(exc).__name__


def describe_os_error(exc: BaseException) -> str:
    """Return a short English reason for a connection failure (DNS, refused, reset, TLS ...)."""
    return diagnose_os_error(exc)[1]


def _proxy_variable(url: str) -> str:
    """Return the name of the environment variable whose proxy carries requests to ``url``.

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
    return name


def map_send_error(exc: BaseException, url: str, *, connect: float, read: float) -> FetchError:
    """Map an exception raised while sending a request (before the body) to our errors.

    Args:
        exc: What httpx (or the proxy set-up) raised.
        url: The URL requested.
        connect: The connect timeout, for the message.
        read: The read timeout, for the message.
    """
    host = _host(url)
    connecting = isinstance(exc, (httpx.ConnectTimeout, httpx.ConnectError))
    proxy = _proxy_variable(url) if connecting else ""
    via = f" via the proxy in {proxy}" if proxy else ""
    # With a proxy in the way, the facts name it: the fault may be the proxy's, not the site's.
    facts: dict[str, Fact] = {"host": host, "proxy": proxy} if proxy else {"host": host}
    if isinstance(exc, httpx.ConnectTimeout):
        reason = "connect_timeout_proxy" if proxy else "connect_timeout"
        return FetchTimeout(
            f"could not connect to {host}{via} within {connect:g} s",
            url=url,
            reason=reason,
            facts={**facts, "seconds": connect},
        )
    if isinstance(exc, httpx.ReadTimeout):
        return FetchTimeout(
            f"{host} sent nothing for {read:g} s",
            url=url,
            reason="read_timeout",
            facts={**facts, "seconds": read},
        )
    if isinstance(exc, httpx.TimeoutException):
        return FetchTimeout(
            f"{host} timed out ({type(exc).__name__})", url=url, reason="timeout", facts=facts
        )
    if isinstance(exc, (httpx.UnsupportedProtocol, httpx.InvalidURL)):
        return _bad_url(exc, url)
    if isinstance(exc, FetchError):
        return exc
    cause, detail = diagnose_os_error(exc)
    facts["cause"] = cause
    if isinstance(exc, httpx.ProxyError):
        message, reason = f"the proxy failed to reach {host}: {detail}", "proxy"
    elif isinstance(exc, httpx.ConnectError):
        message = f"cannot connect to {host}{via}: {detail}"
        reason = "connect_proxy" if proxy else "connect"
    elif isinstance(exc, (httpx.ReadError, httpx.WriteError)):
        message, reason = f"connection to {host} failed: {detail}", "connection_lost"
    elif isinstance(exc, httpx.RemoteProtocolError):
        message, reason = f"{host} broke the connection: {detail}", "connection_broken"
    else:
        message, reason = f"request to {host} failed: {detail}", "connection_lost"
    return NetworkError(message, url=url, reason=reason, facts=facts)


def _bad_url(exc: httpx.UnsupportedProtocol | httpx.InvalidURL, url: str) -> FetchError:
    if isinstance(exc, httpx.UnsupportedProtocol):
        return FetchError(f"not an http(s) URL: {safe(url)}", url=url, reason="not_http_url")
    return FetchError(f"invalid URL {safe(url)}: {safe(exc, 80)}", url=url, reason="invalid_url")


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
        return FetchTimeout(
            f"{host} stopped sending for {read:g} s mid-page",
            url=url,
            reason="stalled",
            facts={"host": host, "seconds": read},
        )
    if isinstance(exc, (httpx.RemoteProtocolError, httpx.ReadError)):
        return ContentError(
            f"truncated body from {host}: connection ended after {received} bytes "
            f"({describe_os_error(exc)})",
            url=url,
            reason="truncated",
            facts={"host": host, "bytes": received},
        )
    return ContentError(
        f"unreadable body from {host}: {safe(exc, 120)}",
        url=url,
        reason="unreadable_body",
        facts={"host": host},
    )


def check_usable(url: str) -> None:
    """Refuse a URL no request can be made for (checked on every hop, before robots.txt).

    httpx accepts a port out of range and fails in the socket layer with an error wrapped in an
    exception group, which no error type of ours describes; robots.txt would then be blamed.
    """
    problem = url_problem(url)
    if problem is not None:
        raise FetchError(
            f"not a usable URL: {safe(url)} ({problem})",
            url=url,
            reason="unusable_url",
            facts={"url": safe(url), "cause": problem_cause(problem)},
        )


def unusable_redirect(url: str) -> RedirectError:
    """The error of a redirect whose target cannot be read."""
    return RedirectError(
        f"unusable redirect target from {safe(url)}",
        url=url,
        reason="redirect_unusable",
        facts={"url": safe(url)},
    )


def not_html(media: str, url: str, *, or_feed: bool = False) -> ContentError:
    """The error of an answer that is not a web page (its media type is ``media``).

    ``or_feed``: the fetcher takes feeds too (a feed's source), and this was none either.
    """
    what = "neither an HTML page nor a feed" if or_feed else "not an HTML page"
    return ContentError(
        f"{what}: {safe(media, 80)}",
        url=url,
        reason="not_html_or_feed" if or_feed else "not_html",
        facts={"url": safe(url), "type": safe(media, 80)},
    )
