"""Text widths remembered within a process and between builds.

Measuring a word with its font's shaping (Pillow with raqm: kerning and ligatures, as
viewers draw it) costs about 30 µs, and a deck measures about a thousand distinct words per
build — the same ones again on every rebuild. A width depends only on the text, the font
file and the shaping library, so widths are kept in the project cache folder (next to the
chart PNGs), in one file per set of font files and library versions. A file that cannot be
read, does not verify (see :mod:`deckbuilder.cache`) or holds anything but rows of two texts
and a finite, non-negative width is ignored as a whole, and one that cannot be written is
skipped: the cache only ever costs or saves time, never changes a width.
"""

from __future__ import annotations

import hashlib
import json
import math
from pathlib import Path
from typing import Any, Callable

from ..cache import WIDTHS, read_entry, subfolder, touch, write_entry

FORMAT = 2
MAX_ENTRIES = 200_000  # beyond this, the memo (and then the file) starts afresh
MAX_FILE_BYTES = 32 * 1024 * 1024  # a larger file is not one deckbuilder wrote: ignored


class Widths:
    """Widths by (font file name, text), in font units at the measuring size."""

    def __init__(self, fingerprint: Callable[[], str]) -> None:
        self._fingerprint = fingerprint  # font files and shaping library, as one string
        self._known: dict[tuple[str, str], float] = {}
        self._fresh: dict[tuple[str, str], float] = {}
        self._loaded: set[Path] = set()
        self._name: str | None = None  # the file name, from the fingerprint, once a process
        self.heights: dict[Any, int] = {}  # paragraph heights measured with these widths

    def get(self, font: str, text: str, measure: Callable[[], float]) -> float:
        key = (font, text)
        width = self._known.get(key)
        if width is None:
            if len(self._known) >= MAX_ENTRIES:
                self._known.clear()
            width = self._known[key] = self._fresh[key] = measure()
        return width

    def remember_height(self, key: Any, height: int) -> None:
        """Keep a paragraph's height (``layout.text.paragraph_height``), within bounds."""
        if len(self.heights) >= MAX_ENTRIES:
            self.heights.clear()
        self.heights[key] = height

    def file(self, folder: Path | None) -> Path | None:
        """This process's widths file in the cache ``folder`` (None: no usable folder)."""
        if self._name is None:
            digest = hashlib.sha256(f"{FORMAT}\n{self._fingerprint()}".encode()).hexdigest()
            self._name = f"{digest[:32]}.widths"
        own = subfolder(folder, WIDTHS)
        return own / self._name if own is not None else None

    def load(self, folder: Path | None) -> None:
        """Add the widths stored under ``folder`` (read once per folder and process)."""
        file = self.file(folder)
        if file is None:
            return
        touch(file)  # in use by this build, so pruning keeps it
        if folder in self._loaded:
            return
        self._loaded.add(folder)
        entries = _rows(read_entry(file, MAX_FILE_BYTES))
        for key, width in entries[:MAX_ENTRIES - len(self._known)]:
            self._known.setdefault(key, width)

    def save(self, folder: Path | None) -> None:
        """Store what is known, if anything was measured since the last save."""
        if not self._fresh:
            return
        rows = [[font, text, width] for (font, text), width in self._known.items()]
        write_entry(self.file(folder), json.dumps(rows, ensure_ascii=False).encode("utf-8"),
                    MAX_FILE_BYTES)
        self._fresh.clear()


def _rows(data: bytes | None) -> list[tuple[tuple[str, str], float]]:
    """The widths in a stored file; none at all if any row is not (text, text, width)."""
    try:
        stored = json.loads(data) if data is not None else []
    except (ValueError, RecursionError):
        return []
    if not isinstance(stored, list):
        return []
    rows = []
    for row in stored:
        if not (isinstance(row, list) and len(row) == 3 and isinstance(row[0], str)
                and isinstance(row[1], str) and type(row[2]) in (int, float)
                and math.isfinite(row[2]) and row[2] >= 0):
            return []
        rows.append(((row[0], row[1]), float(row[2])))
    return rows
