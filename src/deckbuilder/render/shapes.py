"""Text boxes, text placeholders and plain rectangles, written as ``p:sp`` elements.

Element for element what python-pptx's ``add_textbox``, ``add_shape`` and
``clone_placeholder`` write for the same settings (``tests/test_direct_xml.py`` holds them
side by side with its API), built with lxml on a :class:`~.page.Page`, which numbers the
shapes.
"""

from __future__ import annotations

from typing import Any

from lxml import etree

from ..ir import Rect
from .page import Page
from .xml import A, P, add_transform, insert_before, name_guid

SLIDE_NUMBER_FIELD = name_guid("deckbuilder:slidenum")
FILL_SUCCESSORS = frozenset({A + "ln", A + "effectLst", A + "effectDag", A + "scene3d",
                             A + "sp3d", A + "extLst"})
ADEC = "{http://schemas.microsoft.com/office/drawing/2017/decorative}"
DECORATIVE_URI = "{C183D7F6-B498-43B3-948B-1728B52AA6E4}"


def add_text_box(page: Page, rect: Rect, name: str, fill: str | None) -> Any:
    """A text box on ``page``; returns its empty ``p:txBody``."""
    sp = _new_shape(page, rect, name, text_box=True)
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


def add_rectangle(page: Page, rect: Rect, name: str, fill: str, line: str | None) -> None:
    """A filled rectangle with no shape style (LibreOffice draws the default style's effects
    as a drop shadow) and an outline only if ``line`` is given."""
    sp = _new_shape(page, rect, name, text_box=False)
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


def add_text_placeholder(page: Page, rect: Rect, name: str, ph: dict[str, str]) -> Any:
    """A slide placeholder inheriting from the layout placeholder whose ``p:ph`` attributes
    are ``ph``, at ``rect``; returns its empty ``p:txBody``. The same element python-pptx's
    ``clone_placeholder`` builds (then moved and named)."""
    sp = _new_shape(page, rect, name, placeholder=ph)
    body = etree.SubElement(sp, P + "txBody")
    etree.SubElement(body, A + "bodyPr")
    etree.SubElement(body, A + "lstStyle")
    etree.SubElement(body, A + "p")
    return body


PH_DEFAULTS = (("type", "obj"), ("idx", "0"), ("orient", "horz"), ("sz", "full"))


def _new_shape(page: Page, rect: Rect, name: str, text_box: bool = False,
               placeholder: dict[str, str] | None = None) -> Any:
    sub = etree.SubElement
    sp = sub(page.tree, P + "sp")
    properties = sub(sp, P + "nvSpPr")
    sub(properties, P + "cNvPr", id=str(page.next_shape_id()), name=name)
    if text_box:
        sub(properties, P + "cNvSpPr", txBox="1")
    elif placeholder is not None:
        sub(sub(properties, P + "cNvSpPr"), A + "spLocks", noGrp="1")
    else:
        sub(properties, P + "cNvSpPr")
    nv_pr = sub(properties, P + "nvPr")
    if placeholder is not None:
        add_ph(nv_pr, placeholder)
    sp_pr = sub(sp, P + "spPr")
    add_transform(sp_pr, rect)
    if placeholder is None:
        sub(sub(sp_pr, A + "prstGeom", prst="rect"), A + "avLst")
    return sp


def add_ph(nv_pr: Any, placeholder: dict[str, str]) -> None:
    """The ``p:ph`` of a placeholder copied from one with attributes ``placeholder``: in
    python-pptx's attribute order, defaults left out."""
    etree.SubElement(nv_pr, P + "ph", {key: placeholder[key] for key, default in PH_DEFAULTS
                                       if placeholder.get(key, default) != default})


def as_slide_number(body: Any) -> None:
    """Turn the first run of the text body ``body`` into a slide number field, so the number
    stays right when slides are moved; the run's text stays as the field's current value."""
    paragraph = body.find(A + "p")
    run = paragraph.find(A + "r") if paragraph is not None else None
    if run is None:
        return
    field = run.makeelement(A + "fld", id=SLIDE_NUMBER_FIELD, type="slidenum")
    for tag in ("rPr", "t"):  # schema order: rPr, pPr, t
        child = run.find(A + tag)
        if child is not None:
            field.append(child)
    run.addprevious(field)
    paragraph.remove(run)


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
