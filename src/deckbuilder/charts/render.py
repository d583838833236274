"""Draw a chart with matplotlib into PNG and SVG bytes at exactly its box size (the only
module that imports matplotlib).

Deterministic by construction: the Agg canvas, a fixed dpi, every rcParam set from
:mod:`.style` on top of matplotlib's defaults (never the user's matplotlibrc), the theme's
shipped font files, and no ``Software`` stamp in the PNG. The figure is the box's size in
inches; layout happens inside it (constrained layout), never by cropping (no
``bbox_inches="tight"``), so the picture is never stretched on the slide.
"""

from __future__ import annotations

import io
import warnings
from contextlib import contextmanager
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterator

from ..system_fonts import Face, coverage, installed_face
from .cache import ChartPicture
from .canvas import Canvas
from .job import ChartJob
from .plots import draw
from .style import DPI, MIN_TICK_PT, ChartStyle, rc_params

BAND_ZORDER = 0  # shaded bands behind highlighted categories: not data

SHRINK_STEP_PT = 1.0
MAX_VALUE_LABELS = 60  # the most important ones; more cannot be read, and checking
# every pair for overlaps, at each size step, would take minutes at the row limit


@lru_cache(maxsize=None)
def register_fonts(files: tuple[Path, ...]) -> str:
    """Make the theme's font files known to matplotlib; the family name to ask for."""
    from matplotlib import font_manager

    for path in files:
        font_manager.fontManager.addfont(str(path))
    return font_manager.FontProperties(fname=str(files[0])).get_name()


def warm_up(style: ChartStyle) -> None:
    """Import matplotlib's drawing modules and register the fonts now (before forking)."""
    from matplotlib.backends import backend_agg  # noqa: F401
    from matplotlib import figure as _figure  # noqa: F401

    register_fonts(style.font_files)
    register_script_faces(style.script_faces)


@lru_cache(maxsize=None)
def register_script_faces(faces: tuple[tuple[str, Face], ...]) -> None:
    """Make the installed fallback faces, and their bold faces (titles), known to matplotlib
    by file, whatever its font cache (made before they were installed, perhaps) holds."""
    from matplotlib import font_manager

    known = {entry.fname for entry in font_manager.fontManager.ttflist}
    bold = (installed_face(name, bold=True) for name, _ in faces)
    files = [face.path for _, face in faces] + [face.path for face in bold if face is not None]
    for path in dict.fromkeys(map(str, files)):
        if path not in known:
            font_manager.fontManager.addfont(path)


def render_png(job: ChartJob) -> bytes:
    with styled(fallbacks_needed(job)):
        return encode_png(figure(job))


def render_picture(job: ChartJob) -> ChartPicture:
    """The chart as a PNG and as the same drawing in SVG (text as outlines, so it looks
    the same without the theme's font files)."""
    with styled(fallbacks_needed(job)):
        fig = figure(job)
        return ChartPicture(encode_png(fig), encode_svg(fig))


def fallbacks_needed(job: ChartJob) -> ChartStyle:
    """The job's style with only the fallback faces its text needs: matplotlib loads every
    family of ``font.family`` for every text it draws, so naming the CJK and complex-script
    faces on a chart in Latin script only costs a sixth of its drawing time."""
    theme_font = Face(job.style.font_files[0], 0)
    text = job.spec.cache_json() + repr(job.data)
    missing = {ord(c) for c in set(text) if c.isprintable()} - coverage(theme_font)
    kept = tuple((name, face) for name, face in job.style.script_faces
                 if missing and missing & coverage(face))  # (a CJK face's map is 20 MB)
    return job.style if kept == job.style.script_faces else replace(job.style,
                                                                    script_faces=kept)


@contextmanager
def styled(style: ChartStyle) -> Iterator[None]:
    """matplotlib's defaults plus the chart style, for the duration of one chart only."""
    import matplotlib

    family = register_fonts(style.font_files)
    register_script_faces(style.script_faces)
    with matplotlib.rc_context(), warnings.catch_warnings():
        # matplotlib's warnings name its own files; what they say that a deck's author can
        # act on, lint reports at the slide's line (chart-glyphs, chart-size)
        warnings.simplefilter("ignore")
        matplotlib.rcdefaults()
        matplotlib.rcParams.update(rc_params(style, family))
        yield


def figure(job: ChartJob) -> Any:
    """The drawn figure (call inside :func:`styled`): exactly the box's size in inches."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=job.inches, dpi=DPI)
    FigureCanvasAgg(fig)
    canvas = Canvas(fig, fig.add_subplot(), job.spec, job.data, job.style)
    draw(canvas)
    declutter(canvas)
    return fig


def encode_png(fig) -> bytes:
    """The figure as an RGB PNG with no metadata chunks (no software stamp, no dates).

    Encoded with Pillow from the Agg buffer rather than ``savefig``: dropping the alpha
    channel makes the file smaller and stops LibreOffice from tinting the picture grey.
    """
    from PIL import Image

    fig.canvas.draw()
    width, height = fig.canvas.get_width_height()
    image = Image.frombuffer("RGBA", (width, height), fig.canvas.buffer_rgba(), "raw", "RGBA", 0, 1)
    buffer = io.BytesIO()
    image.convert("RGB").save(buffer, format="PNG", compress_level=6, dpi=(DPI, DPI))
    return buffer.getvalue()


def encode_svg(fig) -> bytes:
    """The figure as SVG without a date or a creator stamp; element ids come from the
    ``svg.hashsalt`` rcParam, so the same chart gives the same bytes."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    return buffer.getvalue()


def declutter(canvas: Canvas) -> None:
    """No two value labels may overlap, leave the figure, or cover the data (bars, markers,
    lines) or a direct label: shrink them (not below the minimum text size), then flip a
    label that covers the data to the other side of its point, then drop the least
    important ones that still collide."""
    if not canvas.labels:
        return
    canvas.labels.sort(key=lambda item: -item[1])
    for label, _ in canvas.labels[MAX_VALUE_LABELS:]:
        label.set_visible(False)
    del canvas.labels[MAX_VALUE_LABELS:]
    fig = canvas.fig
    while _collisions(canvas):
        sizes = [label.get_fontsize() for label, _ in canvas.labels]
        if max(sizes) - SHRINK_STEP_PT < MIN_TICK_PT:
            break
        for label, _ in canvas.labels:
            label.set_fontsize(max(MIN_TICK_PT, label.get_fontsize() - SHRINK_STEP_PT))
    renderer = fig.canvas.get_renderer()
    marks = Marks.of(canvas, renderer)
    kept = []
    for label, _ in sorted(canvas.labels, key=lambda item: -item[1]):
        box = label.get_window_extent(renderer)
        if marks.covered_by(label, box):
            _flip(label)
            box = label.get_window_extent(renderer)
        if (_inside(box, fig.bbox) and not any(box.overlaps(other) for other in kept)
                and not marks.covered_by(label, box)):
            kept.append(box)
        else:
            label.set_visible(False)


FLIPPED = {"bottom": "top", "top": "bottom", "left": "right", "right": "left"}


def _flip(label) -> None:
    """Move a label to the opposite side of its point (an annotation's offset mirrored)."""
    dx, dy = label.xyann
    label.xyann = (-dx, -dy)
    if dy:
        label.set_verticalalignment(FLIPPED.get(label.get_verticalalignment(), "center"))
    if dx:
        label.set_horizontalalignment(FLIPPED.get(label.get_horizontalalignment(), "center"))


@dataclass
class Marks:
    """What value labels must stay off, in display coordinates: bars, point markers, line
    paths and direct labels. A label's own bar or marker (the one holding its point) is
    where it belongs, so it is not in its way."""

    boxes: list[Any]
    paths: list[Any]

    @classmethod
    def of(cls, canvas: Canvas, renderer) -> "Marks":
        from matplotlib.transforms import Bbox

        ax = canvas.ax
        boxes = [patch.get_window_extent(renderer) for patch in ax.patches
                 if patch.get_zorder() > BAND_ZORDER and patch.get_visible()]
        paths = []
        for line in ax.lines:  # in data coordinates: not the zero line or the break marks
            if (len(line.get_xdata()) == 0 or not line.get_visible()
                    or line.get_transform() != ax.transData):
                continue
            if line.get_marker() not in ("None", None, "", " "):
                radius = line.get_markersize() * canvas.fig.dpi / 72 / 2
                for x, y in ax.transData.transform(line.get_xydata()):
                    boxes.append(Bbox.from_extents(x - radius, y - radius, x + radius,
                                                   y + radius))
            if line.get_linestyle() not in ("None", "none", "", " "):
                paths.append(line.get_path().transformed(line.get_transform()))
        for twin in canvas.fig.axes[1:]:  # direct labels are a twin axis' tick labels
            boxes += [tick.get_window_extent(renderer) for tick in twin.get_yticklabels()
                      if tick.get_visible() and tick.get_text()]
        return cls([b for b in boxes if b.width > 0 and b.height > 0], paths)

    def covered_by(self, label, box) -> bool:
        """Whether ``box`` (of ``label``) covers a mark other than its own; wedge labels,
        which sit on their wedges by design, are not point labels and never are."""
        if not hasattr(label, "xyann"):
            return False
        anchor = label.axes.transData.transform(label.xy)
        for mark in self.boxes:
            if mark.expanded(1.02, 1.02).contains(*anchor):
                continue  # its own bar or marker
            if box.overlaps(mark):
                return True
        return any(path.intersects_bbox(box, filled=False) for path in self.paths)


def _inside(box, frame) -> bool:
    return box.x0 >= frame.x0 and box.x1 <= frame.x1 and box.y0 >= frame.y0 and box.y1 <= frame.y1


def _collisions(canvas: Canvas) -> bool:
    fig = canvas.fig
    fig.draw_without_rendering()  # runs the layout, rasterises nothing
    renderer = fig.canvas.get_renderer()
    boxes = [label.get_window_extent(renderer) for label, _ in canvas.labels]
    return (not all(_inside(b, fig.bbox) for b in boxes)
            or any(a.overlaps(b) for n, a in enumerate(boxes) for b in boxes[n + 1:]))
