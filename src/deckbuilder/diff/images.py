"""Before/after pictures of each changed slide, side by side, with the changed areas
outlined: the boxes whose text changed and the charts whose points did. Both decks are
rendered by LibreOffice (as ``preview`` renders), in temporary folders; only the pictures
are written, each atomically, into the folder the user named."""

from __future__ import annotations

import io
import tempfile
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from ..atomic import write_atomically
from ..fonts import font_file
from ..preview import DPI, EMU_PER_INCH, Tools, find_tools, to_pdf, to_pngs
from .compare import DeckDiff, SlideChange
from .read import DeckContent

GAP = 24
HEADER = 40
HEADER_FONT_SIZE = 20
BACKGROUND = "#E9ECEF"
TEXT = "#212529"
OUTLINE = "#D6336C"
OUTLINE_WIDTH = 4
ABSENT = "#CED4DA"

Box = tuple[int, int, int, int]


def write_images(diff: DeckDiff, folder: Path) -> list[Path]:
    """One PNG per changed slide in ``folder`` (``slide-NN.png`` by its new number,
    ``removed-NN.png`` by its old one); returns the files written."""
    tools = find_tools()
    if not diff.slides:
        return []
    with tempfile.TemporaryDirectory(prefix="deckbuilder-diff-") as scratch:
        old_pages = _pages(diff.old, Path(scratch) / "old", tools)
        new_pages = _pages(diff.new, Path(scratch) / "new", tools)
        folder.mkdir(parents=True, exist_ok=True)
        written = []
        for change in diff.slides:
            old_boxes, new_boxes = changed_boxes(change)
            left = _marked(old_pages, change.old.index if change.old else None, old_boxes,
                           diff.old.size)
            right = _marked(new_pages, change.new.index if change.new else None, new_boxes,
                            diff.new.size)
            picture = _side_by_side(left, right, f"before: {diff.old.label}",
                                    f"after: {diff.new.label}")
            target = folder / _name(change)
            data = io.BytesIO()
            picture.save(data, "PNG", optimize=True)
            write_atomically(target, data.getvalue())
            written.append(target)
    return written


def changed_boxes(change: SlideChange) -> tuple[list[Box], list[Box]]:
    """The areas to outline on the old and the new slide."""
    old = [t.old.box for t in change.text if t.old is not None and t.old.box is not None]
    new = [t.new.box for t in change.text if t.new is not None and t.new.box is not None]
    charts = [point.box for point in change.points]  # (only slides in both decks have them)
    return sorted(set(old + charts)), sorted(set(new + charts))


def _name(change: SlideChange) -> str:
    if change.new is not None:
        return f"slide-{change.new.index:02d}.png"
    assert change.old is not None
    return f"removed-{change.old.index:02d}.png"


def _pages(deck: DeckContent, folder: Path, tools: Tools) -> list[Path]:
    folder.mkdir(parents=True)
    pptx = folder / "deck.pptx"
    pptx.write_bytes(deck.package)
    pdf = to_pdf(pptx, folder, tools)
    pixels = tuple(round(side / EMU_PER_INCH * DPI) for side in deck.size)
    return to_pngs(pdf, folder, tools, pixels)


def _marked(pages: list[Path], index: int | None, boxes: list[Box],
            size: tuple[int, int]) -> Image.Image:
    """The slide's page with ``boxes`` outlined, or a grey page if the slide is absent."""
    if index is None or index > len(pages):
        with Image.open(pages[0]) as first:
            return Image.new("RGB", first.size, ABSENT)
    with Image.open(pages[index - 1]) as page:
        image = page.convert("RGB")
    scale = image.width / size[0]
    draw = ImageDraw.Draw(image)
    for x, y, w, h in boxes:
        draw.rectangle((round(x * scale) - OUTLINE_WIDTH, round(y * scale) - OUTLINE_WIDTH,
                        round((x + w) * scale) + OUTLINE_WIDTH,
                        round((y + h) * scale) + OUTLINE_WIDTH),
                       outline=OUTLINE, width=OUTLINE_WIDTH)
    return image


def _side_by_side(left: Image.Image, right: Image.Image, left_label: str,
                  right_label: str) -> Image.Image:
    height = max(left.height, right.height)
    sheet = Image.new("RGB", (GAP * 3 + left.width + right.width, GAP * 2 + HEADER + height),
                      BACKGROUND)
    draw = ImageDraw.Draw(sheet)
    font = ImageFont.truetype(str(font_file("Carlito", bold=True)), HEADER_FONT_SIZE)
    for x, image, label in ((GAP, left, left_label), (GAP * 2 + left.width, right, right_label)):
        draw.text((x, GAP), label, font=font, fill=TEXT)
        sheet.paste(image, (x, GAP + HEADER))
    return sheet
