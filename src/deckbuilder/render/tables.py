"""Native PowerPoint tables from IR table boxes."""

from __future__ import annotations

from pptx.dml.color import RGBColor
from pptx.slide import Slide as PptxSlide
from pptx.util import Emu

from ..ir import DEFAULT_INSETS, Font, TableBox
from .text import ALIGN, add_run


def _style_cell(cell, text: str, font: Font, fill: str | None, align: str, language: str) -> None:
    cell.margin_left, cell.margin_right = Emu(DEFAULT_INSETS.left), Emu(DEFAULT_INSETS.right)
    cell.margin_top, cell.margin_bottom = Emu(DEFAULT_INSETS.top), Emu(DEFAULT_INSETS.bottom)
    if fill:
        cell.fill.solid()
        cell.fill.fore_color.rgb = RGBColor.from_string(fill)
    else:
        cell.fill.background()
    paragraph = cell.text_frame.paragraphs[0]._p
    paragraph.get_or_add_pPr().set("algn", ALIGN[align])
    add_run(paragraph, text, font, language)


def add_table(slide: PptxSlide, box: TableBox, language: str) -> None:
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
    for col, text in enumerate(box.header):
        _style_cell(table.cell(0, col), text, box.header_font, box.header_fill, box.align[col],
                    language)
    for row_index, row in enumerate(box.rows, start=1):
        fill = box.band_fill if row_index % 2 == 0 else None
        for col, text in enumerate(row):
            _style_cell(table.cell(row_index, col), text, box.body_font, fill, box.align[col],
                        language)
