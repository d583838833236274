"""PNG files of rendered charts, stored by content key in the project cache folder
(see :mod:`deckbuilder.cache`: atomic writes, and a cache that cannot be written only
costs speed)."""

from __future__ import annotations

from pathlib import Path

from ..cache import project_cache, write_quietly

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


class ChartCache:
    """A folder of ``charts/<key[:2]>/<key>.png`` files."""

    def __init__(self, folder: Path):
        self.folder = folder / "charts"

    @classmethod
    def for_project(cls, root: Path) -> "ChartCache":
        return cls(project_cache(root))

    def path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.png"

    def get(self, key: str) -> bytes | None:
        try:
            data = self.path(key).read_bytes()
        except OSError:
            return None
        return data if data.startswith(PNG_SIGNATURE) else None

    def put(self, key: str, data: bytes) -> None:
        write_quietly(self.path(key), data)
