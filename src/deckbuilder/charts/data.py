"""Chart data: a CSV file (with its ``.meta.yaml`` provenance) or inline rows, checked
against the spec so every problem is reported at the chart's YAML location."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import DeckError, ProblemCollector, SourcePos
from ..load import load_yaml, read_text
from ..paths import PathPolicy
from .spec import ChartSpec

MAX_ROWS = 10_000


@dataclass
class ChartData:
    """Rows ready to plot: x values as text, series values as floats (None for a gap)."""

    x: list[str]
    values: dict[str, list[float | None]]
    labels: dict[str, str]
    source_line: str | None = None
    unit: str | None = None
    title: str | None = None
    digest: str = ""
    provenance: dict[str, Any] = field(default_factory=dict)
    alt: str = ""


def meta_path(csv_path: Path) -> Path:
    return csv_path.with_name(csv_path.stem + ".meta.yaml")


def load_chart_data(spec: ChartSpec, policy: PathPolicy, pos: SourcePos) -> ChartData:
    """Read and check the spec's data; raise one DeckError listing every problem."""
    hasher = hashlib.sha256()
    meta: dict[str, Any] = {}
    if isinstance(spec.data, str):
        path = policy.resolve(spec.data, pos, "chart data file")
        if path.suffix.lower() != ".csv":
            raise DeckError.at(pos, f"chart data '{spec.data}' must be a .csv file")
        text = read_text(path)
        hasher.update(text.encode())
        rows = list(csv.DictReader(io.StringIO(text)))
        columns = [c.strip() for c in (csv.DictReader(io.StringIO(text)).fieldnames or [])]
        rows = [{(k or "").strip(): (v or "").strip() for k, v in row.items()} for row in rows]
        meta_file = meta_path(path)
        if meta_file.is_file():
            meta = load_yaml(meta_file).data or {}
            hasher.update(meta_file.read_bytes())
        where = f"'{spec.data}'"
    else:
        rows = [{str(k): "" if v is None else str(v) for k, v in row.items()} for row in spec.data]
        columns = list(dict.fromkeys(k for row in rows for k in row))
        hasher.update(json.dumps(spec.data, sort_keys=True, default=str).encode())
        where = "the inline data"
    data = _check(spec, rows, columns, pos, where)
    data.digest = hasher.hexdigest()
    data.provenance = meta
    data.source_line = meta.get("source_line") if isinstance(meta, dict) else None
    data.unit = meta.get("unit") if isinstance(meta, dict) else None
    data.title = meta.get("title") if isinstance(meta, dict) else None
    series_meta = meta.get("series", {}) if isinstance(meta, dict) else {}
    for s in spec.series:
        described = series_meta.get(s.column, {}) if isinstance(series_meta, dict) else {}
        data.labels[s.column] = s.label or (described or {}).get("label") or s.column
    from .alt import describe

    data.alt = spec.alt or describe(spec, data)
    return data


def _check(spec: ChartSpec, rows: list[dict[str, str]], columns: list[str], pos: SourcePos,
           where: str) -> ChartData:
    problems = ProblemCollector()
    if not rows:
        raise DeckError.at(pos, f"chart data {where} has no rows; add data or remove the chart")
    if len(rows) > MAX_ROWS:
        raise DeckError.at(pos, f"chart data {where} has {len(rows):,} rows; the limit is "
                                f"{MAX_ROWS:,}: aggregate it first")
    wanted = [spec.x] + [s.column for s in spec.series]
    missing = [c for c in wanted if c not in columns]
    if missing:
        raise DeckError.at(pos, f"column{'s' if len(missing) > 1 else ''} "
                                f"{', '.join(repr(c) for c in missing)} not in {where}; "
                                f"available: {', '.join(columns)}")
    values: dict[str, list[float | None]] = {s.column: [] for s in spec.series}
    for line, row in enumerate(rows, start=2):
        for s in spec.series:
            cell = row.get(s.column, "")
            if cell == "":
                values[s.column].append(None)
                continue
            try:
                number = float(cell.replace(",", ""))
                if not math.isfinite(number):
                    raise ValueError
            except ValueError:
                problems.add(pos, f"{where} row {line}, column '{s.column}': '{cell}' is not a "
                                  "number; fix the cell or leave it empty for a gap")
                number = None
            values[s.column].append(number)
    problems.raise_if_any()
    if all(v is None for series in values.values() for v in series):
        raise DeckError.at(pos, f"chart data {where} has no numeric values to plot")
    return ChartData(x=[row.get(spec.x, "") for row in rows], values=values, labels={})
