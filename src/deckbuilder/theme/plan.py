"""The template stage: find the deck's (or its theme's) .pptx/.potx template, read it, and
decide which layout and which theme every slide kind gets.

A deck whose theme names no template is built on the theme written as one (``master.py``):
one path for both, so every deck has a real master, layouts and placeholders. That
template's colours, fonts and sizes *are* the theme's, so its slide kinds keep the theme as
it is (a section layout's own background only swaps the text colours for ones drawn on it);
a foreign template's are derived from what its designer drew (``derive.py``).

A deck's ``template:`` is resolved relative to the deck and must lie in its project
folder; a theme's, relative to the theme's folder. The theme's ``layouts:`` mapping applies
to the theme's own template only; the deck's ``layouts:`` applies to either and wins.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from ..errors import DeckError, ProblemCollector, SourcePos
from ..load import SourceTree, load_yaml
from ..model import Deck
from ..ir import Rect
from ..cache import project_cache
from ..paths import PathPolicy
from .info import Layout, TemplateInfo
from .choice import KIND_LAYOUTS, Request, choose_layouts, choose_slide_layouts, \
    requests, slide_requests
from .derive import template_theme
from .legible import legible_layout, template_inks, tone_under
from .remembered import remembered
from .settings import Theme


@dataclass(frozen=True)
class TemplatePlan:
    """What layout needs to build a deck on a template."""

    info: TemplateInfo
    layouts: dict[str, Layout]    # slide kind -> layout
    themes: dict[str, Theme]      # slide kind -> the theme with that layout's colours
    theme: Theme                  # content slides' theme: charts and lint use it
    borrowed: dict[str, int] = field(default_factory=dict)   # kind -> master it is not on
    # slide index -> the layout it names for itself (``layout:``) and that layout's theme
    slides: dict[int, tuple[Layout, Theme]] = field(default_factory=dict)


def plan_template(deck: Deck, tree: SourceTree, theme: Theme,
                  policy: PathPolicy) -> TemplatePlan:
    """The plan for building ``deck`` on its template, or on its theme's own."""
    source = _source(deck, tree, theme, policy)
    if source is None:
        return _theme_plan(deck, tree, theme, policy)
    path, pos, mappings = source
    problems = ProblemCollector()
    wanted = [request for mapping, where in mappings for request in requests(mapping, where,
                                                                            problems)]
    from .reader import TemplateError, read_template

    try:
        info = read_template(path)
    except TemplateError as exc:
        raise DeckError.at(pos, f"template '{path.name}': {exc}") from None
    except OSError as exc:
        raise DeckError.at(pos, f"cannot read template '{path.name}': "
                                f"{exc.strerror or exc}") from None
    own = choose_slide_layouts(info, slide_requests(deck.slides, tree), problems)
    choice = choose_layouts(info, wanted, pos, problems)
    content = _content_area(choice.layouts["bullets"], theme)   # one type scale, fitted to this
    inks = template_inks(info)

    def legible(layout: Layout) -> tuple[Layout, Theme]:
        """``layout`` with text colours that read on its background, and its theme."""
        area = _text_area(layout, content, theme)
        shown = legible_layout(layout, inks, area)
        return shown, template_theme(theme, info, shown, content, tone_under(shown, area))

    planned = {kind: legible(layout) for kind, layout in choice.layouts.items()}
    layouts = {kind: layout for kind, (layout, _) in planned.items()}
    themes = {kind: layout_theme for kind, (_, layout_theme) in planned.items()}
    slides = {index: legible(layout) for index, layout in own.items()}
    return TemplatePlan(info, layouts, themes, themes["bullets"], choice.borrowed, slides)


def _theme_plan(deck: Deck, tree: SourceTree, theme: Theme,
                policy: PathPolicy) -> TemplatePlan:
    """The plan on the theme written as a template (remembered in the project cache, as
    writing and reading it is most of this stage): its layouts by name, the deck's
    ``layouts:`` over them."""
    pos = tree.pos(("theme",))
    info = remembered(project_cache(policy.root),
                      f"theme\0{theme.model_dump_json()}\0{deck.size}".encode(),
                      lambda: _written(theme, deck.size), keep_package=True)
    problems = ProblemCollector()
    wanted = [Request(kind, name, None, pos) for kind, name in KIND_LAYOUTS.items()]
    wanted += requests(deck.layouts, tree, problems)
    own = choose_slide_layouts(info, slide_requests(deck.slides, tree), problems)
    layouts = choose_layouts(info, wanted, pos, problems).layouts
    themes = {kind: on_layout(theme, layout) for kind, layout in layouts.items()}
    slides = {index: (layout, on_layout(theme, layout)) for index, layout in own.items()}
    return TemplatePlan(info, layouts, themes, theme, slides=slides)


def _written(theme: Theme, size: str) -> TemplateInfo:
    """The theme written as a template, and read back like any other."""
    from .master import theme_template
    from .reader import template_info

    return replace(template_info(theme_template(theme, size), Path(f"theme-{theme.name}.pptx")),
                   from_theme=True)


def _content_area(layout: Layout, theme: Theme) -> Rect | None:
    """Where a layout's content goes, down to the source line's row: its text placeholders'
    foot, or the footer placeholders' row right under them."""
    content = layout.content
    if content is None:
        return None
    row = layout.footer_row(content, theme.emu("footer_gap"))
    return content if row is None else Rect(content.x, content.y, content.w,
                                            row.bottom - content.y)


def _text_area(layout: Layout, content: Rect | None, theme: Theme) -> Rect | None:
    """Where a slide on ``layout`` puts text other than its title: the layout's content area
    (see :func:`_content_area`), else the content slides' ``content``."""
    return _content_area(layout, theme) if layout.text_boxes else content


def on_layout(theme: Theme, layout: Layout) -> Theme:
    """``theme`` for slides on ``layout``: on a background of the layout's own (a section's
    primary), text takes the colour the layout gives it."""
    colors = layout.colors
    if colors.background in (None, theme.colors.background) or colors.text is None:
        return theme
    ink = {"text": colors.text, "title": colors.title or colors.text,
           "muted": colors.footer or colors.text}
    return theme.model_copy(update={"colors": theme.colors.model_copy(update=ink)})


Mappings = list[tuple[dict, SourceTree]]
def _source(deck: Deck, tree: SourceTree, theme: Theme,
            policy: PathPolicy) -> tuple[Path, SourcePos, Mappings] | None:
    """The template file, where it was named, and the ``layouts:`` mappings that apply to it
    (each with the YAML it was read from), weakest first."""
    if deck.template is not None:
        pos = tree.pos(("template",))
        return policy.resolve(deck.template, pos, "template"), pos, [(deck.layouts, tree)]
    if theme.template is None or theme.folder is None:
        return None
    theme_tree = load_yaml(theme.folder / "theme.yaml")
    pos = theme_tree.pos(("template",))
    folder = theme.folder.resolve()
    path = (folder / theme.template).resolve()
    if not path.is_relative_to(folder) or not path.is_file():
        raise DeckError.at(pos, f"template '{theme.template}' not found in the theme's folder "
                                f"{folder}")
    return path, pos, [(theme.layouts, theme_tree), (deck.layouts, tree)]
