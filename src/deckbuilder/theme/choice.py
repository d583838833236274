"""Which layout of a template each slide kind is built on.

The deck's ``layouts:`` mapping wins (then the theme's). Every other kind gets the first
layout that passes its kind's tests, in order (``TESTS``): for kinds PowerPoint has a layout
type for (title, section, bullets, comparison) the OOXML layout type
(``p:sldLayout/@type``, language-neutral), then the placeholders (title + one large body is
content whatever it is called), then common names; for the others (quote, stat, chart…) the
names a theme's exported template gives them, then a layout with a large content area
(title only, else content), never one whose only text box is small. A cover (a layout with
a centred title or subtitle placeholder) is never chosen for a content kind.

A deck stays on one slide master: the one its mapped layouts are on, else the one the
template's own sample slides suggest (LibreOffice's templates keep one master per purpose,
so the first sample's for title and section slides, the last one's for the others), else
the first. A kind that master has no layout for borrows one from another master, and the
choice says so (lint's ``layout-borrowed`` warning). Every slide needs a title placeholder:
its title goes there.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any, Callable

from ..errors import DeckError, ProblemCollector, SourcePos, did_you_mean
from ..load import SourceTree
from ..model import SLIDE_MODELS
from .info import OBJECT_TYPES, PICTURE_TYPES, Layout, TemplateInfo

# The layout each slide kind is built on (the weakest
# `layouts:` mapping of a shipped theme; master.py names its layouts so).
KIND_LAYOUTS = {
    "title": "Title Slide", "section": "Section Header", "bullets": "Title and Content",
    "comparison": "Two Content", "quote": "Quote", "stat": "Big Number", "chart": "Chart",
    "image": "Picture with Caption", "table": "Table", "tiles": "Title Only",
    "timeline": "Title Only",
}
COVER_KINDS = ("title", "section")   # the others are content and never go on a cover
ROOMY = 0.3   # a content area at least this share of the slide takes a chart or a table

Test = Callable[[Layout, int], bool]   # a layout, and the slide's area in EMU²


def typed(*types: str) -> Test:
    """The layout's OOXML type is one of ``types``."""
    return lambda layout, _: layout.type in types


def named(*names: str) -> Test:
    """The layout's name is one of ``names`` (case and spacing aside)."""
    return lambda layout, _: any(_same(layout.name, name) for name in names)


def is_cover(layout: Layout, _: int = 0) -> bool:
    return bool(layout.of_type("ctrTitle") or layout.of_type("subTitle"))


def is_roomy(layout: Layout, slide_area: int) -> bool:
    """Its content area (see :attr:`Layout.content`; none: all below the title) is large."""
    content = layout.content
    return content is None or content.w * content.h >= ROOMY * slide_area


def _plain(layout: Layout) -> bool:
    """Not a cover, no picture, chart or table placeholder, and no vertical text."""
    return not is_cover(layout) and not layout.of_type(*OBJECT_TYPES) and \
        not any(p.vertical for p in layout.placeholders)


def is_content(layout: Layout, slide_area: int) -> bool:
    """Title and one large body: PowerPoint's Title and Content, whatever its name."""
    return len(layout.text_boxes) == 1 and _plain(layout) and is_roomy(layout, slide_area)


def is_section_like(layout: Layout, slide_area: int) -> bool:
    """Title and one small text box: a section header's shape."""
    return len(layout.text_boxes) == 1 and _plain(layout) and not is_roomy(layout, slide_area)


def is_title_only(layout: Layout, slide_area: int) -> bool:
    return not layout.text_boxes and not layout.of_type(*PICTURE_TYPES) and \
        is_roomy(layout, slide_area)


def has_two_columns(layout: Layout, slide_area: int) -> bool:
    """Two large text boxes side by side, of about one size (not a text and a label)."""
    columns = [p.area for p in layout.columns]
    return bool(columns) and min(columns) >= max(columns) / 2 and \
        is_roomy(layout, slide_area) and not any(p.vertical for p in layout.placeholders)


def has_picture(layout: Layout, slide_area: int) -> bool:
    return bool(layout.of_type(*PICTURE_TYPES)) and is_roomy(layout, slide_area)


# a large content area, title-only first (the slide draws its own boxes), else content
LARGE: tuple[Test, ...] = (named("Title Only"), typed("titleOnly"), is_title_only, is_content)


def _roomy_kind(own_name: str, *types: str) -> tuple[Test, ...]:
    """A kind PowerPoint has no layout for: the layout a theme's exported template has for
    it, one of a layout type made for it, then a large content area."""
    return (named(own_name), typed(*types), *LARGE)


TESTS: dict[str, tuple[Test, ...]] = {
    "title": (typed("title"), is_cover, named("Title Slide")),
    "section": (typed("secHead"), is_section_like,
                named("Section Header", "Section Title", "Section Heading", "Title Slide"),
                is_cover),
    "bullets": (typed("obj", "tx"), is_content,
                named("Title and Content", "Title, Content", "Title and Text", "Title and Body")),
    "comparison": (typed("twoObj", "twoTxTwoObj", "twoColTx"), has_two_columns,
                   named("Two Content", "Title, 2 Content", "Title and 2 Content",
                         "Two Objects", "Comparison")),
    "quote": _roomy_kind("Quote"), "stat": _roomy_kind("Big Number"),
    "chart": _roomy_kind("Chart", "chart", "chartAndTx", "txAndChart"),
    "image": (named("Picture with Caption"), typed("picTx"), has_picture, *LARGE),
    "table": _roomy_kind("Table", "tbl"),
    "tiles": LARGE, "timeline": LARGE,
}


@dataclass(frozen=True)
class Choice:
    """The layout of every slide kind, and the kinds that had to borrow one from a master
    other than the deck's (kind -> the deck's master for it)."""

    layouts: dict[str, Layout]
    borrowed: dict[str, int]


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
        else:
            found.append(_request(kind, value, ("layouts", kind), tree))
    return found


def slide_requests(slides: list[Any], tree: SourceTree) -> dict[int, Request]:
    """The slides that name a layout of their own (``layout:``), by slide index."""
    return {index: _request(slide.kind, slide.layout, ("slides", index, "layout"), tree)
            for index, slide in enumerate(slides) if slide.layout is not None}


def _request(kind: str, value: Any, path: tuple, tree: SourceTree) -> Request:
    """A layout named as text, or as ``{layout, master}``, written at ``path``."""
    if isinstance(value, str):
        return Request(kind, value, None, tree.pos(path))
    return Request(kind, value.layout, value.master, tree.pos(path + ("layout",)),
                   tree.pos(path + ("master",)))


def choose_slide_layouts(info: TemplateInfo, wanted: dict[int, Request],
                         problems: ProblemCollector) -> dict[int, Layout]:
    """The layouts slides name for themselves, checked as ``layouts:`` entries are; the
    problems go into ``problems``."""
    titled = [layout for layout in info.layouts if layout.title]
    chosen = {}
    for index, request in wanted.items():
        try:
            chosen[index] = _requested(info, request, titled)
        except DeckError as exc:
            problems.extend(exc.problems)
    return chosen


def choose_layouts(info: TemplateInfo, wanted: list[Request], template_pos: SourcePos,
                   problems: ProblemCollector | None = None) -> Choice:
    """The layout for every slide kind: ``wanted`` (later entries win), else the defaults.

    Problems with ``wanted`` are raised together with those already in ``problems``.
    """
    titled = [layout for layout in info.layouts if layout.title]
    if not titled:
        raise DeckError.at(template_pos, f"template {info.path.name} has no layout with a title "
                                         "placeholder; deckbuilder puts every slide's title in "
                                         "one (see deckbuilder template inspect)")
    mapped: dict[str, Layout] = {}
    problems = problems or ProblemCollector()
    for request in wanted:
        try:
            mapped[request.kind] = _requested(info, request, titled)
        except DeckError as exc:
            problems.extend(exc.problems)
    problems.raise_if_any()
    homes = home_masters(info, mapped)
    chosen = {kind: mapped.get(kind) or default_layout(info, kind, titled, homes[kind])
              for kind in SLIDE_MODELS}
    borrowed = {kind: homes[kind] for kind, layout in chosen.items()
                if kind not in mapped and layout.master != homes[kind]}
    return Choice(chosen, borrowed)


def default_layout(info: TemplateInfo, kind: str, titled: list[Layout], home: int) -> Layout:
    """The first layout passing the kind's tests in the ``home`` master, else in the others;
    failing all, a large one, else any (a content kind takes a cover only if nothing else
    has a title)."""
    area = info.width * info.height
    pool = [layout for layout in titled if kind in COVER_KINDS or not is_cover(layout)] or titled
    pool.sort(key=lambda layout: layout.master != home)   # stable: the template's order
    for layouts in ([l for l in pool if l.master == home], [l for l in pool if l.master != home]):
        for test in TESTS[kind]:
            found = next((layout for layout in layouts if test(layout, area)), None)
            if found is not None:
                return found
    return next((layout for layout in pool if is_roomy(layout, area)), pool[0])


def home_masters(info: TemplateInfo, mapped: dict[str, Layout]) -> dict[str, int]:
    """The master each kind's default layout comes from: the one most of the mapped layouts
    of its group (cover or content) are on, else the one the samples suggest (the first
    titled sample's for covers, the last titled non-cover sample's for content), else the
    one most mapped layouts are on, else the first."""
    def most(kinds: list[str]) -> int | None:
        counted = Counter(mapped[kind].master for kind in kinds if kind in mapped)
        return counted.most_common(1)[0][0] if counted else None

    covers = [kind for kind in SLIDE_MODELS if kind in COVER_KINDS]
    contents = [kind for kind in SLIDE_MODELS if kind not in COVER_KINDS]
    # samples that show a master in use: titled, and for content not a cover (a closing
    # "thank you" or a credits page says nothing about where content goes)
    titled = [info.layouts[n] for n in info.samples if info.layouts[n].title]
    shown = {"cover": [layout.master for layout in titled],
             "content": [layout.master for layout in titled if not is_cover(layout)][::-1]}
    homes = {}
    for group, samples in ((covers, shown["cover"]), (contents, shown["content"])):
        master = most(group) or next(iter(samples), None) or most(list(SLIDE_MODELS)) or 1
        homes.update((kind, master) for kind in group)
    return homes


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
