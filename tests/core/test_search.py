"""Search finds Chinese substrings of any length, ranks titles first, and never raises."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

import pytest
from factories import article

from newsreader.core.cache import Cache, maintenance
from newsreader.core.cache.search import Match, build_match, snippet
from newsreader.core.cache.tokens import index_columns

art = partial(article, date="2024-01-01")


@pytest.fixture
def cache() -> Iterator[Cache]:
    c = Cache.memory()
    c.put_articles(
        [
            (art(1, "学校召开经济发展研讨会", "会议讨论了区域经济发展的新思路。"), 1.0, None),
            (art(2, "体育新闻", "篮球比赛结束。经济学院获得冠军。"), 1.0, None),
            (art(3, "通知", "关于5G网络升级的通知，请 Alice 注意 COVID-19 防控。"), 1.0, None),
            (art(4, "招生", "今年经济。发展迅速的专业很多。"), 1.0, None),
            (art(5, "ＡＢＣ全角", "鑫"), 1.0, None),
        ]
    )
    yield c
    c.close()


def urls(c: Cache, q: str) -> set[int]:
    return {int(h.url.rsplit("/", 1)[1].split(".")[0]) for h in c.search(q)}


def test_one_char(cache: Cache) -> None:
    assert urls(cache, "鑫") == {5}
    assert urls(cache, "球") == {2}
    assert urls(cache, "经") == {1, 2, 4}


def test_two_chars(cache: Cache) -> None:
    assert urls(cache, "经济") == {1, 2, 4}
    assert urls(cache, "冠军") == {2}
    assert urls(cache, "军经") == set()


def test_three_plus_chars(cache: Cache) -> None:
    assert urls(cache, "经济发展") == {1}  # not 4: "经济。发展" is split by a full stop
    assert urls(cache, "经济发") == {1}
    assert urls(cache, "区域经济发展的新思路") == {1}
    assert urls(cache, "新思考") == set()


def test_latin_and_mixed(cache: Cache) -> None:
    assert urls(cache, "alice") == {3}
    assert urls(cache, "ALI") == {3}  # prefix, case-insensitive
    assert urls(cache, "5G网络") == {3}
    assert urls(cache, "covid 19") == {3}
    assert urls(cache, "abc") == {5}  # full-width letters are normalised
    assert urls(cache, "alice 篮球") == set()


def test_title_ranks_first(cache: Cache) -> None:
    hits = cache.search("经济")
    assert hits[0].url.endswith("/1.htm")


@pytest.mark.parametrize(
    "q",
    [
        '"',
        '""',
        "*",
        "NEAR(a b)",
        "(",
        ")",
        "a AND",
        "OR",
        "^x",
        "col:abc",
        "{title_uni}:x",
        "-",
        "\x00",
        "'",
        '经"济',
        "   ",
    ],
)
def test_special_characters_never_raise(cache: Cache, q: str) -> None:
    cache.search(q)


def test_empty_and_limit(cache: Cache) -> None:
    assert cache.search("") == [] and cache.search("。，") == []
    assert len(cache.search("经", limit=2)) == 2


def test_snippet_plain_with_ellipsis() -> None:
    body = "甲" * 100 + "目标词" + "乙" * 100
    s = snippet(body, "目标词")
    assert "目标词" in s and s.startswith("…") and s.endswith("…") and "\n" not in s
    assert len(s) <= 62
    assert snippet("短文本", "无") == "短文本"


def test_snippet_in_hit(cache: Cache) -> None:
    (hit,) = cache.search("冠军")
    assert "冠军" in hit.snippet and hit.title == "体育新闻" and hit.date == "2024-01-01"


def test_tokenizer_and_query_shape() -> None:
    uni, bi = index_columns("经济发展。Hi 5G")
    assert uni == "经 济 发 展 hi 5g"
    assert bi == "经济 济发 发展"
    assert build_match("经济发展") == Match(None, '{title_bi body_bi} : "经济 济发 发展"')
    assert build_match('a"b') == Match(
        '{title_uni body_uni} : "a" * AND {title_uni body_uni} : "b" *', None
    )
    assert build_match("经 济发") == Match(
        '{title_uni body_uni} : "经"', '{title_bi body_bi} : "济发"'
    )
    assert build_match("。") is None


def test_mixed_queries_match_both_tables(cache: Cache) -> None:
    # One-character and latin parts go to search_uni, longer runs to search_bi: both must match.
    assert urls(cache, "篮 冠军") == {2}
    assert urls(cache, "alice 网络") == {3}
    assert urls(cache, "篮 网络") == set()
    assert urls(cache, "经 济发") == {1}
    assert urls(cache, "会 经济") == {1}


def test_update_and_delete_keep_both_tables_in_step(cache: Cache) -> None:
    cache.put_articles([(art(2, "体育新闻", "排球比赛。"), 2.0, None)])
    assert urls(cache, "篮") == set() and urls(cache, "排球") == {2} and urls(cache, "排") == {2}
    assert urls(cache, "冠军") == set()
    maintenance.vacuum(cache)  # 'optimize' on both index tables
    assert urls(cache, "排 球比") == {2}
