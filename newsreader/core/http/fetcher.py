"""The one way newsreader talks HTTP: an httpx client with caps, a deadline and strict redirects.

Every request goes through :class:`Fetcher`, which adds what httpx leaves to its callers:

* an overall deadline per request, so a server dripping a byte at a time cannot hold it forever
  (see :mod:`newsreader.core.http.exchange`);
* a decoded-size cap enforced while decoding, and pages that must be HTML (see
  :mod:`newsreader.core.http.reading` and :mod:`newsreader.core.http.body`);
* pages (:meth:`Fetcher.get`) fetched only from the site: same host and port (see
  :func:`newsreader.core.urls.same_site`), so no robots.txt or page of another host is asked for,
  unless the fetcher's :class:`~newsreader.core.http.policy.PagePolicy` allows it (a feed's
  item pages);
* redirects followed by hand, only within the site (or the requested URL's host) (see
  :mod:`newsreader.core.http.redirects`);
* retries with backoff for 429, 503 and reset connections, honouring ``Retry-After`` (see
  :mod:`newsreader.core.http.retry`);
* conditional requests with a cached copy's validators (see :mod:`newsreader.core.http.pages`);
* per-host concurrency and politeness (see :mod:`newsreader.core.http.hosts`), shared with
  the other fetchers of the run when they are handed one
  :class:`~newsreader.core.http.politeness.Politeness`;
* errors mapped to :mod:`newsreader.core.errors` (see :mod:`newsreader.core.http.errors`).
"""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import Awaitable, Callable
from types import TracebackType

import httpx

from newsreader.core.config import FetchSettings
from newsreader.core.errors import OffSiteError
from newsreader.core.http.answers import Answer, checked_status
from newsreader.core.http.errors import check_usable, safe
from newsreader.core.http.exchange import Exchange
from newsreader.core.http.pages import conditional_headers, fetched_page
from newsreader.core.http.policy import PagePolicy
from newsreader.core.http.politeness import Politeness
from newsreader.core.http.redirects import follow_redirects
from newsreader.core.http.retry import with_retries
from newsreader.core.http.robots import MAX_ROBOTS_BYTES, RobotsGuard
from newsreader.core.results import FetchedPage

__all__ = ["Fetcher"]


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
        self._sleep = sleep
        self._rng = rng or random.Random()
        shared = politeness or Politeness(settings, sleep=sleep, clock=clock)
        gate = shared.gate
        self._exchange = Exchange(settings, transport, gate, self._policy)
        self._robots: RobotsGuard | None = None
        if settings.respect_robots:
            self._robots = RobotsGuard(
                self._fetch_robots,
                clock=clock,
                on_crawl_delay=gate.set_min_delay,
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
        await self._exchange.aclose()

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
        headers = conditional_headers(etag, last_modified)
        answer = await self._fetch(url, headers, self._settings.max_body, html=True, site=True)
        return fetched_page(answer, etag=etag, last_modified=last_modified)

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

    # --- one fetch: the site's rule, then each hop of the redirects -----------------------

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

        async def hop(current: str) -> Answer:
            check_usable(current)
            if robots and self._robots is not None:
                await self._robots.check(current)
            return await with_retries(
                lambda: self._exchange(current, headers, cap, html=html),
                current,
                self._settings,
                rng=self._rng,
                sleep=self._sleep,
            )

        answer = await follow_redirects(
            url, hop, site_url=self._site_url, max_redirects=self._settings.max_redirects
        )
        return checked_status(answer, conditional=bool(headers))
