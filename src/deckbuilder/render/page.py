"""A slide or notes page being written: its XML, its shape ids, and what it relates to.

A page is rendered on its own, without the package: its relationships are numbered in the
order they are made (``rId1`` is the slide's layout, or the notes page's master and ``rId2``
its slide), and each names what it points at by value (a picture's bytes, a link's address,
a native chart's parts). The package writer gives those values their part names when it
adds the page, so a rendered page can be kept and added again to a later build as it is
(``reuse.py``).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Callable

from lxml import etree

from .opc import xml_bytes
from .xml import A, P, R

NSMAP = {"a": A[1:-1], "p": P[1:-1], "r": R[1:-1]}


@dataclass(frozen=True)
class NativeChartParts:
    """A native chart's own parts: its chart XML (relating to the workbook as ``rid``) and
    the embedded workbook."""

    chart: bytes
    workbook: bytes
    rid: str


@dataclass(frozen=True)
class Related:
    """What one relationship of a page points at, by value (exactly one of the fields)."""

    rid: str
    address: str | None = None            # an external hyperlink
    image: bytes | None = None            # a picture (PNG, JPEG, GIF, BMP, TIFF)
    svg: bytes | None = None              # an SVG picture
    chart: NativeChartParts | None = None


@dataclass(frozen=True)
class RenderedPage:
    """A page as it goes into the package: serialized XML and its relationships."""

    xml: bytes
    related: tuple[Related, ...]


@dataclass(frozen=True)
class RenderedSlide:
    layout: int                           # the layout's number (see template_package.py)
    page: RenderedPage
    notes: RenderedPage | None = None
    notes_rid: str = ""                   # the slide's relationship to its notes page


class Page:
    """A page under construction: ``tree`` is its ``p:spTree``."""

    def __init__(self, root: str, first_rid: int, group_transform: bool = False) -> None:
        self.root = etree.Element(P + root, nsmap=NSMAP)
        tree = etree.SubElement(etree.SubElement(self.root, P + "cSld"), P + "spTree")
        group = etree.SubElement(tree, P + "nvGrpSpPr")
        etree.SubElement(group, P + "cNvPr", id="1", name="")
        etree.SubElement(group, P + "cNvGrpSpPr")
        etree.SubElement(group, P + "nvPr")
        properties = etree.SubElement(tree, P + "grpSpPr")
        if group_transform:  # what PowerPoint writes on a notes page
            transform = etree.SubElement(properties, A + "xfrm")
            for tag, x, y in (("off", "x", "y"), ("ext", "cx", "cy"),
                              ("chOff", "x", "y"), ("chExt", "cx", "cy")):
                etree.SubElement(transform, A + tag, {x: "0", y: "0"})
        etree.SubElement(etree.SubElement(self.root, P + "clrMapOvr"), A + "masterClrMapping")
        self.tree = tree
        self._next_id = 2
        self._next_rid = first_rid
        self._related: list[Related] = []
        self._by_value: dict[tuple[str, bytes], str] = {}

    def next_shape_id(self) -> int:
        shape_id, self._next_id = self._next_id, self._next_id + 1
        return shape_id

    def link(self, address: str) -> str:
        """The relationship id of an external hyperlink to ``address`` (one per address)."""
        return self._relate("link", address.encode(), lambda rid: Related(rid, address=address))

    def image(self, data: bytes) -> str:
        return self._relate("image", data, lambda rid: Related(rid, image=data))

    def svg(self, data: bytes) -> str:
        return self._relate("svg", data, lambda rid: Related(rid, svg=data))

    def chart(self, parts: NativeChartParts) -> str:
        return self._add(Related(self.take_rid(), chart=parts))

    def take_rid(self) -> str:
        """The next relationship id (also for what the package writer relates itself: a
        slide's notes page)."""
        rid, self._next_rid = f"rId{self._next_rid}", self._next_rid + 1
        return rid

    def rendered(self) -> RenderedPage:
        return RenderedPage(xml_bytes(self.root), tuple(self._related))

    def _relate(self, kind: str, value: bytes, make: Callable[[str], Related]) -> str:
        key = (kind, hashlib.sha256(value).digest())
        if key not in self._by_value:
            self._by_value[key] = self._add(make(self.take_rid()))
        return self._by_value[key]

    def _add(self, related: Related) -> str:
        self._related.append(related)
        return related.rid
