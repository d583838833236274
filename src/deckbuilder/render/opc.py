"""The few Open Packaging Conventions pieces the package writer needs: content types,
relationship types, part names and relationship files.

A package is a zip of parts; each part has a content type (``[Content_Types].xml``) and may
relate to others through its relationships file (``dir/_rels/name.rels``), whose targets
are relative to the part's folder. These helpers keep that bookkeeping in one place.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from typing import Iterable

from lxml import etree

OFFICE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
PACKAGE_RELS = "http://schemas.openxmlformats.org/package/2006/relationships/"
TYPES_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
PML = "application/vnd.openxmlformats-officedocument.presentationml."


class RT:
    """Relationship types."""

    OFFICE_DOCUMENT = OFFICE + "officeDocument"
    SLIDE = OFFICE + "slide"
    SLIDE_LAYOUT = OFFICE + "slideLayout"
    NOTES_SLIDE = OFFICE + "notesSlide"
    NOTES_MASTER = OFFICE + "notesMaster"
    THEME = OFFICE + "theme"
    IMAGE = OFFICE + "image"
    HYPERLINK = OFFICE + "hyperlink"
    CHART = OFFICE + "chart"
    PACKAGE = OFFICE + "package"
    PRES_PROPS = OFFICE + "presProps"
    CUSTOM_XML = OFFICE + "customXml"
    CUSTOM_XML_PROPS = OFFICE + "customXmlProps"
    EXTENDED_PROPERTIES = OFFICE + "extended-properties"
    CORE_PROPERTIES = PACKAGE_RELS + "metadata/core-properties"
    THUMBNAIL = PACKAGE_RELS + "metadata/thumbnail"


class CT:
    """Content types."""

    PRESENTATION = PML + "presentation.main+xml"
    TEMPLATE = PML + "template.main+xml"
    SLIDESHOW = PML + "slideshow.main+xml"
    SLIDE = PML + "slide+xml"
    NOTES_SLIDE = PML + "notesSlide+xml"
    NOTES_MASTER = PML + "notesMaster+xml"
    THEME = "application/vnd.openxmlformats-officedocument.theme+xml"
    CHART = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"
    XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    CORE = "application/vnd.openxmlformats-package.core-properties+xml"
    EXTENDED = "application/vnd.openxmlformats-officedocument.extended-properties+xml"
    CUSTOM_XML_PROPS = "application/vnd.openxmlformats-officedocument.customXmlProperties+xml"
    RELATIONSHIPS = "application/vnd.openxmlformats-package.relationships+xml"
    XML = "application/xml"
    SVG = "image/svg+xml"


# The content type each extension stands for when a part has no override of its own.
DEFAULT_TYPES = {
    "rels": CT.RELATIONSHIPS, "xml": CT.XML, "png": "image/png", "jpeg": "image/jpeg",
    "jpg": "image/jpeg", "gif": "image/gif", "bmp": "image/bmp", "tiff": "image/tiff",
    "tif": "image/tiff", "emf": "image/x-emf", "wmf": "image/x-wmf", "xlsx": CT.XLSX,
    "bin": PML + "printerSettings",
}


@dataclass(frozen=True)
class Relationship:
    """One entry of a relationships file: ``target`` is a part name (``/ppt/...``), or an
    address when ``external``."""

    rid: str
    reltype: str
    target: str
    external: bool = False


def rels_name(part: str) -> str:
    """The relationships file of the part named ``part`` (``/ppt/slides/slide1.xml`` ->
    ``/ppt/slides/_rels/slide1.xml.rels``; the package's own is ``/_rels/.rels``)."""
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", name + ".rels")


def resolve(source: str, target: str) -> str:
    """The part name a relative ``target`` in ``source``'s relationships names."""
    if target.startswith("/"):
        return posixpath.normpath(target)
    return posixpath.normpath(posixpath.join(posixpath.dirname(source), target))


def relative(source: str, target: str) -> str:
    """``target``'s name relative to ``source``'s folder, as relationships files write it."""
    return posixpath.relpath(target, posixpath.dirname(source) or "/")


def rels_xml(source: str, relationships: Iterable[Relationship]) -> bytes:
    """The relationships file of ``source`` (a part name, ``/`` for the package)."""
    root = etree.Element(f"{{{RELS_NS}}}Relationships", nsmap={None: RELS_NS})
    for rel in relationships:
        entry = etree.SubElement(root, f"{{{RELS_NS}}}Relationship", Id=rel.rid,
                                 Type=rel.reltype,
                                 Target=rel.target if rel.external else
                                 relative(source, rel.target))
        if rel.external:
            entry.set("TargetMode", "External")
    return xml_bytes(root)


def rels_of(part: str, parts: dict[str, bytes], parser: etree.XMLParser) -> list[Relationship]:
    """``part``'s relationships, from its relationships file among ``parts`` (none if it
    has none)."""
    blob = parts.get(rels_name(part))
    return parse_rels(part, blob, parser) if blob is not None else []


def parse_rels(source: str, blob: bytes, parser: etree.XMLParser) -> list[Relationship]:
    """The relationships in ``source``'s relationships file ``blob``, in file order."""
    found = []
    for entry in etree.fromstring(blob, parser).iterfind(f"{{{RELS_NS}}}Relationship"):
        external = entry.get("TargetMode") == "External"
        target = entry.get("Target", "")
        found.append(Relationship(entry.get("Id", ""), entry.get("Type", ""),
                                  target if external else resolve(source, target), external))
    return found


class RelationshipIds:
    """Hands out ``rIdN`` ids not yet taken in one relationships file, lowest first."""

    def __init__(self, taken: Iterable[str]) -> None:
        self._taken = set(taken)
        self._next = 1

    def __call__(self) -> str:
        while f"rId{self._next}" in self._taken:
            self._next += 1
        rid = f"rId{self._next}"
        self._taken.add(rid)
        return rid


def content_types_xml(parts: dict[str, str]) -> bytes:
    """``[Content_Types].xml`` for ``parts`` (part name -> content type): an extension's
    standard type as a default, every other part as an override."""
    root = etree.Element(f"{{{TYPES_NS}}}Types", nsmap={None: TYPES_NS})
    defaults = {"rels": CT.RELATIONSHIPS, "xml": CT.XML}
    overrides = {}
    for name, content_type in parts.items():
        extension = name.rpartition(".")[2].lower()
        if DEFAULT_TYPES.get(extension) == content_type and \
                defaults.setdefault(extension, content_type) == content_type:
            continue
        overrides[name] = content_type
    for extension in sorted(defaults):
        etree.SubElement(root, f"{{{TYPES_NS}}}Default", Extension=extension,
                         ContentType=defaults[extension])
    for name in sorted(overrides):
        etree.SubElement(root, f"{{{TYPES_NS}}}Override", PartName=name,
                         ContentType=overrides[name])
    return xml_bytes(root)


def xml_bytes(root: etree._Element) -> bytes:
    """A part's XML as PowerPoint writes it: declared UTF-8 and standalone."""
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


class PartNames:
    """Hands out free part names: ``/ppt/slides/slide%d.xml`` -> the lowest free number;
    with an ``extension``, the number is free for every extension (``image3.png`` takes
    ``image3.svg`` too, as PowerPoint numbers media)."""

    def __init__(self, taken: Iterable[str]) -> None:
        self._names = {name.lower() for name in taken}
        self._stems = {name.rpartition(".")[0] for name in self._names}
        self._cursor: dict[str, int] = {}

    def __call__(self, template: str, extension: str = "") -> str:
        number = self._cursor.get(template, 1)
        while self._taken(template % number, extension):
            number += 1
        self._cursor[template] = number + 1
        stem = template % number
        name = f"{stem}.{extension}" if extension else stem
        self._names.add(name.lower())
        self._stems.add(stem.lower() if extension else name.lower().rpartition(".")[0])
        return name

    def _taken(self, stem: str, extension: str) -> bool:
        if extension:
            return stem.lower() in self._stems
        return stem.lower() in self._names
