"""Rendered charts, stored by content key in the project cache folder (see
:mod:`deckbuilder.cache`: atomic writes, entries bound to their key by a keyed digest, read
only as bounded regular files, and a cache that cannot be written only costs speed)."""

from __future__ import annotations

from pathlib import Path

from ..cache import CHARTS, project_cache, read_entry, subfolder, write_entry

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
PNG_END = b"\x00\x00\x00\x00IEND\xaeB`\x82"  # the IEND chunk every complete PNG ends with
MAX_PNG_BYTES = 32 * 1024 * 1024  # far above any chart deckbuilder draws


class ChartCache:
    """A folder of ``charts/<key[:2]>/<key>.chart`` entries."""

    def __init__(self, folder: Path | None):
        self.folder = subfolder(folder, CHARTS)

    @classmethod
    def for_project(cls, root: Path) -> "ChartCache":
        return cls(project_cache(root))

    def path(self, key: str) -> Path | None:
        """Where ``key``'s entry lives; None when that folder is not one the cache may use."""
        folder = subfolder(self.folder, key[:2])
        return folder / f"{key}.chart" if folder is not None else None

    def get(self, key: str) -> bytes | None:
        """The PNG stored for ``key``: one this machine drew for exactly this key, whole."""
        data = read_entry(self.path(key), MAX_PNG_BYTES)
        if data is None or not (data.startswith(PNG_SIGNATURE) and data.endswith(PNG_END)):
            return None
        return data

    def put(self, key: str, data: bytes) -> None:
        write_entry(self.path(key), data, MAX_PNG_BYTES)
