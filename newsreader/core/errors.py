"""The one typed error hierarchy of newsreader.

Every failure that can reach a user is a :class:`NewsreaderError`. Each class carries a short
user-facing ``title`` (shown as a notification title in the TUI) and the instance message says
what happened and why, in one line, so the CLI can print ``title: message`` and exit 1.
"""

from __future__ import annotations


class NewsreaderError(Exception):
    """Base class of every error newsreader reports to a user.

    Attributes:
        title: A short, user-facing name of the kind of failure.
        url: The URL concerned, when there is one.
    """

    title = "Error"

    def __init__(self, message: str, *, url: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.url = url

    def __str__(self) -> str:
        return self.message

    def one_line(self) -> str:
        """Return ``title: message`` on one line, for the CLI and logs."""
        text = f"{self.title}: {self.message}"
        return " ".join(text.split())


class UsageError(NewsreaderError):
    """The user asked for something that cannot be done as asked (exit status 2)."""

    title = "Usage error"


class ConfigError(NewsreaderError):
    """The configuration file or a setting is invalid."""

    title = "Configuration error"


# --- network -------------------------------------------------------------------------------


class FetchError(NewsreaderError):
    """A page could not be fetched."""

    title = "Fetch failed"


class NetworkError(FetchError):
    """The host could not be reached: DNS failure, refused or reset connection, proxy trouble."""

    title = "Network unreachable"


class FetchTimeout(FetchError):
    """The server was too slow: a connect/read timeout or the overall deadline passed."""

    title = "Timed out"


class HTTPStatusError(FetchError):
    """The server answered with an error status (4xx or 5xx)."""

    title = "HTTP error"

    def __init__(self, message: str, *, status: int, url: str | None = None) -> None:
        super().__init__(message, url=url)
        self.status = status


class RedirectError(FetchError):
    """Too many redirects, a redirect loop, or a redirect off the site or to another scheme."""

    title = "Bad redirect"


class BodyTooLarge(FetchError):
    """The (decoded) body passed the size cap: an oversize page or a compression bomb."""

    title = "Page too large"


class ContentError(FetchError):
    """The body is not usable: not HTML, truncated, or in an unknown content encoding."""

    title = "Bad content"


class RobotsDisallowed(FetchError):
    """The site's robots.txt forbids fetching the URL (or is unreachable, which forbids all)."""

    title = "Blocked by robots.txt"


class OffSiteError(FetchError):
    """A page off the site was to be fetched where only the site's own pages are expected."""

    title = "Off-site link"


class OfflineError(FetchError):
    """The network was needed while running offline."""

    title = "Offline"


# --- parsing -------------------------------------------------------------------------------


class ParseError(NewsreaderError):
    """A page has none of what was expected of it (no nav, no list, no article)."""

    title = "Unrecognised page"


# --- cache ---------------------------------------------------------------------------------


class CacheError(NewsreaderError):
    """The local cache cannot be used."""

    title = "Cache error"


class CacheCorrupt(CacheError):
    """The cache database is damaged; it was (or must be) moved aside and rebuilt."""

    title = "Cache damaged"


class CacheReadOnly(CacheError):
    """The cache cannot be written: a read-only file, directory or medium, or opened read-only.

    What it holds can still be read (see :meth:`Cache.open` with ``readonly``).
    """

    title = "Cache read-only"


class CacheLocked(CacheError):
    """Another process held the cache for longer than we are willing to wait."""

    title = "Cache busy"


class SaveError(NewsreaderError):
    """A file could not be written (permissions, full disk, no free name)."""

    title = "Cannot save"


class NotCached(NewsreaderError):
    """What was asked for is not in the cache and the network cannot supply it."""

    title = "Not cached"
