"""Geometry of built decks, read back from the .pptx: nothing off the slide, no text boxes on
top of each other, alt text on every picture, a titled title placeholder on every slide.

Run on the seed deck and on tests/decks/all-kinds.yaml (every slide kind, at 16:9 with the
default theme and at 4:3 with the dark theme).
"""

from __future__ import annotations

import re
from itertools import combinations

import pytest
from pptx import Presentation

from helpers import (ALL_KINDS, box, inches, is_filled_panel, is_picture, is_text_bearing, norm,
                     notes_text, text_area, title_placeholder_types)

DECKS = ["seed_pptx", "all_kinds_pptx", "all_kinds_4x3_pptx"]
TEXT_EDGE_MARGIN = inches(0.25)  # no text may come closer than this to a slide edge
IMAGE_EXTENSIONS = re.compile(r"\.(png|jpe?g|gif|bmp|tiff?|svg|emf|wmf|webp|csv|ya?ml)\b", re.I)


@pytest.fixture(scope="module", params=DECKS)
def deck(request):
    path = request.getfixturevalue(request.param)
    return request.param, Presentation(str(path))


def _problems(deck, check) -> list[str]:
    name, prs = deck
    found = []
    for number, slide in enumerate(prs.slides, start=1):
        found += [f"{name} slide {number}: {p}" for p in check(slide, prs)]
    return found


def _bounds(slide, prs):
    for shape in slide.shapes:
        b = box(shape)
        if b.w <= 0 or b.h <= 0:
            yield f"{b} has no area"
        if b.x < 0 or b.y < 0 or b.right > prs.slide_width or b.bottom > prs.slide_height:
            yield f"{b} extends past the slide edge"


def _text_margins(slide, prs):
    for shape in slide.shapes:
        if is_text_bearing(shape):
            b = box(shape)
            if (b.x < TEXT_EDGE_MARGIN or b.y < TEXT_EDGE_MARGIN
                    or prs.slide_width - b.right < TEXT_EDGE_MARGIN
                    or prs.slide_height - b.bottom < TEXT_EDGE_MARGIN):
                yield f"{b} is closer than 0.25 in to the slide edge"


def _overlaps(slide, prs):
    shapes = list(slide.shapes)
    texts = [(i, box(s), text_area(s)) for i, s in enumerate(shapes) if is_text_bearing(s)]
    pictures = [box(s) for s in shapes if is_picture(s)]
    panels = [(i, box(s)) for i, s in enumerate(shapes) if is_filled_panel(s)]
    for (_, a, _), (_, b, _) in combinations(texts, 2):
        if a.overlaps(b):
            yield f"text {a} overlaps text {b}"
    for order, text, area in texts:
        for picture in pictures:
            if text.overlaps(picture):
                yield f"text {text} overlaps picture {picture}"
        for panel_order, panel in panels:
            # a text box may sit on a panel only wholly inside it; decoration drawn over a
            # text box (a tile's stripe) may cover its padding, never its text
            if panel_order < order and text.overlaps(panel) and not text.inside(panel):
                yield f"text {text} sticks out of filled shape {panel}"
            if panel_order > order and area.overlaps(panel):
                yield f"filled shape {panel} covers the text of {text}"
    for a, b in combinations(pictures, 2):
        if a.overlaps(b):
            yield f"picture {a} overlaps picture {b}"


def _alt_text(slide, prs):
    for shape in slide.shapes:
        if not is_picture(shape):
            continue
        descr = shape._element.nvPicPr.cNvPr.get("descr") or ""
        if not descr.strip():
            yield f"picture {box(shape)} has no alt text"
        elif "/" in descr.replace("CDC/NCHS", "") and re.search(r"\S+/\S+\.\w{2,4}\b", descr):
            yield f"picture {box(shape)} alt text looks like a path: {descr!r}"
        elif "\\" in descr or IMAGE_EXTENSIONS.search(descr):
            yield f"picture {box(shape)} alt text names a file: {descr!r}"


def _title(slide, prs):
    title = slide.shapes.title
    if title is None:
        yield "no title placeholder"
    elif title.placeholder_format.type not in title_placeholder_types():
        yield f"title placeholder has type {title.placeholder_format.type}"
    elif not title.text.strip():
        yield "empty title placeholder"


def _no_empty_placeholders(slide, prs):
    for shape in slide.placeholders:
        if shape.has_text_frame and not shape.text_frame.text.strip():
            yield f"empty placeholder {box(shape)} (shows 'Click to add text' in PowerPoint)"


@pytest.mark.parametrize("check", [_bounds, _text_margins, _overlaps, _alt_text, _title,
                                   _no_empty_placeholders], ids=lambda c: c.__name__.strip("_"))
def test_geometry(deck, check):
    assert _problems(deck, check) == []


# ----- the checks themselves catch what they should -----------------------------------------

def test_checks_catch_bad_geometry(tmp_path):
    """Hand-made bad slides: each check reports its problem (so a green run means something)."""
    import io

    from PIL import Image
    from pptx.util import Inches

    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(13.333), Inches(7.5)
    slide = prs.slides.add_slide(prs.slide_layouts[6])  # blank: no title placeholder
    a = slide.shapes.add_textbox(Inches(1), Inches(1), Inches(4), Inches(2))
    a.text_frame.text = "first"
    b = slide.shapes.add_textbox(Inches(3), Inches(2), Inches(4), Inches(2))
    b.text_frame.text = "second"
    c = slide.shapes.add_textbox(Inches(12), Inches(6), Inches(2), Inches(1))
    c.text_frame.text = "off the edge"
    image = io.BytesIO()
    Image.new("RGB", (8, 8)).save(image, "PNG")
    picture = slide.shapes.add_picture(image, Inches(8), Inches(1), Inches(2), Inches(2))
    picture._element.nvPicPr.cNvPr.set("descr", "charts/figure.png")
    deck = ("hand-made", prs)
    assert any("extends past" in p for p in _problems(deck, _bounds))
    assert any("0.25 in" in p for p in _problems(deck, _text_margins))
    assert any("overlaps text" in p for p in _problems(deck, _overlaps))
    assert any("path" in p or "names a file" in p for p in _problems(deck, _alt_text))
    assert _problems(deck, _title) == ["hand-made slide 1: no title placeholder"]


# ----- the all-kinds fixture deck: content lands where it should ----------------------------

def test_all_kinds_has_every_slide_kind(all_kinds_prs):
    from deckbuilder.model import SLIDE_MODELS
    import yaml

    kinds = {s["kind"] for s in yaml.safe_load(ALL_KINDS.read_text(encoding="utf-8"))["slides"]}
    assert kinds == set(SLIDE_MODELS)
    # 18 slides in the YAML; the overflowing list continues on one extra slide
    assert len(all_kinds_prs.slides) == 19


def test_all_kinds_titles_and_continuation(all_kinds_prs):
    titles = [s.shapes.title.text for s in all_kinds_prs.slides]
    assert titles[0] == "Every Slide Kind"  # the title slide defaults to the deck title
    assert titles[5] == "An overflowing list"
    assert titles[6] == "An overflowing list (cont.)"


def test_all_kinds_overflow_continues_numbering(all_kinds_prs):
    from helpers import body_paragraphs

    first = body_paragraphs(all_kinds_prs.slides[5], all_kinds_prs)
    second = body_paragraphs(all_kinds_prs.slides[6], all_kinds_prs)
    texts = [p.text.split()[1] for p in first + second]
    assert texts == ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
                     "ten", "eleven", "twelve", "thirteen", "fourteen"]
    assert {p.start_at for p in first} <= {None, 1}
    assert {p.start_at for p in second} == {len(first) + 1}


def test_all_kinds_notes(all_kinds_prs):
    notes = [notes_text(s) for s in all_kinds_prs.slides]
    assert notes[0] == "Cover notes."
    # a multi-line note keeps its lines as separate paragraphs
    assert notes[2] == "First line of the notes.\nSecond line of the notes."
    assert notes[17] == "Chart notes."
    assert [i for i, n in enumerate(notes) if n] == [0, 2, 17]


def test_all_kinds_templated_numbers(all_kinds_prs):
    text = " ".join(norm(sh.text_frame.text) for slide in all_kinds_prs.slides
                    for sh in slide.shapes if sh.has_text_frame)
    for expected in ("12,155 people", "Revenue reached 1.3 million and a share of 30.7%.",
                     "Budget of $2.6 billion", "30.7%", "$2.6 billion"):
        assert expected in text
    assert "{{" not in text and "}}" not in text


def test_all_kinds_picture_alt_and_credit(all_kinds_prs):
    slide = all_kinds_prs.slides[16]
    pictures = [s for s in slide.shapes if is_picture(s)]
    assert len(pictures) == 1
    assert pictures[0]._element.nvPicPr.cNvPr.get("descr") == "A red circle inside a navy frame"
    text = " ".join(norm(s.text_frame.text) for s in slide.shapes if s.has_text_frame)
    assert "The caption under the picture." in text and "Credit: Test Suite" in text


def test_all_kinds_picture_keeps_aspect_ratio(all_kinds_prs):
    picture = next(s for s in all_kinds_prs.slides[16].shapes if is_picture(s))
    assert picture.width / picture.height == pytest.approx(320 / 200, rel=0.01)


def test_all_kinds_chart_alt_text(all_kinds_prs):
    descr = [next(s for s in all_kinds_prs.slides[i].shapes if is_picture(s))
             ._element.nvPicPr.cNvPr.get("descr") for i in (17, 18)]
    assert "Widgets" in descr[0] and "2015" in descr[0] and "2017" in descr[0]
    assert descr[1] == "Two lines rising from 2015 to 2017"


def test_all_kinds_table(all_kinds_prs):
    tables = [s for s in all_kinds_prs.slides[15].shapes if s.has_table]
    assert len(tables) == 1
    table = tables[0].table
    cells = [[norm(table.cell(r, c).text) for c in range(3)] for r in range(4)]
    assert cells == [["Country", "2015", "2016"], ["Mexico", "1,000", "1,100"],
                     ["Canada", "900", ""], ["United States", "3,000", "3,200"]]


def test_all_kinds_timeline_yaml_date_is_text(all_kinds_prs):
    texts = {norm(s.text_frame.text) for s in all_kinds_prs.slides[14].shapes if s.has_text_frame}
    assert "2017-07-04" in texts


def test_4x3_deck_is_4x3(all_kinds_4x3_pptx):
    prs = Presentation(str(all_kinds_4x3_pptx))
    assert prs.slide_width * 3 == pytest.approx(prs.slide_height * 4, rel=1e-3)
