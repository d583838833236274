"""``deckbuilder preview``: slide PNGs and a contact sheet through LibreOffice.

The rendering tests need LibreOffice and poppler (installed in CI by .ci/run) and are skipped
without them; the error path and the contact-sheet geometry are tested everywhere.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image
from pptx import Presentation

from deckbuilder import contact_sheet, preview, preview_pages
from deckbuilder.cli import main
from deckbuilder.scaffold import scaffold

COLUMNS = {2: 2, 6: 3, 7: 3, 8: 3, 39: 5}  # slides -> thumbnails per row: near-square, at most five
THUMB_H = 180  # 16:9 thumbnails 320 px wide


def tools_or_skip() -> None:
    try:
        preview.find_tools()
    except preview.PreviewError as exc:
        pytest.skip(str(exc))


@pytest.fixture
def starter(tmp_path) -> Path:
    """The starter deck: small, so LibreOffice runs quickly."""
    scaffold(tmp_path / "talk")
    return tmp_path / "talk" / "deck.yaml"


def test_preview_writes_one_png_per_slide_and_a_contact_sheet(starter, tmp_path, capsys):
    tools_or_skip()
    out = tmp_path / "preview"
    out.mkdir()
    stale = out / "slide-99.png"  # left over from a longer version of the deck
    Image.new("RGB", (4, 4)).save(stale)

    assert main(["preview", str(starter), "-o", str(out)]) == 0
    assert "contact-sheet.png" in capsys.readouterr().out
    assert (out / "deck.pptx").is_file() and (out / "deck.pdf").is_file()
    assert not stale.exists()
    pages = sorted(out.glob("slide-*.png"))
    count = len(Presentation(str(out / "deck.pptx")).slides)
    assert count > 1 and [p.name for p in pages] == [f"slide-{n:02d}.png"
                                                      for n in range(1, count + 1)]
    for page in pages:
        with Image.open(page) as image:
            assert image.size == (1280, 720)
    with Image.open(out / "contact-sheet.png") as sheet:
        assert sheet.size == expected_sheet_size(count)


def test_missing_tools_give_the_install_command(starter, tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(preview.shutil, "which", lambda name: None)
    out = tmp_path / "preview"
    assert main(["preview", str(starter), "-o", str(out)]) == 1
    error = capsys.readouterr().err
    assert "apt-get install libreoffice-impress poppler-utils" in error
    assert "Traceback" not in error
    assert not out.exists(), "nothing is built when the tools are missing"


def expected_sheet_size(count: int) -> tuple[int, int]:
    columns = COLUMNS[count]
    rows = -(-count // columns)
    return (contact_sheet.GAP + columns * (contact_sheet.THUMB_WIDTH + contact_sheet.GAP),
            contact_sheet.GAP + rows * (THUMB_H + contact_sheet.CAPTION + contact_sheet.GAP))


@pytest.mark.parametrize("count", [2, 39])
def test_contact_sheet_tiles_every_page(tmp_path, count):
    size = contact_sheet.thumbnail_size((1280, 720))
    sheet = contact_sheet.ContactSheet([f"Slide with a rather long title {n}"
                                        for n in range(count)], size)
    for number in reversed(range(count)):  # cells filled in any order
        page = Image.new("RGB", (1280, 721 if number % 2 else 720), (number * 6, 0, 0))
        sheet.place(number, contact_sheet.thumbnail(page, size))
    assert sheet.image.size == expected_sheet_size(count)
    with pytest.raises(ValueError, match="thumbnail"):
        sheet.place(0, Image.new("RGB", (size[0], size[1] + 1)))
    # The last thumbnail sits in its cell, in the page's colour.
    row, column = divmod(count - 1, COLUMNS[count])
    x = contact_sheet.GAP + column * (contact_sheet.THUMB_WIDTH + contact_sheet.GAP) + 10
    y = contact_sheet.GAP + row * (THUMB_H + contact_sheet.CAPTION + contact_sheet.GAP) + 10
    assert sheet.image.getpixel((x, y)) == ((count - 1) * 6, 0, 0)


@pytest.mark.parametrize("count, workers", [(39, 2), (1, 2), (5, 8), (7, 3), (0, 2)])
def test_pages_are_split_into_ranges_that_cover_each_page_once(count, workers):
    ranges = preview_pages._page_ranges(count, workers)
    assert len(ranges) <= max(1, min(workers, count))
    covered = [page for first, last in ranges for page in range(first, last + 1)]
    assert covered == list(range(1, count + 1))
    assert max((b - a for a, b in ranges), default=0) - min((b - a for a, b in ranges),
                                                             default=0) <= 1


def test_pages_are_written_as_pngs_any_reader_decodes_to_the_same_pixels():
    import io
    import random

    from deckbuilder.png import png_bytes

    rng = random.Random(7)
    picture = Image.new("RGB", (37, 11))
    picture.putdata([(rng.randrange(256), rng.randrange(256), rng.randrange(256))
                     for _ in range(37 * 11)])
    with Image.open(io.BytesIO(png_bytes(picture))) as read:
        assert read.format == "PNG" and read.mode == "RGB" and read.size == (37, 11)
        assert read.tobytes() == picture.tobytes()
    with pytest.raises(ValueError, match="RGB"):
        png_bytes(picture.convert("L"))


def _sheet_with_pages(count: int, order: list[int], deflate_after: set[int]) -> tuple[bytes, Image.Image]:
    """A contact sheet of ``count`` coloured pages placed in ``order``, its full rows
    deflated after each placement in ``deflate_after`` (as preview does during LibreOffice)."""
    size = contact_sheet.thumbnail_size((1280, 720))
    sheet = contact_sheet.ContactSheet([f"Title {n}" for n in range(count)], size)
    for step, number in enumerate(order):
        colour = (number * 9 % 256, 255 - number * 5 % 256, 40 + number)
        sheet.place(number, Image.new("RGB", size, colour))
        if step in deflate_after:
            sheet.deflate_full_rows()
    return sheet.png(), sheet.image


@pytest.mark.parametrize("count", [1, 7, 23])
def test_a_sheet_deflated_row_by_row_is_the_sheet_encoded_at_once(count):
    """Preview deflates full rows while LibreOffice runs and the rest after; however the
    work was split, the file is the same, and it decodes to the sheet's pixels."""
    import io

    at_once, image = _sheet_with_pages(count, list(range(count)), set())
    # Kept pages first, rows deflated, then the changed pages (one in a deflated row).
    kept = [n for n in range(count) if n % 3]
    changed = [n for n in range(count) if not n % 3]
    split, _ = _sheet_with_pages(count, kept + changed + [0],
                                 {len(kept) - 1, len(kept) + len(changed) - 1})
    assert split == at_once
    with Image.open(io.BytesIO(split)) as read:
        read.load()
        assert read.size == image.size and read.tobytes() == image.tobytes()


def test_a_placed_thumbnail_invalidates_its_rows_deflated_band():
    """A row deflated early and then given a different thumbnail is deflated again."""
    import io

    size = contact_sheet.thumbnail_size((1280, 720))
    sheet = contact_sheet.ContactSheet(["A", "B"], size)
    for number in (0, 1):
        sheet.place(number, Image.new("RGB", size, "white"))
    sheet.deflate_full_rows()
    sheet.place(1, Image.new("RGB", size, (200, 10, 10)))
    x, y = sheet.corner(1)
    with Image.open(io.BytesIO(sheet.png())) as read:
        assert read.convert("RGB").getpixel((x + 5, y + 5)) == (200, 10, 10)


def test_adler32_of_joined_bands_is_zlibs():
    import random
    import zlib

    from deckbuilder.png import adler32_combine

    rng = random.Random(3)
    for first_length, second_length in [(0, 0), (0, 5), (9, 0), (1, 1), (700, 65521),
                                        (65520, 65522), (200_000, 131_043)]:
        first = rng.randbytes(first_length)
        second = bytes([255]) * second_length if second_length % 2 else rng.randbytes(
            second_length)
        assert adler32_combine(zlib.adler32(first), zlib.adler32(second),
                               len(second)) == zlib.adler32(first + second)


def test_leaving_a_conversion_early_stops_libreoffice(tmp_path):
    """A failure (or Ctrl-C) while preview works beside LibreOffice kills it and its
    children: no soffice is left converting in the background."""
    import time

    pids = tmp_path / "pids"
    soffice = tmp_path / "soffice"
    soffice.write_text(f'#!/bin/sh\nsleep 60 &\necho $$ $! > {pids}\nwait\n')
    soffice.chmod(0o755)
    pptx = tmp_path / "deck.pptx"
    pptx.write_bytes(b"PK")
    tools = preview.Tools(str(soffice), "pdftoppm")
    with pytest.raises(KeyboardInterrupt):
        with preview.pdf_conversion(pptx, tmp_path, tools):
            deadline = time.monotonic() + 10
            while not pids.exists() or not pids.read_text().strip():
                assert time.monotonic() < deadline, "the stand-in soffice never started"
                time.sleep(0.02)
            raise KeyboardInterrupt
    for pid in map(int, pids.read_text().split()):
        deadline = time.monotonic() + 5
        while _alive(pid):
            assert time.monotonic() < deadline, f"process {pid} outlived the conversion"
            time.sleep(0.02)


def _alive(pid: int) -> bool:
    """Whether ``pid`` runs (a zombie, killed and waiting for its parent, does not)."""
    import os

    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    with open(f"/proc/{pid}/stat") as stat:
        return stat.read().rsplit(")", 1)[1].split()[0] != "Z"


def test_libreoffice_starts_before_the_build_and_converts_in_the_same_profile(
        starter, tmp_path, monkeypatch):
    """Preview starts LibreOffice first, so its start-up runs while the deck builds, and
    asks for the PDF in that instance's profile (LibreOffice hands a conversion to the
    instance running in a profile); when preview ends, the instance is stopped and its
    profile removed."""
    import os
    import time

    from deckbuilder import pipeline

    log, page = tmp_path / "calls", tmp_path / "page.ppm"
    Image.new("RGB", (1280, 720), "white").save(page)
    soffice, pdftoppm = tmp_path / "soffice", tmp_path / "pdftoppm"
    soffice.write_text(  # the instance waits to be stopped; the conversion writes a PDF
        f'#!/bin/sh\necho "$$ $*" >> {log}\ncase " $* " in *" --convert-to "*) ;; '
        '*) exec sleep 60;; esac\nwhile [ $# -gt 1 ]; do [ "$1" = --outdir ] && out=$2; '
        'shift; done\nprintf %%PDF > "$out/$(basename "$1" .pptx).pdf"\n')
    pdftoppm.write_text(  # pages -f to -l of the PDF, named as pdftoppm names them
        '#!/bin/sh\nwhile [ $# -gt 2 ]; do case $1 in -f) f=$2;; -l) l=$2;; esac; shift; '
        f'done\nwhile [ "$f" -le "$l" ]; do cp {page} "$2-$f.ppm"; f=$((f + 1)); done\n')
    for tool in (soffice, pdftoppm):
        tool.chmod(0o755)
    monkeypatch.setattr(preview, "find_tools",
                        lambda: preview.Tools(str(soffice), str(pdftoppm)))
    events: list[str] = []  # what was started, and when the deck was built
    compile_deck, popen = pipeline.compile_deck, preview.subprocess.Popen
    monkeypatch.setattr(pipeline, "compile_deck", lambda *args, **kwargs: (
        events.append("build") or compile_deck(*args, **kwargs)))
    monkeypatch.setattr(preview.subprocess, "Popen", lambda command, **kwargs: (
        command[0] == str(soffice) and events.append(" ".join(command[1:]))
        or popen(command, **kwargs)))

    assert main(["preview", str(starter), "-o", str(tmp_path / "out")]) == 0
    started, converting = [line.split(" ", 1) for line in log.read_text().splitlines()]
    assert "--convert-to" not in started[1] and "--convert-to" in converting[1]
    profile = next(arg for arg in started[1].split() if arg.startswith("-env:"))
    assert profile in converting[1].split()
    assert events == [started[1], "build", converting[1]], \
        "start-up first, the conversion after the build"
    deadline = time.monotonic() + 5
    while _alive(int(started[0])):
        assert time.monotonic() < deadline, "the started instance outlived the preview"
        time.sleep(0.02)
    assert not os.path.exists(profile.split("file://", 1)[1]), "its profile is removed"
