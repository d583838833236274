"""What each chart plots, stored in the built .pptx beside the inputs manifest.

A reviewer of a rebuilt deck wants to know which numbers moved and where they came from;
the chart pictures cannot say. So a build stores every chart's plotted points, each with the
data file and line it was read from, as a second custom XML part (``customXml/itemN.xml``,
namespace :data:`NAMESPACE`), written through lxml from the IR, so the same inputs give the
same bytes. ``deckbuilder diff`` reads it back (:func:`read_points`).
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .freshness import custom_xml_items, stable_name
from .ir import ChartBox, Presentation

NAMESPACE = "urn:deckbuilder-pptx:points:1"


@dataclass(frozen=True)
class Point:
    series: str            # the series' label as the chart shows it
    x: str
    value: float | None    # None: a gap
    origin: str            # "charts/x.csv:12", or "" for data written in the deck
    source: str            # the row's source id ('source' column), "" if it names none


@dataclass(frozen=True)
class ChartPoints:
    title: str             # the chart's own title, else the data's (may be empty)
    file: str              # the data file's stable name, "" for inline data
    points: tuple[Point, ...]
    box: tuple[int, int, int, int]  # x, y, width, height on the slide, in EMU


def points_element(presentation: Presentation, root: Path) -> Any:
    """Every chart's points, slide by slide (1-based, in output order), as an lxml element."""
    from lxml import etree

    top = etree.Element(f"{{{NAMESPACE}}}points", nsmap={None: NAMESPACE})
    for index, slide in enumerate(presentation.slides, start=1):
        charts = [e for e in slide.elements if isinstance(e, ChartBox)]
        if not charts:
            continue
        slide_element = etree.SubElement(top, f"{{{NAMESPACE}}}slide", index=str(index))
        for chart in charts:
            data = chart.data
            file = stable_name(data.file, root) if data.file is not None else ""
            chart_element = etree.SubElement(slide_element, f"{{{NAMESPACE}}}chart",
                                             title=chart.spec.title or data.title or "",
                                             file=file, box=_box(chart))
            for column, values in data.values.items():
                series = etree.SubElement(chart_element, f"{{{NAMESPACE}}}series",
                                          label=data.labels.get(column, column))
                for row, (x, value) in enumerate(zip(data.x, values)):
                    point = etree.SubElement(series, f"{{{NAMESPACE}}}point", x=x)
                    if value is not None:
                        point.set("value", repr(value))
                    if data.lines:
                        point.set("line", str(data.lines[row]))
                    if data.row_sources[row]:
                        point.set("source", data.row_sources[row])
    return top


def _box(chart: ChartBox) -> str:
    rect = chart.rect
    return f"{rect.x} {rect.y} {rect.w} {rect.h}"


def read_points(package: bytes) -> dict[int, list[ChartPoints]] | None:
    """The stored points of a .pptx, by slide index; None if it stores none."""
    from lxml import etree

    try:
        with zipfile.ZipFile(io.BytesIO(package)) as archive:
            for data in custom_xml_items(archive):
                parser = etree.XMLParser(resolve_entities=False, no_network=True)
                try:
                    top = etree.fromstring(data, parser)
                except etree.XMLSyntaxError:
                    continue
                if top.tag == f"{{{NAMESPACE}}}points":
                    return {int(s.get("index", "0")): [_chart(c) for c in s]
                            for s in top.iter(f"{{{NAMESPACE}}}slide")}
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    return None


def _chart(element: Any) -> ChartPoints:
    file = element.get("file", "")
    points = []
    for series in element.iter(f"{{{NAMESPACE}}}series"):
        for point in series.iter(f"{{{NAMESPACE}}}point"):
            value, line = point.get("value"), point.get("line")
            points.append(Point(series.get("label", ""), point.get("x", ""),
                                None if value is None else float(value),
                                f"{file}:{line}" if file and line else file,
                                point.get("source", "")))
    x, y, w, h = (int(n) for n in element.get("box", "0 0 0 0").split())
    return ChartPoints(element.get("title", ""), file, tuple(points), (x, y, w, h))
