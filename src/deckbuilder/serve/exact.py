"""The exact view: LibreOffice's rendering of the .pptx the last good build wrote.

The page's own drawing is instant but is the browser's; this one is what a viewer draws,
for a final check. It is made on request (about ten seconds for a large deck) by the
``preview`` command's conversion, into the folder ``preview`` writes
(``build/preview/<deck name>``), once per build however many tabs ask.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

from ..errors import DeckError
from ..preview import PreviewError, check_preview_targets, find_tools, render_preview
from .state import Built


@dataclass(frozen=True)
class Rendering:
    version: int
    pages: tuple[Path, ...] = ()
    message: str = ""        # why there are no pages


class ExactView:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._lock = threading.Lock()
        self._last: Rendering | None = None

    @property
    def last(self) -> Rendering | None:
        return self._last

    def render(self, built: Built | None, version: int) -> Rendering:
        """The pages for build ``version`` (converted now unless already done)."""
        with self._lock:
            if self._last is not None and self._last.version == version:
                return self._last
            self._last = self._convert(built, version)
            return self._last

    def _convert(self, built: Built | None, version: int) -> Rendering:
        if built is None:
            return Rendering(version, message="no .pptx has been written yet; fix the "
                                              "errors shown and save")
        try:
            tools = find_tools()
            check_preview_targets(self.folder, built.pptx.stem, built.inputs)
            preview = render_preview(built.pptx, self.folder, built.titles, built.size, tools)
        except PreviewError as exc:
            return Rendering(version, message=str(exc))
        except DeckError as exc:
            return Rendering(version, message="; ".join(p.format() for p in exc.problems))
        except OSError as exc:
            return Rendering(version, message=f"{exc.filename or self.folder}: "
                                              f"{exc.strerror or exc}")
        return Rendering(version, tuple(preview.pages))
