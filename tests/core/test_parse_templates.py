"""The parser against six synthetic VSB templates it was not written for (tests/core/templates).

Each template is a small site: a home page with the nav menu, the 新闻资讯 › 新闻 list page and
its first article. The expectations below are what a reader sees: the section tree, the list
(titles, dates, next page) and the article (title, date, source, body, neighbours, section path).
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import pytest
from vsb_sites import ARTICLE, HOME, LIST, page

from newsreader.core.parse import page_kind, parse_article, parse_list, parse_sections

BASE = "https://www.example.cn/"


@dataclass(frozen=True)
class Expected:
    """What one template must parse to."""

    sections: tuple[tuple[str, tuple[str, ...]], ...]
    titles: tuple[str, ...]
    dates: tuple[str | None, ...]
    next_url: str | None
    total: int | None
    page_count: int | None
    title: str
    date: str
    source: str | None
    body_start: str
    prev: str
    next: str


EXPECTED = {
    "a_tables": Expected(
        sections=(
            ("学院概况", ("学院简介", "历史沿革", "现任领导")),
            ("新闻资讯", ("新闻", "媒体报道")),
            ("教学科研", ("教务通知", "科研动态")),
            ("招生就业", ()),
        ),
        titles=(
            "学院召开2024年秋季学期教学工作会议暨新学期工作部署会",
            "我院学子在省职业院校技能大赛中获佳绩",
            "学院与某某集团签订校企合作协议，共建现代产业学院",
            "暑期“三下乡”社会实践总结表彰大会举行",
        ),
        dates=("2024-09-09", "2024-09-05", "2024-08-30", "2024-08-26"),
        next_url="xwzx/xw/5.htm",
        total=120,
        page_count=6,
        title="学院召开2024年秋季学期教学工作会议暨新学期工作部署会",
        date="2024-09-09",
        source="党政办公室",
        body_start="9月9日下午，学院在行政楼第一会议室召开",
        prev="学院举行2024级新生开学典礼",
        next="我院学子在省职业院校技能大赛中获佳绩",
    ),
    "b_divnav": Expected(
        sections=(
            ("协会概况", ("协会简介", "协会章程", "组织机构")),
            ("新闻资讯", ("新闻", "行业动态")),
            ("协会工作", ("通知公告", "协会动态")),
            ("专题专栏", ()),
        ),
        titles=(
            "联合会召开2026年度工作会议 部署全年重点任务",
            "社会组织党建工作培训班在京举办",
            "第二届公益创投大赛启动",
            "民政部发布社会组织登记管理新规",
        ),
        dates=("2026-01-28", "2026-01-22", "2026-01-20", "2026-01-15"),
        next_url="xwzx/xw/2.htm",
        total=58,
        page_count=3,
        title="联合会召开2026年度工作会议 部署全年重点任务",
        date="2026-01-28",
        source="联合会秘书处",
        body_start="1月28日，联合会在北京召开2026年度工作会议",
        prev="联合会走访调研会员单位",
        next="社会组织党建工作培训班在京举办",
    ),
    "c_datefirst": Expected(
        sections=(
            ("关于我们", ("学会简介", "学会章程")),
            ("新闻资讯", ("新闻", "图片新闻", "媒体聚焦")),
            ("学术交流", ("会议预告", "论文征集")),
            ("会员中心", ()),
        ),
        titles=(
            "学会第九届理事会第三次会议召开",
            "学会专家参加国家重大工程论证",
            "2026年学术年会征文通知发布",
            "学会召开青年工作委员会成立大会",
        ),
        dates=("2026-01-28", "2026-01-21", "2026-01-15", "2026-01-07"),
        next_url="xwzx/xw/3.htm",
        total=37,
        page_count=4,
        title="学会第九届理事会第三次会议召开",
        date="2026-01-28",
        source=None,
        body_start="1月28日，学会第九届理事会第三次会议在京召开",
        prev="学会举办科普开放日活动",
        next="学会专家参加国家重大工程论证",
    ),
    "d_dlnav": Expected(
        sections=(
            ("机构概况", ("机构简介", "领导班子")),
            ("新闻资讯", ("新闻", "通知公告", "视频新闻")),
            ("政策法规", ("国家政策", "地方政策")),
            ("联系我们", ()),
        ),
        titles=(
            "我市举办2026年春季大型招聘会",
            "就业见习基地申报工作启动",
            "高校毕业生就业服务月活动圆满结束",
        ),
        dates=("2026-01-28", "2026-01-19", "2026-01-09"),
        next_url="xwzx/xw/1.htm",
        total=None,
        page_count=2,
        title="我市举办2026年春季大型招聘会",
        date="2026-01-28",
        source="本站",
        body_start="1月28日，我市2026年春季大型招聘会在市会展中心举行",
        prev="关于做好2026年就业见习工作的通知",
        next="就业见习基地申报工作启动",
    ),
    "e_custom": Expected(
        sections=(
            ("协会概况", ("协会简介", "现任领导")),
            ("新闻资讯", ("新闻", "行业动态")),
            ("会员服务", ("会员单位", "入会申请")),
        ),
        titles=(
            "协会召开2026年就业工作研讨会",
            "就业指导教师培训班开班",
            "高校就业工作典型案例征集启动",
            "协会发布年度就业质量报告编制指南",
        ),
        dates=(None, None, None, None),
        next_url="xwzx/xw/2.htm",
        total=None,
        page_count=None,
        title="协会召开2026年就业工作研讨会",
        date="2026-01-28",
        source="协会秘书处",
        body_start="1月28日，协会在北京召开2026年就业工作研讨会",
        prev="协会走访调研重点高校",
        next="就业指导教师培训班开班",
    ),
    "f_association": Expected(
        sections=(
            (
                "协会概况",
                (
                    "协会简介",
                    "协会章程",
                    "现任领导",
                    "历任领导",
                    "组织机构",
                    "党建工作",
                    "秘书处",
                    "内设部门",
                ),
            ),
            ("政策法规", ("要闻", "中央", "教育部", "其他部委", "地方", "其他")),
            ("新闻资讯", ("新闻", "行业动态")),
            ("协会工作", ("通知公告", "协会动态", "会议培训", "分支机构动态")),
            ("学术研究", ("专家视点", "产业观察", "研究报告")),
            ("专题专栏", ()),
            (
                "会员服务",
                (
                    "会员单位",
                    "分支机构",
                    "地方协会",
                    "行业协会",
                    "会员风采",
                    "工作办公室",
                    "各地编辑站",
                ),
            ),
        ),
        titles=(
            "奋力推动新时代社会工作高质量发展——论贯彻落实全国社会工作部长会议精神",
            "全国社会工作部长会议在京召开 蔡奇出席并讲话",
            "教育部党组召开直属机关年轻干部座谈会",
        ),
        dates=("2026-01-28", "2026-01-27", "2026-01-26"),
        next_url="xwzx/xw/77.htm",
        total=1162,
        page_count=78,
        title="奋力推动新时代社会工作高质量发展——论贯彻落实全国社会工作部长会议精神",
        date="2026-01-28",
        source="《中国社会工作报》(2026年1月27日 第01版)",
        body_start="这次全国社会工作部长会议，是在全党深入学习贯彻",
        prev="全国社会工作部长会议在京召开 蔡奇出席并讲话",
        next="教育部党组召开直属机关年轻干部座谈会",
    ),
}
NAMES = sorted(EXPECTED)


def _html(site: str, path: str) -> str:
    text = page(site, path)
    assert text is not None, f"{site}/{path} missing"
    return text


@pytest.mark.parametrize("site", NAMES)
def test_sections_are_the_nav_tree(site: str) -> None:
    sections = parse_sections(_html(site, HOME), BASE)
    got = tuple((s.title, tuple(c.title for c in s.children)) for s in sections)
    assert got == EXPECTED[site].sections
    news = next(s for s in sections if s.title == "新闻资讯")
    assert news.children[0].url == BASE + LIST
    assert all(s.url is not None for s in sections)  # javascript:/# parents take a child's link
    # Every page carries the menu: the list and article pages give the same tree.
    assert parse_sections(_html(site, LIST), BASE + LIST) == sections


@pytest.mark.parametrize("site", NAMES)
def test_list_page(site: str) -> None:
    want = EXPECTED[site]
    listing = parse_list(_html(site, LIST), BASE + LIST)
    assert tuple(i.title for i in listing.items) == want.titles
    assert tuple(i.date for i in listing.items) == want.dates
    assert listing.items[0].url == BASE + ARTICLE
    assert listing.next_url == (BASE + want.next_url if want.next_url else None)
    assert (listing.total, listing.page_count) == (want.total, want.page_count)


@pytest.mark.parametrize("site", NAMES)
def test_article_page(site: str) -> None:
    want = EXPECTED[site]
    html = _html(site, ARTICLE)
    art = parse_article(html, BASE + ARTICLE)
    assert (art.title, art.date, art.source) == (want.title, want.date, want.source)
    assert art.body.startswith(want.body_start)
    assert "上一" not in art.body and "版权所有" not in art.body and "当前位置" not in art.body
    assert art.prev is not None and art.prev.title == want.prev
    assert art.prev.url.startswith(BASE + "info/1023/")  # relative to the article
    assert art.next is not None and art.next.title == want.next
    assert art.section == ("新闻资讯", "新闻")
    assert page_kind(_html(site, LIST)) != "article"


def test_a_word_layout_table_body_keeps_paragraphs_and_image() -> None:
    art = parse_article(_html("a_tables", ARTICLE), BASE + ARTICLE)
    paragraphs = [b.text for b in art.blocks if b.kind == "paragraph"]
    assert len(paragraphs) == 3 and paragraphs[2].startswith("会议要求")
    assert art.images[0].url == BASE + "__local/A/B/C.jpg"
    assert art.published == "2024-09-09 17:29"


def test_c_split_and_dotted_dates_ignore_dates_in_the_summary() -> None:
    listing = parse_list(_html("c_datefirst", LIST), BASE + LIST)
    # The first summary mentions 2025年12月3日 and the last 2025年11月30日: not their dates.
    assert listing.items[0].date == "2026-01-28" and listing.items[3].date == "2026-01-07"
    assert not any("……" in item.title for item in listing.items)


def test_d_info_line_with_chinese_date_and_author() -> None:
    art = parse_article(_html("d_dlnav", ARTICLE), BASE + ARTICLE)
    assert art.published == "2026年01月28日"
    assert "_showDynClicks" not in art.body


def test_e_title_from_page_title_without_site_suffix() -> None:
    html = _html("e_custom", ARTICLE).replace('<h2 class="title">', '<div class="x">')
    html = html.replace("研讨会</h2>", "研讨会</div>")
    art = parse_article(html, BASE + ARTICLE)
    assert art.title == "协会召开2026年就业工作研讨会"  # <title> minus "-高校毕业生就业协会"
    assert art.body.startswith("1月28日")


def test_f_footer_links_are_neither_nav_nor_list() -> None:
    home = _html("f_association", HOME)
    titles = {c.title for s in parse_sections(home, BASE) for _, c in s.walk()}
    assert not titles & {"北京", "天津", "中国电子学会", "中国政府网", "联系我们", "搜索"}
    listing = parse_list(_html("f_association", LIST), BASE + LIST)
    assert not any(item.external for item in listing.items)
    art = parse_article(_html("f_association", ARTICLE), BASE + ARTICLE)
    assert art.editor == "lly"
    assert "协会官方微信" not in art.body and "北京" not in art.body


@pytest.mark.parametrize("depth", [1_600, 20_000])
def test_deeply_wrapped_body_keeps_its_text(depth: int) -> None:
    html = _html("b_divnav", ARTICLE)
    start = html.index('<div class="v_news_content">') + len('<div class="v_news_content">')
    end = html.index("</div></div>", start)
    wrapped = html[:start] + "<div>" * depth + html[start:end] + "</div>" * depth + html[end:]
    began = time.monotonic()
    art = parse_article(wrapped, BASE + ARTICLE)
    assert time.monotonic() - began < 5
    assert art.body.startswith("1月28日，联合会在北京召开2026年度工作会议")
    assert art.body.endswith("会议还审议通过了年度工作要点。")
    assert art.next is not None and art.next.title == "社会组织党建工作培训班在京举办"


def test_e_h1_wins_over_an_earlier_column_heading() -> None:
    title = "协会召开2026年就业工作研讨会"
    html = _html("e_custom", ARTICLE).replace(
        f'<h2 class="title">{title}</h2>', f"<h3>综合动态</h3><h1>{title}</h1>"
    )
    assert parse_article(html, BASE + ARTICLE).title == title
