"""When to retry a request and how long to wait first.

A 429 or 503 usually says "come back later", often with a ``Retry-After``; a reset connection is
often a busy server or a middlebox dropping idle connections. Both deserve another try after a
pause; nothing else does (a 404 will be a 404 again).
"""

from __future__ import annotations

import email.utils
import math
import random
import time

__all__ = ["RETRY_STATUSES", "backoff_delay", "parse_retry_after", "retry_delay"]

RETRY_STATUSES = frozenset((429, 503))


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
