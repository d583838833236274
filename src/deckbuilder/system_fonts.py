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

import os
import shutil
import subprocess
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Any
from pathlib import Path

from .answers import StoredAnswers, state_file

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
    found = ANSWERS.answer(pattern, lambda: _ask_fontconfig(pattern))
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


def _usable(answer: Any) -> bool:
    """A stored answer: no match, or (family, file, face index) with the file still there."""
    return answer is None or (isinstance(answer, list) and len(answer) == 3
                              and isinstance(answer[1], str) and Path(answer[1]).is_file()
                              and isinstance(answer[2], int))


def fontconfig_files() -> list[Path | str | None]:
    """What fontconfig's answers depend on: its configuration and its caches, which
    ``fc-cache`` rewrites whenever fonts are installed or removed."""
    cache_home = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return [os.environ.get("FONTCONFIG_FILE") or "/etc/fonts/fonts.conf", "/etc/fonts/conf.d",
            "/var/cache/fontconfig", cache_home / "fontconfig", shutil.which("fc-match")]


def _answers_file(folder: Path | None) -> Path | None:
    """The answers file for fontconfig's current state."""
    return state_file(folder, fontconfig_files(), "fontconfig")


ANSWERS = StoredAnswers(_answers_file, _usable)  # fc-match's, by pattern


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
