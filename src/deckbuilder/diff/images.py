"""Before/after pictures of each changed slide, side by side, with the changed areas
outlined: the paragraphs whose text changed (found on the page by ``locate``) and the charts
whose points did. Both decks are
rendered by LibreOffice (as ``preview`` renders), in temporary folders; only the pictures
are written, each atomically, into the folder the user named."""

from __future__ import annotations

import io
import tempfile
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from ..atomic import write_atomically
from ..fonts import font_file
from ..preview import Tools, find_tools, page_pixels, to_pdf
from ..preview_pages import to_pngs
from .compare import DeckDiff, SlideChange
from .locate import Box, Word, page_words, paragraph_box
from .read import DeckContent, SlideContent, Text

GAP = 24
HEADER = 40
HEADER_FONT_SIZE = 20
BACKGROUND = "#E9ECEF"
TEXT = "#212529"
OUTLINE = "#D6336C"
OUTLINE_WIDTH = 4
MARGIN = 91_440  # EMU (0.1 in) left around a paragraph's words inside its outline
ABSENT = "#CED4DA"


def write_images(diff: DeckDiff, folder: Path) -> list[Path]:
    """One PNG per changed slide in ``folder`` (``slide-NN.png`` by its new number,
    ``removed-NN.png`` by its old one); returns the files written."""
    tools = find_tools()
    if not diff.slides:
        return []
    with tempfile.TemporaryDirectory(prefix="deckbuilder-diff-") as scratch:
        old_pages, old_words = _pages(diff.old, Path(scratch) / "old", tools)
        new_pages, new_words = _pages(diff.new, Path(scratch) / "new", tools)
        folder.mkdir(parents=True, exist_ok=True)
        written = []
        for change in diff.slides:
            old_boxes, new_boxes = changed_boxes(change, _on(old_words, change.old),
                                                 _on(new_words, change.new))
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


def changed_boxes(change: SlideChange, old_words: list[Word], new_words: list[Word]
                  ) -> tuple[list[Box], list[Box]]:
    """The areas to outline on the old and the new slide: each changed paragraph where it
    was drawn (its whole shape if its words were not found), each changed chart."""
    old = [_where(t.old, old_words) for t in change.text if t.old is not None]
    new = [_where(t.new, new_words) for t in change.text if t.new is not None]
    charts = [point.box for point in change.points]  # (only slides in both decks have them)
    return (sorted({box for box in old + charts if box}),
            sorted({box for box in new + charts if box}))


def _where(text: Text, words: list[Word]) -> Box | None:
    if text.box is None:  # speaker notes are not on the slide
        return None
    found = paragraph_box(words, text.text, text.box)
    if found is None:
        return text.box
    x, y, w, h = found
    return x - MARGIN, y - MARGIN, w + 2 * MARGIN, h + 2 * MARGIN


def _on(pages: list[list[Word]], slide: SlideContent | None) -> list[Word]:
    """The words drawn on ``slide``'s page (none if it is absent or was not read)."""
    if slide is None or slide.index > len(pages):
        return []
    return pages[slide.index - 1]


def _name(change: SlideChange) -> str:
    if change.new is not None:
        return f"slide-{change.new.index:02d}.png"
    assert change.old is not None
    return f"removed-{change.old.index:02d}.png"


def _pages(deck: DeckContent, folder: Path, tools: Tools
           ) -> tuple[list[Path], list[list[Word]]]:
    """The deck's slides as PNGs, and the words on each."""
    folder.mkdir(parents=True)
    pptx = folder / "deck.pptx"
    pptx.write_bytes(deck.package)
    pdf = to_pdf(pptx, folder, tools)
    return to_pngs(pdf, folder, tools, page_pixels(deck.size)), page_words(pdf, deck.size[0])


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
    for x, y, w, h in boxes:  # (drawn inside the box: a chart's outline stays off its title)
        draw.rectangle((round(x * scale), round(y * scale),
                        round((x + w) * scale), round((y + h) * scale)),
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
