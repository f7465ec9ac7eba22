"""One HTTP exchange: a GET sent and its answer read, in its host's turn, within the deadline.

:class:`Exchange` owns the httpx client (built on first use, so a proxy httpx cannot use fails
as a :class:`~newsreader.core.errors.NetworkError` of a request, not at start-up) and maps what
httpx raises while sending to our errors; a connection reset before any answer comes out as
:class:`~newsreader.core.http.retry.Retryable`, for the retry loop to try again.
"""

from __future__ import annotations

import asyncio

import httpx

from newsreader.core.config import FetchSettings
from newsreader.core.errors import FetchError, FetchTimeout
from newsreader.core.http.answers import Answer
from newsreader.core.http.client import RedirectSeen, build_client, close_quietly
from newsreader.core.http.errors import map_send_error, safe, unusable_redirect
from newsreader.core.http.hosts import HostGate
from newsreader.core.http.policy import PagePolicy
from newsreader.core.http.reading import read_answer
from newsreader.core.http.retry import Retryable

__all__ = ["Exchange"]


class Exchange:
    """Sends one GET at a time per call, on one httpx client.

    ``settings.deadline`` bounds each call, from sending the request to the last body byte;
    waiting for the host's turn is not counted.

    Args:
        settings: Timeouts, caps and the User-Agent.
        transport: An httpx transport (tests pass ``httpx.MockTransport``); default: network.
        gate: The per-host turns.
        policy: What is taken besides HTML (see :func:`~newsreader.core.http.reading.read_answer`).
    """

    def __init__(
        self,
        settings: FetchSettings,
        transport: httpx.AsyncBaseTransport | None,
        gate: HostGate,
        policy: PagePolicy,
    ) -> None:
        self._settings = settings
        self._transport = transport
        self._gate = gate
        self._policy = policy
        self._client: httpx.AsyncClient | None = None
        self._closed = False

    async def aclose(self) -> None:
        """Close the connection pool; no exchange can be made afterwards."""
        self._closed = True
        if self._client is not None:
            client, self._client = self._client, None
            await client.aclose()

    def _client_or_raise(self) -> httpx.AsyncClient:
        if self._closed:
            raise FetchError("the fetcher has been closed", reason="closed")
        if self._client is None:
            self._client = build_client(self._settings, self._transport)
        return self._client

    async def __call__(self, url: str, headers: dict[str, str], cap: int, *, html: bool) -> Answer:
        """Send one GET and, for a 2xx, read its body; all within the deadline.

        Raises:
            Retryable: The connection was reset before any answer.
            FetchError: A subclass saying what went wrong.
        """
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
            if self._closed:
                # Closed while this request waited for its host's turn (the run's gate is shared,
                # so turns can be long): httpx would say so with an untyped RuntimeError.
                raise FetchError("the fetcher has been closed", reason="closed")
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
            raise Retryable(mapped) from exc
        except httpx.HTTPError as exc:
            raise map_send_error(
                exc, url, connect=settings.connect_timeout, read=settings.read_timeout
            ) from exc
        try:
            return await read_answer(
                response,
                url,
                cap,
                html=html,
                policy=self._policy,
                read_timeout=settings.read_timeout,
            )
        finally:
            await close_quietly(response)
