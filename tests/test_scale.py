"""Scale: rendering does work linear in the deck's size. Counted, never timed.

The render counts every Python function call it makes (``sys.setprofile``) for generated
decks of two sizes (bullets with notes, sections, repeated pictures): eight times the
slides must cost at most about eight times the calls. A part-name allocator that searched
from the start for each new name, as python-pptx's does, makes the same count grow
quadratically, which the tests also show: the counter measures the right thing.
"""

from __future__ import annotations

import sys

import pytest

import deckbuilder.render.opc as opc
import deckbuilder.render.pptx as render_module
from deckbuilder.pipeline import compile_deck
from helpers import REPO

sys.path.insert(0, str(REPO / "bench"))
from bench_scale import write_deck  # noqa: E402


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    """Laid-out generated decks (bullets with notes, sections, repeated pictures)."""
    def make(n: int):
        folder = tmp_path_factory.mktemp(f"scale{n}")
        return compile_deck(write_deck(folder, n)).presentation
    return {n: make(n) for n in (40, 320)}


def calls_to_render(presentation) -> int:
    """Python and C function calls made while rendering ``presentation`` (after a first
    render, which reads the template once for the process)."""
    render_module.render(presentation, lambda box: b"")
    calls = 0

    def count(frame, event, arg):
        nonlocal calls
        if event in ("call", "c_call"):
            calls += 1

    sys.setprofile(count)
    try:
        render_module.render(presentation, lambda box: b"")
    finally:
        sys.setprofile(None)
    return calls


def test_render_work_grows_linearly(generated):
    small, large = calls_to_render(generated[40]), calls_to_render(generated[320])
    assert large <= 8.4 * small, (small, large)  # 8x the slides; a fixed part for the package


class SearchingPartNames(opc.PartNames):
    """Part names found by trying every number from 1 for each new part."""

    def __call__(self, template: str, extension: str = "") -> str:
        self._cursor.clear()
        return super().__call__(template, extension)


def test_a_searching_name_allocator_makes_the_count_grow_quadratically(generated,
                                                                       monkeypatch):
    import deckbuilder.render.writer as writer

    monkeypatch.setattr(writer, "PartNames", SearchingPartNames)
    small, large = calls_to_render(generated[40]), calls_to_render(generated[320])
    assert large > 10 * small, (small, large)
