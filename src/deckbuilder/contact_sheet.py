"""The contact sheet: every slide's thumbnail in reading order, captioned 'N  title'.

An editor checks a whole deck at a glance after each change. The sheet is laid out from
the slide count, the titles and the page size alone, so it is drawn, captions and borders
included, before any page exists; each thumbnail is placed in its cell when it is ready.
That lets ``preview`` fill in the pages an earlier preview drew while LibreOffice is still
converting, and deflate each row of thumbnails once it is full (``png.py``'s bands); after
LibreOffice only the changed slides' cells are placed and their rows deflated.
"""

from __future__ import annotations

import math

from PIL import Image, ImageDraw, ImageFont

from .fonts import font_file
from .png import Deflated, deflated_rows, png_of

THUMB_WIDTH = 320
MAX_COLUMNS = 5
GAP = 24
CAPTION = 30
CAPTION_FONT_SIZE = 17
SHEET_BACKGROUND = "#E9ECEF"
BORDER = "#ADB5BD"
CAPTION_COLOR = "#212529"


def thumbnail_size(pixels: tuple[int, ...]) -> tuple[int, int]:
    """A thumbnail's size for pages of ``pixels`` (width, height): ``THUMB_WIDTH`` wide."""
    return THUMB_WIDTH, round(THUMB_WIDTH * pixels[1] / pixels[0])


def thumbnail(page: Image.Image, size: tuple[int, int]) -> Image.Image:
    """``page`` shrunk to ``size``: averaged over blocks of pixels by the largest whole
    factor that fits (a slide page at preview's resolution is exactly four thumbnails
    wide), then Lanczos for what is left, if anything. (A page a pixel larger than asked,
    as a PDF's rounded page size can make it, still gives a thumbnail of ``size``.)"""
    return page.convert("RGB").resize(size, Image.LANCZOS, reducing_gap=1.0)


class ContactSheet:
    """The sheet for slides titled ``titles``, thumbnails ``size`` large, its cells empty
    until :meth:`place` fills them."""

    def __init__(self, titles: list[str], size: tuple[int, int]) -> None:
        self.size = size
        thumb_w, thumb_h = size
        self._columns = min(MAX_COLUMNS, max(1, math.ceil(math.sqrt(len(titles)))))
        self._rows = math.ceil(len(titles) / self._columns)
        self._cell = (thumb_w + GAP, thumb_h + CAPTION + GAP)
        self.image = Image.new("RGB", (GAP + self._columns * self._cell[0],
                                       GAP + self._rows * self._cell[1]), SHEET_BACKGROUND)
        self._empty = set(range(len(titles)))       # cells with no thumbnail yet
        self._deflated: dict[int, Deflated] = {}    # bands (rows of cells) by row
        draw = ImageDraw.Draw(self.image)
        font = ImageFont.truetype(str(font_file("Carlito")), CAPTION_FONT_SIZE)
        bold = ImageFont.truetype(str(font_file("Carlito", bold=True)), CAPTION_FONT_SIZE)
        for index, title in enumerate(titles):
            x, y = self.corner(index)
            draw.rectangle((x - 1, y - 1, x + thumb_w, y + thumb_h), outline=BORDER)
            number = str(index + 1)
            caption_y = y + thumb_h + (CAPTION - CAPTION_FONT_SIZE) // 2
            draw.text((x, caption_y), number, font=bold, fill=CAPTION_COLOR)
            indent = round(draw.textlength(number + "  ", font=bold))
            draw.text((x + indent, caption_y),
                      _truncate(draw, title, font, thumb_w - indent),
                      font=font, fill=CAPTION_COLOR)

    def corner(self, index: int) -> tuple[int, int]:
        """The top left pixel of slide ``index``'s (from 0) thumbnail."""
        row, column = divmod(index, self._columns)
        return GAP + column * self._cell[0], GAP + row * self._cell[1]

    def place(self, index: int, thumb: Image.Image) -> None:
        """Put slide ``index``'s (from 0) thumbnail in its cell, inside its border."""
        if thumb.size != self.size:
            raise ValueError(f"a thumbnail of {thumb.size} in a sheet of {self.size} cells")
        self.image.paste(thumb, self.corner(index))
        self._empty.discard(index)
        self._deflated.pop(index // self._columns, None)

    def deflate_full_rows(self) -> None:
        """Deflate each row of cells whose thumbnails are all placed (the work :meth:`png`
        then need not do)."""
        for row in range(self._rows):
            cells = range(row * self._columns, (row + 1) * self._columns)
            if row not in self._deflated and self._empty.isdisjoint(cells):
                self._deflated[row] = self._band(row)

    def png(self) -> bytes:
        """The sheet as PNG (lossless, level 1: a palette of 256 colours made it smaller
        but took three times as long as deflating the rows that changed)."""
        return png_of(self.image.size, [self._deflated.get(row) or self._band(row)
                                        for row in range(self._rows)])

    def _band(self, row: int) -> Deflated:
        """Row ``row`` of cells (the top gap with the first, the bottom gap with the last)
        deflated."""
        top = row * self._cell[1]
        bottom = self.image.height if row == self._rows - 1 else top + self._cell[1]
        return deflated_rows(self.image.crop((0, top, self.image.width, bottom)))


def _truncate(draw: ImageDraw.ImageDraw, text: str, font: ImageFont.FreeTypeFont,
              width: int) -> str:
    if draw.textlength(text, font=font) <= width:
        return text
    while text and draw.textlength(text + "…", font=font) > width:
        text = text[:-1]
    return text.rstrip() + "…"
