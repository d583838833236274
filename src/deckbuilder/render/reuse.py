"""Rendered slides kept between the builds of one process (``watch``), replayed unchanged.

Rendering a slide through python-pptx is most of a rebuild's render time, and an edit
changes one slide. A :class:`RenderedSlides` remembers, per slide, what its rendering
produced: the slide's XML, its notes page's XML, and its relationships in the order they
were made (pictures by their bytes, hyperlinks by address). A later build whose slide is the
same value on the same template and with the same chart pictures gets a new slide on the
same layout, the same relationships made again in the same order, and the XML's bytes.
Part names are handed out in the same order as a full render hands them out (pictures on
first use, notes pages in slide order), so the package is byte for byte the one a fresh
process writes (``tests/test_watch_incremental.py`` compares them).

Slides holding a native chart (chart and workbook parts of their own) are always rendered.
The memory holds only the slides the last build used.
"""

from __future__ import annotations

import functools
import hashlib
import io
import pickle
from dataclasses import dataclass
from typing import Any, Callable

from pptx.opc.constants import RELATIONSHIP_TYPE as RT

from ..ir import ChartBox, Slide

SVG_CONTENT_TYPE = "image/svg+xml"


@dataclass(frozen=True)
class _Relationship:
    rid: str
    reltype: str
    address: str | None = None       # an external hyperlink
    image: bytes | None = None       # a picture's bytes
    svg: bool = False                # the picture is an SVG part (charts' vector image)


@dataclass(frozen=True)
class _Rendered:
    slide: bytes                                # the slide's XML, serialized
    relationships: tuple[_Relationship, ...]    # the slide's, in the order made
    notes: bytes | None = None                  # the notes page's XML, if any
    notes_links: tuple[_Relationship, ...] = ()


class RenderedSlides:
    """Slides rendered by earlier builds of this process, by what they depend on."""

    def __init__(self) -> None:
        self._kept: dict[bytes, _Rendered] = {}
        self._used: dict[bytes, _Rendered] = {}
        self.replayed = 0   # slides this build took from memory (for tests and the bench)

    def start(self) -> None:
        """A new build: what the last one used stays available, nothing older."""
        self._kept, self._used, self.replayed = self._used or self._kept, {}, 0

    def key(self, source: Slide, template: bytes, language: str,
            charts: Callable[[ChartBox], Any]) -> bytes | None:
        """What the slide's rendering depends on (``template``: the template's digest), or
        None for a slide that is always rendered (one with a native chart)."""
        pictures = []
        for element in source.elements:
            if isinstance(element, ChartBox):
                if element.spec.render == "native":
                    return None
                picture = charts(element)
                pictures.append((picture.png, picture.svg))
        return hashlib.sha256(_value_bytes((source, language, pictures)) + template).digest()

    def replay(self, key: bytes | None, slide: Any, svg_part: Callable[[bytes], Any]) -> bool:
        """Make ``slide`` (new, on its layout) what the remembered rendering made; False
        if there is none."""
        rendered = self._kept.get(key) if key is not None else None
        if rendered is None:
            return False
        part = slide.part
        for relationship in rendered.relationships:
            if relationship.reltype == RT.NOTES_SLIDE:
                notes = slide.notes_slide.part
                _relate(notes, rendered.notes_links, svg_part)
                _keep_blob(notes, rendered.notes)
                made = part.relate_to(notes, RT.NOTES_SLIDE)
            else:
                made = _relate_one(part, relationship, svg_part)
            assert made == relationship.rid, "relationships are made again in their order"
        _keep_blob(part, rendered.slide)
        self._used[key] = rendered
        self.replayed += 1
        return True

    def remember(self, key: bytes | None, slide: Any) -> None:
        """Keep what rendering made of ``slide``."""
        if key is None:
            return
        part = slide.part
        notes = part.part_related_by(RT.NOTES_SLIDE) if _has(part, RT.NOTES_SLIDE) else None
        relationships = _relationships(part, skip=RT.SLIDE_LAYOUT)
        notes_links = _relationships(notes, skip=None) if notes is not None else ()
        if relationships is None or notes_links is None:
            return  # something only a rendering makes (a link to another slide …)
        self._used[key] = _Rendered(part.blob, relationships,
                                    notes.blob if notes is not None else None, notes_links)


class _KeptBlob:
    """A part whose XML was serialized by an earlier build: saved as those bytes (python-pptx
    serializes an XML part's element when the package is written)."""

    _kept: bytes

    @property
    def blob(self) -> bytes:
        return self._kept


@functools.lru_cache(maxsize=None)
def _kept_class(part_class: type) -> type:
    return type(f"Kept{part_class.__name__}", (_KeptBlob, part_class), {})


def _keep_blob(part: Any, blob: bytes | None) -> None:
    """Make ``part`` (new, made like the one that was rendered) save as ``blob``."""
    assert blob is not None, "a remembered notes page has its XML"
    part.__class__ = _kept_class(type(part))
    part._kept = blob


def _value_bytes(value: Any) -> bytes:
    """``value`` pickled without the memo, so equal values give equal bytes however their
    parts are shared (layout hands out the same font object to many runs, or equal ones)."""
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=5)
    pickler.fast = True  # the IR has no cycles
    pickler.dump(value)
    return buffer.getvalue()


def _has(part: Any, reltype: str) -> bool:
    return any(rel.reltype == reltype for rel in part.rels.values())


def _relationships(part: Any, skip: str | None) -> tuple[_Relationship, ...] | None:
    """A part's relationships in the order they were made (rId numbers count up), the
    template's own (layout; a notes page's master and slide) left out; None if one of
    them cannot be made again from what is kept."""
    kept = []
    for rid, rel in sorted(part.rels.items(), key=lambda item: int(item[0][3:])):
        if rel.reltype in (skip, RT.NOTES_MASTER, RT.SLIDE):
            continue
        if rel.is_external:
            kept.append(_Relationship(rid, rel.reltype, address=rel.target_ref))
        elif rel.reltype == RT.IMAGE:
            target = rel.target_part
            kept.append(_Relationship(rid, rel.reltype, image=target.blob,
                                      svg=target.content_type == SVG_CONTENT_TYPE))
        elif rel.reltype == RT.NOTES_SLIDE:
            kept.append(_Relationship(rid, rel.reltype))
        else:
            return None
    return tuple(kept)


def _relate(part: Any, relationships: tuple[_Relationship, ...],
            svg_part: Callable[[bytes], Any]) -> None:
    for relationship in relationships:
        made = _relate_one(part, relationship, svg_part)
        assert made == relationship.rid, "relationships are made again in their order"


def _relate_one(part: Any, relationship: _Relationship,
                svg_part: Callable[[bytes], Any]) -> str:
    if relationship.address is not None:
        return part.relate_to(relationship.address, relationship.reltype, is_external=True)
    assert relationship.image is not None
    target = svg_part(relationship.image) if relationship.svg else \
        part.package.get_or_add_image_part(io.BytesIO(relationship.image))
    return part.relate_to(target, relationship.reltype)
