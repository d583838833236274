"""Fill a text body from IR paragraphs with explicit sizes, never autofit.

The XML is written directly with lxml, element for element what python-pptx's text API
writes for the same settings (``tests/test_direct_xml.py`` holds the two side by side): that
API looks up every child by XPath on each property it sets, which made filling text most of
a slide's cost.
"""

from __future__ import annotations

from typing import Any, Callable, Sequence

from lxml import etree

from ..ir import DEFAULT_INSETS, Font, Paragraph, Run, TextBox
from ..scripts import has_east_asian, has_other_scripts, is_right_to_left, script_faces
from ..theme.info import TextLook
from ..xmltext import one_line as clean
from .xml import INSET_ATTRIBUTES, R_ID, A, insert_before

ALIGN = {"left": "l", "center": "ctr", "right": "r"}
# A right-to-left paragraph starts at the right: the layout's "left" is its start
RTL_ALIGN = {"left": "r", "center": "ctr", "right": "l"}
ANCHOR = {"top": "t", "middle": "ctr", "bottom": "b"}
AUTOFIT = frozenset({A + "noAutofit", A + "normAutofit", A + "spAutoFit"})
AFTER_AUTOFIT = frozenset({A + "scene3d", A + "sp3d", A + "flatTx", A + "extLst"})
AFTER_RUNS = frozenset({A + "endParaRPr"})
EMU_PER_POINT, EMU_PER_CENTIPOINT = 12700, 127

LinkId = Callable[[str], str]   # an external hyperlink's address -> its relationship id


def centipoints(points: float) -> str:
    """A size in points as OOXML's hundredths of a point (python-pptx's rounding)."""
    return str(int(points * EMU_PER_POINT) // EMU_PER_CENTIPOINT)


def fill_text_body(body: Any, box: TextBox, language: str,
                   looks: Sequence[TextLook] = (), link_id: LinkId | None = None) -> None:
    """Fill ``body`` (a ``p:txBody`` element holding one empty paragraph) from ``box``; in a
    placeholder, ``looks`` (per list level) is what its runs inherit, and a run leaves out
    whatever it would only repeat. ``link_id`` relates the slide to a run's hyperlink."""
    _body_properties(body.find(A + "bodyPr"), box)
    first = body.find(A + "p")
    for index, source in enumerate(box.paragraphs):
        paragraph = first if index == 0 else etree.SubElement(body, A + "p")
        look = looks[min(source.level, len(looks) - 1)] if looks else None
        _fill_paragraph(paragraph, source, language, _list_start(box.paragraphs, index), look,
                        link_id)


def _body_properties(body_pr: Any, box: TextBox) -> None:
    body_pr.set("wrap", "square")
    for child in list(body_pr):
        if child.tag in AUTOFIT:
            body_pr.remove(child)
    insert_before(body_pr, body_pr.makeelement(A + "noAutofit"), AFTER_AUTOFIT)
    body_pr.set("anchor", ANCHOR[box.anchor])
    for attribute, side in INSET_ATTRIBUTES:
        value = getattr(box.insets, side)
        if value == getattr(DEFAULT_INSETS, side):  # left out, as python-pptx does
            body_pr.attrib.pop(attribute, None)
        else:
            body_pr.set(attribute, str(value))


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


def _fill_paragraph(paragraph: Any, source: Paragraph, language: str, list_start: int,
                    look: TextLook | None, link_id: LinkId | None) -> None:
    old = paragraph.find(A + "pPr")
    if old is not None:
        paragraph.remove(old)
    p_pr = paragraph.makeelement(A + "pPr")
    paragraph.insert(0, p_pr)
    rtl = is_right_to_left(source.text)
    p_pr.set("algn", (RTL_ALIGN if rtl else ALIGN)[source.align])
    level = min(source.level, 8)
    if level:
        p_pr.set("lvl", str(level))
    p_pr.set("marL", str(source.indent))
    p_pr.set("indent", str(-source.hanging))
    if rtl:  # bullets and indents then sit on the right, in PowerPoint and LibreOffice
        p_pr.set("rtl", "1")
    if has_east_asian(source.text):  # no full stop or comma hanging past the box's edge
        p_pr.set("hangingPunct", "0")
    sub = etree.SubElement
    sub(sub(p_pr, A + "lnSpc"), A + "spcPct",
        val=str(int(round(source.line_spacing * 100000.0))))
    sub(sub(p_pr, A + "spcBef"), A + "spcPts", val=centipoints(source.space_before))
    sub(sub(p_pr, A + "spcAft"), A + "spcPts", val="0")
    if source.bullet or source.number is not None:
        if source.bullet_color:
            sub(sub(p_pr, A + "buClr"), A + "srgbClr", val=source.bullet_color)
        sub(p_pr, A + "buFont", typeface=source.runs[0].font.name if source.runs else "Arial")
        if source.number is not None:
            marker = sub(p_pr, A + "buAutoNum", type="arabicPeriod")
            if list_start != 1:
                marker.set("startAt", str(list_start))
        else:
            sub(p_pr, A + "buChar", char=source.bullet or "•")
    else:
        sub(p_pr, A + "buNone")
    for run in source.runs:
        add_run(paragraph, run, language, look, link_id)


def add_run(paragraph: Any, source: Run, language: str, inherited: TextLook | None = None,
            link_id: LinkId | None = None) -> None:
    """Append ``source`` to the ``a:p`` element ``paragraph``, leaving out each property
    that equals what it ``inherited`` (None: inherits nothing known).

    A hyperlink's run is underlined and coloured with the theme's ``hlink`` (a scheme
    colour, so a change of theme restyles it), and clicks through a relationship of the
    slide to the address (``link_id``)."""
    look, font = inherited or TextLook(), source.font
    run = insert_before(paragraph, paragraph.makeelement(A + "r"), AFTER_RUNS)
    sub = etree.SubElement
    r_pr = sub(run, A + "rPr")
    size = centipoints(font.size)
    if look.size is None or centipoints(look.size) != size:
        r_pr.set("sz", size)
    if look.bold is None or look.bold != font.bold:
        r_pr.set("b", "1" if font.bold else "0")
    if look.italic is None or look.italic != font.italic:
        r_pr.set("i", "1" if font.italic else "0")
    r_pr.set("lang", source.lang or language)  # a phrase's own language, else the deck's
    if source.link:
        r_pr.set("u", "sng")
        sub(sub(r_pr, A + "solidFill"), A + "schemeClr", val="hlink")
    elif look.color is None or look.color.upper() != font.color.upper():
        sub(sub(r_pr, A + "solidFill"), A + "srgbClr", val=font.color.upper())
    if look.face != font.name:
        sub(r_pr, A + "latin", typeface=font.name)
    if has_other_scripts(source.text):
        _script_faces(r_pr, source.text, font)
    if source.link:
        assert link_id is not None, "a text body with links is filled with a link_id"
        sub(r_pr, A + "hlinkClick").set(R_ID, link_id(source.link))
    sub(run, A + "t").text = clean(source.text)


def _script_faces(r_pr: Any, text: str, font: Font) -> None:
    """Name the East Asian and complex-script faces the layout measured ``text`` with, so
    a viewer sets the same ones."""
    east_asian, complex_face = script_faces(text, font)
    if east_asian is not None:
        etree.SubElement(r_pr, A + "ea", typeface=east_asian)
    if complex_face is not None:
        etree.SubElement(r_pr, A + "cs", typeface=complex_face)
