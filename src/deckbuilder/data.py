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


def read_csv(path: Path) -> list[dict[str, Any]]:
    """Rows of a UTF-8 CSV file as mappings; numeric-looking cells become numbers."""
    text = read_text(path)
    reader = csv.DictReader(io.StringIO(text))
    rows = []
    for row in reader:
        rows.append({k.strip(): parse_number(v) if v is not None else "" for k, v in row.items() if k})
    return rows


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
