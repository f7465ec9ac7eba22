"""The one way newsreader talks HTTP: an httpx client with caps, a deadline and strict redirects.

Every request goes through :class:`Fetcher`, which adds what httpx leaves to its callers:

* an overall deadline per request, so a server dripping a byte at a time cannot hold it forever;
* a decoded-size cap enforced while decoding (see :mod:`newsreader.core.http.body`);
* pages (:meth:`Fetcher.get`) fetched only from the site: same host and port (see
  :func:`newsreader.core.urls.same_site`), so no robots.txt or page of another host is asked for,
  unless the fetcher's :class:`~newsreader.core.http.policy.PagePolicy` allows it (a feed's
  item pages);
* redirects followed by hand, only within the site (or the requested URL's host);
* retries with backoff for 429, 503 and reset connections, honouring ``Retry-After``;
* per-host concurrency and politeness (see :mod:`newsreader.core.http.hosts`), shared with
  the other fetchers of the run when they are handed one
  :class:`~newsreader.core.http.politeness.Politeness`;
* errors mapped to :mod:`newsreader.core.errors` (see :mod:`newsreader.core.http.errors`).
"""

from __future__ import annotations

import asyncio
import logging
import random
import time
from collections.abc import Awaitable, Callable
from types import TracebackType
from urllib.parse import urldefrag

import httpx

from newsreader.core.config import FetchSettings
from newsreader.core.errors import (
    BodyTooLarge,
    ContentError,
    FetchError,
    FetchTimeout,
    HTTPStatusError,
    OffSiteError,
    RedirectError,
)
from newsreader.core.http.answers import Answer, redirect_target, status_text, validator
from newsreader.core.http.body import BodyReader
from newsreader.core.http.client import (
    REDIRECTS,
    RedirectSeen,
    build_client,
    close_quietly,
    preloaded_body,
)
from newsreader.core.http.decoding import decode_document, looks_like_html, parse_content_type
from newsreader.core.http.errors import (
    check_usable,
    map_body_error,
    map_send_error,
    not_html,
    safe,
    unusable_redirect,
)
from newsreader.core.http.policy import PagePolicy
from newsreader.core.http.politeness import Politeness
from newsreader.core.http.retry import RETRY_STATUSES, backoff_delay, retry_delay
from newsreader.core.http.robots import MAX_ROBOTS_BYTES, RobotsGuard
from newsreader.core.results import FetchedPage
from newsreader.core.urls import host_of

__all__ = ["Fetcher"]

_log = logging.getLogger(__name__)

_HTML_TYPES = frozenset(("text/html", "application/xhtml+xml"))
# Types servers send when they don't know better: the body decides (sniffing).
_VAGUE_TYPES = frozenset(("", "application/octet-stream", "text/plain"))
_MAX_PORT = 65535


class _Retryable(Exception):
    """A connection reset before any answer: worth another try, else ``error``."""

    def __init__(self, error: FetchError) -> None:
        super().__init__(str(error))
        self.error = error


class Fetcher:
    """Fetches pages of one site over HTTP(S) with caps, a deadline, redirects and retries.

    The httpx client is created on the first request: a proxy set in the environment that
    httpx cannot use (``ALL_PROXY=socks5://…`` without ``socksio``) then fails as a
    :class:`NetworkError` of that request instead of as an ``ImportError`` at start-up.

    ``settings.deadline`` bounds each HTTP exchange (one hop of a redirect chain, one attempt),
    from sending the request to the last body byte; waiting for a per-host slot and the sleeps
    between retries are not counted, as the settings document.

    Args:
        settings: Timeouts, caps and politeness settings.
        site_url: Base URL of the site; redirects may go to its host or the requested one.
        transport: An httpx transport (tests pass ``httpx.MockTransport``); default: network.
        sleep: The sleep used for backoff and politeness (injectable so tests run fast).
        rng: Source of backoff jitter.
        clock: Monotonic clock for the politeness schedule.
        policy: What :meth:`get` takes besides the site's HTML pages (default: nothing).
        politeness: The per-host gate and robots.txt rules shared by the run's fetchers
            (default: this fetcher's own, built from ``settings``, ``sleep`` and ``clock``).
    """

    def __init__(
        self,
        settings: FetchSettings,
        *,
        site_url: str,
        transport: httpx.AsyncBaseTransport | None = None,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        rng: random.Random | None = None,
        clock: Callable[[], float] = time.monotonic,
        policy: PagePolicy | None = None,
        politeness: Politeness | None = None,
    ) -> None:
        self._settings = settings
        self._policy = policy or PagePolicy()
        self._site_url = site_url
        self._transport = transport
        self._sleep = sleep
        self._rng = rng or random.Random()
        shared = politeness or Politeness(settings, sleep=sleep, clock=clock)
        self._gate = shared.gate
        self._client: httpx.AsyncClient | None = None
        self._closed = False
        self._robots: RobotsGuard | None = None
        if settings.respect_robots:
            self._robots = RobotsGuard(
                self._fetch_robots,
                clock=clock,
                on_crawl_delay=self._gate.set_min_delay,
                memory=shared.robots,
            )

    async def __aenter__(self) -> Fetcher:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        """Close the connection pool; the fetcher cannot be used afterwards."""
        self._closed = True
        if self._client is not None:
            client, self._client = self._client, None
            await client.aclose()

    # --- public API ----------------------------------------------------------------------

    async def get(
        self, url: str, *, etag: str | None = None, last_modified: str | None = None
    ) -> FetchedPage:
        """Fetch an HTML page and decode it.

        Args:
            url: An absolute http(s) URL.
            etag: The cached copy's ``ETag``; sent as ``If-None-Match``.
            last_modified: The cached copy's ``Last-Modified``; sent as ``If-Modified-Since``.

        Returns:
            The page; ``status`` 304 with empty ``text`` when the cached copy is still current.

        Raises:
            OffSiteError: ``url`` is not on the site: pages are only ever fetched from the site
                (a hostile page must not make the reader contact other hosts or ports), or
                where the fetcher's policy allows.
            FetchError: A subclass saying what went wrong (network, timeout, HTTP status,
                redirect, size, content).
        """
        headers: dict[str, str] = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        answer = await self._fetch(url, headers, self._settings.max_body, html=True, site=True)
        etag_out = validator(answer.headers.get("etag"))
        modified_out = validator(answer.headers.get("last-modified"))
        if answer.status == 304:
            return FetchedPage(
                url=answer.url,
                status=304,
                text="",
                etag=etag_out or etag,
                last_modified=modified_out or last_modified,
                fetched_at=time.time(),
            )
        html = answer.media_type in _HTML_TYPES
        text, codec = decode_document(answer.body, answer.charset, html=html)
        return FetchedPage(
            url=answer.url,
            status=answer.status,
            text=text,
            content_type=answer.media_type or "text/html",
            encoding=codec,
            etag=etag_out,
            last_modified=modified_out,
            fetched_at=time.time(),
        )

    async def get_bytes(
        self, url: str, *, max_bytes: int | None = None
    ) -> tuple[bytes, httpx.Headers, str]:
        """Fetch any resource (an attachment, an image) as bytes.

        Args:
            url: An absolute http(s) URL.
            max_bytes: Cap on the decoded body; default ``settings.max_body``.

        Returns:
            ``(body, headers, final_url)``; the body has its ``Content-Encoding`` undone.

        Raises:
            FetchError: As for :meth:`get`, except that any content type is accepted.
        """
        cap = self._settings.max_body if max_bytes is None else max_bytes
        answer = await self._fetch(url, {}, cap, html=False)
        return answer.body, answer.headers, answer.url

    async def _fetch_robots(self, url: str) -> bytes:
        """Fetch a robots.txt body for the :class:`RobotsGuard` (never checked against itself)."""
        answer = await self._fetch(url, {}, MAX_ROBOTS_BYTES, html=False, robots=False)
        return answer.body

    # --- redirects -----------------------------------------------------------------------

    async def _fetch(
        self,
        url: str,
        headers: dict[str, str],
        cap: int,
        *,
        html: bool,
        robots: bool = True,
        site: bool = False,
    ) -> Answer:
        """Fetch ``url`` following allowed redirects; raise for error statuses.

        Each hop (the URL and every redirect target) is checked against robots.txt first. With
        ``site``, ``url`` must be on the site (checked before robots.txt is asked for, so no
        other host is contacted at all).
        """
        check_usable(url)
        if site and not self._policy.may_fetch(url, self._site_url):
            raise OffSiteError(
                f"not fetching {safe(url)}: it is not on the site {safe(self._site_url)}",
                url=url,
                reason="off_site",
                facts={"url": safe(url), "site": safe(self._site_url)},
            )
        current = str(urldefrag(url).url)
        seen = {current}
        redirects = 0
        while True:
            check_usable(current)
            if robots and self._robots is not None:
                await self._robots.check(current)
            answer = await self._with_retries(current, headers, cap, html=html)
            if answer.status not in REDIRECTS:
                break
            target = redirect_target(answer, origin=url, site_url=self._site_url)
            if target in seen:
                raise RedirectError(
                    f"redirect loop: {safe(current)} -> {safe(target)}",
                    url=url,
                    reason="redirect_loop",
                    facts={"url": safe(url)},
                )
            redirects += 1
            if redirects > self._settings.max_redirects:
                raise RedirectError(
                    f"too many redirects (more than {self._settings.max_redirects}) from "
                    f"{safe(url)}, the last to {safe(target)}",
                    url=url,
                    reason="too_many_redirects",
                    facts={"url": safe(url), "count": self._settings.max_redirects},
                )
            seen.add(target)
            current = target
        if answer.status == 304 and headers:
            return answer
        if answer.status >= 300:
            text = status_text(answer.status, answer.reason)
            raise HTTPStatusError(
                f"HTTP {answer.status} {text} for {safe(answer.url)}",
                status=answer.status,
                url=answer.url,
                # The status's text is English (the standard phrase, or the server's own):
                # only the English line says it.
                facts={"url": safe(answer.url), "text": text},
            )
        return answer

    # --- retries -------------------------------------------------------------------------

    async def _with_retries(
        self, url: str, headers: dict[str, str], cap: int, *, html: bool
    ) -> Answer:
        """One request, retried after a 429, a 503 or a reset connection."""
        retries = max(0, self._settings.retries)
        attempt = 0
        while True:
            try:
                answer = await self._exchange(url, headers, cap, html=html)
            except _Retryable as reset:
                if attempt >= retries:
                    raise reset.error from None
                delay = backoff_delay(
                    attempt, self._settings.backoff, self._settings.max_retry_after, self._rng
                )
                _log.debug("retrying %s in %.2f s after %s", url, delay, reset.error)
            else:
                if answer.status not in RETRY_STATUSES or attempt >= retries:
                    return answer
                delay = retry_delay(
                    attempt,
                    answer.headers.get("retry-after"),
                    base=self._settings.backoff,
                    cap=self._settings.max_retry_after,
                    rng=self._rng,
                )
                _log.debug("retrying %s in %.2f s after HTTP %s", url, delay, answer.status)
            attempt += 1
            await self._sleep(delay)

    # --- one exchange --------------------------------------------------------------------

    def _client_or_raise(self) -> httpx.AsyncClient:
        if self._closed:
            raise FetchError("the fetcher has been closed", reason="closed")
        if self._client is None:
            self._client = build_client(self._settings, self._transport)
        return self._client

    async def _exchange(self, url: str, headers: dict[str, str], cap: int, *, html: bool) -> Answer:
        """Send one GET and, for a 2xx, read its body; all within the deadline."""
        client = self._client_or_raise()
        try:
            request = client.build_request("GET", url, headers=headers)
        except (httpx.InvalidURL, httpx.UnsupportedProtocol, ValueError) as exc:
            raise FetchError(
                f"invalid URL {safe(url)}: {safe(exc, 80)}",
                url=url,
                reason="invalid_url",
                facts={"url": safe(url)},
            ) from exc
        host = request.url.host
        deadline = self._settings.deadline
        async with self._gate.slot(host):
            try:
                async with asyncio.timeout(deadline):
                    return await self._send_and_read(client, request, url, cap, html=html)
            except TimeoutError as exc:
                raise FetchTimeout(
                    f"no complete answer from {safe(host, 100)} within {deadline:g} s "
                    f"for {safe(url)}",
                    url=url,
                    reason="deadline",
                    facts={"host": safe(host, 100), "seconds": deadline},
                ) from exc

    async def _send_and_read(
        self, client: httpx.AsyncClient, request: httpx.Request, url: str, cap: int, *, html: bool
    ) -> Answer:
        settings = self._settings
        try:
            response = await client.send(request, stream=True)
        except RedirectSeen as redirect:
            return Answer(url, redirect.status, redirect.reason, redirect.headers)
        except httpx.InvalidURL as exc:
            # The request URL was valid, so this is httpx parsing a redirect's Location (it
            # does so even when not following redirects).
            raise unusable_redirect(url) from exc
        except (httpx.ReadError, httpx.WriteError, httpx.RemoteProtocolError) as exc:
            if "location header" in str(exc).lower():
                raise unusable_redirect(url) from exc
            mapped = map_send_error(
                exc, url, connect=settings.connect_timeout, read=settings.read_timeout
            )
            raise _Retryable(mapped) from exc
        except httpx.HTTPError as exc:
            raise map_send_error(
                exc, url, connect=settings.connect_timeout, read=settings.read_timeout
            ) from exc
        try:
            return await self._read_answer(response, url, cap, html=html)
        finally:
            await close_quietly(response)

    async def _read_answer(
        self, response: httpx.Response, url: str, cap: int, *, html: bool
    ) -> Answer:
        headers = response.headers
        status = response.status_code
        if not 200 <= status < 300:
            return Answer(url, status, response.reason_phrase, headers)
        media, charset = parse_content_type(headers.get("content-type"))
        # A policy that accepts other documents judges them by their body: wait for it.
        strict = self._policy.accepts is None
        if html and media not in _HTML_TYPES and media not in _VAGUE_TYPES and strict:
            raise not_html(media, url)
        length = headers.get("content-length", "").strip()
        if length.isdigit() and int(length) > cap:
            raise BodyTooLarge(
                f"page of {int(length)} bytes is over the {cap}-byte cap: {safe(url)}",
                url=url,
                reason="too_large",
                facts={"url": safe(url), "mib": round(cap / 2**20, 1)},
            )
        if response.is_stream_consumed:
            body = preloaded_body(response, cap, url)
        else:
            body = await self._read_stream(response, url, cap)
        if (
            html
            and media not in _HTML_TYPES
            and not looks_like_html(body)
            and not self._policy.takes(media, body)
        ):
            raise not_html(media or "no Content-Type", url)
        return Answer(url, status, response.reason_phrase, headers, body, media, charset)

    async def _read_stream(self, response: httpx.Response, url: str, cap: int) -> bytes:
        reader = BodyReader(response.headers.get("content-encoding"), cap, url)
        try:
            return await reader.read(response.aiter_raw())
        except httpx.HTTPError as exc:
            raise map_body_error(
                exc, url, reader.received, read=self._settings.read_timeout
            ) from exc
        except httpx.StreamError as exc:
            raise ContentError(
                f"unreadable body from {safe(url)}: {safe(exc, 80)}",
                url=url,
                reason="unreadable_body",
                facts={"host": host_of(url) or safe(url)},
            ) from exc
