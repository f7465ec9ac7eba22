"""Frozen models of site content (sections, lists, articles), shared by every layer.

Outcomes (fetched pages, service results, search hits, sync summaries) are in
:mod:`newsreader.core.results`.

Every string in these models has already been through :func:`newsreader.core.sanitize.clean_text`
(the parser guarantees it), so no control or escape character from a page reaches a terminal.
The ``to_dict``/``from_dict`` pairs are the cache's storage format and the CLI's JSON shape.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal, cast

BlockKind = Literal["heading", "paragraph", "list_item", "table", "image", "quote", "pre"]
BLOCK_KINDS: frozenset[str] = frozenset(
    ("heading", "paragraph", "list_item", "table", "image", "quote", "pre")
)


@dataclass(frozen=True, slots=True)
class Section:
    """A node of the site's category tree (its nav menu).

    Attributes:
        title: The menu text, e.g. ``新闻资讯``.
        url: Absolute URL of the section's list page; ``None`` when it has none.
        children: Sub-sections in menu order.
    """

    title: str
    url: str | None
    children: tuple[Section, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """Return the CLI/JSON shape ``{"title", "url", "children"}``."""
        return {
            "title": self.title,
            "url": self.url,
            "children": [child.to_dict() for child in self.children],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Section:
        """Build a section (and its subtree) from :meth:`to_dict` output."""
        return cls(
            title=str(data["title"]),
            url=_opt_str(data.get("url")),
            children=tuple(cls.from_dict(c) for c in data.get("children", ())),
        )

    def walk(self, path: tuple[str, ...] = ()) -> Iterable[tuple[tuple[str, ...], Section]]:
        """Yield ``(path, section)`` for this node and every descendant, depth first."""
        here = (*path, self.title)
        yield here, self
        for child in self.children:
            yield from child.walk(here)


@dataclass(frozen=True, slots=True)
class Link:
    """A titled link, e.g. the 上一条/下一条 neighbours of an article."""

    title: str
    url: str

    def to_dict(self) -> dict[str, str]:
        """Return ``{"title", "url"}``."""
        return {"title": self.title, "url": self.url}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Link:
        """Inverse of :meth:`to_dict`."""
        return cls(title=str(data["title"]), url=str(data["url"]))


@dataclass(frozen=True, slots=True)
class ListItem:
    """One entry of a section's article list.

    Attributes:
        title: The full title (from ``title=`` when the visible text is truncated).
        url: Absolute URL; VSB articles are canonicalised to ``…/info/{tree}/{id}.htm``.
        date: ``YYYY-MM-DD`` or ``None`` when the list shows no date.
        external: True when the link leaves the site (kept, never crawled).
    """

    title: str
    url: str
    date: str | None = None
    external: bool = False

    def to_dict(self) -> dict[str, Any]:
        """Return the CLI/JSON shape ``{"title", "url", "date", "external"}``."""
        return {"title": self.title, "url": self.url, "date": self.date, "external": self.external}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ListItem:
        """Inverse of :meth:`to_dict`."""
        return cls(
            title=str(data["title"]),
            url=str(data["url"]),
            date=_opt_str(data.get("date")),
            external=bool(data.get("external", False)),
        )


@dataclass(frozen=True, slots=True)
class ListPage:
    """One page of a section's article list.

    Attributes:
        url: The page's own (final) URL.
        items: Entries in page order (newest first on VSB sites).
        next_url: The page the 下页/下一页 (or ``p_next``) link points to; ``None`` on the last.
        total: Total number of articles in the section when the page shows it (``共1162条``).
        page_count: Number of pages when the page shows it (``1/11``).
        column: The section name from the ``ColumnName`` META or the breadcrumb, if any.
        skipped: Links of the list left out as malformed (a port past 65535, a host that does
            not encode, an article id too long to be one) or, for the pager, off the site.
        truncated: Links left out past the parser's caps (entries beyond
            ``parse.listing.MAX_LIST_ITEMS``, links after its first ``MAX_LIST_LINKS``).
    """

    url: str
    items: tuple[ListItem, ...]
    next_url: str | None = None
    total: int | None = None
    page_count: int | None = None
    column: str | None = None
    skipped: int = 0
    truncated: int = 0

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-able dict (the cache's storage format)."""
        return {
            "url": self.url,
            "items": [item.to_dict() for item in self.items],
            "next_url": self.next_url,
            "total": self.total,
            "page_count": self.page_count,
            "column": self.column,
            "skipped": self.skipped,
            "truncated": self.truncated,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ListPage:
        """Inverse of :meth:`to_dict`."""
        return cls(
            url=str(data["url"]),
            items=tuple(ListItem.from_dict(i) for i in data.get("items", ())),
            next_url=_opt_str(data.get("next_url")),
            total=_opt_int(data.get("total")),
            page_count=_opt_int(data.get("page_count")),
            column=_opt_str(data.get("column")),
            skipped=_opt_int(data.get("skipped")) or 0,
            truncated=_opt_int(data.get("truncated")) or 0,
        )


@dataclass(frozen=True, slots=True)
class LinkSpan:
    """A link inside a block's text: ``text[start:end]`` points at ``url``."""

    start: int
    end: int
    url: str


@dataclass(frozen=True, slots=True)
class Block:
    """One block of an article body, in reading order.

    Attributes:
        kind: ``heading``, ``paragraph``, ``list_item``, ``table``, ``image``, ``quote`` or ``pre``.
        text: The block's plain text (for ``image`` its alt text; empty for ``table``).
        level: Heading level (1-6) or list nesting depth (1+); 0 otherwise.
        marker: A list item's marker (``•`` or ``3.``); empty otherwise.
        url: An image's absolute source URL; empty otherwise.
        rows: A table's cells, row by row; empty otherwise.
        links: Links inside ``text``.
    """

    kind: BlockKind
    text: str = ""
    level: int = 0
    marker: str = ""
    url: str = ""
    rows: tuple[tuple[str, ...], ...] = ()
    links: tuple[LinkSpan, ...] = ()

    def plain(self) -> str:
        """Return the block as plain text, as it appears in ``Article.body``."""
        if self.kind == "list_item":
            indent = "  " * max(self.level - 1, 0)
            return f"{indent}{self.marker or '•'} {self.text}"
        if self.kind == "table":
            return "\n".join(" | ".join(row) for row in self.rows)
        if self.kind == "image":
            return ""
        return self.text

    def to_dict(self) -> dict[str, Any]:
        """Return a compact JSON-able dict (defaults omitted, to keep the cache small)."""
        out: dict[str, Any] = {"k": self.kind}
        if self.text:
            out["t"] = self.text
        if self.level:
            out["l"] = self.level
        if self.marker:
            out["m"] = self.marker
        if self.url:
            out["u"] = self.url
        if self.rows:
            out["r"] = [list(row) for row in self.rows]
        if self.links:
            out["a"] = [[s.start, s.end, s.url] for s in self.links]
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Block:
        """Inverse of :meth:`to_dict`."""
        kind = str(data["k"])
        if kind not in BLOCK_KINDS:
            raise ValueError(f"unknown block kind {kind!r}")
        return cls(
            kind=cast(BlockKind, kind),
            text=str(data.get("t", "")),
            level=int(data.get("l", 0)),
            marker=str(data.get("m", "")),
            url=str(data.get("u", "")),
            rows=tuple(tuple(str(c) for c in row) for row in data.get("r", ())),
            links=tuple(LinkSpan(int(a[0]), int(a[1]), str(a[2])) for a in data.get("a", ())),
        )


@dataclass(frozen=True, slots=True)
class Attachment:
    """A downloadable file linked from an article (VSB ``DownloadAttachUrl`` links)."""

    name: str
    url: str

    def to_dict(self) -> dict[str, str]:
        """Return ``{"name", "url"}``."""
        return {"name": self.name, "url": self.url}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Attachment:
        """Inverse of :meth:`to_dict`."""
        return cls(name=str(data["name"]), url=str(data["url"]))


@dataclass(frozen=True, slots=True)
class Image:
    """An image of an article body."""

    url: str
    alt: str = ""

    def to_dict(self) -> dict[str, str]:
        """Return ``{"url", "alt"}``."""
        return {"url": self.url, "alt": self.alt}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Image:
        """Inverse of :meth:`to_dict`."""
        return cls(url=str(data["url"]), alt=str(data.get("alt", "")))


@dataclass(frozen=True, slots=True)
class Article:
    """A parsed article page.

    Attributes:
        url: Canonical absolute URL (``…/info/{tree}/{id}.htm`` for VSB articles).
        title: ``ArticleTitle`` META, else the visible heading.
        source: 来源 / ``ContentSource``; ``None`` when absent.
        date: Publication date ``YYYY-MM-DD``; ``None`` when absent.
        published: The full publication stamp as given (``2024-09-09 17:29``), if any.
        editor: 责任编辑 / 编辑, if any.
        section: The breadcrumb's section path, e.g. ``("新闻资讯", "新闻")``.
        blocks: The cleaned body, in reading order.
        attachments: Downloadable files.
        images: Images of the body, in order.
        prev: The 上一条 neighbour, ``None`` for 没有了 or when absent.
        next: The 下一条 neighbour, likewise.
    """

    url: str
    title: str
    source: str | None = None
    date: str | None = None
    published: str | None = None
    editor: str | None = None
    section: tuple[str, ...] = ()
    blocks: tuple[Block, ...] = ()
    attachments: tuple[Attachment, ...] = ()
    images: tuple[Image, ...] = ()
    prev: Link | None = None
    next: Link | None = None

    @property
    def body(self) -> str:
        """The body as plain text: paragraphs separated by one blank line."""
        parts = (block.plain() for block in self.blocks)
        return "\n\n".join(part for part in parts if part)

    def to_json(self) -> dict[str, Any]:
        """Return the CLI's ``read --json`` shape (see the README)."""
        return {
            "url": self.url,
            "title": self.title,
            "source": self.source,
            "date": self.date,
            "editor": self.editor,
            "section": list(self.section),
            "body": self.body,
            "attachments": [a.to_dict() for a in self.attachments],
            "images": [i.to_dict() for i in self.images],
            "prev": self.prev.to_dict() if self.prev else None,
            "next": self.next.to_dict() if self.next else None,
        }

    def to_dict(self) -> dict[str, Any]:
        """Return the cache's storage format (lossless, unlike :meth:`to_json`)."""
        data = self.to_json()
        del data["body"]
        data["published"] = self.published
        data["blocks"] = [b.to_dict() for b in self.blocks]
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Article:
        """Inverse of :meth:`to_dict`."""
        prev = data.get("prev")
        nxt = data.get("next")
        return cls(
            url=str(data["url"]),
            title=str(data["title"]),
            source=_opt_str(data.get("source")),
            date=_opt_str(data.get("date")),
            published=_opt_str(data.get("published")),
            editor=_opt_str(data.get("editor")),
            section=tuple(str(s) for s in data.get("section", ())),
            blocks=tuple(Block.from_dict(b) for b in data.get("blocks", ())),
            attachments=tuple(Attachment.from_dict(a) for a in data.get("attachments", ())),
            images=tuple(Image.from_dict(i) for i in data.get("images", ())),
            prev=Link.from_dict(prev) if prev else None,
            next=Link.from_dict(nxt) if nxt else None,
        )


def _opt_str(value: object) -> str | None:
    return None if value is None else str(value)


def _opt_int(value: object) -> int | None:
    if value is None:
        return None
    if isinstance(value, (int, str)):
        return int(value)
    raise ValueError(f"not an integer: {value!r}")
