"""A template package unpacked with bounded work, before python-pptx parses any of it.

python-pptx reads each zip member whole (``ZipFile.read`` inflates up to 2 GB at once,
whatever the directory declares) and parses every XML part with its own parser, which keeps
entity references it cannot resolve and writes them back without their declaration. So a
template is unpacked here first, and python-pptx is handed only members that passed:

* each member is inflated in 1 MB steps, and unpacking stops once the real bytes pass
  ``MAX_UNPACKED_BYTES`` (a directory that under-declares sizes gains nothing);
* at most ``MAX_MEMBERS`` members, ``MAX_ELEMENTS`` XML elements (counted from the bytes
  before parsing, so 400 MB of elements is refused at C speed), ``MAX_RELATIONSHIPS``
  relationships and ``MAX_LAYOUTS`` layout entries in the whole package;
* every XML part parses with a hardened parser: no DTD (so no entities), no network, and
  libxml2's depth limit (256) and text-node limit kept (no ``huge_tree``);
* a master may list each layout once.
"""

from __future__ import annotations

import zipfile
from typing import Iterator

from lxml import etree

MAX_UNPACKED_BYTES = 500 * 1024 * 1024
MAX_MEMBERS = 5_000
MAX_ELEMENTS = 2_000_000
MAX_RELATIONSHIPS = 20_000
MAX_LAYOUTS = 1_000
CHUNK = 1024 * 1024
TYPES_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
P_NS = "http://schemas.openxmlformats.org/presentationml/2006/main"
R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                         huge_tree=False)
RESAVE = "open it in PowerPoint or LibreOffice and save it again"


class PackageError(Exception):
    """A package that is unsafe or too large to open; the message says which part."""


def unpack(archive: zipfile.ZipFile) -> Iterator[tuple[zipfile.ZipInfo, bytes]]:
    """Every member with its real bytes, each XML part checked (see the module docstring)."""
    members = archive.infolist()
    if len(members) > MAX_MEMBERS:
        raise PackageError(f"the package has {len(members):,} parts, over the "
                           f"{MAX_MEMBERS:,}-part limit")
    budget = _Budget()
    types = next((info for info in members if info.filename == "[Content_Types].xml"), None)
    types_blob = budget.read(archive, types, xml=True) if types is not None else b""
    xml_names = _xml_names(budget.check_xml(types.filename, types_blob), archive) \
        if types is not None else set()
    for info in members:
        if info is types:
            yield info, types_blob
            continue
        xml = _part_name(info.filename) in xml_names or info.filename.endswith((".xml", ".rels"))
        blob = budget.read(archive, info, xml)
        if xml:
            budget.check_xml(info.filename, blob)
        yield info, blob


def parse(name: str, blob: bytes) -> etree._Element:
    """One XML part parsed with the hardened parser; a DTD is refused."""
    try:
        root = etree.fromstring(blob, PARSER)
    except etree.XMLSyntaxError as exc:
        raise PackageError(f"part '{name}' is not well-formed XML ({exc.msg}); "
                           f"{RESAVE}") from None
    if root.getroottree().docinfo.internalDTD is not None or \
            root.getroottree().docinfo.doctype:
        raise PackageError(f"part '{name}' declares a DTD (<!DOCTYPE>), which templates do "
                           f"not use; {RESAVE}")
    return root


def _part_name(filename: str) -> str:
    return "/" + filename.lstrip("/").lower()


def _xml_names(types: etree._Element, archive: zipfile.ZipFile) -> set[str]:
    """Part names whose content type is XML (so python-pptx parses them), by override or
    by extension."""
    xml_ext = {d.get("Extension", "").lower() for d in types.iter(f"{{{TYPES_NS}}}Default")
               if d.get("ContentType", "").endswith("xml")}
    names = {o.get("PartName", "").lower() for o in types.iter(f"{{{TYPES_NS}}}Override")
             if o.get("ContentType", "").endswith("xml")}
    return names | {_part_name(n) for n in archive.namelist()
                    if n.rsplit(".", 1)[-1].lower() in xml_ext}


class _Budget:
    """What the package has used so far of each limit."""

    def __init__(self) -> None:
        self.bytes = 0
        self.elements = 0
        self.relationships = 0
        self.layouts = 0

    def read(self, archive: zipfile.ZipFile, info: zipfile.ZipInfo, xml: bool) -> bytes:
        """The member's bytes, inflated a step at a time, stopping past the limits (an XML
        part's elements are counted as it inflates, from its '<' characters)."""
        parts: list[bytes] = []
        try:
            with archive.open(info) as member:
                while chunk := member.read(CHUNK):
                    self.bytes += len(chunk)
                    if self.bytes > MAX_UNPACKED_BYTES:
                        raise PackageError(f"the package unpacks to over "
                                           f"{MAX_UNPACKED_BYTES:,} bytes")
                    if xml:
                        self._count_elements(info.filename, chunk)
                    parts.append(chunk)
        except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError,
                NotImplementedError) as exc:
            raise PackageError(f"part '{info.filename}' cannot be unpacked ({exc}); "
                               f"{RESAVE}") from None
        return b"".join(parts)

    def _count_elements(self, name: str, chunk: bytes) -> None:
        self.elements += chunk.count(b"<") - chunk.count(b"</")  # at least the elements
        if self.elements > MAX_ELEMENTS:
            raise PackageError(f"the package has over {MAX_ELEMENTS:,} XML elements (part "
                               f"'{name}'); a template needs far fewer: remove the extra "
                               "content and save it again")

    def check_xml(self, name: str, blob: bytes) -> etree._Element:
        """Parse an XML part hardened; count its relationships and layout entries."""
        root = parse(name, blob)
        self.relationships += int(root.xpath("count(/r:Relationships/r:Relationship)",
                                             namespaces={"r": RELS_NS}))
        if self.relationships > MAX_RELATIONSHIPS:
            raise PackageError(f"the package has over {MAX_RELATIONSHIPS:,} relationships "
                               f"(part '{name}'); {RESAVE}")
        ids = root.xpath("/p:sldMaster/p:sldLayoutIdLst/p:sldLayoutId", namespaces={"p": P_NS})
        self.layouts += len(ids)
        if self.layouts > MAX_LAYOUTS:
            raise PackageError(f"the package has over {MAX_LAYOUTS:,} slide layouts "
                               f"(part '{name}'); remove the ones the deck does not use")
        seen: set[str | None] = set()
        for entry in ids:
            if entry.get(R_ID) in seen:
                raise PackageError(f"master '{name}' lists layout {entry.get(R_ID)} twice; "
                                   f"{RESAVE}")
            seen.add(entry.get(R_ID))
        return root
