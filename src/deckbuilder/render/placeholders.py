"""A template layout's placeholders on a slide: only those the slide fills are added, each
at its laid-out box, so no empty "Click to add text" box is left behind.

python-pptx copies most of a layout's placeholders onto every new slide; they are removed
and added back one by one as the slide's elements reach them, which also keeps the shapes
in reading order (title first).
"""

from __future__ import annotations

import io
import uuid
from typing import Any

from pptx.oxml.ns import qn
from pptx.oxml.xmlchemy import OxmlElement
from pptx.shapes.placeholder import PlaceholderPicture, SlidePlaceholder
from pptx.slide import Slide, SlideLayout
from pptx.util import Emu

from ..ir import Rect

SLIDE_NUMBER_FIELD = "{" + str(uuid.uuid5(uuid.NAMESPACE_URL, "deckbuilder:slidenum")).upper() + "}"


def clear_placeholders(slide: Slide) -> None:
    """Remove the placeholders python-pptx copied from the layout (found in the XML: the
    library's placeholder collection searches each shape several times)."""
    tree = slide.shapes._spTree
    for shape in list(tree):
        properties = shape.find(f"./{{*}}nvSpPr/{{*}}nvPr/{qn('p:ph')}")
        if properties is None:
            properties = shape.find(f"./{{*}}nvPicPr/{{*}}nvPr/{qn('p:ph')}")
        if properties is not None:
            tree.remove(shape)


def add_placeholder(slide: Slide, layout: SlideLayout, idx: int, rect: Rect) -> SlidePlaceholder:
    """The layout's placeholder ``idx``, added to ``slide`` at ``rect``."""
    source = layout.placeholders.get(idx=idx)
    if source is None:
        raise KeyError(f"layout '{layout.name}' has no placeholder idx {idx}")
    slide.shapes.clone_placeholder(source)
    shape = slide.placeholders[idx]
    _place(shape, rect)
    return shape


def add_picture(slide: Slide, layout: SlideLayout, idx: int, rect: Rect,
                image: bytes) -> PlaceholderPicture:
    """``image`` in the layout's picture placeholder ``idx``, uncropped, at ``rect``."""
    picture = add_placeholder(slide, layout, idx, rect).insert_picture(io.BytesIO(image))
    picture.crop_left = picture.crop_right = picture.crop_top = picture.crop_bottom = 0.0
    _place(picture, rect)
    return picture


def as_slide_number(body: Any) -> None:
    """Turn the first run of the text body ``body`` into a slide number field, so the number
    stays right when slides are moved; the run's text stays as the field's current value."""
    paragraph = body.find(qn("a:p"))
    run = paragraph.find(qn("a:r")) if paragraph is not None else None
    if run is None:
        return
    field = OxmlElement("a:fld")
    field.set("id", SLIDE_NUMBER_FIELD)
    field.set("type", "slidenum")
    for tag in ("a:rPr", "a:t"):  # schema order: rPr, pPr, t
        child = run.find(qn(tag))
        if child is not None:
            field.append(child)
    run.addprevious(field)
    paragraph.remove(run)


def layout_placeholders(layout: SlideLayout) -> dict[int, dict[str, str]]:
    """The ``p:ph`` attributes of each of ``layout``'s placeholders, by idx."""
    found = {}
    for ph in layout._element.iterfind(".//" + qn("p:nvPr") + "/" + qn("p:ph")):
        found[int(ph.get("idx", "0"))] = dict(ph.attrib)
    return found


def _place(shape: SlidePlaceholder | PlaceholderPicture, rect: Rect) -> None:
    shape.left, shape.top = Emu(rect.x), Emu(rect.y)
    shape.width, shape.height = Emu(rect.w), Emu(rect.h)
