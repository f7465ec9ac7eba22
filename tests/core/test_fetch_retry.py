"""Retries: 429/503 and connection resets, backoff with jitter, Retry-After parsing."""

from __future__ import annotations

import email.utils
import random

import httpx
import pytest

from newsreader.core.config import FetchSettings
from newsreader.core.errors import HTTPStatusError, NetworkError
from newsreader.core.http.fetcher import Fetcher
from newsreader.core.http.retry import backoff_delay, parse_retry_after, retry_delay

SITE = "https://www.example.edu.cn/"
NOW = 1_700_000_000.0


class Sleeps:
    """A fake sleep that records the delays instead of waiting."""

    def __init__(self) -> None:
        self.delays: list[float] = []

    async def __call__(self, delay: float) -> None:
        self.delays.append(delay)


def scripted(*answers: httpx.Response | Exception) -> tuple[httpx.MockTransport, list[int]]:
    calls = [0]

    def handler(request: httpx.Request) -> httpx.Response:
        answer = answers[min(calls[0], len(answers) - 1)]
        calls[0] += 1
        if isinstance(answer, Exception):
            raise answer
        return answer

    return httpx.MockTransport(handler), calls


def ok() -> httpx.Response:
    return httpx.Response(200, html="<html>ok</html>")


def make(transport: httpx.MockTransport, sleeps: Sleeps, **settings: float) -> Fetcher:
    config = FetchSettings(polite_delay=0, respect_robots=False, **settings)  # type: ignore[arg-type]
    return Fetcher(config, site_url=SITE, transport=transport, sleep=sleeps, rng=random.Random(1))


async def test_503_then_success_honours_retry_after_seconds() -> None:
    transport, calls = scripted(httpx.Response(503, headers={"Retry-After": "3"}), ok())
    sleeps = Sleeps()
    async with make(transport, sleeps) as f:
        page = await f.get(SITE)
    assert page.status == 200
    assert calls[0] == 2
    assert sleeps.delays == [3.0]


async def test_429_retry_after_is_clamped() -> None:
    transport, _ = scripted(httpx.Response(429, headers={"Retry-After": "3600"}), ok())
    sleeps = Sleeps()
    async with make(transport, sleeps, max_retry_after=30) as f:
        await f.get(SITE)
    assert sleeps.delays == [30.0]


async def test_retry_after_http_date() -> None:
    when = email.utils.formatdate(NOW + 7, usegmt=True)
    assert parse_retry_after(when, now=NOW) == pytest.approx(7)
    transport, _ = scripted(httpx.Response(503, headers={"Retry-After": when}), ok())
    sleeps = Sleeps()
    async with make(transport, sleeps) as f:
        await f.get(SITE)
    assert 0 <= sleeps.delays[0] <= 7


@pytest.mark.parametrize("value", ["-5", "soon", "", "nan", "inf", "Mon, 99 Foo 2024"])
async def test_garbage_retry_after_falls_back_to_backoff(value: str) -> None:
    transport, _ = scripted(
        httpx.Response(503, headers={"Retry-After": value}),
        httpx.Response(503, headers={"Retry-After": value}),
        ok(),
    )
    sleeps = Sleeps()
    async with make(transport, sleeps, backoff=0.5) as f:
        await f.get(SITE)
    first, second = sleeps.delays
    assert 0.5 <= first <= 0.75
    assert 1.0 <= second <= 1.5


async def test_gives_up_after_the_configured_retries() -> None:
    transport, calls = scripted(httpx.Response(503))
    sleeps = Sleeps()
    async with make(transport, sleeps, retries=2, backoff=0.1) as f:
        with pytest.raises(HTTPStatusError) as info:
            await f.get(SITE)
    assert info.value.status == 503
    assert "HTTP 503 Service Unavailable" in str(info.value)
    assert calls[0] == 3
    assert len(sleeps.delays) == 2


async def test_no_retry_for_404_or_500() -> None:
    for status in (404, 500):
        transport, calls = scripted(httpx.Response(status))
        sleeps = Sleeps()
        async with make(transport, sleeps) as f:
            with pytest.raises(HTTPStatusError):
                await f.get(SITE)
        assert calls[0] == 1
        assert sleeps.delays == []


async def test_connection_reset_is_retried() -> None:
    reset = httpx.ReadError("[Errno 104] Connection reset by peer")
    transport, calls = scripted(reset, ok())
    sleeps = Sleeps()
    async with make(transport, sleeps, backoff=0.2) as f:
        assert (await f.get(SITE)).status == 200
    assert calls[0] == 2
    assert 0.2 <= sleeps.delays[0] <= 0.3


async def test_persistent_reset_becomes_network_error() -> None:
    transport, calls = scripted(httpx.RemoteProtocolError("Server disconnected"))
    sleeps = Sleeps()
    async with make(transport, sleeps, retries=1) as f:
        with pytest.raises(NetworkError, match=r"www\.example\.edu\.cn"):
            await f.get(SITE)
    assert calls[0] == 2


async def test_refused_connection_is_not_retried() -> None:
    transport, calls = scripted(httpx.ConnectError("[Errno 111] Connection refused"))
    async with make(transport, Sleeps()) as f:
        with pytest.raises(NetworkError, match="connection refused"):
            await f.get(SITE)
    assert calls[0] == 1


def test_parse_retry_after() -> None:
    assert parse_retry_after(None) is None
    assert parse_retry_after(" 120 ") == 120.0
    assert parse_retry_after("1.5") == 1.5
    assert parse_retry_after("-1") is None
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:00") is None  # no zone: not an HTTP-date
    past = email.utils.formatdate(NOW - 100, usegmt=True)
    assert parse_retry_after(past, now=NOW) == 0.0


def test_backoff_is_exponential_with_bounded_jitter() -> None:
    rng = random.Random(42)
    for attempt in range(5):
        delay = backoff_delay(attempt, 0.5, 100, rng)
        assert 0.5 * 2**attempt <= delay <= 0.75 * 2**attempt
    assert backoff_delay(30, 0.5, 30, rng) == 30
    values = {backoff_delay(1, 1.0, 100, random.Random(seed)) for seed in range(10)}
    assert len(values) > 1  # jitter


def test_retry_delay_prefers_retry_after() -> None:
    rng = random.Random(0)
    assert retry_delay(0, "4", base=1, cap=30, rng=rng) == 4
    assert retry_delay(0, "400", base=1, cap=30, rng=rng) == 30
    assert 1 <= retry_delay(0, "x", base=1, cap=30, rng=rng) <= 1.5
