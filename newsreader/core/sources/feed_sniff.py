"""Is it a feed? Content sniffing for RSS 2.0, RSS 1.0 (RDF), Atom and JSON Feed, and the feeds
an HTML page advertises.

By content, never by extension or ``Content-Type``: sites serve feeds as ``text/html``,
``text/plain`` or ``application/octet-stream`` under ``.php``, ``.jsp`` and ``.htm`` names, and
HTML pages under ``.xml``. Only the start of the document is looked at (:data:`SNIFF_BYTES`).

Nothing here touches the network; :func:`advertised_feeds` imports selectolax when called.
"""

from __future__ import annotations

import re
from typing import Literal
from urllib.parse import urldefrag, urljoin

from newsreader.core.http.decoding import xml_encoding
from newsreader.core.urls import url_problem

FeedKind = Literal["rss", "atom", "rdf", "json"]

SNIFF_BYTES = 16 * 1024
"""Bytes of a document looked at: enough for a long prolog (comments, a stylesheet PI)."""

FEED_TYPES = frozenset(("application/rss+xml", "application/atom+xml", "application/feed+json"))
"""The ``type`` of a ``<link rel="alternate">`` that advertises a feed."""

# The prolog: XML declaration and other processing instructions, comments, a DOCTYPE (with an
# internal subset), then the root element's name, prefix and all.
# Atomic groups: a part, once matched, is never retried longer (no quadratic backtracking on a
# hostile head full of "?>" or "-->").
_ROOT = re.compile(
    r"""\A\s*(?:(?><\?.*?\?>)\s*|(?><!--.*?-->)\s*"""
    r"""|(?><!DOCTYPE(?:[^\[>"']|"[^"]*"|'[^']*')*+(?:\[.*?\]\s*)?>)\s*)*+"""
    r"""<(?:[A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)""",
    re.DOTALL | re.IGNORECASE,
)
_ATOM_NAMESPACES = ("http://www.w3.org/2005/atom", "http://purl.org/atom/ns#")
_RDF_NAMESPACES = ("http://purl.org/rss/1.0/", "http://my.netscape.com/rdf/simple/0.9/")
"""RSS 1.0's namespace, and RSS 0.90's (an RDF feed too, and still served by old sites)."""
_DEFAULT_NAMESPACE = re.compile(r"""\sxmlns\s*=""")
_DOCTYPE = re.compile(r"<!DOCTYPE", re.IGNORECASE)
# Inside a DOCTYPE: quoted strings and comments are skipped whole, so a ">" or "]" inside an
# entity's value does not end it early.
_DOCTYPE_TOKEN = re.compile(r""""[^"]*"|'[^']*'|<!--.*?-->|[\[\]>]""", re.DOTALL)
_DOCTYPE_WINDOW = 1024 * 1024
"""Bytes looked through for the root element behind a long DOCTYPE (an entity bomb's)."""
_JSON_FEED = re.compile(r'\A\s*\{.*?"version"\s*:\s*"https?://jsonfeed\.org/version/', re.DOTALL)


def _head(data: bytes) -> str:
    """Return the start of ``data`` as text: markup names and namespaces are ASCII.

    A document in UTF-16 or UTF-32 (a BOM, or the first bytes without one: see
    :func:`~newsreader.core.http.decoding.xml_encoding`) is decoded as such; any other is read
    as Latin-1, which keeps every ASCII character whatever the encoding. A DOCTYPE is taken out
    first, so a long one does not hide the root element.
    """
    found = xml_encoding(data)
    codec, skip = found if found is not None else ("latin-1", 0)
    head = data[:SNIFF_BYTES]
    if re.search("<!doctype".encode(codec), head.lower()):
        head = data[:_DOCTYPE_WINDOW]
    return strip_doctypes(head[skip:].decode(codec, errors="replace"))


def feed_kind(head: str) -> FeedKind | None:
    """Return the kind of feed a document's first characters start, or ``None``.

    Args:
        head: The document's start as text (its first :data:`SNIFF_BYTES` or so).
    """
    head = head.lstrip("\ufeff")
    if _JSON_FEED.match(head):
        return "json"
    match = _ROOT.match(head)
    if match is None:
        return None
    root = match.group(1).lower()
    lowered = head.lower()
    if root == "rss":
        return "rss"
    if root == "feed" and any(ns in lowered for ns in _ATOM_NAMESPACES):
        return "atom"
    if root == "feed" and not _DEFAULT_NAMESPACE.search(head, match.end(), _tag_end(head, match)):
        # Generators that forget the namespace write a bare <feed>: Atom all the same. A <feed>
        # in some other namespace is not.
        return "atom"
    if root == "rdf" and any(ns in lowered for ns in _RDF_NAMESPACES):
        return "rdf"
    return None


def _tag_end(head: str, root: re.Match[str]) -> int:
    """Return where the root element's start tag ends in ``head`` (its end when cut off)."""
    end = head.find(">", root.end())
    return len(head) if end < 0 else end


def looks_like_feed(data: bytes) -> FeedKind | None:
    """Return ``"rss"``, ``"atom"``, ``"rdf"`` (RSS 1.0) or ``"json"`` when ``data`` is a feed.

    Judged by content alone: the root element (``<rss>``; ``<feed>`` in the Atom namespace;
    ``<rdf:RDF>`` with the RSS 1.0 namespace) after any prolog, or a JSON object whose
    ``version`` is a ``https://jsonfeed.org/version/…`` URL. An HTML page is ``None``, whatever it
    is called.

    Args:
        data: The document's bytes (only the first :data:`SNIFF_BYTES` are read).
    """
    return feed_kind(_head(data))


def advertised_feeds(html: str, base_url: str) -> tuple[str, ...]:
    """Return the feeds an HTML page advertises, in page order, each once.

    Read from ``<link rel="alternate" type="application/rss+xml|atom+xml|feed+json"
    href="…">``; an ``href`` is resolved against ``base_url`` (or the page's ``<base href>``),
    and kept only when it is a fetchable http(s) URL.

    Args:
        html: The page's text.
        base_url: The page's URL.
    """
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(html)
    base = base_url
    base_node = tree.css_first("base[href]")
    if base_node is not None:
        joined = _join(base_url, base_node.attributes.get("href") or "")
        base = joined if joined is not None else base_url
    found: list[str] = []
    for node in tree.css("link[rel][href]"):
        rels = (node.attributes.get("rel") or "").lower().split()
        media = (node.attributes.get("type") or "").partition(";")[0].strip().lower()
        if "alternate" not in rels or media not in FEED_TYPES:
            continue
        url = _join(base, node.attributes.get("href") or "")
        if url is not None and url not in found:
            found.append(url)
    return tuple(found)


def _join(base: str, href: str) -> str | None:
    """Return ``href`` made absolute (no fragment), or ``None`` when it is not fetchable."""
    try:
        url = str(urldefrag(urljoin(base, href.strip())).url)
    except ValueError:
        return None
    return url if url_problem(url) is None else None


def strip_doctypes(text: str) -> str:
    """Return ``text`` without any DOCTYPE declaration (internal subset included).

    A DOCTYPE that never ends takes the rest of the text with it: such a document is broken,
    and its rest was inside the declaration.
    """
    parts: list[str] = []
    pos = 0
    while (match := _DOCTYPE.search(text, pos)) is not None:
        parts.append(text[pos : match.start()])
        pos = len(text)
        in_subset = False
        for token in _DOCTYPE_TOKEN.finditer(text, match.end()):
            mark = token.group()
            if mark == "[":
                in_subset = True
            elif mark == "]":
                in_subset = False
            elif mark == ">" and not in_subset:
                pos = token.end()
                break
    parts.append(text[pos:])
    return "".join(parts)
