"""A list page gives at most MAX_LIST_ITEMS entries, and a page of 139,000 links stays cheap."""

from __future__ import annotations

import tracemalloc

from newsreader.core.models import ListPage
from newsreader.core.parse import parse_list
from newsreader.core.parse.listing import MAX_LIST_ITEMS, MAX_LIST_LINKS

URL = "https://www.example.cn/xwzx/xw.htm"


def _page(count: int) -> str:
    rows = "".join(
        f'<li><a href="../info/1023/{i}.htm">题目{i}</a><span>2024-01-01</span></li>'
        for i in range(count)
    )
    return f"<html><body><ul>{rows}</ul></body></html>"


def test_entries_past_the_cap_are_dropped_and_counted() -> None:
    listing = parse_list(_page(MAX_LIST_ITEMS + 500), URL)
    assert len(listing.items) == MAX_LIST_ITEMS
    assert listing.items[-1].title == f"题目{MAX_LIST_ITEMS - 1}"  # the first ones, in order
    assert listing.truncated == 500
    assert ListPage.from_dict(listing.to_dict()) == listing  # the count is cached with the page
    assert parse_list(_page(MAX_LIST_ITEMS), URL).truncated == 0


def test_a_page_of_139k_links_parses_within_the_cap_in_bounded_memory() -> None:
    html = _page(139_000)  # 10.6 MB
    tracemalloc.start()
    try:
        listing = parse_list(html, URL)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(listing.items) == MAX_LIST_ITEMS
    assert listing.truncated == 139_000 - MAX_LIST_ITEMS
    # Only the page up to its link MAX_LIST_LINKS + 1 is parsed: the tree of the rest, and the
    # Python objects for its 134,000 links, are never built (it took 180 MB).
    assert MAX_LIST_LINKS < 139_000
    assert peak < 32_000_000
