"""A section's cached articles as an Atom 1.0 document (RFC 4287), for ``newsreader feed``.

The document is built with :mod:`xml.etree.ElementTree`, which escapes every text and attribute;
the article's HTML (:func:`~newsreader.core.render.html.content_html`) goes in as the text of a
``type="html"`` content element, so it is escaped once and never spliced in as markup.
Characters XML 1.0 cannot carry (C0 controls, lone surrogates, U+FFFE/U+FFFF) are dropped, and
C1 controls with them (XML 1.0 discourages them), so the output always parses.

Identities never change: an entry's id is a name-based UUID of the article's cache identity
(``vsb:host:tree:id``, the same for both URL forms, for http and https and across syncs), and
the feed's id is the section's list-page URL. Dates are the article's own, in China time.
"""

from __future__ import annotations

import re
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from newsreader import __version__
from newsreader.core import lists
from newsreader.core.errors import NotCached
from newsreader.core.models import Article, ListItem
from newsreader.core.render.html import content_html
from newsreader.core.render.labels import Labels, labels_for
from newsreader.core.sources import reads_article
from newsreader.core.urls import is_http_url

if TYPE_CHECKING:
    from newsreader.core.service import NewsService

ATOM_NS = "http://www.w3.org/2005/Atom"
CHINA = timezone(timedelta(hours=8))
"""The zone of the sites' dates: China has one, without daylight saving."""
SUMMARY_CHARS = 200
"""Characters of an entry's plain-text summary, before the ellipsis."""
ENTRY_NAMESPACE = uuid.UUID("c21ee114-d734-49df-bd58-6f9487003e20")
"""The namespace of entry ids: changing it would change every id every reader has seen."""
GENERATOR = "newsreader"

# Everything XML 1.0 allows except C1 (0x7F-0x9F): the complement is dropped.
_NOT_XML = re.compile("[^\t\n\r\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_TIME = re.compile(r"(?<!\d)(\d{1,2})[:：](\d{2})(?:[:：](\d{2}))?(?!\d)")
_DAY = re.compile(r"((?:19|20)\d{2})-(\d{2})-(\d{2})")


def xml_text(text: str) -> str:
    """Return ``text`` without the characters an XML 1.0 document cannot hold."""
    return _NOT_XML.sub("", text)


def entry_id(identity: str) -> str:
    """Return the entry id (a ``urn:uuid:`` IRI) of an article's cache identity."""
    return f"urn:uuid:{uuid.uuid5(ENTRY_NAMESPACE, identity)}"


def article_time(day: str | None, stamp: str | None = None) -> datetime | None:
    """Return when an article was published, in China time, or ``None`` without a valid day.

    Args:
        day: Its date, ``YYYY-MM-DD``.
        stamp: Its publication stamp as written (``2024年9月9日 17:29``): only its time of day
            is read; without one the time is midnight.
    """
    parsed = _day(day) if day else None
    if parsed is None:
        return None
    clock = time()
    found = _TIME.search(stamp) if stamp else None
    if found:
        hour, minute, second = (int(g) if g else 0 for g in found.groups())
        if hour < 24 and minute < 60 and second < 60:
            clock = time(hour, minute, second)
    return datetime.combine(parsed, clock, CHINA)


def _day(text: str) -> date | None:
    match = _DAY.fullmatch(text.strip())
    if match is None:
        return None
    try:
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:  # 2024-02-30: a date no calendar has
        return None


def rfc3339(when: datetime) -> str:
    """Return ``when`` as an RFC 3339 date-time in China time (``2024-09-09T17:29:00+08:00``)."""
    return when.astimezone(CHINA).isoformat(timespec="seconds")


def summary(article: Article) -> str:
    """Return the start of the article's text on one line, cut at :data:`SUMMARY_CHARS`."""
    text = " ".join(article.body.split())
    return text if len(text) <= SUMMARY_CHARS else text[:SUMMARY_CHARS].rstrip() + "…"


@dataclass(frozen=True, slots=True)
class FeedEntry:
    """One article of the feed.

    Attributes:
        id: The entry's id (see :func:`entry_id`).
        article: The cached article.
        updated: When it was published (:func:`article_time`).
    """

    id: str
    article: Article
    updated: datetime


@dataclass(frozen=True, slots=True)
class FeedHead:
    """What the feed says of itself.

    Attributes:
        id: The feed's id: an absolute IRI, the same on every run (the section's URL).
        title: ``site › section``.
        link: The section's list page (the feed's ``alternate``).
        author: The site's name: the author of entries that name no source.
        empty_updated: The feed's ``updated`` when it has no entry (else its newest entry's).
    """

    id: str
    title: str
    link: str
    author: str
    empty_updated: datetime


def _add(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, tag, {k: xml_text(v) for k, v in attrs.items()})
    if text is not None:
        element.text = xml_text(text)
    return element


def _author(parent: ET.Element, name: str) -> None:
    _add(_add(parent, "author"), "name", name)


def atom_document(
    head: FeedHead, entries: Sequence[FeedEntry], labels: Labels | None = None
) -> bytes:
    """Return the Atom 1.0 document of ``entries``, newest first, as UTF-8 bytes.

    Entries of one date keep the order given (the site's order).

    Args:
        head: The feed's id, title, link and author.
        entries: The articles.
        labels: The words around the content (the attachments' heading), in the run's language.
    """
    words = labels or labels_for("zh")
    ordered = sorted(entries, key=lambda e: e.updated, reverse=True)
    # Unqualified names under a default xmlns: ElementTree's own namespace handling would
    # refuse the unqualified attributes Atom uses (rel, href, type).
    feed = ET.Element("feed", {"xmlns": ATOM_NS})
    _add(feed, "id", head.id)
    _add(feed, "title", head.title)
    _add(feed, "updated", rfc3339(ordered[0].updated if ordered else head.empty_updated))
    _add(feed, "link", rel="alternate", type="text/html", href=head.link)
    _author(feed, head.author)
    _add(feed, "generator", GENERATOR, version=__version__)
    for item in ordered:
        article = item.article
        entry = _add(feed, "entry")
        _add(entry, "id", item.id)
        _add(entry, "title", article.title)
        stamp = rfc3339(item.updated)
        _add(entry, "updated", stamp)
        _add(entry, "published", stamp)
        _add(entry, "link", rel="alternate", type="text/html", href=article.url)
        _author(entry, article.source or head.author)
        text = summary(article)
        if text:
            _add(entry, "summary", text)
        _add(entry, "content", content_html(article, words), type="html")
    ET.indent(feed)
    document: bytes = ET.tostring(feed, encoding="utf-8", xml_declaration=True)
    return document


# --- a section of the cache -----------------------------------------------------------------

MAX_FEED_PAGES = 1000
"""Cached list pages of a section followed at most (a bound for a damaged cache's loops)."""


@dataclass(frozen=True, slots=True)
class SectionFeed:
    """A section's feed and what it left out.

    Attributes:
        document: The Atom document, UTF-8.
        title: The section, as the feed names it.
        entries: Articles in the feed.
        listed: Whether the cache holds the section's list at all.
        not_cached: Articles the cached list names but the cache does not hold.
        skipped: Cached articles left out for a URL that is not http(s).
    """

    document: bytes
    title: str
    entries: int
    listed: bool
    not_cached: int
    skipped: int


async def section_feed(
    service: NewsService, spec: str, *, now: datetime | None = None
) -> SectionFeed:
    """Return the Atom feed of the cached articles of a section; never touches the network.

    Args:
        service: The service whose cache is read (only its cache).
        spec: A ``SECTION`` argument (titles joined by ``/``) or a list-page URL.
        now: The feed's ``updated`` when it has no entry (default: the current time).

    Raises:
        UsageError: ``spec`` names no section, or a URL off the site.
        NotCached: ``spec`` is a title and the section tree is not cached.
    """
    return await _section_feed(service, spec, now or datetime.now(CHINA))


async def _section_feed(service: NewsService, spec: str, now: datetime) -> SectionFeed:
    cached = lists.CacheOnly(service)
    try:
        url = await lists.section_url(cached, spec)
    except NotCached:
        # The service's own hint says to connect; a feed is made from the cache whatever the
        # network does, so only a sync can help.
        raise NotCached(
            f"the section tree of {service.site_url} is not in the cache; "
            "run `newsreader sync` while online, then make the feed",
            reason="feed_needs_sync",
            facts={"site": service.site_url},
        ) from None
    items: Sequence[ListItem] = ()
    column: str | None = None
    listed = True
    try:
        listing = await lists.section_list(cached, url, MAX_FEED_PAGES)
    except NotCached:
        listed = False
    else:
        items = listing.items
        column = next((p.value.column for p in listing.pages if p.value.column), None)
    source = service.source
    entries: list[FeedEntry] = []
    not_cached = skipped = 0
    for item in items:
        # What the source reads: a VSB site its own articles, a feed its items on any host.
        if item.external or not reads_article(source, item.url):
            continue
        hit = service.cached_article(item.url)
        if hit is None:
            not_cached += 1
            continue
        article = hit.value
        if not is_http_url(article.url):
            skipped += 1
            continue
        # The article's own date, else its list entry's; only an article that shows no date
        # anywhere is dated by when it was fetched.
        when = (
            article_time(article.date, article.published)
            or article_time(item.date)
            or datetime.fromtimestamp(hit.fetched_at, CHINA)
        )
        identity = f"{source.kind}:{source.article_key(article.url)}"
        entries.append(FeedEntry(entry_id(identity), article, when))
    site = await service.site_name() or _host(service.site_url)
    title = _section_title(service, url) or column or spec
    head = FeedHead(id=url, title=f"{site} › {title}", link=url, author=site, empty_updated=now)
    document = atom_document(head, entries, labels_for(service.config.lang))
    return SectionFeed(document, title, len(entries), listed, not_cached, skipped)


def _section_title(service: NewsService, url: str) -> str | None:
    """Return the path of the section whose list page is ``url`` in the cached tree."""
    cached = service.cached_sections()
    for top in cached.value if cached is not None else ():
        for path, section in top.walk():
            if section.url == url:
                return " › ".join(path)
    return None


def _host(url: str) -> str:
    return urlsplit(url).hostname or url
