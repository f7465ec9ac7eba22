"""Article body -> :class:`~newsreader.core.models.Block` sequence, by iterative traversal.

The walk uses an explicit stack (no Python recursion per nesting level) and stops after
:data:`MAX_BLOCKS` blocks or :data:`MAX_NODES` visited nodes, so hostile pages cost bounded time.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING

from newsreader.core.models import Block, BlockKind, Image, LinkSpan
from newsreader.core.parse.dom import attr, link_url
from newsreader.core.parse.headings import HEADING_LEVEL, bold_heading, has_bold
from newsreader.core.sanitize import clean_line, clean_paragraph, clean_text

if TYPE_CHECKING:
    from selectolax.lexbor import LexborNode

MAX_BLOCKS = 20_000
MAX_NODES = 400_000
_SKIP = frozenset(
    (
        "script",
        "style",
        "noscript",
        "template",
        "-comment",
        "o:p",
        "head",
        "title",
        "meta",
        "link",
        "input",
        "button",
        "select",
        "textarea",
        "iframe",
        "object",
        "svg",
        "form-ignore",
    )
)
_BLOCK = frozenset(
    (
        "p",
        "div",
        "section",
        "article",
        "center",
        "dl",
        "dt",
        "dd",
        "figure",
        "figcaption",
        "hr",
        "address",
        "header",
        "footer",
        "main",
        "aside",
        "form",
        "fieldset",
        "tbody",
        "tr",
        "td",
        "th",
        "caption",
        "details",
        "summary",
        "nav",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
    )
)
_NESTING = frozenset(("ul", "ol", "li", "blockquote", "pre"))
"""Elements that open a list or a quote/pre context (see :func:`_enter`); none is in _BLOCK."""
_HEADINGS = {f"h{n}": n for n in range(1, 7)}


def _slot_setters() -> tuple[Callable[[Block, object], None], ...]:
    names = tuple(f.name for f in fields(Block))
    if names != ("kind", "text", "level", "marker", "url", "rows", "links"):
        raise RuntimeError(f"Block fields changed ({names}): update body._paragraph()")
    return tuple(getattr(Block, name).__set__ for name in names)


_SET_KIND, _SET_TEXT, _SET_LEVEL, _SET_MARKER, _SET_URL, _SET_ROWS, _SET_LINKS = _slot_setters()


def _paragraph(text: str) -> Block:
    """Return ``Block("paragraph", text)``, built ~40 % faster than by the frozen dataclass's
    ``__init__`` (seven ``object.__setattr__`` calls): the most common block of a page."""
    block: Block = object.__new__(Block)
    _SET_KIND(block, "paragraph")
    _SET_TEXT(block, text)
    _SET_LEVEL(block, 0)
    _SET_MARKER(block, "")
    _SET_URL(block, "")
    _SET_ROWS(block, ())
    _SET_LINKS(block, ())
    return block


@dataclass
class _Context:
    kind: BlockKind
    level: int = 0
    marker: str = ""
    counter: int = 0  # ordered lists: the next item number


@dataclass
class BodyResult:
    """Blocks and images of a body, in reading order."""

    blocks: list[Block] = field(default_factory=list)
    images: list[Image] = field(default_factory=list)


class _Builder:
    def __init__(self, base: str) -> None:
        self.base = base
        self.out = BodyResult()
        self.parts: list[str] = []
        self.links: list[tuple[str, str]] = []
        self.contexts: list[_Context] = [_Context("paragraph")]
        self.lists: list[_Context] = []

    def flush(self) -> None:
        parts = self.parts
        if not parts:
            self.links.clear()
            return
        raw = "".join(parts)
        parts.clear()
        if raw.isspace():  # the markup's line breaks between blocks: the common case, no block
            self.links.clear()
            return
        ctx = self.contexts[-1]
        kind = ctx.kind
        if kind == "pre":
            # Preformatted text keeps its own line structure and indentation.
            lines = [line.rstrip() for line in clean_text(raw).split("\n")]
            text = "\n".join(lines).strip("\n")
            if not text.strip():
                self.links.clear()
                return
        else:
            text = clean_paragraph(raw)  # stripped already
            if not text:
                self.links.clear()
                return
        spans = self._spans(text) if self.links else ()
        if kind == "paragraph":
            block = _paragraph(text) if not spans else Block("paragraph", text, links=spans)
        elif kind == "list_item":
            block = Block("list_item", text, level=ctx.level, marker=ctx.marker, links=spans)
        elif kind in ("quote", "pre"):
            block = Block(kind, text, links=spans)
        else:
            block = Block("paragraph", text, links=spans)
        blocks = self.out.blocks
        if len(blocks) < MAX_BLOCKS:
            blocks.append(block)

    def _spans(self, text: str) -> tuple[LinkSpan, ...]:
        spans: list[LinkSpan] = []
        cursor = 0
        for label, url in self.links:
            if not label:
                continue
            pos = text.find(label, cursor)
            if pos < 0:
                continue
            spans.append(LinkSpan(pos, pos + len(label), url))
            cursor = pos + len(label)
        self.links.clear()
        return tuple(spans)

    def add(self, block: Block) -> None:
        if len(self.out.blocks) < MAX_BLOCKS:
            self.out.blocks.append(block)

    def image(self, node: LexborNode) -> None:
        # VSB writes the uploaded original in ``orisrc`` and may point ``src`` at a scaled copy.
        src = (
            attr(node, "orisrc")
            or attr(node, "src")
            or attr(node, "data-src")
            or attr(node, "original-src")
        )
        url = link_url(src, self.base)
        if url is None:
            return
        alt = clean_line(attr(node, "alt") or attr(node, "title"))
        self.flush()
        self.add(Block("image", alt, url=url))
        self.out.images.append(Image(url, alt))

    def table(self, node: LexborNode) -> list[LexborNode] | None:
        """Emit a data table; return the single cell's children for a layout table."""
        cells = node.css("td, th")
        if len(cells) <= 1:
            return list(cells[0].iter(include_text=True)) if cells else []
        if len(cells) <= 4 and any(c.css_first("p, div, table, img") is not None for c in cells):
            # A few big cells holding paragraphs: layout, read it as blocks.
            return list(node.iter(include_text=True))
        # The cells of each row (``tr``, nested tables' rows too), grouped from the cells found
        # above instead of a second query for the rows: a row's first cell comes after the first
        # cell of every row before it, so the groups are in the rows' document order.
        rows: dict[int, list[str]] = {}
        for cell in cells:
            row = cell.parent
            if row is not None and row.tag == "tr":
                texts = rows.get(row.mem_id)
                if texts is None:
                    rows[row.mem_id] = texts = []
                texts.append(clean_line(cell.text() or ""))
        table = tuple(tuple(texts) for texts in rows.values() if any(texts))
        self.flush()
        if table:
            self.add(Block("table", rows=table))
        return None


def extract_blocks(root: LexborNode, base: str) -> BodyResult:
    """Return the blocks of the subtree under ``root`` (exclusive) in reading order.

    Args:
        root: The body container, e.g. ``.v_news_content``.
        base: The page URL, to make image and link URLs absolute.
    """
    builder = _Builder(base)
    blocks = builder.out.blocks
    parts = builder.parts
    links = builder.links
    contexts = builder.contexts
    flush = builder.flush
    bold = has_bold(root)  # else no paragraph can be a bold heading: none is looked at
    # Elements to visit, and the tag names (plain str) of elements to leave once their children
    # are done; children are pushed in reverse so that they pop in document order.
    stack: list[LexborNode | str] = list(root.iter(include_text=True))
    stack.reverse()
    pop = stack.pop
    visited = 0
    while stack and visited < MAX_NODES and len(blocks) < MAX_BLOCKS:
        item = pop()
        visited += 1
        if type(item) is str:
            if item in _BLOCK:
                if parts or links:
                    flush()
            elif item in _NESTING:
                _leave(builder, item)
            continue
        node: LexborNode = item  # type: ignore[assignment]
        tag = node.tag
        if tag == "-text":
            text = node.text_content or ""
            # Whitespace that would start a paragraph is stripped by the flush anyway (the
            # markup's line breaks between blocks, the most common text node): keep it out of
            # ``parts``, except in ``pre`` where indentation counts.
            if parts or not text.isspace() or contexts[-1].kind == "pre":
                parts.append(text)
            continue
        if tag == "p":
            # The most common element, a plain block: what the general case below does for it,
            # without its checks.
            if parts or links:
                flush()
            first = node.child
            if first is not None and first.next is None and first.tag == "-text":
                visited += 2
                raw = first.text_content or ""
                if len(contexts) > 1:  # in a list item, quote or pre
                    parts.append(raw)
                    flush()
                elif not raw.isspace():
                    # What flush() makes of it in the body's paragraph context (``parts`` is
                    # empty: flushed above).
                    text = clean_paragraph(raw)
                    if text and len(blocks) < MAX_BLOCKS:
                        blocks.append(_paragraph(text))
                continue
            if bold and len(contexts) == 1 and (heading := bold_heading(node)) is not None:
                # <p><strong>一、总体要求</strong></p>: a heading typed in bold (headings.py).
                builder.add(Block("heading", heading, level=HEADING_LEVEL))
                continue
            stack.append(tag)
            inner = list(node.iter(include_text=True))
            inner.reverse()
            stack += inner
            continue
        if tag in _SKIP or tag is None or tag.startswith("-"):
            continue
        if tag == "br":
            parts.append("\n")
            continue
        if tag == "img":
            builder.image(node)
            continue
        if tag in _HEADINGS:
            builder.flush()
            text = clean_line(node.text() or "")
            if text:
                builder.add(Block("heading", text, level=_HEADINGS[tag]))
            for img in node.css("img"):
                builder.image(img)
            continue
        if tag == "table":
            children = builder.table(node)
            if children is not None:
                builder.flush()
                stack.append("div")
                children.reverse()
                stack += children
            continue
        if tag in _BLOCK:
            if parts or links:
                flush()
        elif tag == "a":
            url = link_url(attr(node, "href"), base)
            if url is not None:
                links.append((clean_line(node.text() or ""), url))
        elif tag in _NESTING:
            _enter(builder, node, tag)
        first = node.child
        if first is not None and first.next is None and first.tag == "-text":
            # The most common element, <p>text</p>: enter, text, leave without the stack.
            parts.append(first.text_content or "")
            visited += 2
            if tag in _BLOCK:
                flush()
            elif tag in _NESTING:
                _leave(builder, tag)
            continue
        stack.append(tag)
        children = list(node.iter(include_text=True))
        children.reverse()
        stack += children
    builder.flush()
    return builder.out


def _enter(builder: _Builder, node: LexborNode, tag: str) -> bool:
    if tag in ("ul", "ol"):
        builder.flush()
        start = attr(node, "start")
        builder.lists.append(
            _Context(
                "list_item",
                level=len(builder.lists) + 1,
                counter=int(start) if start.isdigit() and len(start) < 6 else 1,
                marker="ol" if tag == "ol" else "ul",
            )
        )
        return True
    if tag == "li":
        builder.flush()
        owner = builder.lists[-1] if builder.lists else _Context("list_item", 1, "ul", 1)
        if owner.marker == "ol":
            marker = f"{owner.counter}."
            owner.counter += 1
        else:
            marker = "•"
        builder.contexts.append(_Context("list_item", level=max(owner.level, 1), marker=marker))
        return True
    if tag == "blockquote":
        builder.flush()
        builder.contexts.append(_Context("quote"))
        return True
    if tag == "pre":
        builder.flush()
        builder.contexts.append(_Context("pre"))
        return True
    if tag in _BLOCK:
        builder.flush()
        return True
    return False


def _leave(builder: _Builder, tag: str) -> None:
    if tag in ("ul", "ol"):
        builder.flush()
        if builder.lists:
            builder.lists.pop()
    elif tag in ("li", "blockquote", "pre"):
        builder.flush()
        if len(builder.contexts) > 1:
            builder.contexts.pop()
    elif tag in _BLOCK:
        builder.flush()
