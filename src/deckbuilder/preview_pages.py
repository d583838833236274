"""Slide pages as PNGs, drawn from LibreOffice's PDF or kept from an earlier preview.

pdftoppm draws the pages as raw pixels (PPM); each is written as PNG (``png.py``) and
shrunk to its contact-sheet thumbnail while it is in memory. With the page count known, the
work is cut into a range of pages per core, each drawn by a pdftoppm and then written (more
ranges, to write while another draws, were slower: each pdftoppm reads the PDF anew). Pages
are drawn in a scratch folder and moved into place together once all are there, named
slide-01.png…, replacing the pages left from a longer deck.
"""

from __future__ import annotations

import io
import os
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from PIL import Image

from .contact_sheet import ContactSheet, thumbnail, thumbnail_size
from .cores import usable_cores
from .page_cache import PageCache, page_keys, sheet_key_of
from .png import png_bytes
from .preview import PAGE_PREFIX, PreviewError, Tools, run_tool

Drawn = tuple[Path, Image.Image | None]   # a page's PNG and, if asked, its thumbnail


def to_pngs(pdf: Path, folder: Path, tools: Tools, pixels: tuple[int, ...]) -> list[Path]:
    """One PNG per page of ``pdf`` at ``pixels`` (width, height) in ``folder``. (At a
    resolution, the PDF's rounded page size can give a pixel more.)"""
    with scratch_folder(folder) as scratch:
        drawn = _draw(pdf, Path(scratch), tools, pixels, [None], None)
        return _move_into_place([png for png, _ in drawn], folder)


class PreviewPages:
    """One preview's pages and contact sheet, begun while LibreOffice converts the deck
    ``pptx`` (its slides titled ``titles``): the pages an earlier preview drew of the same
    slides (``page_cache.py``, in the cache folder ``cache``) are written into ``scratch``
    and their thumbnails placed on the sheet, whose full rows are deflated. :meth:`finish`
    draws the rest from the PDF."""

    def __init__(self, pptx: bytes, titles: list[str], tools: Tools,
                 pixels: tuple[int, int], cache: Path | None, scratch: Path) -> None:
        self._titles, self._tools, self._pixels, self._scratch = titles, tools, pixels, scratch
        self._size = thumbnail_size(pixels)
        self._keys = (page_keys(pptx, (tools.soffice, tools.pdftoppm), pixels)
                      if cache is not None else [])   # keys are only for the cache
        self._store = (PageCache(cache) if cache is not None
                       and len(self._keys) == len(titles) else None)
        self._sheet_key = sheet_key_of(self._keys, titles)
        kept_sheet = self._store.get(self._sheet_key) if self._store is not None else None
        self._sheet_png = kept_sheet[0] if kept_sheet is not None else None
        self._sheet = ContactSheet(titles, self._size) if kept_sheet is None else None
        self._known: dict[int, Path] = {}
        if self._store is not None:
            for number, key in enumerate(self._keys, start=1):
                kept = self._store.get(key)
                if kept is not None:
                    self._known[number] = self._write_kept(number, *kept)
        if self._sheet is not None:
            self._sheet.deflate_full_rows()

    def finish(self, pdf: Path, folder: Path) -> tuple[list[Path], bytes]:
        """Draw the pages not kept from ``pdf``, keep them for the next preview, and move
        every page into ``folder``; the pages, and the contact sheet's PNG."""
        count = len(self._titles)
        missing = [number for number in range(1, count + 1) if number not in self._known]
        ranges: list[tuple[int, int] | None] = (
            list(_runs(missing)) if self._known else list(_page_ranges(count, usable_cores())))
        drawn = _draw(pdf, self._scratch, self._tools, self._pixels, ranges, self._size)
        pages = dict(self._known)
        pages.update((_page_number(png), png) for png, _ in drawn)
        if sorted(pages) != list(range(1, count + 1)) or len(drawn) != len(missing):
            raise PreviewError(f"LibreOffice rendered {len(self._known) + len(drawn)} pages "
                               f"for {count} slides")
        for png, thumb in drawn:
            assert thumb is not None
            number = _page_number(png)
            if self._store is not None:
                self._store.put(self._keys[number - 1], png.read_bytes(), png_bytes(thumb))
            if self._sheet is not None:
                self._sheet.place(number - 1, thumb)
        sheet_png = self._sheet_png
        if sheet_png is None:
            assert self._sheet is not None
            sheet_png = self._sheet.png()
            if self._store is not None:
                self._store.put(self._sheet_key, sheet_png, b"")
        return _move_into_place([pages[number] for number in sorted(pages)], folder), sheet_png

    def _write_kept(self, number: int, page: bytes, thumb: bytes) -> Path:
        """A kept page written into the scratch folder, its thumbnail placed if the sheet
        is to be drawn."""
        png = self._scratch / f"kept-{number}.png"
        png.write_bytes(page)
        if self._sheet is not None:
            with Image.open(io.BytesIO(thumb)) as image:
                image.load()
                self._sheet.place(number - 1, image.convert("RGB"))
        return png


def scratch_folder(folder: Path) -> tempfile.TemporaryDirectory[str]:
    """A folder in ``folder`` to draw pages in, deleted with whatever is left in it."""
    folder.mkdir(parents=True, exist_ok=True)
    return tempfile.TemporaryDirectory(prefix="deckbuilder-png-", dir=folder)


def _draw(pdf: Path, scratch: Path, tools: Tools, pixels: tuple[int, ...],
          ranges: list[tuple[int, int] | None], size: tuple[int, int] | None) -> list[Drawn]:
    """The pages in ``ranges`` (first, last; None: all) drawn into ``scratch`` as PNGs, in
    page order, each with its thumbnail if a thumbnail ``size`` is given."""
    command = [tools.pdftoppm, "-scale-to-x", str(pixels[0]), "-scale-to-y", str(pixels[1])]

    def draw(pages: tuple[int, int] | None) -> list[Drawn]:
        target = scratch / (f"range-{pages[0]}" if pages else "all")
        limits = ["-f", str(pages[0]), "-l", str(pages[1])] if pages else []
        run_tool([*command, *limits, str(pdf), str(target)], "pdftoppm")
        drawn = sorted(scratch.glob(f"{target.name}-*.ppm"), key=_page_number)
        return [_write_page(raw, size) for raw in drawn]

    with ThreadPoolExecutor(usable_cores()) as pool:
        return [page for part in pool.map(draw, ranges) for page in part]


def _move_into_place(pngs: list[Path], folder: Path) -> list[Path]:
    """``pngs`` (one per page, in order) moved into ``folder`` as slide-01.png…, once the
    pages there from an earlier preview, perhaps of a longer deck, are deleted."""
    for old in folder.glob(f"{PAGE_PREFIX}-*.png"):
        old.unlink()
    width = max(2, len(str(len(pngs))))
    pages = []
    for png in pngs:
        page = folder / f"{PAGE_PREFIX}-{_page_number(png):0{width}d}.png"
        os.replace(png, page)
        pages.append(page)
    return pages


def _write_page(raw: Path, size: tuple[int, int] | None) -> Drawn:
    """Write the page drawn in ``raw`` as PNG beside it, with its thumbnail if a ``size``
    is given."""
    png = raw.with_suffix(".png")
    with Image.open(raw) as image:
        image.load()
        png.write_bytes(png_bytes(image))
        return png, thumbnail(image, size) if size is not None else None


def _runs(pages: list[int]) -> list[tuple[int, int]]:
    """Ascending page numbers as runs of consecutive pages (first, last)."""
    runs: list[tuple[int, int]] = []
    for page in pages:
        if runs and runs[-1][1] == page - 1:
            runs[-1] = (runs[-1][0], page)
        else:
            runs.append((page, page))
    return runs


def _page_number(drawn: Path) -> int:
    """The page number in a page file's name (pdftoppm's ``range-1-07.ppm``: 7)."""
    return int(drawn.stem.rsplit("-", 1)[1])


def _page_ranges(count: int, workers: int) -> list[tuple[int, int]]:
    """``count`` pages as at most ``workers`` ranges (first, last) of near-equal length."""
    parts = max(1, min(workers, count))
    bounds = [round(i * count / parts) for i in range(parts + 1)]
    return [(a + 1, b) for a, b in zip(bounds, bounds[1:]) if b > a]
