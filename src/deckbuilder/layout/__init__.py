"""Layout: the validated deck plus theme become the presentation IR.

One module per family of slide kinds; this module only dispatches. Pure Python: no
python-pptx, no matplotlib.
"""

from __future__ import annotations

from typing import Any, Callable

from ..errors import ProblemCollector
from ..ir import Presentation, Slide
from ..load import SourceTree
from ..model import Deck
from ..theme import Theme
from .bullets import layout_bullets
from .chart import layout_chart
from .context import LayoutContext
from .cover import layout_section, layout_title
from .frame import Frame
from .panels import layout_comparison, layout_tiles
from .picture import layout_image
from .quote import layout_quote
from .stat import layout_stat
from .table import layout_table
from .timeline import layout_timeline

LAYOUTS: dict[str, Callable[[Any, LayoutContext], list[Slide]]] = {
    "title": layout_title,
    "section": layout_section,
    "bullets": layout_bullets,
    "quote": layout_quote,
    "stat": layout_stat,
    "comparison": layout_comparison,
    "tiles": layout_tiles,
    "timeline": layout_timeline,
    "table": layout_table,
    "image": layout_image,
    "chart": layout_chart,
}


def layout_deck(deck: Deck, theme: Theme, tree: SourceTree,
                assets: dict[int, Any] | None = None,
                problems: ProblemCollector | None = None) -> Presentation:
    """Lay out every slide; all overflow problems are collected and raised together.

    Given a ``problems`` collector, layout records its problems there and returns the
    presentation anyway (text that does not fit is left at its smallest size), so lint can
    report them next to its own findings.
    """
    frame = Frame.for_theme(theme, deck.size)
    ctx = LayoutContext(deck, theme, frame, tree, assets or {},
                        problems=problems if problems is not None else ProblemCollector())
    slides: list[Slide] = []
    for index, slide in enumerate(deck.slides):
        ctx.index = index
        slides.extend(LAYOUTS[slide.kind](slide, ctx))
    if problems is None:
        ctx.problems.raise_if_any()
    return Presentation(width=frame.width, height=frame.height, slides=slides, title=deck.title,
                        author=deck.author or deck.presenter, subject=deck.subtitle,
                        language=deck.language, created=deck.date)
