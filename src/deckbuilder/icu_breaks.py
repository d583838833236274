"""Line-break opportunities from ICU, for scripts written without spaces between words.

Thai (and Lao, Khmer, Myanmar) breaks lines between words, and finding the words needs a
dictionary. LibreOffice breaks them with ICU's line-break iterator and its dictionaries
(a Thai paragraph wraps at word boundaries there), so measuring with the same iterator
breaks where the viewer does. ICU is reached through its C library (``libicuuc``, installed
with LibreOffice and most desktops) with ctypes: no compiled Python package. Without the
library, :func:`line_breaks` returns None and the caller breaks between characters.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import re
from functools import lru_cache
from typing import Any

LINE = 2           # UBRK_LINE
DONE = -1          # UBRK_DONE
LIBRARIES = ("icuuc", "icucore")   # Linux and the BSDs; macOS


@lru_cache(maxsize=1)
def _icu() -> tuple[Any, Any, Any, Any] | None:
    """ubrk_open, ubrk_first, ubrk_next and ubrk_close, or None without ICU."""
    for name in LIBRARIES:
        path = ctypes.util.find_library(name)
        if not path:
            continue
        try:
            library = ctypes.CDLL(path)
        except OSError:
            continue
        for suffix in _suffixes(path):
            try:
                functions = [getattr(library, f"ubrk_{name}{suffix}")
                             for name in ("open", "first", "next", "close")]
            except AttributeError:
                continue
            open_, first, next_, close = functions
            open_.restype = ctypes.c_void_p
            open_.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_void_p, ctypes.c_int32,
                              ctypes.POINTER(ctypes.c_int)]
            for function in (first, next_):
                function.restype = ctypes.c_int32
                function.argtypes = [ctypes.c_void_p]
            close.restype = None
            close.argtypes = [ctypes.c_void_p]
            return open_, first, next_, close
    return None


def _suffixes(path: str) -> list[str]:
    """ICU names its symbols after its major version (``ubrk_open_72``), or not at all."""
    found = re.search(r"\.so\.(\d+)", path) or re.search(r"(\d+)\.dylib$", path)
    return ([f"_{found.group(1)}"] if found else []) + [""]


@lru_cache(maxsize=4096)
def line_breaks(text: str, locale: str = "th") -> tuple[int, ...] | None:
    """Offsets inside ``text`` (not 0 or its end) where ICU may break a line; None
    without ICU."""
    icu = _icu()
    if icu is None:
        return None
    open_, first, next_, close = icu
    encoded = text.encode("utf-16-le")
    units = len(encoded) // 2
    buffer = ctypes.create_string_buffer(encoded, len(encoded) + 2)
    status = ctypes.c_int(0)
    iterator = open_(LINE, locale.encode(), buffer, units, ctypes.byref(status))
    if status.value > 0 or not iterator:  # U_FAILURE
        return None
    try:
        offsets = []
        first(iterator)
        while (unit := next_(iterator)) != DONE:
            offsets.append(unit)
    finally:
        close(iterator)
    index = _code_points(text)
    return tuple(index[unit] for unit in offsets if 0 < unit < units and unit in index)


def _code_points(text: str) -> dict[int, int]:
    """UTF-16 offset -> index in ``text``, for every character start."""
    index, unit = {}, 0
    for position, char in enumerate(text):
        index[unit] = position
        unit += 2 if ord(char) > 0xFFFF else 1
    return index
