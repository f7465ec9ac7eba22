"""Hypothesis: random and mutated VSB pages never make the parser raise anything but ParseError."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from shared_samples import SAMPLES

from newsreader.core.errors import ParseError
from newsreader.core.models import Article, ListPage
from newsreader.core.parse import (
    page_kind,
    parse_article,
    parse_list,
    parse_sections,
    parse_site_name,
)

SYNTHETIC = """<html><head><META Name="pageType" Content="3"><META Name="ArticleTitle" Content="T">
</head><body><div class="nav"><ul><li><a href="javascript:;">甲</a><ul><li><a href="a.htm">乙</a>
</li></ul></li><li><a href="b.htm">丙</a></li><li><a href="c.htm">丁</a></li></ul></div>
<ul><li><a href="info/1/2.htm" title="全标题">全...</a><span>2024-09-09</span></li>
<li><a href="content.jsp?wbtreeid=1&wbnewsid=3">二</a><span>09-09</span><span>2024</span></li></ul>
<form name="_newscontent_fromname"><h1>标题</h1><div id="vsb_content"><div class="v_news_content">
<p class="MsoNormal">正文<o:p></o:p><br>第二行<a href="x.pdf">附件.pdf</a></p><table><tr><td>a</td>
<td>b</td></tr></table><ol><li>一</li></ol><img src="i.png" alt="图"></div></div>
<p>上一条：<a href="1.htm">前</a></p><p>下一条：没有了</p></form>
<span class="p_pages"><span class="p_t">共9条 1/2</span>
<span class="p_next"><a href="l/1.htm">下页</a>
</span></span></body></html>"""
URL = "https://www.example.cn/xw/list.htm"
FRAGMENTS = [
    "<div>",
    "</div>",
    "<table>",
    "<td>",
    "<ul><li>",
    "</li>",
    "<a href='info/9/9.htm'>",
    "</a>",
    "上一条：",
    "下一条：",
    "2024-09-09",
    "共12条",
    "下页",
    "<br>",
    "&#27;[31m",
    "\u200b",
    "<o:p>",
    "<!--",
    "-->",
    "<script>",
    "<pre>",
    "<p>",
    "\x00",
    "&nbsp;",
    "<meta name=pagetype content=2>",
    "<img src='javascript:x'>",
    "<a href='http://[bad'>x</a>",
    "<a href=''>",
]


def _pages() -> list[str]:
    pages = [SYNTHETIC]
    if SAMPLES.is_dir():
        pages += [p.read_text(encoding="utf-8-sig") for p in sorted(SAMPLES.glob("*.html"))]
    return pages


PAGES = _pages()


@st.composite
def mutated_pages(draw: st.DrawFn) -> str:
    page = draw(st.sampled_from(PAGES))
    for _ in range(draw(st.integers(0, 6))):
        action = draw(st.integers(0, 2))
        pos = draw(st.integers(0, len(page)))
        if action == 0:
            end = draw(st.integers(pos, min(len(page), pos + 4000)))
            page = page[:pos] + page[end:]
        elif action == 1:
            page = page[:pos] + draw(st.sampled_from(FRAGMENTS)) + page[pos:]
        else:
            page = page[:pos] + draw(st.text(max_size=40)) + page[pos:]
    return page


def _exercise(html: str) -> None:
    for func in (parse_list, parse_article):
        try:
            result = func(html, URL)
        except ParseError:
            continue
        assert isinstance(result, (ListPage, Article))
        if isinstance(result, Article):
            assert result.title
            assert "\x1b" not in result.body
    parse_sections(html, URL)
    assert page_kind(html) in ("list", "article", "other")
    name = parse_site_name(html)
    assert name is None or isinstance(name, str)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_pages())
def test_mutated_pages_only_raise_parse_error(html: str) -> None:
    _exercise(html)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=2000) | st.binary(max_size=2000).map(lambda b: b.decode("latin-1")))
def test_random_text_only_raises_parse_error(html: str) -> None:
    _exercise(html)
