"""Native PowerPoint tables from IR table boxes, written as ``p:graphicFrame`` elements:
element for element what python-pptx's table API writes for the same settings
(``tests/test_direct_xml.py`` holds them side by side), in the theme's default table style
with the header row marked, so PowerPoint's table tools work on it."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from lxml import etree

from ..ir import DEFAULT_INSETS, Run, TableBox
from .page import Page
from .shapes import solid_fill
from .text import ALIGN, add_run
from .xml import A, P, add_transform

TABLE_URI = "http://schemas.openxmlformats.org/drawingml/2006/table"
DEFAULT_TABLE_STYLE = "{5C22544A-7EE6-4342-B048-85BDC9FD1C3A}"   # Medium Style 2, Accent 1


def add_table(page: Page, box: TableBox, language: str) -> None:
    sub = etree.SubElement
    frame = sub(page.tree, P + "graphicFrame")
    properties = sub(frame, P + "nvGraphicFramePr")
    sub(properties, P + "cNvPr", id=str(page.next_shape_id()), name=box.name)
    sub(sub(properties, P + "cNvGraphicFramePr"), A + "graphicFrameLocks", noGrp="1")
    sub(properties, P + "nvPr")
    add_transform(frame, replace(box.rect, h=sum(box.row_heights)), P + "xfrm")
    data = sub(sub(frame, A + "graphic"), A + "graphicData", uri=TABLE_URI)
    table = sub(data, A + "tbl")
    sub(sub(table, A + "tblPr", firstRow="1"), A + "tableStyleId").text = DEFAULT_TABLE_STYLE
    grid = sub(table, A + "tblGrid")
    for width in box.column_widths:
        sub(grid, A + "gridCol", w=str(width))
    for row_index, (row, height) in enumerate(zip(box.cells, box.row_heights)):
        fill = box.header_fill if row_index == 0 else \
            box.band_fill if row_index % 2 == 0 else None
        element = sub(table, A + "tr", h=str(height))
        for col, runs in enumerate(row):
            _cell(sub(element, A + "tc"), runs, fill, box.align[col], language, page)


def _cell(cell: Any, runs: tuple[Run, ...], fill: str | None, align: str, language: str,
          page: Page) -> None:
    sub = etree.SubElement
    body = sub(cell, A + "txBody")
    sub(body, A + "bodyPr")
    sub(body, A + "lstStyle")
    paragraph = sub(body, A + "p")
    sub(paragraph, A + "pPr", algn=ALIGN[align])
    for run in runs:
        add_run(paragraph, run, language, link_id=page.link)
    properties = sub(cell, A + "tcPr", marL=str(DEFAULT_INSETS.left),
                     marR=str(DEFAULT_INSETS.right), marT=str(DEFAULT_INSETS.top),
                     marB=str(DEFAULT_INSETS.bottom))
    if fill:
        solid_fill(properties, fill)
    else:
        sub(properties, A + "noFill")
