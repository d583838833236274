"""Included slide files: ``- include: sections/intro.yaml`` in a slide list.

An included file is read like the deck (the same YAML loader, so every value keeps its
``file:line:col`` in *that* file) and through the deck's path policy (inside the project,
regular files, bounded size; recorded as an input of the build, so ``build --check`` and
``watch`` see it). Its path is relative to the deck file, like every other path a deck or
its included files name: a slide moved from one file to another keeps working.
"""

from __future__ import annotations

from pathlib import Path

from .errors import DeckError, SourcePos
from .load import SourceTree, load_yaml
from .paths import PathPolicy

INCLUDE_SUFFIXES = (".yaml", ".yml")
MAX_INCLUDE_DEPTH = 16
MAX_INCLUDES = 1_000  # include entries read in one build (a file included twice counts twice)


class Includes:
    """Loads included files for one build: each file once, cycles and runaway nesting
    refused at the ``include:`` that would start them."""

    def __init__(self, policy: PathPolicy) -> None:
        self.policy = policy
        self.loaded: dict[Path, SourceTree] = {}
        self.count = 0

    def load(self, reference: object, pos: SourcePos,
             chain: tuple[Path, ...]) -> tuple[Path, SourceTree]:
        """The real path and slides of the file ``reference`` names; ``chain`` is the files
        being included, outermost (the deck) first."""
        if not isinstance(reference, str):
            raise DeckError.at(pos, "'include' names a YAML file of slides, e.g. "
                                    "include: sections/intro.yaml")
        path = self.policy.resolve(reference, pos, "included file")
        if not path.name.lower().endswith(INCLUDE_SUFFIXES):
            raise DeckError.at(pos, f"included file '{reference}' must be .yaml or .yml "
                                    "(a list of slides)")
        if path in chain:
            cycle = " -> ".join(self._name(p) for p in (*chain[chain.index(path):], path))
            raise DeckError.at(pos, f"include cycle: {cycle}; remove one of these includes")
        if len(chain) > MAX_INCLUDE_DEPTH:
            raise DeckError.at(pos, f"includes nest deeper than {MAX_INCLUDE_DEPTH} files; "
                                    "include the files from fewer levels")
        self.count += 1
        if self.count > MAX_INCLUDES:
            raise DeckError.at(pos, f"more than {MAX_INCLUDES:,} includes in one deck; "
                                    "include each file once")
        if path not in self.loaded:
            self.loaded[path] = load_yaml(path)
        tree = self.loaded[path]
        if not isinstance(tree.data, list):
            raise DeckError.at(tree.pos(()), "an included file holds a list of slides (each "
                                             "'- kind: …'), as under 'slides:' in a deck")
        return path, tree

    def _name(self, path: Path) -> str:
        return path.relative_to(self.policy.root).as_posix() \
            if path.is_relative_to(self.policy.root) else str(path)
