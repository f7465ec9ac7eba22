"""The VSB parsers against pages cut from real sites they were not written for.

Each page is a cut of a real public page (``tests/core/real_cuts/PROVENANCE.md`` says which), kept
to the structure the test is about.
"""

from __future__ import annotations

from pathlib import Path

from newsreader.core.parse import parse_article, parse_list, parse_sections

CUTS = Path(__file__).parent / "real_cuts"


def _page(name: str) -> str:
    return (CUTS / name).read_text(encoding="utf-8")


def test_neighbour_link_wrapped_apart_from_its_label() -> None:
    """``下一篇：<span><a>…</a></span>``: the label is outside the link's own wrapper."""
    url = (
        "http://gdutnews.gdut.edu.cn/neirongye.jsp"
        "?urltype=news.NewsContentUrl&wbtreeid=1045&wbnewsid=7471"
    )
    article = parse_article(_page("gdutnews_neirongye_7471.htm"), url)
    assert article.url == "http://gdutnews.gdut.edu.cn/info/1045/7471.htm"
    assert article.title == "学校2017年工作总结交流大会召开"
    assert article.date == "2018-01-23"
    assert article.editor == "詹勇"
    assert article.blocks[0].text.startswith("本网讯 1月18日")
    assert article.prev is None
    assert article.next is not None
    assert article.next.title == "校党委理论学习中心组专题学习省委十二届二次全会精神"
    assert article.next.url == "http://gdutnews.gdut.edu.cn/info/1045/7323.htm"


def test_image_is_the_original_vsb_names_in_orisrc() -> None:
    """VSB writes the uploaded original in ``orisrc``; ``src`` may be a scaled copy."""
    url = "https://newits.shu.edu.cn/info/1095/6432.htm"
    article = parse_article(_page("newits_info_1095_6432.htm"), url)
    images = [block for block in article.blocks if block.kind == "image"]
    assert [(image.text, image.url) for image in images] == [
        ("盘点流程", "https://newits.shu.edu.cn/img/notice.png")
    ]
    assert [image.url for image in article.images] == ["https://newits.shu.edu.cn/img/notice.png"]
    assert article.title == "关于2026年资产清查盘点的通知"
    assert article.date == "2026-09-22"
    assert article.prev is not None
    assert article.prev.url == "https://newits.shu.edu.cn/info/1095/6142.htm"
    assert [a.name for a in article.attachments] == ["资产自查表.rar"]


def test_home_page_news_columns_missing_from_the_menu_are_sections() -> None:
    """The menu names no news column; the home page's blocks of articles name four."""
    sections = parse_sections(_page("ahstu_index.htm"), "http://www.ahstu.edu.cn/index.htm")
    titles = [s.title for s in sections]
    # The menu first, as it is (an off-site entry included) ...
    assert titles[:7] == [
        "学校概况",
        "教学院部",
        "管理机构",
        "教育教学",
        "科学研究",
        "学生工作",
        "图书资料",
    ]
    # ... then the columns heading the blocks of articles, each once, in page order; the
    # marquee's link, the "more" images and the link tiles are no columns.
    assert [(s.title, s.url) for s in sections[7:]] == [
        ("安科新闻", "http://www.ahstu.edu.cn/index/akxw.htm"),
        ("通知公告", "http://www.ahstu.edu.cn/index/tzgg.htm"),
        ("校园动态", "http://www.ahstu.edu.cn/index/xydt.htm"),
        ("学术信息", "http://www.ahstu.edu.cn/index/xsxx.htm"),
    ]


def test_list_pages_add_no_columns() -> None:
    """A list page's breadcrumb and sidebar sit above article links too: they are no columns."""
    html = _page("ahstu_index.htm").replace(
        "</body>",
        '<div class="pb_sys_common"><span class="p_next p_fun"><a href="tzgg/9.htm">下页</a>'
        "</span></div></body>",
    )
    sections = parse_sections(html, "http://www.ahstu.edu.cn/index/tzgg.htm")
    assert [s.title for s in sections][7:] == []


def test_home_page_tabs_of_columns_are_sections() -> None:
    """Tabs (``校 园``, ``医 疗``, ``媒 体``) head their panels of articles: three columns."""
    sections = parse_sections(_page("smu_index.htm"), "http://www.smu.edu.cn/index.htm")
    menu = [s.title for s in sections[:5]]
    assert menu == ["学校概况", "学校机构", "科学研究", "图书馆", "附属医院"]
    # A "#" parent opens its first child's page.
    assert sections[0].url == "http://www.smu.edu.cn/xygk/xxjj.htm"
    # The news block headed by plain text whose "all news" link is another site adds nothing.
    assert [(s.title, s.url) for s in sections[5:]] == [
        ("校园", "http://www.smu.edu.cn/index/xy.htm"),
        ("医疗", "http://www.smu.edu.cn/index/yl.htm"),
        ("媒体", "http://www.smu.edu.cn/index/mt.htm"),
    ]


def test_old_pager_counts_in_the_cell_before_the_links() -> None:
    """``<td id="fanye…">共49条 1/5</td><td><div>首页 上页 <a class="Next">下页</a>…``."""
    page = parse_list(_page("nenu_soft_djgz.htm"), "http://soft.nenu.edu.cn/djgz.htm")
    assert [(item.title, item.date) for item in page.items] == [
        ("入党申请书", "2015-05-01"),
        ("关于将×××同志进行发展对象备案的报告", "2015-05-01"),
        ("东北师范大学信息与软件工程学院本科生（研究生）党支部工作记录本内容导引", "2016-04-01"),
    ]
    assert page.next_url == "http://soft.nenu.edu.cn/djgz/4.htm"
    assert page.total == 49
    assert page.page_count == 5


def test_a_title_tooltip_with_a_label_of_its_own() -> None:
    """``<a title="信息标题：全文">截断…</a>``: the full title without the tooltip's label."""
    page = parse_list(_page("jlnku_jxjy_index.htm"), "http://jxjy.example.edu.cn/index.htm")
    assert [(item.title, item.date) for item in page.items] == [
        ("关于中式烹调师、中式面点师技能鉴定补考报名通知", "2019-05-06"),
        ("2019年第1期焊工职业技能鉴定工作", "2019-04-29"),
    ]


def test_a_more_link_is_named_by_the_heading_beside_it() -> None:
    """``<h3>学校新闻</h3><a>全部新闻>></a>``, ``<h2>通知公告<small>NOTICE</small><a><img></a>``.

    The two real pages with their headings as plain text and their "more" links on the site.
    """
    smu = _page("smu_index.htm").replace("http://news.smu.edu.cn/", "xxxw.htm")
    sections = parse_sections(smu, "http://www.smu.edu.cn/index.htm")
    assert ("学校新闻", "http://www.smu.edu.cn/xxxw.htm") in [(s.title, s.url) for s in sections]
    ahstu = _page("ahstu_index.htm").replace(
        '<h2><a href="index/tzgg.htm" target="_blank">通知公告</a>', "<h2>通知公告"
    )
    sections = parse_sections(ahstu, "http://www.ahstu.edu.cn/index.htm")
    titles = [(s.title, s.url) for s in sections]
    assert ("通知公告", "http://www.ahstu.edu.cn/index/tzgg.htm") in titles
    assert not any("更多" in title or "NOTICE" in title for title, _ in titles)


def test_last_page_counts_its_own_unlinked_number() -> None:
    """The last page: no next page, and its own number (``p_no_d``, no link) is the count."""
    page = parse_list(_page("whu_uc_xstz_1.htm"), "https://uc.whu.edu.cn/tzgg/xstz/1.htm")
    # The sidebar's 最新资讯 of other columns is no part of the list.
    assert [item.url for item in page.items] == [
        "https://uc.whu.edu.cn/info/1517/14309.htm",
        "https://uc.whu.edu.cn/info/1517/14312.htm",
        "https://uc.whu.edu.cn/info/1517/14313.htm",
        "https://uc.whu.edu.cn/info/1517/14322.htm",
    ]
    assert page.items[0].date == "2021-05-06"
    assert page.next_url is None
    assert page.page_count == 24
