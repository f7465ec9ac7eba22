"""Headings typed as bold paragraphs (``<p><strong>一、…</strong></p>``) in VSB bodies.

The markup is what Word pastes into the VSB editor: ``MsoNormal`` paragraphs, inline styles on
nested spans, ``<o:p>`` junk, ``&nbsp;`` indents.
"""

from __future__ import annotations

import pytest

from newsreader.core.models import Block
from newsreader.core.parse import parse_article
from newsreader.core.parse.headings import HEADING_LEVEL, HEADING_MAX_CHARS

URL = "https://www.example.cn/info/1023/2831.htm"
PLAIN = (
    '<p class="MsoNormal" style="text-indent:32pt;line-height:28pt"><span style="font-size:16pt;'
    'font-family:仿宋_GB2312">各会员单位：为做好年度工作，现将有关事项通知如下。</span></p>'
)


def body_blocks(body: str) -> tuple[Block, ...]:
    page = f"""<!DOCTYPE html><html><head><meta charset="utf-8">
    <meta name="pageType" content="3"><meta name="ArticleTitle" content="关于开展年度工作的通知">
    </head><body><form name="_newscontent_fromname"><div id="vsb_content">
    <div class="v_news_content">{PLAIN}{body}</div></div></form></body></html>"""
    return parse_article(page, URL).blocks[1:]


@pytest.mark.parametrize(
    ("body", "text"),
    [
        ("<p><strong>一、总体要求</strong></p>", "一、总体要求"),
        ("<p><b>二、工作安排</b></p>", "二、工作安排"),
        (
            '<p class="MsoNormal" style="text-indent:32pt"><strong><span style="font-size:16pt;'
            'font-family:黑体">三、</span></strong><strong><span style="font-size:16pt;'
            'font-family:黑体">报名方式</span></strong><span><o:p></o:p></span></p>',
            "三、报名方式",
        ),
        (
            '<p style="text-align:left"><span style="color: rgb(0, 0, 0);"><strong><span '
            'style="font-size: 21px; font-family: 黑体;">四、申报选题流程</span></strong></span></p>',
            "四、申报选题流程",
        ),
        (
            '<p>&nbsp;&nbsp;<span style="font-weight: bold">（一）基本条件</span>&nbsp;<br></p>',
            "（一）基本条件",
        ),
        ('<p><span style="font-weight:700">附件</span></p>', "附件"),
        ("<p><strong>“打蛇打七寸”</strong></p>", "“打蛇打七寸”"),
        ("<p><strong>Schedule for 2026</strong></p>", "Schedule for 2026"),
    ],
)
def test_a_short_bold_only_paragraph_is_a_heading(body: str, text: str) -> None:
    blocks = body_blocks(body)
    assert blocks == (Block("heading", text, level=HEADING_LEVEL),)


@pytest.mark.parametrize(
    "body",
    [
        # A bold lead-in followed by plain text.
        "<p><strong>一、</strong>总体要求是统筹推进。</p>",
        '<p><span style="font-family:仿宋"><b>联系人：</b>张老师，电话：12345678</span></p>',
        "<p><strong>注意</strong> 报名截止</p>",
        # A bold sentence (sentence or clause punctuation at its end, quotes aside).
        "<p><strong>请各单位务必于6月10日前提交。</strong></p>",
        "<p><strong>具体安排如下：</strong></p>",
        "<p><strong>“教育首先是精神成长。”</strong></p>",
        # A long bold paragraph.
        "<p><strong>" + "全面贯彻落实会议精神" * 5 + "</strong></p>",
        # Two bold lines.
        "<p><strong>第一行标题<br>第二行标题</strong></p>",
        # A bold link or image keeps its target.
        '<p><strong><a href="/info/1023/2832.htm">相关链接</a></strong></p>',
        '<p><strong>图示<img src="/a.jpg" alt="图"></strong></p>',
        # Not bold at all (a heading typeface is not bold markup).
        '<p><span style="font-family:黑体;font-weight:normal">一、项目说明</span></p>',
    ],
)
def test_other_paragraphs_stay_paragraphs(body: str) -> None:
    assert [b.kind for b in body_blocks(body)] in (["paragraph"], ["paragraph", "image"])


def test_the_length_limit_counts_characters() -> None:
    at_limit = "标" * HEADING_MAX_CHARS
    over = at_limit + "题"
    assert body_blocks(f"<p><b>{at_limit}</b></p>")[0].kind == "heading"
    assert body_blocks(f"<p><b>{over}</b></p>")[0].kind == "paragraph"


def test_bold_paragraphs_in_a_list_or_quote_keep_their_context() -> None:
    blocks = body_blocks(
        "<ul><li><p><strong>第一项</strong></p></li></ul>"
        "<blockquote><p><strong>引文标题</strong></p></blockquote>"
    )
    assert [(b.kind, b.text) for b in blocks] == [("list_item", "第一项"), ("quote", "引文标题")]


def test_headings_sit_between_their_paragraphs_in_order() -> None:
    blocks = body_blocks(
        "<p><strong>一、总体要求</strong></p><p>坚持统筹推进。</p>"
        "<p><strong>二、工作安排</strong></p><p>分三个阶段进行。</p>"
    )
    assert [(b.kind, b.text) for b in blocks] == [
        ("heading", "一、总体要求"),
        ("paragraph", "坚持统筹推进。"),
        ("heading", "二、工作安排"),
        ("paragraph", "分三个阶段进行。"),
    ]


def test_a_paragraph_of_many_empty_spans_is_not_walked_to_the_end() -> None:
    body = "<p><strong>标题</strong>" + "<span></span>" * 5000 + "</p>"
    assert [b.kind for b in body_blocks(body)] == ["paragraph"]
