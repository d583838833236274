"""Text widths remembered within a process and between builds.

Measuring a word with its font's shaping (Pillow with raqm: kerning and ligatures, as
viewers draw it) costs about 30 µs, and a deck measures about a thousand distinct words per
build — the same ones again on every rebuild. A width depends only on the text, the font
file and the shaping library, so widths are kept in the project cache folder (next to the
chart PNGs), in one file per set of font files and library versions. A file that cannot be
read is ignored and one that cannot be written is skipped: the cache only ever costs or
saves time, never changes a width.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Callable

from ..atomic import write_quietly
from ..cache import WIDTHS, touch

FORMAT = 1
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

    def get(self, font: str, text: str, measure: Callable[[], float]) -> float:
        key = (font, text)
        width = self._known.get(key)
        if width is None:
            if len(self._known) >= MAX_ENTRIES:
                self._known.clear()
            width = self._known[key] = self._fresh[key] = measure()
        return width

    def file(self, folder: Path) -> Path:
        if self._name is None:
            digest = hashlib.sha256(f"{FORMAT}\n{self._fingerprint()}".encode()).hexdigest()
            self._name = f"{digest[:32]}.json"
        return folder / WIDTHS / self._name

    def load(self, folder: Path) -> None:
        """Add the widths stored under ``folder`` (read once per folder and process)."""
        file = self.file(folder)
        touch(file)  # in use by this build, so pruning keeps it
        if folder in self._loaded:
            return
        self._loaded.add(folder)
        try:
            if file.stat().st_size > MAX_FILE_BYTES:
                return
            stored = json.loads(file.read_text(encoding="utf-8"))
            entries = [((font, text), float(width)) for font, text, width in stored]
        except (OSError, ValueError, TypeError):
            return  # missing or damaged: everything is measured again
        for key, width in entries[:MAX_ENTRIES - len(self._known)]:
            self._known.setdefault(key, width)

    def save(self, folder: Path) -> None:
        """Store what is known, if anything was measured since the last save."""
        if not self._fresh:
            return
        rows = [[font, text, width] for (font, text), width in self._known.items()]
        write_quietly(self.file(folder), json.dumps(rows, ensure_ascii=False).encode("utf-8"))
        self._fresh.clear()
