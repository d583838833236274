"""Installed font files for scripts the shipped fonts lack (CJK, Arabic, Devanagari, Thai …).

Viewers find these the same way: the face a run names if it is installed, else a font
that has the glyph (LibreOffice asks fontconfig; so do we, through ``fc-match``). Without
fontconfig nothing is found and text is measured with the Latin face, as before.

Each ``fc-match`` is a process start (about 8 ms), and a build asks the same few questions
every time (a chart style names seven fallback families), so answers are remembered per
process and, between builds, in the project cache (:data:`ANSWERS`, loaded and saved by the
pipeline next to the text widths). The stored answers are keyed by the state of fontconfig:
its configuration file and its cache folders, which ``fc-cache`` rewrites whenever fonts are
installed or removed; an answer whose font file is gone is asked again.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

from .cache import WIDTHS, read_entry, subfolder, touch, write_entry

FC_TIMEOUT_S = 10


@dataclass(frozen=True)
class Face:
    """One face of an installed font file (a .ttc holds several, by index)."""

    path: Path
    index: int

    @cached_property
    def key(self) -> str:
        """Names the face in the widths cache: file, face, and the file's size and date, so
        an updated font is measured afresh."""
        stat = self.path.stat()
        return f"{self.path.name}#{self.index}:{stat.st_size}:{stat.st_mtime_ns}"


def _fc_match(pattern: str) -> tuple[str, Face] | None:
    """fontconfig's best match for ``pattern``: its family and face (asked once)."""
    if pattern not in ANSWERS.known:
        ANSWERS.remember(pattern, _ask_fontconfig(pattern))
    found = ANSWERS.known[pattern]
    return (found[0], Face(Path(found[1]), found[2])) if found is not None else None


def _ask_fontconfig(pattern: str) -> tuple[str, str, int] | None:
    if shutil.which("fc-match") is None:
        return None
    try:
        out = subprocess.run(["fc-match", "-f", "%{family[0]}|%{index}|%{file}", pattern],
                             capture_output=True, text=True, timeout=FC_TIMEOUT_S, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    family, _, rest = out.stdout.partition("|")
    index, _, file = rest.partition("|")
    if out.returncode or not file or not index.isdigit() or not Path(file).is_file():
        return None
    return family, file, int(index)


Answer = tuple[str, str, int] | None  # (family, file, face index), or no match


class FontconfigAnswers:
    """``fc-match`` answers by pattern, for this process and stored between builds."""

    def __init__(self) -> None:
        self.known: dict[str, Answer] = {}
        self._fresh = False
        self._loaded: set[Path] = set()

    def remember(self, pattern: str, answer: Answer) -> None:
        self.known[pattern] = answer
        self._fresh = True

    def load(self, folder: Path | None) -> None:
        """Add the answers stored under ``folder`` for fontconfig as it is now."""
        file = _answers_file(folder)
        if file is None or folder in self._loaded:
            return
        self._loaded.add(folder)
        try:
            stored = json.loads(read_entry(file, MAX_ANSWERS_BYTES) or b"{}")
        except (ValueError, RecursionError):
            return
        for pattern, answer in stored.items() if isinstance(stored, dict) else ():
            if answer is None or (isinstance(answer, list) and len(answer) == 3
                                  and isinstance(answer[1], str) and Path(answer[1]).is_file()
                                  and isinstance(answer[2], int)):
                self.known.setdefault(pattern, tuple(answer) if answer else None)

    def save(self, folder: Path | None) -> None:
        """Store the answers, if fontconfig was asked anything since the last save."""
        if self._fresh:
            write_entry(_answers_file(folder), json.dumps(self.known).encode(),
                        MAX_ANSWERS_BYTES)
            self._fresh = False


MAX_ANSWERS_BYTES = 1024 * 1024
ANSWERS = FontconfigAnswers()


def _answers_file(folder: Path | None) -> Path | None:
    """The answers file for fontconfig's current state (its configuration and caches)."""
    own = subfolder(folder, WIDTHS)
    if own is None:
        return None
    cache_home = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    watched = [os.environ.get("FONTCONFIG_FILE") or "/etc/fonts/fonts.conf", "/etc/fonts/conf.d",
               "/var/cache/fontconfig", cache_home / "fontconfig", shutil.which("fc-match")]
    state = []
    for path in watched:
        try:
            info = os.stat(path) if path else None
        except OSError:
            info = None
        state.append((str(path), info and (info.st_mtime_ns, info.st_size)))
    digest = hashlib.sha256(repr(state).encode()).hexdigest()[:32]
    touch(own / f"{digest}.fontconfig")
    return own / f"{digest}.fontconfig"


def _style(bold: bool, italic: bool) -> str:
    return (":weight=bold" if bold else "") + (":slant=italic" if italic else "")


@lru_cache(maxsize=None)
def installed_face(family: str, bold: bool = False, italic: bool = False) -> Face | None:
    """The installed face of ``family`` (None: not installed; fontconfig's substitute for
    another family does not count)."""
    found = _fc_match(family.replace(":", " ") + _style(bold, italic)) if family else None
    if found is None or found[0].lower() != family.lower():
        return None
    return found[1]


_CHOSEN: dict[tuple[bool, bool], list[Face]] = {}  # fontconfig's earlier choices, by style


@lru_cache(maxsize=4096)
def face_with(char: str, bold: bool = False, italic: bool = False) -> Face | None:
    """Some installed face that has ``char``: one fontconfig chose for an earlier character
    if it has it (a text in one script asks fontconfig once, not once per character), else
    fontconfig's choice for this one; None if no face has it."""
    chosen = _CHOSEN.setdefault((bold, italic), [])
    for face in chosen:
        if ord(char) in coverage(face):
            return face
    found = _fc_match(f":charset={ord(char):x}" + _style(bold, italic))
    if found is None or ord(char) not in coverage(found[1]):
        return None
    chosen.append(found[1])
    return found[1]


@lru_cache(maxsize=None)
def coverage(face: Face) -> frozenset[int]:
    """The code points ``face`` has glyphs for."""
    from fontTools.ttLib import TTFont

    with TTFont(str(face.path), fontNumber=face.index, lazy=True) as font:
        return frozenset(font.getBestCmap() or {})
