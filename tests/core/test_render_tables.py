"""Tables in ``read``'s plain text: aligned by terminal cells, wrapped to fit the width."""

from __future__ import annotations

import pytest

from newsreader.core.cells import cell_len
from newsreader.core.models import Article, Block
from newsreader.core.render.html import article_to_html
from newsreader.core.render.markdown import article_to_markdown
from newsreader.core.render.text import MIN_COLUMN, article_to_text, column_widths, table_grid

ROWS = (
    ("序号", "地区", "单位名称", "提供岗位（个）", "联系方式"),
    ("1", "武汉市", "武汉大学本科生院就业指导中心", "300", "027-68752857 jobs@whu.edu.cn"),
    ("12", "北京", "中国高等教育学会高校毕业生就业协会秘书处", "4500", "010-12345678"),
)
NATURAL_WIDTH = 4 + 6 + 40 + 14 + 28 + 3 * 5 + 1


def article(rows: tuple[tuple[str, ...], ...] = ROWS) -> Article:
    return Article(
        url="https://x.cn/info/1/2.htm",
        title="题",
        blocks=(Block("paragraph", "前文。"), Block("table", rows=rows)),
    )


def grid_lines(text: str) -> list[str]:
    return [line for line in text.split("\n") if line.startswith(("│", "├"))]


def separators(line: str) -> tuple[int, ...]:
    """The cell offsets of the column rules on a grid line."""
    return tuple(cell_len(line[:i]) for i, ch in enumerate(line) if ch in "│┼├┤")


@pytest.mark.parametrize("width", [NATURAL_WIDTH - 1, 80, 72, 60])
def test_a_table_wider_than_the_terminal_is_wrapped_in_aligned_columns(width: int) -> None:
    # Before, any table wider than the terminal came out as "序号 | 地区 | …", unaligned.
    text = article_to_text(article(), width)
    grid = grid_lines(text)
    assert grid, text
    assert {cell_len(line) for line in grid} == {width} or max(map(cell_len, grid)) < width
    assert all(cell_len(line) <= width for line in text.split("\n"))
    assert len({separators(line) for line in grid}) == 1  # every rule in the same cell column
    assert " | " not in text


def test_wrapped_cells_keep_every_character_in_reading_order() -> None:
    grid = grid_lines(article_to_text(article(), 60))
    columns = len(ROWS[0])
    # The text of each column, read down the grid, row by row (rows are ruled off).
    rows: list[list[str]] = [[]]
    for line in grid:
        if line.startswith("├"):
            rows.append([])
            continue
        rows[-1].append(line)
    assert len(rows) == len(ROWS)
    for source, lines in zip(ROWS, rows, strict=True):
        cells = ["" for _ in range(columns)]
        for line in lines:
            for i, part in enumerate(line.strip("│").split("│")):
                cells[i] += part.strip()
        assert cells == [cell.replace(" ", "") for cell in source]


def test_latin_words_stay_whole_when_the_column_can_hold_them() -> None:
    grid = grid_lines(article_to_text(article(), 80))
    text = "\n".join(grid)
    assert "jobs@whu.edu.cn" in text and "027-68752857" in text


def test_a_table_that_fits_is_not_wrapped_or_ruled_between_rows() -> None:
    grid = grid_lines(article_to_text(article(), NATURAL_WIDTH))
    assert len(grid) == len(ROWS) + 1  # the header rule only
    assert grid[0].startswith("│ 序号 │ 地区   │ 单位名称")


def test_columns_are_narrowed_widest_first_and_never_below_the_floor() -> None:
    assert column_widths([4, 6, 40, 14, 28], 97) == [4, 6, 40, 14, 28]
    widths = column_widths([4, 6, 40, 14, 28], 60)
    assert widths is not None and sum(widths) == 60
    assert widths[:2] == [4, 6]  # the narrow columns keep their width
    assert widths[2] >= widths[4] >= widths[3]
    assert column_widths([30, 30], 2 * MIN_COLUMN) == [MIN_COLUMN, MIN_COLUMN]
    assert column_widths([30, 30], 2 * MIN_COLUMN - 1) is None


def test_cells_are_measured_and_wrapped_by_the_measure_given() -> None:
    # The TUI passes Textual's measure; here one that counts every character as one cell.
    grid = table_grid([("中文中文中文中文中文", "x")], 16, len)
    assert grid == ["│ 中文中文中文中文 │ x │", "│ 中文" + " " * 6 + " │   │"]


def test_markdown_and_html_tables_are_not_wrapped() -> None:
    markdown = article_to_markdown(article())
    assert "| 1 | 武汉市 | 武汉大学本科生院就业指导中心 | 300 | 027-68752857 jobs@whu.edu.cn |" in (
        markdown
    )
    html = article_to_html(article())
    assert "<td>武汉大学本科生院就业指导中心</td>" in html
    assert "│" not in markdown + html
