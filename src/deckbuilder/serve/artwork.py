"""What each slide shows behind its own boxes: the template's background and the master's
and layout's artwork (rules, bands, logos), which the IR leaves to the template.

Painted once per template and layout for the whole session by the painter that gives lint
its backdrops (``theme/background.py``: fills, pictures and shapes; no rotation or effects,
which the exact view shows), at the width the page draws slides.
"""

from __future__ import annotations

import hashlib

from ..ir import Presentation

PIXELS = 1920   # wide enough for a full-screen window without visible blur


class Artwork:
    """Layout pictures, remembered by template and layout."""

    def __init__(self) -> None:
        self._pictures: dict[tuple[str, int], bytes] = {}

    def pictures(self, presentation: Presentation) -> dict[int, bytes]:
        """The picture of every layout the presentation's slides are built on."""
        from ..theme.reader import layout_pictures

        template = presentation.template
        used = {slide.layout for slide in presentation.slides if slide.layout is not None}
        if template is None or not used:
            return {}
        digest = hashlib.sha256(template.data).hexdigest()
        missing = {number for number in used if (digest, number) not in self._pictures}
        if missing:
            self._pictures.update(((digest, number), png) for number, png
                                  in layout_pictures(template.data, missing, PIXELS).items())
        return {number: self._pictures[(digest, number)] for number in used}
