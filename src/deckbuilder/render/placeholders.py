"""A template layout's placeholders on a slide: only those the slide fills are added, each
at its laid-out box, so no empty "Click to add text" box is left behind.

python-pptx copies most of a layout's placeholders onto every new slide; they are removed
and added back one by one as the slide's elements reach them, which also keeps the shapes
in reading order (title first).
"""

from __future__ import annotations

import io
import uuid

from pptx.oxml.ns import qn
from pptx.oxml.xmlchemy import OxmlElement
from pptx.shapes.placeholder import PlaceholderPicture, SlidePlaceholder
from pptx.slide import Slide, SlideLayout
from pptx.text.text import TextFrame
from pptx.util import Emu

from ..ir import Rect

SLIDE_NUMBER_FIELD = "{" + str(uuid.uuid5(uuid.NAMESPACE_URL, "deckbuilder:slidenum")).upper() + "}"


def clear_placeholders(slide: Slide) -> None:
    """Remove the placeholders python-pptx copied from the layout."""
    for shape in list(slide.placeholders):
        element = shape._element
        element.getparent().remove(element)


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


def as_slide_number(frame: TextFrame) -> None:
    """Turn the first run into a slide number field, so the number stays right when slides
    are moved; the run's text stays as the field's current value."""
    runs = frame.paragraphs[0].runs if frame.paragraphs else []
    if not runs:
        return
    run = runs[0]._r
    field = OxmlElement("a:fld")
    field.set("id", SLIDE_NUMBER_FIELD)
    field.set("type", "slidenum")
    for tag in ("a:rPr", "a:t"):  # schema order: rPr, pPr, t
        child = run.find(qn(tag))
        if child is not None:
            field.append(child)
    run.addprevious(field)
    run.getparent().remove(run)


def _place(shape: SlidePlaceholder | PlaceholderPicture, rect: Rect) -> None:
    shape.left, shape.top = Emu(rect.x), Emu(rect.y)
    shape.width, shape.height = Emu(rect.w), Emu(rect.h)
