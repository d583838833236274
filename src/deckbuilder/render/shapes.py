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
FILL_SUCCESSORS = frozenset({A + "ln", A + "effectLst", A + "effectDag", A + "scene3d",
                             A + "sp3d", A + "extLst"})
ADEC = "{http://schemas.microsoft.com/office/drawing/2017/decorative}"
DECORATIVE_URI = "{C183D7F6-B498-43B3-948B-1728B52AA6E4}"


def add_text_box(slide: Any, rect: Rect, name: str, fill: str | None) -> Any:
    """A text box on ``slide`` (a python-pptx slide); returns its empty ``p:txBody``."""
    sp = _new_shape(slide, rect, name, text_box=True)
    sp_pr = sp.find(P + "spPr")
    if fill:
        solid_fill(sp_pr, fill)
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
    mark_decorative(sp.find(P + "nvSpPr").find(P + "cNvPr"))
    sp_pr = sp.find(P + "spPr")
    solid_fill(sp_pr, fill)
    outline = etree.SubElement(sp_pr, A + "ln")
    if line:
        solid_fill(outline, line)
    else:
        etree.SubElement(outline, A + "noFill")
    body = etree.SubElement(sp, P + "txBody")
    etree.SubElement(body, A + "bodyPr", rtlCol="0", anchor="ctr")
    etree.SubElement(body, A + "lstStyle")
    etree.SubElement(etree.SubElement(body, A + "p"), A + "pPr", algn="ctr")


def add_text_placeholder(slide: Any, rect: Rect, name: str, ph: dict[str, str]) -> Any:
    """A slide placeholder inheriting from the layout placeholder whose ``p:ph`` attributes
    are ``ph``, at ``rect``; returns its empty ``p:txBody``. The same element python-pptx's
    ``clone_placeholder`` builds (then moved and named), without its searches."""
    sp = _new_shape(slide, rect, name, placeholder=ph)
    body = etree.SubElement(sp, P + "txBody")
    etree.SubElement(body, A + "bodyPr")
    etree.SubElement(body, A + "lstStyle")
    etree.SubElement(body, A + "p")
    return body


PH_DEFAULTS = (("type", "obj"), ("idx", "0"), ("orient", "horz"), ("sz", "full"))


def _new_shape(slide: Any, rect: Rect, name: str, text_box: bool = False,
               placeholder: dict[str, str] | None = None) -> Any:
    shapes = slide.shapes
    tree = shapes._spTree
    sp = insert_before(tree, tree.makeelement(P + "sp"), AFTER_SHAPES)
    sub = etree.SubElement
    properties = sub(sp, P + "nvSpPr")
    sub(properties, P + "cNvPr", id=str(shapes._next_shape_id), name=name)
    if text_box:
        sub(properties, P + "cNvSpPr", txBox="1")
    elif placeholder is not None:
        sub(sub(properties, P + "cNvSpPr"), A + "spLocks", noGrp="1")
    else:
        sub(properties, P + "cNvSpPr")
    nv_pr = sub(properties, P + "nvPr")
    if placeholder is not None:  # in python-pptx's attribute order, defaults left out
        sub(nv_pr, P + "ph", {key: placeholder[key] for key, default in PH_DEFAULTS
                              if placeholder.get(key, default) != default})
    sp_pr = sub(sp, P + "spPr")
    transform = sub(sp_pr, A + "xfrm")
    sub(transform, A + "off", x=str(rect.x), y=str(rect.y))
    sub(transform, A + "ext", cx=str(rect.w), cy=str(rect.h))
    if placeholder is None:
        sub(sub(sp_pr, A + "prstGeom", prst="rect"), A + "avLst")
    return sp


def solid_fill(parent: Any, colour: str) -> None:
    """A solid fill in ``colour``, in its place among ``parent``'s children (``a:spPr``
    puts fills after the geometry; a new element has none yet)."""
    fill = parent.makeelement(A + "solidFill")
    etree.SubElement(fill, A + "srgbClr", val=colour.upper())
    insert_before(parent, fill, FILL_SUCCESSORS)


def mark_decorative(c_nv_pr: Any) -> None:
    """Office's 'Mark as decorative': screen readers skip the shape, and accessibility
    checks do not ask it for alt text."""
    extensions = etree.SubElement(c_nv_pr, A + "extLst")
    extension = etree.SubElement(extensions, A + "ext", uri=DECORATIVE_URI)
    etree.SubElement(extension, ADEC + "decorative", {"val": "1"},
                     nsmap={"adec": ADEC[1:-1]})
