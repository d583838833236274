"""Fill a python-pptx text frame from IR paragraphs with explicit sizes, never autofit."""

from __future__ import annotations

from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.oxml.xmlchemy import OxmlElement
from pptx.text.text import TextFrame, _Paragraph
from pptx.util import Emu, Pt

from ..ir import Paragraph, TextBox

ALIGN = {"left": PP_ALIGN.LEFT, "center": PP_ALIGN.CENTER, "right": PP_ALIGN.RIGHT}
ANCHOR = {"top": MSO_ANCHOR.TOP, "middle": MSO_ANCHOR.MIDDLE, "bottom": MSO_ANCHOR.BOTTOM}
BULLET_SUCCESSORS = ("a:buBlip", "a:tabLst", "a:defRPr", "a:extLst")
_CONTROL = {c: None for c in range(32) if c not in (9,)}
_CONTROL.update({c: " " for c in (10, 11, 12, 13)})  # line breaks become spaces, not glue


def clean(text: str) -> str:
    """Text without control characters, which make PowerPoint refuse a file."""
    return text.translate(_CONTROL)


def fill_text_frame(frame: TextFrame, box: TextBox, language: str) -> None:
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    frame.vertical_anchor = ANCHOR[box.anchor]
    frame.margin_left, frame.margin_top = Emu(box.insets.left), Emu(box.insets.top)
    frame.margin_right, frame.margin_bottom = Emu(box.insets.right), Emu(box.insets.bottom)
    for index, source in enumerate(box.paragraphs):
        target = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        _fill_paragraph(target, source, language, _list_start(box.paragraphs, index))


def _list_start(paragraphs: list[Paragraph], index: int) -> int:
    """The number of the first item of the numbered run this paragraph belongs to."""
    if paragraphs[index].number is None:
        return 1
    start = index
    while start > 0 and (paragraphs[start - 1].number is not None
                         or paragraphs[start - 1].level > paragraphs[index].level):
        start -= 1
    while paragraphs[start].number is None:
        start += 1
    return paragraphs[start].number or 1


def _fill_paragraph(target: _Paragraph, source: Paragraph, language: str, list_start: int) -> None:
    target.alignment = ALIGN[source.align]
    target.line_spacing = source.line_spacing
    target.space_before = Pt(source.space_before)
    target.space_after = Pt(0)
    target.level = min(source.level, 8)
    p_pr = target._p.get_or_add_pPr()
    p_pr.set("marL", str(source.indent))
    p_pr.set("indent", str(-source.hanging))
    if source.bullet or source.number is not None:
        if source.bullet_color:
            colour = OxmlElement("a:buClr")
            srgb = OxmlElement("a:srgbClr")
            srgb.set("val", source.bullet_color)
            colour.append(srgb)
            p_pr.insert_element_before(colour, "a:buSzTx", "a:buSzPct", "a:buSzPts",
                                       "a:buFontTx", "a:buFont", "a:buNone", "a:buAutoNum",
                                       "a:buChar", *BULLET_SUCCESSORS)
        font = OxmlElement("a:buFont")
        font.set("typeface", source.runs[0].font.name if source.runs else "Arial")
        p_pr.insert_element_before(font, "a:buNone", "a:buAutoNum", "a:buChar",
                                   *BULLET_SUCCESSORS)
        if source.number is not None:
            marker = OxmlElement("a:buAutoNum")
            marker.set("type", "arabicPeriod")
            if list_start != 1:
                marker.set("startAt", str(list_start))
        else:
            marker = OxmlElement("a:buChar")
            marker.set("char", source.bullet or "•")
        p_pr.insert_element_before(marker, *BULLET_SUCCESSORS)
    else:
        p_pr.insert_element_before(OxmlElement("a:buNone"), "a:buAutoNum", "a:buChar",
                                   *BULLET_SUCCESSORS)
    for run_source in source.runs:
        run = target.add_run()
        run.text = clean(run_source.text)
        font = run.font
        font.name = run_source.font.name
        font.size = Pt(run_source.font.size)
        font.bold = run_source.font.bold
        font.italic = run_source.font.italic
        font.color.rgb = RGBColor.from_string(run_source.font.color)
        run._r.get_or_add_rPr().set("lang", language)
