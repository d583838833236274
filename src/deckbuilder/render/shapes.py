"""Text boxes and plain rectangles written directly as ``p:sp`` elements.

python-pptx's ``add_textbox``/``add_shape`` parse an XML template per shape, check every
new shape for a placeholder, and its fill and line API searches the shape's XML for each
setting: for the few boxes and rules on every slide, that was the largest part of writing a
slide. These functions build the same elements with lxml (``tests/test_direct_xml.py`` holds
them side by side with python-pptx's API) and take each id from the slide's shape-id counter
in python-pptx (turbo-add mode, which ``render.pptx`` turns on), so shapes added either way
never share an id.
"""

from __future__ import annotations

from typing import Any

from lxml import etree

from ..ir import Rect
from .xml import A, P, insert_before

AFTER_SHAPES = frozenset({P + "extLst"})


def add_text_box(slide: Any, rect: Rect, name: str, fill: str | None) -> Any:
    """A text box on ``slide`` (a python-pptx slide); returns its empty ``p:txBody``."""
    sp = _new_shape(slide, rect, name, text_box=True)
    sp_pr = sp.find(P + "spPr")
    if fill:
        _solid(sp_pr, fill)
    else:
        etree.SubElement(sp_pr, A + "noFill")
    body = etree.SubElement(sp, P + "txBody")
    etree.SubElement(body, A + "bodyPr")  # render.text.fill_text_body sets it
    etree.SubElement(body, A + "lstStyle")
    etree.SubElement(body, A + "p")
    return body


def add_rectangle(slide: Any, rect: Rect, name: str, fill: str, line: str | None) -> None:
    """A filled rectangle with no shape style (LibreOffice draws the default style's effects
    as a drop shadow) and an outline only if ``line`` is given."""
    sp = _new_shape(slide, rect, name, text_box=False)
    sp_pr = sp.find(P + "spPr")
    _solid(sp_pr, fill)
    outline = etree.SubElement(sp_pr, A + "ln")
    if line:
        _solid(outline, line)
    else:
        etree.SubElement(outline, A + "noFill")
    body = etree.SubElement(sp, P + "txBody")
    etree.SubElement(body, A + "bodyPr", rtlCol="0", anchor="ctr")
    etree.SubElement(body, A + "lstStyle")
    etree.SubElement(etree.SubElement(body, A + "p"), A + "pPr", algn="ctr")


def _new_shape(slide: Any, rect: Rect, name: str, text_box: bool) -> Any:
    shapes = slide.shapes
    tree = shapes._spTree
    sp = insert_before(tree, tree.makeelement(P + "sp"), AFTER_SHAPES)
    sub = etree.SubElement
    properties = sub(sp, P + "nvSpPr")
    sub(properties, P + "cNvPr", id=str(shapes._next_shape_id), name=name)
    if text_box:
        sub(properties, P + "cNvSpPr", txBox="1")
    else:
        sub(properties, P + "cNvSpPr")
    sub(properties, P + "nvPr")
    sp_pr = sub(sp, P + "spPr")
    transform = sub(sp_pr, A + "xfrm")
    sub(transform, A + "off", x=str(rect.x), y=str(rect.y))
    sub(transform, A + "ext", cx=str(rect.w), cy=str(rect.h))
    sub(sub(sp_pr, A + "prstGeom", prst="rect"), A + "avLst")
    return sp


def _solid(parent: Any, colour: str) -> None:
    etree.SubElement(etree.SubElement(parent, A + "solidFill"), A + "srgbClr",
                     val=colour.upper())
