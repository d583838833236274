"""The chart spec a deck writes under a ``chart`` slide's ``chart:`` key."""

from __future__ import annotations

from typing import Any, Literal

from ..locales import LANGUAGE_TAG
from ..validation import (ConfigDict, Field, FiniteFloat, Model, field_validator,
                          model_validator)

CHART_TYPES = (
    "column", "bar", "grouped_column", "stacked_column", "line", "area", "pie", "donut", "scatter",
)
NATIVE_TYPES = ("column", "bar", "grouped_column", "stacked_column", "line", "pie", "donut")
DIRECT_LABEL_TYPES = ("line", "area", "stacked_column", "pie", "donut", "scatter")
NUMBER_FORMATS = ("plain", "thousands", "compact", "percent", "currency")


def known_number_format(value: str | None) -> str | None:
    """A number format name (a chart's ``number_format``, a table column's ``format``)."""
    if value is not None and value not in NUMBER_FORMATS:
        from ..errors import did_you_mean

        raise ValueError(f"unknown number format '{value}'{did_you_mean(value, NUMBER_FORMATS)}; "
                         f"use one of: {', '.join(NUMBER_FORMATS)}")
    return value


class _Strict(Model):
    model_config = ConfigDict(extra="forbid", coerce_numbers_to_str=True)


class SeriesSpec(_Strict):
    """One plotted column of the data."""

    column: str
    label: str | None = None


class Highlight(_Strict):
    """A point or bar to draw in the accent colour, optionally with a short annotation."""

    x: str
    series: str | None = None
    note: str | None = None


class ChartSpec(_Strict):
    """What to plot and how; every visual default comes from the theme."""

    type: str
    data: str | list[dict[str, Any]] = Field(
        description="CSV file (relative to the deck) or inline rows")
    x: str
    series: list[SeriesSpec] = Field(min_length=1)
    title: str | None = Field(None, description="the chart's own title; omitted by default")
    number_format: str = Field("thousands", description=(
        "plain (2300), thousands (2,300), compact (1.6M), percent (values are fractions: "
        "0.74 -> 74%) or currency ($2,300)"))
    decimals: int | None = Field(
        None, ge=0, le=4, description="digits after the point; default 1 for compact, else 0")
    prefix: str = Field("", description="text before each number, e.g. '$'")
    suffix: str = Field("", description="text after each number, e.g. '%'")
    unit: str | None = Field(None, description="value-axis label, e.g. 'Billions of USD'")
    x_label: str | None = None
    x_name: str | None = Field(None, description=(
        "what the categories are, in words, for the alt text, the notes table and a native "
        "chart's data sheet (e.g. 'year'); default: the x column's name"))
    categories: dict[str, str] = Field(default_factory=dict, description=(
        "labels shown for the data's categories, keyed by the value the data writes "
        "(e.g. Heroin: Heroína); a category not named shows its value"))
    y_min: FiniteFloat | None = Field(None, ge=-1e15, le=1e15)
    y_max: FiniteFloat | None = Field(None, ge=-1e15, le=1e15)
    value_labels: Literal["none", "all", "last", "max"] = "none"
    highlight: list[Highlight] = Field(default_factory=list)
    legend: Literal["auto", "none", "top", "bottom", "right", "direct"] = "auto"
    sort: Literal["none", "ascending", "descending"] = "none"
    render: Literal["image", "native"] = "image"
    alt: str | None = Field(None, description="alt text; generated from the data when omitted")
    source: str | None = Field(None, description="source line; derived from the data's provenance when omitted")
    language: str | None = Field(None, pattern=LANGUAGE_TAG, description=(
        "the language its numbers are written in (BCP 47); default: the deck's"))

    @field_validator("series", mode="before")
    @classmethod
    def _series_shorthand(cls, value: Any) -> Any:
        """Allow ``series: [exports, imports]`` or a single column name."""
        if isinstance(value, str):
            value = [value]
        if isinstance(value, list):
            return [{"column": v} if isinstance(v, str) else v for v in value]
        return value

    @field_validator("highlight", mode="before")
    @classmethod
    def _highlight_shorthand(cls, value: Any) -> Any:
        if isinstance(value, (str, int, float)):
            value = [value]
        if isinstance(value, list):
            return [{"x": str(v)} if isinstance(v, (str, int, float)) else v for v in value]
        return value

    @field_validator("type")
    @classmethod
    def _known_type(cls, value: str) -> str:
        if value not in CHART_TYPES:
            from ..errors import did_you_mean

            raise ValueError(
                f"unknown chart type '{value}'{did_you_mean(value, CHART_TYPES)}; "
                f"use one of: {', '.join(CHART_TYPES)}")
        return value

    _known_format = field_validator("number_format")(known_number_format)

    @model_validator(mode="after")
    def _consistent(self) -> "ChartSpec":
        if self.render == "native" and self.type not in NATIVE_TYPES:
            raise ValueError(f"render: native supports {', '.join(NATIVE_TYPES)}, not '{self.type}'")
        columns = [s.column for s in self.series]
        if len(set(columns)) != len(columns):
            raise ValueError("each data column may be plotted once; remove the repeated series")
        if self.type in ("pie", "donut") and len(self.series) != 1:
            raise ValueError(f"a {self.type} chart plots exactly one series")
        if self.y_min is not None and self.y_max is not None and self.y_min >= self.y_max:
            raise ValueError("y_min must be below y_max")
        if self.legend == "direct" and self.type not in DIRECT_LABEL_TYPES:
            raise ValueError(f"legend: direct labels series on {', '.join(DIRECT_LABEL_TYPES)} "
                             f"charts; use top, bottom or right for a {self.type} chart")
        return self

    @model_validator(mode="after")
    def _highlights_shown(self) -> "ChartSpec":
        """A highlight names a category as the data writes it; it is drawn and read out
        under the category's label, as every other use of the category is."""
        self.highlight = [h.model_copy(update={"x": self.categories.get(h.x, h.x)})
                          for h in self.highlight]
        return self

    def category_name(self) -> str:
        """What the categories are, in a sentence: 'fiscal year' (alt text)."""
        return self.x_name or self.x.replace("_", " ")

    def category_heading(self) -> str:
        """What the categories are, heading a table column (notes table, native sheet)."""
        return self.x_name or self.x_label or self.x

    def cache_json(self) -> str:
        """The spec as canonical JSON, without the fields that never change the picture."""
        return self.model_dump_json(exclude={"alt", "source", "x_name"})
