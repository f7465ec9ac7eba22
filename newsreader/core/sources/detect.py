"""What kind of source a URL is: a feed, a page that advertises one, or a VSB site.

``newsreader add URL`` asks :func:`detect_source`. The feed sniffing here is deliberately
small (the root element, or JSON with a jsonfeed.org ``version``; the title by a bounded scan):
reading feeds is the feed source's; this only decides what was found and what to call it.
"""

from __future__ import annotations

import html as html_lib
import json
import re
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from urllib.parse import urljoin

from newsreader.core.errors import FetchError, ParseError
from newsreader.core.sanitize import clean_line
from newsreader.core.sources import vsb
from newsreader.core.sources.registry import Kind
from newsreader.core.urls import is_http_url, normalize_site_url, same_site

FetchBytes = Callable[[str], Awaitable[tuple[bytes, Mapping[str, str], str]]]
"""Fetches a URL: ``(body, headers, final_url)`` (the fetcher's ``get_bytes``)."""

SNIFF_CHARS = 4096
"""Characters of a document looked at for its root element (past a prolog of comments)."""
TITLE_CHARS = 64 * 1024
"""Characters of a feed searched for its title."""
MAX_ADVERTISED = 3
"""Feeds a page advertises that are tried, in the page's order."""

MSG_NOTHING = "nothing to read at {url}: found {what}"

_JSON_FEED = re.compile(r"\Ahttps?://jsonfeed\.org/version/", re.I)
_PROLOG = re.compile(
    r"""\A(?:\s+|<\?[^>]*\?>|<!--.*?-->|<!DOCTYPE(?:[^\[>]|\[[^\]]*\])*>)*<([A-Za-z_][\w.:-]*)""",
    re.S,
)
_ENCODING = re.compile(rb"""\A<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]{1,40})["']""")
_TITLE = re.compile(r"<(?:[\w-]+:)?title\b([^>]*)>(.*?)</(?:[\w-]+:)?title\s*>", re.S | re.I)
_HTML_TYPE = re.compile(r"""type\s*=\s*["'](?:x?html|text/html)["']""", re.I)
_CDATA = re.compile(r"<!\[CDATA\[(.*?)\]\]>", re.S)
_TAG = re.compile(r"<[^>]*>")
_LINK = re.compile(r"<link\b[^>]*>", re.I)
_ATTR = re.compile(r"""([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""")
_FEED_TYPES = frozenset(
    ("application/rss+xml", "application/atom+xml", "application/feed+json", "application/json")
)


@dataclass(frozen=True, slots=True)
class Found:
    """A source found at a URL.

    Attributes:
        kind: ``"vsb"`` or ``"feed"``.
        url: The site's base URL, or the feed's URL.
        title: The site's or the feed's title (sanitised), or ``None``.
    """

    kind: Kind
    url: str
    title: str | None


def _text(data: bytes) -> str:
    """Decode a document for sniffing: its BOM or XML declaration's encoding, else UTF-8."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    match = _ENCODING.match(data)
    codec = match.group(1).decode("ascii").lower() if match else "utf-8"
    if codec in ("gbk", "gb2312", "gb_2312-80", "x-gbk"):
        codec = "gb18030"  # what GBK labels mean on the web (WHATWG), a superset of both
    try:
        return data.decode(codec, errors="replace")
    except LookupError:
        return data.decode("utf-8", errors="replace")


def looks_like_feed(data: bytes) -> str | None:
    """Return the feed format of ``data`` by its content: ``rss``, ``atom``, ``rdf`` or ``json``.

    ``None`` when it is no feed (an HTML page, an image, anything else).
    """
    head = _text(data[: SNIFF_CHARS * 4])[:SNIFF_CHARS].lstrip("\ufeff \t\r\n")
    if head.startswith("{"):
        try:
            doc = json.loads(_text(data))
        except ValueError:
            return None
        version = doc.get("version") if isinstance(doc, dict) else None
        return "json" if isinstance(version, str) and _JSON_FEED.match(version) else None
    match = _PROLOG.match(head)
    if match is None:
        return None
    root = match.group(1)
    local = root.rpartition(":")[2]
    if root.lower() == "rss":
        return "rss"
    if root == "feed":
        return "atom"
    if local == "RDF":
        return "rdf"
    return None


def feed_title(data: bytes) -> str | None:
    """Return a feed's own title (its channel's or feed's), sanitised, or ``None``."""
    if looks_like_feed(data) == "json":
        title = json.loads(_text(data)).get("title")
        return clean_line(title) or None if isinstance(title, str) else None
    match = _TITLE.search(_text(data[: TITLE_CHARS * 4])[:TITLE_CHARS])
    if match is None:
        return None
    raw = _CDATA.sub(lambda m: html_lib.escape(m.group(1)), match.group(2))
    # Once for the XML escapes; an Atom type="html" title is escaped markup, read once more.
    text = html_lib.unescape(_TAG.sub("", raw))
    if _HTML_TYPE.search(match.group(1)):
        text = html_lib.unescape(_TAG.sub("", text))
    return clean_line(text) or None


def advertised_feeds(html: str, base_url: str) -> list[str]:
    """Return the feeds a page advertises (``<link rel="alternate" type="…rss+xml">``…).

    Absolute http(s) URLs, resolved against ``base_url``, in the page's order, each once.
    """
    feeds: list[str] = []
    for tag in _LINK.findall(html[: 512 * 1024]):
        attrs = {
            m.group(1).lower(): html_lib.unescape(m.group(2) or m.group(3) or m.group(4) or "")
            for m in _ATTR.finditer(tag)
        }
        rels = attrs.get("rel", "").lower().split()
        kind = attrs.get("type", "").lower().split(";")[0].strip()
        if "alternate" not in rels or kind not in _FEED_TYPES or not attrs.get("href"):
            continue
        try:
            url = urljoin(base_url, attrs["href"].strip()).partition("#")[0]
        except ValueError:
            continue
        if is_http_url(url) and url not in feeds:
            feeds.append(url)
    return feeds


def _is_html(body: bytes, headers: Mapping[str, str]) -> bool:
    from newsreader.core.http.decoding import looks_like_html, parse_content_type

    media, _ = parse_content_type(headers.get("content-type"))
    if media in ("text/html", "application/xhtml+xml"):
        return True
    return media in ("", "application/octet-stream", "text/plain") and looks_like_html(body)


def _decode(body: bytes, headers: Mapping[str, str]) -> str:
    from newsreader.core.http.decoding import decode_html, parse_content_type

    _, charset = parse_content_type(headers.get("content-type"))
    return decode_html(body, charset)[0]


def _what(body: bytes, headers: Mapping[str, str]) -> str:
    """Describe what was found, for the one line saying there is nothing to read."""
    media = headers.get("content-type", "").split(";")[0].strip() or "no Content-Type"
    return f"{len(body):,} bytes of {media[:60]}, neither a feed nor a web page"


async def detect_source(url: str, fetch: FetchBytes) -> Found:
    """Fetch ``url`` and say what source it is.

    In order: a feed (by content); a VSB site (by its markers, also when its home page
    advertises a feed, and after a redirect stub on the site); a page advertising a feed (the
    first advertised feed that is one); else nothing.

    Raises:
        FetchError: ``url`` cannot be fetched.
        ParseError: Nothing readable is there (the message says what was found).
    """
    body, headers, final = await fetch(url)
    kind = looks_like_feed(body)
    if kind is not None:
        return Found("feed", url, feed_title(body))
    if not _is_html(body, headers):
        raise ParseError(MSG_NOTHING.format(url=url, what=_what(body, headers)), url=url)
    page = _decode(body, headers)
    page, final = await _past_stubs(page, final, url, fetch)
    if vsb.vsb_markers(page):
        site = vsb.VsbSource(normalize_site_url(url))
        name = site.site_name(page)
        return Found("vsb", site.home_url, clean_line(name) if name else None)
    advertised = advertised_feeds(page, final)
    problems: list[str] = []
    for feed_url in advertised[:MAX_ADVERTISED]:
        try:
            feed_body, _, _ = await fetch(feed_url)
        except FetchError as err:
            problems.append(err.one_line())
            continue
        if looks_like_feed(feed_body) is not None:
            return Found("feed", feed_url, feed_title(feed_body))
        problems.append(f"{feed_url} is no feed")
    title = vsb.VsbSource(normalize_site_url(url)).site_name(page)
    shown = f"a web page ({clean_line(title)[:60]!r})" if title else "a web page"
    if advertised:
        what = f"{shown} advertising {len(advertised)} feed(s), none readable: {problems[0]}"
    else:
        what = f"{shown} with no feed link and no sign of a VSB site"
    raise ParseError(MSG_NOTHING.format(url=url, what=what), url=url)


async def _past_stubs(page: str, final: str, url: str, fetch: FetchBytes) -> tuple[str, str]:
    """Follow a home page's redirect stubs (meta refresh, script) on the site, at most two."""
    from newsreader.core.parse.redirects import redirect_target

    for _ in range(vsb.MAX_STUB_HOPS):
        if vsb.vsb_markers(page):
            break
        target = redirect_target(page, final)
        if target is None or not same_site(target, url) or target == final:
            break
        body, headers, final = await fetch(target)
        if not _is_html(body, headers):
            break
        page = _decode(body, headers)
    return page, final
