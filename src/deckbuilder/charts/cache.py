"""PNG files of rendered charts, stored by content key in the project cache folder
(see :mod:`deckbuilder.cache`: atomic writes, and a cache that cannot be written only
costs speed)."""

from __future__ import annotations

from pathlib import Path

from ..atomic import write_quietly
from ..cache import CHARTS, project_cache, touch

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


class ChartCache:
    """A folder of ``charts/<key[:2]>/<key>.png`` files."""

    def __init__(self, folder: Path):
        self.folder = folder / CHARTS

    @classmethod
    def for_project(cls, root: Path) -> "ChartCache":
        return cls(project_cache(root))

    def path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.png"

    def get(self, key: str) -> bytes | None:
        path = self.path(key)
        try:
            data = path.read_bytes()
        except OSError:
            return None
        if not data.startswith(PNG_SIGNATURE):
            return None
        touch(path)
        return data

    def put(self, key: str, data: bytes) -> None:
        write_quietly(self.path(key), data)
