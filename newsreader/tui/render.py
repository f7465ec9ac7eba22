"""Turning models into Textual ``Content``: the reader's article body and the list's rows.

Everything here is pure (no widgets, no app), so a big article can be rendered in a thread worker
and the functions can be tested without a terminal. Page text is only ever wrapped in
``Content(...)``/``Content.styled(...)``: it is never parsed as markup, so a title such as
``[@click=app.quit]`` is shown as the characters it is. Text is also passed through the core
sanitizer once more, in case a model was built by something other than the parser.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal, assert_never

from rich.cells import cell_len, get_character_cell_size, set_cell_size
from textual.content import Content

from newsreader.core.cells import FIELD_GAP, break_offsets, field_lines
from newsreader.core.models import Article, Block
from newsreader.core.render.dispatch import link_runs, write_block
from newsreader.core.render.text import table_grid
from newsreader.core.sanitize import clean_line, clean_text
from newsreader.tui.i18n import Translator

LinkKind = Literal["link", "attachment", "image", "prev", "next"]

# The widest grid of a table when no width is given (the reader passes its wrap width).
MAX_GRID_WIDTH = 100


@dataclass(frozen=True, slots=True)
class LinkTarget:
    """Something the reader can open: a body link, an attachment, an image or a neighbour.

    Attributes:
        kind: What it is; decides its label and how it is opened.
        label: Sanitized text to show for it.
        url: Where it points.
        number: Its number in the article's link list (a body link's is its ``[n]``
            footnote), or 0 before the list is made.
    """

    kind: LinkKind
    label: str
    url: str
    number: int = 0


@dataclass(frozen=True, slots=True)
class Fields:
    """Fields side by side (``来源: 协会秘书处   发布日期: …``) that wrap between fields.

    A field moves whole to the next line when it does not fit after the others: a label
    (``责任编辑``) is never broken, nor cut from its value. Only a field wider than the whole
    line is broken. The layout is the core's (:func:`~newsreader.core.cells.field_lines`, which
    ``read`` prints too); this only keeps the fields' styles.

    Attributes:
        items: The fields, in order.
        gap: What separates two fields on a line.
    """

    items: tuple[Content, ...]
    gap: str = FIELD_GAP

    @property
    def plain(self) -> str:
        """The fields as one line of plain text."""
        return self.gap.join(item.plain for item in self.items)

    def lines(self, width: int) -> list[Content]:
        """The fields laid out on lines at most ``width`` cells wide, by the core's layout."""
        fields = [item.plain for item in self.items]
        # Measured as Textual measures what it draws.
        layout = field_lines(fields, width, self.gap, cell_len)
        gap = Content(self.gap)
        return [gap.join(self.items[p.index][p.start : p.end] for p in line) for line in layout]


Row = Content | Fields
"""A row of a block: text (its ``\\n`` start new lines) or fields."""

TextBlock = Content | tuple[Row, ...]
"""A block of the reader: text, or rows with no blank line between them (the title, meta
line and rule of the article's head)."""


@dataclass(frozen=True, slots=True)
class RenderedArticle:
    """An article ready for the reader.

    Attributes:
        url: The article's URL.
        blocks: The head (title, meta fields, rule) and the body's blocks; the reader wraps
            them to its width and puts a blank line between them.
        links: What the article links to, one entry per URL, body links first in the order
            of their ``[n]`` footnotes (see :func:`one_per_target`).
    """

    url: str
    blocks: tuple[TextBlock, ...]
    links: tuple[LinkTarget, ...] = ()

    @property
    def plain(self) -> str:
        """The text on show, as plain text."""
        return "\n\n".join(
            "\n".join(row.plain for row in block) if isinstance(block, tuple) else block.plain
            for block in self.blocks
        )


def wrap_blocks(blocks: Iterable[TextBlock], width: int) -> list[Content]:
    """Wrap blocks to ``width`` cells, one ``Content`` per screen line, blank lines between.

    Wrapping block by block (instead of one giant ``Content``) keeps a 100,000-character article
    well under the reader's time budget, and lets a thread worker do it off the event loop.
    """
    width = max(width, 10)
    lines: list[Content] = []
    for index, block in enumerate(blocks):
        if index:
            lines.append(Content(""))
        for row in block if isinstance(block, tuple) else (block,):
            if isinstance(row, Fields):
                lines.extend(row.lines(width))
                continue
            for line in row.split("\n", allow_blank=True):
                lines.extend(wrap_line(line, width))
    return lines


def wrap_line(line: Content, width: int) -> list[Content]:
    """Wrap one line (no ``\\n``) to ``width`` cells by the core's line-breaking rule."""
    if line.cell_length <= width:
        return [line]
    # The core's line breaking, measured as Textual measures what it draws.
    offsets = break_offsets(line.plain, width, get_character_cell_size)
    return [piece.rstrip() for piece in line.divide(offsets)]


def text_size(article: Article) -> int:
    """The characters an article renders: its blocks' text and its tables' cells."""
    return sum(
        len(b.text) + sum(len(cell) for row in b.rows for cell in row) for b in article.blocks
    )


def safe_line(text: str | None) -> str:
    """Return one line of page text safe to display (defence in depth over the models)."""
    return clean_line(text or "")


def plain(text: str | None, style: str = "") -> Content:
    """Return page text as literal content: never parsed as markup."""
    return Content.styled(safe_line(text), style) if style else Content(safe_line(text))


def fit(text: str, width: int) -> str:
    """Truncate or pad ``text`` to exactly ``width`` terminal cells, with ``…`` when cut.

    Counting cells (not characters) keeps CJK titles from pushing the date column out of line.
    """
    if width <= 0:
        return ""
    if cell_len(text) > width:
        return set_cell_size(text, width - 1) + "…"
    return set_cell_size(text, width)


def render_article(
    article: Article,
    tr: Translator,
    *,
    note: str = "",
    url: str | None = None,
    table_width: int = MAX_GRID_WIDTH,
) -> RenderedArticle:
    """Render an article as one ``Content`` plus the list of its link targets.

    Args:
        article: The article.
        tr: The UI language, for labels such as 来源 and 上一条.
        note: An extra dim line under the meta line (e.g. "cached copy").
        url: The URL the article was asked for (it may differ from its canonical URL).
        table_width: The widest a table's grid may be, in cells: the reader's wrap width, so
            that a grid is not broken by the wrapping of its lines.

    Returns:
        The rendered article. Links in paragraphs get ``[n]`` footnote numbers that match the
        numbers of the link list under the body.
    """
    labels = tr.labels
    head: list[Row] = [plain(article.title, "bold")]
    meta = _meta_fields(article, tr)
    if meta:
        head.append(Fields(tuple(Content.styled(field, "dim") for field in meta)))
    if note:
        head.append(Content.styled(note, "italic dim"))
    head.append(Content.styled("─" * 40, "dim"))
    blocks: list[TextBlock] = [tuple(head)]
    writer = ContentWriter(tr, table_width)
    blocks.extend(write_block(block, writer) for block in article.blocks)
    links = one_per_target(writer.links, article)
    if article.attachments:
        names = [Content.styled(labels.attachments, "bold")]
        names += [Content("  • ") + plain(a.name, "underline") for a in article.attachments]
        blocks.append(Content("\n").join(names))
    blocks.append(_neighbours(article, tr))
    if links:
        blocks.append(Content.styled(tr("reader.links_hint", count=len(links)), "dim italic"))
    return RenderedArticle(url or article.url, tuple(blocks), links)


def one_per_target(found: Iterable[LinkTarget], article: Article) -> tuple[LinkTarget, ...]:
    """Return the article's link list: one entry per URL, numbered from 1.

    Body links come first, so entry ``n`` is the body's footnote ``[n]``; then the
    attachments, the images and 上一条/下一条, each unless an earlier entry has its URL. An
    attachment linked from the body too is one entry, an attachment (it downloads, under its
    name in the attachment list).

    Args:
        found: The targets the body's writer collected (links, images), in body order.
        article: The article (its attachments and neighbours).
    """
    names = {a.url: safe_line(a.name) for a in article.attachments}
    found = tuple(found)
    ordered = [t for t in found if t.kind == "link"]
    ordered += [LinkTarget("attachment", name, url) for url, name in names.items()]
    ordered += [t for t in found if t.kind != "link"]
    if article.prev is not None:
        ordered.append(LinkTarget("prev", safe_line(article.prev.title), article.prev.url))
    if article.next is not None:
        ordered.append(LinkTarget("next", safe_line(article.next.title), article.next.url))
    entries: dict[str, LinkTarget] = {}
    for target in ordered:
        if target.url in entries:
            continue
        entry = target
        if target.url in names:
            entry = LinkTarget("attachment", names[target.url], target.url)
        entries[target.url] = dataclasses.replace(entry, number=len(entries) + 1)
    return tuple(entries.values())


def link_label(target: LinkTarget, tr: Translator) -> Content:
    """Return the one-line label of a link target in the reader's link list: its number (the
    body's footnote number for a body link), what it is unless a plain link, its text, its URL."""
    labels = tr.labels
    match target.kind:
        case "link":
            kind = ""
        case "attachment":
            kind = f"{labels.attachments}: "
        case "image":
            kind = f"{labels.image}: "
        case "prev":
            kind = f"{labels.prev}: "
        case "next":
            kind = f"{labels.next}: "
        case _:
            assert_never(target.kind)
    return Content.assemble(
        Content.styled(f"[{target.number}] {kind}", "bold"),
        Content(target.label or target.url),
        Content.styled(f"  {safe_line(target.url)}", "dim"),
    )


def _meta_fields(article: Article, tr: Translator) -> list[str]:
    """The section's path, then ``label: value`` for each metadata field the article has."""
    meta = [f"{label}: {safe_line(value)}" for label, value in tr.labels.meta(article)]
    section = " › ".join(safe_line(s) for s in article.section if s)
    return [p for p in (section, *meta) if p]


class ContentWriter:
    """Body blocks as Textual ``Content`` for the reader, collecting the links they hold.

    Driven by the core's :func:`~newsreader.core.render.dispatch.write_block`, like the CLI's
    text and the exports.

    Args:
        tr: The UI language.
        table_width: The widest a table's grid may be, in cells.

    Attributes:
        links: The body's link targets so far: numbered links and images, in reading order.
    """

    def __init__(self, tr: Translator, table_width: int = MAX_GRID_WIDTH) -> None:
        self.tr = tr
        self.table_width = table_width
        self.links: list[LinkTarget] = []
        self._numbers: dict[str, int] = {}

    def heading(self, block: Block) -> Content:
        """Bold; underlined too for the top two levels."""
        style = "bold underline" if block.level <= 2 else "bold"
        return Content.styled(safe_line(block.text), style)

    def paragraph(self, block: Block) -> Content:
        """The text, its links numbered."""
        return self._linked(block)

    def list_item(self, block: Block) -> Content:
        """The marker (``•`` when none), indented by depth, then the text."""
        indent = "  " * max(block.level - 1, 0)
        marker = safe_line(block.marker) or "•"
        return Content(f"{indent}{marker} ") + self._linked(block)

    def table(self, block: Block) -> Content:
        """A grid with a bold header row; row by row when too wide for a grid."""
        cells = [[safe_line(c) for c in row] for row in block.rows if row]
        grid = table_grid(cells, self.table_width, cell_len)
        if grid is None:
            # Too wide for a grid: one line per row keeps every cell whole.
            return Content("\n").join(Content(" | ".join(r)) for r in cells)
        lines = [Content(line) for line in grid]
        # The header row, all its lines when its cells were wrapped (a rule follows it then).
        header = next((i for i, line in enumerate(grid) if line.startswith("├")), 1)
        lines[:header] = [line.stylize("bold") for line in lines[:header]]
        return Content("\n").join(lines)

    def image(self, block: Block) -> Content:
        """``[图片: alt]`` and the image's URL; the image joins the link targets."""
        alt = safe_line(block.text)
        self.links.append(LinkTarget("image", alt, block.url))
        return Content.assemble(
            Content.styled(f"[{self.tr.labels.image}: {alt}]", "italic"),
            " ",
            Content.styled(safe_line(block.url), "dim"),
        )

    def quote(self, block: Block) -> Content:
        """Every line italic behind ``│``."""
        lines = clean_text(block.text).split("\n")
        return Content("\n").join(Content.styled(f"│ {line}", "italic") for line in lines)

    def pre(self, block: Block) -> Content:
        """Dim, as written."""
        return Content.styled(clean_text(block.text), "dim")

    def _linked(self, block: Block) -> Content:
        """Return a block's text with its links underlined and numbered ``[n]`` after each.

        Offsets are checked, not trusted (see :func:`link_runs`); each run is sanitized again
        on its own, so that a removed character cannot shift a link onto the wrong words.
        """
        pieces: list[Content] = []
        for run, url in link_runs(block):
            text = clean_text(run)
            if url is None:
                pieces.append(Content(text))
                continue
            number = self._numbers.get(url)
            if number is None:  # a URL linked again keeps its first number: one entry each
                number = self._numbers[url] = len(self._numbers) + 1
                self.links.append(LinkTarget("link", clean_line(text), url, number))
            pieces += [Content.styled(text, "underline"), Content.styled(f"[{number}]", "dim")]
        return Content("").join(pieces)


def _neighbours(article: Article, tr: Translator) -> Content:
    labels = tr.labels
    out: list[Content] = []
    for label, link in ((labels.prev, article.prev), (labels.next, article.next)):
        title = plain(link.title) if link else Content.styled(labels.none, "dim")
        out.append(Content.assemble(Content.styled(f"{label}: ", "bold"), title))
    return Content("\n").join(out)
