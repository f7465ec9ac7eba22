"""robots.txt: parsing per RFC 9309 and a per-fetcher guard that applies it.

A news reader is not a crawler, but ``newsreader sync`` fetches hundreds of pages in a row, and a
site that asks robots to stay away from part of it deserves to be heard. :func:`parse_robots`
implements the RFC's matching rules:

* groups start with one or more ``User-agent`` lines; the groups naming our product token
  (``newsreader``, case-insensitive) are merged and used, else the ``*`` groups, else no rules;
* ``Allow``/``Disallow`` patterns match a prefix of the path (and query); ``*`` matches any run of
  characters and a final ``$`` anchors the end; the longest matching pattern wins and ``Allow``
  wins a tie; ``/robots.txt`` itself is always allowed;
* paths and patterns are compared after percent-encoding normalisation (non-ASCII encoded as
  UTF-8, unreserved characters decoded, hex digits upper-cased);
* ``Crawl-delay`` (not in the RFC, widely used) is read for our group and capped by the caller.

:class:`RobotsGuard` fetches ``/robots.txt`` once per origin and applies the status rules of the
RFC: 2xx is parsed, 4xx means no rules, 5xx (and 429) means "unreachable": everything is disallowed
for now and robots.txt is asked for again after :data:`UNREACHABLE_RETRY` seconds.
"""

from __future__ import annotations

import asyncio
import logging
import math
import re
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from newsreader.core.errors import (
    BodyTooLarge,
    FetchError,
    FetchTimeout,
    HTTPStatusError,
    NetworkError,
    RedirectError,
    RobotsDisallowed,
)
from newsreader.core.sanitize import clean_line

__all__ = [
    "MAX_ROBOTS_BYTES",
    "PRODUCT_TOKEN",
    "UNREACHABLE_RETRY",
    "RobotsGuard",
    "RobotsMemory",
    "RobotsRules",
    "normalize_path",
    "parse_robots",
]

_log = logging.getLogger(__name__)

PRODUCT_TOKEN = "newsreader"
MAX_ROBOTS_BYTES = 512 * 1024
"""Cap on a robots.txt body; the RFC asks crawlers to read at least 500 KiB."""
UNREACHABLE_RETRY = 60.0
"""Seconds before robots.txt is asked for again after a 5xx or a network failure."""
RULES_TTL = 24 * 3600.0
"""Seconds a fetched robots.txt stays in use (RFC 9309 §2.4: no longer than 24 hours)."""
MAX_CRAWL_DELAY = 10.0
"""Cap on a site's ``Crawl-delay``, in seconds: politeness must not freeze the reader."""
_MAX_LINES = 100_000
_MAX_RULES = 10_000

_UNRESERVED = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
_PERCENT = re.compile(r"%([0-9A-Fa-f]{2})")
_TOKEN = re.compile(r"[A-Za-z_-]+")


def normalize_path(path: str) -> str:
    """Return ``path`` in the one percent-encoded form robots.txt matching compares.

    Non-ASCII characters (and spaces and controls) become ``%XX`` of their UTF-8 bytes; a
    ``%XX`` of an unreserved character is decoded (``%7E`` == ``~``); other escapes keep their
    meaning (``%2F`` is not ``/``) with upper-case hex digits.
    """

    def unescape(match: re.Match[str]) -> str:
        octet = int(match.group(1), 16)
        return chr(octet) if octet in _UNRESERVED else "%" + match.group(1).upper()

    out: list[str] = []
    for char in _PERCENT.sub(unescape, path):
        if " " < char < "\x7f":
            out.append(char)
        else:
            out.extend(f"%{b:02X}" for b in char.encode("utf-8", "surrogatepass"))
    return "".join(out)


@dataclass(frozen=True, slots=True)
class _Rule:
    allow: bool
    pattern: str  # normalised, "$" included: its length decides which rule wins
    parts: tuple[str, ...]  # the pattern split at "*" (runs of "*" collapsed)
    anchored: bool

    def matches(self, path: str) -> bool:
        """Match like a glob with only ``*``, leftmost-first: linear, no backtracking.

        A regex such as ``.*?a.*?a…$`` can take exponential time on a hostile pattern; taking
        the leftmost occurrence of each literal part is enough for ``*``-only globs.
        """
        first = self.parts[0]
        if not path.startswith(first):
            return False
        pos = len(first)
        if len(self.parts) == 1:
            return pos == len(path) if self.anchored else True
        for part in self.parts[1:-1]:
            found = path.find(part, pos)
            if found < 0:
                return False
            pos = found + len(part)
        last = self.parts[-1]
        if self.anchored:
            return path.endswith(last) and len(path) - len(last) >= pos
        return path.find(last, pos) >= 0


def _rule(allow: bool, value: str) -> _Rule:
    pattern = normalize_path(value)
    anchored = pattern.endswith("$")
    body = pattern[:-1] if anchored else pattern
    return _Rule(allow, pattern, tuple(re.split(r"\*+", body)), anchored)


@dataclass(frozen=True, slots=True)
class RobotsRules:
    """The rules of robots.txt that apply to us.

    Attributes:
        rules: The merged ``Allow``/``Disallow`` rules of our group (or the ``*`` group).
        crawl_delay: The group's ``Crawl-delay`` in seconds, uncapped, or ``None``.
        disallow_all: True for the "unreachable" state: nothing may be fetched.
    """

    rules: tuple[_Rule, ...] = ()
    crawl_delay: float | None = None
    disallow_all: bool = False

    def allowed(self, target: str) -> bool:
        """Return whether the path (with its query) ``target`` may be fetched.

        Args:
            target: A URL path such as ``/info/1023/2831.htm?x=1``, or a whole URL.
        """
        if "://" in target:
            parts = urlsplit(target)
            target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        if not target.startswith("/"):
            target = "/" + target
        if target == "/robots.txt":
            return True
        if self.disallow_all:
            return False
        path = normalize_path(target)
        best: _Rule | None = None
        for rule in self.rules:
            if not rule.matches(path):
                continue
            if (
                best is None
                or len(rule.pattern) > len(best.pattern)
                or (len(rule.pattern) == len(best.pattern) and rule.allow and not best.allow)
            ):
                best = rule
        return best is None or best.allow


@dataclass(slots=True)
class _Group:
    agents: list[str] = field(default_factory=list)
    rules: list[_Rule] = field(default_factory=list)
    crawl_delay: float | None = None


def _agent_token(value: str) -> str:
    # "Newsreader/1.0 (+url)" names the product token "newsreader"; "*" stays "*".
    value = value.strip()
    if value.startswith("*"):
        return "*"
    match = _TOKEN.match(value)
    return match.group(0).lower() if match else ""


def _groups(text: str) -> list[_Group]:
    groups: list[_Group] = []
    current: _Group | None = None
    in_agents = False
    for number, raw_line in enumerate(text.splitlines()):
        if number >= _MAX_LINES:
            break
        line = raw_line.split("#", 1)[0].strip()
        key, sep, value = line.partition(":")
        if not sep:
            continue
        key = key.strip().lower().replace("_", "-")
        value = value.strip()
        if key == "user-agent":
            if current is None or not in_agents:
                current = _Group()
                groups.append(current)
            current.agents.append(_agent_token(value))
            in_agents = True
            continue
        in_agents = False
        if current is None:
            continue  # rules before any User-agent line belong to no group
        if key in ("allow", "disallow") and value and len(current.rules) < _MAX_RULES:
            current.rules.append(_rule(key == "allow", value))
        elif key == "crawl-delay":
            try:
                delay = float(value)
            except ValueError:
                continue
            if math.isfinite(delay) and delay >= 0:
                current.crawl_delay = delay
    return groups


def parse_robots(text: str, agent: str = PRODUCT_TOKEN) -> RobotsRules:
    """Parse a robots.txt body and return the rules for the product token ``agent``.

    Never raises: lines that are not ``key: value`` are ignored, so an HTML error page served as
    robots.txt simply has no rules.

    Args:
        text: The robots.txt body (a leading BOM is ignored).
        agent: Our product token, matched case-insensitively.
    """
    groups = _groups(text.lstrip("\ufeff"))
    token = agent.lower()
    chosen = [g for g in groups if token in g.agents]
    if not chosen:
        chosen = [g for g in groups if "*" in g.agents]
    rules = tuple(rule for g in chosen for rule in g.rules)
    delays = [g.crawl_delay for g in chosen if g.crawl_delay is not None]
    return RobotsRules(rules, max(delays) if delays else None)


RobotsFetch = Callable[[str], Awaitable[bytes]]
"""Fetches a robots.txt URL and returns its body; raises FetchError subclasses."""


@dataclass(slots=True)
class _Entry:
    rules: RobotsRules
    expires: float
    reason: str = ""


@dataclass(slots=True)
class RobotsMemory:
    """What robots.txt said, per origin, and the lock that makes one fetch of each.

    The guards of one run share one (see :class:`~newsreader.core.http.politeness.Politeness`),
    so a host's robots.txt is read once whichever fetcher asks first.
    """

    entries: dict[str, _Entry] = field(default_factory=dict)
    locks: dict[str, asyncio.Lock] = field(default_factory=dict)


def _origin(url: str) -> tuple[str, str]:
    parts = urlsplit(url)
    origin = f"{parts.scheme.lower()}://{parts.netloc.lower()}"
    return origin, origin + "/robots.txt"


class RobotsGuard:
    """Fetches, remembers and applies the robots.txt of each origin a fetcher talks to.

    Args:
        fetch: Fetches a robots.txt URL (through the fetcher's own client, with its caps).
        agent: Our product token.
        clock: Monotonic clock, for re-fetching after failures and after a day.
        on_crawl_delay: Called with ``(host, seconds)`` when a site asks for a ``Crawl-delay``
            (already capped at :data:`MAX_CRAWL_DELAY`).
        memory: Where the rules are kept, shared with other guards (default: this guard's own).
    """

    def __init__(
        self,
        fetch: RobotsFetch,
        *,
        agent: str = PRODUCT_TOKEN,
        clock: Callable[[], float] = time.monotonic,
        on_crawl_delay: Callable[[str, float], None] | None = None,
        memory: RobotsMemory | None = None,
    ) -> None:
        self._fetch = fetch
        self._agent = agent
        self._clock = clock
        self._on_crawl_delay = on_crawl_delay
        memory = memory if memory is not None else RobotsMemory()
        self._entries = memory.entries
        self._locks = memory.locks

    async def check(self, url: str) -> None:
        """Raise :class:`RobotsDisallowed` unless robots.txt lets us fetch ``url``.

        Raises:
            RobotsDisallowed: A rule forbids ``url``, or robots.txt is unreachable for now.
            NetworkError: The host cannot be reached at all (nothing would be fetched anyway).
            FetchTimeout: The host did not answer for robots.txt in time.
        """
        origin, robots_url = _origin(url)
        entry = await self._entry(origin, robots_url)
        if entry.rules.allowed(url):
            return
        shown = clean_line(url)[:200]
        if entry.rules.disallow_all:
            raise RobotsDisallowed(
                f"{robots_url} is unreachable ({entry.reason}), so nothing on the site is "
                f"fetched for now; not fetching {shown}",
                url=url,
                reason="robots_unreachable",
                facts={"url": shown, "host": urlsplit(robots_url).hostname or ""},
            )
        raise RobotsDisallowed(
            f"{robots_url} asks robots not to fetch {shown}",
            url=url,
            reason="robots",
            facts={"url": shown},
        )

    async def _entry(self, origin: str, robots_url: str) -> _Entry:
        entry = self._entries.get(origin)
        if entry is not None and entry.expires > self._clock():
            return entry
        lock = self._locks.setdefault(origin, asyncio.Lock())
        async with lock:  # one fetch per origin, however many requests wait for it
            entry = self._entries.get(origin)
            if entry is not None and entry.expires > self._clock():
                return entry
            entry = await self._load(robots_url)
            self._entries[origin] = entry
        delay = entry.rules.crawl_delay
        if delay and self._on_crawl_delay is not None:
            host = urlsplit(robots_url).hostname or ""
            self._on_crawl_delay(host, min(delay, MAX_CRAWL_DELAY))
        return entry

    async def _load(self, robots_url: str) -> _Entry:
        now = self._clock()
        try:
            body = await self._fetch(robots_url)
        except HTTPStatusError as err:
            if 400 <= err.status < 500 and err.status != 429:
                return _Entry(RobotsRules(), now + RULES_TTL)  # "unavailable": no rules
            # 5xx and 429 (as major crawlers treat it): "unreachable".
            return self._unreachable(now, f"HTTP {err.status}")
        except (BodyTooLarge, RedirectError) as err:
            # No robots.txt we can read: treated as unavailable, i.e. no rules.
            _log.info("ignoring %s: %s", robots_url, err)
            return _Entry(RobotsRules(), now + RULES_TTL)
        except (NetworkError, FetchTimeout) as err:
            # The host is down: nothing is fetched (as the RFC asks) and the page fetch would
            # fail the same way, so say so in the usual words; not remembered, so a host that
            # comes back is used again at once.
            # That it happened while asking for robots.txt is a detail for the log: the short
            # line the reader sees keeps the error's reason and facts only.
            raise type(err)(
                f"{err.message} (fetching robots.txt)",
                url=err.url,
                reason=err.reason,
                facts=err.facts,
            ) from err
        except FetchError as err:
            if err.reason == "closed":
                # This fetcher was closed (a straggler of a removed source): nothing was asked
                # of the host, and the run's other fetchers share what is remembered here.
                raise
            return self._unreachable(now, clean_line(err.message)[:120])
        text = body[:MAX_ROBOTS_BYTES].decode("utf-8", "replace")
        return _Entry(parse_robots(text, self._agent), now + RULES_TTL)

    def _unreachable(self, now: float, reason: str) -> _Entry:
        return _Entry(RobotsRules(disallow_all=True), now + UNREACHABLE_RETRY, reason)
