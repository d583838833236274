"""Every visual choice for charts in one place, derived from the theme (like a matplotlib
style sheet): colours, type sizes at slide scale, line weights and the rcParams.

No matplotlib import here: the picture renderer applies :func:`rc_params`, the native chart
writer reads the same :class:`ChartStyle`, so pictures and editable charts match.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..fonts import font_file
from ..colors import ratio
from ..scripts import DEFAULT_EAST_ASIAN, DEFAULT_FACES
from ..system_fonts import Face, installed_face
from ..theme import Theme

MIN_TICK_PT = 12.0     # the floor for any text on a chart, at slide scale
TICK_STEP_DOWN = 4.0   # tick labels sit this far below the theme's secondary text size
DPI = 220
LARGE_TEXT_RATIO = 3.0  # WCAG AA contrast for bold text of 14 pt and more
# Glyphs the theme's font lacks are drawn from the installed faces for East Asian and
# complex scripts (the theme's, else the defaults runs name, see scripts.py), then from this
# font, which ships with matplotlib (Greek, Cyrillic, arrows, many symbols), instead of as
# empty boxes (lint_rules/glyphs.py reads all their files to name what no font has).
FALLBACK_FAMILY = "DejaVu Sans"


@dataclass(frozen=True)
class ChartStyle:
    """Colours are 6-digit hex without '#'; sizes in points at the real slide size."""

    font_name: str                 # as the slide names it (e.g. Calibri), for native charts
    font_files: tuple[Path, ...]   # regular, bold, italic: what matplotlib draws with
    script_faces: tuple[tuple[str, Face], ...]  # installed fallbacks for other scripts
    text: str
    muted: str
    grid: str
    background: str
    band: str                      # behind a highlighted category of a multi-series chart
    accent: str
    series: tuple[str, ...]        # the palette without the accent, which marks emphasis
    tick_pt: float
    label_pt: float                # value labels and direct labels
    line_pt: float = 3.0
    marker_pt: float = 9.0
    grid_pt: float = 0.8
    spine_pt: float = 1.0
    bar_width: float = 0.72        # share of a category slot the bars fill

    def color(self, index: int) -> str:
        return self.series[index % len(self.series)]

    def readable(self, hue: str) -> str:
        """``hue`` for bold label text, moved towards the text colour just enough to read on
        the background as large text must (3:1, WCAG AA): a pale series keeps its hue."""
        for step in range(11):
            mixed = _mix(hue, self.text, step / 10)
            if ratio(mixed, self.background) >= LARGE_TEXT_RATIO:
                return mixed
        return self.text

    def ink_on(self, fill: str) -> str:
        """The text or background colour, whichever reads better on ``fill``."""
        return max((self.text, self.background), key=lambda ink: ratio(ink, fill))


def _mix(a: str, b: str, share: float) -> str:
    """The colour ``share`` of the way from ``a`` to ``b`` (6-digit hex)."""
    channels = (round(int(a[i:i + 2], 16) * (1 - share) + int(b[i:i + 2], 16) * share)
                for i in (0, 2, 4))
    return "".join(f"{c:02X}" for c in channels)


def chart_style(theme: Theme) -> ChartStyle:
    body = theme.fonts.body
    colors = theme.colors
    series = tuple(c for c in theme.palette if c != colors.accent) or (colors.primary,)
    tick = max(MIN_TICK_PT, theme.sizes.secondary - TICK_STEP_DOWN)
    return ChartStyle(
        font_name=body,
        font_files=(font_file(body), font_file(body, bold=True), font_file(body, italic=True)),
        script_faces=script_faces(theme),
        text=colors.text, muted=colors.muted, grid=colors.rule, background=colors.background,
        band=colors.surface,
        accent=colors.accent, series=series, tick_pt=tick, label_pt=tick + 1)


def script_faces(theme: Theme) -> tuple[tuple[str, Face], ...]:
    """The installed faces for scripts the theme's Latin font lacks, by family name, in the
    order matplotlib tries them."""
    wanted = [theme.fonts.east_asian, DEFAULT_EAST_ASIAN, theme.fonts.complex_script,
              *DEFAULT_FACES.values()]
    found = {name: installed_face(name) for name in dict.fromkeys(w for w in wanted if w)}
    return tuple((name, face) for name, face in found.items() if face is not None)


def rc_params(style: ChartStyle, family: str) -> dict[str, object]:
    """rcParams for the editorial look, set explicitly so output never depends on a user's
    matplotlibrc: no top/right spines, a light grid drawn only on the value axis."""
    hex_ = lambda c: "#" + c  # noqa: E731
    return {
        "font.family": [family, *(name for name, _ in style.script_faces), FALLBACK_FAMILY], "font.size": style.tick_pt,
        "font.weight": "normal",
        "text.color": hex_(style.text), "axes.labelcolor": hex_(style.muted),
        "axes.edgecolor": hex_(style.muted), "axes.linewidth": style.spine_pt,
        "axes.facecolor": hex_(style.background), "figure.facecolor": hex_(style.background),
        "savefig.facecolor": hex_(style.background), "savefig.transparent": False,
        "axes.spines.top": False, "axes.spines.right": False,
        "axes.grid": False, "grid.color": hex_(style.grid), "grid.linewidth": style.grid_pt,
        "axes.titlesize": style.tick_pt, "axes.titlecolor": hex_(style.muted),
        "axes.titlelocation": "left", "axes.titlepad": 10, "axes.labelsize": style.tick_pt,
        "axes.unicode_minus": False, "axes.xmargin": 0.04, "axes.ymargin": 0,
        "xtick.labelsize": style.tick_pt, "ytick.labelsize": style.tick_pt,
        "xtick.color": hex_(style.muted), "ytick.color": hex_(style.muted),
        "xtick.labelcolor": hex_(style.text), "ytick.labelcolor": hex_(style.text),
        "xtick.major.size": 0, "ytick.major.size": 0, "xtick.minor.size": 0,
        "ytick.minor.size": 0, "xtick.major.pad": 6, "ytick.major.pad": 6,
        "legend.frameon": False, "legend.fontsize": style.tick_pt,
        "legend.handlelength": 1.0, "legend.handleheight": 1.0, "legend.columnspacing": 1.6,
        "lines.linewidth": style.line_pt, "lines.markersize": style.marker_pt,
        "lines.solid_capstyle": "round", "lines.solid_joinstyle": "round",
        "patch.linewidth": 0, "hatch.linewidth": 1.0,
        "figure.dpi": DPI, "savefig.dpi": DPI, "savefig.bbox": "standard",
        "figure.constrained_layout.use": True,
        "figure.constrained_layout.h_pad": 0.04, "figure.constrained_layout.w_pad": 0.04,
        "figure.constrained_layout.hspace": 0.02, "figure.constrained_layout.wspace": 0.02,
        "svg.hashsalt": "deckbuilder", "svg.fonttype": "path", "path.simplify": True, "agg.path.chunksize": 0,
        "text.antialiased": True, "lines.antialiased": True, "patch.antialiased": True,
        "text.hinting": "default",
        "text.parse_math": False,  # '$' is a currency sign in decks, not TeX ('$5 to $10')
    }
