"""Politeness belongs to a host, not to a fetcher: what the fetchers of one run share.

A run may read several sources, each through a fetcher of its own (its client, its page
policy). A feed's items live on any host, so a feed's fetcher may ask the host of a VSB site
while that site's own fetcher is syncing it: with a queue each, the host would get twice the
request rate the user configured, and its robots.txt would be read twice. The fetchers of one
run are therefore handed one :class:`Politeness`: one :class:`~newsreader.core.http.hosts.HostGate`
(``per_host`` requests at once, starts ``polite_delay`` apart, a site's ``Crawl-delay`` honoured)
and one :class:`~newsreader.core.http.robots.RobotsMemory` (each origin's robots.txt read once),
whichever source asks. It is made by whoever starts the run (the services of one cache share
their home service's, see :meth:`NewsService.for_source
<newsreader.core.service.NewsService.for_source>`), never a module-level singleton.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable

from newsreader.core.config import FetchSettings
from newsreader.core.http.hosts import HostGate
from newsreader.core.http.robots import RobotsMemory

__all__ = ["Politeness"]


class Politeness:
    """One run's per-host gate and robots.txt rules, shared by all its fetchers.

    Args:
        settings: The run's fetch settings (``per_host`` and ``polite_delay`` are used).
        sleep: The sleep used to wait for a host's turn (injectable so tests need not wait).
        clock: A monotonic clock, in seconds, for the gate's schedule.

    Attributes:
        gate: Admits each request to its host (see :class:`HostGate`).
        robots: What each origin's robots.txt said (see :class:`RobotsMemory`).
    """

    def __init__(
        self,
        settings: FetchSettings,
        *,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.gate = HostGate(settings.per_host, settings.polite_delay, sleep=sleep, clock=clock)
        self.robots = RobotsMemory()
