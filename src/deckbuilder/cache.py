"""The project's cache folder: chart PNGs and measured text widths, never sources.

The default folder is ``.deckbuilder-cache/`` in the deck's project root; the environment
variable ``DECKBUILDER_CACHE_DIR`` moves it (CI caches, read-only checkouts). Files are
written atomically, so parallel builds sharing a cache never read half a file, and a cache
that cannot be written only costs speed, never the build.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

ENV_VAR = "DECKBUILDER_CACHE_DIR"
DEFAULT_FOLDER = ".deckbuilder-cache"


def project_cache(root: Path) -> Path:
    override = os.environ.get(ENV_VAR)
    return Path(override) if override else root / DEFAULT_FOLDER


def write_quietly(target: Path, data: bytes) -> None:
    """Replace ``target`` with ``data`` atomically; give up silently if that fails."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=target.parent)
    except OSError:
        return
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temp, target)
    except OSError:
        Path(temp).unlink(missing_ok=True)
