"""Politeness is the host's: fetchers handed one Politeness keep one queue per host between them."""

from __future__ import annotations

import asyncio

import httpx
import pytest

from newsreader.core.config import FetchSettings
from newsreader.core.errors import FetchError
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


def _robots(delay_of: dict[int | None, int]) -> httpx.MockTransport:
    """A host whose robots.txt asks for ``delay_of[port]`` seconds (no entry: no delay)."""

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/robots.txt":
            delay = delay_of.get(request.url.port)
            rules = f"Crawl-delay: {delay}\n" if delay else ""
            return httpx.Response(200, text=f"User-agent: *\n{rules}")
        return httpx.Response(200, html="<html><body>ok</body></html>")

    return httpx.MockTransport(handler)


class _Clock:
    """A clock that sleeping moves on, and the sleeps asked for."""

    def __init__(self) -> None:
        self.now = 0.0
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


def test_two_sites_on_one_host_keep_the_longer_crawl_delay() -> None:
    # The gate is kept by host name, robots.txt by origin: the faster site's robots.txt, read
    # second, replaced the slower one's Crawl-delay, and the slower site was asked every 1 s.
    clock = _Clock()
    settings = FetchSettings(polite_delay=0.0)
    shared = Politeness(settings, sleep=clock.sleep, clock=clock)
    transport = _robots({8080: 8, 8081: 1})

    def fetcher(site: str) -> Fetcher:
        return Fetcher(
            settings,
            site_url=site,
            transport=transport,
            politeness=shared,
            sleep=clock.sleep,
            clock=clock,
        )

    async def run() -> None:
        slow, fast = fetcher("http://h.cn:8080/"), fetcher("http://h.cn:8081/")
        await slow.get("http://h.cn:8080/1.htm")
        await fast.get("http://h.cn:8081/1.htm")
        clock.slept.clear()
        await slow.get("http://h.cn:8080/2.htm")
        await slow.get("http://h.cn:8080/3.htm")
        await slow.aclose()
        await fast.aclose()

    asyncio.run(run())
    assert clock.slept and min(clock.slept) >= 8


def test_a_punycode_hosts_crawl_delay_is_kept() -> None:
    # httpx names the host 中文.cn, robots.txt's reading xn--fiq228c.cn: the delay was stored
    # under one name and looked up under the other.
    clock = _Clock()
    settings = FetchSettings(polite_delay=0.0)

    async def run() -> None:
        f = Fetcher(
            settings,
            site_url="https://xn--fiq228c.cn/",
            transport=_robots({None: 5}),
            sleep=clock.sleep,
            clock=clock,
        )
        for n in range(3):
            await f.get(f"https://xn--fiq228c.cn/{n}.htm")
        await f.aclose()

    asyncio.run(run())
    assert clock.slept and max(clock.slept) >= 5


def test_a_closed_fetcher_blocks_no_other_fetcher_of_the_run() -> None:
    # A straggler of a removed source used its closed fetcher: "closed" was remembered as
    # robots.txt unreachable, and every fetcher of the run was refused the host for 60 s.
    settings = FetchSettings()
    clock = _Clock()
    shared = Politeness(settings, sleep=clock.sleep, clock=clock)
    transport = _robots({})

    async def run() -> None:
        gone = Fetcher(settings, site_url="https://x.cn/", transport=transport, politeness=shared)
        other = Fetcher(settings, site_url="https://x.cn/", transport=transport, politeness=shared)
        await gone.aclose()
        with pytest.raises(FetchError) as caught:
            await gone.get("https://x.cn/page.htm")
        assert caught.value.reason == "closed"
        assert (await other.get("https://x.cn/page.htm")).status == 200
        await other.aclose()

    asyncio.run(run())


def test_a_fetcher_closed_while_a_request_waits_says_so_in_our_words() -> None:
    # The request took the client, then waited for the host's turn; closed meanwhile, httpx
    # raised an untyped RuntimeError.
    settings = FetchSettings(polite_delay=0.5, respect_robots=False)

    async def run() -> None:
        f = Fetcher(settings, site_url="https://x.cn/", transport=_robots({}))
        await f.get("https://x.cn/1.htm")
        waiting = asyncio.create_task(f.get("https://x.cn/2.htm"))
        await asyncio.sleep(0.05)  # it waits for its turn (0.5 s after the first)
        await f.aclose()
        with pytest.raises(FetchError) as caught:
            await waiting
        assert caught.value.reason == "closed"

    asyncio.run(run())
