"""The slide list as written -> the slides to build.

Three kinds of entry in a slide list (``slides:``, a ``repeat:``'s ``slides:``, an included
file) are not slides themselves:

- ``- include: FILE`` splices in the slides of another YAML file (:mod:`includes`);
- ``- repeat: {for: NAME, in: LIST}`` with ``slides: [...]`` writes its slides once per item
  of a list from ``data:``, with the item as ``NAME`` (and ``loop.index`` etc.) in their
  templates;
- any slide (or repeat) with ``when: CONDITION`` is left out unless the condition is true.

This runs after ``data:`` is loaded and before templating. The result is a new
:class:`SourceTree` with a flat slide list whose every position points at the YAML that wrote
it (in the included file for an included slide) and carries a note saying which copy it is
("in repetition 3 of 'regions' (region=North)"), so every later error and lint finding names
the item; and, per generated slide, the loop names its templates see.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import Any

from .errors import DeckError, ProblemCollector, SourcePos, did_you_mean
from .expressions import condition, label, list_value
from .includes import Includes
from .load import SourceTree
from .paths import PathPolicy
from .templating import make_environment

MAX_SLIDES = 10_000
REPEAT_KEYS = ("repeat", "slides", "when")
REPEAT_SPEC_KEYS = ("for", "in")


@dataclass
class Expanded:
    """The deck with its slide list expanded, and the loop names of each generated slide."""

    tree: SourceTree
    scopes: dict[tuple, dict[str, Any]] = field(default_factory=dict)


@dataclass(frozen=True)
class _Frame:
    """Where the walk is: the loop names in force, the note for positions, the files being
    included (the deck first)."""

    names: dict[str, Any]
    note: str
    chain: tuple[Path, ...]

    def within(self, note: str, **changes: Any) -> "_Frame":
        return replace(self, note=f"{self.note}, {note}" if self.note else note, **changes)


def expand_slides(tree: SourceTree, context: dict[str, Any], policy: PathPolicy,
                  note: str = "") -> Expanded:
    """``tree`` with its slides expanded; ``note`` marks every position (a deck built from
    one item of ``each:``). All problems are collected and raised as one DeckError."""
    slides = tree.data.get("slides") if isinstance(tree.data, dict) else None
    target = SourceTree(data=None, file=tree.file)
    if not isinstance(slides, list):  # not a list: validation says so
        graft(tree, (), tree.data, target, (), note)
        target.data = tree.data
        return Expanded(target)
    expander = _Expander(context, Includes(policy), target)
    _copy_position(tree, (), target, (), note)
    for key, value in tree.data.items():
        if key != "slides":
            graft(tree, (key,), value, target, (key,), note)
    _copy_position(tree, ("slides",), target, ("slides",), note)
    expander.entries(tree, ("slides",), slides, _Frame({}, note, (policy.deck_file,)))
    expander.problems.raise_if_any()
    target.data = {**tree.data, "slides": expander.slides}
    return Expanded(target, expander.scopes)


class _Expander:
    def __init__(self, context: dict[str, Any], includes: Includes, target: SourceTree):
        self.context = context
        self.includes = includes
        self.target = target
        self.problems = ProblemCollector()
        self.slides: list[Any] = []
        self.scopes: dict[tuple, dict[str, Any]] = {}

    @cached_property
    def env(self) -> Any:
        """The sandbox, made (and Jinja2 imported) for the first ``when:`` or ``repeat:``."""
        return make_environment()

    def entries(self, source: SourceTree, path: tuple, items: list, frame: _Frame) -> None:
        for index, entry in enumerate(items):
            try:
                self.entry(source, path + (index,), entry, frame)
            except DeckError as exc:
                self.problems.extend(exc.problems)

    def entry(self, source: SourceTree, path: tuple, entry: Any, frame: _Frame) -> None:
        if isinstance(entry, dict) and "include" in entry:
            self.include(source, path, entry, frame)
        elif isinstance(entry, dict) and "repeat" in entry:
            self.repeat(source, path, entry, frame)
        elif self.holds(source, path, entry, frame):
            self.emit(source, path, entry, frame)

    def pos(self, source: SourceTree, path: tuple, frame: _Frame, key: bool = False) -> SourcePos:
        return noted(source.pos(path, prefer_key=key), frame.note)

    def holds(self, source: SourceTree, path: tuple, entry: Any, frame: _Frame) -> bool:
        """Whether an entry's ``when:`` (if it has one) is true."""
        if not isinstance(entry, dict) or "when" not in entry:
            return True
        return condition(self.env, entry["when"], {**self.context, **frame.names},
                         self.pos(source, path + ("when",), frame))

    def emit(self, source: SourceTree, path: tuple, entry: Any, frame: _Frame) -> None:
        index = len(self.slides)
        if index >= MAX_SLIDES:
            raise DeckError.at(self.pos(source, path, frame),
                               f"the deck generates more than {MAX_SLIDES:,} slides; "
                               "repeat over a shorter list")
        slide = {k: v for k, v in entry.items() if k != "when"} if isinstance(entry, dict) \
            else entry
        self.slides.append(slide)
        graft(source, path, slide, self.target, ("slides", index), frame.note)
        if frame.names:
            self.scopes[("slides", index)] = frame.names

    def include(self, source: SourceTree, path: tuple, entry: dict, frame: _Frame) -> None:
        extra = [k for k in entry if k != "include"]
        if extra:
            raise DeckError.at(self.pos(source, path + (extra[0],), frame, key=True),
                               f"an include entry has only 'include: FILE', not '{extra[0]}'; "
                               "put 'when:' on the slides in the included file")
        where = self.pos(source, path + ("include",), frame)
        file, included = self.includes.load(entry["include"], where, frame.chain)
        inner = frame.within(f"included from {replace(where, note='')}",
                             chain=frame.chain + (file,))
        self.entries(included, (), included.data, inner)

    def repeat(self, source: SourceTree, path: tuple, entry: dict, frame: _Frame) -> None:
        self.check_keys(source, path, entry, REPEAT_KEYS, frame,
                        "a repeat has 'repeat: {for: NAME, in: LIST}' and 'slides:'")
        spec = entry["repeat"]
        spec_pos = self.pos(source, path + ("repeat",), frame)
        if isinstance(spec, dict):
            self.check_keys(source, path + ("repeat",), spec, REPEAT_SPEC_KEYS, frame,
                            "'repeat' has 'for' and 'in'")
        if not isinstance(spec, dict) or not all(k in spec for k in REPEAT_SPEC_KEYS):
            raise DeckError.at(spec_pos, "'repeat' needs 'for' (a name for each item) and 'in' "
                                         "(the list), e.g. repeat: {for: region, in: regions}")
        name = spec["for"]
        if not isinstance(name, str) or not name.isidentifier():
            raise DeckError.at(self.pos(source, path + ("repeat", "for"), frame),
                               "'for' is a name for each item (letters, digits, _), e.g. region")
        slides = entry.get("slides")
        if not isinstance(slides, list) or not slides:
            raise DeckError.at(self.pos(source, path + ("slides",), frame, key="slides" in entry),
                               "a repeat needs 'slides:', a list of the slides to write per item")
        if not self.holds(source, path, entry, frame):
            return
        names = {**self.context, **frame.names}
        items = list_value(self.env, spec["in"], names,
                           self.pos(source, path + ("repeat", "in"), frame), "in")
        shown = spec["in"].strip() if isinstance(spec["in"], str) else "the list"
        for index, item in enumerate(items):
            loop = {"index": index + 1, "index0": index, "first": index == 0,
                    "last": index == len(items) - 1, "length": len(items)}
            inner = frame.within(f"in repetition {index + 1} of '{shown}' ({name}={label(item)})",
                                 names={**frame.names, name: item, "loop": loop})
            self.entries(source, path + ("slides",), slides, inner)

    def check_keys(self, source: SourceTree, path: tuple, mapping: dict, allowed: tuple,
                   frame: _Frame, shape: str) -> None:
        for key in mapping:
            if key not in allowed:
                raise DeckError.at(self.pos(source, path + (key,), frame, key=True),
                                   f"unknown field '{key}'{did_you_mean(key, allowed)}; {shape}")


def noted(pos: SourcePos, note: str) -> SourcePos:
    """``pos`` with ``note`` added to what it already says."""
    if not note:
        return pos
    return replace(pos, note=f"{note}, {pos.note}" if pos.note else note)


def graft(source: SourceTree, source_path: tuple, value: Any, target: SourceTree,
          target_path: tuple, note: str) -> None:
    """Copy the positions of ``value`` (found at ``source_path`` in ``source``) to
    ``target_path`` in ``target``, each with ``note``."""
    _copy_position(source, source_path, target, target_path, note)
    if isinstance(value, dict):
        for key, child in value.items():
            graft(source, source_path + (key,), child, target, target_path + (key,), note)
    elif isinstance(value, list):
        for index, child in enumerate(value):
            graft(source, source_path + (index,), child, target, target_path + (index,), note)


def _copy_position(source: SourceTree, source_path: tuple, target: SourceTree,
                   target_path: tuple, note: str) -> None:
    if source_path in source.positions:
        target.positions[target_path] = noted(source.positions[source_path], note)
    if source_path in source.key_positions:
        target.key_positions[target_path] = noted(source.key_positions[source_path], note)
