"""Export file names: never the extension alone, never the index's, a number for every page."""

from __future__ import annotations

import pytest

from newsreader.core.exporting import article_filename
from newsreader.core.models import Article


@pytest.mark.parametrize("title", ["", "...", " . ", "\u200b"])
@pytest.mark.parametrize("fmt", ["md", "html"])
def test_a_title_that_sanitises_to_nothing_gets_the_articles_number(title: str, fmt: str) -> None:
    article = Article(url="https://s.cn/info/1023/2831.htm", title=title, blocks=())
    assert article_filename(article, fmt) == f"article-2831.{fmt}"  # type: ignore[arg-type]


def test_a_page_that_is_no_vsb_article_is_numbered_by_its_url() -> None:
    # Its cache key is the URL itself: "the last part after a colon" was "8080/x/index.htm".
    one = Article(url="http://h.cn:8080/x/index.htm", title="index", blocks=())
    other = Article(url="http://h.cn:8080/y/index.htm", title="index", blocks=())
    names = {article_filename(one, "md"), article_filename(other, "md")}
    assert len(names) == 2
    assert all(n.startswith("index-") and n.endswith(".md") and "/" not in n for n in names)
