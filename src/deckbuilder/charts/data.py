"""Chart data: a CSV file (with its ``.meta.yaml`` provenance) or inline rows, checked
against the spec so every problem is reported at the chart's YAML location.

The result is already in plotting order (the spec's ``sort`` applied), so the picture, the
native chart and the alt text all read the same rows.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

from ..errors import DeckError, ProblemCollector, SourcePos, did_you_mean
from ..data import read_table_lines
from ..load import SourceTree, load_yaml
from ..paths import PathPolicy
from ..xmltext import clean_value
from .categories import label_categories
from .numbers import precise
from .spec import ChartSpec

MAX_ROWS = 10_000
MAX_MAGNITUDE = 1e15  # larger values overflow axis arithmetic; chart them in a bigger unit


@dataclass
class ChartData:
    """Rows ready to plot: x values as text, series values as floats (None for a gap)."""

    x: list[str]
    values: dict[str, list[float | None]]
    labels: dict[str, str] = field(default_factory=dict)
    source_line: str | None = None
    source_link: str | None = None  # the web address the data was read at (.meta.yaml)
    unit: str | None = None
    title: str | None = None
    x_numbers: list[float] | None = None  # the x values as numbers, for scatter plots
    alt: str = ""
    file: Path | None = None   # the CSV the rows were read from (None: inline data)
    lines: list[int] = field(default_factory=list)        # each row's line in ``file``
    row_sources: list[str] = field(default_factory=list)  # each row's 'source' cell
    source_ids: frozenset[str] | None = None  # the .meta.yaml's source ids, if it keys them

    def has_row_sources(self) -> bool:
        """Whether the dataset names a source per row (a 'source' column keyed into the
        .meta.yaml's sources), so every row must name one."""
        return self.source_ids is not None and any(self.row_sources)
    written: dict[str, str] = field(default_factory=dict)  # a label -> the data's category

    def fingerprint(self) -> str:
        """sha256 of exactly what is drawn (categories, values, series labels)."""
        payload = json.dumps([self.x, self.values, self.labels], sort_keys=True)
        return hashlib.sha256(payload.encode()).hexdigest()


@dataclass
class _Table:
    rows: list[dict[str, str]]
    columns: list[str]
    where: str           # how messages name the data: "'charts/x.csv'" or "the inline data"
    first_row: int       # the row number of rows[0] as the user sees it
    file: Path | None = None
    lines: list[int] = field(default_factory=list)  # the line each row starts on in ``file``


def plotted(spec: ChartSpec, data: ChartData) -> list[float | None]:
    """Every plotted value, series after series."""
    return [v for s in spec.series for v in data.values[s.column]]


def meta_path(csv_path: Path) -> Path:
    return csv_path.with_name(csv_path.stem + ".meta.yaml")


def load_chart_data(spec: ChartSpec, policy: PathPolicy, pos: SourcePos,
                    labels: Mapping[str, str] | None = None) -> ChartData:
    """Read and check the spec's data; raise one DeckError listing every problem."""
    meta: dict[str, Any] = {}
    if isinstance(spec.data, str):
        table, meta = _read_csv(spec.data, policy, pos)
    else:
        rows = [{str(k): "" if v is None else str(v) for k, v in row.items()} for row in spec.data]
        table = _Table(rows, list(dict.fromkeys(k for row in rows for k in row)),
                       "the inline data", 1)
    data = _check(spec, table, pos)
    data.file, data.lines = table.file, table.lines
    data.row_sources = [row.get(SOURCE_COLUMN, "") for row in table.rows]
    sources = meta.get("sources")
    data.source_ids = frozenset(map(str, sources)) if isinstance(sources, dict) else None
    data.source_line = covered_range(meta.get("source_line"), data)
    data.unit, data.title = meta.get("unit"), meta.get("title")
    label_categories(spec, data, pos)  # charts/categories.py (after the range: data's own x)
    data.source_link = _source_link(meta)
    series_meta = meta.get("series") if isinstance(meta.get("series"), dict) else {}
    for s in spec.series:
        described = series_meta.get(s.column)
        meta_label = described.get("label") if isinstance(described, dict) else None
        data.labels[s.column] = s.label or meta_label or s.column
    _check_highlights(spec, data, pos)
    data = _sorted(spec, data)
    from .alt import describe

    data.alt = spec.alt or describe(precise(spec, plotted(spec, data)), data, labels)
    return data


def _read_csv(reference: str, policy: PathPolicy, pos: SourcePos) -> tuple[_Table, dict]:
    path = policy.resolve(reference, pos, "chart data file")
    if path.suffix.lower() != ".csv":
        raise DeckError.at(pos, f"chart data '{reference}' must be a .csv file")
    columns, rows, lines = read_table_lines(path)
    meta_file = policy.optional(meta_path(path), pos, "chart metadata file")
    meta = _meta(load_yaml(meta_file)) if meta_file else {}
    return _Table(rows, columns, f"'{reference}'", 2, path, lines), meta


SOURCE_COLUMN = "source"  # a row's source id, a key of the .meta.yaml's sources (charts/README.md)
RANGE_FIELDS = ("{first}", "{last}")


def covered_range(source_line: str | None, data: ChartData) -> str | None:
    """The source line with ``{first}`` and ``{last}`` replaced by the x values of the first
    and last rows that plot a value (in the file's order), so the range a footer states
    follows the data instead of going stale when rows are added."""
    if source_line is None or not any(name in source_line for name in RANGE_FIELDS):
        return source_line
    shown = [x for i, x in enumerate(data.x)
             if any(column[i] is not None for column in data.values.values())]
    return source_line.replace("{first}", shown[0]).replace("{last}", shown[-1])


META_TEXT = ("source_line", "unit", "title")
_WEB_ADDRESS = re.compile(r"https?://[^\s<>\"]+")


def _source_link(meta: dict[str, Any]) -> str | None:
    """The ``where`` of the data's sources when they name one place and it is a web
    address (several places are not one link)."""
    sources = meta.get("sources")
    entries = sources.values() if isinstance(sources, dict) else \
        sources if isinstance(sources, list) else []
    places = {entry["where"].strip() for entry in entries
              if isinstance(entry, dict) and isinstance(entry.get("where"), str)}
    place = places.pop() if len(places) == 1 else ""
    return place if _WEB_ADDRESS.fullmatch(place) else None


def _meta(tree: SourceTree) -> dict[str, Any]:
    """A ``.meta.yaml``'s provenance with its text cleaned (``xmltext``); a field the chart
    shows that is not text is an error at its line (numbers are taken as text)."""
    if not isinstance(tree.data, dict):
        return {}
    meta = clean_value(tree.data)
    series = meta.get("series") if isinstance(meta.get("series"), dict) else {}
    fields = [((name,), meta) for name in META_TEXT] + [
        ((column, "label"), described) for column, described in series.items()
        if isinstance(described, dict)]
    problems = ProblemCollector()
    for path, holder in fields:
        value = holder.get(path[-1])
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            holder[path[-1]] = str(value)
        elif value is not None and not isinstance(value, str):
            where = path if len(path) == 1 else ("series",) + path
            problems.add(tree.pos(where), f"'{path[-1]}' must be text; quote it or remove it")
    problems.raise_if_any()
    return meta


def _check(spec: ChartSpec, table: _Table, pos: SourcePos) -> ChartData:
    where = table.where
    if not table.rows:
        raise DeckError.at(pos, f"chart data {where} has no rows; add data or remove the chart")
    if len(table.rows) > MAX_ROWS:
        raise DeckError.at(pos, f"chart data {where} has {len(table.rows):,} rows; the limit is "
                                f"{MAX_ROWS:,}: aggregate it first")
    wanted = [spec.x] + [s.column for s in spec.series]
    missing = [c for c in wanted if c not in table.columns]
    if missing:
        hint = did_you_mean(missing[0], table.columns) if len(missing) == 1 else ""
        raise DeckError.at(pos, f"column{'s' if len(missing) > 1 else ''} "
                                f"{', '.join(repr(c) for c in missing)} not in {where}{hint}; "
                                f"available: {', '.join(table.columns)}")
    problems = ProblemCollector()
    numeric = [s.column for s in spec.series] + ([spec.x] if spec.type == "scatter" else [])
    values: dict[str, list[float | None]] = {column: [] for column in numeric}
    for row_number, row in enumerate(table.rows, start=table.first_row):
        for column in numeric:
            cell = row.get(column, "")
            number = _number(cell)
            if number is None and (cell != "" or column == spec.x):
                problems.add(pos, f"{where} row {row_number}, column '{column}': '{cell}' is "
                                  "not a number; fix the cell" +
                                  ("" if column == spec.x else " or leave it empty for a gap"))
            values[column].append(number)
    problems.raise_if_any()
    series = {s.column: values[s.column] for s in spec.series}
    if all(v is None for column in series.values() for v in column):
        raise DeckError.at(pos, f"chart data {where} has no numeric values to plot")
    empty = [column for column, column_values in series.items()
             if all(v is None for v in column_values)]
    if empty:  # (the renderers assume every series has a point; found by tests/test_fuzz.py)
        raise DeckError.at(pos, f"column '{empty[0]}' in {where} has no numbers to plot; "
                                "fill it in or remove the series")
    if any(v is not None and abs(v) > MAX_MAGNITUDE for column in values.values() for v in column):
        raise DeckError.at(pos, f"{where} has values beyond ±{MAX_MAGNITUDE:.0e}; "
                                "chart them in a larger unit (thousands, millions, billions)")
    if spec.type in ("pie", "donut") and any(v is not None and v < 0
                                             for v in series[spec.series[0].column]):
        raise DeckError.at(pos, f"a {spec.type} chart shows parts of a whole; {where} has "
                                "negative values: use a column or bar chart")
    if spec.type in ("pie", "donut") and not any(series[spec.series[0].column]):
        raise DeckError.at(pos, f"a {spec.type} chart shows parts of a whole; every value in "
                                f"{where} is zero or missing")
    return ChartData(x=[row.get(spec.x, "") for row in table.rows], values=series,
                     x_numbers=values.get(spec.x))


def _number(cell: str) -> float | None:
    try:
        number = float(cell.replace(",", ""))
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def _check_highlights(spec: ChartSpec, data: ChartData, pos: SourcePos) -> None:
    problems = ProblemCollector()
    columns = [s.column for s in spec.series]
    for mark in spec.highlight:
        if mark.x not in data.x:
            problems.add(pos, f"highlight '{mark.x}' is not a value of '{spec.x}'"
                              f"{did_you_mean(mark.x, data.x)}; values: {', '.join(data.x)}")
        if mark.series is not None and mark.series not in columns:
            problems.add(pos, f"highlight series '{mark.series}' is not plotted; "
                              f"series: {', '.join(columns)}")
    problems.raise_if_any()


def _sorted(spec: ChartSpec, data: ChartData) -> ChartData:
    """Rows reordered by the first series (gaps last), when the spec asks for it."""
    if spec.sort == "none":
        return data
    first = data.values[spec.series[0].column]
    present = sorted((i for i, v in enumerate(first) if v is not None),
                     key=lambda i: first[i], reverse=spec.sort == "descending")
    order = present + [i for i, v in enumerate(first) if v is None]
    data.x = [data.x[i] for i in order]
    data.lines = [data.lines[i] for i in order] if data.lines else []
    data.row_sources = [data.row_sources[i] for i in order]
    data.values = {k: [v[i] for i in order] for k, v in data.values.items()}
    if data.x_numbers is not None:
        data.x_numbers = [data.x_numbers[i] for i in order]
    return data
