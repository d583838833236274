"""The renderer writes slide XML directly; python-pptx's API is the oracle.

``reference_fill`` and ``reference_rectangle`` set the same things through python-pptx's
public API (plus the usual snippets for bullets, which it has no API for), the way the
renderer did before it wrote the XML itself. The XML must match byte for byte: text for every
text box of the seed deck and for generated paragraphs, in a fresh text box and a fresh
placeholder; shapes with and without fills and outlines; pictures (plain, SVG, in a
placeholder), tables and notes pages.
"""

from __future__ import annotations

import io
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.oxml.xmlchemy import OxmlElement
from pptx.util import Emu, Pt

from deckbuilder.ir import DEFAULT_INSETS, Font, Insets, Paragraph, Rect, Run, TableBox, TextBox
from deckbuilder.pipeline import compile_deck
from deckbuilder.render.page import Page
from deckbuilder.render.pictures import add_picture
from deckbuilder.render.shapes import add_rectangle, add_text_box, add_text_placeholder
from deckbuilder.render.tables import add_table
from deckbuilder.render.text import _list_start, add_run, clean, fill_text_body
from deckbuilder.scripts import (DEFAULT_EAST_ASIAN, DEFAULT_FACES, complex_script,
                                 has_east_asian, is_right_to_left)
from helpers import ALL_KINDS, FIXTURES, SEED_DECK

PPTX_DEFAULT = Path(__import__("pptx").__file__).parent / "templates" / "default.pptx"

PNG = (FIXTURES / "photo.png").read_bytes()

ALIGN = {"left": PP_ALIGN.LEFT, "center": PP_ALIGN.CENTER, "right": PP_ALIGN.RIGHT}
RTL_ALIGN = {"left": PP_ALIGN.RIGHT, "center": PP_ALIGN.CENTER, "right": PP_ALIGN.LEFT}
ANCHOR = {"top": MSO_ANCHOR.TOP, "middle": MSO_ANCHOR.MIDDLE, "bottom": MSO_ANCHOR.BOTTOM}
BULLET_SUCCESSORS = ("a:buBlip", "a:tabLst", "a:defRPr", "a:extLst")


def reference_fill(frame, box: TextBox, language: str) -> None:
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    frame.vertical_anchor = ANCHOR[box.anchor]
    frame.margin_left, frame.margin_top = Emu(box.insets.left), Emu(box.insets.top)
    frame.margin_right, frame.margin_bottom = Emu(box.insets.right), Emu(box.insets.bottom)
    for index, source in enumerate(box.paragraphs):
        target = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        rtl = is_right_to_left(source.text)
        target.alignment = (RTL_ALIGN if rtl else ALIGN)[source.align]
        target.line_spacing = source.line_spacing
        target.space_before = Pt(source.space_before)
        target.space_after = Pt(0)
        target.level = min(source.level, 8)
        p_pr = target._p.get_or_add_pPr()
        p_pr.set("marL", str(source.indent))
        p_pr.set("indent", str(-source.hanging))
        if rtl:
            p_pr.set("rtl", "1")
        if has_east_asian(source.text):
            p_pr.set("hangingPunct", "0")
        if source.bullet or source.number is not None:
            if source.bullet_color:
                colour = OxmlElement("a:buClr")
                srgb = OxmlElement("a:srgbClr")
                srgb.set("val", source.bullet_color)
                colour.append(srgb)
                p_pr.insert_element_before(colour, "a:buSzTx", "a:buSzPct", "a:buSzPts",
                                           "a:buFontTx", "a:buFont", "a:buNone",
                                           "a:buAutoNum", "a:buChar", *BULLET_SUCCESSORS)
            font = OxmlElement("a:buFont")
            font.set("typeface", source.runs[0].font.name if source.runs else "Arial")
            p_pr.insert_element_before(font, "a:buNone", "a:buAutoNum", "a:buChar",
                                       *BULLET_SUCCESSORS)
            if source.number is not None:
                marker = OxmlElement("a:buAutoNum")
                marker.set("type", "arabicPeriod")
                start = _list_start(box.paragraphs, index)
                if start != 1:
                    marker.set("startAt", str(start))
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
            run.font.name = run_source.font.name
            run.font.size = Pt(run_source.font.size)
            run.font.bold = run_source.font.bold
            run.font.italic = run_source.font.italic
            run.font.color.rgb = RGBColor.from_string(run_source.font.color)
            r_pr = run._r.get_or_add_rPr()
            r_pr.set("lang", run_source.lang or language)
            script = complex_script(run_source.text)
            for tag, face in (("a:ea", has_east_asian(run_source.text) and DEFAULT_EAST_ASIAN),
                              ("a:cs", script and DEFAULT_FACES[script])):
                if face:
                    r_pr.append(OxmlElement(tag))
                    r_pr[-1].set("typeface", face)


def frames():
    """A fresh text box and a fresh title placeholder: the two kinds of frame filled."""
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[5])
    yield slide.shapes.title.text_frame
    yield slide.shapes.add_textbox(0, 0, 100, 100).text_frame


def assert_same_xml(box: TextBox, language: str = "en-US") -> None:
    for ours, theirs in zip(frames(), frames()):
        fill_text_body(ours._txBody, box, language)
        reference_fill(theirs, box, language)
        assert etree.tostring(ours._txBody) == etree.tostring(theirs._txBody)


def test_every_text_box_of_the_seed_deck_matches_python_pptx():
    presentation = compile_deck(SEED_DECK).presentation
    boxes = [e for s in presentation.slides for e in s.elements if isinstance(e, TextBox)]
    assert len(boxes) > 100
    for box in boxes:
        assert_same_xml(box)


colours = st.text("0123456789ABCDEFabcdef", min_size=6, max_size=6)
fonts = st.builds(Font, name=st.sampled_from(["Calibri", "Arial", "Noto Sans"]),
                  size=st.floats(1, 400).map(lambda v: round(v, 2)), color=colours,
                  bold=st.booleans(), italic=st.booleans())
runs = st.builds(Run, text=st.text(max_size=12), font=fonts)
paragraphs = st.builds(
    Paragraph, runs=st.lists(runs, max_size=3).map(tuple), level=st.integers(0, 10),
    bullet=st.sampled_from([None, "•", "–", "▪"]),
    bullet_color=st.one_of(st.none(), colours.map(str.upper)),
    number=st.one_of(st.none(), st.integers(1, 30)),
    align=st.sampled_from(["left", "center", "right"]),
    space_before=st.floats(0, 100).map(lambda v: round(v, 3)),
    line_spacing=st.floats(0.5, 3).map(lambda v: round(v, 4)),
    indent=st.integers(0, 900_000), hanging=st.integers(0, 300_000))
insets = st.builds(Insets, *(st.sampled_from([0, 45720, 91440, 12345]) for _ in range(4)))


@settings(max_examples=150, deadline=None)
@given(st.lists(paragraphs, min_size=1, max_size=5), insets,
       st.sampled_from(["top", "middle", "bottom"]))
def test_generated_text_matches_python_pptx(paras, box_insets, anchor):
    assert_same_xml(TextBox(Rect(0, 0, 100, 100), paras, anchor=anchor, insets=box_insets))


def test_the_text_survives_a_save_and_reopen():
    """The written XML is what python-pptx itself reads back."""
    box = TextBox(Rect(0, 0, 100, 100), [Paragraph((Run("Tab\tand ünïcode", Font(
        "Calibri", 18.5, "1a2b3c", bold=True)),), bullet="•", level=2)])
    prs = Presentation()
    shape = prs.slides.add_slide(prs.slide_layouts[6]).shapes.add_textbox(0, 0, 100, 100)
    fill_text_body(shape.text_frame._txBody, box, "es-MX")
    saved = io.BytesIO()
    prs.save(saved)
    frame = Presentation(saved).slides[0].shapes[0].text_frame
    paragraph = frame.paragraphs[0]
    assert paragraph.text == "Tab\tand ünïcode" and paragraph.level == 2
    font = paragraph.runs[0].font
    assert (font.size, font.bold, str(font.color.rgb)) == (Pt(18.5), True, "1A2B3C")


def reference_rectangle(slide, rect: Rect, name: str, fill: str, line: str | None) -> None:
    shape = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, rect.x, rect.y, rect.w, rect.h)
    shape.name = name
    shape.fill.solid()
    shape.fill.fore_color.rgb = RGBColor.from_string(fill)
    if line:
        shape.line.color.rgb = RGBColor.from_string(line)
    else:
        shape.line.fill.background()
    shape._element.remove(shape._element.find(qn("p:style")))
    # Office's "Mark as decorative", as PowerPoint writes it (python-pptx has no API for it)
    shape._element.nvSpPr.cNvPr.append(etree.fromstring(
        '<a:extLst xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
        '<a:ext uri="{C183D7F6-B498-43B3-948B-1728B52AA6E4}">'
        '<adec:decorative xmlns:adec="http://schemas.microsoft.com/office/drawing/2017/'
        'decorative" val="1"/></a:ext></a:extLst>'))


def reference_text_box(slide, rect: Rect, name: str, fill: str | None):
    shape = slide.shapes.add_textbox(rect.x, rect.y, rect.w, rect.h)
    shape.name = name
    if fill:
        shape.fill.solid()
        shape.fill.fore_color.rgb = RGBColor.from_string(fill)
    return shape.text_frame._txBody


def blank_slide():
    """A python-pptx slide with nothing on it (the Blank layout): ids start at 2, as on a
    page of ours, and its layout is rId1."""
    prs = Presentation()
    return prs.slides.add_slide(prs.slide_layouts[6])


def reference_picture(slide, rect: Rect, image: bytes, alt: str, name: str):
    picture = slide.shapes.add_picture(io.BytesIO(image), Emu(rect.x), Emu(rect.y),
                                       Emu(rect.w), Emu(rect.h))
    picture.name = name
    picture._element.nvPicPr.cNvPr.set("descr", clean(alt))
    return picture


def test_shapes_and_pictures_match_python_pptx():
    ours, theirs = Page("sld", first_rid=2), blank_slide()
    rect = Rect(914400, 457200, 3_000_000, 12_345)
    steps = [("rectangle", "Rule", "c8102e", None), ("text", "Body", None, None),
             ("rectangle", "Tile & <panel>", "FFFFFF", "1a2b3c"), ("text", "Fill", "abcdef", None),
             ("picture", "Photo", None, None), ("text", "Last", None, None),
             ("picture", "Same photo", None, None)]
    for kind, name, fill, line in steps:
        if kind == "rectangle":
            add_rectangle(ours, rect, name, fill, line)
            reference_rectangle(theirs, rect, name, fill, line)
        elif kind == "text":
            box = TextBox(rect, [Paragraph((Run(name, Font("Calibri", 20, "000000")),))])
            fill_text_body(add_text_box(ours, rect, name, fill), box, "en-US")
            fill_text_body(reference_text_box(theirs, rect, name, fill), box, "en-US")
        else:
            add_picture(ours, rect, PNG, f"{name} <alt>\n", name)
            reference_picture(theirs, rect, PNG, f"{name} <alt>\n", name)
    assert etree.tostring(ours.tree) == etree.tostring(theirs.shapes._spTree)
    assert [related.image for related in ours.rendered().related] == [PNG]  # one, shared


def test_a_chart_picture_names_its_svg_as_powerpoint_does():
    """The PNG in the blip, the SVG in the blip's extension (Office's SVG URI)."""
    ours, theirs = Page("sld", first_rid=2), blank_slide()
    rect, svg = Rect(0, 0, 500, 400), b"<svg xmlns='http://www.w3.org/2000/svg'/>"
    add_picture(ours, rect, PNG, "A chart", "Chart", svg=svg)
    picture = reference_picture(theirs, rect, PNG, "A chart", "Chart")
    blip = picture._element.blipFill.find(qn("a:blip"))
    blip.append(etree.fromstring(
        '<a:extLst xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="'
        'http://schemas.openxmlformats.org/officeDocument/2006/relationships"><a:ext uri="'
        '{96DAC541-7B7A-43D3-8B79-37D633B846F1}"><asvg:svgBlip xmlns:asvg="http://schemas.'
        'microsoft.com/office/drawing/2016/SVG/main" r:embed="rId3"/></a:ext></a:extLst>'))
    assert etree.tostring(ours.tree) == etree.tostring(theirs.shapes._spTree)
    assert [(r.rid, r.image, r.svg) for r in ours.rendered().related] == \
        [("rId2", PNG, None), ("rId3", None, svg)]


def theme_layouts():
    """The default theme's template, opened by python-pptx and read as the writer reads it."""
    from deckbuilder.errors import SourcePos
    from deckbuilder.render.template_package import template_package
    from deckbuilder.theme import load_theme
    from deckbuilder.theme.master import theme_template

    data = theme_template(load_theme("default", None, SourcePos("test")), "16:9")
    return Presentation(io.BytesIO(data)), template_package(data).layouts


def emptied(slide):
    for shape in list(slide.placeholders):
        shape._element.getparent().remove(shape._element)
    slide.shapes.turbo_add_enabled = True
    return slide


def test_placeholders_match_python_pptx_clone_placeholder():
    """Every placeholder of the theme's layouts, added directly, is the element python-pptx's
    clone_placeholder builds once moved, named and given its text body."""
    prs, layouts = theme_layouts()
    rect = Rect(914400, 457200, 3_000_000, 12_345)
    checked = 0
    for layout, read in zip(prs.slide_layouts, layouts):
        ours, theirs = Page("sld", first_rid=2), emptied(prs.slides.add_slide(layout))
        for source in layout.placeholders:
            idx = source.placeholder_format.idx
            add_text_placeholder(ours, rect, "Body", read.placeholders[idx])
            theirs.shapes.clone_placeholder(source)
            shape = theirs.placeholders[idx]
            shape.left, shape.top, shape.width, shape.height = (Emu(v) for v in
                                                                (rect.x, rect.y, rect.w, rect.h))
            shape.name = "Body"
            if shape._element.find(qn("p:txBody")) is None:  # a footer's or number's: added
                shape._element.append(etree.fromstring(  # as python-pptx's text placeholders
                    f'<p:txBody xmlns:p="{qn("p:x")[1:].split("}")[0]}" xmlns:a="'
                    f'{qn("a:x")[1:].split("}")[0]}"><a:bodyPr/><a:lstStyle/><a:p/></p:txBody>'))
            checked += 1
        assert etree.tostring(ours.tree) == etree.tostring(theirs.shapes._spTree), layout.name
    assert checked > 20


def test_a_picture_placeholder_matches_python_pptx_insert_picture():
    """python-pptx's picture in a layout's picture placeholder, uncropped and moved to its
    box, is the element written directly."""
    from pptx.enum.shapes import PP_PLACEHOLDER

    prs = Presentation(str(PPTX_DEFAULT))  # its Picture with Caption layout
    layout = prs.slide_layouts[8]
    source, = [ph for ph in layout.placeholders
               if ph.placeholder_format.type == PP_PLACEHOLDER.PICTURE]
    idx = source.placeholder_format.idx
    theirs = emptied(prs.slides.add_slide(layout))
    theirs.shapes.clone_placeholder(source)
    picture = theirs.placeholders[idx].insert_picture(io.BytesIO(PNG))
    picture.crop_left = picture.crop_right = picture.crop_top = picture.crop_bottom = 0.0
    rect = Rect(100, 200, 300, 400)
    picture.left, picture.top, picture.width, picture.height = (Emu(v) for v in
                                                                (rect.x, rect.y, rect.w, rect.h))
    picture.name = "Picture"
    picture._element.nvPicPr.cNvPr.set("descr", "A photo")
    ours = Page("sld", first_rid=2)
    add_picture(ours, rect, PNG, "A photo", "Picture",
                placeholder={key: value for key, value in
                             source._element.ph.attrib.items()})
    assert etree.tostring(ours.tree) == etree.tostring(theirs.shapes._spTree)


def reference_table(slide, box: TableBox, language: str) -> None:
    """A table through python-pptx's table API, as the renderer made one before it wrote the
    XML itself."""
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
            cell = table.cell(row_index, col)
            cell.margin_left, cell.margin_right = Emu(DEFAULT_INSETS.left), Emu(DEFAULT_INSETS.right)
            cell.margin_top, cell.margin_bottom = Emu(DEFAULT_INSETS.top), Emu(DEFAULT_INSETS.bottom)
            if fill:
                cell.fill.solid()
                cell.fill.fore_color.rgb = RGBColor.from_string(fill)
            else:
                cell.fill.background()
            paragraph = cell.text_frame.paragraphs[0]._p
            paragraph.get_or_add_pPr().set("algn", {"left": "l", "center": "ctr",
                                                    "right": "r"}[box.align[col]])
            for run in runs:
                add_run(paragraph, run, language)


def test_tables_match_python_pptx():
    tables = [e for s in compile_deck(ALL_KINDS).presentation.slides for e in s.elements
              if isinstance(e, TableBox)]
    wrapping = [e for s in compile_deck(FIXTURES / "wrapping-table.yaml").presentation.slides
                for e in s.elements if isinstance(e, TableBox)]
    assert tables and wrapping
    for box in tables + wrapping:
        ours, theirs = Page("sld", first_rid=2), blank_slide()
        add_table(ours, box, "en-GB")
        reference_table(theirs, box, "en-GB")
        assert etree.tostring(ours.tree) == etree.tostring(theirs.shapes._spTree)


def test_a_notes_page_matches_python_pptx_notes_slide():
    """The notes page copies the notes master's placeholders as python-pptx's notes_slide
    does, the notes in its notes placeholder."""
    from deckbuilder.ir import NOTES_FACE
    from deckbuilder.render.notes import notes_page
    from deckbuilder.render.template_package import default_notes_master, _notes_placeholders
    from deckbuilder.theme.info import TextLook

    notes = [Paragraph((Run("First line", Font("Calibri", 12, "000000")),)),
             Paragraph((Run("Bold", Font("Calibri", 12, "000000", bold=True)),
                        Run(" and plain", Font("Calibri", 12, "000000"))))]
    prs = Presentation()
    frame = prs.slides.add_slide(prs.slide_layouts[6]).notes_slide.notes_text_frame
    frame.text = "\n"
    for element, paragraph in zip(frame._txBody.p_lst, notes):
        for run in paragraph.runs:
            add_run(element, run, "en-US", TextLook(size=run.font.size, bold=False,
                                                    italic=False, color=run.font.color,
                                                    face=NOTES_FACE))
    ours = notes_page(notes, "en-US", _notes_placeholders(default_notes_master()[0]))
    theirs = prs.slides[0].notes_slide.part.blob
    assert ours.xml == theirs
