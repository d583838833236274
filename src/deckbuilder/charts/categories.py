"""A chart's categories under the labels its spec gives them (``categories:``), so a deck in
another language shows its data's own rows in its words: tick labels, value labels, the alt
text, the notes table and a native chart's categories all read ``ChartData.x``, which holds
the labels, while ``ChartData.written`` remembers the values the data writes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..errors import DeckError, SourcePos, did_you_mean
from .spec import ChartSpec

if TYPE_CHECKING:  # pragma: no cover
    from .data import ChartData


def label_categories(spec: ChartSpec, data: ChartData, pos: SourcePos) -> None:
    """Show each category the spec names under its label; a name the data lacks is an error
    (a label for a row that is not there translates nothing)."""
    unknown = [value for value in spec.categories if value not in data.x]
    if unknown:
        raise DeckError.at(pos, f"categories: '{unknown[0]}' is not a value of '{spec.x}'"
                                f"{did_you_mean(unknown[0], data.x)}; key each label by a "
                                f"value of the data: {', '.join(data.x)}")
    data.written = {spec.categories[x]: x for x in data.x if x in spec.categories}
    data.x = [spec.categories.get(x, x) for x in data.x]


def as_written(data: ChartData) -> list[str]:
    """The categories as the data writes them, in plotting order."""
    return [data.written.get(x, x) for x in data.x]
