"""Article to Markdown, for ``read --markdown`` and exports.

Page text is escaped so that it is shown as written and never turns into Markdown structure
(a title of ``# x`` or ``[a](javascript:…)`` stays literal text).
"""

from __future__ import annotations

import re

from newsreader.core.models import Article, Block

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


def link_runs(block: Block) -> list[tuple[str, str | None]]:
    """Split a block's text into runs, each with the URL of the link it is, or ``None``.

    Overlapping or out-of-range link spans (a damaged cache, a parser bug) are skipped rather
    than trusted.
    """
    text = block.text
    runs: list[tuple[str, str | None]] = []
    pos = 0
    for span in sorted(block.links, key=lambda s: s.start):
        if span.start < pos or span.end > len(text) or span.start >= span.end:
            continue
        if span.start > pos:
            runs.append((text[pos : span.start], None))
        runs.append((text[span.start : span.end], span.url))
        pos = span.end
    if pos < len(text) or not runs:
        runs.append((text[pos:], None))
    return runs


def _inline(block: Block) -> str:
    """Block text with its links as Markdown links."""
    return "".join(
        md_escape(text) if url is None else f"[{md_escape(text)}]({md_url(url)})"
        for text, url in link_runs(block)
    )


def block_to_markdown(block: Block) -> str:
    """Return one body block as Markdown."""
    if block.kind == "heading":
        return "#" * min(max(block.level, 1) + 1, 6) + " " + _inline(block)
    if block.kind == "list_item":
        indent = "  " * max(block.level - 1, 0)
        marker = block.marker if block.marker and block.marker[0].isdigit() else "-"
        return f"{indent}{marker} {_inline(block)}"
    if block.kind == "image":
        return f"![{md_escape(block.text)}]({md_url(block.url)})"
    if block.kind == "quote":
        return "\n".join("> " + line for line in _inline(block).split("\n"))
    if block.kind == "pre":
        fence = "````" if "```" in block.text else "```"
        return f"{fence}\n{block.text}\n{fence}"
    if block.kind == "table":
        return _table(block.rows)
    return _inline(block)


def _table(rows: tuple[tuple[str, ...], ...]) -> str:
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


def article_to_markdown(article: Article) -> str:
    """Return the whole article as a Markdown document with its metadata and links."""
    parts = [f"# {md_escape(article.title)}", ""]
    meta = [
        ("来源", article.source),
        ("发布日期", article.published or article.date),
        ("责任编辑", article.editor),
        ("栏目", " / ".join(article.section) if article.section else None),
    ]
    parts.extend(f"- {label}: {md_escape(value)}" for label, value in meta if value)
    parts.append(f"- 原文: <{article.url}>")
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
        parts += ["", "## 附件", ""]
        parts += [f"- [{md_escape(a.name)}]({md_url(a.url)})" for a in article.attachments]
    if article.prev or article.next:
        parts += ["", "---", ""]
        if article.prev:
            parts.append(f"上一条: [{md_escape(article.prev.title)}]({md_url(article.prev.url)})  ")
        if article.next:
            parts.append(f"下一条: [{md_escape(article.next.title)}]({md_url(article.next.url)})")
    return "\n".join(parts).rstrip() + "\n"
