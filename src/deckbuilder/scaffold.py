"""``deckbuilder new``: a starter project that builds out of the box.

The starter is plain files shipped in ``deckbuilder/starter`` (a deck using several slide
kinds, a CSV with its provenance file, a README and a ``deckbuilder.toml`` marker that makes
the folder its own project root), copied as they are. The deck's JSON Schema is written
next to it from the installed model, so editor completion matches the installed version.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from .schema import schema_text

STARTER = Path(__file__).resolve().parent / "starter"
RENAMED = {"gitignore": ".gitignore"}  # a real .gitignore would act on this repository
SCHEMA_FILE = "deck.schema.json"


class ScaffoldError(Exception):
    """The target folder cannot take a new project."""


def scaffold(folder: Path) -> None:
    """Copy the starter into ``folder``, which must be new or empty."""
    if folder.exists() and not folder.is_dir():
        raise ScaffoldError(f"{folder} exists and is not a folder; choose another name")
    if folder.is_dir() and any(folder.iterdir()):
        raise ScaffoldError(f"{folder} is not empty; choose a new or empty folder "
                            "(nothing was written)")
    for source in sorted(STARTER.rglob("*")):
        if source.is_dir():
            continue
        relative = source.relative_to(STARTER)
        target = folder / relative.with_name(RENAMED.get(relative.name, relative.name))
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    (folder / SCHEMA_FILE).write_text(schema_text(), encoding="utf-8")
