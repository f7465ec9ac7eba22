"""The search index's token strings: the fast builder against the plain definition.

:func:`index_columns` builds its strings with code-point arrays for speed. The plain version
below is the definition (one token per Python object); the bigram strings must be identical to
it, since the bigram table keeps positions and an article is deleted from a contentless FTS5
table by handing it the very tokens it indexed. The unigram table keeps no positions, so there
only the tokens count, and the index it builds must be the same bytes.
"""

from __future__ import annotations

import operator
import sqlite3

from hypothesis import given, settings
from hypothesis import strategies as st

from newsreader.core.cache import index
from newsreader.core.cache.tokens import RUN_BREAK, index_columns, runs


def plain_index_columns(text: str) -> tuple[str, str]:
    uni: list[str] = []
    bi: list[str] = []
    for cjk, run in runs(text):
        if not cjk:
            uni.append(run)
            continue
        uni.extend(run)
        if len(run) > 1:
            bi.append(" ".join(map(operator.add, run, run[1:])))
    return " ".join(uni), f" {RUN_BREAK} ".join(bi)


# Han (BMP and beyond), kana, hangul, latin, digits, full-width forms, punctuation, spaces,
# combining marks and control characters: every kind of character the tokenizer tells apart.
_ALPHABET = st.sampled_from(
    list("经济发展就业协会高校𠮷野家かなカナ한국aBc9Ｚ１。，、！…《》 \n\t_-\u0301\x01\x00·ｶ")
)
_TEXTS = st.lists(_ALPHABET, max_size=60).map("".join)

_SAMPLES = [
    "",
    "经",
    "经济",
    "经。济",
    "经济。发展",
    "经济发展。Hi 5G",
    "2024年5月，高校毕业生就业协会召开会议。",
    "发 经济。abc 𠮷野家 ｶﾀｶﾅ",
    "\x01经济\x01 \x01发展",
]


@given(_TEXTS)
@settings(max_examples=400, deadline=None)
def test_bigram_string_is_the_plain_definition(text: str) -> None:
    assert index_columns(text)[1] == plain_index_columns(text)[1]


@given(_TEXTS)
@settings(max_examples=400, deadline=None)
def test_unigram_string_has_the_plain_tokens(text: str) -> None:
    fast, plain = index_columns(text)[0], plain_index_columns(text)[0]
    assert sorted(fast.split()) == sorted(plain.split())
    assert fast == " ".join(fast.split())  # one space between tokens, none at the ends


def test_samples() -> None:
    for text in _SAMPLES:
        assert index_columns(text)[1] == plain_index_columns(text)[1], text
    assert index_columns("经济发展。Hi 5G") == ("经 济 发 展 hi 5g", "经济 济发 发展")
    assert index_columns("经。济发 ab") == ("经 济 发 ab", "济发")
    assert index_columns("经济，发展") == ("经 济 发 展", f"经济 {RUN_BREAK} 发展")


def _index_bytes(
    values: list[tuple[str, str]] | list[tuple[bytes, bytes]],
    tokenizer: str = "ascii",
) -> tuple[list[tuple[object, ...]], int]:
    """The shadow data of both index tables built from ``values``, and the rows left."""
    conn = sqlite3.connect(":memory:")
    conn.execute(
        f"CREATE VIRTUAL TABLE {index.UNI_TABLE} "
        f"USING fts5(a, content='', detail=column, tokenize='{tokenizer}')"
    )
    conn.execute(
        f"CREATE VIRTUAL TABLE {index.BI_TABLE} USING fts5(a, content='', tokenize='{tokenizer}')"
    )
    for rowid, (uni, bi) in enumerate(values, 1):
        conn.execute(f"INSERT INTO {index.UNI_TABLE}(rowid, a) VALUES (?, ?)", (rowid, uni))
        conn.execute(f"INSERT INTO {index.BI_TABLE}(rowid, a) VALUES (?, ?)", (rowid, bi))
    conn.commit()  # FTS5 writes its pending terms to the shadow tables at commit
    data = conn.execute(
        f"SELECT * FROM {index.UNI_TABLE}_data UNION ALL SELECT * FROM {index.BI_TABLE}_data"
    ).fetchall()
    assert len(data) > 2 or not any(any(v) for v in values)  # something was written
    return data, len(values)


def test_index_is_the_same_bytes_as_from_the_plain_strings() -> None:
    texts = [*_SAMPLES, "就业协会 2024 年会 Alpha beta 就业 协会。就业！" * 20]
    fast, _ = _index_bytes([index_columns(t) for t in texts])
    plain, _ = _index_bytes([plain_index_columns(t) for t in texts])
    assert fast == plain


def test_rows_indexed_from_the_plain_strings_are_deleted_by_the_fast_ones() -> None:
    # Caches written before the fast builder hold rows indexed from the plain strings; updating
    # such an article deletes its old tokens with what index_columns returns now.
    texts = ["经济 Alpha 发展。就业协会 42", "高校毕业生，就业。beta 9"]
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE VIRTUAL TABLE u USING fts5(a, content='', detail=column)")
    conn.execute("CREATE VIRTUAL TABLE u_vocab USING fts5vocab(u, 'row')")
    for rowid, text in enumerate(texts, 1):
        conn.execute("INSERT INTO u(rowid, a) VALUES (?, ?)", (rowid, plain_index_columns(text)[0]))
    assert conn.execute("SELECT count(*) FROM u_vocab").fetchone()[0] > 0
    for rowid, text in enumerate(texts, 1):
        conn.execute(
            "INSERT INTO u(u, rowid, a) VALUES ('delete', ?, ?)", (rowid, index_columns(text)[0])
        )
    assert conn.execute("SELECT count(*) FROM u_vocab").fetchone()[0] == 0


def test_utf8_bytes_index_as_the_text_they_encode() -> None:
    # Sync workers hand the token strings over as UTF-8 (fts_bytes): FTS5 reads a BLOB as text.
    texts = [*_SAMPLES, "就业协会 2024 年会 Alpha beta 就业 协会。就业！" * 20]
    as_text, _ = _index_bytes([index_columns(t) for t in texts])
    as_bytes, _ = _index_bytes(
        [(uni.encode(), bi.encode()) for uni, bi in (index_columns(t) for t in texts)]
    )
    assert as_bytes == as_text
    for title, body in zip(texts, reversed(texts), strict=True):
        assert index.fts_bytes(title, body) == tuple(
            v.encode() for v in index.fts_values(title, body)
        )


# Every kind of character the two tokenizers could tell apart: letters with diacritics and of
# other scripts, other scripts' digits, superscripts and roman numerals, combining marks, kana
# with the prolonged sound mark, emoji, private use, full-width forms. Not the two punctuation
# marks inside the kana block (U+30A0, U+30FB): our tokenizer keeps them in a CJK run, unicode61
# drops them (documented in migrations._m3_split_index).
_WIDE = st.sampled_from(
    list("经济发展协会𠮷かなカナー한국aBcÉéñДжΩλ٣²Ⅻ9Ｚｚ１。， \n_-\u0301\u0308😀\ue000·")
)


@given(st.lists(_WIDE, max_size=60).map("".join))
@settings(max_examples=300, deadline=None)
def test_the_ascii_tokenizer_splits_our_strings_as_unicode61_did(text: str) -> None:
    # New caches index with tokenize='ascii'; older ones keep 'unicode61 remove_diacritics 0'.
    # Both must read the token strings alike, so that both kinds of cache answer the same.
    values = [index_columns(text)]
    assert _index_bytes(values) == _index_bytes(values, "unicode61 remove_diacritics 0")
