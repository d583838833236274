"""The floor: a plain python-pptx script writing given slides, with no layout logic.

It is what a person would write by hand with python-pptx used normally (its public API,
plus the usual snippet for bullet characters, which python-pptx has no API for): one slide
per entry, text boxes, rectangles, pictures and tables at the positions it is told, speaker
notes, then ``save``. No measuring, fitting, templating, validation, caching or tidying.
``bench/run.py`` exports the slides deckbuilder lays out (its IR, charts as pictures) to
JSON and times this script on them in two modes:

- ``same`` (default): the same slides with the same formatting — per paragraph alignment,
  spacing, level and bullet; per run font, size, weight, slant and colour; text box margins,
  anchoring and fills; picture alt text;
- ``--plain``: the least a script could do — each paragraph's text with one size, weight and
  colour — a lower bound, not the same slides.

    python bench/floor.py SLIDES.json OUT.pptx [--plain]
"""

from __future__ import annotations

import json
import sys

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.oxml.xmlchemy import OxmlElement
from pptx.util import Emu, Pt

ALIGN = {"left": PP_ALIGN.LEFT, "center": PP_ALIGN.CENTER, "right": PP_ALIGN.RIGHT}
ANCHOR = {"top": MSO_ANCHOR.TOP, "middle": MSO_ANCHOR.MIDDLE, "bottom": MSO_ANCHOR.BOTTOM}


def plain_text(frame, box: dict) -> None:
    frame.word_wrap = True
    for index, para in enumerate(box["paragraphs"]):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        paragraph.text = para["text"]
        paragraph.level = para["level"]
        first = para["runs"][0] if para["runs"] else None
        if first:
            paragraph.font.size = Pt(first["size"])
            paragraph.font.bold = first["bold"]
            paragraph.font.color.rgb = RGBColor.from_string(first["color"])


def same_text(frame, box: dict) -> None:
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    frame.vertical_anchor = ANCHOR[box["anchor"]]
    frame.margin_left, frame.margin_top, frame.margin_right, frame.margin_bottom = (
        Emu(v) for v in box["insets"])
    for index, para in enumerate(box["paragraphs"]):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        paragraph.alignment = ALIGN[para["align"]]
        paragraph.line_spacing = para["line_spacing"]
        paragraph.space_before = Pt(para["space_before"])
        paragraph.level = para["level"]
        if para["bullet"]:  # python-pptx has no bullet API: the usual snippet
            bullet = OxmlElement("a:buChar")
            bullet.set("char", para["bullet"])
            paragraph._p.get_or_add_pPr().append(bullet)
        for source in para["runs"]:
            run = paragraph.add_run()
            run.text = source["text"]
            run.font.name = source["font"]
            run.font.size = Pt(source["size"])
            run.font.bold = source["bold"]
            run.font.italic = source["italic"]
            run.font.color.rgb = RGBColor.from_string(source["color"])


def build(spec: dict, output: str, plain: bool = False) -> None:
    prs = Presentation()
    prs.slide_width, prs.slide_height = Emu(spec["width"]), Emu(spec["height"])
    blank = prs.slide_layouts[6]
    fill_text = plain_text if plain else same_text
    for entry in spec["slides"]:
        slide = prs.slides.add_slide(blank)
        for box in entry["boxes"]:
            x, y, w, h = (Emu(v) for v in box["rect"])
            if box["type"] == "text":
                shape = slide.shapes.add_textbox(x, y, w, h)
                if box.get("fill") and not plain:
                    shape.fill.solid()
                    shape.fill.fore_color.rgb = RGBColor.from_string(box["fill"])
                fill_text(shape.text_frame, box)
            elif box["type"] == "rect":
                shape = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, x, y, w, h)
                shape.fill.solid()
                shape.fill.fore_color.rgb = RGBColor.from_string(box["fill"])
                if not plain:
                    shape.line.fill.background()
            elif box["type"] == "picture":
                picture = slide.shapes.add_picture(box["path"], x, y, w, h)
                if not plain:
                    picture._element.nvPicPr.cNvPr.set("descr", box["alt"])
            elif box["type"] == "table":
                rows = box["rows"]
                table = slide.shapes.add_table(len(rows), len(rows[0]), x, y, w, h).table
                for r, row in enumerate(rows):
                    for c, text in enumerate(row):
                        table.cell(r, c).text = text
        if entry["notes"]:
            slide.notes_slide.notes_text_frame.text = entry["notes"]
    prs.save(output)


if __name__ == "__main__":
    with open(sys.argv[1], encoding="utf-8") as handle:
        build(json.load(handle), sys.argv[2], plain="--plain" in sys.argv[3:])
