"""The parser against small synthetic VSB-shaped pages: one rule per test."""

from __future__ import annotations

import contextlib

import pytest

from newsreader.core.errors import ParseError
from newsreader.core.parse import page_kind, parse_article, parse_list, parse_sections

BASE = "https://www.example.cn/"


def article_page(body: str, extra: str = "", meta: str = "") -> str:
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>标题-示例协会</title>{meta}
    </head><body><div class="nav"><ul><li><a href="index.htm">首页</a></li></ul></div>
    <form name="_newscontent_fromname"><h1>测试文章标题</h1>
    <div class="info">来源：示例日报&nbsp;&nbsp;&nbsp; 发布日期：2026-01-28</div>
    <div id="vsb_content"><div class="v_news_content">{body}</div></div>{extra}</form>
    <div class="footer"><p>版权所有 示例协会</p></div></body></html>"""


# --- nav -------------------------------------------------------------------------------------

NAV = """<html><body><header>
<div class="m-menu"><ul>
  <li><a href="#">搜索</a></li><li><a href="index.htm">首页</a></li>
  <li><a href="javascript:;">协会概况</a><div class="sub"><a href="xhgk/xhjj.htm">协会简介</a>
      <a href="xhgk/xhzc.htm">协会章程</a></div></li>
  <li><a href="xwzx.htm">新闻资讯</a><ul><li><a href="xwzx/xw.htm">新闻</a></li>
      <li><a href="xwzx/hydt.htm">行业动态</a></li></ul></li>
  <li><a href="javascript:;">专题专栏</a></li>
</ul></div>
<div class="nav"><ul>
  <li><a href="index.htm">首页</a></li>
  <li><a href="javascript:;">协会概况</a><div class="sub"><a href="xhgk/xhjj.htm">协会简介</a>
      <a href="xhgk/xhzc.htm">协会章程</a></div></li>
  <li><a href="xwzx.htm">新闻资讯</a><ul><li><a href="xwzx/xw.htm">新闻</a></li>
      <li><a href="xwzx/hydt.htm">行业动态</a></li></ul></li>
  <li><a href="javascript:;">专题专栏</a></li>
</ul></div></header><div class="footer"><ul><li><a href="a.htm">甲</a></li>
<li><a href="b.htm">乙</a></li><li><a href="c.htm">丙</a></li><li><a href="d.htm">丁</a></li></ul>
</div></body></html>"""


def test_nav_dropdown_divs_javascript_parent_and_duplicates() -> None:
    sections = parse_sections(NAV, BASE)
    assert [s.title for s in sections] == ["协会概况", "新闻资讯", "专题专栏"]
    about, news, special = sections
    assert about.url == BASE + "xhgk/xhjj.htm"
    assert [c.title for c in about.children] == ["协会简介", "协会章程"]
    assert news.url == BASE + "xwzx.htm"
    assert [c.url for c in news.children] == [BASE + "xwzx/xw.htm", BASE + "xwzx/hydt.htm"]
    assert special.url is None and special.children == ()


def test_nav_absent_gives_empty_tuple() -> None:
    assert parse_sections("<html><body><p>nothing</p></body></html>", BASE) == ()


# --- list pages ------------------------------------------------------------------------------

LIST = """<html><head><META NAME="pageType" CONTENT="2"><meta name="ColumnName" content="通知公告">
</head><body><div class="nav"><ul><li><a href="a.htm">甲</a></li><li><a href="b.htm">乙</a></li>
</ul></div><table class="winstyle1">
<tr><td><a href="../info/1023/2831.htm" title="关于召开2026年全国高校毕业生就业工作会议的通知">
关于召开2026年全国高校...</a></td>
    <td><span class="timestyle">2026/01/28</span></td></tr>
<tr><td><a href="../content.jsp?urltype=news.NewsContentUrl&amp;wbtreeid=1023&amp;wbnewsid=2830">
第二条</a></td>
    <td>2026年1月7日</td></tr>
<tr><td><a href="https://other.example.org/x.htm">外部链接</a></td>
    <td><span>12-31</span><span>2025</span></td></tr>
<tr><td><a href="../info/1023/2831.htm#top">关于召开2026年全国高校</a></td><td>2026-01-28</td></tr>
</table>
<div class="pb"><span class="p_t">共1162条</span><span class="p_t">1/117</span>
<span class="p_next p_fun_d"><a href="tzgg/116.htm">下 页</a></span></div>
</body></html>"""


def test_list_tables_dates_truncation_external_and_totals() -> None:
    page = parse_list(LIST, BASE + "xwzx/tzgg.htm")
    assert [item.title for item in page.items] == [
        "关于召开2026年全国高校毕业生就业工作会议的通知",
        "第二条",
        "外部链接",
    ]
    assert page.items[0].url == BASE + "info/1023/2831.htm"
    assert page.items[1].url == BASE + "info/1023/2830.htm"
    assert [item.date for item in page.items] == ["2026-01-28", "2026-01-07", "2025-12-31"]
    assert [item.external for item in page.items] == [False, False, True]
    assert page.total == 1162
    assert page.page_count == 117
    assert page.next_url == BASE + "xwzx/tzgg/116.htm"
    assert page.column == "通知公告"
    assert page_kind(LIST) == "list"


def test_list_last_page_has_no_next() -> None:
    html = LIST.replace(
        '<span class="p_next p_fun_d"><a href="tzgg/116.htm">下 页</a></span>',
        '<span class="p_next_d">下页</span>',
    )
    assert parse_list(html, BASE + "xwzx/tzgg.htm").next_url is None


def test_list_next_found_by_text_only() -> None:
    html = LIST.replace('class="p_next p_fun_d"', "").replace("下 页", "下一页")
    assert parse_list(html, BASE + "xwzx/tzgg.htm").next_url == BASE + "xwzx/tzgg/116.htm"


@pytest.mark.parametrize(
    "html",
    ["", "<html><body><p>没有列表</p><a href='x.htm'>x</a></body></html>", "\x00\xff\ufffd"],
)
def test_no_list_raises_parse_error(html: str) -> None:
    with pytest.raises(ParseError, match="no article list found on"):
        parse_list(html, BASE)


# --- articles --------------------------------------------------------------------------------


def test_content_jsp_and_info_urls_give_one_article() -> None:
    html = article_page("<p>正文内容。</p>")
    one = parse_article(html, BASE + "info/1023/2831.htm")
    two = parse_article(
        html, BASE + "content.jsp?urltype=news.NewsContentUrl&wbtreeid=1023&wbnewsid=2831"
    )
    assert one == two
    assert one.url == BASE + "info/1023/2831.htm"


def test_visible_info_line_and_editor_after_body() -> None:
    html = article_page(
        "<p>第一段。</p><p>责任编辑:lly</p>",
        extra='<div>上一条:<a href="2830.htm">前一篇文章</a></div><div>下一条:没有了</div>',
    )
    art = parse_article(html, BASE + "info/1023/2831.htm")
    assert art.title == "测试文章标题"
    assert art.source == "示例日报"
    assert art.date == "2026-01-28"
    assert art.editor == "lly"
    assert [b.text for b in art.blocks] == ["第一段。"]
    assert art.prev is not None and art.prev.url == BASE + "info/1023/2830.htm"
    assert art.prev.title == "前一篇文章"
    assert art.next is None


def test_meta_wins_case_insensitive() -> None:
    meta = (
        '<META Name="ArticleTitle" Content="元标题" /><meta NAME="PubDate" '
        'CONTENT="2024-09-09 17:29"><Meta name="ContentSource" content="元来源">'
    )
    art = parse_article(article_page("<p>x</p>", meta=meta), BASE + "info/1/2.htm")
    assert (art.title, art.source, art.date, art.published) == (
        "元标题",
        "元来源",
        "2024-09-09",
        "2024-09-09 17:29",
    )


def test_word_junk_escapes_and_invisible_characters_are_cleaned() -> None:
    body = """<!--[if gte mso 9]><xml>junk</xml><![endif]-->
    <p class="MsoNormal"><span style="mso-bidi-font-size:10pt">第一&#8203;段&nbsp;文字
    <o:p></o:p></span></p>
    <p class="MsoNormal"><o:p>&nbsp;</o:p></p>
    <p>危险&#27;[31m红色&#27;]52;c;aGk=&#7;文字</p><style>p{color:red}</style><script>alert(1)</script>
    <p>第一行<br>第二行</p>"""
    art = parse_article(article_page(body), BASE + "info/1/2.htm")
    texts = [b.text for b in art.blocks]
    assert texts == ["第一段 文字", "危险红色文字", "第一行\n第二行"]
    assert "\x1b" not in art.body and "alert" not in art.body and "junk" not in art.body


def test_blocks_headings_lists_tables_images_links_quotes() -> None:
    body = """<h2>小标题</h2><p>见<a href="/info/1/3.htm">另一篇</a>文章</p>
    <ol><li>第一项</li><li>第二项<ul><li>子项</li></ul></li></ol>
    <table><tr><td>姓名</td><td>单位</td></tr><tr><td>张三</td><td>协会</td></tr></table>
    <table><tr><td><p>布局段落一</p><p>布局段落二</p></td></tr></table>
    <p><img src="../../images/a.jpg" alt="图一"></p><blockquote>引用文字</blockquote>
    <pre>代码  行一
  行二</pre>"""
    art = parse_article(article_page(body), BASE + "info/1/2.htm")
    kinds = [(b.kind, b.text) for b in art.blocks]
    assert kinds[0] == ("heading", "小标题")
    assert art.blocks[0].level == 2
    para = art.blocks[1]
    assert para.text == "见另一篇文章"
    assert para.links[0].url == BASE + "info/1/3.htm"
    assert para.text[para.links[0].start : para.links[0].end] == "另一篇"
    items = [(b.text, b.level, b.marker) for b in art.blocks if b.kind == "list_item"]
    assert items == [("第一项", 1, "1."), ("第二项", 1, "2."), ("子项", 2, "•")]
    tables = [b for b in art.blocks if b.kind == "table"]
    assert tables[0].rows == (("姓名", "单位"), ("张三", "协会"))
    assert ("paragraph", "布局段落一") in kinds and ("paragraph", "布局段落二") in kinds
    assert art.images[0].url == BASE + "images/a.jpg"
    assert art.images[0].alt == "图一"
    assert ("quote", "引用文字") in kinds
    pre = next(b for b in art.blocks if b.kind == "pre")
    assert pre.text == "代码  行一\n  行二"


def test_attachment_by_extension_and_download_jsp() -> None:
    extra = """<p>附件【<a
    href="/system/_content/download.jsp?urltype=news.DownloadAttachUrl&amp;wbfileid=1"
    >报名表.docx</a>】</p>
    <p><a href="/files/通知.pdf">通知.pdf</a></p>"""
    art = parse_article(article_page("<p>正文。</p>", extra=extra), BASE + "info/1/2.htm")
    assert [a.name for a in art.attachments] == ["报名表.docx", "通知.pdf"]
    assert art.attachments[1].url == BASE + "files/通知.pdf"


def test_densest_block_fallback_without_v_news_content() -> None:
    html = """<html><head><title>另类模板文章-示例</title></head><body>
    <div class="menu"><p>导航导航导航导航导航导航导航导航导航
    导航导航导航导航导航导航导航导航导航</p></div>
    <div class="position">当前位置：<a href="/">首页</a> &gt;
    <a href="/xw.htm">新闻</a> &gt; 正文</div>
    <div class="main"><h2>另类模板文章</h2><div class="txt">
      <p>这是第一段正文，内容足够长，用来测试最密集文本块的回退逻辑是否正确。</p>
      <p>这是第二段正文，同样包含足够多的中文字符，保证它是全页最密集的块。</p></div></div>
    <div class="footer"><p>版权所有版权所有版权所有版权所有
    版权所有版权所有版权所有版权所有</p></div>
    </body></html>"""
    art = parse_article(html, BASE + "a/b.htm")
    assert art.title == "另类模板文章"
    assert len(art.blocks) == 2 and art.blocks[0].text.startswith("这是第一段正文")
    assert art.section == ("新闻",)
    assert page_kind(html) == "other"


@pytest.mark.parametrize("html", ["", "<html></html>", "\x89PNG\r\n\x1a\n\x00\x00binary"])
def test_no_article_raises_parse_error(html: str) -> None:
    with pytest.raises(ParseError):
        parse_article(html, BASE + "info/1/2.htm")


def test_deep_nesting_is_bounded() -> None:
    html = "<div>" * 100_000 + "<p>深处</p>" + "</div>" * 100_000
    for func in (parse_list, parse_article):
        with contextlib.suppress(ParseError):
            func(html, BASE)
    assert parse_sections(html, BASE) == ()
