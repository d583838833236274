"""The typed deck model: what validates, and where each problem is reported."""

from __future__ import annotations

from dataclasses import FrozenInstanceError
from pathlib import Path

import pytest

from deckbuilder.errors import DeckError, did_you_mean
from deckbuilder.load import parse_yaml
from deckbuilder.model import (SLIDE_MODELS, BulletItem, BulletsSlide, ChartSlide, Deck,
                               ParagraphItem, QuoteItem, QuoteSlide, TitleSlide, validate_deck)

F = Path("deck.yaml")


def validate(text: str) -> Deck:
    tree = parse_yaml(text, F)
    return validate_deck(tree.data, tree)


def problems(text: str) -> list[tuple[int, int, str]]:
    with pytest.raises(DeckError) as info:
        validate(text)
    return [(p.pos.line, p.pos.col, p.message) for p in info.value.problems]


def one(text: str) -> tuple[int, int, str]:
    found = problems(text)
    assert len(found) == 1, found
    return found[0]


# ----- valid decks --------------------------------------------------------------------------

EVERY_KIND = """\
title: Deck
date: 2017-10-01
slides:
  - kind: title
  - kind: section
    title: Part
  - kind: bullets
    title: B
    numbered: true
    start: continue
    items:
      - plain
      - 2017
      - text: parent
        items: [child, {text: grandchild parent, items: [grandchild]}]
      - {quote: Said it, by: Someone}
      - {paragraph: Lead-in}
  - kind: quote
    title: Q
    quote: One paragraph
    attribution: A
    date: 2017-09-01
  - kind: stat
    title: S
    stats: [{value: 5 million, label: jobs}, {value: 12155, label: killings, lead: over}]
  - kind: comparison
    title: C
    left: {heading: L, items: [a], numbered: true}
    right: {stats: [{value: "1", label: x}]}
  - kind: tiles
    title: T
    tiles: [a, b, c]
  - kind: timeline
    title: TL
    events: [{date: 2017-02-01, text: e}]
  - kind: table
    title: TB
    columns: [a, b]
    rows: [[1, 2]]
  - kind: image
    title: I
    image: photo.png
    alt: A photo
  - kind: chart
    title: CH
    chart: {type: column, data: x.csv, x: year, series: value}
"""


def test_every_kind_validates_into_its_model():
    deck = validate(EVERY_KIND)
    assert [s.kind for s in deck.slides] == list(SLIDE_MODELS)
    assert all(isinstance(s, SLIDE_MODELS[s.kind]) for s in deck.slides)
    assert deck.date == "2017-10-01"  # YAML dates become ISO text
    assert deck.theme == "default" and deck.size == "16:9" and deck.slide_numbers is True


def test_title_slide_title_is_optional():
    title = validate(EVERY_KIND).slides[0]
    assert isinstance(title, TitleSlide) and title.title is None


def test_list_items_are_typed():
    bullets = validate(EVERY_KIND).slides[2]
    assert isinstance(bullets, BulletsSlide)
    items = bullets.items
    assert items[0] == "plain" and items[1] == "2017"
    assert isinstance(items[2], BulletItem) and items[2].items[0] == "child"
    assert isinstance(items[2].items[1], BulletItem)
    assert items[2].items[1].items == ["grandchild"]
    assert isinstance(items[3], QuoteItem) and items[3].by == "Someone"
    assert isinstance(items[4], ParagraphItem)
    assert bullets.start == "continue" and bullets.numbered


def test_scalars_coerced_to_text():
    deck = validate(EVERY_KIND)
    quote = deck.slides[3]
    assert isinstance(quote, QuoteSlide)
    assert quote.quote == ["One paragraph"] and quote.date == "2017-09-01"
    assert deck.slides[4].stats[1].value == "12155"
    assert deck.slides[7].events[0].date == "2017-02-01"
    assert deck.slides[8].rows == [["1", "2"]]


def test_chart_series_shorthand():
    chart = validate(EVERY_KIND).slides[10]
    assert isinstance(chart, ChartSlide)
    assert [s.column for s in chart.chart.series] == ["value"]


def test_models_are_frozen():
    deck = validate(EVERY_KIND)
    with pytest.raises(FrozenInstanceError):
        deck.title = "changed"
    with pytest.raises(FrozenInstanceError):
        deck.slides[0].title = "changed"
    assert deck.model_copy(update={"title": "changed"}).title == "changed"
    assert deck.title == "Deck"


# ----- errors and their positions -----------------------------------------------------------

def test_unknown_kind_suggests_nearest():
    line, col, message = one("title: T\nslides:\n  - kind: bulets\n    title: A\n    items: [x]\n")
    assert (line, col) == (3, 11)
    assert "unknown slide kind 'bulets'" in message
    assert "did you mean 'bullets'" in message


@pytest.mark.parametrize("typo, suggestion", [
    ("stats", "stat"), ("qoute", "quote"), ("tyles", "tiles"), ("timline", "timeline"),
    ("compare", "comparison"), ("picture", None), ("tile", "tiles"), ("charts", "chart"),
])
def test_kind_suggestions(typo, suggestion):
    hint = did_you_mean(typo, SLIDE_MODELS)
    assert (f"'{suggestion}'" in hint) if suggestion else hint == ""


def test_missing_kind_and_non_mapping_slide():
    found = problems("title: T\nslides:\n  - just text\n  - {title: x}\n")
    assert [(line, col) for line, col, _ in found] == [(3, 5), (4, 5)]
    assert "a slide is a mapping" in found[0][2]
    assert "no 'kind'" in found[1][2]


def test_missing_required_field_at_the_slide():
    line, col, message = one("title: T\nslides:\n  - kind: quote\n    title: Q\n    quote: x\n")
    assert (line, col) == (3, 5)
    assert message == "missing required field 'attribution'"


def test_missing_deck_title():
    assert one("slides:\n  - kind: title\n") == (1, 1, "missing required field 'title'")


def test_unknown_field_at_the_key():
    line, col, message = one("title: T\nslides:\n  - kind: section\n    title: A\n"
                             "    subtitel: x\n")
    assert (line, col) == (5, 5)
    assert "unknown field 'subtitel'" in message


def test_unknown_deck_field():
    line, col, message = one("title: T\nthem: dark\nslides:\n  - kind: title\n")
    assert (line, col) == (2, 1) and "unknown field 'them'" in message


def test_mistyped_field_at_the_value():
    line, col, message = one("title: T\nslides:\n  - kind: stat\n    title: S\n    stats: 5\n")
    assert (line, col) == (5, 12)
    assert "'stats'" in message and "list" in message


def test_too_many_stats():
    stats = ", ".join(["{value: '1', label: a}"] * 5)
    line, col, message = one(f"title: T\nslides:\n  - kind: stat\n    title: S\n"
                             f"    stats: [{stats}]\n")
    assert (line, col) == (5, 12) and "at most 4" in message


def test_empty_text_rejected():
    line, col, message = one("title: T\nslides:\n  - kind: section\n    title: ''\n")
    assert (line, col) == (4, 12) and "at least 1 character" in message


def test_bad_nested_item_points_at_the_item():
    found = problems("title: T\nslides:\n  - kind: bullets\n    title: A\n    items:\n"
                     "      - ok\n      - text: x\n        items:\n          - {txt: bad}\n"
                     "      - {quote: q, by: me, extra: 2}\n")
    assert [(line, col) for line, col, _ in found] == [(9, 13), (10, 28)]
    assert "a list item is text, or a mapping" in found[0][2]
    assert "unknown field 'extra'" in found[1][2]


def test_bad_start_value():
    found = problems("title: T\nslides:\n  - kind: bullets\n    title: A\n    start: foo\n"
                     "    items: [a]\n")
    assert found and all((line, col) == (5, 12) for line, col, _ in found)


def test_deck_level_fields():
    found = problems("title: T\nsize: '3:2'\nlanguage: 'english!'\nslides: []\n")
    assert [(line, col) for line, col, _ in found] == [(2, 7), (3, 11), (4, 9)]
    assert "'16:9' or '4:3'" in found[0][2]


def test_all_problems_reported_together_in_file_order():
    found = problems("title: T\nslides:\n"
                     "  - kind: bulets\n    title: A\n    items: [x]\n"     # 3: unknown kind
                     "  - kind: stat\n    title: B\n    stats: 5\n"          # 8: mistyped
                     "  - kind: bullets\n    title: C\n    itemz: [x]\n"     # 9, 11
                     "  - kind: quote\n    title: D\n    quote: hi\n")       # 12: missing
    assert [line for line, _, _ in found] == [3, 8, 9, 11, 12]


@pytest.mark.parametrize("chart, fragment", [
    ("{type: colum, data: x.csv, x: a, series: [b]}", "did you mean 'column'"),
    ("{type: pie, data: x.csv, x: a, series: [b, c]}", "exactly one series"),
    ("{type: line, data: x.csv, x: a, series: [b], y_min: 5, y_max: 1}", "y_min must be below"),
    ("{type: line, data: x.csv, x: a, series: []}", "at least 1"),
    ("{type: line, data: x.csv, x: a, series: [b], colour: red}", "unknown field 'colour'"),
])
def test_chart_spec_validates(chart, fragment):
    found = problems(f"title: T\nslides:\n  - kind: chart\n    title: C\n    chart: {chart}\n")
    assert len(found) == 1 and found[0][0] == 5, found
    assert fragment in found[0][2]


def test_validate_rejects_non_mapping_deck():
    tree = parse_yaml("- a\n- b\n", F)
    with pytest.raises(DeckError) as info:
        validate_deck(tree.data, tree)
    assert "a deck is a mapping" in info.value.problems[0].message


def test_unquoted_ratio_gets_a_quoting_hint():
    line, col, message = one("title: T\nsize: 4:3\nslides:\n  - kind: section\n    title: S\n")
    assert (line, col) == (2, 7)
    assert 'in quotes' in message and "243" in message
