"""The Python API: build decks from a program (a CI job, a process pool, a scheduler).

::

    import deckbuilder

    result = deckbuilder.build("deck.yaml", "build/deck.pptx")
    result.output, result.slides, result.findings      # findings: lint's warnings

    for target in deckbuilder.targets("regions.yaml"):   # a deck with 'each:'
        deckbuilder.build(target.deck, target.output, data=target.data)

``build`` does what ``deckbuilder build`` does (the same checks, lint, atomic write, chart
cache) and prints nothing. Problems in the deck raise :class:`BuildError`, whose
``problems`` each have ``pos`` (``file``, ``line``, ``col``, ``note``) and ``message``;
nothing is written then. Everything here is safe to call from several processes at once
(the chart cache and every output are written atomically), and arguments, results and
errors pickle, so they cross process boundaries. See docs/format.md, "Decks from data".
"""

from __future__ import annotations

import io
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping

from .each import Target, has_each
from .errors import DeckError, Problem, SourcePos
from .lint_rules.base import Finding

__all__ = ["BuildError", "BuildResult", "Target", "build", "targets"]


class BuildError(DeckError):
    """The deck could not be built: ``problems`` says where and why (``str()`` is one
    ``FILE:LINE:COL: error: message`` line per problem); no output was written."""


@dataclass(frozen=True)
class BuildResult:
    """A deck that was built: where it went, how many slides, lint's warnings."""

    output: Path
    slides: int
    findings: tuple[Finding, ...] = ()


def build(deck: str | os.PathLike[str], output: str | os.PathLike[str], *,
          data: Mapping[str, Any] | None = None, theme: str | None = None,
          allow_outside: bool = False) -> BuildResult:
    """Build ``deck`` into ``output`` (a .pptx), as ``deckbuilder build`` does.

    ``data`` adds names to (or replaces names of) the deck's ``data:`` for this build: one
    item of an ``each:`` deck, or rows an engine got elsewhere. ``theme`` overrides the
    deck's theme. Raises :class:`BuildError` for problems in the deck or its files, and
    OSError if ``output`` cannot be written."""
    from .pipeline import build_file

    deck, output = Path(deck), Path(output)
    variables = dict(data or {})
    bad = [name for name in variables if not (isinstance(name, str) and name.isidentifier())]
    if bad:
        raise BuildError([Problem(SourcePos.start_of(deck), f"data name {bad[0]!r} must be a "
                                  "valid identifier (letters, digits, _)")])
    try:
        compiled, written = build_file(deck, output, theme, allow_outside, io.StringIO(),
                                       "nothing was written", variables)
    except DeckError as exc:
        raise BuildError(exc.problems) from None
    if not written:
        raise BuildError([Problem(f.pos, f.message) for f in compiled.findings
                          if f.severity == "error"])
    slides = len(compiled.presentation.slides) if compiled.presentation else 0
    return BuildResult(output, slides, tuple(compiled.findings))


def targets(deck: str | os.PathLike[str], allow_outside: bool = False) -> list[Target]:
    """The decks a deck with ``each:`` builds: one :class:`Target` (``deck``, ``output``,
    ``data``, ``label``) per item, outputs checked (``.pptx``, inside the project, distinct).
    Raises :class:`BuildError` for problems, including a deck without ``each:``."""
    from .data import load_data
    from .each import targets as each_targets
    from .load import load_yaml
    from .paths import PathPolicy

    deck = Path(deck)
    try:
        policy = PathPolicy.for_deck(deck, allow_outside)
        tree = load_yaml(deck)
        if not has_each(tree):
            raise DeckError.at(tree.pos(()), "this deck builds one deck (it has no 'each:'); "
                                             "build it with build(deck, output)")
        return each_targets(tree, load_data(tree, policy), policy)
    except DeckError as exc:
        raise BuildError(exc.problems) from None
