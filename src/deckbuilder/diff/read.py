"""The two sides of a diff, read back from .pptx bytes: what each slide says, what its
charts plot, and what the build read.

A side is named on the command line as a built ``.pptx``, a deck YAML (built in memory,
nothing written but the chart cache, as any build), or a git revision of a deck,
``REV:PATH`` (the project files at that revision are extracted into a temporary folder
and built there, so the deck's data comes from the same revision; the user's tree is never
written). Either way the comparison reads the .pptx, never the YAML: it shows what a viewer
of the two files would see.
"""

from __future__ import annotations

import hashlib
import io
import re
import subprocess
import tarfile
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..freshness import Manifest, read_manifest
from ..points import ChartPoints, read_points
from ..theme.unpack import MAX_MEMBERS, MAX_UNPACKED_BYTES, PackageError

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
DECK_SUFFIXES = (".yaml", ".yml")
MAX_PACKAGE_BYTES = 200 * 1024 * 1024
NOTES = "Notes"  # the shape name of speaker notes' text
THEME_PARTS = re.compile(r"ppt/(theme|slideMasters|slideLayouts)/[^/]+\.xml")


class SideError(Exception):
    """A side of the diff that cannot be read: a missing file, not a .pptx, a bad revision."""


@dataclass(frozen=True)
class Text:
    """One paragraph as a viewer reads it, and the box it sits in (EMU; None in notes)."""

    text: str
    shape: str
    box: tuple[int, int, int, int] | None


@dataclass(frozen=True)
class SlideContent:
    index: int                      # 1-based position in the deck
    title: str
    texts: tuple[Text, ...]         # slide text in reading order, then the notes
    charts: tuple[ChartPoints, ...]


@dataclass(frozen=True)
class DeckContent:
    label: str                      # how the report names this side
    slides: tuple[SlideContent, ...]
    manifest: Manifest | None
    theme_digest: str               # of the theme, master and layout parts
    size: tuple[int, int]           # slide width and height, EMU
    package: bytes                  # the .pptx itself (for pictures of slides)
    has_points: bool                # whether the build stored its chart points


def load_side(name: str, allow_outside: bool = False) -> DeckContent:
    """Read one side as named on the command line (see the module docstring)."""
    path = Path(name)
    if path.is_file():
        if path.suffix.lower() in DECK_SUFFIXES:
            return read_package(_build(path, allow_outside), name)
        if path.stat().st_size > MAX_PACKAGE_BYTES:
            raise SideError(f"{name} is over {MAX_PACKAGE_BYTES:,} bytes; is it a deck?")
        return read_package(path.read_bytes(), name)
    if ":" in name and not path.exists():
        revision, _, inside = name.partition(":")
        return read_package(_build_revision(revision, inside, allow_outside), name)
    raise SideError(f"{name}: no such file (name a .pptx, a deck .yaml, or REV:PATH of a "
                    "deck in git, e.g. main:deck/deck.yaml)")


def _build(deck: Path, allow_outside: bool) -> bytes:
    from ..pipeline import compile_deck, render_pptx

    return render_pptx(compile_deck(deck, allow_outside=allow_outside))


def _build_revision(revision: str, inside: str, allow_outside: bool) -> bytes:
    """Build ``inside`` (a path from the repository's top) as it was at ``revision``."""
    if not revision or revision.startswith("-"):  # (never an option to git)
        raise SideError(f"{revision}:{inside}: name a git revision before the ':', "
                        "e.g. main:deck/deck.yaml")
    with tempfile.TemporaryDirectory(prefix="deckbuilder-diff-") as name:
        folder = Path(name).resolve()
        deck = (folder / inside.removeprefix("./")).resolve()
        if not deck.is_relative_to(folder) or deck == folder:
            raise SideError(f"{revision}:{inside}: the path is from the top of the repository "
                            "and stays inside it")
        top = _git(["rev-parse", "--show-toplevel"], "finding the repository")
        _extract(["-C", top, "archive", "--format=tar", revision], folder,
                 f"reading {revision}")
        (folder / ".git").mkdir()  # the project root, as in the checkout
        if not deck.is_file():
            raise SideError(f"{revision}:{inside}: no such file at that revision")
        return _build(deck, allow_outside)


def _git(arguments: list[str], doing: str) -> str:
    try:
        done = subprocess.run(["git", *arguments], capture_output=True, check=False)
    except FileNotFoundError:
        raise SideError("git not found; a REV:PATH side needs it") from None
    if done.returncode != 0:
        raise SideError(_git_failed(doing, done.stderr))
    return done.stdout.decode().strip()


def _extract(arguments: list[str], folder: Path, doing: str) -> None:
    """Unpack the tar ``git`` writes, as it streams, into ``folder`` (plain files and
    folders only: tarfile's ``data`` filter refuses links out, devices, absolute names)."""
    process = subprocess.Popen(["git", *arguments], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE)
    assert process.stdout is not None and process.stderr is not None
    try:
        with tarfile.open(fileobj=process.stdout, mode="r|") as tar:
            tar.extractall(folder, filter="data")
    except tarfile.TarError as exc:
        process.kill()
        problem: str | None = str(exc)
    else:
        problem = None
    error = process.stderr.read()
    if process.wait() != 0 or problem:
        raise SideError(_git_failed(doing, error) if error.strip() else
                        f"git failed {doing}: {problem or 'no message'}")


def _git_failed(doing: str, error: bytes) -> str:
    detail = error.decode(errors="replace").strip().splitlines()
    return f"git failed {doing}: {detail[-1] if detail else 'no message'}"


def read_package(package: bytes, label: str) -> DeckContent:
    """What a .pptx shows, slide by slide, with its stored chart points and manifest."""
    from pptx import Presentation
    from pptx.exc import PackageNotFoundError

    try:
        _check_bounds(package)
        presentation = Presentation(io.BytesIO(package))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise SideError(f"{label}: not a PowerPoint file ({exc})") from None
    except PackageError as exc:
        raise SideError(f"{label}: {exc}") from None
    points = read_points(package)
    slides = tuple(_slide(index, slide, (points or {}).get(index, []))
                   for index, slide in enumerate(presentation.slides, start=1))
    return DeckContent(label, slides, read_manifest(io.BytesIO(package)), _theme_digest(package),
                       (presentation.slide_width or 0, presentation.slide_height or 0), package,
                       points is not None)


def _check_bounds(package: bytes) -> None:
    """The template reader's part-count and size limits, before python-pptx inflates every
    member of a file that may come from anywhere (zipfile stops a member at its declared
    size, so the declared sizes bound the memory)."""
    with zipfile.ZipFile(io.BytesIO(package)) as archive:
        members = archive.infolist()
    if len(members) > MAX_MEMBERS:
        raise PackageError(f"it has {len(members):,} parts, over the {MAX_MEMBERS:,}-part limit")
    size = sum(info.file_size for info in members)
    if size > MAX_UNPACKED_BYTES:
        raise PackageError(f"it unpacks to {size:,} bytes, over the "
                           f"{MAX_UNPACKED_BYTES:,}-byte limit")


def _slide(index: int, slide: Any, charts: list[ChartPoints]) -> SlideContent:
    texts = [text for shape in slide.shapes for text in _shape_texts(shape)]
    if slide.has_notes_slide:
        notes = slide.notes_slide.notes_text_frame._txBody.p_lst
        texts += [Text(text, NOTES, None) for p in notes if (text := _paragraph(p))]
    title_shape = slide.shapes.title
    title = _clean(title_shape.text_frame.text) if title_shape is not None else ""
    return SlideContent(index, title or (texts[0].text if texts else ""), tuple(texts),
                        tuple(charts))


def _shape_texts(shape: Any) -> list[Text]:
    """The paragraphs of a text shape, rows of a table, or shapes of a group; nothing for
    a slide number, which changes on every slide after an insertion."""
    from pptx.enum.shapes import MSO_SHAPE_TYPE, PP_PLACEHOLDER

    if shape.shape_type == MSO_SHAPE_TYPE.GROUP:
        return [text for inner in shape.shapes for text in _shape_texts(inner)]
    if shape.name == "Slide number" or (
            shape.is_placeholder and shape.placeholder_format.type == PP_PLACEHOLDER.SLIDE_NUMBER):
        return []
    box = (shape.left or 0, shape.top or 0, shape.width or 0, shape.height or 0)
    if getattr(shape, "has_table", False):
        return [Text(" | ".join(_clean(cell.text) for cell in row.cells), shape.name, box)
                for row in shape.table.rows]
    if not shape.has_text_frame:
        return []
    return [Text(text, shape.name, box) for p in shape.text_frame._txBody.p_lst
            if (text := _paragraph(p))]


def _paragraph(p: Any) -> str:
    """A paragraph's text: runs, line breaks as spaces, fields except the slide number."""
    parts = []
    for child in p:
        if child.tag == f"{A}r" or (child.tag == f"{A}fld" and child.get("type") != "slidenum"):
            parts.append("".join(t.text or "" for t in child.iter(f"{A}t")))
        elif child.tag == f"{A}br":
            parts.append(" ")
    return _clean("".join(parts))


def _clean(text: str) -> str:
    return " ".join(text.split())


def _theme_digest(package: bytes) -> str:
    """One hash of the parts that make a deck's look (theme, masters, layouts)."""
    digest = hashlib.sha256()
    with zipfile.ZipFile(io.BytesIO(package)) as archive:
        for name in sorted(n for n in archive.namelist() if THEME_PARTS.fullmatch(n)):
            digest.update(name.encode() + b"\0" + archive.read(name))
    return digest.hexdigest()
