"""A deck's text in another language, from one source: a strings file per language next to
the deck (``talk.yaml`` + ``talk.es-MX.yaml``) that mirrors the deck's text fields, slides
keyed by their ``id`` (or their number). ``build --language es-MX`` lays the strings over the
deck before templating, so data, charts and filters are the deck's own and numbers come out
in the strings' language; a text field the strings leave out is a finding naming it, and the
deck's ``translation: missing:`` says whether its own text stands in (a warning) or the
build stops (an error) (``fallbacks.py``).

A chart slide shows text the deck need not write, because it comes from the data: the
source line, unit and series labels of its ``.meta.yaml``, the CSV's categories and the x
column's name. The strings file may give those fields all the same (:data:`FROM_DATA`).
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import DeckError, ProblemCollector, SourcePos
from .load import Path_, SourceTree, load_yaml
from .locales import LANGUAGE_TAG, known_language
from .paths import PathPolicy


def strings_file(deck: Path, language: str) -> Path:
    """Where the deck's text in ``language`` lives: ``<deck>.<language>.yaml`` beside it."""
    return deck.with_name(f"{deck.stem}.{language}.yaml")


@dataclass
class Translated:
    """The deck's source tree with the strings laid over it, and the deck paths they gave."""

    tree: SourceTree
    strings: Path
    covered: set[Path_] = field(default_factory=set)


def translate(tree: SourceTree, language: str, policy: PathPolicy) -> Translated:
    """``tree`` in ``language``; raises naming every strings entry that fits no deck field."""
    asked = SourcePos("--language", 1, 1)
    if not re.match(LANGUAGE_TAG, language) or not known_language(language):
        raise DeckError.at(asked, f"'{language}' is not a language tag CLDR knows; write one "
                                  f"such as es-MX or de-DE")
    path = strings_file(tree.file, language)
    if policy.optional(path, asked, "strings file") is None:
        raise DeckError.at(asked, (
            f"there is no {path.name} next to the deck for '{language}'; write the deck's "
            f"text in it (see docs/format.md, 'Decks in several languages')"))
    found = policy.resolve(path.name, asked, "strings file")  # an input, for build --check
    strings = load_yaml(found)
    if not isinstance(strings.data, dict):
        raise DeckError.at(strings.pos(()), "a strings file is a mapping of the deck's fields "
                                            "(title, slides: {id: {title: …}}) to their text")
    data = copy.deepcopy(tree.data)
    data["language"] = language
    result = Translated(SourceTree(data, tree.file, dict(tree.positions),
                                   dict(tree.key_positions)), found)
    problems = ProblemCollector()
    for key, value in strings.data.items():
        if key == "slides":
            _slides(result, strings, value, problems)
        else:
            _lay(result, strings, data, key, value, (key,), (key,), problems)
    problems.raise_if_any()
    return result


def _slides(result: Translated, strings: SourceTree, value: Any,
            problems: ProblemCollector) -> None:
    slides = result.tree.data.get("slides")
    if not isinstance(value, dict) or not isinstance(slides, list):
        problems.add(strings.pos(("slides",)), "'slides' in a strings file maps each slide's "
                                               "id (or number) to its fields")
        return
    ids = {slide.get("id"): index for index, slide in enumerate(slides)
           if isinstance(slide, dict) and slide.get("id") is not None}
    for key, fields in value.items():
        index = ids.get(key)
        if index is None and str(key).isdigit() and 1 <= int(key) <= len(slides):
            index = int(key) - 1
        if index is None:
            problems.add(strings.pos(("slides", key), prefer_key=True), (
                f"the deck has no slide with id '{key}'; key a slide by its id or by its "
                f"number (1 to {len(slides)})"))
            continue
        _lay(result, strings, slides, index, fields, ("slides", key), ("slides", index),
             problems)


# Chart-slide fields whose text comes from the data when the deck leaves them out.
FROM_DATA = (("source",), ("chart", "unit"), ("chart", "x_name"), ("chart", "categories"))


def _from_data(target: Path_, data: dict) -> bool:
    """Whether ``target`` is a chart slide's field the data fills when the deck does not:
    one of :data:`FROM_DATA`, a label under ``categories``, a series' ``label``."""
    if len(target) < 3 or target[0] != "slides" or not isinstance(target[1], int):
        return False
    slide, rest = data["slides"][target[1]], target[2:]
    if not isinstance(slide, dict) or slide.get("kind") != "chart":
        return False
    return (rest in FROM_DATA or rest[:2] == ("chart", "categories")
            or (_is_series(target[:4]) and len(rest) == 4 and rest[3] == "label"))


def _is_series(target: Path_) -> bool:
    return len(target) == 4 and target[0] == "slides" and target[2:] == ("chart", "series")


def _series_mappings(series: Any) -> Any:
    """A chart's ``series`` in its long form (``[{column: x}]`` for ``x`` or ``[x]``), so
    a strings file can give each a ``label``."""
    items = [series] if isinstance(series, str) else series
    if not isinstance(items, list):
        return series
    return [{"column": item} if isinstance(item, str) else item for item in items]


def _lay(result: Translated, strings: SourceTree, parent: Any, key: str | int, value: Any,
         source: Path_, target: Path_, problems: ProblemCollector) -> None:
    """Lay ``value`` (at ``source`` in the strings) over ``parent[key]`` (at ``target`` in
    the deck): text over text, mappings key by key, lists item by item."""
    here = parent.get(key) if isinstance(parent, dict) else (
        parent[key] if isinstance(key, int) and key < len(parent) else None)
    if here is None and isinstance(parent, dict) and _from_data(target, result.tree.data):
        here = parent[key] = {} if isinstance(value, dict) else ""
    elif _is_series(target) and isinstance(value, list):
        here = parent[key] = _series_mappings(here)
    if here is None:
        problems.add(strings.pos(source, prefer_key=True),
                     f"the deck has no '{key}' here to translate; check the field's name "
                     f"and place against the deck")
    elif isinstance(value, dict) and isinstance(here, dict):
        for name, item in value.items():  # (a category 2016 is the deck model's '2016')
            deck_key = str(name) if target[-1] == "categories" else name
            _lay(result, strings, here, name, item, source + (name,), target + (deck_key,),
                 problems)
    elif isinstance(value, list) and isinstance(here, list):
        if len(value) > len(here):
            problems.add(strings.pos(source), f"{len(value)} entries for the deck's "
                                              f"{len(here)}; translate each of its entries")
        for index, item in enumerate(value[:len(here)]):
            _lay(result, strings, here, index, item, source + (index,), target + (index,),
                 problems)
    elif isinstance(value, (dict, list)) or isinstance(here, (dict, list)):
        problems.add(strings.pos(source), "the deck writes this field differently; give its "
                                          "text in the deck's shape (text for text, a list "
                                          "for a list)")
    else:
        parent[key] = value
        result.tree.positions[target] = strings.pos(source)
        result.covered.add(target)
