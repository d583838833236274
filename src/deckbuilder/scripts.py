"""Which script a character belongs to, as PowerPoint and LibreOffice sort text into
Latin, East Asian and complex-script runs, and where such text may break between lines.

Pure data and Python: layout measures with it, render writes the faces and paragraph
direction it implies, so a viewer sets the fonts that were measured. Text with none of these
scripts (``has_other_scripts`` is false) takes the Latin path unchanged.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Literal

from .icu_breaks import line_breaks
from .ir import Font

ScriptClass = Literal["latin", "east_asian", "complex"]

# Code point ranges, from the Unicode blocks each viewer treats as Asian or complex (CTL).
_EAST_ASIAN = ("\u1100-\u11ff\u2e80-\u2fdf\u2ff0-\u303f\u3040-\u31ff\u3200-\u9fff"
               "\ua960-\ua97f\uac00-\ud7ff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef"
               "\U00020000-\U0003ffff")
_COMPLEX = {  # script → ranges; the script names the default face (see DEFAULT_FACES)
    "hebrew": "\u0590-\u05ff\ufb1d-\ufb4f",
    "arabic": "\u0600-\u06ff\u0750-\u077f\u0870-\u08ff\ufb50-\ufdff\ufe70-\ufefe",
    "devanagari": "\u0900-\u097f\ua8e0-\ua8ff",
    "indic": "\u0980-\u0dff",
    "thai": "\u0e00-\u0e7f",
    "southeast-asian": "\u0e80-\u0eff\u1000-\u109f\u1780-\u17ff",
}
_RTL_SCRIPTS = frozenset({"hebrew", "arabic"})
_LOWEST = "\u0590"  # no range above starts lower: a character below it is Latin, at once
# Nor does any range above meet U+1800-U+2E7F (Latin Extended Additional, punctuation such
# as dashes and curly quotes, symbols): a small class that finds Latin text, those
# included, without compiling the large ones
_NEITHER = re.compile("[^\x00-\u058f\u1800-\u2e7f]")
_STRONG_LTR = re.compile(r"[^\W\d_]")  # a letter: Latin, Greek, Cyrillic … (or any script)

# The faces a run names, and measuring uses, when the theme names none for the script: the
# Noto families (Debian: fonts-noto-cjk, fonts-noto-core) cover every script here, are free,
# and LibreOffice and PowerPoint both accept any installed face by name.
DEFAULT_EAST_ASIAN = "Noto Sans CJK SC"
DEFAULT_FACES = {
    "hebrew": "Noto Sans Hebrew",
    "arabic": "Noto Sans Arabic",
    "devanagari": "Noto Sans Devanagari",
    "indic": "Noto Sans Bengali",
    "thai": "Noto Sans Thai",
    "southeast-asian": "Noto Sans Lao",
}

# Line breaking (after UAX #14 and the Japanese kinsoku rules viewers apply): no line starts
# with a closing mark or small kana, none ends with an opening mark.
NO_BREAK_BEFORE = frozenset("、。，．,.:;?!：；？！）)]｝」』】〕〉》〗〙〛’”々〻ゝゞヽヾー"
                            "ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶ・･％‰℃")
NO_BREAK_AFTER = frozenset("（([｛「『【〔〈《〖〘〚‘“￥＄")
_THAI_LEADING = frozenset("\u0e40\u0e41\u0e42\u0e43\u0e44")  # vowels written before the consonant
_THAI_FOLLOWING = frozenset("\u0e30\u0e32\u0e33\u0e45\u0e46")  # spacing vowels after it
_HANGUL = "\u1100-\u11ff\u3130-\u318f\ua960-\ua97f\uac00-\ud7ff"
# Korean is written with spaces and viewers keep its words whole, as we do; Chinese, Japanese
# and Thai break between characters
_CLASSES = {
    "other": f"[{_EAST_ASIAN}{''.join(_COMPLEX.values())}]",
    "east_asian": f"[{_EAST_ASIAN}]",
    "by_dictionary": f"[{_COMPLEX['thai']}{_COMPLEX['southeast-asian']}]",
    "break_anywhere": f"(?![{_HANGUL}])[{_EAST_ASIAN}{_COMPLEX['thai']}]",
    **{script: f"[{ranges}]" for script, ranges in _COMPLEX.items()},
}


@lru_cache(maxsize=None)
def _pattern(name: str) -> re.Pattern[str]:
    """The character class ``name`` of ``_CLASSES``, compiled on first use: the large
    classes take milliseconds each to compile, and a deck in Latin script needs none."""
    return re.compile(_CLASSES[name])


def _latin_only(text: str) -> bool:
    return _NEITHER.search(text) is None


def has_other_scripts(text: str) -> bool:
    """Whether ``text`` has any East Asian or complex-script character."""
    return not _latin_only(text) and _pattern("other").search(text) is not None


def has_east_asian(text: str) -> bool:
    return not _latin_only(text) and _pattern("east_asian").search(text) is not None


def script_of(char: str) -> str | None:
    """'east_asian', a complex script's name, or None (Latin, or a weak character)."""
    if char < _LOWEST:
        return None
    if _pattern("east_asian").match(char):
        return "east_asian"
    for script in _COMPLEX:
        if _pattern(script).match(char):
            return script
    return None


def class_of(script: str | None) -> ScriptClass:
    if script == "east_asian":
        return "east_asian"
    return "latin" if script is None else "complex"


def _is_weak(char: str) -> bool:
    """Digits, spaces and punctuation: LibreOffice sets them in the script around them."""
    return _STRONG_LTR.match(char) is None


def script_runs(text: str) -> list[tuple[str | None, str]]:
    """``text`` cut where its script changes, each piece with its script (None: Latin).

    Weak characters join the script before them (at the start, the first strong one
    after), as LibreOffice assigns them."""
    scripts: list[str | None] = []
    pending = 0  # weak characters at the start, before any strong one
    for char in text:
        if _is_weak(char) and script_of(char) is None:
            if scripts or pending < 0:
                scripts.append(scripts[-1] if scripts else None)
            else:
                pending += 1
            continue
        script = script_of(char)
        if pending:
            scripts.extend([script] * pending)
            pending = -1
        scripts.append(script)
    scripts.extend([None] * max(pending, 0))
    pieces: list[tuple[str | None, str]] = []
    for char, script in zip(text, scripts):
        if pieces and pieces[-1][0] == script:
            pieces[-1] = (script, pieces[-1][1] + char)
        else:
            pieces.append((script, char))
    return pieces


def complex_script(text: str) -> str | None:
    """The first complex script in ``text`` (it names the run's complex-script face)."""
    if _latin_only(text):
        return None
    match = _pattern("other").search(_pattern("east_asian").sub("", text))
    return script_of(match.group()) if match else None


def script_faces(text: str, font: Font) -> tuple[str | None, str | None]:
    """The East Asian and complex-script faces ``text`` is measured in and a viewer should
    set it in (the font's own, else the defaults above); None where it needs none."""
    east_asian = (font.east_asian or DEFAULT_EAST_ASIAN) if has_east_asian(text) else None
    script = complex_script(text)
    return east_asian, None if script is None else font.complex_script or DEFAULT_FACES[script]


def is_right_to_left(text: str) -> bool:
    """Whether a paragraph's first strong character is Arabic or Hebrew (its base direction,
    as the Unicode bidirectional algorithm sets it)."""
    for char in text:
        if not _is_weak(char):
            return script_of(char) in _RTL_SCRIPTS
    return False


def _autospaced(before: str, after: str) -> bool:
    """Whether LibreOffice puts extra space between these two characters: an East Asian
    one next to any other that is not a space."""
    east = (has_east_asian(before), has_east_asian(after))
    return east[0] != east[1] and not (before.isspace() or after.isspace())


def autospaces(text: str) -> int:
    """How many East Asian / other boundaries ``text`` has (see ``_autospaced``)."""
    return sum(_autospaced(a, b) for a, b in zip(text, text[1:]))


def break_points(text: str) -> list[int]:
    """Offsets inside a space-free ``text`` where a line may break besides hyphens.

    Thai, Lao, Khmer and Myanmar break between words, found with ICU's dictionaries as
    LibreOffice finds them (``icu_breaks.py``); without ICU, between characters but never
    before a combining mark. East Asian text breaks between two characters unless
    punctuation forbids it; nor at an East Asian / Latin boundary: viewers may break there,
    but its extra space (``autospaces``) is then measured within one piece."""
    if _latin_only(text):
        return []
    anywhere = _pattern("break_anywhere")
    if anywhere.search(text) is None:
        return []
    if _pattern("by_dictionary").search(text) and (words := line_breaks(text)) is not None:
        return list(words)
    points = []
    for index in range(1, len(text)):
        before, after = text[index - 1], text[index]
        if not (anywhere.match(before) or anywhere.match(after)):
            continue
        if (after in NO_BREAK_BEFORE or before in NO_BREAK_AFTER
                or unicodedata.category(after).startswith("M")
                or after in _THAI_FOLLOWING or before in _THAI_LEADING
                or _autospaced(before, after)):
            continue
        points.append(index)
    return points
