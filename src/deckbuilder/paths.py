"""Resolve files a deck refers to, keeping them inside the deck's project folder.

A deck may only read files under its project root (the nearest ancestor folder of the deck
holding ``.git``, ``pyproject.toml`` or ``deckbuilder.toml``, else the deck's own folder),
unless the user explicitly allows outside paths. This stops a shared deck from reading
``/etc/passwd`` into a slide.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .errors import DeckError, SourcePos

ROOT_MARKERS = (".git", "pyproject.toml", "deckbuilder.toml")


def project_root(deck_file: Path) -> Path:
    folder = deck_file.resolve().parent
    for candidate in (folder, *folder.parents):
        if any((candidate / marker).exists() for marker in ROOT_MARKERS):
            return candidate
    return folder


@dataclass(frozen=True)
class PathPolicy:
    """Where a deck's referenced files are resolved from and allowed to live."""

    deck_file: Path
    root: Path
    allow_outside: bool = False

    @classmethod
    def for_deck(cls, deck_file: Path, allow_outside: bool = False) -> "PathPolicy":
        return cls(deck_file.resolve(), project_root(deck_file), allow_outside)

    def resolve(self, reference: str, pos: SourcePos, what: str = "file") -> Path:
        """Resolve ``reference`` relative to the deck, checking it exists and is allowed."""
        if not isinstance(reference, str) or not reference.strip():
            raise DeckError.at(pos, f"{what} path must be a non-empty string")
        if "\0" in reference:
            raise DeckError.at(pos, f"{what} path contains a NUL character; fix the path")
        try:
            path = (self.deck_file.parent / reference).resolve()
            if not self.allow_outside and not path.is_relative_to(self.root):
                raise DeckError.at(
                    pos,
                    f"{what} '{reference}' lies outside the project folder {self.root}; move it "
                    "inside or pass --allow-outside",
                )
            if not path.is_file():
                raise DeckError.at(pos, f"{what} '{reference}' not found (looked for {path})")
        except OSError as exc:  # a name too long, a folder we may not read...
            raise DeckError.at(pos, f"cannot use {what} '{reference}': "
                                    f"{exc.strerror or exc}") from None
        return path
