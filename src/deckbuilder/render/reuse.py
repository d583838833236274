"""Rendered slides kept between the builds of one process (``watch``), taken again unchanged.

Rendering a slide is most of a rebuild's render time, and an edit changes one slide. A
rendered slide (``page.py``) is plain data: its XML and what its relationships point at, by
value. A later build whose slide is the same value on the same template, in the same
language and with the same chart pictures takes it as it is; the package writer names its
parts in slide order either way, so the package is byte for byte the one a fresh process
writes (``tests/test_watch_incremental.py`` compares them).

Slides holding a native chart (whose styling depends on the theme's chart style) are
always rendered. The memory holds only the slides the last build used.
"""

from __future__ import annotations

import hashlib
from typing import Any, Callable

from ..ir import ChartBox, Slide
from ..values import value_bytes
from .page import RenderedSlide


class RenderedSlides:
    """Slides rendered by earlier builds of this process, by what they depend on."""

    def __init__(self) -> None:
        self._kept: dict[bytes, RenderedSlide] = {}
        self._used: dict[bytes, RenderedSlide] = {}
        self.replayed = 0   # slides this build took from memory (for tests and the bench)

    def start(self) -> None:
        """A new build: what the last one used stays available, nothing older."""
        self._kept, self._used, self.replayed = self._used or self._kept, {}, 0

    def key(self, source: Slide, template: bytes, language: str,
            charts: Callable[[ChartBox], Any]) -> bytes | None:
        """What the slide's rendering depends on (``template``: the template's digest), or
        None for a slide that is always rendered (one with a native chart)."""
        pictures = []
        for element in source.elements:
            if isinstance(element, ChartBox):
                if element.spec.render == "native":
                    return None
                picture = charts(element)
                pictures.append((picture.png, picture.svg))
        return hashlib.sha256(value_bytes((source, language, pictures)) + template).digest()

    def take(self, key: bytes | None) -> RenderedSlide | None:
        """The slide an earlier build rendered for ``key``, if any."""
        rendered = self._kept.get(key) if key is not None else None
        if rendered is not None:
            self._used[key] = rendered  # type: ignore[index]
            self.replayed += 1
        return rendered

    def remember(self, key: bytes | None, rendered: RenderedSlide) -> None:
        if key is not None:
            self._used[key] = rendered
