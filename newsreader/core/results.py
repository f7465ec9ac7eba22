"""Frozen models of outcomes: fetched pages, service results, search hits, sync summaries.

The content models (sections, lists, articles) live in :mod:`newsreader.core.models`.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Generic, TypeVar

if TYPE_CHECKING:
    from newsreader.core.errors import NewsreaderError


@dataclass(frozen=True, slots=True)
class SearchHit:
    """A cached article matching a search query."""

    title: str
    url: str
    date: str | None
    snippet: str

    def to_dict(self) -> dict[str, Any]:
        """Return the CLI/JSON shape ``{"title", "url", "date", "snippet"}``."""
        return {"title": self.title, "url": self.url, "date": self.date, "snippet": self.snippet}


class Freshness(enum.Enum):
    """Where a service result came from."""

    FRESH = "fresh"
    """Fetched from the network just now (or confirmed unchanged by a 304)."""
    CACHED = "cached"
    """Served from the cache without asking the network (offline, or cache-first)."""
    STALE = "stale"
    """Served from the cache because the network failed; ``Result.error`` says why."""


T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Result(Generic[T]):
    """A service answer together with where it came from.

    Attributes:
        value: The answer.
        freshness: Fresh from the network, from the cache, or stale after a network failure.
        fetched_at: Unix time the underlying page was fetched.
        error: For a stale result, the failure that made us fall back to the cache.
    """

    value: T
    freshness: Freshness
    fetched_at: float
    error: Exception | None = None


@dataclass(frozen=True, slots=True)
class SyncFailure:
    """One URL that a sync could not fetch or parse, and why.

    Attributes:
        url: The URL.
        reason: Why, in one English line (``NewsreaderError.one_line``).
        error: The error itself, when there is one: a front end says it in its language.
    """

    url: str
    reason: str
    error: NewsreaderError | None = None


@dataclass(frozen=True, slots=True)
class SyncSummary:
    """What a sync did: counts of new, updated and unchanged articles, and the failures.

    Attributes:
        new: Articles stored for the first time.
        updated: Stored articles whose title, body or metadata changed.
        unchanged: Stored articles found unchanged, or already stored in this sync window and
            so not asked for again.
        failures: The first failures, list pages first (at most a hundred or so are kept: a
            hostile list of many broken links must not fill the memory).
        failures_omitted: Failures counted but not kept in ``failures``.
        resumed: Sections whose interrupted sync this one continued.
        skipped: Malformed links its list pages held (see
            :attr:`newsreader.core.models.ListPage.skipped`): left out, never fetched.
    """

    new: int = 0
    updated: int = 0
    unchanged: int = 0
    failures: tuple[SyncFailure, ...] = field(default=())
    skipped: int = 0
    failures_omitted: int = 0
    resumed: int = 0

    @property
    def fetched(self) -> int:
        """Articles stored by this sync (new plus updated)."""
        return self.new + self.updated

    @property
    def failed(self) -> int:
        """Number of failures, kept or not."""
        return len(self.failures) + self.failures_omitted


@dataclass(frozen=True, slots=True)
class FetchedPage:
    """A page as the fetcher returns it and the cache stores it.

    Attributes:
        url: The final URL, after redirects.
        status: 200, or 304 when a conditional GET found the cached copy still current.
        text: The decoded text (empty for a 304).
        content_type: The media type without parameters, e.g. ``text/html``.
        encoding: The codec the text was decoded with (``utf-8``, ``gb18030`` ...).
        etag: The ``ETag`` validator, if the server sent one.
        last_modified: The ``Last-Modified`` validator, if the server sent one.
        fetched_at: Unix time of the fetch.
    """

    url: str
    status: int
    text: str
    content_type: str = "text/html"
    encoding: str = "utf-8"
    etag: str | None = None
    last_modified: str | None = None
    fetched_at: float = 0.0

    @property
    def not_modified(self) -> bool:
        """True for a 304 answer to a conditional GET."""
        return self.status == 304
