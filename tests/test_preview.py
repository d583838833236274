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
