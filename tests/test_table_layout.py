"""Tables: columns sized by their content, rows as tall as their wrapped cells, and the
rendered table exactly as laid out. (tests/test_viewer_fit.py checks a wrapping table in
LibreOffice: every word inside the table's frame.)"""

from __future__ import annotations

import io

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pptx import Presentation

from deckbuilder.errors import DeckError
from deckbuilder.ir import Paragraph, Run, TableBox
from deckbuilder.layout.table import CELL_MARGIN_X, ROW_PADDING, column_widths
from deckbuilder.layout.text import line_height, wrap
from deckbuilder.pipeline import compile_deck, render_pptx
from helpers import FIXTURES

WRAPPING = FIXTURES / "wrapping-table.yaml"


def tables_of(deck) -> tuple[list[TableBox], object]:
    compiled = compile_deck(deck)
    return [e for s in compiled.presentation.slides for e in s.elements
            if isinstance(e, TableBox)], compiled


def lines_per_row(table: TableBox) -> list[int]:
    return [max(len(wrap(Paragraph((Run(text, fnt),)), width - 2 * CELL_MARGIN_X))
                for text, width in zip(row, table.column_widths))
            for row, fnt in zip([table.header] + table.rows,
                                [table.header_font] + [table.body_font] * len(table.rows))]


@given(st.lists(st.integers(1, 5_000_000), min_size=1, max_size=8),
       st.integers(1_000_000, 12_000_000))
def test_column_widths_fill_the_table_and_keep_narrow_columns_whole(natural, total):
    widths = column_widths(natural, total)
    assert sum(widths) == total and len(widths) == len(natural)
    if sum(natural) <= total:  # all fit: each column at least its natural width
        assert all(w >= n for w, n in zip(widths[:-1], natural))
    else:  # columns narrower than what the wide ones get keep their natural width
        wide = max(widths)
        assert all(w == n for w, n in zip(widths[:-1], natural) if n < wide)


def test_rows_are_as_tall_as_their_wrapped_cells():
    tables, _ = tables_of(WRAPPING)
    for table in tables:
        lines = lines_per_row(table)
        for count, height in zip(lines, table.row_heights):
            assert height >= count * line_height(table.body_font) + ROW_PADDING
        assert lines[0] == 1  # the header's cells fit their columns on one line
        assert sum(table.row_heights) == table.rect.h
        assert sum(table.column_widths) == table.rect.w
        assert table.column_widths[1] == max(table.column_widths)  # the long texts get room
    wrapping, shrunk = tables
    assert max(lines_per_row(wrapping)) >= 3  # the fixture really wraps
    assert shrunk.body_font.size < wrapping.body_font.size  # and really shrinks


def test_the_rendered_tables_have_the_laid_out_columns_and_rows():
    tables, compiled = tables_of(WRAPPING)
    prs = Presentation(io.BytesIO(render_pptx(compiled)))
    frames = [shape for slide in prs.slides for shape in slide.shapes if shape.has_table]
    assert len(frames) == len(tables) == 2
    for rendered, table in zip(frames, tables):
        assert [c.width for c in rendered.table.columns] == table.column_widths
        assert [r.height for r in rendered.table.rows] == table.row_heights
        assert rendered.height == sum(table.row_heights)


def test_a_table_too_long_for_the_slide_is_an_error_naming_the_rows(tmp_path):
    (tmp_path / "deckbuilder.toml").write_text("")
    row = "      - ['A long description that wraps over several lines of its table cell', 1]\n"
    deck = tmp_path / "deck.yaml"
    deck.write_text("title: T\nslides:\n  - kind: table\n    title: Too long\n"
                    "    columns: [What, N]\n    rows:\n" + row * 20)
    with pytest.raises(DeckError) as raised:
        compile_deck(deck)
    problem = raised.value.problems[0]
    assert problem.pos.line == 7 and "too many rows" in problem.message
