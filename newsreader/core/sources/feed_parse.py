"""Feed documents -> :class:`ParsedFeed`: RSS 2.0, RSS 1.0 and Atom by feedparser, JSON Feed by
:mod:`json`.

feedparser is the most tolerant parser there is (GBK, ``&nbsp;``, bare ``&``), but it must be
handled with care:

* It is given bytes, always, wrapped in :class:`io.BytesIO`: given a path or a URL it reads
  local files or fetches on its own, past our caps, robots.txt and politeness.
* Every DOCTYPE is removed first (:func:`~newsreader.core.sources.feed_sniff.strip_doctypes`):
  feedparser keeps the internal subset's "safe" entities, and one entity of a megabyte
  referenced a thousand times (the quadratic blowup) became a description of gigabytes;
  billion-laughs and external entities (``file:///etc/passwd``) then expand to nothing and
  read nothing.
* The text arrives decoded by the fetcher (the XML declaration's ``encoding`` honoured) and goes
  to feedparser as UTF-8 with its XML declaration removed, so a ``gbk``/``gb18030`` declaration
  the standard XML parser refuses never reaches it.
* Its dates are not used: ``2025年3月1日`` and ``2025/03/01`` both came out as 2025-12-01 and
  ``CST`` as US Central. Each entry's date string as written goes through
  :func:`newsreader.core.parse.dates.parse_instant` (no zone and ``CST``: +08:00).
* Only the first :data:`MAX_FEED_ITEMS` entries in document order are parsed; the rest are cut
  from the text before feedparser sees it and counted (a 100,000-item feed costs the same as one
  of :data:`MAX_FEED_ITEMS`).

Titles are plain text: markup in an HTML title is reduced to its text, and every string goes
through :mod:`newsreader.core.sanitize`. Content stays HTML here (feedparser has already removed
scripts and resolved relative links); it becomes blocks only when an article is built from it.
"""

from __future__ import annotations

import io
import json
import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import quote, urldefrag, urljoin

from newsreader.core.errors import ParseError
from newsreader.core.parse.dates import parse_instant
from newsreader.core.sanitize import clean_line
from newsreader.core.sources.feed import ENTRY_FRAGMENT, is_entry_url
from newsreader.core.sources.feed_sniff import SNIFF_BYTES as SNIFF_CHARS
from newsreader.core.sources.feed_sniff import FeedKind, feed_kind, strip_doctypes
from newsreader.core.urls import url_problem

MAX_FEED_ITEMS = 1000
"""Entries of one feed read at most, in document order (the rest are counted as truncated)."""

_XML_DECLARATION = re.compile(r"\A\ufeff?\s*<\?xml\b.*?\?>", re.DOTALL | re.IGNORECASE)
_PROLOG_ENTITY = re.compile(r"<!ENTITY\b[^>]*>", re.IGNORECASE)
_ENTRY_START = re.compile(r"<(?:[A-Za-z_][\w.-]*:)?(?:item|entry)[\s/>]")
_ENTRY_END = re.compile(r"</(?:[A-Za-z_][\w.-]*:)?(?:item|entry)\s*>")
_ROOT_START = re.compile(r"<[A-Za-z_]")


@dataclass(frozen=True, slots=True)
class FeedEntry:
    """One entry of a feed, as the feed gives it.

    Attributes:
        key: The entry's identity: its id (``guid``, Atom ``id``, JSON ``id``), else its link.
        url: Where the entry is read: its link, else its id when that is an http(s) URL, else
            ``{feed URL}#entry={id}`` (an entry that lives only in the feed).
        title: Plain, sanitized text.
        published: When it was published (else updated), or ``None``.
        stamp: The date as the feed wrote it (sanitized), or ``None``.
        author: The author's name, or ``None``.
        html: The entry's content as HTML (full content, else the summary); may be empty.
            Not sanitized for display: it is turned into blocks before anything shows it.
        linked: False for an entry that lives only in the feed (no page to fetch).
    """

    key: str
    url: str
    title: str
    published: datetime | None = None
    stamp: str | None = None
    author: str | None = None
    html: str = ""
    linked: bool = True


@dataclass(frozen=True, slots=True)
class ParsedFeed:
    """A parsed feed.

    Attributes:
        url: The feed's URL.
        kind: ``rss``, ``rdf`` (RSS 1.0), ``atom`` or ``json``.
        title: The feed's title (sanitized; may be empty).
        entries: Newest first (undated entries after the dated ones, in feed order), each
            identity once.
        skipped: Entries left out for having no usable link nor id (``javascript:``, a port past
            65535).
        truncated: Entries left out past :data:`MAX_FEED_ITEMS`.
    """

    url: str
    kind: FeedKind
    title: str
    entries: tuple[FeedEntry, ...]
    skipped: int = 0
    truncated: int = 0


def parse_feed(text: str, url: str) -> ParsedFeed:
    """Parse a feed document of any kind.

    Args:
        text: The document, decoded.
        url: The feed's URL (relative links resolve against it).

    Raises:
        ParseError: The document is no feed (an HTML page, say) or an unreadable JSON Feed.
    """
    kind = feed_kind(text[:SNIFF_CHARS])
    if kind is None and "<!doctype" in text[:SNIFF_CHARS].lower():
        # A DOCTYPE longer than the sniffed start (an entity bomb's) hides the root element.
        text = strip_doctypes(text)
        kind = feed_kind(text[:SNIFF_CHARS])
    if kind is None:
        raise ParseError(
            f"not a feed (RSS, Atom or JSON Feed): {url}",
            url=url,
            reason="not_a_feed",
            facts={"url": url},
        )
    if kind == "json":
        return _parse_json(text, url)
    return _parse_xml(text, url, kind)


# --- XML feeds -------------------------------------------------------------------------------


def _cap_entries(text: str) -> tuple[str, int]:
    """Cut the entries past :data:`MAX_FEED_ITEMS` out of ``text``; return it and their count.

    The text from the first entry past the cap to the end of the last entry goes, so what
    follows the entries (the closing tags) stays and the document is still well-formed.
    """
    starts = _ENTRY_START.finditer(text)
    cut = None
    for index, match in enumerate(starts):
        if index == MAX_FEED_ITEMS:
            cut = match.start()
            break
    if cut is None:
        return text, 0
    dropped = 1 + sum(1 for _ in starts)
    end = cut
    for end_match in _ENTRY_END.finditer(text, cut):
        end = end_match.end()
    return text[:cut] + text[end:], dropped


def prepare_xml(text: str) -> tuple[bytes, int]:
    """Return the bytes feedparser is given for an XML feed, and the entries cut past the cap.

    The XML declaration and every DOCTYPE go (and any ``<!ENTITY>`` left before the root
    element); the text is encoded as UTF-8.
    """
    text = _XML_DECLARATION.sub("", text, count=1)
    text = strip_doctypes(text)
    root = _ROOT_START.search(text)
    if root is not None and root.start() > 0:
        text = _PROLOG_ENTITY.sub("", text[: root.start()]) + text[root.start() :]
    text, truncated = _cap_entries(text)
    return text.encode("utf-8", errors="replace"), truncated


def _parse_xml(text: str, url: str, kind: FeedKind) -> ParsedFeed:
    import feedparser

    data, truncated = prepare_xml(text)
    parsed = feedparser.parse(
        io.BytesIO(data),
        response_headers={
            "content-location": url,
            "content-type": "application/xml; charset=utf-8",
        },
        resolve_relative_uris=True,
        sanitize_html=True,
    )
    feed = parsed.get("feed", {})
    title = _text_of(feed.get("title_detail"), feed.get("title"))
    entries: list[FeedEntry] = []
    skipped = 0
    for raw in parsed.get("entries", ())[:MAX_FEED_ITEMS]:
        entry = _xml_entry(raw, url)
        if entry is None:
            skipped += 1
        else:
            entries.append(entry)
    return ParsedFeed(url, kind, title, _ordered(entries), skipped, truncated)


def _xml_entry(raw: Any, feed_url: str) -> FeedEntry | None:
    ident = raw.get("id")
    link = raw.get("link")
    if raw.get("guidislink") and link == ident:
        link = None  # feedparser's stand-in for a missing link: the id, a URL or not
    where = _where(link, ident, feed_url)
    if where is None:
        return None
    stamp = raw.get("published") or raw.get("updated") or raw.get("created")
    html = ""
    for content in raw.get("content") or ():
        if content.get("value"):
            html = _as_html(content.get("type"), content["value"])
            break
    if not html and raw.get("summary"):
        html = _as_html((raw.get("summary_detail") or {}).get("type"), raw["summary"])
    title = _text_of(raw.get("title_detail"), raw.get("title"))
    author = clean_line(str(raw.get("author") or "")) or None
    return _entry(ident, where, title, stamp, author=author, html=html)


def _where(link: object, ident: object, feed_url: str) -> str | None:
    """Return where an entry is read (see :attr:`FeedEntry.url`), or ``None`` when nowhere."""
    if isinstance(link, str) and link.strip():
        return _usable(urljoin(feed_url, link.strip()))
    if isinstance(ident, (str, int)) and str(ident).strip():
        ident_text = str(ident).strip()
        as_url = _usable(urljoin(feed_url, ident_text)) if "://" in ident_text else None
        return as_url or f"{urldefrag(feed_url).url}#{ENTRY_FRAGMENT}{quote(ident_text, safe='')}"
    return None


def _usable(url: str) -> str | None:
    """Return ``url`` without its fragment when it is fetchable, else ``None``."""
    try:
        bare = str(urldefrag(url).url)
    except ValueError:
        return None
    return bare if url_problem(bare) is None else None


def _entry(
    ident: object, url: str, title: str, stamp: object, *, author: str | None, html: str
) -> FeedEntry:
    stamp_text = clean_line(stamp) if isinstance(stamp, str) else ""
    published = parse_instant(stamp_text) if stamp_text else None
    if not title:
        title = clean_line(_html_text(html, " "))[:80] or url
    key = str(ident).strip() if isinstance(ident, (str, int)) and str(ident).strip() else url
    return FeedEntry(
        key=key,
        url=url,
        title=title,
        published=published,
        stamp=stamp_text or None,
        author=author,
        html=html,
        linked=not is_entry_url(url),
    )


def _ordered(entries: list[FeedEntry]) -> tuple[FeedEntry, ...]:
    """Return ``entries`` newest first, each identity once (its first entry in the feed)."""
    seen: set[str] = set()
    unique = []
    for entry in entries:
        if entry.key not in seen:
            seen.add(entry.key)
            unique.append(entry)
    # Stable, even reversed: undated entries keep the feed's order, after the dated ones.
    unique.sort(
        key=lambda e: e.published.timestamp() if e.published else float("-inf"), reverse=True
    )
    return tuple(unique)


def _as_html(media: object, value: str) -> str:
    """Return content as HTML: plain text is escaped, with its line breaks kept."""
    if media in ("text/html", "application/xhtml+xml", "html", "xhtml"):
        return value
    from html import escape

    return "".join(f"<p>{escape(part)}</p>" for part in value.split("\n\n") if part.strip())


def _text_of(detail: object, value: object) -> str:
    """Return a title as one sanitized line: HTML titles reduced to their text."""
    if not isinstance(value, str):
        return ""
    media = detail.get("type") if isinstance(detail, dict) else None
    if media in ("text/html", "application/xhtml+xml"):
        value = _html_text(value)
    return clean_line(value)


def _html_text(html: str, separator: str = "") -> str:
    """Return the text of an HTML fragment (entities decoded, tags dropped)."""
    if "<" not in html and "&" not in html:
        return html
    from newsreader.core.parse.dom import parse_html

    body = parse_html(f"<body>{html}</body>").body
    return (body.text(separator=separator) if body is not None else "") or ""


# --- JSON Feed -------------------------------------------------------------------------------


def _parse_json(text: str, url: str) -> ParsedFeed:
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise ParseError(
            f"unreadable JSON Feed at {url}: {exc}",
            url=url,
            reason="bad_json_feed",
            facts={"url": url},
        ) from exc
    if not isinstance(data, dict):
        raise ParseError(
            f"unreadable JSON Feed at {url}: not a JSON object",
            url=url,
            reason="bad_json_feed",
            facts={"url": url},
        )
    items = data.get("items")
    items = items if isinstance(items, list) else []
    entries: list[FeedEntry] = []
    skipped = 0
    for item in items[:MAX_FEED_ITEMS]:
        entry = _json_entry(item, url) if isinstance(item, dict) else None
        if entry is None:
            skipped += 1
        else:
            entries.append(entry)
    title = clean_line(data["title"]) if isinstance(data.get("title"), str) else ""
    truncated = max(0, len(items) - MAX_FEED_ITEMS)
    return ParsedFeed(url, "json", title, _ordered(entries), skipped, truncated)


def _json_entry(item: dict[str, Any], feed_url: str) -> FeedEntry | None:
    ident = item.get("id")
    link = item.get("url") or item.get("external_url")
    where = _where(link, ident, feed_url)
    if where is None:
        return None
    html = ""
    for field, media in (("content_html", "html"), ("content_text", "text"), ("summary", "text")):
        if isinstance(item.get(field), str) and item[field].strip():
            html = _as_html(media, item[field])
            break
    title = clean_line(item["title"]) if isinstance(item.get("title"), str) else ""
    stamp = item.get("date_published") or item.get("date_modified")
    return _entry(ident, where, title, stamp, author=_json_author(item), html=html)


def _json_author(item: dict[str, Any]) -> str | None:
    """Return the first author's name (JSON Feed 1.1 ``authors``, 1.0 ``author``)."""
    authors = item.get("authors")
    candidates = authors if isinstance(authors, list) else [item.get("author")]
    for author in candidates:
        if isinstance(author, dict) and isinstance(author.get("name"), str):
            return clean_line(author["name"]) or None
    return None
