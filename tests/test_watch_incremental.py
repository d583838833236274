"""A watching process replays unchanged slides; its output is a fresh build's, byte for byte.

``watch`` keeps what it rendered (``render/reuse.py``) and, on the next rebuild, renders
only the slides whose laid-out value changed. Each test edits a deck the way an editor
does (one title, one bullet, two slides swapped, a slide removed, a link added to notes),
rebuilds it in one process with the memory of rendered slides, and compares the file with
a ``deckbuilder build`` of the same input in a new process.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from pptx import Presentation

from deckbuilder.render.reuse import RenderedSlides
from deckbuilder.watch import build_once
from helpers import ALL_KINDS, FIXTURES, SEED_DECK


def fresh_build(deck: Path, out: Path) -> bytes:
    """``deckbuilder build`` in a new process: nothing remembered."""
    subprocess.run([sys.executable, "-m", "deckbuilder", "build", str(deck), "-o", str(out)],
                   check=True, capture_output=True, cwd=deck.parent)
    return out.read_bytes()


class Session:
    """One watching process's builds of ``deck`` (in-process, as ``watch`` runs them)."""

    def __init__(self, deck: Path, out: Path) -> None:
        self.deck, self.out, self.rendered = deck, out, RenderedSlides()

    def build(self) -> bytes:
        outcome = build_once(self.deck, self.out, out=io.StringIO(), err=io.StringIO(),
                             reuse=self.rendered)
        assert outcome.ok
        return self.out.read_bytes()

    def edit(self, old: str, new: str) -> None:
        text = self.deck.read_text(encoding="utf-8")
        assert old in text, old
        self.deck.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def seed(tmp_path, monkeypatch) -> Session:
    monkeypatch.setenv("DECKBUILDER_CACHE_DIR", str(tmp_path / "cache"))
    project = tmp_path / "project"
    root = SEED_DECK.parents[1]
    for folder in ("deck", "charts"):
        shutil.copytree(root / folder, project / folder)
    (project / "deckbuilder.toml").write_text("")
    return Session(project / "deck" / SEED_DECK.name, tmp_path / "watched.pptx")


@pytest.fixture
def all_kinds(tmp_path, monkeypatch) -> Session:
    monkeypatch.setenv("DECKBUILDER_CACHE_DIR", str(tmp_path / "cache"))
    shutil.copy(ALL_KINDS, tmp_path / "deck.yaml")
    shutil.copy(FIXTURES / "photo.png", tmp_path / "photo.png")
    (tmp_path / "deckbuilder.toml").write_text("")
    return Session(tmp_path / "deck.yaml", tmp_path / "watched.pptx")


def slide_count(data: bytes) -> int:
    return len(Presentation(io.BytesIO(data)).slides)


def test_an_edited_title_replays_every_other_slide_and_writes_a_fresh_builds_bytes(
        seed, tmp_path):
    first = seed.build()
    assert seed.rendered.replayed == 0
    seed.edit("title: Crime Threats", "title: Crime Threats Today")
    edited = seed.build()
    total = slide_count(edited)
    assert total - 3 <= seed.rendered.replayed < total  # the slide, and any that name it
    assert edited != first
    assert edited == fresh_build(seed.deck, tmp_path / "fresh.pptx")


def test_a_rebuild_with_nothing_changed_replays_every_slide(seed, tmp_path):
    first = seed.build()
    again = seed.build()
    assert seed.rendered.replayed == slide_count(again)
    assert again == first == fresh_build(seed.deck, tmp_path / "fresh.pptx")


def test_swapped_and_removed_slides_number_pictures_and_notes_as_a_fresh_build(
        all_kinds, tmp_path):
    all_kinds.build()
    text = all_kinds.deck.read_text(encoding="utf-8")
    image = text.index("  - kind: image")
    chart = text.index("  - kind: chart")
    end = text.index("  - kind: chart", chart + 1)
    # the chart before the image: pictures are numbered in a new order
    swapped = text[:image] + text[chart:end] + text[image:chart] + text[end:]
    all_kinds.deck.write_text(swapped, encoding="utf-8")
    edited = all_kinds.build()
    assert all_kinds.rendered.replayed > 0
    assert edited == fresh_build(all_kinds.deck, tmp_path / "fresh-swapped.pptx")
    start = swapped.index("  - kind: quote")
    removed = swapped[:start] + swapped[swapped.index("  - kind: stat"):]
    all_kinds.deck.write_text(removed, encoding="utf-8")
    assert all_kinds.build() == fresh_build(all_kinds.deck, tmp_path / "fresh-removed.pptx")


def test_links_in_notes_and_bullets_are_made_again(all_kinds, tmp_path):
    all_kinds.build()
    all_kinds.edit("notes: Cover notes.",
                   "notes: Cover notes, see [the source](https://example.org/a).")
    assert all_kinds.build() == fresh_build(all_kinds.deck, tmp_path / "fresh-1.pptx")
    all_kinds.edit("notes: Chart notes.", "notes: Chart notes from <https://example.org/b>.")
    again = all_kinds.build()
    assert all_kinds.rendered.replayed >= slide_count(again) - 2
    assert again == fresh_build(all_kinds.deck, tmp_path / "fresh-2.pptx")


def test_an_input_changed_while_building_voids_the_output(seed, tmp_path):
    """A save caught half-written: the deck changes between reading it and writing the
    output, so the output stays what it was and the change's own event builds again."""
    from deckbuilder import pipeline

    first = seed.build()
    original = pipeline.render_pptx

    def edit_meanwhile(*args, **kwargs):
        seed.edit("title: Crime Threats", "title: Crime Threats (edited during the build)")
        return original(*args, **kwargs)

    err = io.StringIO()
    pipeline.render_pptx = edit_meanwhile
    try:
        outcome = build_once(seed.deck, seed.out, out=io.StringIO(), err=err,
                             reuse=seed.rendered)
    finally:
        pipeline.render_pptx = original
    assert not outcome.ok
    assert "an input changed while building; kept the last good" in err.getvalue()
    assert seed.out.read_bytes() == first
    assert seed.build() == fresh_build(seed.deck, tmp_path / "fresh.pptx") != first
