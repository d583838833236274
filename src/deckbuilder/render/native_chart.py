"""Native, editable PowerPoint charts (``render: native``) through python-pptx's chart API.

The presenter gets a real chart ("Edit Data" opens its numbers) styled like the picture
charts: the same :class:`ChartStyle`, number format, highlights and legend rules. Gaps stay
empty points (never zeros); a line over years gets an empty category for every missing year,
so PowerPoint breaks the line there instead of joining across it.
"""

from __future__ import annotations

import datetime as dt
from contextlib import contextmanager
from typing import Any, Iterator

from lxml import etree
from pptx.chart.chart import Chart
from pptx.chart.data import CategoryChartData
from pptx.chart.xlsx import CategoryWorkbookWriter
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_AXIS_CROSSES, XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION
from pptx.enum.chart import XL_MARKER_STYLE, XL_TICK_LABEL_POSITION, XL_TICK_MARK
from pptx.opc.packuri import PackURI
from pptx.oxml.ns import qn
from pptx.parts.chart import ChartPart
from pptx.util import Pt
from xlsxwriter import Workbook

from ..charts import emphasis as choose
from ..charts.data import ChartData, plotted
from ..charts.geometry import years
from ..charts.numbers import excel_format, formatter, tick_places
from ..charts.parity import BAR_TYPES
from ..charts.scale import AXES_SHARE, LINE_HEIGHT, Scale, headroom, spread, value_scale
from ..charts.spec import ChartSpec
from ..charts.style import ChartStyle
from ..ir import EMU_PER_POINT, ChartBox
from .page import NativeChartParts, Page
from .text import clean
from .xml import R_ID, A, P, add_transform

CHART_URI = "http://schemas.openxmlformats.org/drawingml/2006/chart"
C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"

CHART_TYPES = {
    "column": XL_CHART_TYPE.COLUMN_CLUSTERED, "grouped_column": XL_CHART_TYPE.COLUMN_CLUSTERED,
    "stacked_column": XL_CHART_TYPE.COLUMN_STACKED, "bar": XL_CHART_TYPE.BAR_CLUSTERED,
    "line": XL_CHART_TYPE.LINE_MARKERS, "pie": XL_CHART_TYPE.PIE, "donut": XL_CHART_TYPE.DOUGHNUT,
}
LEGEND = {"top": XL_LEGEND_POSITION.TOP, "bottom": XL_LEGEND_POSITION.BOTTOM,
          "right": XL_LEGEND_POSITION.RIGHT}
DONUT_HOLE_PERCENT = "58"
BREAK_LABEL = "//"
WORKBOOK_DATE = dt.datetime(2000, 1, 1)


class _StableWorkbook(CategoryWorkbookWriter):
    """The chart's embedded Excel workbook, with a fixed creation date (XlsxWriter stamps
    'now' into docProps/core.xml otherwise, and the same deck would give other bytes) and
    every cell a value: XlsxWriter's write() otherwise makes a label like '=HYPERLINK(...)' a
    live formula, which Excel evaluates when the presenter clicks Edit Data, and a URL a link."""

    @contextmanager
    def _open_worksheet(self, xlsx_file) -> Iterator[tuple[Workbook, Any]]:
        workbook = Workbook(xlsx_file, {"in_memory": True, "strings_to_formulas": False,
                                        "strings_to_urls": False, "strings_to_numbers": False})
        yield workbook, workbook.add_worksheet()
        workbook.close()

    def _populate_worksheet(self, workbook, worksheet) -> None:
        workbook.set_properties({"created": WORKBOOK_DATE})
        super()._populate_worksheet(workbook, worksheet)
        worksheet.write_string(0, 0, self._chart_data.category_header)  # python-pptx: empty


class _ChartData(CategoryChartData):
    """The chart's data, with a heading for the category column (what Edit Data shows)."""

    def __init__(self, category_header: str, number_format: str):
        super().__init__(number_format=number_format)
        self.category_header = category_header

    @property
    def _workbook_writer(self) -> CategoryWorkbookWriter:  # python-pptx's hook for the writer
        return _StableWorkbook(self)


def rgb(hex6: str) -> RGBColor:
    return RGBColor.from_string(hex6)


def categories(spec: ChartSpec, data: ChartData) -> tuple[list[str], list[int | None]]:
    """The native chart's categories and the data row each shows (None: no data there).

    Over years, a line gets every year (an empty category breaks the line, as on the
    picture's time axis); bars get one empty category labelled '//' wherever years are
    skipped, the picture's break mark, so 1996 and 2006 never look like neighbours."""
    found = years(data.x)
    if found is None or spec.type not in ("line",) + BAR_TYPES:
        return list(data.x), list(range(len(data.x)))
    if spec.type == "line":
        by_year = {year: row for row, year in enumerate(found)}
        span = range(found[0], found[-1] + 1)
        return [str(year) for year in span], [by_year.get(year) for year in span]
    labels: list[str] = []
    rows: list[int | None] = []
    for row, year in enumerate(found):
        if row and year - found[row - 1] > 1:
            labels.append(BREAK_LABEL)
            rows.append(None)
        labels.append(data.x[row])
        rows.append(row)
    return labels, rows


def add_native_chart(page: Page, box: ChartBox, style: ChartStyle) -> None:
    """``box``'s chart on ``page``: its frame, and its chart and workbook parts."""
    rect = box.rect
    rid = page.chart(native_chart_parts(box, style))
    sub = etree.SubElement
    frame = sub(page.tree, P + "graphicFrame")
    properties = sub(frame, P + "nvGraphicFramePr")
    sub(properties, P + "cNvPr", id=str(page.next_shape_id()), name=box.name,
        descr=clean(box.alt))
    sub(sub(properties, P + "cNvGraphicFramePr"), A + "graphicFrameLocks", noGrp="1")
    sub(properties, P + "nvPr")
    add_transform(frame, rect, P + "xfrm")
    data = sub(sub(frame, A + "graphic"), A + "graphicData", uri=CHART_URI)
    sub(data, C + "chart", nsmap={"c": C[1:-1]}).set(R_ID, rid)


def native_chart_parts(box: ChartBox, style: ChartStyle) -> NativeChartParts:
    """The chart XML and embedded workbook of ``box``'s chart, made and styled through
    python-pptx's chart API on a chart part of its own."""
    spec, data = box.spec, box.data
    labels, rows = categories(spec, data)
    chart_data = _ChartData(clean(spec.category_heading()), excel_format(
        spec, plotted(spec, data)))
    chart_data.categories = [clean(label) for label in labels]  # python-pptx writes chart
    for s in spec.series:                                        # XML by string formatting
        values = data.values[s.column]
        chart_data.add_series(clean(data.labels[s.column]),
                              [values[r] if r is not None else None for r in rows])
    part = ChartPart.new(CHART_TYPES[spec.type], chart_data, _OwnPackage())
    chart = part.chart
    _text(chart, spec, style)
    _series(chart, spec, data, style, rows)
    rect = box.rect
    if spec.type in ("pie", "donut"):
        _wedge_labels(chart, spec, data, style)
    else:
        size_pt = (rect.w / EMU_PER_POINT, rect.h / EMU_PER_POINT)
        _axes(chart, spec, data, style, size_pt)
        if spec.type == "line" and choose.legend_mode(spec) == "direct":
            _spread_direct_labels(chart, spec, data, style, size_pt, rows)
    _legend(chart, spec, style)
    _positive_axis_ids(chart)
    (rid, workbook), = ((rid, rel.target_part) for rid, rel in part.rels.items())
    return NativeChartParts(part.blob, workbook.blob, rid)


class _OwnPackage:
    """The one thing python-pptx asks a package while making a chart part: names for it and
    its workbook (the package writer names them again when it adds them)."""

    @staticmethod
    def next_partname(template: str) -> PackURI:
        return PackURI(template % 1)


def _text(chart: Chart, spec: ChartSpec, style: ChartStyle) -> None:
    chart.font.name = style.font_name
    chart.font.size = Pt(style.tick_pt)
    chart.font.color.rgb = rgb(style.text)
    title = clean(spec.title or "").strip()  # ("\nX" would leave paragraph 0 without runs)
    chart.has_title = bool(title)
    if title:
        chart.chart_title.text_frame.text = title
        chart.chart_title.text_frame.paragraphs[0].runs[0].font.bold = True


def _series(chart: Chart, spec: ChartSpec, data: ChartData, style: ChartStyle,
            rows: list[int | None]) -> None:
    """Series colours from the palette, emphasised points in the accent, value labels."""
    plot = chart.plots[0]
    if spec.type not in ("line", "pie", "donut"):
        plot.gap_width = round((1 - style.bar_width) / style.bar_width * 100)
        plot.overlap = 100 if spec.type == "stacked_column" else -8
    for k, (series, s) in enumerate(zip(plot.series, spec.series)):
        if spec.type in ("pie", "donut"):
            _paint_wedges(series, spec, data, style)
            continue
        hue = style.color(k)
        emphasised = choose.emphasis(spec, data, s.column)
        if spec.type == "line":
            series.smooth = False
            series.format.line.color.rgb = rgb(hue)
            series.format.line.width = Pt(style.line_pt)
            series.marker.style = XL_MARKER_STYLE.CIRCLE
            series.marker.size = round(style.marker_pt)
        else:
            series.format.fill.solid()
            series.format.fill.fore_color.rgb = rgb(hue)
        for n, row in enumerate(rows):
            if row is not None and (row in emphasised or spec.type == "line"):
                point = series.points[n]
                target = point.marker.format if spec.type == "line" else point.format
                target.fill.solid()
                target.fill.fore_color.rgb = rgb(style.accent if row in emphasised else hue)
                target.line.color.rgb = rgb(style.background)
        _value_labels(series, spec, data, style, rows, s.column, hue)


def _paint_wedges(series, spec: ChartSpec, data: ChartData, style: ChartStyle) -> None:
    emphasised = choose.emphasis(spec, data, spec.series[0].column)
    for n, point in enumerate(series.points):
        point.format.fill.solid()
        point.format.fill.fore_color.rgb = rgb(style.accent if n in emphasised else style.color(n))
        point.format.line.color.rgb = rgb(style.background)


def _value_labels(series, spec: ChartSpec, data: ChartData, style: ChartStyle,
                  rows: list[int | None], column: str, hue: str) -> None:
    """Labels on the chosen points (a note joins its value); with direct labelling, the
    series name at the right of a line's last point."""
    position = {"line": XL_LABEL_POSITION.ABOVE, "stacked_column": XL_LABEL_POSITION.CENTER
                }.get(spec.type, XL_LABEL_POSITION.OUTSIDE_END)
    fmt = formatter(spec)
    values = data.values[column]
    emphasised = choose.emphasis(spec, data, column)
    notes = choose.notes(spec, data, column)
    labelled = choose.labelled(spec, data, column)
    for n, row in enumerate(rows):
        if row is None or row not in labelled:
            continue
        fill = style.accent if row in emphasised else hue
        label = series.points[n].data_label
        label.position = position
        label.font.size, label.font.bold = Pt(style.label_pt), True
        label.font.color.rgb = rgb(style.ink_on(fill) if spec.type == "stacked_column"
                                   else style.accent if row in emphasised else style.text)
        if row in notes:  # above a column or point; beside a bar or below a negative value
            if spec.type == "bar" or values[row] < 0:
                _label_text(label, f"{fmt(values[row])}  {notes[row]}")
            else:  # the note set quieter than the value, as in the picture
                note = choose.two_lines(notes[row])
                _label_text(label, f"{note}\n{fmt(values[row])}",
                            quiet=(note.count("\n") + 1, Pt(style.tick_pt)))
    if spec.type == "line" and choose.legend_mode(spec) == "direct":
        last = max(n for n, row in enumerate(rows) if row is not None and values[row] is not None)
        row = rows[last]
        value = f"  {fmt(values[row])}" if row in labelled else ""
        label = series.points[last].data_label
        label.position = XL_LABEL_POSITION.RIGHT
        label.font.color.rgb = rgb(hue)
        label.font.size, label.font.bold = Pt(style.label_pt), True
        _label_text(label, data.labels[column] + value)


def _label_text(label, text: str, quiet: tuple[int, Any] = (0, None)) -> None:
    """A data label's own text, one paragraph per line, its runs styled like the label
    (viewers style the runs, not the label's default text properties); the first
    ``quiet[0]`` lines (a note) not bold, at size ``quiet[1]``."""
    label.text_frame.text = "\n".join(clean(line) for line in text.split("\n"))  # paragraphs
    lines, size = quiet
    for n, paragraph in enumerate(label.text_frame.paragraphs):
        for run in paragraph.runs:
            run.font.size, run.font.bold = (size, False) if n < lines else \
                (label.font.size, label.font.bold)
            run.font.color.rgb = label.font.color.rgb


def _wedge_labels(chart: Chart, spec: ChartSpec, data: ChartData, style: ChartStyle) -> None:
    """Share (or value) on every wedge, with its category when labelled directly; outside
    a pie, inside a donut ring in whichever ink reads on the wedge."""
    plot = chart.plots[0]
    plot.vary_by_categories = True
    if spec.type == "donut":
        for hole in chart._chartSpace.xpath(".//c:holeSize"):
            hole.set("val", DONUT_HOLE_PERCENT)
    emphasised = choose.emphasis(spec, data, spec.series[0].column)
    shows = {"c:showVal": spec.value_labels != "none", "c:showPercent": spec.value_labels == "none",
             "c:showCatName": choose.legend_mode(spec) == "direct"}
    for n, point in enumerate(plot.series[0].points):
        fill = style.accent if n in emphasised else style.color(n)
        label = point.data_label
        if spec.type == "pie":  # a doughnut's labels take no position (the schema has none)
            label.position = XL_LABEL_POSITION.OUTSIDE_END
        label.font.size, label.font.bold = Pt(style.label_pt), True
        label.font.color.rgb = rgb(style.ink_on(fill) if spec.type == "donut" else
                                   fill if n in emphasised else style.text)
        for tag, shown in shows.items():
            label._dLbl.find(qn(tag)).set("val", "1" if shown else "0")


def _axes(chart: Chart, spec: ChartSpec, data: ChartData, style: ChartStyle,
          size_pt: tuple[float, float]) -> None:
    """A light grid on the value axis only, no axis line or tick marks, the unit as the
    value axis title, the first category on top for horizontal bars."""
    values = chart.value_axis
    values.has_major_gridlines = True
    values.major_gridlines.format.line.color.rgb = rgb(style.grid)
    values.major_gridlines.format.line.width = Pt(style.grid_pt)
    values.format.line.fill.background()
    values.major_tick_mark = XL_TICK_MARK.NONE
    values.minor_tick_mark = XL_TICK_MARK.NONE
    scale = _scale(spec, data, style, size_pt)
    ticks = spec.model_copy(update={"decimals": tick_places(spec, scale.ticks)})
    values.tick_labels.number_format = excel_format(ticks, scale.ticks)  # as the picture's
    values.tick_labels.number_format_is_linked = False
    values.minimum_scale, values.maximum_scale = scale.low, scale.high
    if scale.step is not None:
        values.major_unit = scale.step
    unit = clean(spec.unit or data.unit or "").strip()
    if unit:
        values.has_title = True
        values.axis_title.text_frame.text = unit
        font = values.axis_title.text_frame.paragraphs[0].runs[0].font
        font.size, font.bold, font.color.rgb = Pt(style.tick_pt), False, rgb(style.muted)
    category = chart.category_axis
    category.has_major_gridlines = False
    category.major_tick_mark = XL_TICK_MARK.NONE
    category.format.line.color.rgb = rgb(style.muted)
    if scale.low < 0:  # category names below the plot, clear of bars that go down
        category.tick_label_position = XL_TICK_LABEL_POSITION.LOW
    if spec.type == "bar":  # first row on top, value axis still at the bottom
        category.reverse_order = True
        crossing = values._element  # where the value axis crosses the categories: the last
        crossing._remove_crosses()
        crossing._add_crosses(val=XL_AXIS_CROSSES.MAXIMUM)
    if clean(spec.x_label or "").strip():
        category.has_title = True
        category.axis_title.text_frame.text = clean(spec.x_label).strip()


def _scale(spec: ChartSpec, data: ChartData, style: ChartStyle,
           size_pt: tuple[float, float]) -> Scale:
    """The picture's value axis, with its limits on round ticks."""
    return value_scale(spec, *_extremes(spec, data),
                       headroom(spec, data, style, size_pt, spec.type == "bar")).to_ticks(spec)


def _spread_direct_labels(chart: Chart, spec: ChartSpec, data: ChartData, style: ChartStyle,
                          size_pt: tuple[float, float], rows: list[int | None]) -> None:
    """Nudge the lines' end labels apart as the picture does (PowerPoint would draw two
    close last values' labels on top of each other): a manual layout offset per label, as
    a share of the chart's height."""
    ends = []
    for series, s in zip(chart.plots[0].series, spec.series):
        values = data.values[s.column]
        last = max(n for n, row in enumerate(rows) if row is not None and values[row] is not None)
        ends.append((series.points[last].data_label._dLbl, values[rows[last]]))
    scale = _scale(spec, data, style, size_pt)
    span = scale.high - scale.low
    per_line = style.label_pt * LINE_HEIGHT / (size_pt[1] * AXES_SHARE) * span
    placed = spread([value for _, value in ends], [1] * len(ends), per_line)
    for (label, value), level in zip(ends, placed):
        if level != value:
            _offset(label, -(level - value) / span * AXES_SHARE)


def _offset(label, down: float) -> None:
    """A data label moved ``down`` (a share of the chart's height) from where it sits."""
    layout = label.makeelement(qn("c:layout"), {})
    manual = etree.SubElement(layout, qn("c:manualLayout"))
    for tag, share in (("c:x", 0.0), ("c:y", down)):
        etree.SubElement(manual, qn(tag)).set("val", f"{share:.4f}")
    label.find(qn("c:idx")).addnext(layout)  # c:layout follows c:idx in the schema


def _extremes(spec: ChartSpec, data: ChartData) -> tuple[float, float]:
    """The lowest and highest point the marks reach (stack totals on a stacked chart)."""
    rows = [[v for v in row if v is not None]
            for row in zip(*(data.values[s.column] for s in spec.series))]
    if spec.type == "stacked_column":
        return (min(sum(v for v in row if v < 0) for row in rows),
                max(sum(v for v in row if v > 0) for row in rows))
    present = [v for row in rows for v in row]
    return min(present), max(present)


def _legend(chart: Chart, spec: ChartSpec, style: ChartStyle) -> None:
    mode = choose.legend_mode(spec)
    if mode == "direct" and spec.type == "stacked_column":
        mode = "right"  # stacked columns take no label beside a segment in PowerPoint
    chart.has_legend = mode in LEGEND
    if chart.has_legend:
        chart.legend.position = LEGEND[mode]
        chart.legend.include_in_layout = False
        chart.legend.font.size = Pt(style.tick_pt)


def _positive_axis_ids(chart: Chart) -> None:
    """python-pptx writes negative axis ids; PowerPoint accepts them, strict validators
    (the schema says unsignedInt) do not."""
    for element in chart._chartSpace.xpath(".//c:axId | .//c:crossAx"):
        element.set("val", str(abs(int(element.get("val")))))
