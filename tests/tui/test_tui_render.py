"""The reader's rendering is driven by the core's: same dispatch, same labels, same line breaks."""

from __future__ import annotations

import pytest
from textual.content import Content

from newsreader.cli.render import render_article as cli_render_article
from newsreader.core.cells import wrap
from newsreader.core.models import Article, Block
from newsreader.tui.render import wrap_blocks


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
    cli_body = cli_render_article(article, width).split("\n\n", 1)[1].split("\n")
    reader = [line.plain for line in wrap_blocks([Content(text)], width)]
    assert reader == cli_body == wrap(text, width)
    assert all(Content(line).cell_length <= width for line in reader)
    if width == 10:
        assert reader == ["甲乙丙丁", "戊，己庚"]
