"""The reading measure: text at most ``text_width`` cells wide, centred in full screen, and the
reader winning the rows of a short terminal."""

from __future__ import annotations

import pytest
from apps import screen_lines
from textual.pilot import Pilot
from tui_helpers import AppFactory, open_news, settle

from newsreader.core.cells import cell_len
from newsreader.tui.screens.main import MainScreen
from newsreader.tui.widgets.reader import Reader

pytestmark = pytest.mark.timeout(60)


async def open_article(pilot: Pilot[None]) -> MainScreen:
    screen = await open_news(pilot)
    await pilot.press("enter")
    await settle(pilot)
    assert screen.reader.is_article and screen.focused is screen.reader
    return screen


def text_widths(reader: Reader) -> list[int]:
    return [line.cell_length for line in reader.text.lines]


def reader_rows(pilot: Pilot[None], reader: Reader) -> list[str]:
    """The reader's text area on the terminal, row by row, as the cells show it."""
    region = reader.scrollable_content_region
    rows = []
    for line in screen_lines(pilot.app)[region.y : region.bottom]:  # type: ignore[arg-type]
        cells, out = 0, []
        for ch in line:
            if region.x <= cells < region.right:
                out.append(ch)
            cells += cell_len(ch)
        rows.append("".join(out))
    return rows


async def test_text_wraps_at_the_measure_in_a_wide_pane(make_app: AppFactory) -> None:
    # Before, 160 columns gave ~63 CJK characters a line; the default measure is 40 (80 cells).
    app = make_app()
    async with app.run_test(size=(160, 50)) as pilot:
        reader = (await open_article(pilot)).reader
        assert reader.scrollable_content_region.width > 100
        assert reader.wrap_width == 80
        assert 76 <= max(text_widths(reader)) <= 80
        rows = reader_rows(pilot, reader)
        assert any(row.strip() for row in rows)
        # Left-aligned in the pane: nothing beyond the measure, text from the first column.
        assert all(cell_len(row.rstrip()) <= 80 for row in rows)
        assert any(row.startswith("与会") or row[:1].strip() for row in rows)


async def test_full_screen_centres_the_column(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(160, 50)) as pilot:
        screen = await open_article(pilot)
        reader = screen.reader
        await pilot.press("z")
        await settle(pilot)
        assert screen.maximized is reader
        width = reader.scrollable_content_region.width
        margin = (width - 80) // 2
        assert reader.left_margin == margin > 30
        rows = [row for row in reader_rows(pilot, reader) if row.strip()]
        assert rows
        # Every line starts at the margin (none further left) and ends within the column.
        starts = {cell_len(row) - cell_len(row.lstrip(" ")) for row in rows}
        assert min(starts) == margin
        assert all(cell_len(row.rstrip()) <= margin + 80 for row in rows)
        assert reader.wrap_width == 80
        await pilot.press("escape")
        await settle(pilot)
        assert reader.left_margin == 0
        rows = [row for row in reader_rows(pilot, reader) if row.strip()]
        assert min(cell_len(row) - cell_len(row.lstrip(" ")) for row in rows) == 0


async def test_a_pane_narrower_than_the_measure_is_filled(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        reader = (await open_article(pilot)).reader
        pane = reader.scrollable_content_region.width
        assert pane < 80
        assert reader.wrap_width == pane
        assert pane - 2 <= max(text_widths(reader)) <= pane


@pytest.mark.parametrize(("measure", "expected"), [(0, None), (60, 60)])
async def test_the_measure_comes_from_the_config(
    make_app: AppFactory, measure: int, expected: int | None
) -> None:
    app = make_app(text_width=measure)
    async with app.run_test(size=(160, 50)) as pilot:
        reader = (await open_article(pilot)).reader
        pane = reader.scrollable_content_region.width
        assert reader.wrap_width == (expected or pane)
        assert max(text_widths(reader)) <= reader.wrap_width


async def test_a_table_fits_the_measure_as_a_grid(make_app: AppFactory) -> None:
    app = make_app(text_width=40)
    async with app.run_test(size=(160, 50)) as pilot:
        reader = (await open_article(pilot)).reader
        grid = [line.plain for line in reader.text.lines if line.plain.startswith(("│", "├"))]
        assert grid and "序号" in grid[0]
        assert {cell_len(line) for line in grid} == {cell_len(grid[0])}
        assert cell_len(grid[0]) <= 40


async def test_a_short_terminal_gives_the_reader_the_rows(make_app: AppFactory) -> None:
    # At 60x20 the list kept 7 rows and the reader showed 2 lines of the article's text.
    app = make_app()
    async with app.run_test(size=(60, 20)) as pilot:
        screen = await open_news(pilot)
        assert screen.articles.region.height == 9  # the list has the focus: it keeps its rows
        await pilot.press("enter")
        await settle(pilot)
        assert screen.focused is screen.reader
        assert screen.articles.region.height == 5  # three rows: the article and neighbours
        assert screen.reader.scrollable_content_region.height >= 11
        rows = reader_rows(pilot, screen.reader)
        assert sum(1 for row in rows if row.strip()) >= 10
        await pilot.press("escape")  # back to the list: it gets its rows back
        await settle(pilot)
        assert screen.focused is screen.articles
        assert screen.articles.region.height == 9


async def test_a_tall_terminal_keeps_the_list_whole_while_reading(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24 + 10)) as pilot:
        screen = await open_article(pilot)
        assert not screen.has_class("-reader-first")
        assert screen.articles.region.height == 9


async def test_resizing_to_a_short_terminal_while_reading(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 40)) as pilot:
        screen = await open_article(pilot)
        assert screen.articles.region.height == 9
        await pilot.resize_terminal(80, 22)
        await settle(pilot)
        assert screen.articles.region.height == 5
        await pilot.resize_terminal(80, 40)
        await settle(pilot)
        assert screen.articles.region.height == 9
