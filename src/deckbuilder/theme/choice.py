"""Which layout of a template each slide kind is built on.

In order of precedence: the deck's ``layouts:`` mapping, the theme's, common layout names
(PowerPoint's and LibreOffice's), and finally the placeholders a layout has. A template's
own sample slides show which master its designer meant for the cover and which for the
content (LibreOffice's templates keep one master per purpose), so the defaults look in
those masters first: the first sample's for title and section slides, the last one's for
the others. Every slide needs a title placeholder: its title goes there.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from ..errors import DeckError, ProblemCollector, SourcePos, did_you_mean
from ..load import SourceTree
from ..model import SLIDE_MODELS
from .info import PICTURE_TYPES, Layout, TemplateInfo

# The layout each slide kind is built on (the weakest
# `layouts:` mapping of a shipped theme; master.py names its layouts so).
KIND_LAYOUTS = {
    "title": "Title Slide", "section": "Section Header", "bullets": "Title and Content",
    "comparison": "Two Content", "quote": "Quote", "stat": "Big Number", "chart": "Chart",
    "image": "Picture with Caption", "table": "Table", "tiles": "Title Only",
    "timeline": "Title Only",
}


NAMES: dict[str, tuple[str, ...]] = {
    "title": ("Title Slide",),
    "section": ("Section Header", "Section Title", "Section Heading", "Title Slide"),
    "bullets": ("Title and Content", "Title, Content", "Title and Text", "Title and Body"),
    "comparison": ("Two Content", "Title, 2 Content", "Title and 2 Content", "Two Objects",
                   "Comparison"),
    # the layouts a theme's exported template has for them (theme/master.py), then Title Only
    "quote": ("Quote", "Title Only"), "stat": ("Big Number", "Title Only"),
    "chart": ("Chart", "Title Only"), "image": ("Picture with Caption", "Title Only"),
    "table": ("Table", "Title Only"),
}
OTHER_NAMES = ("Title Only",)   # tiles, timeline


def is_cover(layout: Layout) -> bool:
    return bool(layout.of_type("ctrTitle") or layout.of_type("subTitle"))


def is_title_only(layout: Layout) -> bool:
    return not layout.text_boxes and not layout.of_type(*PICTURE_TYPES)


def has_text(layout: Layout) -> bool:
    return bool(layout.text_boxes)


def has_one_text(layout: Layout) -> bool:
    return len(layout.text_boxes) == 1


def has_two_columns(layout: Layout) -> bool:
    return bool(layout.columns)


SHAPES: dict[str, tuple[Callable[[Layout], bool], ...]] = {
    "title": (is_cover, has_text, is_title_only),
    "section": (is_cover, is_title_only, has_text),
    "bullets": (has_one_text, has_text, is_title_only),
    "comparison": (has_two_columns, has_one_text, has_text),
}
OTHER_SHAPES = (is_title_only, has_one_text, has_text)


@dataclass(frozen=True)
class Request:
    """One entry of a ``layouts:`` mapping, with where it was written."""

    kind: str
    name: str
    master: int | None
    pos: SourcePos              # of the layout's name
    master_pos: SourcePos | None = None


def requests(mapping: dict[str, Any], tree: SourceTree,
             problems: ProblemCollector) -> list[Request]:
    """The entries of a validated ``layouts:`` mapping; an unknown slide kind is a problem."""
    found = []
    for kind, value in mapping.items():
        if kind not in SLIDE_MODELS:
            problems.add(tree.pos(("layouts", kind), prefer_key=True),
                         f"unknown slide kind '{kind}'{did_you_mean(kind, SLIDE_MODELS)} in "
                         f"'layouts'; it maps these kinds to template layouts: "
                         f"{', '.join(SLIDE_MODELS)}")
        elif isinstance(value, str):
            found.append(Request(kind, value, None, tree.pos(("layouts", kind))))
        else:
            found.append(Request(kind, value.layout, value.master,
                                 tree.pos(("layouts", kind, "layout")),
                                 tree.pos(("layouts", kind, "master"))))
    return found


def choose_layouts(info: TemplateInfo, wanted: list[Request], template_pos: SourcePos,
                   problems: ProblemCollector | None = None) -> dict[str, Layout]:
    """The layout for every slide kind: ``wanted`` (later entries win), else the defaults.

    Problems with ``wanted`` are raised together with those already in ``problems``.
    """
    titled = [layout for layout in info.layouts if layout.title]
    if not titled:
        raise DeckError.at(template_pos, f"template {info.path.name} has no layout with a title "
                                         "placeholder; deckbuilder puts every slide's title in "
                                         "one (see deckbuilder template inspect)")
    chosen = {kind: default_layout(info, kind, titled) for kind in SLIDE_MODELS}
    problems = problems or ProblemCollector()
    for request in wanted:
        try:
            chosen[request.kind] = _requested(info, request, titled)
        except DeckError as exc:
            problems.extend(exc.problems)
    problems.raise_if_any()
    return chosen


def default_layout(info: TemplateInfo, kind: str, titled: list[Layout]) -> Layout:
    """By common name, then by placeholders, in the master the template's samples suggest."""
    candidates = sorted(titled, key=lambda layout: layout.master != _sample_master(info, kind))
    for name in NAMES.get(kind, OTHER_NAMES):
        for layout in candidates:
            if _same(layout.name, name):
                return layout
    for fits in SHAPES.get(kind, OTHER_SHAPES):
        for layout in candidates:
            if fits(layout):
                return layout
    return candidates[0]


def _sample_master(info: TemplateInfo, kind: str) -> int:
    """The master of the template's first sample slide (its cover) for title and section
    slides, of its last one (content) for every other kind; master 1 without samples."""
    if not info.samples:
        return 1
    sample = info.samples[0] if kind in ("title", "section") else info.samples[-1]
    return info.layouts[sample].master


def _requested(info: TemplateInfo, request: Request, titled: list[Layout]) -> Layout:
    file = info.path.name
    pool = list(info.layouts)
    where = f"template {file}"
    if request.master is not None:
        if request.master > info.masters:
            raise DeckError.at(request.master_pos or request.pos, f"template {file} has {info.masters} slide "
                                            f"master{'s' * (info.masters != 1)}; 'master' is "
                                            f"1 to {info.masters}")
        pool = [layout for layout in pool if layout.master == request.master]
        where = f"slide master {request.master} of {file}"
    layout = next((layout for layout in pool if layout.name == request.name), None) or \
        next((layout for layout in pool if _same(layout.name, request.name)), None)
    names = list(dict.fromkeys(layout.name for layout in pool))
    if layout is None:
        raise DeckError.at(request.pos, f"{where} has no layout '{request.name}'"
                                        f"{did_you_mean(request.name, names)}; its layouts: "
                                        f"{_listed(names)}")
    if layout.title is None:
        with_title = list(dict.fromkeys(t.name for t in titled if t in pool))
        raise DeckError.at(request.pos, f"layout '{layout.name}' has no title placeholder, and "
                                        f"every slide's title goes in one; map "
                                        f"'{request.kind}' to a layout with a title: "
                                        f"{_listed(with_title)}")
    return layout


def _listed(names: list[str]) -> str:
    """Layout names quoted, since they often contain commas ('Title, Content')."""
    return ", ".join(f"'{name}'" for name in names)


def _same(a: str, b: str) -> bool:
    return " ".join(a.lower().split()) == " ".join(b.lower().split())
