"""What kind of source a URL is: a feed, a page that advertises one, or a VSB site.

``newsreader add URL`` asks :func:`detect_source`. Feeds are told and named by the feed
source's own sniffing and parser (:mod:`~newsreader.core.sources.feed_sniff`,
:mod:`~newsreader.core.sources.feed_parse`); this only decides what was found and what to call it.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass

from newsreader.core.errors import FetchError, ParseError
from newsreader.core.sanitize import clean_line
from newsreader.core.sources import vsb
from newsreader.core.sources.feed_parse import parse_feed
from newsreader.core.sources.feed_sniff import advertised_feeds, looks_like_feed
from newsreader.core.sources.registry import Kind
from newsreader.core.urls import normalize_site_url, same_site

FetchBytes = Callable[[str], Awaitable[tuple[bytes, Mapping[str, str], str]]]
"""Fetches a URL: ``(body, headers, final_url)`` (the fetcher's ``get_bytes``)."""

MAX_ADVERTISED = 3
"""Feeds a page advertises that are tried, in the page's order."""


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


def feed_title(data: bytes, url: str = "") -> str | None:
    """Return a feed's own title (its channel's or feed's), sanitised, or ``None``.

    Read by the feed source's own parser, so ``add`` names a feed as the sidebar will.
    """
    from newsreader.core.http.decoding import decode_document

    try:
        parsed = parse_feed(decode_document(data, None, html=False)[0], url)
    except ParseError:
        return None
    return parsed.title or None


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


def _not_a_page(url: str, body: bytes, headers: Mapping[str, str]) -> ParseError:
    """The error of an answer that is neither a feed nor a web page (an image, say)."""
    media = headers.get("content-type", "").split(";")[0].strip()[:60] or "no Content-Type"
    size = f"{len(body):,}"
    return ParseError(
        f"nothing to read at {url}: found {size} bytes of {media}, neither a feed nor a web page",
        url=url,
        reason="nothing_binary",
        facts={"url": url, "bytes": size, "type": media},
    )


def _no_source(url: str, title: str | None, advertised: int, problem: str) -> ParseError:
    """The error of a web page that is no VSB site and advertises no readable feed."""
    shown = f"a web page ({title!r})" if title else "a web page"
    if advertised:
        what = f"{shown} advertising {advertised} feed(s), none readable: {problem}"
        return ParseError(
            f"nothing to read at {url}: found {what}",
            url=url,
            reason="nothing_feeds",
            # The first feed's error is said in English only (its detail is for the log).
            facts={"url": url, "count": advertised, "problem": problem},
        )
    what = f"{shown} with no feed link and no sign of a VSB site"
    if title:
        return ParseError(
            f"nothing to read at {url}: found {what}",
            url=url,
            reason="nothing_page",
            facts={"url": url, "title": repr(title)},
        )
    return ParseError(f"nothing to read at {url}: found {what}", url=url, reason="nothing_untitled")


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
        return Found("feed", url, feed_title(body, url))
    if not _is_html(body, headers):
        raise _not_a_page(url, body, headers)
    page = _decode(body, headers)
    page, final = await _past_stubs(page, final, url, fetch)
    if vsb.vsb_markers(page, final):
        # A list or an article page stands for its site (the URL a reader has of a notice
        # board is a list page's): the site's base, read on the same site the user asked.
        site = vsb.VsbSource(vsb.site_base(page, final if same_site(final, url) else url))
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
            return Found("feed", feed_url, feed_title(feed_body, feed_url))
        problems.append(f"{feed_url} is no feed")
    title = vsb.VsbSource(normalize_site_url(url)).site_name(page)
    shown = clean_line(title)[:60] if title else None
    raise _no_source(url, shown, len(advertised), problems[0] if problems else "")


async def _past_stubs(page: str, final: str, url: str, fetch: FetchBytes) -> tuple[str, str]:
    """Follow a home page's redirect stubs (meta refresh, script) on the site, at most two."""
    from newsreader.core.parse.redirects import redirect_target

    for _ in range(vsb.MAX_STUB_HOPS):
        if vsb.vsb_markers(page, final):
            break
        target = redirect_target(page, final)
        if target is None or not same_site(target, url) or target == final:
            break
        body, headers, final = await fetch(target)
        if not _is_html(body, headers):
            break
        page = _decode(body, headers)
    return page, final
