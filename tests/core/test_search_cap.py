"""Search over many matches: title hits first, then newest first, without scoring every match."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from factories import article

from newsreader.core.cache import Cache, tokens
from newsreader.core.cache import search as search_mod
from newsreader.core.cache.search import Match, build_match
from newsreader.core.cache.tokens import index_columns, normalize, runs


@pytest.fixture
def cache(monkeypatch: pytest.MonkeyPatch) -> Iterator[Cache]:
    monkeypatch.setattr(search_mod, "RANK_CAP", 2)
    c = Cache.memory()
    c.put_articles(
        [
            (article(1, "经济学院简介", "学院历史。", date="2020-01-01"), 1.0, None),
            (article(2, "体育新闻", "经济学院获得冠军。", date="2024-05-01"), 1.0, None),
            (article(3, "招生", "今年经济发展迅速。", date="2023-01-01"), 1.0, None),
            (article(4, "区域经济论坛", "论坛开幕。", date="2025-01-01"), 1.0, None),
            (article(5, "无关", "鑫鑫。", date="2025-06-01"), 1.0, None),
        ]
    )
    yield c
    c.close()


def ids(c: Cache, q: str, limit: int = 50) -> list[int]:
    return [int(h.url.rsplit("/", 1)[1].split(".")[0]) for h in c.search(q, limit)]


def test_common_query_title_tier_then_recency(cache: Cache) -> None:
    # 4 matches > RANK_CAP: titles (4 newer than 1) first, then bodies (2 newer than 3).
    assert ids(cache, "经济") == [4, 1, 2, 3]
    assert ids(cache, "经") == [4, 1, 2, 3]


def test_common_query_respects_limit_and_snippets(cache: Cache) -> None:
    # Each tier takes the most recently cached matches (rowid order), then shows them by date.
    assert ids(cache, "经济", limit=3) == [4, 1, 3]
    hits = cache.search("经济", 1)
    assert hits[0].title == "区域经济论坛"
    assert hits[0].snippet == "论坛开幕。"


def test_rare_query_still_bm25_ranked(cache: Cache) -> None:
    assert ids(cache, "鑫") == [5]
    assert ids(cache, "学院") == [1, 2]  # title hit outranks body hit


def test_title_only_match_expression() -> None:
    assert build_match("经济a", title_only=True) == Match(
        '{title_uni} : "a" *', '{title_bi} : "经济"'
    )


def test_mixed_common_query_uses_both_tables(cache: Cache) -> None:
    # "经" alone matches 4 > RANK_CAP: title-then-recency over the rows matching both parts.
    assert ids(cache, "经 学院") == [1, 2]
    assert ids(cache, "经 论坛") == [4]


@pytest.mark.parametrize(
    "text",
    ["ＡＢＣ１２３，全角", "Cafe\u0301 ﬁle ①②", "ｶﾀｶﾅ か\u3099", "经济。发展…！", "𠮷野家 ＿x＿"],
)
def test_fast_normalisation_gives_the_same_tokens(text: str) -> None:
    import re

    reference = [
        (m.group(1) is not None, m.group(0))
        for m in re.finditer(tokens._pattern(tokens._TOKENS), normalize(text))
    ]
    assert runs(text) == reference
    assert index_columns(text) == index_columns(normalize(text))
