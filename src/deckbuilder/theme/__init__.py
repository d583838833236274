"""Themes and templates, one package: a theme's settings (``theme.yaml``), reading a
PowerPoint template's masters and layouts as data, choosing a layout per slide kind, and
the theme a deck on a template is laid out with."""

from .settings import (Colors, Fonts, Grid, Sizes, Theme, available_themes, load_theme,
                       shipped_themes_dirs, theme_dirs)

__all__ = ["Colors", "Fonts", "Grid", "Sizes", "Theme", "available_themes", "load_theme",
           "shipped_themes_dirs", "theme_dirs"]
