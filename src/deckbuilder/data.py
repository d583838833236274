"""The deck's ``data:`` section: inline values and YAML/CSV files next to the deck.

The result is the context for templating. CSV files become a list of row mappings with
numbers parsed, so ``{{ homicides[0].count | thousands }}`` works; YAML files keep their
structure.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from .errors import DeckError, ProblemCollector, SourcePos
from .load import SourceTree, load_yaml, read_text
from .paths import PathPolicy
from .xmltext import clean_text

DATA_SUFFIXES = (".csv", ".yaml", ".yml")


def parse_number(text: str) -> int | float | str:
    """'12,155' -> 12155, '2.6' -> 2.6; anything else stays text."""
    cleaned = text.strip().replace(",", "")
    try:
        return int(cleaned)
    except ValueError:
        pass
    try:
        return float(cleaned)
    except ValueError:
        return text.strip()


def read_table(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    """The header and rows of a UTF-8 CSV file (see :func:`read_table_lines`)."""
    columns, rows, _ = read_table_lines(path)
    return columns, rows


def read_table_lines(path: Path) -> tuple[list[str], list[dict[str, str]], list[int]]:
    """The header and rows of a UTF-8 CSV file (any line endings), each cell stripped and
    cleaned of characters XML cannot hold; a short row's missing cells are empty; and the
    line each row starts on, so provenance can name it. A row with more values than its
    header names, or a field over the csv module's size limit, is an error at its line: the
    data would otherwise be misread or the reader would fail."""
    reader = csv.reader(io.StringIO(read_text(path), newline=""))
    header: list[str] | None = None
    rows: list[dict[str, str]] = []
    lines: list[int] = []
    start = 1
    try:
        for record in reader:
            cells = [clean_text(cell).strip() for cell in record]
            if not cells:
                pass  # a blank line
            elif header is None:
                header = cells
            elif any(cells[len(header):]):  # (empty trailing fields are harmless)
                raise DeckError.at(SourcePos(str(path), start, 1), (
                    f"row has {len(cells)} fields but the header names {len(header)} columns; "
                    "quote fields that contain commas, or name every column in the header"))
            else:
                padded = cells + [""] * (len(header) - len(cells))
                rows.append({name: cell for name, cell in zip(header, padded) if name})
                lines.append(start)
            start = reader.line_num + 1
    except csv.Error as exc:
        raise DeckError.at(SourcePos(str(path), start, 1), _csv_problem(exc)) from None
    return [name for name in header or [] if name], rows, lines


def _csv_problem(error: csv.Error) -> str:
    if "field larger than field limit" in str(error):
        return (f"a field starting on this line is longer than {csv.field_size_limit():,} "
                "characters; close the quote opened here, or shorten the field")
    return f"not valid CSV ({error}); fix this line"


def read_csv(path: Path) -> list[dict[str, Any]]:
    """Rows of a UTF-8 CSV file as mappings; numeric-looking cells become numbers."""
    return [{name: parse_number(cell) for name, cell in row.items()}
            for row in read_table(path)[1]]


def load_data(tree: SourceTree, policy: PathPolicy) -> dict[str, Any]:
    """Build the templating context from the deck's ``data:`` mapping."""
    raw = tree.data.get("data") if isinstance(tree.data, dict) else None
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise DeckError.at(tree.pos(("data",)), "'data' must be a mapping of names to values")
    problems = ProblemCollector()
    context: dict[str, Any] = {}
    for name, value in raw.items():
        pos = tree.pos(("data", name))
        if not name.isidentifier():
            problems.add(tree.pos(("data", name), prefer_key=True),
                         f"data name '{name}' must be a valid identifier (letters, digits, _)")
            continue
        try:
            context[name] = _resolve_value(value, pos, policy)
        except DeckError as exc:
            problems.extend(exc.problems)
    problems.raise_if_any()
    return context


def _resolve_value(value: Any, pos: SourcePos, policy: PathPolicy) -> Any:
    """A ``{file: path}`` mapping or a bare ``*.csv``/``*.yaml`` string loads that file."""
    reference = None
    if isinstance(value, dict) and set(value) == {"file"}:
        reference = value["file"]
    elif isinstance(value, str) and value.lower().endswith(DATA_SUFFIXES):
        reference = value
    if reference is None:
        return value
    path = policy.resolve(reference, pos, "data file")
    if path.suffix.lower() == ".csv":
        return read_csv(path)
    if path.suffix.lower() in (".yaml", ".yml"):
        return load_yaml(path).data
    raise DeckError.at(pos, f"data file '{reference}' must be .csv, .yaml or .yml")
