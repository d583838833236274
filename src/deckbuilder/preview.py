"""See a deck without opening PowerPoint: PDF, one PNG per slide, and a contact sheet.

LibreOffice renders the built .pptx to PDF and poppler's ``pdftoppm`` rasterises the pages
(``preview_pages.py``); PIL tiles them into one image with numbered thumbnails
(``contact_sheet.py``), so an editor can check a whole deck at a glance after each change.
LibreOffice is a preview, not a validity oracle: a deck that looks right here can still make
PowerPoint complain (the tests check structure separately). This module imports no PIL: a
preview imports it while LibreOffice converts.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .atomic import write_atomically, write_output
from .paths import check_targets

INSTALL_HINT = "apt-get install libreoffice-impress poppler-utils"
SOFFICE_NAMES = ("soffice", "libreoffice")
TIMEOUT_SECONDS = 300
DPI = 96  # a 13.33 in wide slide becomes 1280 px
EMU_PER_INCH = 914400
PAGE_PREFIX = "slide"
SHEET_NAME = "contact-sheet.png"


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
    with libreoffice_starting(tools) as profile:  # its start-up runs beside the build
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
                              project_cache(compiled.policy.root), profile)


def check_preview_targets(folder: Path, stem: str, inputs: dict[Path, str]) -> None:
    """Everything a preview replaces (the old pages are deleted) gets the check every write
    gets: none of it may be a file the deck reads."""
    check_targets([folder / f"{stem}.pdf", folder / SHEET_NAME,
                   *folder.glob(f"{PAGE_PREFIX}-*.png")], inputs)


def render_preview(pptx: Path, folder: Path, titles: list[str], size: tuple[int, int],
                   tools: Tools, cache: Path | None = None,
                   profile: Path | None = None) -> Preview:
    """PDF, slide PNGs and contact sheet for ``pptx`` (slides ``size`` EMU), written into
    ``folder``; pages drawn by an earlier preview of the same slides come from the cache
    folder ``cache`` (see ``page_cache.py``); ``profile``: see :func:`pdf_conversion`.

    LibreOffice's conversion is most of a preview, and it keeps one core busy: everything
    that does not need its PDF (the page keys, the kept pages, the contact sheet's captions
    and kept thumbnails, and importing PIL for them) is done while it runs, so after it
    only the changed slides' pages are drawn."""
    pixels = page_pixels(size)
    folder.mkdir(parents=True, exist_ok=True)
    with pdf_conversion(pptx, folder, tools, profile) as converted:
        from .preview_pages import PreviewPages, scratch_folder

        with scratch_folder(folder) as scratch:
            pages = PreviewPages(pptx.read_bytes(), titles, tools, pixels, cache, Path(scratch))
            pdf = converted()
            drawn, sheet_png = pages.finish(pdf, folder)
    sheet = folder / SHEET_NAME
    write_atomically(sheet, sheet_png)
    return Preview(pptx, pdf, drawn, sheet)


def page_pixels(size: tuple[int, int]) -> tuple[int, int]:
    """A page's pixels at ``DPI`` for a slide ``size`` EMU."""
    width, height = (round(side / EMU_PER_INCH * DPI) for side in size)
    return width, height


def to_pdf(pptx: Path, folder: Path, tools: Tools) -> Path:
    """``pptx`` converted to a PDF in ``folder`` (see :func:`pdf_conversion`)."""
    with pdf_conversion(pptx, folder, tools) as converted:
        return converted()


@contextlib.contextmanager
def libreoffice_starting(tools: Tools) -> Iterator[Path]:
    """A private LibreOffice profile with LibreOffice starting up in it while the block
    runs; leaving the block stops it.

    Start-up is most of a conversion (about 1.7 of the seed deck's 2.8 s). LibreOffice
    keeps one instance per profile: a conversion in this profile (:func:`pdf_conversion`)
    is handed to the instance already starting, and waits for it, so preview builds the
    deck meanwhile (0.4 s less a preview, measured). Whichever of the two gets to the
    profile first converts; the other hands over."""
    with tempfile.TemporaryDirectory(prefix="deckbuilder-lo-") as profile:
        office = subprocess.Popen([tools.soffice, _profile_option(Path(profile)), "--headless",
                                   "--norestore"], stdin=subprocess.DEVNULL,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                  start_new_session=True)
        try:
            yield Path(profile)
        finally:
            _stop(office)


@contextlib.contextmanager
def pdf_conversion(pptx: Path, folder: Path, tools: Tools,
                   profile: Path | None = None) -> Iterator[Callable[[], Path]]:
    """LibreOffice converting ``pptx`` to a PDF in ``folder`` while the block runs, with a
    private profile, so parallel previews never collide: ``profile``, one
    :func:`libreoffice_starting` made, or a new one. The block calls what it is given to
    wait for the PDF; leaving the block before that stops LibreOffice."""
    pdf = folder / f"{pptx.stem}.pdf"
    pdf.unlink(missing_ok=True)  # never show last run's PDF if this conversion fails
    with contextlib.ExitStack() as cleanup:
        if profile is None:
            profile = Path(cleanup.enter_context(
                tempfile.TemporaryDirectory(prefix="deckbuilder-lo-")))
        # Absolute paths: an instance already running resolves them in its own folder.
        process = _start([tools.soffice, _profile_option(profile), "--headless",
                          "--norestore", "--convert-to", "pdf", "--outdir",
                          os.path.abspath(folder), os.path.abspath(pptx)])

        def converted() -> Path:
            _finish(process, "LibreOffice")
            if not pdf.is_file():
                raise PreviewError(f"LibreOffice did not write {pdf}; try opening {pptx} in it")
            return pdf

        try:
            yield converted
        finally:
            if process.poll() is None:
                _stop(process)


def _profile_option(profile: Path) -> str:
    return f"-env:UserInstallation={profile.as_uri()}"


def run_tool(command: list[str], tool: str) -> None:
    """Run a converter to its end (see :func:`_finish`)."""
    _finish(_start(command), tool)


def _start(command: list[str]) -> subprocess.Popen[bytes]:
    """Start a converter in its own process group, so a hung one is killed with its
    children."""
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            start_new_session=True)


def _finish(process: subprocess.Popen[bytes], tool: str) -> None:
    """Wait for a converter; a timeout, or Ctrl-C (which its new session does not see),
    kills it, and a failure is a PreviewError naming ``tool``."""
    try:
        _, error = process.communicate(timeout=TIMEOUT_SECONDS)
    except BaseException as exc:
        _stop(process)
        if isinstance(exc, subprocess.TimeoutExpired):
            raise PreviewError(f"{tool} did not finish within {TIMEOUT_SECONDS} s") from None
        raise
    if process.returncode != 0:
        detail = error.decode(errors="replace").strip().splitlines()
        raise PreviewError(f"{tool} failed (exit {process.returncode})"
                           + (f": {detail[-1]}" if detail else ""))


def _stop(process: subprocess.Popen[bytes]) -> None:
    """Kill a converter and its children, and reap it."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.communicate()
