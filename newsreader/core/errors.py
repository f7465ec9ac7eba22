"""The one typed error hierarchy of newsreader.

Every failure that can reach a user is a :class:`NewsreaderError`. What a reader sees is a
short line in the app's language, written by :meth:`newsreader.core.i18n.Translator.error`
from three things every error carries:

- its ``kind``, a key of the translation table (``error.<kind>``: 网络不可用 / Network
  unreachable), one per class;
- its ``reason``, the key of the cause within the kind (``reason.<reason>``: 无法连接
  {host}：{cause}), when the raise site knows it;
- its ``facts``: the host, status code, path, URL… that the reason's text names.

The instance ``message`` is the full English detail (``title: message`` is :meth:`one_line`):
for logs, ``--verbose`` and tests, never the only thing a reader is shown.
"""

from __future__ import annotations

import errno
from collections.abc import Mapping
from typing import ClassVar

Fact = str | int | float
"""A fact of an error: a host, a path, a status code, a count. Never an English sentence, but
for the few facts only the English text names (a status's standard phrase)."""


class NewsreaderError(Exception):
    """Base class of every error newsreader reports to a user.

    Args:
        message: What happened and why, in one English line (logs and ``--verbose``).
        url: The URL concerned, when there is one (also a fact, ``url``).
        reason: The cause's key within the kind (``reason.<reason>`` in the table).
        facts: What the reason's text names: ``host``, ``status``, ``path``…; a ``cause``
            fact is itself a key (``cause.<cause>``), translated too.

    Attributes:
        title: A short English name of the kind of failure (for :meth:`one_line`).
        kind: The kind's key in the translation table (``error.<kind>``).
        url: The URL concerned, when there is one.
        reason: The cause's key, or None when only the kind and the URL can be said.
        facts: The facts the reason's text names.
    """

    title = "Error"
    kind: ClassVar[str] = "error"

    def __init__(
        self,
        message: str,
        *,
        url: str | None = None,
        reason: str | None = None,
        facts: Mapping[str, Fact] | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.url = url
        self.reason = reason
        self.facts: dict[str, Fact] = dict(facts or {})
        if url is not None:
            self.facts.setdefault("url", url)

    def __str__(self) -> str:
        return self.message

    def one_line(self) -> str:
        """Return ``title: message`` on one line, in English: for logs and ``--verbose``."""
        text = f"{self.title}: {self.message}"
        return " ".join(text.split())


class UsageError(NewsreaderError):
    """The user asked for something that cannot be done as asked (exit status 2)."""

    title = "Usage error"
    kind: ClassVar[str] = "usage"


class ConfigError(NewsreaderError):
    """The configuration file or a setting is invalid."""

    title = "Configuration error"
    kind: ClassVar[str] = "config"


# --- network -------------------------------------------------------------------------------


class FetchError(NewsreaderError):
    """A page could not be fetched."""

    title = "Fetch failed"
    kind: ClassVar[str] = "fetch"


class NetworkError(FetchError):
    """The host could not be reached: DNS failure, refused or reset connection, proxy trouble."""

    title = "Network unreachable"
    kind: ClassVar[str] = "network"


class FetchTimeout(FetchError):
    """The server was too slow: a connect/read timeout or the overall deadline passed."""

    title = "Timed out"
    kind: ClassVar[str] = "timeout"


class HTTPStatusError(FetchError):
    """The server answered with an error status (4xx or 5xx)."""

    title = "HTTP error"
    kind: ClassVar[str] = "http"

    def __init__(
        self,
        message: str,
        *,
        status: int,
        url: str | None = None,
        reason: str | None = "status",
        facts: Mapping[str, Fact] | None = None,
    ) -> None:
        known: dict[str, Fact] = {"status": status, "text": _status_phrase(status)}
        super().__init__(message, url=url, reason=reason, facts={**known, **(facts or {})})
        self.status = status


def _status_phrase(status: int) -> str:
    """The standard phrase of an HTTP status (``Not Found``), empty for a status it has not."""
    import http

    try:
        return http.HTTPStatus(status).phrase
    except ValueError:
        return ""


class RedirectError(FetchError):
    """Too many redirects, a redirect loop, or a redirect off the site or to another scheme."""

    title = "Bad redirect"
    kind: ClassVar[str] = "redirect"


class BodyTooLarge(FetchError):
    """The (decoded) body passed the size cap: an oversize page or a compression bomb."""

    title = "Page too large"
    kind: ClassVar[str] = "too_large"


class ContentError(FetchError):
    """The body is not usable: not HTML, truncated, or in an unknown content encoding."""

    title = "Bad content"
    kind: ClassVar[str] = "content"


class RobotsDisallowed(FetchError):
    """The site's robots.txt forbids fetching the URL (or is unreachable, which forbids all)."""

    title = "Blocked by robots.txt"
    kind: ClassVar[str] = "robots"


class OffSiteError(FetchError):
    """A page off the site was to be fetched where only the site's own pages are expected."""

    title = "Off-site link"
    kind: ClassVar[str] = "off_site"


class OfflineError(FetchError):
    """The network was needed while running offline."""

    title = "Offline"
    kind: ClassVar[str] = "offline"


# --- parsing -------------------------------------------------------------------------------


class ParseError(NewsreaderError):
    """A page has none of what was expected of it (no nav, no list, no article)."""

    title = "Unrecognised page"
    kind: ClassVar[str] = "parse"


class OpmlError(NewsreaderError):
    """An OPML file cannot be imported: unreadable, too large, not OPML, or not well-formed XML.

    Its own kind, not a :class:`ParseError`: the reader chose a file, and is told about that
    file (its name, and the line where the XML breaks), not about a page.
    """

    title = "Cannot import the OPML file"
    kind: ClassVar[str] = "opml"


# --- cache ---------------------------------------------------------------------------------


class CacheError(NewsreaderError):
    """The local cache cannot be used."""

    title = "Cache error"
    kind: ClassVar[str] = "cache"


class CacheCorrupt(CacheError):
    """The cache database is damaged; it was (or must be) moved aside and rebuilt."""

    title = "Cache damaged"
    kind: ClassVar[str] = "cache_corrupt"


class CacheReadOnly(CacheError):
    """The cache cannot be written: a read-only file, directory or medium, or opened read-only.

    What it holds can still be read (see :meth:`Cache.open` with ``readonly``).
    """

    title = "Cache read-only"
    kind: ClassVar[str] = "cache_readonly"


class CacheLocked(CacheError):
    """Another process held the cache for longer than we are willing to wait."""

    title = "Cache busy"
    kind: ClassVar[str] = "cache_locked"


class SaveError(NewsreaderError):
    """A file could not be written (permissions, full disk, no free name)."""

    title = "Cannot save"
    kind: ClassVar[str] = "save"


class NotCached(NewsreaderError):
    """What was asked for is not in the cache and the network cannot supply it."""

    title = "Not cached"
    kind: ClassVar[str] = "not_cached"


class ViewerError(NewsreaderError):
    """A saved file could not be opened: no system viewer could be started, or it failed."""

    title = "Cannot open the file"
    kind: ClassVar[str] = "viewer"


_OS_CAUSES: dict[int, str] = {
    errno.ENOSPC: "disk_full",
    errno.EACCES: "permission",
    errno.EPERM: "permission",
    errno.EROFS: "read_only_fs",
    errno.ENOENT: "missing",
    errno.ENOTDIR: "not_a_directory",
    errno.EISDIR: "is_a_directory",
    errno.ENAMETOOLONG: "name_too_long",
}


def os_cause(err: OSError) -> str:
    """Return the key (``cause.*`` in the translation table) of an operating-system error."""
    return _OS_CAUSES.get(err.errno or 0, "os_error")


class Note(str):
    """A one-line note for the user (a rebuilt cache, a page not saved), ready to translate.

    It is its English text, so whatever keeps or prints notes as strings goes on working; a
    front end says it in its language with :meth:`newsreader.core.i18n.Translator.note`.

    Args:
        text: The English text (logs, and the string value).
        key: Its key in the translation table (``note.*``).
        facts: What the text names (a count, a file name).
        error: The error it is about, said in the language as the ``{error}`` field.
    """

    key: str
    facts: dict[str, Fact]
    error: NewsreaderError | None

    def __new__(
        cls,
        text: str,
        *,
        key: str,
        facts: Mapping[str, Fact] | None = None,
        error: NewsreaderError | None = None,
    ) -> Note:
        note = super().__new__(cls, text)
        note.key = key
        note.facts = dict(facts or {})
        note.error = error
        return note
