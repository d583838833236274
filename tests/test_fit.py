"""Text measuring and fitting (layout/text.py, fitted boxes), and the deliberately overfull
decks: fitted text stays inside its boxes, and what cannot fit is reported at its YAML line.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from deckbuilder.cli import main
from deckbuilder.errors import DeckError
from deckbuilder.ir import EMU_PER_POINT, Font, Paragraph, Run, TextBox, points
from deckbuilder.layout import common
from deckbuilder.layout.floors import minimum_size
from deckbuilder.layout.text import (LINE_HEIGHT, SAFETY, WRAP_MARGIN, fit_group, flush_top,
                                     scale, text_height, text_width, wrap)
from deckbuilder.pipeline import compile_deck
from deckbuilder.theme import available_themes

from helpers import FIXTURES

OVERFULL = FIXTURES / "overfull.yaml"
SHRUNK = FIXTURES / "overfull-fits.yaml"
THEMES = sorted(available_themes())
CALIBRI = Font("Calibri", 20, "000000")


def para(*texts: str, font: Font = CALIBRI, **options) -> Paragraph:
    return Paragraph(tuple(Run(t, font) for t in texts), **options)


def lines(paragraph: Paragraph, width_pt: float) -> list[str]:
    return [line.text for line in wrap(paragraph, points(width_pt))]


# ----- wrapping ------------------------------------------------------------------------------

def test_wrap_is_greedy_at_spaces_within_the_narrowed_width():
    paragraph = para("the quick brown fox jumps over the lazy dog " * 4)
    width = points(200)
    wrapped = wrap(paragraph, width)
    available = width * WRAP_MARGIN
    assert len(wrapped) > 2
    for line, following in zip(wrapped, wrapped[1:]):
        assert line.width <= available
        next_word = following.text.split(" ")[0]
        assert text_width(f"{line.text} {next_word}", CALIBRI) > available  # it did not fit


def test_wrap_breaks_after_a_hyphen_between_letters_only():
    assert lines(para("aaaa anti-addiction"), 105) == ["aaaa anti-", "addiction"]
    # "2007-2016": PowerPoint may keep numbers together, so we never count on that break
    assert lines(para("aaaa 2007-2016"), 100) == ["aaaa", "2007-2016"]


def test_a_word_wider_than_the_line_is_cut_between_characters():
    wrapped = wrap(para("Supercalifragilisticexpialidocious"), points(100))
    assert len(wrapped) > 2
    assert "".join(line.text for line in wrapped) == "Supercalifragilisticexpialidocious"
    assert all(line.width <= points(100) for line in wrapped)


def test_runs_without_a_space_between_them_are_one_word():
    bold = Font("Calibri", 20, "000000", bold=True)
    paragraph = Paragraph((Run("aaaa bbbb", CALIBRI), Run("cccc", bold)))
    assert lines(paragraph, text_width("aaaa bbbbcc", CALIBRI) / EMU_PER_POINT) == [
        "aaaa", "bbbbcccc"]


def test_no_break_at_a_non_breaking_space():
    assert lines(para("aaaa bbbb\u00a0cccc"), 100) == ["aaaa", "bbbb\u00a0cccc"]


def test_the_bullet_indent_narrows_every_line():
    text = "word " * 40
    plain = wrap(para(text), points(300))
    indented = wrap(para(text, indent=points(60), hanging=points(20)), points(300))
    assert len(indented) > len(plain)
    assert max(line.width for line in indented) <= points(240)


# ----- heights -------------------------------------------------------------------------------

def test_a_line_is_one_point_two_times_the_size_times_the_spacing():
    one = text_height([para("one line", line_spacing=1.1)], points(500))
    assert one == pytest.approx(20 * LINE_HEIGHT * 1.1 * SAFETY * EMU_PER_POINT, abs=2)


def test_the_largest_run_sets_the_line_height():
    big = Font("Calibri", 40, "000000")
    mixed = Paragraph((Run("small ", CALIBRI), Run("BIG", big)))
    assert text_height([mixed], points(500)) == text_height([para("BIG", font=big)], points(500))


def test_space_before_counts_between_paragraphs_but_not_at_the_top():
    first = para("first", space_before=30)
    second = para("second", space_before=12)
    single = text_height([para("first")], points(500)) / SAFETY
    both = text_height([first, second], points(500)) / SAFETY
    assert both == pytest.approx(2 * single + 12 * EMU_PER_POINT, abs=2)
    assert flush_top([first, second])[0].space_before == 0  # what fitted boxes write


def test_fit_group_shrinks_every_box_by_one_factor():
    long = [para("word " * 60)]
    short = [para("word")]
    scaled, factor, fits = fit_group([(long, points(300), points(120)),
                                      (short, points(300), points(120))], 0.5)
    assert fits and factor < 1
    assert scaled[0][0].runs[0].font.size == scaled[1][0].runs[0].font.size
    assert text_height(scaled[0], points(300)) <= points(120)


def test_fit_group_stops_at_the_minimum_and_says_so():
    _, factor, fits = fit_group([([para("word " * 500)], points(300), points(120))], 0.8)
    assert not fits and factor == pytest.approx(0.8)


def test_scale_rounds_to_half_points():
    assert scale([para("x")], 0.77)[0].runs[0].font.size == 15.5


# ----- the overfull deck ---------------------------------------------------------------------

def expected_lines(path: Path) -> list[int]:
    """Lines of ``path`` marked with ``# expect: overflow``."""
    text = path.read_text(encoding="utf-8").splitlines()
    return [n for n, line in enumerate(text, start=1) if re.search(r"#\s*expect: overflow", line)]


def fits(box: TextBox) -> bool:
    inner_w = box.rect.w - box.insets.left - box.insets.right
    inner_h = box.rect.h - box.insets.top - box.insets.bottom
    return text_height(box.paragraphs, inner_w) <= inner_h


@pytest.mark.parametrize("theme", THEMES)
def test_overfull_text_is_reported_at_its_yaml_line(theme):
    compiled = compile_deck(OVERFULL, theme, strict=False)
    problems = compiled.layout_problems
    assert {p.pos.line for p in problems} == set(expected_lines(OVERFULL))
    assert {p.rule for p in problems} == {"overflow"}
    assert all(Path(p.pos.file) == OVERFULL for p in problems)


@pytest.mark.parametrize("theme", THEMES)
def test_overfull_deck_text_fits_everywhere_else(theme):
    compiled = compile_deck(OVERFULL, theme, strict=False)
    failed_slides = {slide.number for slide in compiled.presentation.slides
                     if any(isinstance(e, TextBox) and not fits(e) for e in slide.elements)}
    text_problems = [p for p in compiled.layout_problems if p.message.startswith("text")]
    assert len(failed_slides) == len(text_problems)  # each slide that overflows is reported
    checked = [e for s in compiled.presentation.slides if s.number not in failed_slides
               for e in s.elements if isinstance(e, TextBox)]
    assert checked and all(fits(box) for box in checked)


def test_overflow_continue_splits_in_order_and_keeps_numbering():
    compiled = compile_deck(OVERFULL, "default", strict=False)
    title = "The same bullets, continued on as many slides as they need"
    pages = [s for s in compiled.presentation.slides if s.title.startswith(title)]
    assert len(pages) >= 3
    assert [s.title for s in pages[1:]] == [f"{title} (cont.)"] * (len(pages) - 1)
    body = [p for s in pages for e in s.elements if isinstance(e, TextBox) and e.name == "Body"
            for p in e.paragraphs]
    assert [p.number for p in body] == list(range(1, 13))
    assert all(fits(e) for s in pages for e in s.elements if isinstance(e, TextBox))


def test_a_strict_build_fails_with_every_overflow_at_its_line(tmp_path, capsys):
    with pytest.raises(DeckError) as caught:
        compile_deck(OVERFULL, "default")
    assert [p.pos.line for p in caught.value.problems] == expected_lines(OVERFULL)
    out = tmp_path / "overfull.pptx"
    assert main(["build", str(OVERFULL), "-o", str(out)]) == 1
    assert not out.exists()
    err = capsys.readouterr().err
    for line in expected_lines(OVERFULL):
        assert re.search(rf"overfull\.yaml:{line}:\d+: error: text does not fit|"
                         rf"overfull\.yaml:{line}:\d+: error: the table has too many rows", err)


# ----- a deck that fits only after shrinking -------------------------------------------------

def largest_sizes(compiled) -> list[list[float]]:
    return [[max((r.font.size for p in e.paragraphs for r in p.runs), default=0)
             for e in slide.elements if isinstance(e, TextBox)]
            for slide in compiled.presentation.slides]


@pytest.mark.parametrize("theme", THEMES)
def test_shrunk_deck_fits_without_going_below_the_floors(theme, monkeypatch):
    compiled = compile_deck(SHRUNK, theme, strict=False)
    assert compiled.layout_problems == []
    for slide in compiled.presentation.slides:
        boxes = [e for e in slide.elements if isinstance(e, TextBox)]
        assert all(fits(box) for box in boxes), slide.title
        for box in boxes:
            floor = minimum_size(compiled.theme, box.role)
            assert all(r.font.size >= floor for p in box.paragraphs for r in p.runs)
    # every slide needed shrinking: laid out without fitting, some box is larger
    monkeypatch.setattr(common, "fit_group", lambda blocks, _: (
        [paragraphs for paragraphs, _, _ in blocks], 1.0, True))
    unfitted = compile_deck(SHRUNK, theme, strict=False)
    for slide, fitted, full in zip(compiled.presentation.slides, largest_sizes(compiled),
                                   largest_sizes(unfitted)):
        assert any(a < b for a, b in zip(fitted, full)), slide.title
