"""The generic extractor: asked only when our own body is near-empty on a page that is not VSB."""

from __future__ import annotations

import pytest

from newsreader.core.errors import ParseError
from newsreader.core.parse import article as article_module
from newsreader.core.parse import generic, parse_article
from newsreader.core.parse.body import MAX_BLOCKS

URL = "https://news.example.cn/newsDetail_forward_7720.html"
PARAGRAPHS = (
    "此前，发烧、咳嗽被认为是新冠病毒感染的最主要症状。然而最新的研究发现，味觉和嗅觉丧失更具"
    "特异性，且症状持续时间更长，可作为是否已被感染的最强预测指标。",
    "这项研究由伦敦国王学院的团队完成，研究人员分析了超过二百五十万名使用症状追踪应用程序的"
    "志愿者报告的数据，其中一万五千余人接受了病毒检测。",
    "研究显示，在检测呈阳性的人中，约有百分之六十五报告失去了味觉或嗅觉，而在检测呈阴性的人中"
    "这一比例仅为百分之二十二。研究人员认为这一症状应被纳入官方的症状清单。",
    "此前，症状不那么明显的人可能无意中成为病毒的沉默传播者，因此加入新的症状对疾病防控至关"
    "重要。研究团队表示，他们将继续收集数据，以便更好地了解疾病的发展过程。",
)


def news_page(body: str) -> str:
    """A news page of the kind our density rule misses: the article is lines in one ``<div>``
    split by ``<br>`` (no ``<p>``), while the byline and the sidebar are ``<p>`` text."""
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8">
    <title>研究发现味觉嗅觉丧失是新冠感染的最强预测指标_澎湃新闻</title></head><body>
    <div class="head"><ul class="menu"><li><a href="/">首页</a></li><li><a href="/c1">时事</a></li>
    <li><a href="/c2">财经</a></li><li><a href="/c3">思想</a></li></ul></div>
    <div class="main_lt"><h1 class="news_title">研究发现味觉嗅觉丧失是新冠感染的最强预测指标</h1>
    <div class="news_about"><p>澎湃新闻记者 王小明 实习生 李华</p>
    <p>2020-06-06 10:24 来源：澎湃新闻·全球健康频道</p></div>
    <div class="news_txt">{body}</div></div>
    <div class="main_rt"><h2>热门推荐</h2><ul>
    <li><p><a href="/n1">热门新闻标题第一条</a></p></li>
    <li><p><a href="/n2">热门新闻标题第二条</a></p></li></ul></div>
    <div class="foot"><p>沪ICP备14003370号 版权所有</p></div></body></html>"""


def article_body() -> str:
    lines = list(PARAGRAPHS)
    lines[1] += '详见<a href="/newsDetail_forward_7719.html">此前的报道</a>。'
    lines[2] = '<img src="/image/7720/1.jpg" alt="研究数据图">' + lines[2]
    lines[3] = "\u202e" + lines[3] + "\u200b\x1b[31m"  # bidi override, zero-width, escape
    return "<br><br>".join(lines)


def body_text(html: str, **options: bool) -> str:
    return "\n".join(block.plain() for block in parse_article(html, URL, **options).blocks)


def test_non_vsb_page_where_ours_is_near_empty_yields_the_article() -> None:
    text = body_text(news_page(article_body()))
    for paragraph in PARAGRAPHS:
        assert paragraph in text
    assert "热门新闻标题" not in text
    assert "ICP" not in text


def test_ours_alone_misses_that_page() -> None:
    # What the generic extractor is for: our density rule takes the byline.
    text = body_text(news_page(article_body()), generic=False)
    assert len(text) < generic.MIN_OWN_CHARS
    assert PARAGRAPHS[0] not in text


def test_generic_body_goes_through_our_walk_links_images_and_sanitising() -> None:
    article = parse_article(news_page(article_body()), URL)
    assert article.title == "研究发现味觉嗅觉丧失是新冠感染的最强预测指标"
    links = [link for block in article.blocks for link in block.links]
    assert "https://news.example.cn/newsDetail_forward_7719.html" in [link.url for link in links]
    assert [image.url for image in article.images] == ["https://news.example.cn/image/7720/1.jpg"]
    text = "".join(block.plain() for block in article.blocks)
    for bad in ("\u202e", "\u200b", "\x1b"):
        assert bad not in text


def test_vsb_page_with_a_short_body_never_asks_the_generic_extractor(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def refuse(html: str, url: str) -> object:
        raise AssertionError("the generic extractor was asked on a VSB page")

    monkeypatch.setattr(article_module, "extract_generic", refuse)
    page = f"""<html><head><meta charset="utf-8"><title>通知-示例协会</title></head><body>
    <!--Announced by Visual SiteBuilder 9--><form name="_newscontent_fromname">
    <h1>关于放假的通知</h1><div id="vsb_content"><div class="v_news_content">
    <p>五一劳动节放假五天。</p></div></div></form>
    <div class="main_lt"><div class="news_txt">{article_body()}</div></div></body></html>"""
    article = parse_article(page, "https://www.example.cn/info/1023/2831.htm")
    assert [block.text for block in article.blocks] == ["五一劳动节放假五天。"]


def test_page_with_enough_text_of_our_own_never_asks(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(html: str, url: str) -> object:
        raise AssertionError("the generic extractor was asked though ours found the body")

    monkeypatch.setattr(article_module, "extract_generic", refuse)
    paragraphs = "".join(f"<p>{text}</p>" for text in PARAGRAPHS * 2)
    page = f"<html><body><h1>标题</h1><div class='content'>{paragraphs}</div></body></html>"
    assert generic.body_chars(parse_article(page, URL, generic=False).blocks) >= 400
    assert body_text(page).split("\n") == list(PARAGRAPHS * 2)


def test_extractor_output_read_back_as_our_blocks() -> None:
    result = generic.blocks_from_fragment(
        "<div><h2>小标题</h2><p>第一段<a href='a.htm'>链接</a></p><ul><li>一</li></ul></div>",
        "https://news.example.cn/x/y.html",
    )
    kinds = [block.kind for block in result.blocks]
    assert kinds == ["heading", "paragraph", "list_item"]
    assert result.blocks[1].links[0].url == "https://news.example.cn/x/a.htm"
    assert generic.blocks_from_fragment("  ", URL).blocks == []


@pytest.mark.parametrize(
    "html",
    [
        "<html><body>" + "<div>" * 15_000 + "正文" * 50 + "</div>" * 15_000 + "</body></html>",
        "<html><body>" + "<div><span><b>" * 12_000 + "未闭合的正文" * 40,
        "<html><body><p>未闭合<div><table><tr><td>格<p>&#0;&#xD800;&bogus;<<>>\x00\x1b[2J" * 2000,
        "<html><body>" + "".join(chr(0x20 + i % 0x3000) for i in range(200_000)),
        "",
        "只有文字，没有标签",
    ],
    ids=["deeply-nested", "unclosed-nesting", "malformed", "noise", "empty", "no-tags"],
)
def test_hostile_page_does_not_crash(html: str) -> None:
    result = generic.extract_generic(html, URL)
    assert len(result.blocks) <= MAX_BLOCKS
    try:
        article = parse_article(html, URL)
    except ParseError:
        return
    assert len(article.blocks) <= MAX_BLOCKS


@pytest.mark.parametrize(
    "html",
    [
        "<html><body>" + "<div>短</div>" * (generic.MAX_GENERIC_TAGS // 2 + 1) + "</body></html>",
        "<html><body><div>" + "很长的正文" * (generic.MAX_GENERIC_CHARS // 5 + 1) + "</div>",
    ],
    ids=["too-many-tags", "too-long"],
)
def test_huge_page_is_not_given_to_the_extractor(
    html: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Its cost grows with the elements it scores: past the caps, our own result stands.
    def refuse(html: str, url: str) -> str:
        raise AssertionError("a huge page was given to the extractor")

    monkeypatch.setattr(generic, "_readability_html", refuse)
    assert generic.extract_generic(html, URL).blocks == []
