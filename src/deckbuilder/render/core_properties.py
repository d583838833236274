"""``docProps/core.xml``: what the deck is, who wrote it, when, in which language.

Only what the deck says is written: anything else a template carried (last printed,
keywords, comments …) would describe the template, not the deck. The date is the deck's
own, else ``SOURCE_DATE_EPOCH``, else a fixed epoch: never 'now', so a build is
reproducible.
"""

from __future__ import annotations

import datetime as dt
import os
import re

from lxml import etree

from ..ir import Presentation
from .opc import xml_bytes

CP = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
DC = "http://purl.org/dc/elements/1.1/"
DCTERMS = "http://purl.org/dc/terms/"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
NSMAP = {"cp": CP, "dc": DC, "dcterms": DCTERMS, "dcmitype": "http://purl.org/dc/dcmitype/",
         "xsi": XSI}


def core_xml(presentation: Presentation) -> bytes:
    root = etree.Element(f"{{{CP}}}coreProperties", nsmap=NSMAP)
    stamp = timestamp(presentation).strftime("%Y-%m-%dT%H:%M:%SZ")
    for namespace, name, value in (
            (DC, "title", presentation.title), (DC, "creator", presentation.author),
            (DC, "subject", presentation.subject),
            (CP, "lastModifiedBy", presentation.author or "deckbuilder"),
            (CP, "revision", "1")):
        if value:
            etree.SubElement(root, f"{{{namespace}}}{name}").text = value
    for name in ("created", "modified"):
        element = etree.SubElement(root, f"{{{DCTERMS}}}{name}")
        element.set(f"{{{XSI}}}type", "dcterms:W3CDTF")
        element.text = stamp
    etree.SubElement(root, f"{{{DC}}}language").text = presentation.language
    return xml_bytes(root)


def timestamp(presentation: Presentation) -> dt.datetime:
    """The deck's date, else SOURCE_DATE_EPOCH, else a fixed epoch: never 'now'.

    A date of only a year or a year and month ("2017", "2017-09") stands for its first day.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).replace(tzinfo=None)
    created = (presentation.created or "").strip()
    partial = re.fullmatch(r"(\d{4})(?:-(\d{2}))?", created)
    if partial:
        return dt.datetime(int(partial[1]), int(partial[2] or 1), 1)
    try:
        return dt.datetime.fromisoformat(created)
    except ValueError:
        return dt.datetime(2000, 1, 1)
