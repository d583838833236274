"""Slides of the IR as HTML: every box at its place, every line where layout broke it.

The page draws what the .pptx holds, not a second layout: boxes come from the IR in points,
and each paragraph is wrapped again by ``layout.text.wrap`` (the function that fitted it),
so the browser only sets type on lines already decided. A line is a ``div`` as tall as the
layout measured it (``LINE_HEIGHT`` × its largest size × the paragraph's spacing), holding
one ``span`` per run. Fonts are named as the theme names them and served from the shipped
metric-compatible files (``font_faces``).
"""

from __future__ import annotations

import os
from functools import lru_cache
from html import escape
from typing import Callable

from PIL import ImageFont

from ..errors import SourcePos
from ..fonts import STYLES, font_file
from ..ir import (DEFAULT_INSETS, EMU_PER_POINT, ChartBox, Element, Font, Paragraph, Picture,
                  Presentation, Rect, Run, Shape, Slide, TableBox, TextBox)
from ..layout.text import LINE_HEIGHT, Line, wrap
from ..scripts import is_right_to_left, script_faces

ImageUrl = Callable[[Element], str | None]   # a picture or chart box -> its address
ShapeSource = Callable[[Element], SourcePos | None]
BASELINE_RISE = 0.2   # em from a line's bottom to LibreOffice's baseline in a text box, and
                      # in a table cell the font's own ascent from its top (its PDFs, pdftotext)
METRIC_SIZE = 1000    # px size fonts are opened at to read their metrics
ANCHOR_SHARE = {"top": 0.0, "middle": 0.5, "bottom": 1.0}  # of the free height above the text
# A right-to-left paragraph starts at the right, as the .pptx sets it (render/text.py)
RTL_TEXT_ALIGN = {"left": "right", "center": "center", "right": "left"}


def pt(emu: float) -> str:
    """EMU as CSS points, to a hundredth."""
    return f"{emu / EMU_PER_POINT:.2f}".rstrip("0").rstrip(".") + "pt"


def place(rect: Rect) -> str:
    return f"left:{pt(rect.x)};top:{pt(rect.y)};width:{pt(rect.w)};height:{pt(rect.h)}"


def source_attributes(pos: SourcePos | None) -> str:
    """``data-file``/``data-line``/``data-col``: where the page's click sends the editor."""
    if pos is None or not pos.line:
        return ""
    return (f' data-file="{escape(os.path.abspath(pos.file))}" data-line="{pos.line}" data-col="{pos.col}"'
            f' data-where="{escape(str(pos))}"')


def css_family(name: str) -> str:
    """A font name safe inside a quoted CSS string (and, HTML-escaped, an attribute)."""
    return "".join(c for c in name if c not in "\\'\"<>;{}&")


def font_style(font: Font, text: str = "") -> str:
    """A run's type, in the faces ``text`` was measured in: complex-script text (Arabic,
    Hindi…) in its face first, so the spaces between its words are that face's as viewers
    set them; East Asian text falls back from the font to its East Asian face."""
    east_asian, complex_face = script_faces(text, font)
    names = [font.name, east_asian] if complex_face is None else [complex_face, font.name]
    names = [name for name in names if name]
    families = ",".join(f"'{escape(css_family(name))}'" for name in names)
    return (f"font-family:{families},sans-serif;font-size:{font.size:g}pt;"
            f"color:#{font.color};font-weight:{700 if font.bold else 400};"
            f"font-style:{'italic' if font.italic else 'normal'}")


def slide_html(slide: Slide, presentation: Presentation, image_url: ImageUrl,
               shape_source: ShapeSource, overlay: str = "", artwork: str | None = None
               ) -> str:
    """One slide's canvas: its background (``artwork``, the address of its layout's
    picture, else its colour) and elements in z-order, at the slide's size, with
    ``overlay`` (the page's own marks) on top."""
    background = f"background:#{slide.background};" if slide.background else ""
    parts = [f'<div class="canvas" style="{background}width:{pt(presentation.width)};'
             f'height:{pt(presentation.height)}">']
    if artwork is not None:
        parts.append(f'<img class="artwork" src="{artwork}" alt="" '
                     f'style="{place(Rect(0, 0, presentation.width, presentation.height))}">')
    for element in slide.elements:
        parts.append(element_html(element, image_url, shape_source(element)))
    parts.append(overlay + "</div>")
    return "".join(parts)


def element_html(element: Element, image_url: ImageUrl, pos: SourcePos | None) -> str:
    where = source_attributes(pos)
    if isinstance(element, TextBox):
        return text_box_html(element, where)
    if isinstance(element, Shape):
        border = f"border:0.75pt solid #{element.line};" if element.line else ""
        return (f'<div class="shape" style="{place(element.rect)};{border}'
                f'background:#{element.fill}"{where}></div>')
    if isinstance(element, TableBox):
        return table_html(element, where)
    url = image_url(element)
    assert isinstance(element, (Picture, ChartBox))
    kind = "chart" if isinstance(element, ChartBox) else "picture"
    if url is None:  # a native chart: PowerPoint draws it from its data
        return (f'<div class="{kind} native" style="{place(element.rect)}"{where}>'
                f'<span>{escape(element.alt)}</span></div>')
    return (f'<img class="{kind}" style="{place(element.rect)}" src="{url}" '
            f'alt="{escape(element.alt)}"{where}>')


def text_box_html(box: TextBox, where: str = "", kind: str = "text") -> str:
    """A text box (or, ``kind`` "cell", a table cell): its fill, and its lines inside the
    insets, anchored as the .pptx says."""
    insets = box.insets
    width = box.rect.w - insets.left - insets.right
    height = box.rect.h - insets.top - insets.bottom
    placed: list[tuple[Paragraph, Line, bool, bool, float, float]] = []
    y = 0.0                                            # ..., first, rtl, top, height
    for index, paragraph in enumerate(box.paragraphs):
        if index:
            y += paragraph.space_before * EMU_PER_POINT
        rtl = is_right_to_left(paragraph.text)
        for number, line in enumerate(wrap(paragraph, width)):
            line_h = line.size * LINE_HEIGHT * paragraph.line_spacing * EMU_PER_POINT
            placed.append((paragraph, line, number == 0, rtl, y, line_h))
            y += line_h
    offset = max(0.0, height - y) * ANCHOR_SHARE[box.anchor]
    fill = f"background:#{box.fill};" if box.fill else ""
    return (f'<div class="{kind} {box.role}" style="{place(box.rect)};{fill}"{where}>'
            f'<div class="area" style="left:{pt(insets.left)};top:{pt(insets.top)};'
            f'width:{pt(width)};height:{pt(height)}">'
            + "".join(_line_html(paragraph, line, first, rtl, offset + top, line_h, width,
                                 kind == "cell")
                      for paragraph, line, first, rtl, top, line_h in placed)
            + "</div></div>")


def _line_html(paragraph: Paragraph, line: Line, first: bool, rtl: bool, top: float,
               height: float, width: int, in_cell: bool) -> str:
    """One line: a box as tall as layout measured it, its baseline where LibreOffice puts
    it (``BASELINE_RISE``), whatever the font's own metrics. A right-to-left line is set
    from the right, its indent and bullet on the right, as in the .pptx."""
    spans = "".join(_piece_html(text, font, link) for text, font, link in line.parts)
    font = max((font for _, font, _ in line.parts), key=lambda f: f.size,
               default=paragraph.runs[0].font if paragraph.runs else None)
    strut = ""
    if font is not None:
        ascent = _metrics(font.name, font.bold, font.italic)[0]
        baseline = (ascent * font.size if in_cell
                    else height / EMU_PER_POINT - BASELINE_RISE * font.size)
        strut = f"{font_style(font)};line-height:{_line_height(font, baseline):.2f}pt;"
    start = 0 if rtl else paragraph.indent
    align = RTL_TEXT_ALIGN[paragraph.align] if rtl else paragraph.align
    direction = ' dir="rtl"' if rtl else ""
    return (f'<div class="line"{direction} style="top:{pt(top)};'
            f'left:{pt(start)};width:{pt(width - paragraph.indent)};height:{pt(height)};'
            f'{strut}text-align:{align}">'
            f'{_marker(paragraph, rtl) if first else ""}<span class="words">{spans}</span>'
            "</div>")


def _piece_html(text: str, font: Font, link: str | None) -> str:
    """Text in one font; a link's is an anchor that Ctrl+click (⌘+click) follows, as in
    PowerPoint's editing view (a plain click shows the box's YAML line); the space before
    it stays outside, so only the link is underlined."""
    if link is None:
        return f'<span style="{font_style(font, text)}">{escape(text)}</span>'
    words = text.lstrip(" ")
    space = _piece_html(text[:len(text) - len(words)], font, None) if words != text else ""
    return (f'{space}<a class="link" href="{escape(link)}" target="_blank" '
            f'rel="noopener noreferrer" title="{escape(link)} (Ctrl+click to open)">'
            f'{_piece_html(words, font, None)}</a>')


def _line_height(font: Font, baseline: float) -> float:
    """The CSS line height that puts ``font``'s baseline ``baseline`` pt below the line's
    top: a browser centres the font's ascent plus descent in the line height."""
    ascent, descent = _metrics(font.name, font.bold, font.italic)
    return 2 * baseline - (ascent - descent) * font.size


@lru_cache(maxsize=None)
def _metrics(name: str, bold: bool, italic: bool) -> tuple[float, float]:
    """Ascent and descent (em) of the shipped file the page serves for ``name``, as
    browsers read them (the ``hhea`` table, through FreeType)."""
    ascent, descent = ImageFont.truetype(str(font_file(name, bold, italic)),
                                         METRIC_SIZE).getmetrics()
    return ascent / METRIC_SIZE, descent / METRIC_SIZE


def _marker(paragraph: Paragraph, rtl: bool) -> str:
    """A list paragraph's bullet or number, hanging before its first line (on the right of
    a right-to-left one)."""
    if paragraph.bullet is None and paragraph.number is None or not paragraph.runs:
        return ""
    font = paragraph.runs[0].font
    color = paragraph.bullet_color or font.color
    text = paragraph.bullet or "•" if paragraph.number is None else f"{paragraph.number}."
    return (f'<span class="bullet" style="{font_style(font)};color:#{color};'
            f'{"right" if rtl else "left"}:{pt(-paragraph.hanging)}">{escape(text)}</span>')


def table_html(table: TableBox, where: str) -> str:
    """A table as cells, each a text box with OOXML's default cell margins."""
    cells = []
    y = 0
    for row_index, (row, row_h) in enumerate(zip(table.cells, table.row_heights)):
        fill = (table.header_fill if row_index == 0
                else table.band_fill if row_index % 2 == 0 else None)
        x = 0
        for col, (runs, col_w) in enumerate(zip(row, table.column_widths)):
            box = TextBox(Rect(x, y, col_w, row_h), [Paragraph(runs, align=table.align[col])],
                          insets=DEFAULT_INSETS, fill=fill)
            cells.append(text_box_html(box, kind="cell"))
            x += col_w
        y += row_h
    return f'<div class="table" style="{place(table.rect)}"{where}>{"".join(cells)}</div>'


def notes_html(notes: list[Paragraph] | None) -> str:
    """Speaker notes as paragraphs, bold and italic kept, in the page's own type."""
    if not notes:
        return '<p class="empty">No speaker notes.</p>'
    return "".join(
        "<p>" + "".join(_note_run(run.text, run.font) for run in paragraph.runs) + "</p>"
        for paragraph in notes)


def _note_run(text: str, font: Font) -> str:
    text = escape(text)
    if font.bold:
        text = f"<b>{text}</b>"
    return f"<i>{text}</i>" if font.italic else text


def font_faces(presentation: Presentation) -> str:
    """``@font-face`` rules naming each font the slides use after the shipped file that
    stands in for it, in each style."""
    names = sorted({run.font.name for slide in presentation.slides for element in slide.elements
                    for run in _runs(element)} - {""})
    rules = []
    for name in names:
        for (bold, italic) in STYLES:
            rules.append(f"@font-face{{font-family:'{css_family(name)}';"
                         f'src:url("/fonts/{font_file(name, bold, italic).name}");'
                         f'font-weight:{700 if bold else 400};'
                         f'font-style:{"italic" if italic else "normal"}}}')
    return "\n".join(rules)


def _runs(element: Element) -> list[Run]:
    if isinstance(element, TextBox):
        return [run for paragraph in element.paragraphs for run in paragraph.runs]
    if isinstance(element, TableBox):
        return [run for row in element.cells for cell in row for run in cell]
    return []
