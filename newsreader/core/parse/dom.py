"""Small DOM helpers shared by the parsers: safe parsing, attributes, URLs, ancestry hints.

Everything here works on :mod:`selectolax.lexbor` nodes and never recurses in Python, so a
hostile page (100,000 nested ``<div>``) costs bounded time and never hits the recursion limit.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

from newsreader.core.errors import ParseError

if TYPE_CHECKING:
    from selectolax.lexbor import LexborHTMLParser, LexborNode

MAX_CHARS = 8_000_000
"""Pages longer than this are cut: no real article or list needs more."""
MAX_DEPTH = 1_500
"""Nesting deeper than this is cut before parsing: lexbor's tree builder is quadratic in depth."""
_TAG_COUNT_CHECK = 8_000
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9:-]*)[^>]*?(/?)>")
_VOID_NAMES = (
    "area base br col embed hr img input link meta param source track wbr "
    "p li dt dd option tr td th b i u s em font a span strong small big"
)
_VOID = frozenset(_VOID_NAMES.split())
# ^ void elements plus those the HTML5 tree builder closes or caps itself (p, li, formatting
#   elements), so that they don't count towards the quadratic depth.
_SKIP_SCHEMES = ("javascript:", "mailto:", "tel:", "data:", "about:", "vbscript:", "#")


def _cap_depth(html: str) -> str:
    """Return ``html`` cut where its (rough) element nesting first passes :data:`MAX_DEPTH`."""
    depth = 0
    for match in _TAG.finditer(html):
        name = match.group(2).lower()
        if name in _VOID or match.group(3):
            continue
        if match.group(1):
            depth = max(depth - 1, 0)
            continue
        depth += 1
        if depth > MAX_DEPTH:
            return html[: match.start()]
    return html


def parse_html(html: str) -> LexborHTMLParser:
    """Parse ``html`` with lexbor after capping its size and nesting depth.

    Raises:
        ParseError: When the input is not text or lexbor refuses it.
    """
    from selectolax.lexbor import LexborHTMLParser

    if not isinstance(html, str):
        raise ParseError("page text is not a string")
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
        raise ParseError(f"unparseable HTML: {exc}") from exc


def attr(node: LexborNode, name: str) -> str:
    """Return attribute ``name`` of ``node`` ('' when absent or valueless)."""
    value = node.attributes.get(name)
    return value or ""


def text_of(node: LexborNode, separator: str = "") -> str:
    """Return the deep text of ``node`` (raw, not yet sanitized)."""
    return node.text(deep=True, separator=separator) or ""


def link_url(href: str, base: str) -> str | None:
    """Return ``href`` made absolute against ``base``, or ``None`` for non-navigating links."""
    href = href.strip()
    if not href or href.lower().startswith(_SKIP_SCHEMES):
        return None
    try:
        url = urljoin(base, href)
        scheme = urlsplit(url).scheme.lower()
    except ValueError:
        return None
    if scheme not in ("http", "https"):
        return None
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
