"""Per-host politeness: a cap on requests in flight and a minimum gap between request starts.

A news site is somebody else's server: a sync of hundreds of articles must not hammer it. Each
host gets its own semaphore (``per_host`` requests at once) and its own schedule of start times
at least ``polite_delay`` apart.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager

__all__ = ["HostGate"]


class HostGate:
    """Admits requests to each host at most ``per_host`` at a time, ``delay`` seconds apart.

    Args:
        per_host: Requests in flight at once per host (at least 1).
        delay: Minimum seconds between two request starts to one host.
        sleep: The sleep function (injectable so tests need not wait).
        clock: A monotonic clock, in seconds.
    """

    def __init__(
        self,
        per_host: int,
        delay: float,
        *,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._per_host = max(1, per_host)
        self._delay = max(0.0, delay)
        self._sleep = sleep
        self._clock = clock
        self._semaphores: dict[str, asyncio.Semaphore] = {}
        self._next_start: dict[str, float] = {}
        self._host_delay: dict[str, float] = {}

    def set_min_delay(self, host: str, delay: float) -> None:
        """Make requests to ``host`` start at least ``delay`` seconds apart (a ``Crawl-delay``).

        The gate's own delay still applies when it is the longer one, and so does a longer
        ``Crawl-delay`` already asked for the host: the gate is kept by host name, robots.txt by
        origin, and two origins of one host (another port, another scheme) share the host.
        """
        host = host_key(host)
        self._host_delay[host] = max(self._host_delay.get(host, 0.0), delay, 0.0)

    @asynccontextmanager
    async def slot(self, host: str) -> AsyncIterator[None]:
        """Wait for a turn to talk to ``host``; the turn lasts as long as the ``async with``."""
        host = host_key(host)
        semaphore = self._semaphores.get(host)
        if semaphore is None:
            semaphore = self._semaphores[host] = asyncio.Semaphore(self._per_host)
        async with semaphore:
            # Reserve a start time before awaiting anything, so concurrent callers get distinct
            # slots instead of all waking up at the same moment.
            now = self._clock()
            start = max(now, self._next_start.get(host, now))
            self._next_start[host] = start + max(self._delay, self._host_delay.get(host, 0.0))
            if start > now:
                await self._sleep(start - now)
            yield


def host_key(host: str) -> str:
    """Return one name for ``host`` however it was written (``中文.cn`` or ``xn--fiq228c.cn``).

    httpx gives a request's host in Unicode, ``urlsplit`` (robots.txt's ``Crawl-delay``) as it
    was typed: keyed apart, a punycode host's delay was never applied.
    """
    lowered = host.lower()
    try:
        return lowered.encode("idna").decode("ascii")
    except UnicodeError:
        return lowered
