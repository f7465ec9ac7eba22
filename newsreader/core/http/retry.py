"""When to retry a request, how long to wait first, and the retry loop itself.

A 429 or 503 usually says "come back later", often with a ``Retry-After``; a reset connection is
often a busy server or a middlebox dropping idle connections. Both deserve another try after a
pause; nothing else does (a 404 will be a 404 again).
"""

from __future__ import annotations

import email.utils
import logging
import math
import random
import time
from collections.abc import Awaitable, Callable

from newsreader.core.config import FetchSettings
from newsreader.core.errors import FetchError
from newsreader.core.http.answers import Answer

__all__ = [
    "RETRY_STATUSES",
    "Retryable",
    "backoff_delay",
    "parse_retry_after",
    "retry_delay",
    "with_retries",
]

RETRY_STATUSES = frozenset((429, 503))

_log = logging.getLogger(__name__)


class Retryable(Exception):
    """A connection reset before any answer: worth another try, else ``error``."""

    def __init__(self, error: FetchError) -> None:
        super().__init__(str(error))
        self.error = error


def parse_retry_after(value: str | None, *, now: float | None = None) -> float | None:
    """Return the delay a ``Retry-After`` header asks for, in seconds, or ``None``.

    Args:
        value: The header value: delta-seconds (``"120"``) or an HTTP-date.
        now: Unix time to measure an HTTP-date from (default: the current time).

    Returns:
        The delay (0 for a date in the past), or ``None`` when the value is missing, negative
        or unreadable, so the caller falls back to its own backoff.
    """
    if value is None:
        return None
    text = value.strip()
    if not text:
        return None
    if text.isdigit():
        return float(text)
    try:
        seconds = float(text)
    except ValueError:
        seconds = None
    if seconds is not None:
        # "1.5" is not valid HTTP but harmless; "-5", "nan" and "inf" are garbage.
        return seconds if math.isfinite(seconds) and seconds >= 0 else None
    try:
        when = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if when.tzinfo is None:
        return None  # HTTP-dates are always GMT; a date without a zone is not one
    current = time.time() if now is None else now
    return max(0.0, when.timestamp() - current)


def backoff_delay(attempt: int, base: float, cap: float, rng: random.Random) -> float:
    """Return an exponential backoff with jitter: ``base * 2**attempt`` plus up to 50 %.

    The jitter keeps many readers that failed together from coming back together.

    Args:
        attempt: 0 for the first retry, 1 for the second ...
        base: The first delay, in seconds.
        cap: The longest delay, in seconds.
        rng: Source of the jitter (injectable for tests).
    """
    delay = base * (2.0 ** min(attempt, 16))
    return min(cap, delay + rng.uniform(0.0, delay / 2))


def retry_delay(
    attempt: int,
    retry_after: str | None,
    *,
    base: float,
    cap: float,
    rng: random.Random,
    now: float | None = None,
) -> float:
    """Return how long to wait before retry number ``attempt``.

    A usable ``Retry-After`` wins, clamped to ``[0, cap]``; otherwise exponential backoff.

    Args:
        attempt: 0 for the first retry, 1 for the second ...
        retry_after: The ``Retry-After`` header value, if any.
        base: Base of the backoff, in seconds.
        cap: Clamp on any delay (``FetchSettings.max_retry_after``).
        rng: Source of the jitter.
        now: Unix time for HTTP-dates (default: the current time).
    """
    asked = parse_retry_after(retry_after, now=now)
    if asked is not None:
        return min(max(asked, 0.0), cap)
    return backoff_delay(attempt, base, cap, rng)


async def with_retries(
    send: Callable[[], Awaitable[Answer]],
    url: str,
    settings: FetchSettings,
    *,
    rng: random.Random,
    sleep: Callable[[float], Awaitable[None]],
) -> Answer:
    """Return what ``send`` answers, sending again after a 429, a 503 or a reset connection.

    Args:
        send: One exchange; raises :class:`Retryable` for a reset connection.
        url: The URL sent to (for the log).
        settings: ``retries`` (how many more tries), ``backoff`` and ``max_retry_after``.
        rng: Source of backoff jitter.
        sleep: The sleep between tries.

    Returns:
        The first answer not worth another try, or the last one.

    Raises:
        FetchError: The error of the last reset connection, once the tries are spent.
    """
    retries = max(0, settings.retries)
    attempt = 0
    while True:
        try:
            answer = await send()
        except Retryable as reset:
            if attempt >= retries:
                raise reset.error from None
            delay = backoff_delay(attempt, settings.backoff, settings.max_retry_after, rng)
            _log.debug("retrying %s in %.2f s after %s", url, delay, reset.error)
        else:
            if answer.status not in RETRY_STATUSES or attempt >= retries:
                return answer
            delay = retry_delay(
                attempt,
                answer.headers.get("retry-after"),
                base=settings.backoff,
                cap=settings.max_retry_after,
                rng=rng,
            )
            _log.debug("retrying %s in %.2f s after HTTP %s", url, delay, answer.status)
        attempt += 1
        await sleep(delay)
