"""A checker of the Atom 1.0 requirements of RFC 4287 that a feed reader relies on.

:func:`atom_problems` returns what a document breaks (an empty list when it is valid); tests
assert on that list so that a failure names every problem at once. Checked: the namespace, the
root element, exactly one ``id``/``title``/``updated`` per feed and per entry (sections 4.1.1 and
4.1.2), ids that are absolute IRIs (4.2.6), dates in RFC 3339 with a zone (3.3), an author for
every entry (4.1.1, 4.1.2), names in authors (3.2.1), absolute ``href`` on links (4.2.7.1), at
most one ``alternate`` link per type and language (4.1.1, 4.1.2), text constructs of a known
type (3.1.1), content or an alternate link in each entry, and a summary whenever content is
out of line or not text (4.1.1.1 / 4.1.2).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import Counter
from datetime import datetime

ATOM = "http://www.w3.org/2005/Atom"
_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:[^\s<>\"{}|\\^`]+$")
_RFC3339 = re.compile(
    r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$", re.IGNORECASE
)
_TEXT_TYPES = {"text", "html", "xhtml"}


def q(tag: str) -> str:
    """The qualified name of an Atom element."""
    return f"{{{ATOM}}}{tag}"


def is_rfc3339(text: str) -> bool:
    """True when ``text`` is an RFC 3339 date-time with a zone that names a real moment."""
    if not _RFC3339.match(text):
        return False
    try:
        datetime.fromisoformat(text.upper().replace("Z", "+00:00"))
    except ValueError:
        return False
    return True


def _once(parent: ET.Element, tag: str, where: str, problems: list[str]) -> ET.Element | None:
    found = parent.findall(q(tag))
    if len(found) != 1:
        problems.append(f"{where}: {len(found)} <{tag}> elements, exactly one required")
    return found[0] if found else None


def _at_most_once(
    parent: ET.Element, tags: tuple[str, ...], where: str, problems: list[str]
) -> None:
    for tag in tags:
        if len(parent.findall(q(tag))) > 1:
            problems.append(f"{where}: more than one <{tag}>")


def _text_construct(element: ET.Element | None, where: str, problems: list[str]) -> None:
    if element is None:
        return
    kind = element.get("type", "text")
    if kind not in _TEXT_TYPES:
        problems.append(f"{where}: text construct of unknown type {kind!r}")
    if kind in ("text", "html") and len(element):
        problems.append(f"{where}: a {kind} construct holds child elements")


def _common(parent: ET.Element, where: str, problems: list[str]) -> None:
    """What feeds and entries share: id, title, updated, links, authors."""
    ident = _once(parent, "id", where, problems)
    if ident is not None and not _IRI.match((ident.text or "").strip()):
        problems.append(f"{where}: id {ident.text!r} is not an absolute IRI")
    _text_construct(_once(parent, "title", where, problems), f"{where} title", problems)
    updated = _once(parent, "updated", where, problems)
    if updated is not None and not is_rfc3339((updated.text or "").strip()):
        problems.append(f"{where}: updated {updated.text!r} is not an RFC 3339 date-time")
    for published in parent.findall(q("published")):
        if not is_rfc3339((published.text or "").strip()):
            problems.append(f"{where}: published {published.text!r} is not RFC 3339")
    alternates: Counter[tuple[str | None, str | None]] = Counter()
    for link in parent.findall(q("link")):
        href = link.get("href")
        if href is None or not _IRI.match(href):
            problems.append(f"{where}: link href {href!r} is not absolute")
        if link.get("rel", "alternate") == "alternate":
            alternates[(link.get("type"), link.get("hreflang"))] += 1
    if any(count > 1 for count in alternates.values()):
        problems.append(f"{where}: more than one alternate link of one type and language")
    for author in parent.findall(q("author")):
        if len(author.findall(q("name"))) != 1:
            problems.append(f"{where}: an author without exactly one name")


def atom_problems(document: bytes | str) -> list[str]:
    """Return every RFC 4287 requirement ``document`` breaks (see the module's docstring)."""
    try:
        root = ET.fromstring(document)
    except ET.ParseError as err:
        return [f"not well-formed XML: {err}"]
    if root.tag != q("feed"):
        return [f"the root element is {root.tag}, not an Atom feed"]
    problems: list[str] = []
    _common(root, "feed", problems)
    _at_most_once(root, ("subtitle", "rights", "icon", "logo", "generator"), "feed", problems)
    feed_author = bool(root.findall(q("author")))
    for n, entry in enumerate(root.findall(q("entry")), 1):
        where = f"entry {n}"
        _common(entry, where, problems)
        _at_most_once(
            entry, ("published", "summary", "content", "source", "rights"), where, problems
        )
        if not feed_author and not entry.findall(q("author")):
            problems.append(f"{where}: no author, and the feed names none")
        content = entry.find(q("content"))
        has_alternate = any(
            link.get("rel", "alternate") == "alternate" for link in entry.findall(q("link"))
        )
        if content is None and not has_alternate:
            problems.append(f"{where}: neither content nor an alternate link")
        if content is not None:
            kind = content.get("type", "text")
            out_of_line = content.get("src") is not None
            if kind in _TEXT_TYPES:
                _text_construct(content, f"{where} content", problems)
            elif (out_of_line or not kind.startswith("text/")) and entry.find(q("summary")) is None:
                problems.append(f"{where}: content of type {kind!r} without a summary")
        _text_construct(entry.find(q("summary")), f"{where} summary", problems)
    return problems
