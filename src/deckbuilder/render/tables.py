"""Native PowerPoint tables from IR table boxes."""

from __future__ import annotations

from pptx.dml.color import RGBColor
from pptx.slide import Slide as PptxSlide
from pptx.util import Emu

from ..ir import DEFAULT_INSETS, Run, TableBox
from .text import ALIGN, LinkId, add_run


def _style_cell(cell, runs: tuple[Run, ...], fill: str | None, align: str, language: str,
                link_id: LinkId) -> None:
    cell.margin_left, cell.margin_right = Emu(DEFAULT_INSETS.left), Emu(DEFAULT_INSETS.right)
    cell.margin_top, cell.margin_bottom = Emu(DEFAULT_INSETS.top), Emu(DEFAULT_INSETS.bottom)
    if fill:
        cell.fill.solid()
        cell.fill.fore_color.rgb = RGBColor.from_string(fill)
    else:
        cell.fill.background()
    paragraph = cell.text_frame.paragraphs[0]._p
    paragraph.get_or_add_pPr().set("algn", ALIGN[align])
    for run in runs:
        add_run(paragraph, run, language, link_id=link_id)


def add_table(slide: PptxSlide, box: TableBox, language: str, link_id: LinkId) -> None:
    rows, cols = len(box.rows) + 1, len(box.header)
    frame = slide.shapes.add_table(rows, cols, Emu(box.rect.x), Emu(box.rect.y),
                                   Emu(box.rect.w), Emu(sum(box.row_heights)))
    frame.name = box.name
    table = frame.table
    table.first_row, table.horz_banding = True, False
    for column, width in zip(table.columns, box.column_widths):
        column.width = Emu(width)
    for row, height in zip(table.rows, box.row_heights):
        row.height = Emu(height)
    for row_index, row in enumerate(box.cells):
        fill = box.header_fill if row_index == 0 else \
            box.band_fill if row_index % 2 == 0 else None
        for col, runs in enumerate(row):
            _style_cell(table.cell(row_index, col), runs, fill, box.align[col], language,
                        link_id)
