"""Text widths are remembered between builds (layout/widths.py) without changing a width.

Measurements are counted, never timed: a build in a project whose cache holds the widths
measures nothing and lays out exactly what a build from scratch lays out.
"""

from __future__ import annotations

import json
import os
import shutil

import pytest
from PIL import ImageFont

import deckbuilder.layout.text as text
from deckbuilder.cache import read_entry
from deckbuilder.layout.widths import MAX_FILE_BYTES, Widths
from deckbuilder.pipeline import compile_deck
from helpers import SEED_DECK


@pytest.fixture()
def measured(monkeypatch) -> list[str]:
    """The texts Pillow is asked to measure."""
    calls: list[str] = []
    original = ImageFont.FreeTypeFont.getlength

    def getlength(self, text_to_measure, *args, **kwargs):
        calls.append(text_to_measure)
        return original(self, text_to_measure, *args, **kwargs)

    monkeypatch.setattr(ImageFont.FreeTypeFont, "getlength", getlength)
    return calls


def fresh_process(monkeypatch) -> Widths:
    """What a new process starts with: nothing measured, nothing loaded."""
    widths = Widths(text._measuring_fingerprint)
    monkeypatch.setattr(text, "WIDTHS", widths)
    monkeypatch.setattr("deckbuilder.pipeline.WIDTHS", widths)
    return widths


def test_a_rebuild_measures_nothing_and_lays_out_the_same(tmp_path, monkeypatch, measured):
    monkeypatch.setenv("DECKBUILDER_CACHE_DIR", str(tmp_path))
    fresh_process(monkeypatch)
    first = compile_deck(SEED_DECK).presentation
    assert len(measured) > 500
    assert list((tmp_path / "widths").glob("*.widths"))

    measured.clear()
    fresh_process(monkeypatch)
    again = compile_deck(SEED_DECK).presentation
    assert measured == []
    assert again == first


def test_a_damaged_widths_file_is_measured_again_and_replaced(tmp_path, monkeypatch,
                                                             measured):
    monkeypatch.setenv("DECKBUILDER_CACHE_DIR", str(tmp_path))
    reference = compile_deck(SEED_DECK).presentation
    for damage in ("{not json", '[["Carlito-Regular.ttf", "x"]]', '{"a": 1}', "[[1, 2, 3]]x"):
        widths = fresh_process(monkeypatch)
        stored = widths.file(tmp_path)
        stored.parent.mkdir(parents=True, exist_ok=True)
        stored.write_text(damage)
        measured.clear()
        assert compile_deck(SEED_DECK).presentation == reference
        assert len(measured) > 500, damage
        assert len(json.loads(read_entry(stored, MAX_FILE_BYTES))) == len(measured)  # once each


def test_a_cache_that_cannot_be_written_costs_only_time(tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder would be")
    monkeypatch.setenv("DECKBUILDER_CACHE_DIR", str(blocker))
    fresh_process(monkeypatch)
    reference = compile_deck(SEED_DECK).presentation
    assert compile_deck(SEED_DECK).presentation == reference
    assert blocker.read_text().startswith("a file")


def test_widths_are_kept_apart_by_font_files_and_library(tmp_path, monkeypatch):
    fonts = tmp_path / "fonts"
    shutil.copytree(text.FONT_DIR, fonts)
    monkeypatch.setattr(text, "FONT_DIR", fonts)
    files = [Widths(text._measuring_fingerprint).file(tmp_path)]
    regular = fonts / "Carlito-Regular.ttf"
    os.utime(regular, ns=(regular.stat().st_atime_ns, regular.stat().st_mtime_ns + 10**9))
    files.append(Widths(text._measuring_fingerprint).file(tmp_path))
    monkeypatch.setattr("PIL.__version__", "0.0-other")
    files.append(Widths(text._measuring_fingerprint).file(tmp_path))
    assert len(set(files)) == 3
    assert Widths(text._measuring_fingerprint).file(tmp_path) == files[-1]


def test_an_oversized_widths_file_is_not_read(tmp_path, monkeypatch, measured):
    monkeypatch.setenv("DECKBUILDER_CACHE_DIR", str(tmp_path))
    fresh_process(monkeypatch)
    compile_deck(SEED_DECK)  # writes a valid file
    monkeypatch.setattr("deckbuilder.layout.widths.MAX_FILE_BYTES", 100)
    measured.clear()
    fresh_process(monkeypatch)
    compile_deck(SEED_DECK)
    assert len(measured) > 500  # measured again: the (valid, but too large) file was skipped
