"""The JSON Schema editors use: current with the model, and agreeing with it on real decks."""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from deckbuilder.validation import ValidationError

from deckbuilder.cli import main
from deckbuilder.model import Deck
from deckbuilder.scaffold import STARTER
from deckbuilder.schema import deck_schema, schema_text
from helpers import ALL_KINDS, REPO, SEED_DECK

COMMITTED = REPO / "docs" / "deck.schema.json"
MODELINE = "# yaml-language-server: $schema=../docs/deck.schema.json"


def as_editor_reads(value: Any) -> Any:
    """YAML as an editor's YAML 1.2 parser sees it: ``2017-10-01`` is text, not a date."""
    if isinstance(value, dict):
        return {key: as_editor_reads(item) for key, item in value.items()}
    if isinstance(value, list):
        return [as_editor_reads(item) for item in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def load_raw(path: Path) -> dict:
    return as_editor_reads(yaml.safe_load(path.read_text(encoding="utf-8")))


def validator_class() -> Any:
    jsonschema = pytest.importorskip("jsonschema",
                                     reason="install the test extras: pip install -e '.[test]'")
    return jsonschema.Draft202012Validator


def schema_errors(instance: Any) -> list[str]:
    validator = validator_class()(deck_schema())
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
            for e in validator.iter_errors(instance)]


def model_accepts(instance: Any) -> bool:
    try:
        Deck.model_validate(instance)
    except ValidationError:
        return False
    return True


def test_committed_schema_is_current():
    assert COMMITTED.read_text(encoding="utf-8") == schema_text(), (
        "docs/deck.schema.json is out of date; regenerate it with "
        "`deckbuilder schema -o docs/deck.schema.json`")


def test_schema_is_a_valid_2020_12_schema():
    validator_class().check_schema(deck_schema())
    assert deck_schema()["title"] and deck_schema()["description"]


def test_seed_deck_points_editors_at_the_committed_schema():
    first_line = SEED_DECK.read_text(encoding="utf-8").splitlines()[0]
    assert first_line == MODELINE
    assert (SEED_DECK.parent / first_line.split("$schema=", 1)[1]).resolve() == COMMITTED


@pytest.mark.parametrize("deck", [SEED_DECK, ALL_KINDS, STARTER / "deck.yaml"],
                         ids=["seed", "all-kinds", "starter"])
def test_real_decks_validate(deck):
    assert schema_errors(load_raw(deck)) == []


def _minimal() -> dict:
    return {"title": "T", "slides": [
        {"kind": "bullets", "title": "B", "items": ["one", {"text": "two", "items": [3]}]},
        {"kind": "chart", "title": "C",
         "chart": {"type": "column", "data": [{"year": 2020, "n": 1}], "x": "year",
                   "series": [{"column": "n"}]}},
        {"kind": "quote", "title": "Q", "quote": ["Q"], "attribution": "A", "date": 2017},
    ]}


def _edit(path: str, value: Any) -> dict:
    """The minimal deck with the value at ``path`` (a/b/0/c) replaced, or removed if None."""
    deck = copy.deepcopy(_minimal())
    *parents, last = [int(p) if p.isdigit() else p for p in path.split("/")]
    node = deck
    for part in parents:
        node = node[part]
    if value is None:
        del node[last]
    else:
        node[last] = value
    return deck


BROKEN = {
    "no slides": _edit("slides", []),
    "no title": _edit("title", None),
    "unknown kind": _edit("slides/0/kind", "bulets"),
    "misspelled key": _edit("slides/0/itmes", ["x"]),
    "slide without title": _edit("slides/0/title", None),
    "bullets without items": _edit("slides/0/items", None),
    "boolean as text": _edit("slides/0/items", [True]),
    "bad item mapping": _edit("slides/0/items", [{"txt": "x"}]),
    "numbered not a boolean": _edit("slides/0/numbered", "often"),
    "unknown chart type": _edit("slides/1/chart/type", "columns"),
    "unknown number format": _edit("slides/1/chart/number_format", "roman"),
    "bad size": _edit("size", "16:10"),
    "bad language": _edit("language", "english!"),
}

SHORTHANDS = {
    "as written": _minimal(),
    "numbers as text": _edit("slides/0/title", 2024),
    "one series by name": _edit("slides/1/chart/series", "n"),
    "series names": _edit("slides/1/chart/series", ["n"]),
    "one highlight": _edit("slides/1/chart/highlight", 2020),
    "highlight list": _edit("slides/1/chart/highlight", ["2020", {"x": "2020", "note": "n"}]),
    "quote as one string": _edit("slides/2/quote", "One paragraph"),
}


@pytest.mark.parametrize("deck", BROKEN.values(), ids=BROKEN.keys())
def test_broken_decks_are_rejected_by_schema_and_model(deck):
    assert schema_errors(deck), "the schema accepted a broken deck"
    assert not model_accepts(deck), "the model accepted it: fix this test case"


@pytest.mark.parametrize("deck", SHORTHANDS.values(), ids=SHORTHANDS.keys())
def test_forms_the_model_accepts_are_valid_in_the_schema(deck):
    assert model_accepts(deck), "the model rejects it: fix this test case"
    assert schema_errors(deck) == []


def test_cli_prints_and_writes_the_schema(tmp_path, capsys):
    assert main(["schema"]) == 0
    printed = capsys.readouterr().out
    assert json.loads(printed) == deck_schema()
    target = tmp_path / "deck.schema.json"
    assert main(["schema", "-o", str(target)]) == 0
    assert target.read_text(encoding="utf-8") == printed
