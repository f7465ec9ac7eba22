"""A long query is cut to MAX_QUERY_CHARS: bounded terms, bounded work, the same hits."""

from __future__ import annotations

import random
import re
import sqlite3
from collections.abc import Iterator

import pytest
from factories import article

from newsreader.core.cache import Cache
from newsreader.core.cache.search import MAX_QUERY_CHARS, Match, build_match
from newsreader.core.models import Article

WORDS = ["经济", "发展", "学院", "招生", "就业", "会议", "通知", "研讨", "比赛", "冠军", "论坛"]
WORDS += ["新思路", "实践基地", "篮球", "Alice", "COVID-19", "5G", "网络", "升级", "防控"]


def tokens(match: Match | None) -> int:
    """How many index tokens the MATCH expressions hand FTS5 (each costs a doclist read)."""
    if match is None:
        return 0
    quoted = [q for _, expr in match.parts() for q in re.findall(r'"((?:[^"]|"")*)"', expr)]
    return sum(len(q.split()) for q in quoted)


def text(rng: random.Random, words: int) -> str:
    return "".join(rng.choice(WORDS) + rng.choice(["", "，", "。", " "]) for _ in range(words))


@pytest.fixture(scope="module")
def big_cache() -> Iterator[tuple[Cache, list[Article]]]:
    rng = random.Random(11)
    articles = [
        article(n, text(rng, 4), text(rng, 120), date=f"20{10 + n % 15}-01-01") for n in range(3000)
    ]
    cache = Cache.memory()
    cache.put_articles([(a, 1.0, None) for a in articles])
    yield cache, articles
    cache.close()


@pytest.mark.parametrize(
    "query",
    [
        "经济" * 5000,  # one CJK run: a phrase of bigrams
        "a " * 5000,  # latin prefix terms
        "的 " * 5000,  # one-character terms
        "经济。" * 3000,  # many short phrases
        "\ufdfa" * 10000,  # NFKC makes each character 18: the cut holds after it too
    ],
    ids=["phrase", "latin", "one-character", "phrases", "nfkc-expanding"],
)
def test_a_long_query_builds_a_bounded_number_of_terms(query: str) -> None:
    assert len(query) > MAX_QUERY_CHARS
    assert 0 < tokens(build_match(query)) <= MAX_QUERY_CHARS
    assert build_match(query) == build_match(query[: MAX_QUERY_CHARS * 2])


def vm_steps(cache: Cache, query: str) -> tuple[int, list[str]]:
    """The SQLite VM steps (FTS5's own reads included) a search takes, and the URLs found."""
    steps = 0

    def count() -> int:
        nonlocal steps
        steps += 1
        return 0

    conn: sqlite3.Connection = cache._db.read(lambda c: c)
    conn.set_progress_handler(count, 100)
    try:
        urls = [hit.url for hit in cache.search(query)]
    finally:
        conn.set_progress_handler(None, 0)
    return steps, urls


def test_a_query_past_the_maximum_does_the_work_of_its_first_characters(
    big_cache: tuple[Cache, list[Article]],
) -> None:
    cache, articles = big_cache
    target = articles[1234]
    body = target.body
    start = next(i for i in range(len(body)) if len(set(body[i : i + MAX_QUERY_CHARS])) > 20)
    head = body[start : start + MAX_QUERY_CHARS]
    steps_head, found_head = vm_steps(cache, head)
    assert target.url in found_head
    pasted = head + body + "".join(a.body for a in articles[:20])  # ~70,000 characters
    steps_pasted, found_pasted = vm_steps(cache, pasted)
    assert found_pasted == found_head
    assert steps_pasted <= steps_head + 5  # the same work, whatever the length pasted
