"""Picture chart labels that cannot be misread (issue 17): on crowded charts of our own,
value labels and direct labels never overlap each other, the bars, markers or lines; a
label wears its series' colour; a stack's legend runs as the stack does; the value axis
always has a tick at or above the largest value. Boxes come from matplotlib's renderer."""

from __future__ import annotations

from pathlib import Path

import pytest
from matplotlib.colors import to_hex
from matplotlib.text import Text
from matplotlib.transforms import Bbox

from deckbuilder.charts.data import load_chart_data
from deckbuilder.charts.job import make_job
from deckbuilder.charts.render import figure, styled
from deckbuilder.charts.spec import ChartSpec
from deckbuilder.colors import ratio
from deckbuilder.errors import SourcePos
from deckbuilder.ir import ChartBox, Rect, inches
from deckbuilder.paths import PathPolicy
from deckbuilder.theme import load_theme

POS = SourcePos("deck.yaml", 1, 1)
SMALL = Rect(0, 0, inches(5.5), inches(3.4))
# two close, crossing lines: every label has a neighbour of the other series nearby
CLOSE = [{"year": str(2010 + i), "actual": a, "target": t} for i, (a, t) in
         enumerate([(100, 96), (110, 104), (118, 120), (125, 122), (131, 129), (140, 137)])]
STACK = [{"year": str(y), "a": a, "b": b, "c": c} for y, a, b, c in
         [(2012, 120, 200, 150), (2013, 130, 210, 170), (2014, 160, 220, 180),
          (2016, 170, 240, 200), (2017, 180, 250, 205)]]


def draw(tmp_path: Path, rows, box: Rect = SMALL, **fields):
    spec = ChartSpec.model_validate({"data": rows, "x": "year", **fields})
    data = load_chart_data(spec, PathPolicy.for_deck(tmp_path / "deck.yaml"), POS)
    chart = make_job(ChartBox(box, spec, data, alt=data.alt), load_theme("default", None, POS))
    with styled(chart.style):
        fig = figure(chart)
    fig.canvas.draw()
    return fig, chart.style


def value_labels(fig) -> list[Text]:
    """The visible value labels and notes (annotations on the plot)."""
    return [t for t in fig.axes[0].texts if t.get_visible() and t.get_text().strip()]


def direct_labels(fig) -> list[Text]:
    return [t for twin in fig.axes[1:] for t in twin.get_yticklabels() if t.get_text()]


def extents(fig, texts):
    renderer = fig.canvas.get_renderer()
    return [t.get_window_extent(renderer) for t in texts]


def mark_boxes(fig):
    """Bars and markers in display coordinates, each with the data point it stands for."""
    ax = fig.axes[0]
    renderer = fig.canvas.get_renderer()
    boxes = [p.get_window_extent(renderer) for p in ax.patches
             if p.get_zorder() > 0 and p.get_window_extent(renderer).width > 0]
    for line in ax.lines:
        if line.get_marker() == "o" and len(line.get_xdata()):
            radius = line.get_markersize() * fig.dpi / 72 / 2
            for x, y in ax.transData.transform(line.get_xydata()):
                boxes.append(Bbox.from_extents(x - radius, y - radius, x + radius, y + radius))
    return boxes


def owner_contains(box, label) -> bool:
    anchor = label.axes.transData.transform(label.xy)
    return box.expanded(1.02, 1.02).contains(*anchor)


CROWDED = [
    dict(type="line", series=["actual", "target"], value_labels="all"),
    dict(type="line", series=["actual", "target"], value_labels="last"),
    dict(type="line", series=["actual", "target"], value_labels="all",
         highlight=[{"x": "2015", "series": "target", "note": "Met"}]),
    dict(type="grouped_column", series=["a", "b", "c"], value_labels="all"),
    dict(type="column", series=["b"], value_labels="all",
         highlight=[{"x": "2016", "note": "Record"}]),
    dict(type="bar", series=["c"], value_labels="all"),
]


@pytest.mark.parametrize("fields", CROWDED, ids=lambda f: f"{f['type']}-{f['value_labels']}")
def test_labels_overlap_neither_each_other_nor_the_data(tmp_path, fields):
    rows = CLOSE if fields["type"] == "line" else STACK
    fig, _ = draw(tmp_path, rows, **fields)
    labels = value_labels(fig)
    boxes = extents(fig, labels) + extents(fig, direct_labels(fig))
    assert boxes
    assert not any(a.overlaps(b) for n, a in enumerate(boxes) for b in boxes[n + 1:])
    marks = mark_boxes(fig)
    for label, box in zip(labels, boxes):
        hit = [m for m in marks if box.overlaps(m) and not owner_contains(m, label)]
        assert not hit, label.get_text()
    ax = fig.axes[0]
    lines = [line.get_path().transformed(line.get_transform()) for line in ax.lines
             if line.get_linestyle() == "-" and line.get_transform() == ax.transData]
    for label, box in zip(labels, boxes):
        assert not any(path.intersects_bbox(box, filled=False) for path in lines), \
            label.get_text()


def test_a_lines_last_value_sits_in_its_own_direct_label(tmp_path):
    """The last value is said beside its series' name, never between another series'
    name and its point (where it reads as that series')."""
    fig, style = draw(tmp_path, CLOSE, type="line", series=["actual", "target"],
                      value_labels="last")
    names = {t.get_text(): to_hex(t.get_color())[1:].upper() for t in direct_labels(fig)}
    assert names == {"actual  140": style.color(0), "target  137": style.color(1)}
    assert not [t for t in value_labels(fig) if t.get_text() in ("140", "137")]


def test_each_series_labels_its_values_in_its_own_readable_colour(tmp_path):
    fig, style = draw(tmp_path, STACK, box=Rect(0, 0, inches(11), inches(4.5)),
                      type="grouped_column", series=["a", "b", "c"], value_labels="all")
    colours = {}
    for label in value_labels(fig):
        colours.setdefault(label.get_text(), set()).add(to_hex(label.get_color())[1:].upper())
    assert colours["120"] == {style.color(0)} and colours["210"] == {style.color(1)}
    assert colours["205"] == {style.readable(style.color(2))}
    for hex6 in {c for cs in colours.values() for c in cs}:
        assert ratio(hex6, style.background) >= 3.0
    assert style.readable(style.color(2)) != style.text  # a pale series keeps its hue


def test_a_stack_legend_runs_top_segment_first(tmp_path):
    for legend in ("right", "top"):
        fig, _ = draw(tmp_path, STACK, type="stacked_column", series=["a", "b", "c"],
                      legend=legend)
        (shown,) = fig.legends
        assert [t.get_text() for t in shown.get_texts()] == ["c", "b", "a"]


@pytest.mark.parametrize("fields", [
    dict(type="stacked_column", series=["a", "b", "c"], legend="right"),
    dict(type="stacked_column", series=["a", "b", "c"], value_labels="last"),
    dict(type="column", series=["b"]),
    dict(type="bar", series=["a"], value_labels="all"),
    dict(type="line", series=["actual", "target"]),
])
def test_the_value_axis_has_a_tick_at_or_above_the_largest_value(tmp_path, fields):
    rows = CLOSE if fields["type"] == "line" else STACK
    fig, _ = draw(tmp_path, rows, **fields)
    ax = fig.axes[0]
    horizontal = fields["type"] == "bar"
    ticks = ax.get_xticks() if horizontal else ax.get_yticks()
    low, high = ax.get_xlim() if horizontal else ax.get_ylim()
    columns = fields["series"]
    tallest = max(sum(r[c] for c in columns) if fields["type"] == "stacked_column"
                  else max(r[c] for c in columns) for r in rows)
    shown = [t for t in ticks if low - 1e-9 <= t <= high + 1e-9]
    assert max(shown) >= tallest


def test_a_long_highlight_note_keeps_its_neighbours_values(tmp_path):
    """A note above a highlighted bar wraps onto two lines over its own bar instead of
    spreading over the next bar's value label and hiding it (seed slide 22's shape: a
    highlight just before the tallest bar)."""
    rows = [{"year": str(2010 + i), "deaths": v}
            for i, v in enumerate([38329, 41340, 47055, 52404, 63632, 70237])]
    fig, _ = draw(tmp_path, rows, type="column", series=["deaths"], value_labels="all",
                  number_format="compact",
                  highlight=[{"x": "2014", "note": "42,249 involved opioids"}])
    texts = [t.get_text() for t in value_labels(fig)]
    assert "70.2K" in texts, texts
    note = next(t for t in value_labels(fig) if "opioids" in t.get_text())
    assert note.get_text().count("\n") == 1
