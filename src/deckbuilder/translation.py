"""A deck's text in another language, from one source: a strings file per language next to
the deck (``talk.yaml`` + ``talk.es-MX.yaml``) that mirrors the deck's text fields, slides
keyed by their ``id`` (or their number). ``build --language es-MX`` lays the strings over the
deck before templating, so data, charts and filters are the deck's own and numbers come out
in the strings' language; a text field the strings leave out is a finding naming it, and the
deck's ``translation: missing:`` says whether its own text stands in (a warning) or the
build stops (an error).
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import DeckError, Problem, ProblemCollector, SourcePos
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
    found = policy.optional(path, asked, "strings file")
    if found is None:
        raise DeckError.at(asked, (
            f"there is no {path.name} next to the deck for '{language}'; write the deck's "
            f"text in it (see docs/format.md, 'Decks in several languages')"))
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


def _lay(result: Translated, strings: SourceTree, parent: Any, key: str | int, value: Any,
         source: Path_, target: Path_, problems: ProblemCollector) -> None:
    """Lay ``value`` (at ``source`` in the strings) over ``parent[key]`` (at ``target`` in
    the deck): text over text, mappings key by key, lists item by item."""
    here = parent.get(key) if isinstance(parent, dict) else (
        parent[key] if isinstance(key, int) and key < len(parent) else None)
    if here is None:
        problems.add(strings.pos(source, prefer_key=True),
                     f"the deck has no '{key}' here to translate; check the field's name "
                     f"and place against the deck")
    elif isinstance(value, dict) and isinstance(here, dict):
        for name, item in value.items():
            _lay(result, strings, here, name, item, source + (name,), target + (name,),
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


def missing(texts: list[tuple[Path_, str]], translated: Translated, language: str,
            original: SourceTree, fallback: str) -> list[Problem]:
    """A finding for each text field the strings did not give, at the deck's field (its
    text, shown in ``fallback: source``), naming the field and the strings file."""
    from .layout.context import LayoutProblem

    rule = "translation-fallback" if fallback == "source" else "translation-missing"
    shown = ("; the deck's own text is shown" if fallback == "source"
             else "; the deck says translation: missing: error")
    problems: list[Problem] = []
    for path, text in texts:
        if not text.strip() or any(path[:len(c)] == c or c[:len(path)] == path
                                   for c in translated.covered):
            continue
        where = _named(path, original.data)
        problems.append(LayoutProblem(
            original.pos(path), f"{_field(where)} has no {language} text in "
            f"{translated.strings.name}{shown}", rule=rule,
            hint=f"add it to {translated.strings.name} as " + _entry(where)))
    return problems


def _named(path: Path_, data: Any) -> Path_:
    """A deck path with its slide named as the strings file keys it: by id, else number."""
    if len(path) < 2 or path[0] != "slides" or not isinstance(path[1], int):
        return path
    slide = data["slides"][path[1]]
    key = slide.get("id") if isinstance(slide, dict) else None
    return ("slides", key if key is not None else path[1] + 1) + path[2:]


def _field(path: Path_) -> str:
    """('slides', 'cover', 'items', 0) -> "slide 'cover', items[0]" ('slide 4' by number)."""
    head, rest = ((f"slide {path[1]!r}" if isinstance(path[1], str) else f"slide {path[1]}"),
                  path[2:]) if path[0] == "slides" and len(path) > 1 else ("", path)
    text = ""
    for part in rest:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return ", ".join(p for p in (head, f"'{text}'" if text else "") if p)


def _entry(path: Path_) -> str:
    """The nesting a strings file writes the field under: 'slides: cover: items: [0]'."""
    return ": ".join(f"[{part}]" if isinstance(part, int) and i > 1 else str(part)
                     for i, part in enumerate(path))
