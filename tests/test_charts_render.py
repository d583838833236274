"""Drawing charts with matplotlib: exact size, determinism in and across processes, type
sizes at slide scale, gaps never bridged, labels never colliding, every chart type."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from matplotlib.text import Text
from PIL import Image

from deckbuilder.charts.batch import _render_all
from deckbuilder.charts.data import load_chart_data
from deckbuilder.charts.job import ChartJob, make_job
from deckbuilder.charts.render import figure, render_picture, render_png, styled
from deckbuilder.charts.spec import CHART_TYPES, ChartSpec
from deckbuilder.charts.style import DPI, MIN_TICK_PT
from deckbuilder.errors import SourcePos
from deckbuilder.ir import ChartBox, Rect, inches
from deckbuilder.paths import PathPolicy
from deckbuilder.theme import load_theme

POS = SourcePos("deck.yaml", 1, 1)
ROWS = [{"year": str(y), "a": a, "b": b} for y, a, b in
        [(1990, 28.3, 30.2), (1995, 46.3, 62.1), (1996, 56.8, None), (2006, 114.6, 197.1),
         (2016, 229.7, 294.0), (2017, 243.0, 314.0)]]
BOX = Rect(0, 0, inches(6.6), inches(4.3))


def job(tmp_path: Path, box: Rect = BOX, rows=ROWS, **fields) -> ChartJob:
    spec = ChartSpec.model_validate({"type": "column", "data": rows, "x": "year",
                                     "series": ["a"], **fields})
    data = load_chart_data(spec, PathPolicy.for_deck(tmp_path / "deck.yaml"), POS)
    return make_job(ChartBox(box, spec, data, alt=data.alt), load_theme("default", None, POS))


def drawn(chart: ChartJob):
    with styled(chart.style):
        return figure(chart)


def visible_texts(fig) -> list[Text]:
    return [t for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip()]


def bars_of(fig) -> list:
    return [bar for container in fig.axes[0].containers for bar in container]


def test_png_is_the_box_size_at_print_resolution(tmp_path):
    png = render_png(job(tmp_path, box=Rect(0, 0, inches(12), inches(4.6))))
    image = Image.open(io.BytesIO(png))
    assert image.size == (round(12 * DPI), round(4.6 * DPI))
    assert image.mode == "RGB" and set(image.info) <= {"dpi"}  # no software stamp, no dates


def test_same_chart_same_bytes_in_any_process(tmp_path):
    charts = [job(tmp_path, type="line", series=["a", "b"], value_labels="last"),
              job(tmp_path, type="grouped_column", series=["a", "b"], legend="top")]
    here = [render_picture(chart) for chart in charts]  # PNG and SVG alike
    assert here == [render_picture(chart) for chart in charts]
    for method in ("fork", "spawn"):
        assert [picture for picture, _ in _render_all(charts, 2, method)] == here, method


@pytest.mark.parametrize("chart_type", CHART_TYPES)
def test_every_type_draws_readable_text_in_the_theme_font(tmp_path, chart_type):
    two = chart_type not in ("pie", "donut", "column", "bar")
    fig = drawn(job(tmp_path, type=chart_type, series=["a", "b"] if two else ["a"],
                    value_labels="all", highlight=["2016"], unit="Billions of USD"))
    texts = visible_texts(fig)
    assert texts
    assert min(t.get_fontsize() for t in texts) >= MIN_TICK_PT
    assert {t.get_fontfamily()[0] for t in texts} == {"Carlito"}
    ax = fig.axes[0]
    assert not ax.spines["top"].get_visible() and not ax.spines["right"].get_visible()
    assert fig.get_size_inches() == pytest.approx((6.6, 4.3))


def test_value_labels_never_overlap(tmp_path):
    rows = [{"year": str(2000 + i), "a": 1_000_000 + 37_000 * i} for i in range(18)]
    fig = drawn(job(tmp_path, box=Rect(0, 0, inches(6), inches(4)), rows=rows,
                    value_labels="all", number_format="thousands"))
    renderer = fig.canvas.get_renderer()
    labels = [t for t in visible_texts(fig) if t.get_fontweight() == "bold"]
    boxes = [t.get_window_extent(renderer) for t in labels]
    assert boxes and not any(a.overlaps(b) for n, a in enumerate(boxes) for b in boxes[n + 1:])


def test_lines_never_bridge_a_gap_or_a_missing_year(tmp_path):
    fig = drawn(job(tmp_path, type="line", series=["b"]))
    segments = [line for line in fig.axes[0].lines
                if line.get_linestyle() == "-" and len(line.get_xdata()) > 1]
    joined = sorted(tuple(line.get_xdata()) for line in segments)
    assert joined == [(2016.0, 2017.0)]  # 1995→2006 skips a gap; 1990→1995 skips years
    markers = [x for line in fig.axes[0].lines if line.get_marker() == "o"
               for x in line.get_xdata()]
    assert sorted(markers) == [1990, 1995, 2006, 2016, 2017]


def test_a_gap_is_no_bar_and_is_marked(tmp_path):
    fig = drawn(job(tmp_path, series=["b"]))
    assert len(bars_of(fig)) == 5
    assert "n/a" in [t.get_text() for t in visible_texts(fig)]


def test_highlight_uses_the_accent_and_shows_its_note(tmp_path):
    fig = drawn(job(tmp_path, highlight=[{"x": "2017", "note": "Record"}]))
    accent = (0xC8 / 255, 0x10 / 255, 0x2E / 255, 1.0)
    colours = [bar.get_facecolor() for bar in bars_of(fig)]
    assert colours.count(pytest.approx(accent)) == 1 and colours[-1] == pytest.approx(accent)
    assert "Record" in [t.get_text() for t in visible_texts(fig)]
