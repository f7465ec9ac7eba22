"""End to end: the CLI against synthetic VSB templates (tests/core/templates) served on 127.0.0.1.

The path a user takes on a site the parser has never seen: the section tree from the home page,
then 新闻资讯 › 新闻, then its first article, each page served as the site would (GBK for the old
table template, UTF-8 with a byte-order mark and no charset in the header otherwise).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from cli_runner import Runner
from vsb_sites import ARTICLE, LIST, serve_template


@pytest.fixture(params=["a_tables", "b_divnav", "d_dlnav"])
def site_url(request: pytest.FixtureRequest) -> Iterator[str]:
    """One template site served on a free 127.0.0.1 port for the test's duration."""
    with serve_template(request.param) as url:
        yield url


def test_sections_list_and_read(
    site_url: str, capsys: pytest.CaptureFixture[str], cache_dir: Path
) -> None:
    cli = Runner(capsys, site_url, cache_dir)
    tree = cli.json("sections")
    assert isinstance(tree, list) and len(tree) >= 4
    news = next(s for s in tree if s["title"] == "新闻资讯")
    assert news["children"][0] == {"title": "新闻", "url": site_url + LIST, "children": []}

    items = cli.json("list", "新闻资讯/新闻")
    assert isinstance(items, list) and len(items) >= 3
    first = items[0]
    assert first["url"] == site_url + ARTICLE
    assert first["date"] and first["date"][:4] in ("2024", "2026")
    assert "..." not in first["title"] and "…" not in first["title"]

    article = cli.json("read", first["url"])
    assert isinstance(article, dict)
    assert article["title"] == first["title"]
    assert article["date"] == first["date"]
    assert len(article["body"]) > 40 and "上一" not in article["body"]
    assert article["section"] == ["新闻资讯", "新闻"]
    assert article["next"] and article["next"]["url"].startswith(site_url + "info/1023/")
