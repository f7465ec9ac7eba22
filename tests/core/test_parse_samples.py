"""The parser against six real VSB pages of four templates (../shared/vsb-samples)."""

from __future__ import annotations

import pytest
from shared_samples import SAMPLES

from newsreader.core.parse import (
    page_kind,
    parse_article,
    parse_list,
    parse_sections,
    parse_site_name,
)

CS_LIST = ("whu-cs_list_bkjx_page1.html", "https://cs.whu.edu.cn/xwdt/tzgg/bkjx.htm")
EMS_LIST = ("whu-ems_list_tzgg_page1.html", "https://ems.whu.edu.cn/tzgg.htm")
UC_LIST = ("whu-uc_list_xstz_page1.html", "https://uc.whu.edu.cn/tzgg/xstz.htm")
EMS_ART = ("whu-ems_article_info-1588-250571.html", "https://ems.whu.edu.cn/info/1588/250571.htm")
UC_ART = ("whu-uc_article_info-1517-14147.html", "https://uc.whu.edu.cn/info/1517/14147.htm")
NEWS_ART = ("whu-news_article_info-1002-45084.html", "https://news.whu.edu.cn/info/1002/45084.htm")


def load(name: str) -> str:
    path = SAMPLES / name
    if not path.is_file():
        pytest.skip(f"sample {path} not present")
    return path.read_text(encoding="utf-8-sig")


# --- nav -------------------------------------------------------------------------------------


def test_cs_nav_javascript_parents_take_first_child() -> None:
    sections = parse_sections(load(CS_LIST[0]), CS_LIST[1])
    titles = [s.title for s in sections]
    assert titles == [
        "学院概况",
        "师资队伍",
        "人才培养",
        "科学研究",
        "党群工作",
        "人才招聘",
        "校友风采",
        "信息公开",
    ]
    first = sections[0]
    assert first.url == "https://cs.whu.edu.cn/xygk/xyjj.htm"
    assert [c.title for c in first.children] == [
        "学院简介",
        "历史沿革",
        "现任领导",
        "组织机构",
        "联系我们",
        "计科映像",
    ]
    assert sections[4].children[1].url == "https://cs.whu.edu.cn/dqgz/jjgz/jwjj.htm"


def test_ems_nav_keeps_leaf_sections_and_drops_home() -> None:
    sections = parse_sections(load(EMS_LIST[0]), EMS_LIST[1])
    by_title = {s.title: s for s in sections}
    assert "首页" not in by_title
    assert len(sections) == 10
    assert by_title["高端培训"].url == "http://edp.whu.edu.cn/"
    assert by_title["高端培训"].children == ()
    assert by_title["人才招聘"].url == "https://ems.whu.edu.cn/rczp.htm"
    assert by_title["学院概况"].url == "https://ems.whu.edu.cn/about/xyjj.htm"
    assert by_title["人才培养"].children[3].url == "http://mba.whu.edu.cn"


def test_uc_nav_drops_mobile_duplicate() -> None:
    sections = parse_sections(load(UC_LIST[0]), UC_LIST[1])
    assert [s.title for s in sections] == ["部门概况", "作风建设", "信息公开", "下载中心"]
    assert sections[0].url == "https://uc.whu.edu.cn/bmgk/bmld.htm"
    assert sections[2].url == "https://info.whu.edu.cn/bmxxgkxw12/bksy.htm"


# --- list pages ------------------------------------------------------------------------------


def test_cs_list_items_mix_content_jsp_and_info_forms() -> None:
    page = parse_list(load(CS_LIST[0]), CS_LIST[1])
    assert len(page.items) == 15
    first = page.items[0]
    assert first.title == "关于计算机学院2025级计算机科学与技术试验班（雷军班） 补充选拔的通知"
    assert first.url == "https://cs.whu.edu.cn/info/1074/66441.htm"  # from content.jsp
    assert first.date == "2026-09-29"
    assert page.items[3].url == "https://cs.whu.edu.cn/info/1074/65321.htm"
    assert page.items[-1].date == "2025-07-10"
    # title= holds the site name there, not a fuller title: it must not replace the text.
    assert all(item.title != "武汉大学计算机学院" for item in page.items)
    assert page.next_url == "https://cs.whu.edu.cn/xwdt/tzgg/bkjx/3.htm"
    assert page.page_count == 4
    assert page.column == "本科教学"


def test_ems_list_external_items_and_countdown_pagination() -> None:
    page = parse_list(load(EMS_LIST[0]), EMS_LIST[1])
    assert len(page.items) == 12
    assert page.items[1].title == "经济与管理学院2026年国庆节值班安排"
    assert page.items[1].url == "https://ems.whu.edu.cn/info/1588/308491.htm"
    assert page.items[1].date == "2026-09-30"
    externals = [item for item in page.items if item.external]
    assert [item.url.split("/")[2] for item in externals] == ["finance.whu.edu.cn", "uc.whu.edu.cn"]
    assert page.next_url == "https://ems.whu.edu.cn/tzgg/201.htm"
    assert page.page_count == 202
    assert page.column == "通知公告"


def test_uc_list_picks_dated_list_not_sidebar() -> None:
    page = parse_list(load(UC_LIST[0]), UC_LIST[1])
    assert len(page.items) == 25
    assert page.items[0].title == "武汉大学2026年下半年国家普通话水平测试报名通知"
    assert page.items[0].url == "https://uc.whu.edu.cn/info/1517/128491.htm"
    assert [item.date for item in page.items[:3]] == ["2026-09-23", "2026-09-22", "2026-09-22"]
    assert all(item.date for item in page.items)
    assert not any(item.external for item in page.items)
    assert page.next_url == "https://uc.whu.edu.cn/tzgg/xstz/23.htm"
    assert page.page_count == 24
    assert page.total is None


# --- articles --------------------------------------------------------------------------------


def test_ems_article_meta_attachments_and_neighbours() -> None:
    art = parse_article(load(EMS_ART[0]), EMS_ART[1])
    assert art.title == "经济与管理学院2024—2025学年第一学期本科教学课程助教选聘通知"
    assert art.date == "2024-09-09"
    assert art.published == "2024-09-09 17:29"
    assert art.section == ("通知公告",)
    assert [a.name for a in art.attachments] == [
        "附件一：武汉大学经济与管理学院本科教学课程助教岗位申请审核表.doc",
        "附件二：武汉大学经济与管理学院本科教学课程助教考核表.docx",
    ]
    assert all("DownloadAttachUrl" in a.url for a in art.attachments)
    assert art.attachments[0].url.startswith("https://ems.whu.edu.cn/system/_content/download.jsp")
    assert art.prev is not None and art.next is not None
    assert art.prev.title == "关于举行经济与管理学院2025届本科生推免学术活动加分公开答辩会的通知"
    assert art.prev.url == "https://ems.whu.edu.cn/info/1588/250601.htm"
    assert art.next.url == "https://ems.whu.edu.cn/info/1588/250561.htm"
    assert art.blocks[0].text == "学院各系（所）："
    assert art.blocks[-1].text == "2024年9月9日"
    assert "上一条" not in art.body


def test_uc_article_attachment_list_and_breadcrumb_without_hint() -> None:
    art = parse_article(load(UC_ART[0]), UC_ART[1])
    assert art.title == "关于征集2023年大学生创新创业训练计划项目选题的通知"
    assert art.source == "武汉大学本科生院"
    assert art.date == "2022-05-14"
    assert art.published == "2022-05-14 17:07"
    assert art.section == ("通知公告", "学生通知")
    assert len(art.attachments) == 1
    assert (
        art.attachments[0].name
        == "附件-武汉大学2023年大学生创新创业训练计划项目选题征集信息表.xlsx"
    )
    assert art.prev is None and art.next is None
    texts = [b.text for b in art.blocks]
    assert "武汉本函﹝2022﹞67号" in texts
    assert texts[-1] == "2022年5月13日"
    assert all(t.strip() for t in texts)  # the many <p><br></p> are gone


def test_bold_paragraph_headings_of_the_real_samples() -> None:
    """Of the 116 paragraphs of the six samples, the two bold-only ones are headings."""
    headings = {
        name: [b.text for b in parse_article(load(name), url).blocks if b.kind == "heading"]
        for name, url in (UC_ART, EMS_ART, NEWS_ART)
    }
    assert headings == {
        UC_ART[0]: ["关于征集2023年大学生创新创业训练计划项目选题的通知", "二、申报选题流程"],
        EMS_ART[0]: [],
        NEWS_ART[0]: [],
    }


def test_news_article_info_line_word_junk_and_editor() -> None:
    art = parse_article(load(NEWS_ART[0]), NEWS_ART[1])
    assert art.title == "【学在武大】我怎样当助教"
    assert art.source == "武汉大学报社"
    assert art.editor == "严航"
    assert art.date == "2016-01-06"
    assert art.section == ("武大资讯", "武大要闻")
    assert art.prev is not None and art.prev.title == "我校与哈萨克斯坦联合培养出首批双文凭本科生"
    assert art.next is not None and art.next.title == "窗上的风景（组图）"
    assert art.next.url == "https://news.whu.edu.cn/info/1002/45083.htm"
    assert art.blocks[0].text == "实习生：肖淙文"
    assert "xml:namespace" not in art.body and "mso-" not in art.body
    assert art.attachments == ()


# --- meta ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sample", "kind", "site"),
    [
        (CS_LIST, "list", "武汉大学计算机学院"),
        (EMS_LIST, "list", "武汉大学经济与管理学院"),
        (UC_LIST, "list", "武汉大学本科生院"),
        (EMS_ART, "article", "武汉大学经济与管理学院"),
        (UC_ART, "article", "武汉大学本科生院"),
        (NEWS_ART, "article", "武汉大学新闻网"),
    ],
)
def test_page_kind_and_site_name(sample: tuple[str, str], kind: str, site: str) -> None:
    html = load(sample[0])
    assert page_kind(html) == kind
    assert parse_site_name(html) == site
