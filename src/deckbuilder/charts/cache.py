"""PNG files of rendered charts, stored by content key under the project's cache folder.

The default folder is ``.deckbuilder-cache/`` in the deck's project root; the environment
variable ``DECKBUILDER_CACHE_DIR`` moves it (CI caches, read-only checkouts). Files are
written atomically, so parallel builds sharing a cache never see half a PNG, and a cache
that cannot be written only costs speed, never the build.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

ENV_VAR = "DECKBUILDER_CACHE_DIR"
DEFAULT_FOLDER = ".deckbuilder-cache"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


class ChartCache:
    """A folder of ``charts/<key[:2]>/<key>.png`` files."""

    def __init__(self, folder: Path):
        self.folder = folder / "charts"

    @classmethod
    def for_project(cls, root: Path) -> "ChartCache":
        override = os.environ.get(ENV_VAR)
        return cls(Path(override) if override else root / DEFAULT_FOLDER)

    def path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.png"

    def get(self, key: str) -> bytes | None:
        try:
            data = self.path(key).read_bytes()
        except OSError:
            return None
        return data if data.startswith(PNG_SIGNATURE) else None

    def put(self, key: str, data: bytes) -> None:
        target = self.path(key)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            handle, temp = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=target.parent)
        except OSError:
            return  # a cache we cannot write is a slower build, not a failed one
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
            os.replace(temp, target)
        except OSError:
            Path(temp).unlink(missing_ok=True)
