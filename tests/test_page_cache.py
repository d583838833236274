"""Preview pages kept between previews (page_cache.py): a page is drawn again only when what
it is drawn from changed, and a kept page is the page a fresh drawing gives.

The keys are checked on built decks without any tool; the previews need LibreOffice and
poppler (installed in CI) and are skipped without them."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from deckbuilder import preview, preview_pages
from deckbuilder.cli import main
from deckbuilder.page_cache import page_keys
from deckbuilder.scaffold import scaffold

TOOLS = ("/usr/bin/soffice", "/usr/bin/pdftoppm")
PIXELS = (1280, 720)


@pytest.fixture
def starter(tmp_path) -> Path:
    scaffold(tmp_path / "talk")
    return tmp_path / "talk" / "deck.yaml"


def built(deck: Path, out: Path) -> bytes:
    assert main(["build", str(deck), "-o", str(out)]) == 0
    return out.read_bytes()


def test_a_slides_key_changes_with_the_slide_and_nothing_else_it_does_not_show(starter,
                                                                             tmp_path):
    keys = page_keys(built(starter, tmp_path / "a.pptx"), TOOLS, PIXELS)
    text = starter.read_text(encoding="utf-8")
    starter.write_text(text.replace("title: Why this deck exists", "title: Why this deck is",
                                    1), encoding="utf-8")
    edited = page_keys(built(starter, tmp_path / "b.pptx"), TOOLS, PIXELS)
    changed = [number for number, (a, b) in enumerate(zip(keys, edited), 1) if a != b]
    assert len(keys) == len(edited) > 3 and changed == [2]
    assert page_keys(built(starter, tmp_path / "c.pptx"), TOOLS, (640, 360)) != edited


def test_a_layout_change_reaches_every_slide_on_it_and_notes_reach_none(starter, tmp_path):
    pptx = built(starter, tmp_path / "a.pptx")
    keys = page_keys(pptx, TOOLS, PIXELS)

    def changed(name: str, edit) -> list[int]:
        with zipfile.ZipFile(tmp_path / "a.pptx") as source:
            entries = {info.filename: source.read(info) for info in source.infolist()}
        entries[name] = edit(entries[name])
        target = tmp_path / "edited.pptx"
        with zipfile.ZipFile(target, "w") as package:
            for entry, data in entries.items():
                package.writestr(entry, data)
        edited = page_keys(target.read_bytes(), TOOLS, PIXELS)
        return [number for number, (a, b) in enumerate(zip(keys, edited), 1) if a != b]

    with zipfile.ZipFile(tmp_path / "a.pptx") as package:
        names = package.namelist()
        notes = sorted(n for n in names if n.startswith("ppt/notesSlides/notesSlide"))
        rels = package.read("ppt/slides/_rels/slide1.xml.rels").decode()
    layout = "ppt/slideLayouts/" + rels.split("slideLayouts/")[1].split('"')[0]
    on_layout = changed(layout, lambda xml: xml.replace(b"</p:cSld>", b"</p:cSld>", 1) + b" ")
    assert 1 in on_layout
    if notes:
        assert changed(notes[0], lambda xml: xml.replace(b"<a:t>", b"<a:t>Edited ", 1)) == []
    assert len(changed("ppt/theme/theme1.xml", lambda xml: xml + b" ")) == len(keys)


def tools_or_skip() -> None:
    try:
        preview.find_tools()
    except preview.PreviewError as exc:
        pytest.skip(str(exc))


def drawn_pages(monkeypatch) -> list[list[str]]:
    """The page ranges pdftoppm is asked to draw, one list per run."""
    calls: list[list[str]] = []
    real = preview_pages.run_tool

    def run(command: list[str], tool: str) -> None:
        if tool == "pdftoppm":
            calls.append(command[command.index("-f"):command.index("-l") + 2]
                         if "-f" in command else ["all"])
        real(command, tool)

    monkeypatch.setattr(preview_pages, "run_tool", run)
    return calls


def test_a_second_preview_draws_only_the_edited_slides_page(starter, tmp_path, monkeypatch):
    tools_or_skip()
    monkeypatch.setenv("DECKBUILDER_CACHE_DIR", str(tmp_path / "cache"))
    calls = drawn_pages(monkeypatch)
    first, second, third = (tmp_path / name for name in ("first", "second", "third"))
    assert main(["preview", str(starter), "-o", str(first)]) == 0
    assert calls and all(call != [] for call in calls)
    calls.clear()
    assert main(["preview", str(starter), "-o", str(second)]) == 0
    assert calls == []  # every page (and the contact sheet) kept
    pages = sorted(path.name for path in first.glob("*.png"))
    assert pages == sorted(path.name for path in second.glob("*.png"))
    assert all((first / name).read_bytes() == (second / name).read_bytes() for name in pages)

    text = starter.read_text(encoding="utf-8")
    starter.write_text(text.replace("title: Why this deck exists", "title: Why this deck is",
                                    1), encoding="utf-8")
    assert main(["preview", str(starter), "-o", str(third)]) == 0
    assert calls == [["-f", "2", "-l", "2"]]
    differ = [name for name in pages if (first / name).read_bytes() != (third / name).read_bytes()]
    assert differ == ["contact-sheet.png", "slide-02.png"]
    # What the cache and the early work gave is what a first preview of the edited deck draws.
    monkeypatch.setenv("DECKBUILDER_CACHE_DIR", str(tmp_path / "empty-cache"))
    fresh = tmp_path / "fresh"
    assert main(["preview", str(starter), "-o", str(fresh)]) == 0
    assert all((fresh / name).read_bytes() == (third / name).read_bytes() for name in pages)


def test_a_slide_added_at_the_end_keeps_every_other_pages_key(starter, tmp_path):
    keys = page_keys(built(starter, tmp_path / "a.pptx"), TOOLS, PIXELS)
    starter.write_text(starter.read_text(encoding="utf-8")
                       + "  - {kind: section, title: One more}\n", encoding="utf-8")
    longer = page_keys(built(starter, tmp_path / "b.pptx"), TOOLS, PIXELS)
    assert len(longer) == len(keys) + 1 and longer[:len(keys)] == keys
