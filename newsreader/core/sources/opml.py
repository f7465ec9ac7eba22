"""OPML, the list-of-feeds file every feed reader imports and exports.

Feeds are the standard outlines (``type="rss"``, ``xmlUrl``, ``text``/``title``); VSB sites,
which have no feed, are ``type="vsb"`` outlines with an ``htmlUrl``. Reading is safe for any
file: at most :data:`MAX_OPML_BYTES`, its DOCTYPE removed before parsing (so no entity is
declared: nothing expands, no external entity is read) and any entity declaration that gets
through refused; an encoding the XML parser cannot read (``gbk``) is decoded here first;
HTML entity names (``&nbsp;``) and bare ``&`` are read as a browser would. At most
:data:`~newsreader.core.sources.registry.MAX_SOURCES` entries are read, the rest counted.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from html.entities import html5
from xml.sax.saxutils import escape

from newsreader.core.errors import Fact, Note, OpmlError, UsageError
from newsreader.core.sanitize import clean_line
from newsreader.core.sources.registry import (
    MAX_SOURCES,
    MSG_FULL,
    Kind,
    Registry,
    SourceEntry,
    make_entry,
    name_key,
    unique_name,
)
from newsreader.core.urls import host_of, problem_cause, url_problem

MAX_OPML_BYTES = 10 * 1024 * 1024
"""Largest OPML file read (ten thousand outlines take about 1.5 MB)."""
MAX_OPML_SOURCES = MAX_SOURCES
"""Outlines imported from one file at most; the rest are counted and reported."""
NOTES_KEPT = 100
"""Reasons for skipped outlines kept one by one; the rest are counted."""

_DECLARATION = re.compile(r"\A\ufeff?\s*<\?xml[^>]*\?>")
_ENCODING = re.compile(
    rb"""\A(?:\xef\xbb\xbf)?\s*<\?xml[^>]*encoding\s*=\s*["']([\w.:-]{1,40})["']"""
)
_DOCTYPE = re.compile(
    r"""<!DOCTYPE(?:[^\[>"']|"[^"]*"|'[^']*'|\[(?:[^\]"']|"[^"]*"|'[^']*')*\])*>""", re.I
)
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
_AMP = re.compile(r"&(#[0-9]{1,8};|#[xX][0-9a-fA-F]{1,7};|[A-Za-z][A-Za-z0-9]{0,31};)?")
_XML_ENTITIES = frozenset(("amp;", "lt;", "gt;", "quot;", "apos;"))


@dataclass(frozen=True, slots=True)
class Outline:
    """One source an OPML file lists (checked when imported, not here)."""

    name: str | None
    url: str
    kind: Kind


@dataclass(slots=True)
class OpmlImport:
    """What reading and importing an OPML file did.

    Attributes:
        added: The sources added, in the file's order.
        skipped: Why outlines were left out, one note each (the first :data:`NOTES_KEPT`), in
            English and ready to translate.
        skipped_count: Outlines left out in all, those over the cap included.
        over_cap: Outlines past :data:`MAX_OPML_SOURCES`, not looked at.
    """

    added: list[SourceEntry] = field(default_factory=list)
    skipped: list[Note] = field(default_factory=list)
    skipped_count: int = 0
    over_cap: int = 0

    def skip(self, reason: Note) -> None:
        """Count an outline left out, keeping the reason while few are kept."""
        self.skipped_count += 1
        if len(self.skipped) < NOTES_KEPT:
            self.skipped.append(reason)


def _decode(data: bytes) -> str:
    """Decode by BOM, else the XML declaration's encoding (GBK labels as GB18030), else UTF-8."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    match = _ENCODING.match(data)
    codec = match.group(1).decode("ascii").lower() if match else "utf-8"
    if codec in ("gbk", "gb2312", "gb_2312-80", "x-gbk", "cp936"):
        codec = "gb18030"
    try:
        return data.decode(codec, errors="replace").removeprefix("\ufeff")
    except LookupError:
        return data.decode("utf-8", errors="replace").removeprefix("\ufeff")


def _entity(match: re.Match[str]) -> str:
    ref = match.group(1)
    if ref is None:
        return "&amp;"  # a bare "&", as browsers and feed readers take it
    if ref.startswith("#"):
        code = int(ref[2:-1], 16) if ref[1] in "xX" else int(ref[1:-1])
        valid = code in (9, 10, 13) or 0x20 <= code <= 0xD7FF or 0xE000 <= code <= 0x10FFFF
        return match.group(0) if valid and code not in (0xFFFE, 0xFFFF) else ""
    if ref in _XML_ENTITIES:
        return match.group(0)
    text = html5.get(ref)
    if text is None:
        return "&amp;" + ref
    return "".join(f"&#x{ord(ch):x};" for ch in text)


def prepare(data: bytes, path: str = "OPML") -> str:
    """Return the document as text the XML parser reads safely (see the module's docstring).

    Args:
        data: The document.
        path: The file's name, for the error.

    Raises:
        OpmlError: A DOCTYPE is left that could not be removed.
    """
    text = _DECLARATION.sub("", _decode(data), count=1)
    text = _DOCTYPE.sub("", text)
    if re.search(r"<!DOCTYPE", text, re.I):
        raise OpmlError(
            "not a readable OPML file: it has a DOCTYPE that cannot be removed",
            reason="opml_doctype",
            facts={"path": path},
        )
    return _AMP.sub(_entity, _CONTROLS.sub("", text))


def read_opml(data: bytes, path: str = "OPML") -> tuple[list[Outline], OpmlImport]:
    """Return the sources an OPML document lists, in order, and what was skipped reading it.

    Args:
        data: The document.
        path: The file's name, for the errors.

    Raises:
        OpmlError: The document is not OPML, not well-formed XML (with line and column), or
            declares entities.
    """
    import xml.parsers.expat

    if not data.strip():
        raise OpmlError("not an OPML file: it is empty", reason="opml_empty", facts={"path": path})
    report = OpmlImport()
    outlines: list[Outline] = []
    root: list[str] = []

    def start(tag: str, attrs: dict[str, str]) -> None:
        if not root:
            root.append(tag)
            if tag.lower() != "opml":
                raise OpmlError(
                    f"not an OPML file: its root element is <{tag[:40]}>",
                    reason="opml_root",
                    facts={"path": path, "tag": tag[:40]},
                )
        if tag != "outline":
            return
        outline = _outline({k.lower(): v for k, v in attrs.items()}, report)
        if outline is None:
            return
        if len(outlines) >= MAX_OPML_SOURCES:
            report.over_cap += 1
            report.skipped_count += 1
        else:
            outlines.append(outline)

    def no_entities(*_args: object) -> None:
        raise OpmlError(
            "not a readable OPML file: it declares entities",
            reason="opml_entities",
            facts={"path": path},
        )

    parser = xml.parsers.expat.ParserCreate()
    parser.StartElementHandler = start
    parser.EntityDeclHandler = no_entities
    parser.SetParamEntityParsing(xml.parsers.expat.XML_PARAM_ENTITY_PARSING_NEVER)
    try:
        parser.Parse(prepare(data, path), True)
    except xml.parsers.expat.ExpatError as err:
        problem = xml.parsers.expat.ErrorString(err.code)
        column = err.offset + 1
        raise OpmlError(
            f"not a readable OPML file: {problem} at line {err.lineno}, column {column}",
            reason="opml_xml",
            # The parser's own words are English: the English line alone names them.
            facts={"path": path, "problem": problem, "line": err.lineno, "column": column},
        ) from None
    return outlines, report


def _outline(attrs: dict[str, str], report: OpmlImport) -> Outline | None:
    """Return the source an ``<outline>`` names, ``None`` for a folder or one skipped."""
    kind_attr = attrs.get("type", "").strip().lower()
    feed_url = attrs.get("xmlurl", "").strip()
    page_url = attrs.get("htmlurl", "").strip()
    name = clean_line(attrs.get("text") or attrs.get("title") or "") or None
    shown = repr(name[:60]) if name else "an outline"
    if feed_url and kind_attr != "vsb":
        url, kind = feed_url, "feed"
    elif kind_attr == "vsb" and page_url:
        url, kind = page_url, "vsb"
    elif page_url:
        report.skip(
            Note(
                f"{shown}: a web page ({page_url[:100]!r}), neither a feed nor a VSB site",
                key="note.opml_web_page",
                facts={"name": shown, "url": repr(page_url[:100])},
            )
        )
        return None
    else:
        return None  # a folder of outlines, or a note: nothing to import
    problem = url_problem(url)
    if problem is not None:
        report.skip(
            Note(
                f"{shown}: {url[:100]!r} is not an http(s) URL ({problem})",
                key="note.opml_bad_url",
                facts={"name": shown, "url": repr(url[:100]), "cause": problem_cause(problem)},
            )
        )
        return None
    return Outline(name, url, "feed" if kind == "feed" else "vsb")


def import_opml(registry: Registry, data: bytes, path: str = "OPML") -> tuple[Registry, OpmlImport]:
    """Return ``registry`` with the sources of an OPML document added, and the report.

    Names are kept (made unique with `` (2)``…), and the file's order; a source listed
    already (by identity) is skipped, as is one past the list's cap.

    Args:
        registry: The list to add to.
        data: The document.
        path: The file's name, for the errors.

    Raises:
        OpmlError: The document cannot be read (see :func:`read_opml`).
    """
    if len(data) > MAX_OPML_BYTES:
        mb = MAX_OPML_BYTES // (1024 * 1024)
        raise OpmlError(
            f"the OPML file is larger than {mb} MB",
            reason="opml_too_large",
            facts={"path": path, "mb": mb},
        )
    outlines, report = read_opml(data, path)
    entries = list(registry.entries)
    names = {name_key(entry.name) for entry in entries}
    identities = {entry.identity: entry for entry in entries}
    for outline in outlines:
        shown = repr(outline.name[:60]) if outline.name else outline.url[:100]
        said: dict[str, Fact] = {"name": shown}
        try:
            name = unique_name(outline.name or host_of(outline.url) or outline.url, names)
            entry = make_entry(name, outline.url, outline.kind)
        except UsageError as err:
            report.skip(
                Note(f"{shown}: {err.message}", key="note.opml_refused", facts=said, error=err)
            )
            continue
        known = identities.get(entry.identity)
        if known is not None:
            text = f"{shown}: already a source ({known.name})"
            report.skip(Note(text, key="note.opml_known", facts={**said, "known": known.name}))
        elif len(entries) >= MAX_SOURCES:
            text = f"{shown}: {MSG_FULL.format(max=MAX_SOURCES)}"
            report.skip(Note(text, key="note.opml_full", facts={**said, "max": f"{MAX_SOURCES:,}"}))
        else:
            entries.append(entry)
            names.add(name_key(entry.name))
            identities[entry.identity] = entry
            report.added.append(entry)
    return dataclasses.replace(registry, entries=tuple(entries)), report


def write_opml(entries: Iterable[SourceEntry], title: str = "newsreader sources") -> str:
    """Return an OPML 2.0 document of ``entries`` in order (:func:`import_opml` reads it back)."""

    def attr(value: str) -> str:
        return '"' + escape(value, {'"': "&quot;", "\n": "&#10;", "\t": "&#9;"}) + '"'

    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<opml version="2.0">',
        f"  <head><title>{escape(title)}</title></head>",
        "  <body>",
    ]
    for entry in entries:
        name = attr(entry.name)
        if entry.kind == "feed":
            where = f'type="rss" xmlUrl={attr(entry.url)}'
        else:
            where = f'type="vsb" htmlUrl={attr(entry.url)}'
        lines.append(f"    <outline text={name} title={name} {where}/>")
    lines += ["  </body>", "</opml>", ""]
    return "\n".join(lines)
