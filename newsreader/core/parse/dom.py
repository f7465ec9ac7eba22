"""Small DOM helpers shared by the parsers: safe parsing, attributes, URLs, ancestry hints.

Everything here works on :mod:`selectolax.lexbor` nodes and never recurses in Python, so a
hostile page (100,000 nested ``<div>``) costs bounded time and never hits the recursion limit.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING
from urllib.parse import quote, urljoin, urlparse, urlsplit

from newsreader.core.errors import ParseError

if TYPE_CHECKING:
    from selectolax.lexbor import LexborHTMLParser, LexborNode

MAX_CHARS = 1024 * 1024 * 1024
"""Pages longer than this are cut. It is the largest ``max_body_mb`` (1024) in characters, which
no decoded page is longer than in bytes: a page the fetch accepted is never cut (the byte cap,
10 MiB by default, is what bounds a page), and only text from elsewhere can be."""
MAX_DEPTH = 1_500
"""Nesting deeper than this is flattened before parsing: lexbor's tree builder is quadratic in
depth. The excess wrapper tags are dropped, their text is kept."""
_IMPLIED_ENDS = 8
"""How far down the open-element stack an end tag may look for its start tag."""
_TAG_COUNT_CHECK = 8_000
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9:-]*)[^>]*?(/?)>")
_VOID_NAMES = (
    "area base br col embed hr img input link meta param source track wbr "
    "p li dt dd option tr td th b i u s em font a span strong small big"
)
_VOID = frozenset(_VOID_NAMES.split())
# ^ void elements plus those the HTML5 tree builder closes or caps itself (p, li, formatting
#   elements), so that they don't count towards the quadratic depth.
_UNSAFE_URL_CHARS = re.compile("[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
_SKIP_SCHEMES = ("javascript:", "mailto:", "tel:", "data:", "about:", "vbscript:", "#")
# A relative reference that urljoin would resolve by path arithmetic alone: printable ASCII path
# characters without ':' (a scheme), ';' (params), '#', '\\' or spaces, an optional query, and not
# starting with '/' twice (a host) or '?' (no path). See :func:`_join_simple`.
_SIMPLE_REF = re.compile(
    r"(?!//)([A-Za-z0-9_.~%!$&'()*+,=@/-]+)(?:\?([A-Za-z0-9_.~%!$&'()*+,=@/?:;-]*))?"
)
_BaseParts = tuple[str, tuple[str, ...]]


def _cap_depth(html: str) -> str:
    """Return ``html`` with element nesting flattened to at most :data:`MAX_DEPTH` levels.

    Start tags that would open a level past the cap are dropped together with their matching
    end tags, so the text inside over-deep wrappers is kept (only their nesting is lost). One
    regex pass with a stack of open tags: linear in the page size.
    """
    pieces: list[str] = []
    kept_from = 0
    depth = 0
    stack: list[tuple[str, bool]] = []  # (tag name, kept?) for every open, counted element
    for match in _TAG.finditer(html):
        name = match.group(2).lower()
        if name in _VOID or match.group(3):
            continue
        drop = False
        if match.group(1):
            # An end tag closes the nearest open element of its name (implied ends included);
            # a stray one matches nothing and is left for lexbor to ignore.
            for pos in range(len(stack) - 1, max(len(stack) - _IMPLIED_ENDS, 0) - 1, -1):
                if stack[pos][0] == name:
                    drop = not stack[pos][1]
                    depth -= sum(1 for _, kept in stack[pos:] if kept)
                    del stack[pos:]
                    break
        elif depth >= MAX_DEPTH:
            stack.append((name, False))
            drop = True
        else:
            stack.append((name, True))
            depth += 1
        if drop:
            pieces.append(html[kept_from : match.start()])
            kept_from = match.end()
    if not pieces:
        return html
    pieces.append(html[kept_from:])
    return "".join(pieces)


def parse_html(html: str) -> LexborHTMLParser:
    """Parse ``html`` with lexbor after capping its size and nesting depth.

    Raises:
        ParseError: When the input is not text or lexbor refuses it.
    """
    from selectolax.lexbor import LexborHTMLParser

    if not isinstance(html, str):
        raise ParseError("page text is not a string", reason="unparsable")
    if len(html) > MAX_CHARS:
        html = html[:MAX_CHARS]
    if "\x00" in html:
        html = html.replace("\x00", "")
    # Only pages with very many tags can be deep enough to matter; real pages have ~2,000.
    if html.count("<") > _TAG_COUNT_CHECK:
        html = _cap_depth(html)
    try:
        return LexborHTMLParser(html)
    except (ValueError, RuntimeError, MemoryError) as exc:  # pragma: no cover - lexbor refusal
        raise ParseError(f"unparseable HTML: {exc}", reason="unparsable") from exc


def attr(node: LexborNode, name: str) -> str:
    """Return attribute ``name`` of ``node`` ('' when absent or valueless)."""
    value = node.attributes.get(name)
    return value or ""


@lru_cache(maxsize=8)
def _base_parts(base: str) -> _BaseParts | None:
    """Return ``(scheme://host, directory segments)`` of an http(s) ``base`` whose joins
    :func:`_join_simple` may do, else ``None``. Cached: all links of a page share one base."""
    parts: _BaseParts | None = None
    try:
        scheme, netloc, path = urlparse(base)[:3]
    except ValueError:
        scheme = netloc = path = ""
    if scheme in ("http", "https") and netloc and not _UNSAFE_URL_CHARS.search(base):
        directory = path.split("/")
        if directory[-1] != "":
            del directory[-1]
        parts = (f"{scheme}://{netloc}", tuple(directory))
    return parts


def _join_simple(prefix: str, directory: tuple[str, ...], path: str, query: str | None) -> str:
    """``urljoin`` for a path-only reference (the body of the standard library's, minus the
    parsing): resolve ``.``/``..`` against the base directory, drop empty segments."""
    if path[:1] == "/":
        segments = path.split("/")
    else:
        segments = [*directory, *path.split("/")]
        segments[1:-1] = filter(None, segments[1:-1])
    resolved: list[str] = []
    for seg in segments:
        if seg == "..":
            if resolved:
                resolved.pop()
        elif seg != ".":
            resolved.append(seg)
    if segments[-1] in (".", ".."):
        resolved.append("")
    joined = "/".join(resolved) or "/"
    if joined[:1] != "/":
        joined = "/" + joined
    return f"{prefix}{joined}?{query}" if query else prefix + joined


def link_url(href: str, base: str) -> str | None:
    """Return ``href`` made absolute against ``base``, or ``None`` for non-navigating links."""
    href = href.strip()
    if not href or href.lower().startswith(_SKIP_SCHEMES):
        return None
    simple = _SIMPLE_REF.fullmatch(href)
    if simple is not None:
        parts = _base_parts(base)
        if parts is not None:
            # The common relative link (``../../info/1001/2707.htm``): same result as urljoin
            # below, without parsing both URLs again (a tenth of the whole article parse).
            return _join_simple(parts[0], parts[1], simple.group(1), simple.group(2))
    try:
        url = urljoin(base, href)
        scheme = urlsplit(url).scheme.lower()
    except ValueError:
        return None
    if scheme not in ("http", "https"):
        return None
    if _UNSAFE_URL_CHARS.search(url):
        # Control, bidi and zero-width characters would reach the terminal inside the URL;
        # percent-encode them the way a browser does instead of dropping the link.
        url = _UNSAFE_URL_CHARS.sub(lambda m: quote(m.group(0), safe=""), url)
    return url


def hint(node: LexborNode) -> str:
    """Return ``class`` and ``id`` of ``node``, lower-cased, for name-based hints."""
    attrs = node.attributes
    return f"{attrs.get('class') or ''} {attrs.get('id') or ''}".lower()


def has_ancestor_hint(node: LexborNode, words: tuple[str, ...], limit: int = 40) -> bool:
    """True when ``node`` or one of its ancestors (up to ``limit``) has a class/id with a word."""
    current: LexborNode | None = node
    steps = 0
    while current is not None and steps < limit:
        if current.tag in ("body", "html"):
            return False
        names = hint(current)
        if names.strip() and any(word in names for word in words):
            return True
        current = current.parent
        steps += 1
    return False


def strip_junk(tree: LexborHTMLParser) -> None:
    """Remove scripts, styles and other never-visible elements from ``tree`` in place."""
    tree.strip_tags(["script", "style", "noscript", "template", "iframe", "object", "svg"])
