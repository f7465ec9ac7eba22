"""List items however a template wraps them, and the small general rules behind them."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsreader.core.parse import parse_list, parse_sections
from newsreader.core.parse.dom import link_url

URL = "https://www.example.cn/xwzx/xw.htm"


def _page(body: str, title: str = "新闻-示例协会") -> str:
    return f"<html><head><title>{title}</title></head><body>{body}</body></html>"


def _rows(template: str) -> str:
    return "".join(template.format(i=i) for i in range(1, 5))


@pytest.mark.parametrize(
    ("body", "dates"),
    [
        (  # table rows with the link deep in font/b, the date in the first cell
            "<table>"
            + _rows(
                '<tr><td>[2026-01-0{i}]</td><td><font><b><a href="../info/1023/{i}.htm">'
                "题目{i}</a></b></font></td></tr>"
            )
            + "</table>",
            ["2026-01-01", "2026-01-02", "2026-01-03", "2026-01-04"],
        ),
        (  # dl items: title in dt, date in dd
            '<div class="list">'
            + _rows(
                '<dl><dt><a href="../info/1023/{i}.htm">题目{i}</a></dt><dd>2026-02-0{i}</dd></dl>'
            )
            + "</div>",
            ["2026-02-01", "2026-02-02", "2026-02-03", "2026-02-04"],
        ),
        (  # picture + title links to one article, a summary with its own date, a split date
            '<ul class="news_list">'
            + _rows(
                '<li><div class="img"><a href="../info/1023/{i}.htm"><img src="a.jpg"></a>'
                '</div><div class="con"><div class="t"><span><a href="../info/1023/{i}.htm">'
                '题目{i}</a></span></div><div class="txt">摘要：2025年3月{i}日举行的会议'
                '回顾与展望</div><div class="meta"><span><b>2026</b>-<b>01</b>-<b>2{i}</b>'
                "</span></div></div></li>"
            )
            + "</ul>",
            ["2026-01-21", "2026-01-22", "2026-01-23", "2026-01-24"],
        ),
        (  # a per-item column link beside the article link is not an entry
            "<ul>"
            + _rows(
                '<li><a href="../info/1023/{i}.htm">题目{i}</a><a href="tzgg.htm">[通知]</a>'
                "<span>2026/3/{i}</span></li>"
            )
            + "</ul>",
            ["2026-03-01", "2026-03-02", "2026-03-03", "2026-03-04"],
        ),
        (  # the whole item is the link: a day/month + year block, a summary with a full date
            '<ul class="list">'
            + _rows(
                '<li><a href="../info/1023/{i}.htm"><div class="date"><p>11/0{i}</p>'
                '<span>2024</span></div><div class="txt"><h3>题目{i}</h3>'
                "<p>请于2024年11月15日前提交申报材料。</p></div></a></li>"
            )
            + "</ul>",
            ["2024-11-01", "2024-11-02", "2024-11-03", "2024-11-04"],
        ),
        (  # year-month and day in one block inside the link, the summary names another date
            '<ul class="list">'
            + _rows(
                '<li><a href="../info/1023/{i}.htm"><div class="time"><span>0{i}</span>'
                "<em>2024-11</em></div><h4>题目{i}</h4><p>会议定于2024年12月20日召开。</p></a></li>"
            )
            + "</ul>",
            ["2024-11-01", "2024-11-02", "2024-11-03", "2024-11-04"],
        ),
        (  # the summary (with a date) comes before the item's date block
            '<div class="list">'
            + _rows(
                '<div class="item"><a href="../info/1023/{i}.htm"><h3>题目{i}</h3>'
                '<p>于2024年11月15日…前提交</p><div class="date"><p>11/0{i}</p><span>2024</span>'
                "</div></a></div>"
            )
            + "</div>",
            ["2024-11-01", "2024-11-02", "2024-11-03", "2024-11-04"],
        ),
        (  # day and year-month in elements of their own, no wrapper; a dated summary beside
            '<ul class="list">'
            + _rows(
                '<li><a href="../info/1023/{i}.htm"><b>0{i}</b><i>2024.11</i><h3>题目{i}</h3></a>'
                "<p>截止日期：2024-11-30，逾期不候。</p></li>"
            )
            + "</ul>",
            ["2024-11-01", "2024-11-02", "2024-11-03", "2024-11-04"],
        ),
        (  # a table row: the date cell wins over a date in the summary cell
            "<table>"
            + _rows(
                '<tr><td><a href="../info/1023/{i}.htm">题目{i}</a></td>'
                "<td>报名时间为2024年11月15日至20日</td><td>2024-11-0{i}</td></tr>"
            )
            + "</table>",
            ["2024-11-01", "2024-11-02", "2024-11-03", "2024-11-04"],
        ),
        (  # no date field at all: running text is the last resort
            "<ul>"
            + _rows('<li><a href="../info/1023/{i}.htm">题目{i}</a>（发布于2024年11月0{i}日）</li>')
            + "</ul>",
            ["2024-11-01", "2024-11-02", "2024-11-03", "2024-11-04"],
        ),
    ],
    ids=[
        "table-deep-link",
        "dl-dt-dd",
        "summary-dates",
        "column-links",
        "date-block-in-link",
        "year-month-day-in-link",
        "summary-before-date",
        "unwrapped-date-parts",
        "table-date-cell",
        "date-in-running-text",
    ],
)
def test_items_are_found_however_wrapped(body: str, dates: list[str]) -> None:
    listing = parse_list(_page(body), URL)
    assert [i.title for i in listing.items] == ["题目1", "题目2", "题目3", "题目4"]
    assert [i.date for i in listing.items] == dates
    assert listing.items[0].url == "https://www.example.cn/info/1023/1.htm"
    assert listing.column == "新闻"  # from <title> when there is no META or breadcrumb


def test_control_characters_in_hrefs_are_percent_encoded() -> None:
    url = link_url("x\x07y\u202e.htm", URL)
    assert url == "https://www.example.cn/xwzx/x%07y%E2%80%AE.htm"


@pytest.mark.parametrize(
    "menu",
    [
        '<div class="nav"><a href="/">首 页</a><a href="/a.htm">概 况</a><a href="/b.htm">新闻</a>'
        '<a href="/c.htm">通知</a></div>',
        '<div class="menu"><dl><dt><a href="/a.htm">概况</a></dt><dd><a href="/a/1.htm">简介</a>'
        '</dd></dl><dl><dt><a href="/b.htm">新闻</a></dt></dl><dl><dt><a href="/c.htm">通知</a>'
        "</dt></dl></div>",
    ],
    ids=["div-a", "div-dl"],
)
def test_menus_without_ul(menu: str) -> None:
    sections = parse_sections(_page(menu), URL)
    assert [s.title for s in sections] == ["概况", "新闻", "通知"]


def test_a_dated_news_list_is_not_the_menu() -> None:
    news = "<ul>" + _rows('<li><a href="/x{i}.htm">要闻{i}</a><span>2026-01-0{i}</span></li>')
    menu = '<ul><li><a href="/a.htm">概况</a></li><li><a href="/b.htm">新闻</a></li>'
    html = _page(news + "</ul>" + menu + '<li><a href="/c.htm">通知</a></li></ul>')
    assert [s.title for s in parse_sections(html, URL)] == ["概况", "新闻", "通知"]


def _link_url_reference(href: str, base: str) -> str | None:
    """link_url as it was before its fast path: urljoin for every link."""
    from urllib.parse import quote, urljoin, urlsplit

    from newsreader.core.parse import dom

    href = href.strip()
    if not href or href.lower().startswith(dom._SKIP_SCHEMES):
        return None
    try:
        url = urljoin(base, href)
        scheme = urlsplit(url).scheme.lower()
    except ValueError:
        return None
    if scheme not in ("http", "https"):
        return None
    return dom._UNSAFE_URL_CHARS.sub(lambda m: quote(m.group(0), safe=""), url)


_REF_PIECES = [*"ab./?;:#%&=@-_~!$'()*+,\\ \t", "..", "../", "./", "//", "é", "\u200b", "http:"]
_BASES = [
    "http://h/a/b/c.htm",
    "https://h/",
    "http://h",
    "http://h/a//b/",
    "http://h/a/b/../c",
    "http://h/x.htm?q=1#f",
    "ftp://h/a/",
    "http://h/a;p/b;q",
    "http://[::1]/a/b",
    "http://h:80/a/./b/",
    "",
    "http://h/\u200b/a",
]


@settings(max_examples=3000, deadline=None)
@given(
    st.lists(st.sampled_from(_REF_PIECES), max_size=10).map("".join),
    st.sampled_from(_BASES),
)
def test_link_url_fast_path_matches_urljoin(href: str, base: str) -> None:
    # The fast path for relative links (``../../info/1/2.htm``) must give what urljoin gives.
    assert link_url(href, base) == _link_url_reference(href, base)
