"""The deck's package: the template's parts with the rendered slides, their notes pages,
pictures and charts, the deck's properties and its custom XML, as zip entries.

Part names are handed out as the slides are added, in slide order (pictures on first use,
shared by every slide that shows the same bytes), so the same rendered slides always give
the same package, whether a slide was rendered in this build or kept from an earlier one
(``reuse.py``). The presentation part lists the slides (ids from 256, as PowerPoint
numbers them), the notes master and the slide size; a template without a notes master gets
python-pptx's default one (and its theme) when a slide has notes.
"""

from __future__ import annotations

import hashlib
from typing import Any, Sequence

from lxml import etree

from ..ir import Presentation
from ..theme.grid import size_type
from ..theme.unpack import PARSER
from .app_properties import app_xml
from .core_properties import core_xml
from .notes import NOTES_MASTER_RID, NOTES_SLIDE_RID
from .opc import (CT, DEFAULT_TYPES, RT, Relationship, RelationshipIds, PartNames,
                  content_types_xml, rels_name, rels_xml, xml_bytes)
from .page import Related, RenderedPage, RenderedSlide
from .template_package import TemplatePackage, default_notes_master
from .xml import R_ID, P, insert_before, name_guid

FIRST_SLIDE_ID = 256
DS_NS = "http://schemas.openxmlformats.org/officeDocument/2006/customXml"
# p:presentation's children that come after each list the writer may add (schema order)
AFTER_NOTES_MASTERS = frozenset(P + tag for tag in (
    "handoutMasterIdLst", "sldIdLst", "sldSz", "notesSz", "smartTags", "embeddedFontLst",
    "custShowLst", "photoAlbum", "custDataLst", "kinsoku", "defaultTextStyle",
    "modifyVerifier", "extLst"))
AFTER_SLIDES = AFTER_NOTES_MASTERS - {P + "handoutMasterIdLst", P + "sldIdLst"}
AFTER_SIZE = AFTER_SLIDES - {P + "sldSz"}
IMAGE_SIGNATURES = ((b"\x89PNG", "png"), (b"\xff\xd8", "jpg"), (b"GIF8", "gif"),
                    (b"BM", "bmp"), (b"II*\x00", "tiff"), (b"MM\x00*", "tiff"))


def write_package(template: TemplatePackage, slides: Sequence[RenderedSlide],
                  presentation: Presentation,
                  custom_xml: Sequence[tuple[Any, str]] = ()) -> dict[str, bytes]:
    """Zip entry name -> bytes of the deck: ``template`` with ``slides`` (in order),
    ``presentation``'s properties and size, and ``custom_xml`` ((element, schema URI)
    pairs) as custom XML parts."""
    return _Package(template).write(slides, presentation, custom_xml)


class _Package:
    def __init__(self, template: TemplatePackage) -> None:
        self.template = template
        self.parts = dict(template.parts)
        self.types = dict(template.content_types)
        self.rels = {source: list(found) for source, found in template.relationships.items()}
        self.names = PartNames(self.parts)
        self.main = template.main
        self.main_ids = RelationshipIds(rel.rid for rel in self.rels[self.main])
        self.root = etree.fromstring(self.parts[self.main], PARSER)
        self._media: dict[bytes, str] | None = None   # picture digest -> part name

    def write(self, slides: Sequence[RenderedSlide], presentation: Presentation,
              custom_xml: Sequence[tuple[Any, str]]) -> dict[str, bytes]:
        notes_master = self.template.notes_master
        if notes_master is None and any(slide.notes for slide in slides):
            notes_master = self._add_default_notes_master()
        slide_ids = self._list(P + "sldIdLst", AFTER_SLIDES)
        for number, slide in enumerate(slides):
            name = self._add_slide(slide, notes_master)
            etree.SubElement(slide_ids, P + "sldId", id=str(FIRST_SLIDE_ID + number)).set(
                R_ID, self._relate(RT.SLIDE, name))
        if not len(slide_ids):
            self.root.remove(slide_ids)
        self._set_size(presentation.width, presentation.height)
        self._properties(RT.CORE_PROPERTIES, "/docProps/core.xml", CT.CORE,
                         core_xml(presentation))
        self._properties(RT.EXTENDED_PROPERTIES, "/docProps/app.xml", CT.EXTENDED,
                         app_xml(presentation, self.template.theme_name))
        for element, schema_uri in custom_xml:
            self._add_custom_xml(element, schema_uri)
        self.parts[self.main] = xml_bytes(self.root)
        return self._entries()

    # ----- slides -----

    def _add_slide(self, slide: RenderedSlide, notes_master: str | None) -> str:
        name = self.names("/ppt/slides/slide%d.xml")
        layout = self.template.layouts[slide.layout].name
        rels = [Relationship("rId1", RT.SLIDE_LAYOUT, layout)]
        self._add_page(name, CT.SLIDE, slide.page, rels)
        if slide.notes is not None:
            assert notes_master is not None, "a notes master is added for slides with notes"
            notes = self.names("/ppt/notesSlides/notesSlide%d.xml")
            self._add_page(notes, CT.NOTES_SLIDE, slide.notes, [
                Relationship(NOTES_MASTER_RID, RT.NOTES_MASTER, notes_master),
                Relationship(NOTES_SLIDE_RID, RT.SLIDE, name)])
            self.rels[name].append(Relationship(slide.notes_rid, RT.NOTES_SLIDE, notes))
        return name

    def _add_page(self, name: str, content_type: str, page: RenderedPage,
                  rels: list[Relationship]) -> None:
        self.parts[name], self.types[name] = page.xml, content_type
        self.rels[name] = rels + [self._target(related) for related in page.related]

    def _target(self, related: Related) -> Relationship:
        """The relationship that makes ``related`` in this package (its parts named)."""
        if related.address is not None:
            return Relationship(related.rid, RT.HYPERLINK, related.address, external=True)
        if related.chart is not None:
            chart = self.names("/ppt/charts/chart%d.xml")
            workbook = self.names("/ppt/embeddings/Microsoft_Excel_Sheet%d.xlsx")
            self.parts[chart], self.types[chart] = related.chart.chart, CT.CHART
            self.parts[workbook], self.types[workbook] = related.chart.workbook, CT.XLSX
            self.rels[chart] = [Relationship(related.chart.rid, RT.PACKAGE, workbook)]
            return Relationship(related.rid, RT.CHART, chart)
        if related.svg is not None:
            return Relationship(related.rid, RT.IMAGE, self._media_part(related.svg, "svg"))
        assert related.image is not None, "a relationship points at something"
        return Relationship(related.rid, RT.IMAGE,
                            self._media_part(related.image, image_extension(related.image)))

    def _media_part(self, data: bytes, extension: str) -> str:
        """The part holding picture ``data``: one per distinct picture in the package, the
        template's own included."""
        if self._media is None:
            self._media = {hashlib.sha256(self.parts[name]).digest(): name
                           for name, kind in self.types.items() if kind.startswith("image/")}
        digest = hashlib.sha256(data).digest()
        if digest not in self._media:
            name = self.names("/ppt/media/image%d", extension)
            self.parts[name] = data
            self.types[name] = CT.SVG if extension == "svg" else DEFAULT_TYPES[extension]
            self._media[digest] = name
        return self._media[digest]

    # ----- the presentation part -----

    def _add_default_notes_master(self) -> str:
        """python-pptx's default notes master and its theme, as python-pptx adds them."""
        master = self.names("/ppt/notesMasters/notesMaster%d.xml")
        theme = self.names("/ppt/theme/theme%d.xml")
        self.parts[master], self.parts[theme] = default_notes_master()
        self.types[master], self.types[theme] = CT.NOTES_MASTER, CT.THEME
        self.rels[master] = [Relationship("rId1", RT.THEME, theme)]
        rid = self._relate(RT.NOTES_MASTER, master)
        masters = self._list(P + "notesMasterIdLst", AFTER_NOTES_MASTERS)
        etree.SubElement(masters, P + "notesMasterId").set(R_ID, rid)
        return master

    def _list(self, tag: str, successors: frozenset[str]) -> Any:
        """The presentation's child ``tag``, made in its place if it has none."""
        found = self.root.find(tag)
        if found is None:
            found = insert_before(self.root, self.root.makeelement(tag), successors)
        return found

    def _set_size(self, width: int, height: int) -> None:
        """The slide size, typed as PowerPoint types it (its widescreen 16:9 has no type)."""
        size = self.root.find(P + "sldSz")
        if size is None:
            size = insert_before(self.root, self.root.makeelement(P + "sldSz"), AFTER_SIZE)
        size.set("cx", str(width))
        size.set("cy", str(height))
        size.attrib.pop("type", None)
        if (kind := size_type(width, height)) is not None:
            size.set("type", kind)

    def _relate(self, reltype: str, target: str) -> str:
        """A new relationship of the presentation part to ``target``; returns its id."""
        rid = self.main_ids()
        self.rels[self.main].append(Relationship(rid, reltype, target))
        return rid

    # ----- package parts -----

    def _properties(self, reltype: str, default_name: str, content_type: str,
                    blob: bytes) -> None:
        """The package's properties part of ``reltype`` (the template's, else a new one;
        the template's found by its content type too, as some producers misspell the
        relationship's type)."""
        package = self.rels["/"]
        name = next((rel.target for rel in package if not rel.external and (
            rel.reltype == reltype or self.types.get(rel.target) == content_type)), None)
        if name is None:
            name = default_name if default_name not in self.parts else \
                self.names(default_name.replace(".xml", "%d.xml"))
            ids = RelationshipIds(rel.rid for rel in package)
            package.append(Relationship(ids(), reltype, name))
        self.parts[name], self.types[name] = blob, content_type

    def _add_custom_xml(self, root: Any, schema_uri: str) -> None:
        """``root`` as a custom XML data part (``/customXml/itemN.xml``) with its properties
        part, whose item id comes from ``schema_uri`` (so the bytes stay the same).

        Custom XML parts are the OOXML place for a producer's own data; PowerPoint keeps
        them when it saves the file."""
        item = self.names("/customXml/item%d.xml")
        props = self.names("/customXml/itemProps%d.xml")
        props_root = etree.Element(f"{{{DS_NS}}}datastoreItem", nsmap={"ds": DS_NS})
        props_root.set(f"{{{DS_NS}}}itemID", name_guid(schema_uri))
        refs = etree.SubElement(props_root, f"{{{DS_NS}}}schemaRefs")
        etree.SubElement(refs, f"{{{DS_NS}}}schemaRef").set(f"{{{DS_NS}}}uri", schema_uri)
        self.parts[item], self.types[item] = xml_bytes(root), CT.XML
        self.parts[props] = etree.tostring(props_root, xml_declaration=True,
                                           encoding="UTF-8", standalone=False)
        self.types[props] = CT.CUSTOM_XML_PROPS
        self.rels[item] = [Relationship("rId1", RT.CUSTOM_XML_PROPS, props)]
        self._relate(RT.CUSTOM_XML, item)

    def _entries(self) -> dict[str, bytes]:
        entries = {"[Content_Types].xml": content_types_xml(self.types)}
        for source, rels in self.rels.items():
            if rels:
                entries[rels_name(source)[1:]] = rels_xml(source, rels)
        for name, blob in self.parts.items():
            entries[name[1:]] = blob
        return entries


def image_extension(data: bytes) -> str:
    """A picture's file extension, from its first bytes (the formats assets accept)."""
    return next((extension for signature, extension in IMAGE_SIGNATURES
                 if data.startswith(signature)), "png")
