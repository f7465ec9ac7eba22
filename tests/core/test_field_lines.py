"""Fields side by side (an article's 来源, 发布日期, 责任编辑): wrapped between fields, for every output."""

from __future__ import annotations

import pytest

from newsreader.core.cells import (
    FIELD_GAP,
    FieldPiece,
    cell_len,
    field_lines,
    join_fields,
)
from newsreader.core.models import Article
from newsreader.core.render.labels import LABELS

ARTICLE = Article(
    url="https://x.cn/info/1/2.htm",
    title="题",
    source="就业指导专业委员会",
    published="2026-01-24 03:30",
    editor="李明远",
)
CJK = [f"{label}: {value}" for label, value in LABELS["zh"].meta(ARTICLE)]
LATIN = [
    "Source: Career Guidance Committee",
    "Published: 2026-01-24 03:30",
    "Editor: Li Mingyuan",
    "Clicks: 1024",
]
MIXED = [f"{label}: {value}" for label, value in LABELS["en"].meta(ARTICLE)]


def _text(fields: list[str], line: tuple[FieldPiece, ...]) -> str:
    return FIELD_GAP.join(fields[p.index][p.start : p.end] for p in line)


@pytest.mark.parametrize("fields", [CJK, LATIN, MIXED], ids=["cjk", "latin", "mixed"])
def test_fields_wrap_between_fields_and_only_a_field_wider_than_the_line_breaks(
    fields: list[str],
) -> None:
    # Every width from one CJK character to the whole line and more.
    for width in range(2, cell_len(FIELD_GAP.join(fields)) + 3):
        lines = field_lines(fields, width)
        where = (width, [_text(fields, line) for line in lines])
        assert all(cell_len(_text(fields, line)) <= width for line in lines), where
        pieces = [p for line in lines for p in line]
        assert [p.index for p in pieces] == sorted(p.index for p in pieces), where
        for index, field in enumerate(fields):
            own = [p for p in pieces if p.index == index]
            if cell_len(field) <= width:
                # Whole on one line: its label is neither broken nor cut from its value.
                assert own == [FieldPiece(index, 0, len(field))], where
                continue
            # Broken: every character kept in order, each piece on a line of its own.
            assert "".join(field[p.start : p.end] for p in own).replace(" ", "") == field.replace(
                " ", ""
            ), where
            assert all((p,) in lines for p in own), where
        whole = [all(p.end - p.start == len(fields[p.index]) for p in line) for line in lines]
        for k in range(1, len(lines)):
            # A field that fits moved to the next line only because it did not fit beside the
            # fields before it.
            if whole[k - 1] and whole[k]:
                first = cell_len(fields[lines[k][0].index])
                shown = cell_len(_text(fields, lines[k - 1]))
                assert shown + cell_len(FIELD_GAP) + first > width, where


def test_fields_that_fit_share_a_line_in_order() -> None:
    assert join_fields(CJK, 200) == [FIELD_GAP.join(CJK)]
    assert join_fields(CJK, 30) == [
        "来源: 就业指导专业委员会",
        "发布日期: 2026-01-24 03:30",
        "责任编辑: 李明远",
    ]
    assert join_fields(["Clicks: 12", "", "Editor: Li"], 40) == ["Clicks: 12   Editor: Li"]
    # A field wider than the line is broken; the next one starts a line of its own.
    assert join_fields(["Published: 2026-01-24 03:30", "Editor: Li"], 20) == [
        "Published:",
        "2026-01-24 03:30",
        "Editor: Li",
    ]
