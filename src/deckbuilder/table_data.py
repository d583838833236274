"""A table slide's cells: written out under ``rows:``, or read from ``data:`` (a CSV file or
rows from the deck's ``data:``) through its chosen columns, headers and number formats.

Resolved with the other assets, before layout, so that layout stays pure and every problem
(a missing column, a CSV that is not there, too many rows) is reported at its YAML line.
Numbers are formatted by ``charts/numbers.py``, the one number format of the build.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Callable

from .charts.numbers import formatter
from .data import parse_number, read_table
from .errors import DeckError, ProblemCollector, did_you_mean
from .load import SourceTree
from .model import MAX_TABLE_ROWS, Align, TableColumn, TableSlide
from .paths import PathPolicy

MAX_ROWS_ON_ONE_SLIDE = 20  # without overflow: continue


@dataclass(frozen=True)
class TableCells:
    """What a table shows, as text: the header row, the body rows and each column's
    alignment. Rows written under ``rows:`` keep their length (layout reports extra cells)."""

    header: list[str]
    rows: list[list[str]]
    align: list[Align]


@dataclass(frozen=True)
class _Source:
    columns: list[str]          # the data's column names, in order
    rows: list[dict[str, Any]]
    where: str                  # how messages name the data


def table_cells(slide: TableSlide, policy: PathPolicy, tree: SourceTree,
                index: int) -> TableCells:
    """The slide's cells; one :class:`DeckError` lists every problem found."""
    def pos(*path: str | int) -> Any:
        return tree.pos(("slides", index) + path)

    if slide.rows is not None and slide.data is not None:
        raise DeckError.at(pos("data"), "a table takes its cells from 'rows' or from 'data', "
                                        "not both; remove one")
    if slide.rows is None and slide.data is None:
        raise DeckError.at(pos(), "a table needs 'rows' (its cells written out) or 'data' "
                                  "(a CSV file, or rows from the deck's 'data:')")
    if slide.data is None:
        cells = _written(slide, pos)
        field = "rows"
    else:
        cells = _from_data(slide, _source(slide.data, policy, pos("data")), pos)
        field = "data"
    _check_row_count(len(cells.rows), slide, pos(field))
    return cells


def _written(slide: TableSlide, pos: Callable[..., Any]) -> TableCells:
    """A ``rows:`` table: headers from ``columns``, cells formatted where a column says."""
    if slide.columns is None:
        raise DeckError.at(pos(), "a table with 'rows' needs 'columns' (the header texts)")
    problems = ProblemCollector()
    for number, column in enumerate(slide.columns):
        if column.column is not None:
            problems.add(pos("columns", number, "column"),
                         "'column' picks a column of 'data'; this table writes its cells "
                         "under 'rows': use 'header' for the header text")
    problems.raise_if_any()
    columns = slide.columns
    rows = [[_formatted(cell, columns[i]) if i < len(columns) else cell
             for i, cell in enumerate(row)] for row in slide.rows or []]
    return TableCells([str(c.header) for c in columns], rows, _alignment(slide, columns))


def _source(data: str | list[dict[str, Any]], policy: PathPolicy, pos: Any) -> _Source:
    if isinstance(data, str):
        if not data.lower().endswith(".csv"):
            raise DeckError.at(pos, f"table data '{data}' must be a .csv file, or rows "
                                    "from the deck's 'data:' written \"{{ name }}\"")
        path = policy.resolve(data, pos, "table data file")
        columns, rows = read_table(path)
        return _Source(columns, rows, f"'{data}'")
    problems = ProblemCollector()
    for number, row in enumerate(data, start=1):
        for name, value in row.items():
            if isinstance(value, (list, dict)):
                problems.add(pos, f"row {number} of the table data: '{name}' holds a "
                                  f"{'list' if isinstance(value, list) else 'mapping'}; a cell "
                                  "is text or a number")
    problems.raise_if_any()
    columns = list(dict.fromkeys(str(name) for row in data for name in row))
    return _Source(columns, [{str(k): v for k, v in row.items()} for row in data],
                   "the table data")


def _from_data(slide: TableSlide, source: _Source, pos: Callable[..., Any]) -> TableCells:
    """Chosen columns (all of them by default) of every data row, formatted as asked."""
    columns = slide.columns or [TableColumn(column=name) for name in source.columns]
    problems = ProblemCollector()
    for number, column in enumerate(columns):
        name = _name(column)
        if name not in source.columns:
            problems.add(pos("columns", number, "column"),
                         f"column '{name}' is not in {source.where}"
                         f"{did_you_mean(name, source.columns)}; its columns: "
                         f"{', '.join(source.columns) or 'none'}")
    problems.raise_if_any()
    if not source.rows:
        raise DeckError.at(pos("data"), f"table data {source.where} has no rows; add rows or "
                                        "remove the slide")
    rows = [[_formatted(_text(row.get(_name(column))), column) for column in columns]
            for row in source.rows]
    header = [str(column.header if column.header is not None else column.column)
              for column in columns]
    return TableCells(header, rows, _alignment(slide, columns))


def _name(column: TableColumn) -> str:
    """The data column a table column shows: ``column``, else its header."""
    return str(column.column if column.column is not None else column.header)


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _formatted(cell: str, column: TableColumn) -> str:
    """A cell in its column's number format; text (and a column without one) as written."""
    if column.format is None:
        return cell
    number = parse_number(cell)
    if isinstance(number, str) or not math.isfinite(number):
        return cell
    return formatter(column)(float(number))


def _alignment(slide: TableSlide, columns: list[TableColumn]) -> list[Align]:
    """Each column's ``align``, else the slide's ``align`` list, else the first column left
    and the others right (numbers line up on their last digit)."""
    listed = list(slide.align or [])
    return [column.align or (listed[i] if i < len(listed) else "left" if i == 0 else "right")
            for i, column in enumerate(columns)]


def _check_row_count(count: int, slide: TableSlide, pos: Any) -> None:
    if count > MAX_TABLE_ROWS:
        raise DeckError.at(pos, f"the table has {count:,} rows, over the limit of "
                                f"{MAX_TABLE_ROWS:,} for a table split over slides; summarise "
                                "the data, or split it into several tables")
    if slide.overflow == "fit" and count > MAX_ROWS_ON_ONE_SLIDE:
        raise DeckError.at(pos, f"the table has {count:,} rows, more than the "
                                f"{MAX_ROWS_ON_ONE_SLIDE} one slide holds; set 'overflow: "
                                "continue' to split it over slides, or shorten it")
