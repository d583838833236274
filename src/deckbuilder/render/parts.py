"""Package-level help for python-pptx: linear-time rendering, tidy metadata, one save.

**Why python-pptx needs help at scale.** It names every new part by walking the whole
relationship graph: ``OpcPackage.next_partname`` (notes pages, charts, embedded workbooks,
the notes master's theme) and ``Package.next_image_partname`` call ``iter_parts()`` each
time, and ``_ImageParts`` walks every relationship to find an existing image by SHA-1. A
presentation part's ``_Relationships.get_or_add`` also scans all of its relationships of the
same type (one per slide) on every new slide, and ``CT_SlideIdList._next_id`` reads every
slide id. Each of those is linear in the package, so a deck of *n* slides costs *O(n²)*: a
1,000-slide deck with notes spends most of its build there.

:func:`fast_part_names` removes that without forking or globally patching the library. For
one :class:`pptx.presentation.Presentation` it shadows those few methods *on the instances*
(the package, its image-part collection, the presentation part's relationships, the slide
collection and each new slide part) with versions that scan once and then keep a counter or
an index. While it is at it, it also skips per-slide costs that do not depend on the
slide: cloning a layout's placeholders and a notes page's placeholders (made by the library
once, then copied). The result is byte-for-byte what python-pptx alone writes
(``tests/test_scale.py`` checks it on every slide kind, pictures, native charts and notes),
in linear time. Leaving the ``with`` block removes every shadow, so nothing outside
our render ever sees a changed python-pptx. The only process-wide change, also undone on
exit, memoises ``qn`` (a pure tag-name function python-pptx calls over a million times for
a 1,000-slide deck). The names used are private; python-pptx is pinned below 2.0 in
``pyproject.toml`` and ``tests/test_scale.py`` fails loudly if any of them goes away.

The rest of this module tidies what python-pptx's default template leaves behind (an
``app.xml`` claiming "Microsoft Macintosh PowerPoint", 4:3 and zero slides; a thumbnail of
an empty slide), adds custom XML parts (the inputs manifest), and hands the package's parts
to the deterministic re-pack uncompressed, since it compresses them anyway. XML is only
ever built with lxml, never by string formatting.
"""

from __future__ import annotations

import copy
import functools
import sys
import uuid
from contextlib import contextmanager
from typing import Any, Iterator

from lxml import etree
from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.package import Part
from pptx.opc.packuri import PackURI
from pptx.parts.image import Image, ImagePart
from pptx.parts.slide import NotesSlidePart, SlidePart
from pptx.presentation import Presentation as PptxPresentation

MIN_SLIDE_ID, MAX_SLIDE_ID = 256, 2147483647
NOTES_TEMPLATE = "/ppt/notesSlides/notesSlide%d.xml"
_MISSING = object()


class _PartNames:
    """Allocates part names for one package after one scan per name template."""

    def __init__(self, package: Any) -> None:
        self._package = package
        self._used: dict[str, set[str]] = {}     # name prefix -> names taken
        self._image_idx: set[int] | None = None
        self._image_cursor = 1
        self.scans = 0

    def next_partname(self, tmpl: str) -> PackURI:
        """Exactly ``OpcPackage.next_partname``: of the names starting as ``tmpl``'s do
        (another template's may too: ``customXml/item%d`` and ``customXml/itemProps%d``),
        ``tmpl % n`` for the largest free ``n`` up to their count + 1."""
        prefix = tmpl[: (tmpl % 42).find("42")]
        used = self._used.get(prefix)
        if used is None:
            self.scans += 1
            used = self._used[prefix] = {str(p.partname) for p in self._package.iter_parts()
                                         if p.partname.startswith(prefix)}
        n = next(n for n in range(len(used) + 1, 0, -1) if tmpl % n not in used)
        name = tmpl % n
        for other, names in self._used.items():
            if name.startswith(other):
                names.add(name)
        return PackURI(name)

    def next_image_partname(self, ext: str) -> PackURI:
        """Like ``Package.next_image_partname``: the first free ``/ppt/media/imageN``."""
        if self._image_idx is None:
            self.scans += 1
            self._image_idx = {p.partname.idx for p in self._package.iter_parts()
                               if p.partname.startswith("/ppt/media/image")
                               and p.partname.idx is not None}
        while self._image_cursor in self._image_idx:
            self._image_cursor += 1
        idx = self._image_cursor
        self._image_idx.add(idx)
        return PackURI("/ppt/media/image%d.%s" % (idx, ext))


class _ImagesBySha1:
    """Stands in for python-pptx's ``_ImageParts``: finds an image part by SHA-1 in a dict."""

    def __init__(self, package: Any, original: Any) -> None:
        self._package = package
        self._original = original          # the library's collection, for the first scan
        self._by_sha1: dict[str, ImagePart] | None = None

    def __iter__(self) -> Iterator[ImagePart]:
        return iter(self._original)

    def get_or_add_image_part(self, image_file: Any) -> ImagePart:
        image = Image.from_file(image_file)
        if self._by_sha1 is None:
            self._by_sha1 = {}
            for part in self._original:
                if hasattr(part, "sha1"):  # unsupported types (SVG) have none
                    self._by_sha1.setdefault(part.sha1, part)
        part = self._by_sha1.get(image.sha1)
        if part is None:
            part = ImagePart.new(self._package, image)
            self._by_sha1[image.sha1] = part
        return part


class _RelationshipIndex:
    """Finds an existing relationship by (type, target) in a dict instead of a scan."""

    def __init__(self, rels: Any) -> None:
        self._rels = rels
        self._add = rels._add_relationship   # the library's bound methods
        self._pop = rels.pop
        self._index: dict[tuple[str, bool, Any], str] | None = None
        self._count = -1

    def _rebuild(self) -> None:
        self._index = {}
        for rel in self._rels.values():      # first match wins, as in the library
            target = rel.target_ref if rel.is_external else rel.target_part
            self._index.setdefault((rel.reltype, rel.is_external, target), rel.rId)
        self._count = len(self._rels)

    def get_matching(self, reltype: str, target: Any, is_external: bool = False) -> str | None:
        if self._index is None or self._count != len(self._rels):
            self._rebuild()
        assert self._index is not None
        return self._index.get((reltype, is_external, target))

    def add_relationship(self, reltype: str, target: Any, is_external: bool = False) -> str:
        rId = self._add(reltype, target, is_external)
        if self._index is not None and self._count == len(self._rels) - 1:
            self._index.setdefault((reltype, is_external, target), rId)
            self._count += 1
        return rId

    def pop(self, rId: str) -> Any:
        self._index = None
        return self._pop(rId)


class _NotesPages:
    """Creates notes pages as copies of the first one python-pptx made.

    python-pptx builds each notes page by cloning the notes master's placeholders one by one
    (slide image, notes body, slide number), which costs as much as the rest of a simple
    slide. The result depends only on the notes master, so the first page is made by the
    library and kept, untouched, as the prototype for the others; relationships are added in
    the library's order, so the bytes are the same.
    """

    def __init__(self, package: Any) -> None:
        self._package = package
        self._prototype: Any = None

    def add_for(self, slide_part: Any) -> Any:
        """``SlidePart._add_notes_slide_part`` for ``slide_part``."""
        package = self._package
        if self._prototype is None:
            notes_part = NotesSlidePart.new(package, slide_part)
            self._prototype = copy.deepcopy(notes_part._element)
        else:
            master = package.presentation_part.notes_master_part
            notes_part = NotesSlidePart(package.next_partname(NOTES_TEMPLATE),
                                        CT.PML_NOTES_SLIDE, package,
                                        copy.deepcopy(self._prototype))
            notes_part.relate_to(master, RT.NOTES_MASTER)
            notes_part.relate_to(slide_part, RT.SLIDE)
        slide_part.relate_to(notes_part, RT.NOTES_SLIDE)
        return notes_part


class _Slides:
    """``Slides.add_slide`` without the per-slide costs that do not depend on the slide.

    - slide ids come from a counter (max in use + 1, as python-pptx does) instead of
      re-reading every id;
    - a layout's placeholders are cloned once: the first slide on a layout is made by the
      library and kept, untouched, as that layout's prototype; later slides start as a copy
      (python-pptx's result depends only on the layout), related in the library's order;
    - new slides make their notes pages from a prototype too (:class:`_NotesPages`).
    """

    def __init__(self, slides: Any, notes: _NotesPages, undo: list) -> None:
        self._slides = slides
        self._notes = notes
        self._undo = undo
        self._next: int | None = None
        self._prototypes: dict[Any, Any] = {}   # layout part -> pristine slide element

    def add_slide(self, slide_layout: Any) -> Any:
        slides = self._slides
        id_list = slides._sldIdLst
        if self._next is None:
            self._next = max([MIN_SLIDE_ID - 1] + [s.id for s in id_list.sldId_lst]) + 1
        if self._next > MAX_SLIDE_ID:  # the library's own fallback: first unused id
            slide = type(slides).add_slide(slides, slide_layout)
        else:
            presentation_part = slides.part
            prototype = self._prototypes.get(slide_layout.part)
            if prototype is None:
                rId, slide = presentation_part.add_slide(slide_layout)
                slide.shapes.clone_layout_placeholders(slide_layout)
                self._prototypes[slide_layout.part] = copy.deepcopy(slide.part._element)
            else:
                package = presentation_part.package
                slide_part = SlidePart(presentation_part._next_slide_partname, CT.PML_SLIDE,
                                       package, copy.deepcopy(prototype))
                slide_part.relate_to(slide_layout.part, RT.SLIDE_LAYOUT)
                rId = presentation_part.relate_to(slide_part, RT.SLIDE)
                slide = slide_part.slide
            id_list._add_sldId(id=self._next, rId=rId)
            self._next += 1
        part = slide.part
        _shadow(part, "_add_notes_slide_part", functools.partial(self._notes.add_for, part),
                self._undo)
        return slide


def _shadow(obj: Any, name: str, value: Any, undo: list) -> None:
    """Set ``obj.name`` in the instance's own ``__dict__`` and remember how to undo it."""
    undo.append((obj, name, obj.__dict__.get(name, _MISSING)))
    obj.__dict__[name] = value


@contextmanager
def fast_part_names(prs: PptxPresentation) -> Iterator[_PartNames]:
    """Within the block, adding slides, notes and pictures to ``prs`` costs O(1) each.

    Yields the allocator (its ``scans`` counts full-package scans, for tests).
    """
    package = prs.part.package
    names = _PartNames(package)
    rel_index = _RelationshipIndex(prs.part.rels)
    undo: list = []
    slides = _Slides(prs.slides, _NotesPages(package), undo)
    try:
        _shadow(package, "next_partname", names.next_partname, undo)
        _shadow(package, "next_image_partname", names.next_image_partname, undo)
        _shadow(package, "_image_parts", _ImagesBySha1(package, package._image_parts), undo)
        _shadow(prs.part.rels, "_get_matching", rel_index.get_matching, undo)
        _shadow(prs.part.rels, "_add_relationship", rel_index.add_relationship, undo)
        _shadow(prs.part.rels, "pop", rel_index.pop, undo)
        _shadow(prs.slides, "add_slide", slides.add_slide, undo)
        with cached_qualified_names():
            yield names
    finally:
        for obj, name, previous in reversed(undo):
            if previous is _MISSING:
                obj.__dict__.pop(name, None)
            else:
                obj.__dict__[name] = previous


@contextmanager
def cached_qualified_names() -> Iterator[None]:
    """Within the block, python-pptx's ``qn("a:pPr")`` (tag to Clark name) is a dict lookup.

    ``qn`` is a pure function that python-pptx calls for every child element it looks up or
    adds (over a million times for a 1,000-slide deck), rebuilding the same string each
    time. The modules that imported it get a memoising version for the duration of the
    block and the original back afterwards; the result is identical by construction.
    """
    from pptx.oxml import ns

    original = ns.qn
    cache: dict[str, str] = {}

    def qn(tag: str) -> str:
        try:
            return cache[tag]
        except KeyError:
            cache[tag] = value = original(tag)
            return value

    patched = [module for name, module in list(sys.modules.items())
               if (name == "pptx" or name.startswith("pptx."))
               and getattr(module, "qn", None) is original]
    for module in patched:
        module.qn = qn
    try:
        yield
    finally:
        for module in patched:
            if getattr(module, "qn", None) is qn:
                module.qn = original


# ----- metadata ----------------------------------------------------------------------------

DS_NS = "http://schemas.openxmlformats.org/officeDocument/2006/customXml"


def drop_thumbnail(prs: PptxPresentation) -> None:
    """Remove the default template's thumbnail (a picture of an empty 4:3 slide).

    A missing thumbnail is valid (viewers then draw their own preview); a wrong one is not.
    """
    package = prs.part.package
    for rId, rel in list(package._rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            package.drop_rel(rId)


def add_custom_xml(prs: PptxPresentation, root: etree._Element, schema_uri: str) -> None:
    """Store ``root`` as a custom XML data part (``/customXml/itemN.xml``) of the deck.

    Custom XML parts are the OOXML place for a producer's own data; PowerPoint keeps them
    when it saves the file. The item gets its properties part (``itemPropsN.xml``) with an
    item id derived from ``schema_uri``, so the bytes stay deterministic.
    """
    package = prs.part.package
    item = Part(package.next_partname("/customXml/item%d.xml"), CT.XML, package,
                etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))
    props_root = etree.Element(f"{{{DS_NS}}}datastoreItem", nsmap={"ds": DS_NS})
    item_id = "{" + str(uuid.uuid5(uuid.NAMESPACE_URL, schema_uri)).upper() + "}"
    props_root.set(f"{{{DS_NS}}}itemID", item_id)
    refs = etree.SubElement(props_root, f"{{{DS_NS}}}schemaRefs")
    etree.SubElement(refs, f"{{{DS_NS}}}schemaRef").set(f"{{{DS_NS}}}uri", schema_uri)
    props = Part(package.next_partname("/customXml/itemProps%d.xml"),
                 CT.OFC_CUSTOM_XML_PROPERTIES, package,
                 etree.tostring(props_root, xml_declaration=True, encoding="UTF-8",
                                standalone=False))
    item.relate_to(props, RT.CUSTOM_XML_PROPS)
    prs.part.relate_to(item, RT.CUSTOM_XML)


# ----- saving ------------------------------------------------------------------------------

def package_parts(prs: PptxPresentation) -> dict[str, bytes]:
    """Every zip entry python-pptx's ``save`` would write (name -> bytes), in its order.

    python-pptx deflates every part and our deterministic re-pack (``package.repack``)
    would inflate and deflate them all again; taking the parts straight from python-pptx's
    own writer makes that one compression pass instead of three.
    """
    import io

    from pptx.opc.serialized import PackageWriter

    entries: dict[str, bytes] = {}

    class _Collector:  # stands in for python-pptx's zip writer
        def write(self, pack_uri: PackURI, blob: bytes) -> None:
            entries[pack_uri.membername] = blob

    class _Writer(PackageWriter):
        def _write(self) -> None:
            collector = _Collector()
            self._write_content_types_stream(collector)  # type: ignore[arg-type]
            self._write_pkg_rels(collector)  # type: ignore[arg-type]
            self._write_parts(collector)  # type: ignore[arg-type]

    package = prs.part.package
    _Writer.write(io.BytesIO(), package._rels, tuple(package.iter_parts()))
    return entries
