"""``newsreader list --pages N`` lists an article once when the site repeats it on a later page.

Pagination shifts as news is added, so a site shows an article again on the next page, sometimes
in its ``content.jsp?…`` form. The core merges the pages by article identity, in site order, the
way the TUI appends a page to the list it shows.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from cli_runner import Runner
from vsb_sites import serve_template

from newsreader.core.lists import merge_items
from newsreader.core.models import ListItem
from newsreader.core.sources.vsb import article_key

SITE = "b_divnav"
JSP = "/system/content.jsp?urltype=news.NewsContentUrl&wbtreeid=1023&wbnewsid={}"


def _list_page(items: list[tuple[str, str]], next_href: str | None) -> bytes:
    rows = "".join(
        f'<div class="list-item"><a href="{href}" title="{title}">{title}</a>'
        f'<span class="time">2026-01-0{n}</span></div>'
        for n, (href, title) in enumerate(items, 1)
    )
    pager = f'<span class="p_next p_fun"><a href="{next_href}">下页</a></span>' if next_href else ""
    text = (
        '<!DOCTYPE html><html><head><meta charset="utf-8"><title>新闻</title>'
        '<META Name="pageType" Content="2"><META Name="ColumnName" Content="新闻"></head><body>'
        f'<div class="list">{rows}</div>'
        f'<div class="pb_sys_common pb_sys_normal"><span class="p_pages">{pager}</span></div>'
        "</body></html>"
    )
    return text.encode("utf-8")


# Page 1 (xwzx/xw.htm, the template's) lists 2831, 2830, 2829 and an external link; page 2
# repeats 2830 in its static form, page 3 repeats 2829 in its content.jsp form.
PAGES = {
    "xwzx/xw/2.htm": _list_page(
        [
            ("/info/1023/2830.htm", "社会组织党建工作培训班在京举办"),
            ("/info/1023/2828.htm", "二页新闻"),
        ],
        "1.htm",
    ),
    "xwzx/xw/1.htm": _list_page(
        [(JSP.format(2829), "第二届公益创投大赛启动"), ("/info/1023/2827.htm", "三页新闻")], None
    ),
}


@pytest.fixture
def site_url() -> Iterator[str]:
    """The repeating site on a free 127.0.0.1 port for the test's duration."""
    with serve_template(SITE, PAGES) as url:
        yield url


def test_list_over_pages_lists_a_repeated_article_once_in_site_order(
    site_url: str, capsys: pytest.CaptureFixture[str], cache_dir: Path
) -> None:
    cli = Runner(capsys, site_url, cache_dir)
    items = cli.json("list", "新闻资讯/新闻", "--pages", "3")
    assert isinstance(items, list)
    numbers = [item["url"].rsplit("/", 1)[-1] for item in items if not item["external"]]
    assert numbers == ["2831.htm", "2830.htm", "2829.htm", "2828.htm", "2827.htm"]
    assert items[0]["url"] == site_url + "info/1023/2831.htm"
    assert sum(item["external"] for item in items) == 1
    # Offline, from the cache, the same merged list.
    assert cli.json("--offline", "list", "新闻资讯/新闻", "--pages", "3") == items


def test_merge_items_keeps_the_first_of_either_url_form() -> None:
    base = "http://h.cn"
    first = [ListItem("一", f"{base}/info/1/2.htm"), ListItem("二", f"{base}/info/1/3.htm")]
    later = [
        ListItem("二again", f"{base}/system/content.jsp?wbtreeid=1&wbnewsid=3"),
        ListItem("三", f"{base}/info/1/4.htm"),
        ListItem("三", f"{base}/info/1/4.htm#top"),
    ]
    merged = merge_items(first, later, key=article_key)
    assert [i.title for i in merged] == ["一", "二", "三"]
    assert merge_items([], first, key=article_key) == first
