"""Turning models into Textual ``Content``: the reader's article body and the list's rows.

Everything here is pure (no widgets, no app), so a big article can be rendered in a thread worker
and the functions can be tested without a terminal. Page text is only ever wrapped in
``Content(...)``/``Content.styled(...)``: it is never parsed as markup, so a title such as
``[@click=app.quit]`` is shown as the characters it is. Text is also passed through the core
sanitizer once more, in case a model was built by something other than the parser.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from rich.cells import cell_len, get_character_cell_size, set_cell_size
from textual.content import Content

from newsreader.core.cells import break_offsets
from newsreader.core.models import Article, Block
from newsreader.core.sanitize import clean_line, clean_text
from newsreader.tui.i18n import Translator

LinkKind = Literal["link", "attachment", "image", "prev", "next"]

# Tables wider than this are shown row by row instead of as a grid (the reader is rarely wider).
_MAX_GRID_WIDTH = 100


@dataclass(frozen=True, slots=True)
class LinkTarget:
    """Something the reader can open: a body link, an attachment, an image or a neighbour.

    Attributes:
        kind: What it is; decides its label and how it is opened.
        label: Sanitized text to show for it.
        url: Where it points.
        number: The ``[n]`` footnote number of a body link, else 0.
    """

    kind: LinkKind
    label: str
    url: str
    number: int = 0


@dataclass(frozen=True, slots=True)
class RenderedArticle:
    """An article ready for the reader.

    Attributes:
        url: The article's URL.
        blocks: The title, meta line and body blocks, one ``Content`` each; the reader wraps
            them to its width and puts a blank line between them.
        links: What the article links to, in the order of the ``[n]`` footnotes.
    """

    url: str
    blocks: tuple[Content, ...]
    links: tuple[LinkTarget, ...] = ()

    @property
    def plain(self) -> str:
        """The text on show, as plain text."""
        return "\n\n".join(block.plain for block in self.blocks)


def wrap_blocks(blocks: Iterable[Content], width: int) -> list[Content]:
    """Wrap blocks to ``width`` cells, one ``Content`` per screen line, blank lines between.

    Wrapping block by block (instead of one giant ``Content``) keeps a 100,000-character article
    well under the reader's time budget, and lets a thread worker do it off the event loop.
    """
    width = max(width, 10)
    lines: list[Content] = []
    for index, block in enumerate(blocks):
        if index:
            lines.append(Content(""))
        for line in block.split("\n", allow_blank=True):
            if line.cell_length <= width:
                lines.append(line)
            else:
                # The core's line breaking, measured as Textual measures what it draws.
                offsets = break_offsets(line.plain, width, get_character_cell_size)
                lines.extend(piece.rstrip() for piece in line.divide(offsets))
    return lines


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
    article: Article, tr: Translator, *, note: str = "", url: str | None = None
) -> RenderedArticle:
    """Render an article as one ``Content`` plus the list of its link targets.

    Args:
        article: The article.
        tr: The UI language, for labels such as 来源 and 上一条.
        note: An extra dim line under the meta line (e.g. "cached copy").
        url: The URL the article was asked for (it may differ from its canonical URL).

    Returns:
        The rendered article. Links in paragraphs get ``[n]`` footnote numbers that match the
        numbers of the link list under the body.
    """
    head: list[Content] = [plain(article.title, "bold")]
    meta = _meta_line(article, tr)
    if meta:
        head.append(Content.styled(meta, "dim"))
    if note:
        head.append(Content.styled(note, "italic dim"))
    head.append(Content.styled("─" * 40, "dim"))
    blocks: list[Content] = [Content("\n").join(head)]
    links: list[LinkTarget] = []
    for block in article.blocks:
        rendered = _block(block, tr, links)
        if rendered is not None:
            blocks.append(rendered)
    for attachment in article.attachments:
        links.append(LinkTarget("attachment", safe_line(attachment.name), attachment.url))
    if article.attachments:
        names = [Content.styled(tr("reader.attachments"), "bold")]
        names += [Content("  • ") + plain(a.name, "underline") for a in article.attachments]
        blocks.append(Content("\n").join(names))
    for kind, link in (("prev", article.prev), ("next", article.next)):
        if link is not None:
            links.append(LinkTarget(kind, safe_line(link.title), link.url))  # type: ignore[arg-type]
    blocks.append(_neighbours(article, tr))
    if links:
        blocks.append(Content.styled(tr("reader.links_hint", count=len(links)), "dim italic"))
    return RenderedArticle(url or article.url, tuple(blocks), tuple(links))


def message_article(url: str, title: str, body: str) -> RenderedArticle:
    """Return a reader placeholder (loading, not cached, failed): a bold title and a text."""
    blocks = (Content.styled(title, "bold"),) if title else ()
    return RenderedArticle(url, (*blocks, Content(clean_text(body))))


def link_label(target: LinkTarget, tr: Translator) -> Content:
    """Return the one-line label of a link target in the reader's link list."""
    if target.kind == "link":
        head = f"[{target.number}] "
    elif target.kind == "attachment":
        head = f"{tr('reader.attachments')}: "
    elif target.kind == "image":
        head = f"{tr('reader.image')}: "
    else:
        head = f"{tr('reader.' + target.kind)}: "
    return Content.assemble(
        Content.styled(head, "bold"),
        Content(target.label or target.url),
        Content.styled(f"  {safe_line(target.url)}", "dim"),
    )


def _meta_line(article: Article, tr: Translator) -> str:
    fields = (
        ("reader.source", article.source),
        ("reader.date", article.published or article.date),
        ("reader.editor", article.editor),
    )
    meta = "   ".join(f"{tr(key)}: {safe_line(value)}" for key, value in fields if value)
    section = " › ".join(safe_line(s) for s in article.section if s)
    return "   ".join(p for p in (section, meta) if p)


def _block(block: Block, tr: Translator, links: list[LinkTarget]) -> Content | None:
    if block.kind == "heading":
        return Content.styled(
            safe_line(block.text), "bold underline" if block.level <= 2 else "bold"
        )
    if block.kind == "paragraph":
        return _linked(block, links)
    if block.kind == "list_item":
        indent = "  " * max(block.level - 1, 0)
        marker = safe_line(block.marker) or "•"
        return Content(f"{indent}{marker} ") + _linked(block, links)
    if block.kind == "quote":
        lines = clean_text(block.text).split("\n")
        return Content("\n").join(Content.styled(f"│ {line}", "italic") for line in lines)
    if block.kind == "pre":
        return Content.styled(clean_text(block.text), "dim")
    if block.kind == "image":
        alt = safe_line(block.text)
        links.append(LinkTarget("image", alt, block.url))
        return Content.assemble(
            Content.styled(f"[{tr('reader.image')}: {alt}]", "italic"),
            " ",
            Content.styled(safe_line(block.url), "dim"),
        )
    if block.kind == "table":
        return _table(block.rows)
    return None


def _linked(block: Block, links: list[LinkTarget]) -> Content:
    """Return a block's text with its links underlined and numbered ``[n]`` after each.

    Offsets are checked, not trusted (see :func:`link_runs`); each run is sanitized again on
    its own, so that a removed character cannot shift a link onto the wrong words.
    """
    # Imported here: no article is rendered before the first screen, which should not pay for it.
    from newsreader.core.export import link_runs

    pieces: list[Content] = []
    for run, url in link_runs(block):
        text = clean_text(run)
        if url is None:
            pieces.append(Content(text))
            continue
        number = sum(1 for t in links if t.kind == "link") + 1
        links.append(LinkTarget("link", clean_line(text), url, number))
        pieces += [Content.styled(text, "underline"), Content.styled(f"[{number}]", "dim")]
    return Content("").join(pieces)


def _table(rows: tuple[tuple[str, ...], ...]) -> Content:
    cells = [[safe_line(c) for c in row] for row in rows if row]
    if not cells:
        return Content("")
    columns = max(len(r) for r in cells)
    widths = [max((cell_len(r[i]) for r in cells if i < len(r)), default=0) for i in range(columns)]
    if sum(widths) + 3 * columns + 1 > _MAX_GRID_WIDTH:
        # Too wide for a grid: one line per row keeps every cell whole.
        return Content("\n").join(Content(" | ".join(r)) for r in cells)
    lines: list[Content] = []
    for index, row in enumerate(cells):
        padded = [fit(row[i] if i < len(row) else "", w) for i, w in enumerate(widths)]
        line = Content("│ " + " │ ".join(padded) + " │")
        lines.append(line.stylize("bold") if index == 0 else line)
    return Content("\n").join(lines)


def _neighbours(article: Article, tr: Translator) -> Content:
    out: list[Content] = []
    for key, link in (("reader.prev", article.prev), ("reader.next", article.next)):
        title = plain(link.title) if link else Content.styled(tr("reader.none"), "dim")
        out.append(Content.assemble(Content.styled(f"{tr(key)}: ", "bold"), title))
    return Content("\n").join(out)
