"""Unit tests of the sanitizer, URL rules, cell widths and section lookup."""

from __future__ import annotations

import pytest

from newsreader.core.cells import NO_LINE_START, cell_len, pad, truncate, wrap
from newsreader.core.errors import UsageError
from newsreader.core.models import Section
from newsreader.core.sanitize import clean_line, clean_paragraph, clean_text
from newsreader.core.sections import find_section
from newsreader.core.sources.vsb import article_id, article_key, canonical_article_url
from newsreader.core.urls import normalize_site_url, same_site


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("a\x1b[31mred\x1b[0m", "ared"),
        ("x\x1b]8;;http://evil/\x1b\\link\x1b]8;;\x1b\\", "xlink"),
        ("copy\x1b]52;c;aGVsbG8=\x07me", "copyme"),
        ("c1\x9b31mx\x85y", "c1xy"),
        ("bidi\u202etxt.exe\u202c", "biditxt.exe"),
        ("zero\u200bwidth\ufeff", "zerowidth"),
        ("nb\xa0sp", "nb sp"),
        ("bell\x07 and \x00nul", "bell and nul"),
    ],
)
def test_clean_line_strips_escapes_and_controls(raw: str, clean: str) -> None:
    assert clean_line(raw) == clean


def test_clean_text_keeps_line_breaks_and_tabs() -> None:
    assert clean_text("a\r\nb\tc") == "a\n\nb\tc"
    assert clean_paragraph("  a   b \n\n  c  ") == "a b\nc"


def test_article_urls_are_one_article_in_both_forms() -> None:
    info = "https://www.chinaafse.cn/info/1023/2831.htm"
    jsp = "https://www.chinaafse.cn/content.jsp?urltype=news.NewsContentUrl&wbtreeid=1023&wbnewsid=2831"
    assert article_id(info) == article_id(jsp) == (1023, 2831)
    assert canonical_article_url(jsp) == info
    assert article_key(info) == article_key(jsp) == "chinaafse.cn:1023:2831"
    assert article_id("https://x.cn/xwzx/xw.htm") is None


def test_site_url_rules() -> None:
    assert normalize_site_url("www.chinaafse.cn") == "https://www.chinaafse.cn/"
    assert normalize_site_url("http://x.cn/sub/index.htm") == "http://x.cn/sub/"
    with pytest.raises(UsageError):
        normalize_site_url("file:///etc/passwd")
    assert same_site("https://chinaafse.cn/a.htm", "https://www.chinaafse.cn/")
    assert not same_site("https://evil.cn/a.htm", "https://www.chinaafse.cn/")
    assert not same_site("javascript:alert(1)", "https://www.chinaafse.cn/")


def test_cells_count_cjk_as_two_and_wrap_by_cells() -> None:
    assert cell_len("新闻ab") == 6
    assert truncate("高校毕业生就业协会", 9) == "高校毕业…"
    assert cell_len(pad("新闻", 7)) == 7
    lines = wrap("毕业生就业，协会工作。" * 3, 10)
    assert all(cell_len(line) <= 10 for line in lines[:-1] if not line.endswith(("，", "。")))
    assert "".join(lines) == "毕业生就业，协会工作。" * 3
    assert not any(line.startswith(("，", "。")) for line in lines)


def test_kinsoku_line_is_never_wider_than_the_width() -> None:
    # Closing punctuation may not start a line: the character before it goes down with it,
    # instead of the punctuation hanging past the width (12 cells here, before).
    assert wrap("甲乙丙丁戊，己庚", 10) == ["甲乙丙丁", "戊，己庚"]


def test_a_run_of_closing_punctuation_longer_than_a_line_fills_its_lines() -> None:
    # No break inside such a run is legal; moving back one character at a time made lines of
    # one character, most starting with the punctuation (199,962 lines here instead of ~5,000).
    lines = wrap("中" + "」" * 200_000, 80)
    assert len(lines) == 5001 and all(cell_len(line) <= 80 for line in lines)
    lines = wrap("中文，。」」」」」」」」", 8)
    assert lines == ["中", "文，。」", "」」」」", "」」」"]
    assert not any(line.startswith(("，", "。")) for line in lines)


@pytest.mark.parametrize("width", range(8, 21))
def test_wrapping_keeps_text_width_and_kinsoku(width: int) -> None:
    text = "毕业生就业」。协会工作，“会议”召开！Job fair 2026, (Wuhan)。" * 3
    lines = wrap(text, width)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    assert all(cell_len(line) <= width for line in lines)
    assert not any(line[:1] in NO_LINE_START for line in lines)


def test_find_section_by_path_title_or_ambiguity() -> None:
    tree = (
        Section(
            "新闻资讯", "https://x.cn/xwzx.htm", (Section("新闻", "https://x.cn/xwzx/xw.htm"),)
        ),
        Section("协会工作", None, (Section("通知公告", "https://x.cn/tzgg.htm"),)),
        Section("会员服务", None, (Section("新闻", "https://x.cn/hyfw/xw.htm"),)),
    )
    assert find_section(tree, "新闻资讯/新闻").url == "https://x.cn/xwzx/xw.htm"
    assert find_section(tree, " 通知公告 ").url == "https://x.cn/tzgg.htm"
    with pytest.raises(UsageError, match="ambiguous"):
        find_section(tree, "新闻")
    with pytest.raises(UsageError, match="no section"):
        find_section(tree, "不存在")


@pytest.mark.parametrize(
    ("env", "lang"),
    [
        ({}, "zh"),
        ({"LANG": "en_US.UTF-8"}, "en"),
        ({"LANG": "zh_CN.UTF-8"}, "zh"),
        ({"LANG": "en_US.UTF-8", "LC_ALL": "zh_CN.UTF-8"}, "zh"),
        ({"LC_MESSAGES": "en_GB", "LANG": "zh_CN"}, "en"),
        ({"LANG": "C.UTF-8"}, "zh"),
    ],
)
def test_language_from_locale(env: dict[str, str], lang: str) -> None:
    from newsreader.core.config import language_from_locale

    assert language_from_locale(env) == lang


def test_every_changed_character_is_unprintable() -> None:
    # clean_text and clean_line return printable text untouched (str.isprintable is their fast
    # path): that holds only while every character the tables change is unprintable.
    from newsreader.core import sanitize

    assert not [hex(c) for c in sanitize._LINE_TABLE if chr(c).isprintable()]
    assert all(not chr(c).isprintable() for c in (0x1B, *range(0x90, 0xA0)))
