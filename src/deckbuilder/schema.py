"""The JSON Schema of the deck format, generated from the typed model.

Editors (VS Code with the YAML extension, anything built on ``yaml-language-server``) read it
for completion and validation while a deck is being written. The model is the single source
of truth (``validation/json_schema.py`` writes its schema, where text fields accept numbers
too, as ``value: 35`` is as valid as ``value: "35"``); this module only adds what the field
types do not say:

- some validators accept shorter forms (``series: exports``, ``highlight: ["2016"]``, a
  quote as one string) or check a closed list of names that the field type leaves open;
- slide-list entries that are expanded before the model sees them (``expansion.py``):
  ``include:``, ``repeat:`` and every slide's ``when:``.
"""

from __future__ import annotations

import json
from typing import Any

from .charts.spec import CHART_TYPES, NUMBER_FORMATS
from .model import SLIDE_MODELS, Deck
from .validation.json_schema import json_schema

DIALECT = "https://json-schema.org/draft/2020-12/schema"
TITLE = "deckbuilder deck"
DESCRIPTION = ("A deck definition compiled by deckbuilder into a .pptx file. Generated from "
               "the deck model by `deckbuilder schema`; see docs/format.md.")

_SCALAR = {"type": ["string", "number"]}
_EXTRA_FORMS: dict[tuple[str, str], list[dict[str, Any]]] = {
    ("ChartSpec", "series"): [
        _SCALAR,
        {"type": "array", "items": {"anyOf": [_SCALAR, {"$ref": "#/$defs/SeriesSpec"}]}},
    ],
    ("ChartSpec", "highlight"): [
        _SCALAR,
        {"type": "array", "items": {"anyOf": [_SCALAR, {"$ref": "#/$defs/Highlight"}]}},
    ],
    ("QuoteSlide", "quote"): [{"type": ["string", "number"], "minLength": 1}],
    ("TableSlide", "columns"): [
        {"type": "array", "minItems": 1, "maxItems": 8,
         "items": {"anyOf": [_SCALAR, {"$ref": "#/$defs/TableColumn"}]}},
    ],
}
_CLOSED_NAMES: dict[tuple[str, str], tuple[str, ...]] = {
    ("ChartSpec", "type"): CHART_TYPES,
    ("ChartSpec", "number_format"): NUMBER_FORMATS,
    ("TableColumn", "format"): NUMBER_FORMATS,
}


_WHEN = {"anyOf": [{"type": "boolean"}, {"type": "string"}],
         "description": "leave the slide out unless this is true, e.g. "
                        "\"{{ region.share > 10 }}\""}
_ENTRY = {"$ref": "#/$defs/SlideEntry"}
_ENTRY_DEFS: dict[str, dict[str, Any]] = {
    "IncludeEntry": {
        "type": "object", "additionalProperties": False, "required": ["include"],
        "description": "the slides of another YAML file (a list of slides), relative to the deck",
        "properties": {"include": {"type": "string", "minLength": 1}}},
    "RepeatEntry": {
        "type": "object", "additionalProperties": False, "required": ["repeat", "slides"],
        "description": "these slides once per item of a list",
        "properties": {
            "repeat": {"type": "object", "additionalProperties": False,
                       "required": ["for", "in"], "properties": {
                           "for": {"type": "string", "description": "the name of each item"},
                           "in": {"description": "the list: a name under 'data:', an "
                                                 "expression, or a YAML list"}}},
            "slides": {"type": "array", "minItems": 1, "items": _ENTRY},
            "when": _WHEN}},
}


def deck_schema() -> dict[str, Any]:
    """The schema as a JSON-ready mapping, with the dialect, title and description set."""
    generated = json_schema(Deck)
    definitions = generated["$defs"]
    for (model, field), forms in _EXTRA_FORMS.items():
        prop = definitions[model]["properties"][field]
        keep = {k: prop.pop(k) for k in ("title", "description", "default") if k in prop}
        definitions[model]["properties"][field] = {"anyOf": [prop, *forms], **keep}
    for (model, field), names in _CLOSED_NAMES.items():
        definitions[model]["properties"][field]["enum"] = list(names)
    _add_entries(generated)
    return {"$schema": DIALECT, "title": TITLE, "description": DESCRIPTION,
            **{k: v for k, v in generated.items() if k not in ("title", "description")}}


def _add_entries(generated: dict[str, Any]) -> None:
    """A slide list holds slides, includes and repeats; any slide may have ``when:``."""
    definitions = generated["$defs"]
    slides = generated["properties"]["slides"]
    definitions["SlideEntry"] = {"anyOf": [slides["items"], {"$ref": "#/$defs/IncludeEntry"},
                                           {"$ref": "#/$defs/RepeatEntry"}]}
    slides["items"] = _ENTRY
    definitions.update(_ENTRY_DEFS)
    for model in SLIDE_MODELS.values():
        definitions[model.__name__]["properties"]["when"] = _WHEN


def schema_text() -> str:
    """The schema as the text committed in ``docs/deck.schema.json`` (stable, diffable)."""
    return json.dumps(deck_schema(), indent=2, ensure_ascii=False) + "\n"
