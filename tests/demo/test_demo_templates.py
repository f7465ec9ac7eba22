"""The demo's two VSB sites: one way of addressing and linking list pages, two templates."""

from __future__ import annotations

import re
from urllib.parse import urljoin

import pytest

from newsreader.demo.campus import CampusSite
from newsreader.demo.site import DemoSite

VsbSite = DemoSite | CampusSite
# What tells each template apart on a list page: its list, its pager and its head.
PAGER = re.compile(r'<div class="pager">.*?</div>|<td align="center" id="fanye\d+">.*?</td>')
MARKS = {
    "DemoSite": ('<div class="list-box">', '<div class="pager">', "<!DOCTYPE html>"),
    "CampusSite": ('<div class="list_box">', "fanye", "<!DOCTYPE HTML PUBLIC"),
}


def _sites() -> list[VsbSite]:
    return [DemoSite(articles_per_section=3), CampusSite(articles_per_section=3)]


@pytest.mark.parametrize("site", _sites(), ids=lambda s: type(s).__name__)
def test_every_pager_link_leads_to_a_list_page_of_its_column(site: VsbSite) -> None:
    base = "http://demo.test/"
    for column in site.columns:
        paths = site.lists.paths(column.path)
        for number, path in enumerate(paths, start=1):
            made = site.resolve("/" + path)
            assert made is not None, path
            encoding = "gb18030" if isinstance(site, CampusSite) else column.encoding
            html = made.body.decode(encoding, errors="replace")
            pager = "".join(PAGER.findall(html))
            assert f"共{len(site.entries(column.path))}条" in pager, path
            links = re.findall(r'<a href="([^"]+)">([^<]+)</a>', pager)
            assert links or len(paths) == 1, path
            for href, text in links:
                target = urljoin(base + path, href).removeprefix(base)
                assert target in paths, (path, text, href)
                if text in ("上页", "上一页"):
                    assert target == paths[number - 2]
                if text == column.next_text:
                    assert target == paths[number]


def test_the_two_templates_differ_on_every_list_page() -> None:
    for site in _sites():
        own, other = (
            MARKS[type(site).__name__],
            next(marks for name, marks in MARKS.items() if name != type(site).__name__),
        )
        for column in site.columns:
            made = site.resolve("/" + site.lists.paths(column.path)[0])
            assert made is not None
            text = made.body.decode("gb18030", errors="replace")
            assert all(mark in text for mark in own), column.path
            assert not any(mark in text for mark in other), column.path
