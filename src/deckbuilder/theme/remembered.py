"""Template descriptions remembered in the project cache.

Reading a template's masters and layouts as data (and, for a theme, writing the theme as a
template first) is most of the template stage's time, and its result is plain data. It is
stored in the cache's ``templates/`` folder under a key made of what it depends on (the
template's bytes, or the theme's settings and slide size) and of the code that produces it,
so an edit to either misses the cache instead of reusing a stale description. Entries carry
the cache's keyed digest (``cache.py``): one that does not verify or does not parse is
described again, never trusted.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict
from pathlib import Path
from typing import Any, Callable

from .. import __version__
from ..cache import TEMPLATES, read_entry, subfolder, write_entry
from ..ir import Insets, Rect
from .backdrop import Backdrop
from .info import Layout, LayoutColors, Placeholder, TemplateFonts, TemplateInfo, TextLook

MAX_ENTRY_BYTES = 8 * 1024 * 1024   # a description, and a theme's own template package
SEPARATOR = b"\0"                   # between the description (JSON) and the package


def remembered(folder: Path | None, depends_on: bytes,
               describe: Callable[[], TemplateInfo], keep_package: bool) -> TemplateInfo:
    """The description ``describe`` makes, from the cache when an earlier build made it.

    ``depends_on`` is what the description is made from; ``keep_package`` stores the
    template's bytes with it (a theme's own template, which is made, not read)."""
    own = subfolder(folder, TEMPLATES)
    digest = hashlib.sha256(depends_on + _code()).hexdigest()
    path = own / f"{digest}.template" if own is not None else None
    stored = read_entry(path, MAX_ENTRY_BYTES)
    if stored is not None:
        found = _parsed(stored)
        if found is not None and (found.data or not keep_package):
            return found
    info = describe()
    write_entry(path, _stored(info, keep_package), MAX_ENTRY_BYTES)
    return info


def _stored(info: TemplateInfo, keep_package: bool) -> bytes:
    described = asdict(info)
    described.pop("data")
    described["path"] = str(info.path)
    return json.dumps(described).encode() + SEPARATOR + (info.data if keep_package else b"")


def _parsed(stored: bytes) -> TemplateInfo | None:
    """The stored description, or None for anything that is not one."""
    text, _, package = stored.partition(SEPARATOR)
    try:
        described = json.loads(text)
        return TemplateInfo(
            Path(described["path"]), int(described["width"]), int(described["height"]),
            tuple(_layout(layout) for layout in described["layouts"]),
            TemplateFonts(**described["fonts"]), dict(described["scheme"]),
            tuple(int(n) for n in described["samples"]), package,
            bool(described["from_theme"]))
    except (ValueError, KeyError, TypeError, AttributeError):
        return None


def _layout(data: dict[str, Any]) -> Layout:
    return Layout(int(data["number"]), int(data["master"]), str(data["name"]),
                  tuple(_placeholder(p) for p in data["placeholders"]), _rect(data["master_body"]),
                  LayoutColors(**data["colors"]), data["type"], _backdrop(data["backdrop"]))


def _placeholder(data: dict[str, Any]) -> Placeholder:
    return Placeholder(int(data["idx"]), str(data["type"]), str(data["name"]),
                       _rect(data["box"]), Insets(**data["insets"]), data["anchor"],
                       data["align"], tuple(TextLook(**look) for look in data["looks"]),
                       bool(data["vertical"]))


def _backdrop(data: dict[str, Any] | None) -> Backdrop | None:
    return None if data is None else Backdrop(**{**data, "cells": tuple(data["cells"])})


def _rect(data: dict[str, int] | None) -> Rect | None:
    return Rect(**data) if data is not None else None


def _code() -> bytes:
    """deckbuilder's version and the source of the code that writes and reads templates."""
    digest = hashlib.sha256(__version__.encode())
    for source in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(source.name.encode() + source.read_bytes())
    return digest.digest()
