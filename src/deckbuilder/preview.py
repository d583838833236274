"""See a deck without opening PowerPoint: PDF, one PNG per slide, and a contact sheet.

LibreOffice renders the built .pptx to PDF and poppler's ``pdftoppm`` rasterises the pages;
PIL tiles them into one image with numbered thumbnails, so an editor can check a whole deck
at a glance after each change. LibreOffice is a preview, not a validity oracle: a deck that
looks right here can still make PowerPoint complain (the tests check structure separately).
"""

from __future__ import annotations

import contextlib
import io
import math
import os
import shutil
import signal
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PIL import Image, ImageDraw, ImageFont

from .atomic import write_atomically, write_output
from .cores import usable_cores
from .fonts import font_file
from .paths import check_target
from .png import png_bytes

if TYPE_CHECKING:  # pragma: no cover
    from .page_cache import PageCache

INSTALL_HINT = "apt-get install libreoffice-impress poppler-utils"
SOFFICE_NAMES = ("soffice", "libreoffice")
TIMEOUT_SECONDS = 300
DPI = 96  # a 13.33 in wide slide becomes 1280 px
EMU_PER_INCH = 914400
PAGE_PREFIX = "slide"
SHEET_NAME = "contact-sheet.png"

# Contact sheet geometry, in pixels.
THUMB_WIDTH = 320
MAX_COLUMNS = 5
GAP = 24
CAPTION = 30
CAPTION_FONT_SIZE = 17
SHEET_BACKGROUND = "#E9ECEF"
BORDER = "#ADB5BD"
CAPTION_COLOR = "#212529"


class PreviewError(Exception):
    """A problem with the preview tools, not with the deck (those are DeckErrors)."""


@dataclass(frozen=True)
class Tools:
    soffice: str
    pdftoppm: str


@dataclass(frozen=True)
class Preview:
    pptx: Path
    pdf: Path
    pages: list[Path]
    contact_sheet: Path


def find_tools() -> Tools:
    """The LibreOffice and poppler executables, or an error naming the install command."""
    soffice = next((found for name in SOFFICE_NAMES if (found := shutil.which(name))), None)
    pdftoppm = shutil.which("pdftoppm")
    missing = [name for name, path in (("LibreOffice (soffice)", soffice),
                                       ("poppler (pdftoppm)", pdftoppm)) if not path]
    if missing:
        raise PreviewError(f"{' and '.join(missing)} not found; preview needs them to render "
                           f"slides. Install them, e.g.: {INSTALL_HINT}")
    assert soffice and pdftoppm
    return Tools(soffice, pdftoppm)


def preview_deck(deck: Path, folder: Path, theme: str | None = None,
                 allow_outside: bool = False, language: str | None = None) -> Preview:
    """Build ``deck`` (its text in ``language``, from its strings file) into ``folder`` and
    render it there; tools are checked before building."""
    from .cache import project_cache
    from .pipeline import compile_deck, render_pptx

    tools = find_tools()
    compiled = compile_deck(deck, theme, allow_outside, language=language)
    assert compiled.presentation is not None
    if folder.exists() and not folder.is_dir():
        raise PreviewError(f"{folder} is not a folder; -o names the folder previews go to")
    pptx = folder / f"{deck.stem}.pptx"
    check_preview_targets(folder, deck.stem, compiled.inputs)
    write_output(pptx, render_pptx(compiled), compiled.inputs)
    titles = [slide.title for slide in compiled.presentation.slides]
    size = (compiled.presentation.width, compiled.presentation.height)
    return render_preview(pptx, folder, titles, size, tools,
                          project_cache(compiled.policy.root))


def check_preview_targets(folder: Path, stem: str, inputs: dict[Path, str]) -> None:
    """Everything a preview replaces (the old pages are deleted) gets the check every write
    gets: none of it may be a file the deck reads."""
    for target in (folder / f"{stem}.pdf", folder / SHEET_NAME,
                   *folder.glob(f"{PAGE_PREFIX}-*.png")):
        check_target(target, inputs)


def render_preview(pptx: Path, folder: Path, titles: list[str], size: tuple[int, int],
                   tools: Tools, cache: Path | None = None) -> Preview:
    """PDF, slide PNGs and contact sheet for ``pptx`` (slides ``size`` EMU), written into
    ``folder``; pages drawn by an earlier preview of the same slides come from the cache
    folder ``cache`` (see ``page_cache.py``)."""
    from .page_cache import PageCache, page_keys, sheet_key_of

    folder.mkdir(parents=True, exist_ok=True)
    pdf = to_pdf(pptx, folder, tools)
    pixels = _pixels(size)
    keys = page_keys(pptx.read_bytes(), (tools.soffice, tools.pdftoppm), pixels)
    kept = (PageCache(cache), keys) if cache is not None and len(keys) == len(titles) else None
    drawn = draw_pages(pdf, folder, tools, pixels, len(titles), thumbnails=True, kept=kept)
    if len(drawn) != len(titles):
        raise PreviewError(f"LibreOffice rendered {len(drawn)} pages for {len(titles)} slides")
    sheet = folder / SHEET_NAME
    sheet_key = sheet_key_of(keys, titles)
    found = kept[0].get(sheet_key) if kept is not None else None
    if found is None:
        thumbnails = [thumbnail for _, thumbnail in drawn if thumbnail is not None]
        found = (sheet_png(contact_sheet(thumbnails, titles)), b"")
        if kept is not None:
            kept[0].put(sheet_key, *found)
    write_atomically(sheet, found[0])
    return Preview(pptx, pdf, [page for page, _ in drawn], sheet)


def sheet_png(sheet: Image.Image) -> bytes:
    """The contact sheet as PNG: a 256-colour palette (the fast octree: a third of median
    cut's time, and smaller) makes the file a fifth of the size and looks the same at this
    scale; deflated at level 1 (half of level 6's time, a fifth larger)."""
    image = io.BytesIO()
    sheet.quantize(256, method=Image.Quantize.FASTOCTREE,
                   dither=Image.Dither.NONE).save(image, "PNG", compress_level=1)
    return image.getvalue()


def _pixels(size: tuple[int, int]) -> tuple[int, int]:
    """A page's pixels at ``DPI`` for a slide ``size`` EMU."""
    width, height = (round(side / EMU_PER_INCH * DPI) for side in size)
    return width, height


def to_pdf(pptx: Path, folder: Path, tools: Tools) -> Path:
    """Convert with a private LibreOffice profile, so parallel previews never collide."""
    pdf = folder / f"{pptx.stem}.pdf"
    pdf.unlink(missing_ok=True)  # never show last run's PDF if this conversion fails
    with tempfile.TemporaryDirectory(prefix="deckbuilder-lo-") as profile:
        _run([tools.soffice, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless",
              "--norestore", "--convert-to", "pdf", "--outdir", str(folder), str(pptx)],
             "LibreOffice")
    if not pdf.is_file():
        raise PreviewError(f"LibreOffice did not write {pdf}; try opening {pptx} in it")
    return pdf


def to_pngs(pdf: Path, folder: Path, tools: Tools, pixels: tuple[int, ...],
            count: int | None = None) -> list[Path]:
    """One PNG per page at ``pixels`` (width, height), named slide-01.png…, replacing pages
    left from a longer deck (see ``draw_pages``)."""
    return [page for page, _ in draw_pages(pdf, folder, tools, pixels, count)]


def draw_pages(pdf: Path, folder: Path, tools: Tools, pixels: tuple[int, ...],
               count: int | None = None, thumbnails: bool = False,
               kept: tuple[PageCache, list[str]] | None = None
               ) -> list[tuple[Path, Image.Image | None]]:
    """Each page as a PNG at ``pixels`` (width, height), named slide-01.png…, replacing
    pages left from a longer deck, with its contact-sheet thumbnail if ``thumbnails``. (At
    a resolution, the PDF's rounded page size can give a pixel more.)

    pdftoppm draws the pages as raw pixels (PPM); each is written as PNG (``png.py``) and
    shrunk to its thumbnail while it is in memory. With the page ``count`` known, the work
    is cut into a range of pages per core, each drawn by a pdftoppm and then written (more
    ranges, to write while another draws, were slower: each pdftoppm reads the PDF anew).
    ``kept``: a page cache and each page's key; pages it holds are not drawn, and the
    pages drawn are added to it (with their thumbnails).
    """
    for old in folder.glob(f"{PAGE_PREFIX}-*.png"):
        old.unlink()
    command = [tools.pdftoppm, "-scale-to-x", str(pixels[0]), "-scale-to-y", str(pixels[1])]
    cores = usable_cores()
    known = _kept_pages(kept) if thumbnails and count else {}
    if known:
        ranges: list[tuple[int, int] | None] = _runs(
            [page for page in range(1, (count or 0) + 1) if page not in known])
    else:
        ranges = _page_ranges(count or 0, cores) or [None]
    with tempfile.TemporaryDirectory(prefix="deckbuilder-png-", dir=folder) as scratch:

        def draw(pages: tuple[int, int] | None) -> list[tuple[Path, Image.Image | None]]:
            target = Path(scratch) / (f"range-{pages[0]}" if pages else "all")
            limits = ["-f", str(pages[0]), "-l", str(pages[1])] if pages else []
            _run([*command, *limits, str(pdf), str(target)], "pdftoppm")
            drawn = sorted(Path(scratch).glob(f"{target.name}-*.ppm"), key=_page_number)
            return [_write_page(raw, thumbnails) for raw in drawn]

        with ThreadPoolExecutor(cores) as pool:
            written = [page for part in pool.map(draw, ranges) for page in part]
        if kept is not None and thumbnails:
            _keep_pages(kept, written, known)
        written += [_known_page(Path(scratch), number, page)
                    for number, page in known.items()]
        written.sort(key=lambda drawn: _page_number(drawn[0]))
        width = max(2, len(str(len(written))))
        pages = []
        for png, thumbnail in written:
            page = folder / f"{PAGE_PREFIX}-{_page_number(png):0{width}d}.png"
            os.replace(png, page)
            pages.append((page, thumbnail))
    return pages


def _kept_pages(kept: tuple[PageCache, list[str]] | None) -> dict[int, tuple[bytes, bytes]]:
    """The pages (PNG, thumbnail PNG) the cache holds, by page number."""
    if kept is None:
        return {}
    cache, keys = kept
    found = {number: cache.get(key) for number, key in enumerate(keys, start=1)}
    return {number: page for number, page in found.items() if page is not None}


def _keep_pages(kept: tuple[PageCache, list[str]],
                written: list[tuple[Path, Image.Image | None]],
                known: dict[int, tuple[bytes, bytes]]) -> None:
    cache, keys = kept
    for png, thumbnail in written:
        number = _page_number(png)
        if number not in known and thumbnail is not None and number <= len(keys):
            cache.put(keys[number - 1], png.read_bytes(), png_bytes(thumbnail))


def _known_page(scratch: Path, number: int,
                page: tuple[bytes, bytes]) -> tuple[Path, Image.Image]:
    """A kept page written into ``scratch`` (moved into place with the drawn ones)."""
    png = scratch / f"kept-{number}.png"
    png.write_bytes(page[0])
    with Image.open(io.BytesIO(page[1])) as thumbnail:
        thumbnail.load()
        return png, thumbnail.convert("RGB")


def _runs(pages: list[int]) -> list[tuple[int, int] | None]:
    """Ascending page numbers as runs of consecutive pages (first, last)."""
    runs: list[tuple[int, int] | None] = []
    for page in pages:
        last = runs[-1] if runs else None
        if last is not None and last[1] == page - 1:
            runs[-1] = (last[0], page)
        else:
            runs.append((page, page))
    return runs


def _page_number(drawn: Path) -> int:
    """The page number pdftoppm put in a file's name (``range-1-07.ppm``: 7)."""
    return int(drawn.stem.rsplit("-", 1)[1])


def _write_page(raw: Path, thumbnail: bool) -> tuple[Path, Image.Image | None]:
    """Write the page drawn in ``raw`` as PNG beside it (moved into place once every page
    is drawn), with its thumbnail if asked."""
    png = raw.with_suffix(".png")
    with Image.open(raw) as image:
        image.load()
        png.write_bytes(png_bytes(image))
        return png, _thumbnail(image) if thumbnail else None


def _page_ranges(count: int, workers: int) -> list[tuple[int, int]]:
    """``count`` pages as at most ``workers`` ranges (first, last) of near-equal length."""
    parts = max(1, min(workers, count))
    bounds = [round(i * count / parts) for i in range(parts + 1)]
    return [(a + 1, b) for a, b in zip(bounds, bounds[1:]) if b > a]


def contact_sheet(thumbnails: list[Image.Image], titles: list[str]) -> Image.Image:
    """Every slide's thumbnail (``_thumbnail``) bordered, in reading order, captioned
    'N  title'."""
    thumb_w, thumb_h = thumbnails[0].size
    columns = min(MAX_COLUMNS, max(1, math.ceil(math.sqrt(len(thumbnails)))))
    rows = math.ceil(len(thumbnails) / columns)
    cell_h = thumb_h + CAPTION
    sheet = Image.new("RGB", (GAP + columns * (thumb_w + GAP), GAP + rows * (cell_h + GAP)),
                      SHEET_BACKGROUND)
    draw = ImageDraw.Draw(sheet)
    font = ImageFont.truetype(str(font_file("Carlito")), CAPTION_FONT_SIZE)
    bold = ImageFont.truetype(str(font_file("Carlito", bold=True)), CAPTION_FONT_SIZE)
    for index, (thumb, title) in enumerate(zip(thumbnails, titles)):
        row, column = divmod(index, columns)
        x, y = GAP + column * (thumb_w + GAP), GAP + row * (cell_h + GAP)
        sheet.paste(thumb, (x, y))
        draw.rectangle((x - 1, y - 1, x + thumb_w, y + thumb_h), outline=BORDER)
        number = str(index + 1)
        caption_y = y + thumb_h + (CAPTION - CAPTION_FONT_SIZE) // 2
        draw.text((x, caption_y), number, font=bold, fill=CAPTION_COLOR)
        indent = round(draw.textlength(number + "  ", font=bold))
        draw.text((x + indent, caption_y), _truncate(draw, title, font, thumb_w - indent),
                  font=font, fill=CAPTION_COLOR)
    return sheet


def _thumbnail(page: Image.Image) -> Image.Image:
    """The page ``THUMB_WIDTH`` wide: averaged over blocks of pixels by the largest whole
    factor that fits (a slide page at ``DPI`` is exactly four thumbnails wide), then
    Lanczos for what is left, if anything."""
    size = (THUMB_WIDTH, round(THUMB_WIDTH * page.height / page.width))
    return page.convert("RGB").resize(size, Image.LANCZOS, reducing_gap=1.0)


def _truncate(draw: ImageDraw.ImageDraw, text: str, font: ImageFont.FreeTypeFont,
              width: int) -> str:
    if draw.textlength(text, font=font) <= width:
        return text
    while text and draw.textlength(text + "…", font=font) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def _run(command: list[str], tool: str) -> None:
    """Run a converter in its own process group, so a hung one is killed with its children."""
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               start_new_session=True)
    try:
        _, error = process.communicate(timeout=TIMEOUT_SECONDS)
    except BaseException as exc:  # a timeout, or Ctrl-C (which the new session does not see)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        if isinstance(exc, subprocess.TimeoutExpired):
            raise PreviewError(f"{tool} did not finish within {TIMEOUT_SECONDS} s") from None
        raise
    if process.returncode != 0:
        detail = error.decode(errors="replace").strip().splitlines()
        raise PreviewError(f"{tool} failed (exit {process.returncode})"
                           + (f": {detail[-1]}" if detail else ""))
