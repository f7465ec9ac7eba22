"""The reader's rendering is driven by the core's: same dispatch, same labels, same line breaks."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any, get_args

import pytest
from textual.content import Content

from newsreader.core.cells import wrap
from newsreader.core.models import Article, Block, BlockKind, Link
from newsreader.core.render.dispatch import write_block
from newsreader.core.render.labels import LABELS
from newsreader.core.render.text import article_to_text
from newsreader.tui import i18n
from newsreader.tui.i18n import Translator
from newsreader.tui.render import ContentWriter, render_article, wrap_blocks

MARK = "标记文字mark"


@pytest.mark.parametrize("kind", get_args(BlockKind))
def test_the_reader_renders_every_block_kind(kind: BlockKind) -> None:
    if kind == "table":
        block = Block("table", rows=(("序号", "名称"), ("1", MARK)))
    elif kind == "image":
        block = Block("image", text=MARK, url="https://x.cn/a.png")
    else:
        block = Block(kind, MARK, level=1)
    rendered = write_block(block, ContentWriter(Translator()))
    assert isinstance(rendered, Content) and MARK in rendered.plain


@pytest.mark.parametrize("width", [10, 11, 13, 20])
def test_cli_and_reader_break_lines_alike(width: int) -> None:
    text = (
        "甲乙丙丁戊，己庚"
        if width == 10
        else "毕业生就业，协会工作。“会议”召开！Job fair 2026。" * 2
    )
    article = Article(
        url="https://x.cn/info/1/2.htm", title="题", blocks=(Block("paragraph", text),)
    )
    cli_body = article_to_text(article, width).split("\n\n", 1)[1].split("\n")
    reader = [line.plain for line in wrap_blocks([Content(text)], width)]
    assert reader == cli_body == wrap(text, width)
    assert all(Content(line).cell_length <= width for line in reader)
    if width == 10:
        assert reader == ["甲乙丙丁", "戊，己庚"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_reader_takes_its_metadata_labels_from_the_core(lang: str) -> None:
    tr = Translator(lang)
    labels = LABELS[lang]
    for field in dataclasses.fields(labels):
        assert tr(f"reader.{field.name}") == getattr(labels, field.name)
    article = Article(
        url="https://x.cn/info/1/2.htm",
        title="题",
        source="日报",
        blocks=(Block("paragraph", "正文"),),
        next=Link("后一篇", "https://x.cn/info/1/3.htm"),
    )
    shown = render_article(article, tr).plain
    assert f"{labels.source}: 日报" in shown
    assert f"{labels.prev}: {labels.none}" in shown and f"{labels.next}: 后一篇" in shown


def test_the_translator_keeps_no_copy_of_the_core_labels() -> None:
    # Its reader.* strings are merged in from the core's table, never written out a second time.
    source = Path(i18n.__file__).read_text(encoding="utf-8")
    for field in dataclasses.fields(LABELS["zh"]):
        assert f'"reader.{field.name}"' not in source, field.name


def test_a_wrapped_table_fits_the_readers_width_with_its_whole_header_bold() -> None:
    rows = (("序号", "单位名称（全称及简称）"), ("1", "中国高等教育学会高校毕业生就业协会"))
    rendered = ContentWriter(Translator(), table_width=30).table(Block("table", rows=rows))
    lines = rendered.split("\n")
    assert all(line.cell_length <= 30 for line in lines)
    rule = next(i for i, line in enumerate(lines) if line.plain.startswith("├"))
    assert rule == 2  # the header's two lines, then the rule
    for index, line in enumerate(lines):
        bold = any("bold" in str(span.style) for span in line.spans)
        assert bold == (index < rule), line.plain


def _with_meta(**fields: Any) -> Article:
    """An article with a source, a publication time and an editor (a long metadata line)."""
    return Article(
        url="https://x.cn/info/1/2.htm",
        title="题",
        source="就业指导专业委员会",
        published="2026-01-24 03:30",
        editor="李明远",
        blocks=(Block("paragraph", "正文"),),
        **fields,
    )


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_metadata_wraps_between_fields_never_inside_one(lang: str) -> None:
    # At some widths the meta line broke inside a label (`责任编` / `辑`) or between a label
    # and its value (`发布日期:` / `2026-01-24 03:30`).
    tr = Translator(lang)
    article = _with_meta(section=("新闻资讯", "新闻"))
    labels = tr.labels
    fields = [
        "新闻资讯 › 新闻",
        f"{labels.source}: 就业指导专业委员会",
        f"{labels.date}: 2026-01-24 03:30",
        f"{labels.editor}: 李明远",
    ]
    rendered = render_article(article, tr)
    for width in range(28, 100):  # the widest field: 27 cells
        lines = [line.plain for line in wrap_blocks(rendered.blocks, width)]
        head = lines[1 : next(i for i, line in enumerate(lines) if line.startswith("─"))]
        assert all(Content(line).cell_length <= width for line in head), (width, head)
        # Each field whole on one line, the fields in order, nothing else on the lines.
        assert [f for line in head for f in line.split("   ")] == fields, (width, head)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_cli_and_reader_lay_out_the_metadata_alike(lang: str) -> None:
    # `read` wrapped the joined fields as one line: `责任编` / `辑` where the reader kept
    # 责任编辑 whole. Both now lay them out by the core's one function.
    tr = Translator(lang)
    article = _with_meta()
    rendered = render_article(article, tr)
    for width in range(10, 90):
        reader = [line.plain for line in wrap_blocks(rendered.blocks, width)]
        reader_meta = reader[1 : next(i for i, line in enumerate(reader) if line[:1] == "─")]
        cli = article_to_text(article, width, tr.labels).split("\n")
        assert reader_meta == cli[2 : cli.index(article.url)], width
