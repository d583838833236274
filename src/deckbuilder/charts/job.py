"""One chart to draw as a picture, named by a key computed from everything that can change
its pixels, so a cached PNG is reused exactly when it would come out the same."""

from __future__ import annotations

import hashlib
import importlib.util
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .. import __version__
from ..ir import EMU_PER_INCH, ChartBox
from ..theme import Theme
from .data import ChartData
from .spec import ChartSpec
from .style import ChartStyle, chart_style


@dataclass(frozen=True)
class ChartJob:
    key: str
    name: str            # where the chart sits, for reports ("slide 4")
    spec: ChartSpec
    data: ChartData
    style: ChartStyle
    width: int           # EMU
    height: int

    @property
    def inches(self) -> tuple[float, float]:
        return self.width / EMU_PER_INCH, self.height / EMU_PER_INCH


@lru_cache(maxsize=1)
def code_digest() -> str:
    """The chart drawing code itself: editing it invalidates every cached picture."""
    digest = hashlib.sha256()
    for source in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(source.name.encode() + source.read_bytes())
    return digest.hexdigest()


_VERSION_LINE = re.compile(r"""^(?:__version__ = )?version = ['"]([^'"]+)['"]""", re.M)


@lru_cache(maxsize=1)
def matplotlib_version() -> str:
    """The installed matplotlib's version, without importing it: from its ``_version.py``
    (what ``matplotlib.__version__`` reports), else from the package metadata
    (``importlib.metadata`` costs a warm build about 10 ms to import)."""
    spec = importlib.util.find_spec("matplotlib")
    if spec is not None and spec.origin is not None:
        try:
            text = (Path(spec.origin).parent / "_version.py").read_text(encoding="utf-8")
        except OSError:
            text = ""
        if found := _VERSION_LINE.search(text):
            return found[1]
    from importlib.metadata import version

    return version("matplotlib")


def make_job(box: ChartBox, theme: Theme, name: str = "") -> ChartJob:
    """The job for ``box``; its key hashes the spec, the plotted data, the theme, the box
    size, and the matplotlib, deckbuilder and drawing-code versions."""
    parts = (box.spec.cache_json(), box.data.fingerprint(),
             theme.model_dump_json(exclude={"folder"}), f"{box.rect.w}x{box.rect.h}",
             matplotlib_version(), __version__, code_digest())
    key = hashlib.sha256("\x00".join(parts).encode()).hexdigest()
    return ChartJob(key, name, box.spec, box.data, chart_style(theme), box.rect.w, box.rect.h)
