"""Themes are data: ``themes/<name>/theme.yaml`` validated into a :class:`Theme`.

Layout code reads every colour, font, size and measurement from here. Themes are looked up
in the deck project's ``themes/`` folder first, then in the themes shipped with deckbuilder.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from ..errors import DeckError, SourcePos, did_you_mean
from ..ir import inches
from ..load import load_yaml
from ..model import LayoutMapping

Hex = str


class _Strict(BaseModel):
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

    _check = field_validator("*", mode="before")(_hex)


class Fonts(_Strict):
    """Faces for Latin text, and the East Asian and complex-script faces PowerPoint uses
    for those scripts (empty: the viewer's default for the script)."""

    heading: str
    body: str
    east_asian: str = ""
    complex_script: str = ""


class Sizes(_Strict):
    """Type scale in points; ``*_min`` is how far fitting may shrink that role."""

    cover_title: float = 40
    title: float = 30
    title_min: float = 24
    section: float = 40
    subtitle: float = 20
    body: float = 22
    body_min: float = 16
    secondary: float = 16
    source: float = 10.5
    stat: float = 60
    stat_min: float = 36
    quote: float = 24
    quote_min: float = 18
    tile: float = 20
    callout: float = 24


class Grid(_Strict):
    """Measurements in inches; one grid serves every slide."""

    margin_left: float = 0.6
    margin_right: float = 0.6
    margin_top: float = 0.4
    margin_bottom: float = 0.3
    title_height: float = 1.0
    title_gap: float = 0.3
    footer_height: float = 0.3
    footer_gap: float = 0.2
    gutter: float = 0.35
    rule_height: float = 0.05
    rule_width: float = 1.2
    inset: float = 0.1


class Theme(_Strict):
    name: str
    description: str
    fonts: Fonts
    colors: Colors
    palette: list[Hex] = Field(min_length=2)
    sizes: Sizes = Sizes()
    grid: Grid = Grid()
    line_spacing: float = Field(1.1, ge=0.8, le=2.0)
    paragraph_space: float = Field(8, ge=0, le=48)
    bullet: str = "•"
    template: str | None = None     # a .pptx/.potx in the theme's folder to build on
    layouts: LayoutMapping = Field(default_factory=dict)   # slide kind -> template layout
    folder: Path | None = None

    _palette = field_validator("palette", mode="before")(
        lambda value: [_hex(v) for v in value] if isinstance(value, list) else value)

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
    try:
        data = dict(tree.data or {})
        data.setdefault("name", name)
        return Theme.model_validate({**data, "folder": path.parent})
    except ValidationError as exc:
        error = exc.errors(include_url=False)[0]
        loc = tuple(error["loc"])
        raise DeckError.at(tree.pos(loc), f"invalid theme: {'.'.join(map(str, loc))}: "
                                          f"{error['msg']}") from None
