"""User-facing errors that point back at the YAML source.

Every problem a user can fix is a :class:`Problem` with a :class:`SourcePos`; stages collect
them and raise one :class:`DeckError`, so the CLI can print all of them as
``FILE:LINE:COL: message`` and exit 1. Anything else escaping a stage is a bug.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence


@dataclass(frozen=True)
class SourcePos:
    """A 1-based line/column position in a source file."""

    file: str
    line: int = 1
    col: int = 1
    note: str = ""  # which generated copy of the source this is ("in repetition 2 of ...")

    def __str__(self) -> str:
        if not self.line:  # a whole file (an output), not a place in one
            return _display(self.file)
        return f"{_display(self.file)}:{self.line}:{self.col}"

    def describe(self, message: str) -> str:
        """``message`` with the note saying which repetition or include it concerns."""
        return f"{message} ({self.note})" if self.note else message

    @classmethod
    def start_of(cls, path: Path | str) -> "SourcePos":
        return cls(str(path), 1, 1)

    @classmethod
    def whole(cls, path: Path | str) -> "SourcePos":
        """A file as a whole: printed as ``PATH: error: ...``, like a file that cannot be
        written."""
        return cls(str(path), 0, 0)


def _display(file: str) -> str:
    """Paths under the working folder are shown relative, as the user typed the deck's."""
    path = Path(file)
    if path.is_absolute():
        try:
            return str(path.relative_to(Path.cwd()))
        except ValueError:
            pass
    return file


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input, where it is, and what to do about it."""

    pos: SourcePos
    message: str
    severity: str = "error"

    def format(self) -> str:
        return f"{self.pos}: {self.severity}: {self.pos.describe(self.message)}"


class DeckError(Exception):
    """The one exception type for problems the user can fix in their files."""

    def __init__(self, problems: Sequence[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(p.format() for p in self.problems))

    def __reduce__(self) -> tuple:
        """Pickled with its problems (a process pool sends it back from a worker)."""
        return type(self), (self.problems,)

    @classmethod
    def at(cls, pos: SourcePos, message: str) -> "DeckError":
        return cls([Problem(pos, message)])


class ProblemCollector:
    """Gathers problems so a stage can report all of them, not just the first."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, pos: SourcePos, message: str) -> None:
        self.problems.append(Problem(pos, message))

    def extend(self, problems: Iterable[Problem]) -> None:
        self.problems.extend(problems)

    def raise_if_any(self) -> None:
        if self.problems:
            unique = list(dict.fromkeys(self.problems))
            raise DeckError(sorted(unique, key=lambda p: (p.pos.file, p.pos.line, p.pos.col)))


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """A ' (did you mean X?)' hint for the nearest valid name, or ''."""
    import difflib  # here: only a misspelt name needs it, not every build

    choices = list(choices)
    plural = [c for c in choices if c.rstrip("s") == str(word).rstrip("s")]  # tile -> tiles
    close = plural or difflib.get_close_matches(str(word), choices, n=1, cutoff=0.5)
    return f" (did you mean '{close[0]}'?)" if close else ""
