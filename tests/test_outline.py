"""``deckbuilder outline``: the built deck as Markdown, for reviews and diffs."""

from __future__ import annotations

from pathlib import Path

import pytest

from deckbuilder.cli import main
from deckbuilder.outline import outline
from deckbuilder.pipeline import compile_deck
from helpers import ALL_KINDS, SEED_DECK

SMALL_DECK = """\
title: Outline \\*test\\*
slides:
  - kind: bullets
    title: Nested and numbered
    source: "Source: Office for Tests, 2024"
    notes: Say this out loud.
    items:
      - text: Parent
        items: [Child one, Child two]
      - paragraph: A lead-in without a bullet.
      - quote: Well said,
        by: Someone
  - kind: bullets
    title: Steps
    numbered: true
    items: [First, Second]
  - kind: quote
    title: A quotation
    quote: [First paragraph., Second paragraph.]
    attribution: A. Person
    role: Minister
  - kind: stat
    title: Numbers
    stats:
      - {lead: Over, value: "12%", label: of everything}
      - {value: "7", label: days}
  - kind: table
    title: A table
    columns: [Name, Count]
    rows: [[a|b, "3"]]
"""


@pytest.fixture(scope="module")
def small(tmp_path_factory) -> str:
    deck = tmp_path_factory.mktemp("outline") / "small.yaml"
    deck.write_text(SMALL_DECK, encoding="utf-8")
    compiled = compile_deck(deck)
    assert compiled.presentation is not None
    return outline(compiled.presentation)


def titles_of(deck: Path) -> list[str]:
    compiled = compile_deck(deck)
    assert compiled.presentation is not None
    return [slide.title for slide in compiled.presentation.slides]


def test_outline_has_every_seed_slide_title(tmp_path):
    target = tmp_path / "seed.md"
    assert main(["outline", str(SEED_DECK), "-o", str(target)]) == 0
    text = target.read_text(encoding="utf-8")
    headings = [line for line in text.splitlines() if line.startswith("## ")]
    titles = titles_of(SEED_DECK)
    assert headings == [f"## {n}. {title}" for n, title in enumerate(titles, start=1)]


def test_outline_prints_by_default(capsys):
    assert main(["outline", str(ALL_KINDS)]) == 0
    text = capsys.readouterr().out
    for title in titles_of(ALL_KINDS):
        assert title in text
    assert "**Image:** " in text and "**Chart:** " in text
    assert "\n| :-- |" in text  # the table slide


def test_bullets_keep_their_nesting(small):
    assert "- Parent\n    - Child one\n    - Child two\n\nA lead-in without a bullet." in small
    assert "1. First\n2. Second" in small


def test_quotes_figures_sources_and_notes(small):
    assert "> “First paragraph.\n>\n> Second paragraph.”" in small
    assert "**— A. Person**" in small and "Minister" in small
    assert "- Over **12%** of everything\n- **7** days" in small
    assert "*“Well said,”*  — Someone" in small  # set in italic
    assert "*Source: Office for Tests, 2024*" in small
    assert "**Notes:** Say this out loud." in small


def test_tables_and_markup_are_escaped(small):
    assert small.startswith("# Outline \\*test\\*\n")
    assert "| Name | Count |\n| :-- | --: |\n| a\\|b | 3 |" in small
