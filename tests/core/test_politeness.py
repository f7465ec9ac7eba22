"""Politeness is the host's: fetchers handed one Politeness keep one queue per host between them."""

from __future__ import annotations

import asyncio

import httpx

from newsreader.core.config import FetchSettings
from newsreader.core.http.fetcher import Fetcher
from newsreader.core.http.politeness import Politeness

SITE = "https://www.example.edu.cn/"
FEED = "https://feeds.example.org/rss.xml"
SETTINGS = FetchSettings(polite_delay=0.5, per_host=4, backoff=0.0)
ROBOTS = b"User-agent: *\nDisallow: /private/\n"


class Host:
    """Answers every request (robots.txt with :data:`ROBOTS`) and notes the requests."""

    def __init__(self) -> None:
        self.requests: list[str] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(str(request.url))
        if request.url.path == "/robots.txt":
            return httpx.Response(200, content=ROBOTS, headers={"Content-Type": "text/plain"})
        return httpx.Response(
            200, content=b"<html><p>ok</p></html>", headers={"Content-Type": "text/html"}
        )


class Waits:
    """A sleep that returns at once and notes how long each caller was asked to wait."""

    def __init__(self) -> None:
        self.asked: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.asked.append(seconds)


def pair(politeness: Politeness | None, host: Host, waits: Waits) -> tuple[Fetcher, Fetcher]:
    """A site's fetcher and a feed's (which fetches the site's pages as its items)."""
    transport = httpx.MockTransport(host)
    return (
        Fetcher(
            SETTINGS,
            site_url=SITE,
            transport=transport,
            sleep=waits,
            clock=lambda: 0.0,
            politeness=politeness,
        ),
        Fetcher(
            SETTINGS,
            site_url=FEED,
            transport=transport,
            sleep=waits,
            clock=lambda: 0.0,
            politeness=politeness,
        ),
    )


async def test_two_fetchers_of_one_run_queue_a_host_once() -> None:
    host, waits = Host(), Waits()
    shared = Politeness(SETTINGS, sleep=waits, clock=lambda: 0.0)
    site, feed = pair(shared, host, waits)
    async with site, feed:
        await asyncio.gather(
            *(site.get(f"{SITE}info/1/{n}.htm") for n in range(3)),
            *(feed.get_bytes(f"{SITE}info/2/{n}.htm") for n in range(3)),
        )
    # robots.txt once for the host, whichever fetcher asked first; then one schedule: every
    # request after the first waits its turn, half a second after the one before.
    assert host.requests.count(f"{SITE}robots.txt") == 1
    assert sorted(waits.asked) == [0.5, 1.0, 1.5, 2.0, 2.5, 3.0]


async def test_fetchers_without_a_shared_politeness_keep_their_own() -> None:
    host, waits = Host(), Waits()
    site, feed = pair(None, host, waits)
    async with site, feed:
        await asyncio.gather(site.get(f"{SITE}a.htm"), feed.get_bytes(f"{SITE}b.htm"))
    assert host.requests.count(f"{SITE}robots.txt") == 2
