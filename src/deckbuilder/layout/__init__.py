"""Layout: the validated deck plus theme become the presentation IR.

One module per family of slide kinds; this module only dispatches. Pure Python: no
python-pptx, no matplotlib.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable

from ..errors import ProblemCollector
from ..ir import Presentation, Slide
from ..load import SourceTree
from ..markup import plain
from ..model import Deck
from ..theme import Theme
from ..theme.grid import grid_boxes
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

if TYPE_CHECKING:  # pragma: no cover
    from ..theme.info import Layout
    from ..theme.plan import TemplatePlan

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
# Kinds that draw their own boxes over the content area, which a small text box would starve.
LARGE_KINDS = ("chart", "table", "timeline", "tiles", "stat")


def layout_deck(deck: Deck, theme: Theme, tree: SourceTree, template: "TemplatePlan",
                assets: dict[int, Any] | None = None,
                problems: ProblemCollector | None = None) -> Presentation:
    """Lay out every slide; all overflow problems are collected and raised together.

    Given a ``problems`` collector, layout records its problems there and returns the
    presentation anyway (text that does not fit is left at its smallest size), so lint can
    report them next to its own findings. Each slide kind is laid out on its layout's
    placeholders with that layout's theme, at the template's size (see ``theme/plan.py``:
    a deck without a template of its own is on its theme's).
    """
    info = template.info
    grid = grid_boxes(theme, deck.size) if info.from_theme else None
    content = template.layouts["bullets"].content  # for layouts without text boxes

    def framed(kind: str, layout: Layout, layout_theme: Theme) -> tuple[Frame, Theme]:
        return (Frame.on_grid(grid, layout) if grid is not None else
                Frame.for_layout(layout_theme, layout, info.width, info.height, content,
                                 large=kind in LARGE_KINDS), layout_theme)

    frames = {kind: framed(kind, layout, template.themes[kind])
              for kind, layout in template.layouts.items()}
    own = {index: framed(deck.slides[index].kind, layout, layout_theme)
           for index, (layout, layout_theme) in template.slides.items()}
    frame = frames["bullets"][0]
    ctx = LayoutContext(deck, theme, frame, tree, assets or {},
                        problems=problems if problems is not None else ProblemCollector())
    slides: list[Slide] = []
    for index, slide in enumerate(deck.slides):
        ctx.index = index
        ctx.frame, ctx.theme = own.get(index) or frames.get(slide.kind, (frame, theme))
        slides.extend(LAYOUTS[slide.kind](slide, ctx))
    if problems is None:
        ctx.problems.raise_if_any()
    author, subject = deck.author or deck.presenter, deck.subtitle
    return Presentation(width=frame.width, height=frame.height, slides=slides,
                        title=plain(deck.title), author=author and plain(author),
                        subject=subject and plain(subject),
                        language=deck.language, created=deck.date, template=info,
                        borrowed=template.borrowed)
