"""Themes are data: ``themes/<name>/theme.yaml`` validated into a :class:`Theme`.

Layout code reads every colour, font, size and measurement from here. Themes are looked up
in the deck project's ``themes/`` folder first, then in the themes shipped with deckbuilder.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from ..validation import (ConfigDict, Field, Model, ValidationError, field_validator,
                          model_validator)

from ..colors import ratio
from ..errors import DeckError, SourcePos, did_you_mean
from ..ir import inches
from ..load import load_yaml
from ..model import LayoutMapping
from ..xmltext import clean_value

Hex = str
# The ranges the file format allows: a run's size is 1 to 4,000 points (OOXML's sz is 100 to
# 400,000 hundredths), and no measurement can exceed the largest slide, 56 inches.
Points = Annotated[float, Field(ge=1, le=4000, allow_inf_nan=False)]
Inches = Annotated[float, Field(ge=0, le=56, allow_inf_nan=False)]
Extent = Annotated[float, Field(gt=0, le=56, allow_inf_nan=False)]  # a box's height or width
SMALLEST_SLIDE = (10.0, 7.5)  # inches: 4:3, the narrowest size a deck can ask for
MIN_BODY = 1.0  # inches the grid must leave for content, across and down


class _Strict(Model):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _hex(value: str) -> str:
    value = str(value).lstrip("#").upper()
    if len(value) != 6 or any(c not in "0123456789ABCDEF" for c in value):
        raise ValueError(f"'{value}' is not a 6-digit hex colour like 1F3A5F")
    return value


class Colors(_Strict):
    background: Hex
    text: Hex
    title: Hex
    primary: Hex
    on_primary: Hex
    accent: Hex
    muted: Hex
    rule: Hex
    surface: Hex
    link: Hex | None = None   # hyperlinks; None: the accent where it reads well, else the title's

    _check = field_validator("*", mode="before")(
        lambda value: None if value is None else _hex(value))

    @property
    def hyperlink(self) -> Hex:
        """The colour of links: the theme part's ``hlink``, which PowerPoint restyles."""
        if self.link is not None:
            return self.link
        return self.accent if ratio(self.accent, self.background) >= 4.5 else self.title


class Fonts(_Strict):
    """Faces for Latin text, and the East Asian and complex-script faces PowerPoint uses
    for those scripts (empty: the viewer's default for the script)."""

    heading: str
    body: str
    east_asian: str = ""
    complex_script: str = ""
    code: str = "Courier New"   # `code` in text; Liberation Mono has its widths
    # code's size relative to the text around it: a monospace face's lowercase is taller
    # than Calibri's, so at the same size code looks a step larger
    code_scale: float = Field(0.9, ge=0.5, le=1.5, allow_inf_nan=False)


class Sizes(_Strict):
    """Type scale in points; ``*_min`` is how far fitting may shrink that role."""

    cover_title: Points = 40
    title: Points = 30
    title_min: Points = 24
    section: Points = 40
    subtitle: Points = 20
    body: Points = 22
    body_min: Points = 16
    secondary: Points = 16
    source: Points = 10.5
    stat: Points = 60
    stat_min: Points = 36
    quote: Points = 24
    quote_min: Points = 18
    tile: Points = 20
    callout: Points = 24


class Grid(_Strict):
    """Measurements in inches; one grid serves every slide."""

    margin_left: Inches = 0.6
    margin_right: Inches = 0.6
    margin_top: Inches = 0.4
    margin_bottom: Inches = 0.3
    title_height: Extent = 1.0
    title_gap: Inches = 0.3
    footer_height: Extent = 0.3
    footer_gap: Inches = 0.2
    gutter: Inches = 0.35
    rule_height: Extent = 0.05
    rule_width: Extent = 1.2
    inset: Inches = 0.1

    @model_validator(mode="after")
    def _leaves_room(self) -> "Grid":
        """Margins and bands that fill the slide would put every box off it."""
        width, height = SMALLEST_SLIDE
        across = self.margin_left + self.margin_right
        down = (self.margin_top + self.title_height + self.title_gap + self.footer_gap
                + self.footer_height + self.margin_bottom)
        for name, used, room in (("margin_left + margin_right", across, width),
                                 ("the margins, title and footer bands and gaps", down, height)):
            if used > room - MIN_BODY:
                raise ValueError(
                    f"{name} take {used:g} in, leaving less than {MIN_BODY:g} in for content "
                    f"on a {width:g} x {height:g} in (4:3) slide; make them smaller")
        return self


class Theme(_Strict):
    name: str
    description: str
    fonts: Fonts
    colors: Colors
    palette: list[Hex] = Field(min_length=2)
    sizes: Sizes = Sizes()
    grid: Grid = Grid()
    line_spacing: float = Field(1.1, ge=0.8, le=2.0, allow_inf_nan=False)
    paragraph_space: float = Field(8, ge=0, le=48, allow_inf_nan=False)
    bullet: str = "•"
    template: str | None = None     # a .pptx/.potx in the theme's folder to build on
    layouts: LayoutMapping = Field(default_factory=dict)   # slide kind -> template layout
    folder: Path | None = None

    _palette = field_validator("palette", mode="before")(
        lambda value: [_hex(v) for v in value] if isinstance(value, list) else value)

    @field_validator("bullet")
    @classmethod
    def _visible_bullet(cls, value: str) -> str:
        if not value.strip() or len(value) > 4:
            raise ValueError("the bullet is one visible character (or a few), e.g. '•' or '–'")
        return value

    def emu(self, name: str) -> int:
        """A grid measurement in EMU."""
        return inches(getattr(self.grid, name))


def shipped_themes_dirs() -> list[Path]:
    """Themes bundled in the wheel, or the repository's ``themes/`` in a source checkout."""
    package = Path(__file__).resolve().parents[1]
    return [d for d in (package / "_themes", package.parents[1] / "themes") if d.is_dir()]


def theme_dirs(project_root: Path | None) -> list[Path]:
    dirs = [project_root / "themes"] if project_root and (project_root / "themes").is_dir() else []
    return dirs + [d for d in shipped_themes_dirs() if d not in dirs]


def available_themes(project_root: Path | None = None) -> dict[str, Path]:
    found: dict[str, Path] = {}
    for folder in theme_dirs(project_root):
        for theme_file in sorted(folder.glob("*/theme.yaml")):
            found.setdefault(theme_file.parent.name, theme_file)
    return found


def load_theme(name: str, project_root: Path | None, pos: SourcePos) -> Theme:
    """Load theme ``name``; an unknown name is an error at ``pos`` with the nearest match."""
    themes = available_themes(project_root)
    if name not in themes:
        raise DeckError.at(pos, f"unknown theme '{name}'{did_you_mean(name, themes)}; "
                                f"available: {', '.join(themes) or 'none'}")
    path = themes[name]
    tree = load_yaml(path)
    if not isinstance(tree.data, (dict, type(None))):
        raise DeckError.at(tree.pos(()), "a theme is a mapping of settings; see docs/themes.md")
    try:
        data = clean_value(dict(tree.data or {}))  # text XML cannot hold (xmltext)
        data.setdefault("name", name)
        return Theme.model_validate({**data, "folder": path.parent})
    except ValidationError as exc:
        error = exc.errors(include_url=False)[0]
        loc = tuple(error["loc"])
        raise DeckError.at(tree.pos(loc), f"invalid theme: {'.'.join(map(str, loc))}: "
                                          f"{error['msg'].removeprefix('Value error, ')}") from None
