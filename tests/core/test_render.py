"""The one renderer: block dispatch, labels by language, Markdown/HTML escaping, plain text."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import get_args

import pytest
from html_tags import HtmlTags

from newsreader.core.cells import cell_len
from newsreader.core.models import Article, Attachment, Block, BlockKind, Link, LinkSpan
from newsreader.core.render.dispatch import BlockWriter, write_block
from newsreader.core.render.html import HtmlWriter, article_to_html
from newsreader.core.render.labels import EN, LABELS, ZH, Labels, labels_for
from newsreader.core.render.markdown import MarkdownWriter, article_to_markdown, md_escape
from newsreader.core.render.text import NO_WRAP, TextWriter, article_to_text

MARK = "标记文字mark"


def sample_block(kind: BlockKind) -> Block:
    """A block of ``kind`` whose rendering must show :data:`MARK`."""
    if kind == "table":
        return Block("table", rows=(("序号", "名称"), ("1", MARK)))
    if kind == "image":
        return Block("image", text=MARK, url="https://x.cn/a.png")
    return Block(kind, MARK, level=1, marker="1." if kind == "list_item" else "")


def outputs() -> dict[str, BlockWriter[object]]:
    return {
        "text": TextWriter(NO_WRAP, ZH),
        "markdown": MarkdownWriter(),
        "html": HtmlWriter(),
    }


def test_the_writer_protocol_has_one_method_per_block_kind() -> None:
    methods = {
        name
        for name, _ in inspect.getmembers(BlockWriter, inspect.isfunction)
        if not name.startswith("_")
    }
    assert methods == set(get_args(BlockKind))


@pytest.mark.parametrize("kind", get_args(BlockKind))
@pytest.mark.parametrize("output", ["text", "markdown", "html"])
def test_every_output_renders_every_block_kind(kind: BlockKind, output: str) -> None:
    rendered = write_block(sample_block(kind), outputs()[output])
    shown = "\n".join(rendered) if isinstance(rendered, list) else rendered
    assert isinstance(shown, str) and MARK in shown


def test_labels_are_one_table_in_every_language() -> None:
    assert set(LABELS) == {"zh", "en"}
    assert labels_for("en") is EN and labels_for("zh") is ZH and labels_for("fr") is ZH
    assert ZH.source == "来源" and EN.source == "Source" and EN.prev == "Previous"


def _labelled_article() -> Article:
    return Article(
        url="https://x.cn/info/1/2.htm",
        title="标题",
        source="示例日报",
        date="2026-01-28",
        editor="张三",
        section=("新闻资讯", "新闻"),
        blocks=(Block("paragraph", "正文"), Block("image", url="https://x.cn/a.png")),
        attachments=(Attachment("表.pdf", "https://x.cn/f.pdf"),),
        prev=Link("前一篇", "https://x.cn/info/1/1.htm"),
    )


RENDERERS: dict[str, Callable[[Article, Labels], str]] = {
    "text": lambda article, words: article_to_text(article, NO_WRAP, words),
    "markdown": article_to_markdown,
    "html": article_to_html,
}


@pytest.mark.parametrize("output", RENDERERS)
def test_every_output_labels_metadata_in_the_runs_language(output: str) -> None:
    article = _labelled_article()
    english = RENDERERS[output](article, EN)
    chinese = RENDERERS[output](article, ZH)
    for label in ("Source", "Published", "Editor", "Section", "Attachments", "Previous"):
        assert label in english
    for label in ("来源", "发布日期", "责任编辑", "栏目", "附件", "上一条"):
        assert label in chinese and label not in english


def test_text_labels_images_and_missing_neighbours_in_the_runs_language() -> None:
    article = _labelled_article()
    english = article_to_text(article, NO_WRAP, EN)
    chinese = article_to_text(article, NO_WRAP, ZH)
    assert "Next: none" in english and "下一条: 没有了" in chinese
    assert "[image: no caption]" in english and "[图片: 无说明]" in chinese


def test_chinese_is_the_default_language() -> None:
    article = _labelled_article()
    assert article_to_text(article) == article_to_text(article, NO_WRAP, ZH)
    assert article_to_markdown(article) == article_to_markdown(article, ZH)
    assert article_to_html(article) == article_to_html(article, ZH)


def test_text_wraps_with_kinsoku_within_the_width() -> None:
    # The old CLI printed "甲乙丙丁戊，" here: 12 cells on a 10-cell terminal.
    article = Article(
        url="https://x.cn/info/1/2.htm",
        title="题",
        blocks=(Block("paragraph", "甲乙丙丁戊，己庚"),),
    )
    assert article_to_text(article, 10).endswith("\n\n甲乙丙丁\n戊，己庚")


def test_text_tables_line_up_in_terminal_cells() -> None:
    rows = (("序号", "地区", "提供岗位（个）"), ("1", "武汉市", "300"), ("12", "北京", "4500"))
    article = Article(
        url="https://x.cn/info/1/2.htm", title="题", blocks=(Block("table", rows=rows),)
    )
    lines = [line for line in article_to_text(article).split("\n") if line.startswith(("│", "├"))]
    assert len(lines) == 4
    assert len({cell_len(line) for line in lines}) == 1

    # Every column separator sits at the same cell offset on every line.
    def separators(line: str) -> list[int]:
        return [cell_len(line[:i]) for i, ch in enumerate(line) if ch in "│┼├┤"]

    assert len({tuple(separators(line)) for line in lines}) == 1
    assert lines[0].startswith("│ 序号 │ 地区   │")


def test_a_table_too_wide_for_the_terminal_is_shown_row_by_row() -> None:
    # Eight columns of three CJK characters cannot fit 40 cells even wrapped.
    rows = (tuple(f"列{i}名称" for i in range(8)), tuple("武汉市" for _ in range(8)))
    article = Article(
        url="https://x.cn/info/1/2.htm", title="题", blocks=(Block("table", rows=rows),)
    )
    text = article_to_text(article, 40)
    assert "列0名称 | 列1名称" in text and "│" not in text
    assert all(cell_len(line) <= 40 for line in text.split("\n"))


def test_markdown_escapes_page_text_and_keeps_links() -> None:
    article = Article(
        url="https://x.cn/info/1/2.htm",
        title="# [click](javascript:x)",
        date="2026-01-28",
        blocks=(
            Block("paragraph", "见通知全文", links=(LinkSpan(1, 3, "https://x.cn/a.htm"),)),
            Block("list_item", "第一项", level=1, marker="1."),
            Block("list_item", "第二项", level=1, marker="2."),
            Block("table", rows=(("姓名", "单位"), ("张三", "协会"))),
        ),
        next=Link("下一篇", "https://x.cn/info/1/3.htm"),
    )
    md = article_to_markdown(article)
    assert md.startswith("# \\# \\[click\\]\\(javascript:x\\)\n")
    assert "见[通知](https://x.cn/a.htm)全文" in md
    assert "1. 第一项\n2. 第二项" in md
    assert "| 姓名 | 单位 |\n| --- | --- |" in md
    assert "下一条: [下一篇](https://x.cn/info/1/3.htm)" in md
    assert md_escape("1. not a list") == "1\\. not a list"


def test_article_to_html_escapes_everything() -> None:
    evil = "<script>alert(1)</script>\"'&"
    article = Article(
        url="https://example.edu.cn/info/1/2.htm",
        title=evil,
        source=evil,
        section=(evil,),
        blocks=(
            Block(
                "paragraph",
                text=evil + " link",
                links=(LinkSpan(len(evil) + 1, len(evil) + 5, "javascript:alert(1)"),),
            ),
            Block("paragraph", text="ok here", links=(LinkSpan(0, 2, "https://x.cn/?a=1&b=2"),)),
            Block("image", text=evil, url="javascript:alert(2)"),
            Block("image", text="pic", url="https://x.cn/a.png"),
            Block("table", rows=((evil, "b"), ("c", "d"))),
            Block("list_item", text="one", marker="1."),
            Block("list_item", text="two", marker="2."),
            Block("pre", text=evil),
        ),
        attachments=(
            Attachment(evil, "data:text/html,<b>x</b>"),
            Attachment("f.pdf", "http://x.cn/f"),
        ),
        prev=Link(evil, "vbscript:x"),
        next=Link("next", "https://x.cn/info/1/3.htm"),
    )
    doc = article_to_html(article)
    assert "<script>" not in doc and "alert(1)</script>" not in doc
    parser = HtmlTags()
    parser.feed(doc)
    assert "script" not in parser.tags
    assert all(h.startswith(("http://", "https://")) for h in parser.hrefs)
    assert "https://x.cn/?a=1&b=2" in parser.hrefs
    assert parser.srcs == ["https://x.cn/a.png"]
    assert "<ol>" in doc and "Content-Security-Policy" in doc
    assert doc.count("&lt;script&gt;") >= 5
