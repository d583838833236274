"""Preview pages kept between previews, by what a slide's page is drawn from.

Drawing a page (pdftoppm) and writing it as PNG is most of what ``preview`` does beyond
LibreOffice and the build, and an editor previews again after changing one slide. A page
is the picture of one slide, and its pixels depend only on that slide's part and what it
relates to (its layout, master, theme, pictures, charts), the presentation part (slide size,
default text styles; the slide list aside), the slide's position (its number field), the
page size, and the tools that draw it (LibreOffice, pdftoppm, the installed fonts, this
code). A slide added at the end leaves every other page as it was.
:func:`page_keys` digests exactly that for each slide of a built deck, and pages with a
known key are taken from the project cache (``pages/``) instead of being drawn again.
LibreOffice still converts the whole deck: the PDF is part of the preview.
"""

from __future__ import annotations

import hashlib
import io
import os
import struct
import zipfile
from collections import deque
from pathlib import Path

from lxml import etree

from .answers import state_digest
from .cache import PAGES, read_entry, subfolder, write_entry
from .render.opc import RT, parse_rels, rels_name, rels_of
from .render.xml import R_ID
from .system_fonts import fontconfig_files

MAX_PAGE_BYTES = 32 * 1024 * 1024
NOT_DRAWN = frozenset({RT.NOTES_SLIDE, RT.HYPERLINK})   # what a slide's page never shows
PARSER = etree.XMLParser(resolve_entities=False, no_network=True)
P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"


def page_keys(pptx: bytes, tools: tuple[str, ...], pixels: tuple[int, int]) -> list[str]:
    """One key per slide of the built deck ``pptx``, in slide order, for pages
    ``pixels`` large drawn by the programs ``tools``."""
    with zipfile.ZipFile(io.BytesIO(pptx)) as package:
        parts = {"/" + name: package.read(name) for name in package.namelist()}
    main = next(rel.target for rel in parse_rels("/", parts["/_rels/.rels"], PARSER)
                if rel.reltype == RT.OFFICE_DOCUMENT)
    targets = {rel.rid: rel.target for rel in rels_of(main, parts, PARSER)}
    presentation = etree.fromstring(parts[main], PARSER)
    slide_list = presentation.find(P + "sldIdLst")
    slides = [targets[entry.get(R_ID)] for entry in
              (slide_list if slide_list is not None else ())]
    if slide_list is not None:  # which slides there are is in each page's position
        presentation.remove(slide_list)
    common = hashlib.sha256(repr((pixels, _tool_state(tools))).encode()
                            + etree.tostring(presentation)).digest()
    return [_slide_key(common, number, slide, parts) for number, slide in enumerate(slides)]


def sheet_key_of(keys: list[str], titles: list[str]) -> str:
    """The contact sheet's key: its pages' and their captions'."""
    return "sheet" + hashlib.sha256(repr((keys, titles)).encode()).hexdigest()


def _slide_key(common: bytes, number: int, slide: str, parts: dict[str, bytes]) -> str:
    digest = hashlib.sha256(common + number.to_bytes(4, "big"))
    seen, queue = {slide}, deque([slide])
    while queue:
        name = queue.popleft()
        digest.update(name.encode() + b"\0" + parts.get(name, b"") + b"\0"
                      + parts.get(rels_name(name), b""))
        for rel in rels_of(name, parts, PARSER):
            if not rel.external and rel.reltype not in NOT_DRAWN and rel.target not in seen:
                seen.add(rel.target)
                queue.append(rel.target)
    return digest.hexdigest()


def _tool_state(tools: tuple[str, ...]) -> str:
    """The drawing tools' and fonts' state: their files' sizes and times, and this code's."""
    own = Path(__file__).parent
    return state_digest([os.path.realpath(tool) for tool in tools]
                        + [own / name for name in ("preview.py", "preview_pages.py",
                                                   "contact_sheet.py", "png.py",
                                                   "page_cache.py")]
                        + fontconfig_files())


class PageCache:
    """Pages (PNG, and the contact sheet's thumbnail as PNG) in a cache folder's ``pages/``."""

    def __init__(self, folder: Path | None) -> None:
        self._own = subfolder(folder, PAGES)

    def get(self, key: str) -> tuple[bytes, bytes] | None:
        """The page and thumbnail kept under ``key``, if any."""
        path = self._path(key)
        stored = read_entry(path, MAX_PAGE_BYTES)
        if stored is None or len(stored) < 4:
            return None
        size = struct.unpack(">I", stored[:4])[0]
        if len(stored) < 4 + size:
            return None
        return stored[4:4 + size], stored[4 + size:]

    def put(self, key: str, page: bytes, thumbnail: bytes) -> None:
        write_entry(self._path(key), struct.pack(">I", len(page)) + page + thumbnail,
                    MAX_PAGE_BYTES)

    def _path(self, key: str) -> Path | None:
        folder = subfolder(self._own, key[:2])
        return folder / f"{key}.page" if folder is not None else None
