"""Building the httpx client, and small helpers around httpx responses.

The client is configured once per :class:`~newsreader.core.http.fetcher.Fetcher`: timeouts, our
headers, no automatic redirects (the fetcher follows them by its own rules) and a response hook
that keeps httpx from parsing redirect targets itself.
"""

from __future__ import annotations

import logging
import os

import httpx

from newsreader.core.config import FetchSettings
from newsreader.core.errors import BodyTooLarge, NetworkError
from newsreader.core.http.errors import safe

__all__ = [
    "ACCEPT_ENCODING",
    "REDIRECTS",
    "RedirectSeen",
    "build_client",
    "close_quietly",
    "preloaded_body",
]

_log = logging.getLogger(__name__)

# Only codings body.py decodes with an output cap; never "zstd" or anything else.
ACCEPT_ENCODING = "gzip, deflate, br"
_ACCEPT = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8"
_ACCEPT_LANGUAGE = "zh-CN,zh;q=0.9,en;q=0.5"
REDIRECTS = frozenset((301, 302, 303, 307, 308))
_PROXY_VARS = ("ALL_PROXY", "HTTPS_PROXY", "HTTP_PROXY", "all_proxy", "https_proxy", "http_proxy")


class RedirectSeen(Exception):
    """Raised by a response hook so that httpx never parses a redirect's Location itself.

    httpx builds the next request of every redirect even with ``follow_redirects=False``, and
    an odd Location (``javascript:…``) makes it raise before we could name the target.
    """

    def __init__(self, response: httpx.Response) -> None:
        super().__init__(response.status_code)
        self.status = response.status_code
        self.reason = response.reason_phrase
        self.headers = response.headers


async def _intercept_redirect(response: httpx.Response) -> None:
    if response.status_code in REDIRECTS:
        raise RedirectSeen(response)


def build_client(
    settings: FetchSettings, transport: httpx.AsyncBaseTransport | None
) -> httpx.AsyncClient:
    """Return the httpx client of a fetcher.

    Args:
        settings: Timeouts and the User-Agent.
        transport: A transport to use instead of the network (tests). Without one, httpx
            builds its own: HTTP/1.1, its default connection limits, no transport retries (ours
            are in :mod:`~newsreader.core.http.retry`), and proxies from the environment.

    Raises:
        NetworkError: When a proxy in the environment cannot be used (a SOCKS proxy without
            the ``socksio`` package raises ImportError inside httpx; a bad proxy URL, ValueError).
    """
    try:
        return httpx.AsyncClient(
            transport=transport,
            timeout=httpx.Timeout(settings.read_timeout, connect=settings.connect_timeout),
            follow_redirects=False,
            event_hooks={"response": [_intercept_redirect]},
            headers={
                "User-Agent": settings.user_agent,
                "Accept": _ACCEPT,
                "Accept-Language": _ACCEPT_LANGUAGE,
                "Accept-Encoding": ACCEPT_ENCODING,
            },
        )
    except ImportError as exc:
        # Name the variable, never its value: a proxy URL may hold a password.
        names = ", ".join(v for v in _PROXY_VARS if os.environ.get(v)) or "a proxy"
        raise NetworkError(
            f"{names} names a SOCKS proxy but SOCKS support is not installed "
            "(pip install 'httpx[socks]', or unset the variable)",
            reason="socks_missing",
            facts={"proxy": names},
        ) from exc
    except (ValueError, httpx.InvalidURL) as exc:
        names = ", ".join(v for v in _PROXY_VARS if os.environ.get(v)) or "proxy"
        raise NetworkError(
            f"unusable proxy setting in {names}: {safe(exc, 80)}",
            reason="proxy_setting",
            facts={"proxy": names},
        ) from exc


def preloaded_body(response: httpx.Response, cap: int, url: str) -> bytes:
    """Return the body of a response an in-memory transport built with ``content=``.

    httpx reads (and content-decodes) such bodies when the response is created, so they can't
    be streamed again; they never come from the network, so no bomb can hide in them, but the
    cap still applies for consistency with real responses.
    """
    body = response.content
    if len(body) > cap:
        raise BodyTooLarge(
            f"page of {len(body)} bytes is over the {cap}-byte cap: {safe(url)}",
            url=url,
            reason="too_large",
            facts={"url": safe(url), "mib": round(cap / 2**20, 1)},
        )
    return body


async def close_quietly(response: httpx.Response) -> None:
    """Close ``response``; a failure here changes nothing about the answer, so it is logged."""
    try:
        await response.aclose()
    except (httpx.HTTPError, OSError) as exc:
        _log.debug("closing the response of %s failed: %s", response.url, exc)
