"""Namespaces and the small rules shared by the XML the renderer writes."""

from __future__ import annotations

import hashlib
from typing import Any

from lxml import etree

from ..ir import Rect

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
R_ID = R + "id"   # a relationship's id on an element that names one
# A text body's margin attributes and the Insets side each one holds.
INSET_ATTRIBUTES = (("lIns", "left"), ("tIns", "top"), ("rIns", "right"), ("bIns", "bottom"))
URL_NAMESPACE = bytes.fromhex("6ba7b8119dad11d180b400c04fd430c8")  # uuid.NAMESPACE_URL


def name_guid(name: str) -> str:
    """``uuid.uuid5(uuid.NAMESPACE_URL, name)`` written as Office writes a GUID
    (``{UPPER-CASE}``): an id that stays the same from build to build. Made here because
    importing ``uuid`` (which imports ``platform``) is 2 ms of every build."""
    digest = bytearray(hashlib.sha1(URL_NAMESPACE + name.encode()).digest()[:16])
    digest[6] = (digest[6] & 0x0F) | 0x50   # version 5
    digest[8] = (digest[8] & 0x3F) | 0x80   # the RFC 4122 variant
    hexed = digest.hex().upper()
    return f"{{{hexed[:8]}-{hexed[8:12]}-{hexed[12:16]}-{hexed[16:20]}-{hexed[20:]}}}"


def insert_before(parent: Any, child: Any, successors: frozenset[str]) -> Any:
    """Add ``child`` to ``parent`` before its first child tagged one of ``successors`` (the
    elements the schema puts after it), else last; returns ``child``."""
    following = next((element for element in parent if element.tag in successors), None)
    if following is None:
        parent.append(child)
    else:
        following.addprevious(child)
    return child


def add_transform(parent: Any, rect: Rect, tag: str = A + "xfrm") -> None:
    """``rect`` as the offset and extent (``a:xfrm``, or a frame's ``p:xfrm``) of a shape's
    properties ``parent``."""
    transform = etree.SubElement(parent, tag)
    etree.SubElement(transform, A + "off", x=str(rect.x), y=str(rect.y))
    etree.SubElement(transform, A + "ext", cx=str(rect.w), cy=str(rect.h))
