"""A slide's speaker notes page, as PowerPoint makes one: a copy of the notes master's slide
image, notes and slide number placeholders (the notes master of the template, or
python-pptx's default one, see ``writer.py``), the notes in the notes placeholder."""

from __future__ import annotations

from typing import Any

from lxml import etree

from ..ir import NOTES_FACE, Paragraph
from ..theme.info import TextLook
from .page import Page, RenderedPage
from .shapes import add_ph
from .text import add_run
from .xml import A, P

NOTES_SLIDE_RID, NOTES_MASTER_RID = "rId2", "rId1"   # made before anything on the page
BASE_NAMES = {"sldImg": "Slide Image Placeholder", "body": "Notes Placeholder",
              "sldNum": "Slide Number Placeholder"}
OWN_NOTES_PLACEHOLDER = {"type": "body", "idx": "1"}


def notes_page(notes: list[Paragraph], language: str,
               placeholders: tuple[dict[str, str], ...]) -> RenderedPage:
    """The notes page holding ``notes``; ``placeholders``: the notes master's (p:ph
    attributes). Each run names its language (screen readers pick the voice from it) and
    only how it differs from the page's type (bold, code, a link)."""
    page = Page("notes", first_rid=3, group_transform=True)
    sub = etree.SubElement
    kinds = [ph.get("type", "obj") for ph in placeholders]
    if "body" not in kinds:  # a notes master without a notes placeholder: one of its own
        placeholders, kinds = placeholders + (OWN_NOTES_PLACEHOLDER,), kinds + ["body"]
    holder = kinds.index("body")
    for number, (ph, kind) in enumerate(zip(placeholders, kinds)):
        shape_id = page.next_shape_id()
        name = BASE_NAMES[kind] if ph.get("orient", "horz") == "horz" else \
            f"Vertical {BASE_NAMES[kind]}"
        sp = sub(page.tree, P + "sp")
        properties = sub(sp, P + "nvSpPr")
        sub(properties, P + "cNvPr", id=str(shape_id), name=f"{name} {shape_id - 1}")
        sub(sub(properties, P + "cNvSpPr"), A + "spLocks", noGrp="1")
        add_ph(sub(properties, P + "nvPr"), ph)
        sub(sp, P + "spPr")
        if kind == "body":
            body = sub(sp, P + "txBody")
            sub(body, A + "bodyPr")
            sub(body, A + "lstStyle")
            for paragraph in notes if number == holder else [Paragraph(runs=())]:
                _add_paragraph(sub(body, A + "p"), paragraph, language, page)
    return page.rendered()


def _add_paragraph(element: Any, paragraph: Paragraph, language: str, page: Page) -> None:
    for run in paragraph.runs:
        page_type = TextLook(size=run.font.size, bold=False, italic=False,
                             color=run.font.color, face=NOTES_FACE)
        add_run(element, run, language, page_type, page.link)
