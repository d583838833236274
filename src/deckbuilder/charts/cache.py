"""Rendered charts, stored by content key in the project cache folder (see
:mod:`deckbuilder.cache`: atomic writes, entries bound to their key by a keyed digest, read
only as bounded regular files, and a cache that cannot be written only costs speed).

An entry is a chart's PNG followed by its SVG (the PNG ends with its IEND chunk; SVG text
holds no NUL byte, so the split is exact)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..cache import CHARTS, project_cache, read_entry, subfolder, write_entry

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
PNG_END = b"\x00\x00\x00\x00IEND\xaeB`\x82"  # the IEND chunk every complete PNG ends with
MAX_PNG_BYTES = 32 * 1024 * 1024  # far above any chart deckbuilder draws
SVG_START = b"<?xml"
SVG_END = b"</svg>\n"


@dataclass(frozen=True)
class ChartPicture:
    """One drawn chart: the PNG a viewer without SVG shows, and the SVG that stays sharp."""

    png: bytes
    svg: bytes

    def pack(self) -> bytes:
        return self.png + self.svg

    @classmethod
    def unpack(cls, entry: bytes) -> "ChartPicture | None":
        """The picture in a cache entry; None for an entry that holds no whole SVG."""
        end = entry.rfind(PNG_END) + len(PNG_END)
        svg = entry[end:]
        if not (svg.startswith(SVG_START) and svg.endswith(SVG_END)):
            return None
        return cls(entry[:end], svg)


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
        """The entry stored for ``key``: one this machine drew for exactly this key, whole
        (a PNG, alone or followed by its SVG)."""
        data = read_entry(self.path(key), MAX_PNG_BYTES)
        if data is None or not data.startswith(PNG_SIGNATURE):
            return None
        return data if data.endswith(PNG_END) or data.endswith(SVG_END) else None

    def get_picture(self, key: str) -> ChartPicture | None:
        entry = self.get(key)
        return ChartPicture.unpack(entry) if entry is not None else None

    def put_picture(self, key: str, picture: ChartPicture) -> None:
        self.put(key, picture.pack())

    def put(self, key: str, data: bytes) -> None:
        write_entry(self.path(key), data, MAX_PNG_BYTES)
