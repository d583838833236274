"""What the page shows after each build: slides as HTML, findings on them, the errors.

A build that stopped before layout (a YAML or template error) keeps the last good slides
under its errors; a deck laid out but with lint errors shows its new slides, its findings
at their boxes, and says the .pptx was not written. Pictures and charts are served from
memory by the digest of their bytes (charts as the cached drawings the .pptx embeds, SVG
where there is one), so a page only reloads an image that changed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from typing import Any, Hashable

from ..errors import SourcePos
from ..ir import Element, Picture, Presentation, Rect
from ..watch import Outcome
from .artwork import Artwork
from .html import font_faces, notes_html, place, slide_html, source_attributes
from .sources import Placed, place_findings, shape_sources

Image = tuple[bytes, str]  # bytes, content type
Urls = dict[Hashable, str]  # an image's address by id(box), or ("layout", number)


@dataclass(frozen=True)
class Built:
    """The last written .pptx, for the exact (LibreOffice) view."""

    pptx: Path
    titles: list[str]
    size: tuple[int, int]
    inputs: dict[Path, str]


@dataclass(frozen=True)
class Page:
    version: int
    payload: bytes                       # the page's JSON (see docs/serve.md)
    images: dict[str, Image] = field(default_factory=dict)
    slides: tuple[str, ...] = ()         # the sections shown, kept when a build fails
    built: Built | None = None


class PageStore:
    """The current page; ``update`` (called by the one build thread) replaces it whole after
    each build, so a request, in whichever thread, reads one build's page."""

    def __init__(self, deck: Path, output: Path, editor_url: str) -> None:
        self.deck, self.output, self.editor_url = deck, output, editor_url
        self.server = os.urandom(8).hex()  # builds count from 0 again in a restarted serve
        self.artwork = Artwork()
        self.page = Page(0, self._payload(0, [], [], "building", None))

    def update(self, outcome: Outcome, version: int) -> None:
        previous = self.page
        compiled = outcome.compiled
        if compiled is None or compiled.presentation is None:
            errors = [_problem(p.pos, p.message) for p in outcome.problems]
            errors += [_problem(None, outcome.message)] if outcome.message else []
            self.page = Page(version, self._payload(version, list(previous.slides), errors,
                                                    "failed", None),
                             previous.images, previous.slides, previous.built)
            return
        presentation = compiled.presentation
        images, urls = _images(compiled, self.artwork)
        sources = shape_sources(presentation, compiled.deck, compiled.tree)
        placed = place_findings(compiled.findings, presentation.slides, sources)
        sections = tuple(
            _section(index, presentation, urls, sources[index],
                     [p for p in placed if p.slide == index])
            for index in range(len(presentation.slides)))
        errors = [_finding(p.finding) for p in placed if p.finding.severity == "error"]
        deck_findings = [_finding(p.finding) for p in placed if p.slide is None]
        built = (Built(self.output, [s.title for s in presentation.slides],
                       (presentation.width, presentation.height), dict(compiled.inputs))
                 if outcome.ok else previous.built)
        payload = self._payload(version, list(sections), errors,
                                "ok" if outcome.ok else "lint", presentation,
                                deck_findings)
        self.page = Page(version, payload, images, sections, built)

    def _payload(self, version: int, sections: list[str], errors: list[dict[str, Any]],
                 status: str, presentation: Presentation | None,
                 findings: list[dict[str, Any]] | None = None) -> bytes:
        state = {
            "server": self.server, "version": version, "status": status,
            "deck": str(self.deck),
            "output": str(self.output), "editor": self.editor_url,
            "built_at": dt.datetime.now().strftime("%H:%M:%S"),
            "slides": sections, "errors": errors, "findings": findings or [],
        }
        if presentation is not None:
            state.update(width=presentation.width, height=presentation.height,
                         fonts=font_faces(presentation))
        return json.dumps(state).encode()


def _section(index: int, presentation: Presentation, urls: Urls,
             sources: list[SourcePos | None], placed: list[Placed]) -> str:
    """One slide on the page: a header, its canvas with finding marks, findings, notes."""
    slide = presentation.slides[index]
    element_source = dict(zip(map(id, slide.elements), sources))
    size = Rect(0, 0, presentation.width, presentation.height)
    markers = "".join(_marker(p, slide.elements, size) for p in placed)
    canvas = slide_html(slide, presentation, lambda e: urls.get(id(e)),
                        lambda e: element_source.get(id(e)), markers,
                        urls.get(("layout", slide.layout)))
    where = escape(str(slide.pos)) if slide.pos else ""
    items = "".join(f'<li class="{p.finding.severity}"{source_attributes(p.finding.pos)}>'
                    f'{escape(_text(p.finding))}</li>' for p in placed)
    return (f'<section class="slide" id="slide-{index + 1}" data-index="{index}">'
            f'<header{source_attributes(slide.pos)}><b>{index + 1}</b> '
            f'{escape(slide.title)} <span class="where">{where}</span></header>'
            f'<div class="frame">{canvas}</div>'
            + (f'<ul class="findings">{items}</ul>' if items else "")
            + f'<aside class="notes">{notes_html(slide.notes)}</aside></section>')


def _marker(placed: Placed, elements: list[Element], size: Rect) -> str:
    """A finding's frame over the box it concerns (round the slide, for the slide)."""
    whole = placed.element is None
    rect = size if whole else elements[placed.element].rect
    finding = placed.finding
    return (f'<div class="mark {finding.severity}{" whole" if whole else ""}" '
            f'style="{place(rect)}"{source_attributes(finding.pos)} '
            f'title="{escape(_text(finding))}">'
            f'<span class="badge">{escape(finding.rule)}</span></div>')


def _text(finding: Any) -> str:
    return f"{finding.pos}: {finding.severity}: {finding.pos.describe(finding.message)}" \
           f" [{finding.rule}] ({finding.hint})"


def _finding(finding: Any) -> dict[str, Any]:
    return {**_problem(finding.pos, finding.pos.describe(finding.message)),
            "severity": finding.severity, "rule": finding.rule, "hint": finding.hint}


def _problem(pos: SourcePos | None, message: str) -> dict[str, Any]:
    if pos is None:
        return {"where": "", "message": message}
    return {"where": str(pos), "file": os.path.abspath(pos.file), "line": pos.line,
            "col": pos.col, "message": message}


def _images(compiled: Any, artwork: Artwork) -> tuple[dict[str, Image], Urls]:
    """The pictures, picture charts and layout artwork of the deck by digest, and each
    one's address."""
    from ..charts.batch import picture_charts, render_charts
    from ..charts.cache import ChartCache

    presentation = compiled.presentation
    images: dict[str, Image] = {}
    urls: Urls = {}

    def add(key: Hashable, data: bytes, content_type: str) -> None:
        digest = hashlib.sha256(data).hexdigest()[:24]
        images[digest] = (data, content_type)
        urls[key] = f"/img/{digest}"

    for slide in presentation.slides:
        for element in slide.elements:
            if isinstance(element, Picture):
                add(id(element), element.image, _content_type(element.image))
    if picture_charts(presentation):  # already drawn by the build: read from the cache
        charts = render_charts(presentation, compiled.theme,
                               ChartCache.for_project(compiled.policy.root))
        for _, box in picture_charts(presentation):
            picture = charts(box)
            if picture.svg:
                add(id(box), picture.svg, "image/svg+xml")
            else:
                add(id(box), picture.png, "image/png")
    for number, png in artwork.pictures(presentation).items():
        add(("layout", number), png, "image/png")
    return images, urls


def _content_type(data: bytes) -> str:
    from PIL import Image as PilImage

    with PilImage.open(io.BytesIO(data)) as image:
        return PilImage.MIME.get(image.format or "", "application/octet-stream")
