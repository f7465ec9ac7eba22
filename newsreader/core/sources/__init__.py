"""News sources: the one place that knows how a kind of site is read.

:class:`Source` is what the core asks of a source; :mod:`newsreader.core.sources.vsb` is the
Boda VSB CMS kind, and the only module that calls the VSB parsers (:mod:`newsreader.core.parse`);
:mod:`newsreader.core.sources.feed` is the feed kind (RSS, Atom, JSON Feed). Nothing outside
this package imports them (an import contract says so for VSB): the rest of the program asks a
:class:`Source` instance, or the functions here. :mod:`newsreader.core.sources.feed_sniff`
tells a feed by its content (:func:`looks_like_feed`, :func:`advertised_feeds`).

To add a kind of source, write a module here with a class that satisfies :class:`Source`, and
let :func:`source_for` pick it (see docs/ARCHITECTURE.md).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsreader.core.errors import UsageError
from newsreader.core.sources import feed, vsb
from newsreader.core.sources.base import Fetch, Source
from newsreader.core.sources.feed_sniff import advertised_feeds, looks_like_feed
from newsreader.core.urls import same_site

if TYPE_CHECKING:
    from newsreader.core.http.policy import PagePolicy

KINDS = (vsb.KIND, feed.KIND)
"""The kinds of source there are."""


def source_for(site_url: str, kind: str = vsb.KIND) -> Source:
    """Return the source that reads ``site_url`` as a source of ``kind``.

    Args:
        site_url: A VSB site's URL, or a feed's URL.
        kind: ``"vsb"`` (the default) or ``"feed"``.

    Raises:
        UsageError: ``site_url`` is not a fetchable http(s) URL, or ``kind`` is no kind.
    """
    if kind == vsb.KIND:
        return vsb.VsbSource(site_url)
    if kind == feed.KIND:
        return feed.FeedSource(site_url)
    raise UsageError(
        f"unknown kind of source {kind!r} (one of: {', '.join(KINDS)})",
        reason="unknown_kind",
        facts={"kind": repr(kind)},
    )


def page_policy(source: Source) -> PagePolicy | None:
    """Return what the fetcher of ``source`` takes besides its site's HTML pages, if anything.

    A feed's fetcher also fetches the feed's item pages, on any host, and feed documents; every
    other source keeps the strict rule (its own site's HTML pages only).
    """
    if isinstance(source, feed.FeedSource):
        return source.page_policy()
    return None


def reads_article(source: Source, url: str) -> bool:
    """True when ``source`` reads the article at ``url``, an item of one of its list pages.

    A VSB site reads the articles on its own site (host and port); a feed reads each of its
    items, wherever it is. That holds for a list read from the cache too (a sync whose feed
    answered 304, ``feed`` offline), before the feed itself has been read in this run.
    """
    if isinstance(source, feed.FeedSource):
        return True
    return same_site(url, source.home_url)


def cache_key(url: str, kind: str | None = None) -> str:
    """Return the key an article's cache rows are stored under: ``{kind}:{identity}``.

    The kind of the source names the key space, and the source's
    :meth:`~Source.article_key` the article in it, equal for every URL form of one article:

    * ``vsb`` (the default): ``vsb:chinaafse.cn:1023:2831`` for a VSB article URL (either
      form), ``vsb:`` + the URL without its fragment for any other URL. The cache's v6
      migration prefixed the keys of older caches the same way.
    * ``feed``: ``feed:`` + the item's URL (without its fragment, unless the item lives only in
      the feed: ``feed:https://h/feed.xml#entry=ID``). No feed key is a VSB key, even for a feed
      item that links a VSB article: each source's rows and marks are its own.

    Args:
        url: Any URL form of the article.
        kind: The kind of the source that holds it. ``None`` reads it from the URL: an entry
            that lives only in a feed (``#entry=``) is a feed's, any other URL a VSB site's (as
            every key was before feeds, so old rows and marks keep their keys).
    """
    if kind is None:
        kind = feed.KIND if feed.is_entry_url(url) else vsb.KIND
    if kind == feed.KIND:
        return f"{feed.KIND}:{feed.item_key(url)}"
    return f"{vsb.KIND}:{vsb.article_key(url)}"


def key_prefix(source: Source) -> str | None:
    """Return how the cache keys of the articles of ``source`` begin, if they share a beginning.

    A VSB site's articles are ``vsb:{site}:{tree}:{id}``: ``vsb:{site}:`` followed by exactly
    one more colon. A feed's items are on any host, so their keys (``feed:`` + the item's URL)
    say nothing of the feed: ``None``, and which items are the feed's is what its list says.
    """
    if isinstance(source, feed.FeedSource):
        return None
    prefix = vsb.site_prefix(source.home_url)
    return None if prefix is None else f"{vsb.KIND}:{prefix}"


def article_numbers(url: str) -> tuple[int, int] | None:
    """Return the two numbers the cache indexes an article by, or ``None`` when it has none.

    For a VSB article, its tree and article ids.
    """
    return vsb.article_id(url)


__all__ = [
    "KINDS",
    "Fetch",
    "Source",
    "advertised_feeds",
    "article_numbers",
    "cache_key",
    "key_prefix",
    "looks_like_feed",
    "page_policy",
    "reads_article",
    "source_for",
]
