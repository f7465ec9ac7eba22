"""Article to Markdown, for ``read --markdown`` and exports.

Page text is escaped so that it is shown as written and never turns into Markdown structure
(a title of ``# x`` or ``[a](javascript:…)`` stays literal text).
"""

from __future__ import annotations

import re

from newsreader.core.models import Article, Block
from newsreader.core.render.dispatch import link_runs, write_block
from newsreader.core.render.labels import Labels, labels_for

_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~])")
_LEADING_LIST = re.compile(r"^(\s*)(\d+)([.)])(\s)")


def md_escape(text: str) -> str:
    """Escape Markdown syntax in ``text`` so it renders literally."""
    escaped = _SPECIAL.sub(r"\\\1", text)
    escaped = _LEADING_LIST.sub(r"\1\2\\\3\4", escaped)
    return escaped.replace("\n", "  \n")


def md_url(url: str) -> str:
    """Return ``url`` in a form safe inside ``(...)`` of a Markdown link."""
    if any(ch in url for ch in " ()<>"):
        return "<" + url.replace("<", "%3C").replace(">", "%3E") + ">"
    return url


def _inline(block: Block) -> str:
    """Block text with its links as Markdown links."""
    return "".join(
        md_escape(text) if url is None else f"[{md_escape(text)}]({md_url(url)})"
        for text, url in link_runs(block)
    )


class MarkdownWriter:
    """Body blocks as Markdown, one string each (``""`` for nothing to show)."""

    def heading(self, block: Block) -> str:
        """``## text``: the article's title is the only ``#``."""
        return "#" * min(max(block.level, 1) + 1, 6) + " " + _inline(block)

    def paragraph(self, block: Block) -> str:
        """The text, its links as Markdown links."""
        return _inline(block)

    def list_item(self, block: Block) -> str:
        """``- text`` or ``3. text``, indented by its depth."""
        indent = "  " * max(block.level - 1, 0)
        marker = block.marker if block.marker and block.marker[0].isdigit() else "-"
        return f"{indent}{marker} {_inline(block)}"

    def table(self, block: Block) -> str:
        """A pipe table, the first row its header."""
        rows = block.rows
        if not rows:
            return ""
        width = max(len(row) for row in rows)

        def cell(text: str) -> str:
            return md_escape(text).replace("  \n", "<br>")

        lines = []
        for i, row in enumerate(rows):
            cells = [cell(c) for c in row] + [""] * (width - len(row))
            lines.append("| " + " | ".join(cells) + " |")
            if i == 0:
                lines.append("|" + " --- |" * width)
        return "\n".join(lines)

    def image(self, block: Block) -> str:
        """``![alt](url)``."""
        return f"![{md_escape(block.text)}]({md_url(block.url)})"

    def quote(self, block: Block) -> str:
        """Every line behind ``>``."""
        return "\n".join("> " + line for line in _inline(block).split("\n"))

    def pre(self, block: Block) -> str:
        """A fenced code block, its text unescaped (a fence never contains markup)."""
        fence = "````" if "```" in block.text else "```"
        return f"{fence}\n{block.text}\n{fence}"


_WRITER = MarkdownWriter()


def block_to_markdown(block: Block) -> str:
    """Return one body block as Markdown."""
    return write_block(block, _WRITER)


def article_to_markdown(article: Article, labels: Labels | None = None) -> str:
    """Return the whole article as a Markdown document with its metadata and links.

    Args:
        article: The article.
        labels: The metadata labels, in the run's language (Chinese when not given).
    """
    words = labels or labels_for("zh")
    parts = [f"# {md_escape(article.title)}", ""]
    meta = words.meta(article)
    if article.section:
        meta.append((words.section, " / ".join(article.section)))
    parts.extend(f"- {label}: {md_escape(value)}" for label, value in meta)
    parts.append(f"- {words.original}: <{article.url}>")
    parts.append("")
    body: list[str] = []
    previous = ""
    for block in article.blocks:
        text = block_to_markdown(block)
        if not text:
            continue
        # Consecutive list items form one list: no blank line between them.
        sep = "\n" if block.kind == "list_item" and previous == "list_item" else "\n\n"
        body.append((sep if body else "") + text)
        previous = block.kind
    parts.append("".join(body))
    if article.attachments:
        parts += ["", f"## {words.attachments}", ""]
        parts += [f"- [{md_escape(a.name)}]({md_url(a.url)})" for a in article.attachments]
    if article.prev or article.next:
        parts += ["", "---", ""]
        if article.prev:
            link = f"[{md_escape(article.prev.title)}]({md_url(article.prev.url)})"
            parts.append(f"{words.prev}: {link}  ")
        if article.next:
            link = f"[{md_escape(article.next.title)}]({md_url(article.next.url)})"
            parts.append(f"{words.next}: {link}")
    return "\n".join(parts).rstrip() + "\n"
