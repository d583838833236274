"""Turn the presentation IR into a .pptx package, built on the deck's template (its own
or its theme's, see ``theme/master.py``).

Each slide is built on its layout and keeps only the placeholders it fills: titles in the
title placeholder (so outline view and screen readers see them), bodies in the layout's
text placeholders, footer and slide number in its footer placeholders (the number as a
field). Runs in placeholders carry only what differs from what they inherit, so the
master's styles and the theme's colours and fonts keep working in PowerPoint. Notes go into
the notes page, pictures get alt text, decoration is marked decorative.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import os
import re
from typing import Any, Callable, Sequence

from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn
from pptx.presentation import Presentation as PptxPresentation
from pptx.slide import Slide as PptxSlide
from pptx.slide import SlideLayout
from pptx.util import Emu

from ..charts.cache import ChartPicture
from ..charts.style import ChartStyle
from ..ir import (NOTES_FACE, ChartBox, Paragraph, Picture, Presentation, Shape, Slide,
                  TableBox, TextBox)
from .package import repack
from .app_properties import set_app_properties
from .parts import add_custom_xml, drop_thumbnail, fast_part_names, package_parts
from ..theme.grid import size_type
from ..theme.info import TextLook
from ..theme.reader import all_layouts, open_template
from .reuse import RenderedSlides
from .placeholders import add_picture, as_slide_number, clear_placeholders, layout_placeholders
from .svg import SvgParts
from .shapes import add_rectangle, add_text_box, add_text_placeholder, solid_fill
from .text import LinkId, add_run, clean, fill_text_body
from .tables import add_table

ChartRenderer = Callable[[ChartBox], ChartPicture]
# a layout's placeholders: p:ph attributes by idx, and what their text inherits by idx
LayoutPlaceholders = tuple[dict[int, dict[str, str]], dict[int, tuple[TextLook, ...]]]
SlideProgress = Callable[[int, int], None]  # (slides done, total)


def render(presentation: Presentation, chart_renderer: ChartRenderer,
           progress: SlideProgress | None = None,
           custom_xml: Sequence[tuple[Any, str]] = (), *,
           chart_style: ChartStyle | None = None,
           reuse: RenderedSlides | None = None) -> bytes:
    """The finished .pptx bytes for ``presentation`` (deterministic for the same IR).

    ``progress`` is called after each slide; ``custom_xml`` holds (lxml element, schema
    URI) pairs stored as custom XML parts (the inputs manifest). On a template, each slide
    is built on its layout and keeps only the placeholders it fills. ``reuse`` holds the
    slides earlier builds of this process rendered (see ``reuse.py``): unchanged ones are
    replayed, not rendered again.
    """
    template = presentation.template
    prs = open_template(template.data)
    template_digest = hashlib.sha256(template.data).digest() if reuse is not None else b""
    if reuse is not None:
        reuse.start()
    set_slide_size(prs, presentation.width, presentation.height)
    layouts = all_layouts(prs)
    placeholders: dict[int, LayoutPlaceholders] = {}   # per layout used, found once
    total = len(presentation.slides)
    svg_parts = SvgParts(prs.part.package)
    with fast_part_names(prs):  # python-pptx alone is O(n²) in slides (see parts.py)
        for done, source in enumerate(presentation.slides, start=1):
            assert source.layout is not None, "every slide names its layout"
            layout = layouts[source.layout]
            slide = prs.slides.add_slide(layout)
            key = reuse.key(source, template_digest, presentation.language, chart_renderer) \
                if reuse is not None else None
            if reuse is None or not reuse.replay(key, slide, svg_parts.part_for):
                clear_placeholders(slide)
                if source.layout not in placeholders:
                    placeholders[source.layout] = (
                        layout_placeholders(layout),
                        {ph.idx: ph.looks for ph in template.layouts[source.layout].placeholders})
                _render_slide(slide, source, presentation.language, chart_renderer,
                              placeholders[source.layout], chart_style, layout, svg_parts)
                if reuse is not None:
                    reuse.remember(key, slide)
            if progress is not None:
                progress(done, total)
        _set_properties(prs, presentation)
        drop_thumbnail(prs)
        set_app_properties(prs, presentation)
        for element, schema_uri in custom_xml:
            add_custom_xml(prs, element, schema_uri)
        parts = package_parts(prs)  # python-pptx's parts, compressed once by repack
    return repack(parts)


def set_slide_size(prs: PptxPresentation, width: int, height: int) -> None:
    """The slide size, typed as PowerPoint types it (its widescreen 16:9 has no type)."""
    prs.slide_width, prs.slide_height = Emu(width), Emu(height)
    size = prs.part._element.find(qn("p:sldSz"))
    size.attrib.pop("type", None)
    if (kind := size_type(width, height)) is not None:
        size.set("type", kind)


def _render_slide(slide: PptxSlide, source: Slide, language: str,
                  chart_renderer: ChartRenderer, placeholders: "LayoutPlaceholders",
                  chart_style: ChartStyle | None, layout: SlideLayout,
                  svg_parts: SvgParts) -> None:
    slide.shapes.turbo_add_enabled = True  # next shape id from a counter, not a search
    attributes, looks = placeholders
    link_id = _hyperlinks(slide.part)

    for element in source.elements:
        if isinstance(element, TextBox) and element.placeholder is not None:
            body = add_text_placeholder(slide, element.rect, element.name,
                                        attributes[element.placeholder])
            if element.fill:
                solid_fill(body.getparent().find(qn("p:spPr")), element.fill)
            fill_text_body(body, element, language, looks.get(element.placeholder, ()), link_id)
            if element.role == "number":
                as_slide_number(body)
        elif isinstance(element, Picture) and element.placeholder is not None:
            picture = add_picture(slide, layout, element.placeholder, element.rect,
                                  element.image)
            picture.name = element.name
            picture._element.nvPicPr.cNvPr.set("descr", clean(element.alt))
        elif isinstance(element, TextBox):
            body = add_text_box(slide, element.rect, element.name, element.fill)
            fill_text_body(body, element, language, link_id=link_id)
        elif isinstance(element, Shape):
            add_rectangle(slide, element.rect, element.name, element.fill, element.line)
        elif isinstance(element, Picture):
            _add_picture(slide, element.rect, element.image, element.alt, element.name)
        elif isinstance(element, ChartBox) and element.spec.render == "native":
            from .native_chart import add_native_chart  # pulls in xlsxwriter: only when used

            assert chart_style is not None, "native charts need the theme's chart style"
            add_native_chart(slide, element, chart_style)
        elif isinstance(element, ChartBox):
            picture = chart_renderer(element)
            svg_parts.attach(_add_picture(slide, element.rect, picture.png, element.alt,
                                          element.name), picture.svg)
        elif isinstance(element, TableBox):
            add_table(slide, element, language, link_id)
    if source.notes:
        _add_notes(slide, source.notes, language)


def _add_notes(slide: PptxSlide, notes: list[Paragraph], language: str) -> None:
    """Speaker notes in the notes page's type; each run names its language (screen readers
    pick the voice from it) and only how it differs (bold, code, a link)."""
    page = slide.notes_slide
    frame = page.notes_text_frame
    frame.text = "\n" * (len(notes) - 1)  # python-pptx's paragraphs, one per line
    link_id = _hyperlinks(page.part)
    for element, paragraph in zip(frame._txBody.p_lst, notes):
        for run in paragraph.runs:
            page_type = TextLook(size=run.font.size, bold=False, italic=False,
                                 color=run.font.color, face=NOTES_FACE)
            add_run(element, run, language, page_type, link_id)


def _hyperlinks(part: Any) -> LinkId:
    """Relationship ids of external hyperlinks from ``part`` (one per address)."""
    return lambda address: part.relate_to(address, RT.HYPERLINK, is_external=True)


def _add_picture(slide: PptxSlide, rect, image: bytes, alt: str, name: str) -> Any:
    picture = slide.shapes.add_picture(io.BytesIO(image), Emu(rect.x), Emu(rect.y),
                                       Emu(rect.w), Emu(rect.h))
    picture.name = name
    picture._element.nvPicPr.cNvPr.set("descr", clean(alt))
    return picture


def _timestamp(presentation: Presentation) -> dt.datetime:
    """The deck's date, else SOURCE_DATE_EPOCH, else a fixed epoch: never 'now'.

    A date of only a year or a year and month ("2017", "2017-09") stands for its first day.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).replace(tzinfo=None)
    created = (presentation.created or "").strip()
    partial = re.fullmatch(r"(\d{4})(?:-(\d{2}))?", created)
    if partial:
        return dt.datetime(int(partial[1]), int(partial[2] or 1), 1)
    try:
        return dt.datetime.fromisoformat(created)
    except ValueError:
        return dt.datetime(2000, 1, 1)


# Properties a reader of the file expects: what it is, who wrote it, when, in which language.
# Anything else the template carried (last printed, keywords, comments …) would be made up.
UNEXPECTED_PROPERTIES = ("lastPrinted", "keywords", "description", "category", "contentStatus",
                         "identifier", "version")


def _set_properties(prs: PptxPresentation, presentation: Presentation) -> None:
    props = prs.core_properties
    stamp = _timestamp(presentation)
    props.title = presentation.title
    props.author = presentation.author or ""
    props.subject = presentation.subject or ""
    props.language = presentation.language
    props.last_modified_by = presentation.author or "deckbuilder"
    props.revision = 1
    props.created = stamp
    props.modified = stamp
    element = props._element
    for child in list(element):
        name = child.tag.rpartition("}")[2]
        if name in UNEXPECTED_PROPERTIES or (name in ("creator", "subject") and not child.text):
            element.remove(child)
