"""The user's list of sources: which sites and feeds the reader follows, in sidebar order.

The list lives in ``sources.toml`` beside the configuration file (see :func:`sources_path`)::

    [[source]]
    name = "高校毕业生就业协会"
    url = "https://www.chinaafse.cn/"
    kind = "vsb"

Until the file exists (first start), the list is the configured site alone, so the reader looks
as it always did; the file is written on the first change, and from then on it is the whole
truth: removing every source leaves an empty list and nothing is added back unasked.

A source's identity is its normalised URL (:func:`source_identity`): one site or feed is never
listed twice, whatever the spelling of its URL. Names are unique too, compared case- and
width-insensitively (``Ｎｅｗｓ`` is ``news``).
"""

from __future__ import annotations

import dataclasses
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit, urlunsplit

from newsreader.core.config import DEFAULT_SITE
from newsreader.core.errors import UsageError
from newsreader.core.sources import registry_file
from newsreader.core.urls import check_url, host_of, normalize_site_url, site_key

Kind = Literal["vsb", "feed"]
KINDS: tuple[Kind, ...] = ("vsb", "feed")
SOURCES_NAME = "sources.toml"
DEFAULT_SITE_NAME = "高校毕业生就业协会"
"""The name of :data:`~newsreader.core.config.DEFAULT_SITE` on first start."""
MAX_SOURCES = 1000
"""Sources a list holds at most (also the cap of an OPML import)."""
MAX_NAME_CHARS = 100
KEYS = ("name", "url", "kind")

MSG_FULL = "the list already holds {max:,} sources, the most it can"


@dataclass(frozen=True, slots=True)
class SourceEntry:
    """One source the user follows.

    Attributes:
        name: What the user calls it (unique in the list); one line of printable text.
        url: A VSB site's base URL (normalised, ending in ``/``), or a feed's URL.
        kind: ``"vsb"`` or ``"feed"``.
    """

    name: str
    url: str
    kind: Kind

    @property
    def identity(self) -> str:
        """What makes two entries the same source (see :func:`source_identity`)."""
        return source_identity(self.url)

    def to_dict(self) -> dict[str, str]:
        """Return ``{"name", "url", "kind"}``, the JSON shape of ``sources --json``."""
        return {"name": self.name, "url": self.url, "kind": self.kind}


def source_identity(url: str) -> str:
    """Return what names the source at ``url``: host (without ``www.``), port, path and query.

    The scheme is left out, as :func:`~newsreader.core.urls.same_site` does (VSB sites serve
    both), and so is a fragment; the host is compared in lower case.
    """
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return url.strip()
    host = host_of(url)
    where = f"[{host}]" if ":" in host else host
    if port is not None and port != {"http": 80, "https": 443}.get(parts.scheme.lower()):
        where = f"{where}:{port}"
    return urlunsplit(("", where, parts.path or "/", parts.query, "")).removeprefix("//")


def check_name(text: str) -> str:
    """Return ``text`` as a source name: one line, runs of white space made one space.

    Raises:
        UsageError: It is empty, too long, or holds control or invisible characters.
    """
    name = " ".join(text.split()) if isinstance(text, str) else ""
    if not name:
        raise _bad_name("some text, not empty", "name_empty")
    if len(name) > MAX_NAME_CHARS:
        raise _bad_name(f"at most {MAX_NAME_CHARS} characters", "name_too_long")
    if not name.isprintable() or any("\ud800" <= ch <= "\udfff" for ch in name):
        raise _bad_name("one line of printable text", "name_not_printable")
    return name


def _bad_name(what: str, cause: str) -> UsageError:
    return UsageError(
        f"a source's name must be {what}",
        reason="bad_name",
        facts={"cause": cause, "max": MAX_NAME_CHARS},
    )


def make_entry(name: str, url: str, kind: str) -> SourceEntry:
    """Return a checked entry: the name as :func:`check_name`, the URL normalised for its kind.

    Raises:
        UsageError: A bad name, an unknown kind, or a URL that is not a fetchable http(s) URL.
    """
    if kind not in KINDS:
        raise UsageError(
            f'unknown kind {kind!r} (a source is "vsb" or "feed")',
            reason="unknown_kind",
            facts={"kind": repr(kind)},
        )
    if kind == "vsb":
        url = normalize_site_url(url)
    else:
        url = check_url(url.strip(), "feed URL").partition("#")[0]
    if any("\ud800" <= ch <= "\udfff" for ch in url):
        raise UsageError(
            f"not a usable URL: {url!r}",
            reason="unusable_url",
            facts={"url": repr(url), "cause": "url_other"},
        )
    return SourceEntry(check_name(name), url, kind)


def name_key(name: str) -> str:
    """Return what two names are compared by: NFKC-normalised and case-folded."""
    return unicodedata.normalize("NFKC", name).casefold()


def unique_name(wanted: str, taken: set[str]) -> str:
    """Return ``wanted`` as a name (:func:`check_name`), numbered when its key is in ``taken``.

    Raises:
        UsageError: ``wanted`` is no name (see :func:`check_name`).
    """
    base = check_name(wanted.strip()[:MAX_NAME_CHARS])
    name = base
    number = 2
    while name_key(name) in taken:
        suffix = f" ({number})"
        name = base[: MAX_NAME_CHARS - len(suffix)] + suffix
        number += 1
    return name


def default_entry(site_url: str | None) -> SourceEntry:
    """Return the one source of a first start: the configured site (default: the association)."""
    url = normalize_site_url(site_url or DEFAULT_SITE)
    if site_key(url) == site_key(DEFAULT_SITE):
        return SourceEntry(DEFAULT_SITE_NAME, url, "vsb")
    path = urlsplit(url).path.strip("/")
    return SourceEntry(host_of(url) + (f"/{path}" if path else ""), url, "vsb")


def sources_path(config_path: Path | None = None) -> Path:
    """Return where the sources file is: beside the configuration file.

    Args:
        config_path: The ``--config FILE`` option; ``None`` means ``$NEWSREADER_CONFIG`` or
            the platform's config directory (:func:`~newsreader.core.settings.default_config_path`).
    """
    from newsreader.core.settings import default_config_path

    config = config_path.expanduser() if config_path is not None else default_config_path()
    return config.parent / SOURCES_NAME


@dataclass(frozen=True, slots=True)
class Registry:
    """The user's sources, in order, and the file they are kept in.

    Every change returns a new registry; :meth:`save` writes it.

    Attributes:
        path: The sources file.
        entries: The sources, in sidebar order.
        exists: False on first start: the file is missing and ``entries`` is the default.
    """

    path: Path
    entries: tuple[SourceEntry, ...]
    exists: bool = True

    # --- looking up ------------------------------------------------------------------------

    def find(self, name: str) -> SourceEntry | None:
        """Return the source called ``name`` (exactly, else compared as :func:`name_key`)."""
        for entry in self.entries:
            if entry.name == name:
                return entry
        key = name_key(name.strip())
        return next((e for e in self.entries if name_key(e.name) == key), None)

    def named(self, name: str) -> SourceEntry:
        """Return the source called ``name``.

        Raises:
            UsageError: No source has that name.
        """
        entry = self.find(name)
        if entry is None:
            raise UsageError(
                f"no source named {name!r}; see `newsreader sources`",
                reason="no_source",
                facts={"name": name},
            )
        return entry

    def same_source(self, url: str) -> SourceEntry | None:
        """Return the source whose identity is that of ``url``, or ``None``."""
        identity = source_identity(url)
        return next((e for e in self.entries if e.identity == identity), None)

    def for_url(self, url: str) -> SourceEntry | None:
        """Return the source a page at ``url`` belongs to, by its site, or ``None``.

        A VSB site on the URL's site wins, the one with the longest base path that the URL's
        path starts with (two sites may share a host under different paths); else a feed on
        the same site.
        """
        key = site_key(url)
        if key is None:
            return None
        path = urlsplit(url).path or "/"
        best: tuple[int, SourceEntry] | None = None
        for entry in self.entries:
            if site_key(entry.url) != key:
                continue
            base = urlsplit(entry.url).path or "/"
            score = 0
            if entry.kind == "vsb":
                score = 1 + (len(base) if path.startswith(base) else 0)
            if best is None or score > best[0]:
                best = (score, entry)
        return None if best is None else best[1]

    def unique_name(self, wanted: str) -> str:
        """Return ``wanted``, or ``wanted (2)``, ``(3)``… when a source has the name already."""
        return unique_name(wanted, {name_key(e.name) for e in self.entries})

    # --- changing (each returns a new registry) -------------------------------------------

    def added(self, entry: SourceEntry) -> Registry:
        """Return the list with ``entry`` at its end.

        Raises:
            UsageError: The name is taken, the source is listed already, or the list is full.
        """
        if self.same_source(entry.url) is not None:
            raise UsageError(
                f"{entry.url} is already a source",
                reason="already_source",
                facts={"url": entry.url},
            )
        if self.find(entry.name) is not None:
            raise _name_taken(entry.name)
        if len(self.entries) >= MAX_SOURCES:
            raise UsageError(
                MSG_FULL.format(max=MAX_SOURCES),
                reason="sources_full",
                facts={"max": f"{MAX_SOURCES:,}"},
            )
        return dataclasses.replace(self, entries=(*self.entries, entry))

    def removed(self, name: str) -> Registry:
        """Return the list without the source called ``name``.

        Raises:
            UsageError: No source has that name.
        """
        gone = self.named(name)
        return dataclasses.replace(self, entries=tuple(e for e in self.entries if e != gone))

    def renamed(self, name: str, new: str) -> Registry:
        """Return the list with the source called ``name`` renamed ``new``.

        Raises:
            UsageError: No source has that name, or ``new`` is a bad or taken name.
        """
        entry = self.named(name)
        new = check_name(new)
        other = self.find(new)
        if other is not None and other != entry:
            raise _name_taken(new)
        renamed = dataclasses.replace(entry, name=new)
        return dataclasses.replace(
            self, entries=tuple(renamed if e == entry else e for e in self.entries)
        )

    # --- the file ---------------------------------------------------------------------------

    def save(self) -> Registry:
        """Write the list to :attr:`path` atomically; return it as existing.

        Raises:
            SaveError: The file cannot be written.
        """
        registry_file.write_atomic(self.path, render_sources(self.entries))
        return dataclasses.replace(self, exists=True)


def _name_taken(name: str) -> UsageError:
    return UsageError(
        f"the name {name!r} is taken by another source", reason="name_taken", facts={"name": name}
    )


def render_sources(entries: Iterable[SourceEntry]) -> str:
    """Return the text of a sources file listing ``entries``."""
    return registry_file.render(entry.to_dict() for entry in entries)


def load_registry(path: Path, default_site: str | None = None) -> Registry:
    """Read the sources file at ``path``; without one, the first start's list.

    Args:
        path: The sources file (see :func:`sources_path`).
        default_site: The configured site (the config file's ``site_url``), the one source
            of a first start; ``None`` means the association's.

    Raises:
        ConfigError: The file cannot be read or has an error (named with its line and key).
    """
    from newsreader.core.sources.registry_parse import parse_sources

    text = registry_file.read_text(path)
    if text is None:
        return Registry(path, (default_entry(default_site),), exists=False)
    return Registry(path, parse_sources(text, path))
