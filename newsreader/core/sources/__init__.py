"""News sources: the one place that knows how a kind of site is read.

:class:`Source` is what the core asks of a source; :mod:`newsreader.core.sources.vsb` is the
Boda VSB CMS kind, and the only module that calls the VSB parsers (:mod:`newsreader.core.parse`).
Nothing outside this package imports it (an import contract says so): the rest of the program
asks a :class:`Source` instance, or the functions here.

To add a kind of source, write a module here with a class that satisfies :class:`Source`, and
let :func:`source_for` pick it (see docs/ARCHITECTURE.md).
"""

from __future__ import annotations

from newsreader.core.errors import UsageError
from newsreader.core.sources import vsb
from newsreader.core.sources.base import Fetch, Source


def source_for(site_url: str) -> Source:
    """Return the source that reads the site at ``site_url`` (a VSB site: the only kind yet).

    Raises:
        UsageError: ``site_url`` is not a fetchable http(s) URL.
    """
    return vsb.VsbSource(site_url)


def source_of_kind(kind: str, url: str) -> Source:
    """Return the source of ``kind`` (a registered source's kind) at ``url``.

    Raises:
        UsageError: ``url`` is not a fetchable http(s) URL, or this version cannot read
            ``kind`` (feeds: their source is not part of it yet).
    """
    if kind == vsb.KIND:
        return vsb.VsbSource(url)
    raise UsageError(f"{url}: this version cannot read a source of kind {kind!r}")


def cache_key(url: str) -> str:
    """Return the key an article's cache rows are stored under: ``{kind}:{identity}``.

    The kind of the source names the key space, and the source's
    :meth:`~Source.article_key` the article in it, equal for every URL form of one article
    (``vsb:chinaafse.cn:1023:2831``). VSB is the only kind yet, so every URL is keyed by its
    rule; the cache's v6 migration prefixed the keys of older caches the same way.
    """
    return f"{vsb.KIND}:{vsb.article_key(url)}"


def article_numbers(url: str) -> tuple[int, int] | None:
    """Return the two numbers the cache indexes an article by, or ``None`` when it has none.

    For a VSB article, its tree and article ids.
    """
    return vsb.article_id(url)


__all__ = [
    "Fetch",
    "Source",
    "article_numbers",
    "cache_key",
    "source_for",
    "source_of_kind",
]
