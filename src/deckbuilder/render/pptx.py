"""Turn the presentation IR into a .pptx package, built on the deck's template (its own
or its theme's, see ``theme/master.py``).

Each slide is built on its layout and holds only the placeholders it fills: titles in the
title placeholder (so outline view and screen readers see them), bodies in the layout's
text placeholders, footer and slide number in its footer placeholders (the number as a
field). Runs in placeholders carry only what differs from what they inherit, so the
master's styles and the theme's colours and fonts keep working in PowerPoint. Notes go into
the notes page, pictures get alt text, decoration is marked decorative.

Slides are written as XML directly (``page.py`` and the modules it names), and the package
around them by ``writer.py`` from the template's own parts (``template_package.py``):
python-pptx is used only to make native charts.
"""

from __future__ import annotations

import hashlib
from typing import Any, Callable, Sequence

from ..charts.cache import ChartPicture
from ..charts.style import ChartStyle
from ..ir import ChartBox, Picture, Presentation, Shape, Slide, TableBox, TextBox
from ..theme.info import TemplateInfo
from .notes import notes_page
from .package import repack
from .page import Page, RenderedSlide
from .pictures import add_picture
from .reuse import RenderedSlides
from .shapes import add_rectangle, add_text_box, add_text_placeholder, as_slide_number, \
    solid_fill
from .tables import add_table
from .template_package import TemplatePackage, template_package
from .text import fill_text_body
from .writer import write_package
from .xml import P

ChartRenderer = Callable[[ChartBox], ChartPicture]
SlideProgress = Callable[[int, int], None]  # (slides done, total)


def render(presentation: Presentation, chart_renderer: ChartRenderer,
           progress: SlideProgress | None = None,
           custom_xml: Sequence[tuple[Any, str]] = (), *,
           chart_style: ChartStyle | None = None,
           reuse: RenderedSlides | None = None) -> bytes:
    """The finished .pptx bytes for ``presentation`` (deterministic for the same IR).

    ``progress`` is called after each slide; ``custom_xml`` holds (lxml element, schema
    URI) pairs stored as custom XML parts (the inputs manifest). ``reuse`` holds the
    slides earlier builds of this process rendered (see ``reuse.py``): unchanged ones are
    taken from it, not rendered again.
    """
    template = presentation.template
    package = template_package(template.data)
    template_digest = hashlib.sha256(template.data).digest() if reuse is not None else b""
    if reuse is not None:
        reuse.start()
    total = len(presentation.slides)
    slides = []
    for done, source in enumerate(presentation.slides, start=1):
        key = reuse.key(source, template_digest, presentation.language, chart_renderer) \
            if reuse is not None else None
        slide = reuse.take(key) if reuse is not None else None
        if slide is None:
            slide = _render_slide(source, presentation.language, chart_renderer, template,
                                  package, chart_style)
            if reuse is not None:
                reuse.remember(key, slide)
        slides.append(slide)
        if progress is not None:
            progress(done, total)
    return repack(write_package(package, slides, presentation, custom_xml))


def _render_slide(source: Slide, language: str, chart_renderer: ChartRenderer,
                  template: TemplateInfo, package: TemplatePackage,
                  chart_style: ChartStyle | None) -> RenderedSlide:
    assert source.layout is not None, "every slide names its layout"
    attributes = package.layouts[source.layout].placeholders
    looks = {ph.idx: ph.looks for ph in template.layouts[source.layout].placeholders}
    page = Page("sld", first_rid=2)  # rId1: the layout
    for element in source.elements:
        if isinstance(element, TextBox) and element.placeholder is not None:
            body = add_text_placeholder(page, element.rect, element.name,
                                        attributes[element.placeholder])
            if element.fill:
                solid_fill(body.getparent().find(P + "spPr"), element.fill)
            fill_text_body(body, element, language, looks.get(element.placeholder, ()),
                           page.link)
            if element.role == "number":
                as_slide_number(body)
        elif isinstance(element, Picture):
            add_picture(page, element.rect, element.image, element.alt, element.name,
                        placeholder=None if element.placeholder is None
                        else attributes[element.placeholder])
        elif isinstance(element, TextBox):
            body = add_text_box(page, element.rect, element.name, element.fill)
            fill_text_body(body, element, language, link_id=page.link)
        elif isinstance(element, Shape):
            add_rectangle(page, element.rect, element.name, element.fill, element.line)
        elif isinstance(element, ChartBox) and element.spec.render == "native":
            from .native_chart import add_native_chart  # python-pptx and xlsxwriter

            assert chart_style is not None, "native charts need the theme's chart style"
            add_native_chart(page, element, chart_style)
        elif isinstance(element, ChartBox):
            picture = chart_renderer(element)
            add_picture(page, element.rect, picture.png, element.alt, element.name,
                        svg=picture.svg)
        elif isinstance(element, TableBox):
            add_table(page, element, language)
    if not source.notes:
        return RenderedSlide(source.layout, page.rendered())
    notes = notes_page(source.notes, language, package.notes_placeholders)
    return RenderedSlide(source.layout, page.rendered(), notes, page.take_rid())
