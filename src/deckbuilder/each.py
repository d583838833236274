"""Decks from data: a deck with ``each: {in: LIST, as: NAME, output: TEMPLATE}`` builds one
deck per item of a list from ``data:``, the item known to every template as ``NAME`` and the
deck written to ``output`` rendered with it.

Output names come from data, which may come from anyone, so each must be a ``.pptx`` path
inside the project folder (unless ``--allow-outside``), relative to the deck file like every
path a deck names, and no two items may name the same file.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import DeckError, ProblemCollector, SourcePos
from .expansion import noted
from .expressions import label, list_value
from .load import SourceTree
from .paths import PathPolicy
from .templating import describe, make_environment

KEYS = ("in", "as", "output")
OUTPUT_SUFFIX = ".pptx"


@dataclass(frozen=True)
class Target:
    """One deck of a decks-from-data build: build ``deck`` with ``data`` added to its
    ``data:`` names, to ``output``. Picklable, for process pools."""

    deck: Path
    output: Path
    data: dict[str, Any] = field(default_factory=dict)
    label: str = ""  # "region=North", for messages


def has_each(tree: SourceTree) -> bool:
    return isinstance(tree.data, dict) and tree.data.get("each") is not None


def items(tree: SourceTree, context: dict[str, Any]) -> tuple[str, list[Any]]:
    """The ``as:`` name and the list ``each.in`` gives, after checking ``each:`` has its
    three fields."""
    spec = tree.data["each"]
    pos = tree.pos(("each",))
    if not isinstance(spec, dict) or any(k not in spec for k in KEYS):
        raise DeckError.at(pos, "'each' needs 'in' (the list), 'as' (a name for each item) "
                                "and 'output' (the file name), e.g. each: {in: regions, "
                                "as: region, output: \"build/{{ region.name }}.pptx\"}")
    name = spec["as"]
    if not isinstance(name, str) or not name.isidentifier():
        raise DeckError.at(tree.pos(("each", "as")),
                           "'as' is a name for each item (letters, digits, _), e.g. region")
    found = list_value(make_environment(), spec["in"], context, tree.pos(("each", "in")), "in")
    if not found:
        raise DeckError.at(tree.pos(("each", "in")), "'in' gives an empty list, so there is "
                                                     "no deck to build; check the data")
    return name, found


def variant(tree: SourceTree, context: dict[str, Any]) -> tuple[dict[str, Any], str]:
    """The names one deck of ``each:`` is built with (the item the caller put in
    ``context``, else the first: what ``validate`` and ``outline`` show), and the note that
    marks its positions."""
    name, found = items(tree, context)
    item = context[name] if name in context else found[0]
    return {name: item}, f"in the deck for {name}={label(item)}"


def targets(tree: SourceTree, context: dict[str, Any], policy: PathPolicy) -> list[Target]:
    """One target per item of ``each.in``, with its output checked (see the module)."""
    env = make_environment()
    problems = ProblemCollector()
    template = tree.data["each"]["output"]
    pos = tree.pos(("each", "output"))
    found: list[Target] = []
    claimed: dict[Path, str] = {}  # real path -> the item that named it
    name, listed = items(tree, context)
    for item in listed:
        shown = f"{name}={label(item)}"
        where = noted(pos, f"in the deck for {shown}")
        try:
            output = _output(env, template, {**context, name: item}, where, policy, tree.file)
        except DeckError as exc:
            problems.extend(exc.problems)
            continue
        real = Path(os.path.realpath(output))
        if real in claimed:
            problems.add(where, f"'output' gives {output.name} for {claimed[real]} too; "
                                "name the file from a value that differs per item")
            continue
        claimed[real] = shown
        found.append(Target(tree.file, output, {name: item}, shown))
    problems.raise_if_any()
    return found


def _output(env: Any, template: Any, names: dict[str, Any], pos: SourcePos,
            policy: PathPolicy, deck: Path) -> Path:
    if not isinstance(template, str) or not template.strip():
        raise DeckError.at(pos, "'output' is a file name template, e.g. "
                                "\"build/{{ region.name }}.pptx\"")
    try:
        name = env.render_text(template, names, 1_000).strip()
    except Exception as exc:  # noqa: BLE001 - a template's failure is the deck's problem
        raise DeckError.at(pos, describe(exc)) from None
    if not name.lower().endswith(OUTPUT_SUFFIX) or "\0" in name:
        raise DeckError.at(pos, f"'output' must give a .pptx file name, but gives {name!r}")
    output = deck.parent / name
    real = Path(os.path.realpath(output))  # links resolved: no way out through one
    if not policy.allow_outside and not real.is_relative_to(policy.root):
        raise DeckError.at(pos, f"'output' gives {name!r}, outside the project folder "
                                f"{policy.root}; keep outputs inside it (or pass "
                                "--allow-outside)")
    return output
