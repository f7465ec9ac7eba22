"""Plain-text renderings for the terminal: section trees, article lists, articles, search hits."""

from __future__ import annotations

from collections.abc import Sequence

from newsreader.core.cells import cell_len, wrap
from newsreader.core.models import Article, ListItem, Section
from newsreader.core.results import SearchHit

NO_WRAP = 1_000_000


def render_sections(sections: Sequence[Section]) -> str:
    """Return the section tree as an indented outline with URLs."""
    lines: list[str] = []
    for top in sections:
        for path, node in top.walk():
            indent = "  " * (len(path) - 1)
            url = f"  {node.url}" if node.url else ""
            lines.append(f"{indent}{node.title}{url}")
    return "\n".join(lines)


def render_items(items: Sequence[ListItem]) -> str:
    """Return list items one a line: date, title (↗ when external) and URL."""
    lines = []
    for item in items:
        mark = " ↗" if item.external else ""
        lines.append(f"{item.date or ' ' * 10}  {item.title}{mark}  {item.url}")
    return "\n".join(lines)


def render_hits(hits: Sequence[SearchHit]) -> str:
    """Return search hits: date and title, the snippet, the URL."""
    blocks = []
    for hit in hits:
        blocks.append(f"{hit.date or ' ' * 10}  {hit.title}\n    {hit.snippet}\n    {hit.url}")
    return "\n\n".join(blocks)


def render_article(article: Article, width: int = NO_WRAP) -> str:
    """Return a readable plain-text rendering of ``article``, wrapped to ``width`` cells."""
    out: list[str] = []
    title_lines = wrap(article.title, width)
    out.extend(title_lines)
    out.append("=" * min(max(cell_len(line) for line in title_lines), width))
    meta = [
        f"来源: {article.source}" if article.source else "",
        f"发布日期: {article.published or article.date}" if article.date else "",
        f"责任编辑: {article.editor}" if article.editor else "",
    ]
    meta_line = "   ".join(m for m in meta if m)
    if meta_line:
        out.extend(wrap(meta_line, width))
    if article.section:
        out.append("栏目: " + " › ".join(article.section))
    out.append(article.url)
    for block in article.blocks:
        text = _block_text(block.kind, block.plain(), block.text, block.url)
        if not text:
            continue
        out.append("")
        indent = "  " * max(block.level - 1, 0) if block.kind == "list_item" else ""
        for para_line in text.split("\n"):
            out.extend(wrap(para_line, width, indent="") if not indent else [indent + para_line])
    if article.attachments:
        out += ["", "附件:"]
        for i, att in enumerate(article.attachments, 1):
            out += [f"  {i}. {att.name}", f"     {att.url}"]
    if article.prev or article.next:
        out.append("")
        out.append(
            f"上一条: {article.prev.title}  {article.prev.url}"
            if article.prev
            else "上一条: 没有了"
        )
        out.append(
            f"下一条: {article.next.title}  {article.next.url}"
            if article.next
            else "下一条: 没有了"
        )
    return "\n".join(out)


def _block_text(kind: str, plain: str, text: str, url: str) -> str:
    if kind == "image":
        return f"[图片: {text or '无说明'}] {url}"
    if kind == "heading":
        return f"【{text}】"
    return plain
