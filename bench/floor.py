"""The floor: a minimal python-pptx script writing given slides with no layout logic.

It is what a person would write by hand with python-pptx used normally: one blank slide per
entry, text boxes, rectangles, pictures and tables at the positions it is told, one font
size/weight/colour per paragraph, speaker notes, then ``save``. No measuring, fitting,
templating, validation or tidying. ``bench/run.py`` exports the same slides deckbuilder
would write (from its layout IR, charts as pictures) to JSON and times this script on them.

    python bench/floor.py SLIDES.json OUT.pptx
"""

from __future__ import annotations

import json
import sys

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.util import Emu, Pt


def build(spec: dict, output: str) -> None:
    prs = Presentation()
    prs.slide_width, prs.slide_height = Emu(spec["width"]), Emu(spec["height"])
    blank = prs.slide_layouts[6]
    for entry in spec["slides"]:
        slide = prs.slides.add_slide(blank)
        for box in entry["boxes"]:
            x, y, w, h = (Emu(v) for v in box["rect"])
            if box["type"] == "text":
                frame = slide.shapes.add_textbox(x, y, w, h).text_frame
                frame.word_wrap = True
                for index, para in enumerate(box["paragraphs"]):
                    paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
                    paragraph.text = para["text"]
                    paragraph.level = para["level"]
                    paragraph.font.size = Pt(para["size"])
                    paragraph.font.bold = para["bold"]
                    paragraph.font.color.rgb = RGBColor.from_string(para["color"])
            elif box["type"] == "rect":
                shape = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, x, y, w, h)
                shape.fill.solid()
                shape.fill.fore_color.rgb = RGBColor.from_string(box["fill"])
            elif box["type"] == "picture":
                slide.shapes.add_picture(box["path"], x, y, w, h)
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
        build(json.load(handle), sys.argv[2])
