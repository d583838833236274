"""Answers of a slow outside oracle (fontconfig, Babel), for this process and kept in the
project cache between builds.

Both are asked the same few questions by every build of a deck and answer the same way
until the oracle itself changes, so the answers are stored (JSON, beside the text widths) in
a file named for the oracle's state: the size and time of the files that make its answers.
Another state is another file, asked afresh; an answer read back is used only if the
owner's check accepts it.

Answers that change with the deck (the strings a deck rendered) are kept per *scope*, one
deck variant's: the decks of one ``each:`` build, or a deck built in two languages, would
otherwise each keep only their own answers, replacing the others'.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any, Callable, Iterable

from .cache import WIDTHS, read_entry, subfolder, touch, write_entry

MAX_ANSWERS_BYTES = 1024 * 1024


class StoredAnswers:
    """Answers by question; ``file_for`` names the answers file under a cache folder (None:
    nowhere to keep them), ``usable`` checks an answer read back; ``only_used`` keeps only
    the answers the last build used (for questions that change with the deck: give
    :meth:`load` each deck's scope); ``limit``: the largest answers file kept, in bytes."""

    def __init__(self, file_for: Callable[[Path | None], Path | None],
                 usable: Callable[[Any], bool] = lambda answer: True,
                 only_used: bool = False, limit: int = MAX_ANSWERS_BYTES) -> None:
        self.known: dict[str, Any] = {}
        self._file_for = file_for
        self._usable = usable
        self._only_used = only_used
        self._limit = limit
        self._used: set[str] = set()
        self._fresh = False
        self._loaded: set[tuple[Path | None, str]] = set()
        self._scope = ""

    def answer(self, question: str, ask: Callable[[], Any],
               keep: Callable[[Any], bool] = lambda answer: True) -> Any:
        """The known answer to ``question``, else what ``ask`` says; it is kept (as it will
        read back: a JSON value) if ``keep`` says so."""
        if question not in self.known:
            answer = ask()
            if not keep(answer):
                return answer
            self.known[question] = json.loads(json.dumps(answer))
            self._fresh = True
        self._used.add(question)
        return self.known[question]

    def load(self, folder: Path | None, scope: str = "") -> None:
        """Add the answers stored under the cache ``folder`` for ``scope`` (a name for whose
        answers they are); the next :meth:`save` stores that scope's."""
        self._scope = scope
        if (folder, scope) in self._loaded:
            return
        self._loaded.add((folder, scope))
        file = self._file(folder)
        try:
            stored = json.loads(read_entry(file, self._limit) or b"{}")
        except (ValueError, RecursionError):
            return
        for question, answer in stored.items() if isinstance(stored, dict) else ():
            if self._usable(answer):
                self.known.setdefault(question, answer)

    def save(self, folder: Path | None) -> None:
        """Store the answers, if anything was asked since the last save (``only_used``: if
        the answers used differ from those kept)."""
        if self._only_used:
            used = {question: self.known[question] for question in self._used}
            self._fresh = self._fresh or used.keys() != self.known.keys()
            self.known, self._used = used, set()
        if self._fresh:
            write_entry(self._file(folder), json.dumps(self.known).encode(), self._limit)
            self._fresh = False

    def _file(self, folder: Path | None) -> Path | None:
        """The answers file for the current scope."""
        file = self._file_for(folder)
        if file is None or not self._scope:
            return file
        scoped = file.with_name(f"{file.stem}-{self._scope}{file.suffix}")
        touch(scoped)  # as state_file does: used now, so pruning keeps it
        return scoped


def state_file(folder: Path | None, watched: Iterable[Path | str | None],
               suffix: str) -> Path | None:
    """The answers file, in ``folder``'s widths cache, for the state of ``watched`` files
    (see :func:`state_digest`)."""
    own = subfolder(folder, WIDTHS)
    if own is None:
        return None
    digest = state_digest(watched)[:32]
    touch(own / f"{digest}.{suffix}")
    return own / f"{digest}.{suffix}"


def state_digest(watched: Iterable[Path | str | None]) -> str:
    """A digest of the ``watched`` files' sizes and times (a missing one counts as
    missing): it changes when any of them is replaced."""
    state = []
    for path in watched:
        try:
            info = os.stat(path) if path else None
        except OSError:
            info = None
        state.append((str(path), info and (info.st_mtime_ns, info.st_size)))
    return hashlib.sha256(repr(state).encode()).hexdigest()
