"""deckbuilder: compile a YAML deck definition into a themed PowerPoint file.

The Python API (``build``, ``targets``, ``BuildResult``, ``BuildError``, ``Target``) lives in
:mod:`deckbuilder.api`; it is imported on first use, so the command line starts fast.
"""

from typing import Any

__version__ = "0.1.0"
API = frozenset({"build", "targets", "BuildResult", "BuildError", "Target"})


def __getattr__(name: str) -> Any:
    if name in API:
        from . import api

        return getattr(api, name)
    raise AttributeError(f"module 'deckbuilder' has no attribute {name!r}")
