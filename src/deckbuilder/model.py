"""The typed deck model: what a valid deck is, independent of how it is laid out.

Slides are a union discriminated by ``kind``. Validation errors are mapped back to YAML
positions through the :class:`~deckbuilder.load.SourceTree` paths the checks report.
"""

from __future__ import annotations

import datetime as dt
import typing
from typing import Annotated, Any, Literal, Mapping, Union

from .charts.spec import ChartSpec, known_number_format
from .errors import DeckError, ProblemCollector, did_you_mean
from .load import SourceTree
from .locales import (DEFAULT_LANGUAGE, LANGUAGE_TAG, known_language, label_names, labels_for,
                      placeholders)
from .validation import (ConfigDict, Discriminator, Field, Model, Tag, ValidationError,
                         field_validator, model_validator)
from .xmltext import clean_value


MAX_TEXT_CHARS = 20_000  # far more than any slide holds; bounds text measuring (and notes)
MAX_TABLE_ROWS = 1_000   # a table split over slides (overflow: continue); bounds measuring


class _Strict(Model):
    model_config = ConfigDict(extra="forbid", coerce_numbers_to_str=True, frozen=True,
                              str_max_length=MAX_TEXT_CHARS)


Text = Annotated[str, Field(min_length=1)]
ListStart = Annotated[int, Field(ge=1, le=32767)]  # OOXML's startAt range


def _date_to_text(value: Any) -> Any:
    return value.isoformat() if isinstance(value, (dt.date, dt.datetime)) else value


# ----- list items ---------------------------------------------------------------------------

class BulletItem(_Strict):
    """A bullet with optional sub-bullets."""

    text: Text
    items: list["Item"] = Field(default_factory=list)


class QuoteItem(_Strict):
    """A quotation set inside a list, with who said it."""

    quote: Text
    by: str | None = None


class ParagraphItem(_Strict):
    """Running text without a bullet (an introduction or lead-in)."""

    paragraph: Text


def _item_tag(value: Any) -> str | None:
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return "text"
    if isinstance(value, (BulletItem, QuoteItem, ParagraphItem)):
        return {BulletItem: "bullet", QuoteItem: "quote", ParagraphItem: "paragraph"}[type(value)]
    if isinstance(value, dict):
        for key, tag in (("text", "bullet"), ("quote", "quote"), ("paragraph", "paragraph")):
            if key in value:
                return tag
    return None


Item = Annotated[
    Union[
        Annotated[Text, Tag("text")],
        Annotated[BulletItem, Tag("bullet")],
        Annotated[QuoteItem, Tag("quote")],
        Annotated[ParagraphItem, Tag("paragraph")],
    ],
    Discriminator(
        _item_tag,
        custom_error_type="invalid_item",
        custom_error_message=(
            "a list item is text, or a mapping with 'text' (and optional 'items'), "
            "'quote' (and optional 'by') or 'paragraph'"
        ),
    ),
]


class Stat(_Strict):
    """A big number with a short label; ``lead`` is optional text above the number."""

    value: Text
    label: Text
    lead: str | None = None


class Panel(_Strict):
    """One side of a comparison: a heading with bullets and/or big numbers."""

    heading: str | None = None
    items: list[Item] = Field(default_factory=list)
    numbered: bool = False
    stats: list[Stat] = Field(default_factory=list, max_length=4)


class Event(_Strict):
    date: Text
    text: Text

    _date = field_validator("date", mode="before")(_date_to_text)


# ----- slides -------------------------------------------------------------------------------

class LayoutRef(_Strict):
    """A template layout named with its slide master, for templates whose masters repeat
    layout names (``deckbuilder template inspect`` numbers the masters)."""

    layout: Text
    master: int = Field(ge=1, description="the slide master's number, from 1")


class SlideBase(_Strict):
    """Fields every slide kind accepts."""

    id: str | None = None
    title: Text
    notes: str | None = None
    source: str | None = None
    layout: Text | LayoutRef | None = Field(None, description=(
        "the template layout this slide is built on, by name (or {layout, master}), over "
        "the one 'layouts:' maps its kind to"))


# The deck fields a cover shows where its slide does not say, in order of preference.
COVER_FALLBACKS = {"title": ("title",), "subtitle": ("subtitle",),
                   "presenter": ("presenter", "author"), "date": ("date",)}


class TitleSlide(SlideBase):
    kind: Literal["title"]
    title: str | None = None  # defaults to the deck title
    subtitle: str | None = None
    presenter: str | None = None
    date: str | None = None

    _date = field_validator("date", mode="before")(_date_to_text)

    def shown(self, deck: "Deck", name: str) -> tuple[str | None, str | None]:
        """The cover's text for field ``name`` and the deck field it is inherited from (None:
        the slide's own, or nothing). A subtitle, presenter or date the slide sets to null or
        "" is left off the cover instead of inherited; the title always falls back."""
        own = getattr(self, name)
        if own or (name in self.model_fields_set and name != "title"):
            return own or None, None
        for deck_name in COVER_FALLBACKS[name]:
            if value := getattr(deck, deck_name):
                return value, deck_name
        return None, None


class SectionSlide(SlideBase):
    kind: Literal["section"]
    subtitle: str | None = None


class BulletsSlide(SlideBase):
    kind: Literal["bullets"]
    items: list[Item] = Field(min_length=1)
    numbered: bool = False
    start: ListStart | Literal["continue"] = Field(
        1, description="first number of a numbered list, or 'continue' from the previous one")
    overflow: Literal["fit", "continue"] = Field(
        "fit", description="'continue' moves what does not fit onto a '(cont.)' slide")


class QuoteSlide(SlideBase):
    kind: Literal["quote"]
    quote: list[Text] = Field(min_length=1, description="one string per paragraph")
    attribution: Text
    role: str | None = None
    date: str | None = None

    _date = field_validator("date", mode="before")(_date_to_text)

    @field_validator("quote", mode="before")
    @classmethod
    def _one_paragraph(cls, value: Any) -> Any:
        return [value] if isinstance(value, str) else value


class StatSlide(SlideBase):
    kind: Literal["stat"]
    stats: list[Stat] = Field(min_length=1, max_length=4)
    text: str | None = Field(None, description="an optional sentence under the numbers")


class ComparisonSlide(SlideBase):
    kind: Literal["comparison"]
    left: Panel
    right: Panel


class TilesSlide(SlideBase):
    kind: Literal["tiles"]
    tiles: list[Text] = Field(min_length=2, max_length=12)
    columns: int | None = Field(None, ge=1, le=6)


class TimelineSlide(SlideBase):
    kind: Literal["timeline"]
    events: list[Event] = Field(min_length=1, max_length=8)


Align = Literal["left", "center", "right"]


class TableColumn(_Strict):
    """One column of a table: the data column it shows, its header, its alignment and a
    number format, the same formats charts use."""
    # (formatted by charts/numbers.py, so a table and a chart of the same data agree)

    column: str | None = Field(None, description="the column of 'data' shown; default: the header")
    header: str | None = Field(None, description="the header text; default: the column's name")
    align: Align | None = None
    format: str | None = Field(None, description=(
        "plain, thousands, compact, percent or currency, as for charts; cells that are not "
        "numbers are shown as written; default: every cell as written"))
    decimals: int | None = Field(None, ge=0, le=4, description="digits after the point")
    prefix: str = ""
    suffix: str = ""
    language: str | None = Field(None, pattern=LANGUAGE_TAG, description=(
        "the language its numbers are written in (BCP 47); default: the deck's"))

    _format = field_validator("format")(known_number_format)

    @model_validator(mode="after")
    def _named(self) -> "TableColumn":
        if self.column is None and self.header is None:
            raise ValueError("a column needs 'column' (the data column) or 'header'")
        if self.format is None and (self.decimals is not None or self.prefix or self.suffix):
            raise ValueError("'decimals', 'prefix' and 'suffix' apply to a number 'format'; "
                             "add one, e.g. format: thousands")
        return self

    @property
    def number_format(self) -> str:
        """The chart spelling of ``format``, for :func:`~deckbuilder.charts.numbers.formatter`."""
        return self.format or "plain"


class TableSlide(SlideBase):
    kind: Literal["table"]
    columns: list[TableColumn] | None = Field(None, min_length=1, max_length=8, description=(
        "header texts, or columns of 'data' with headers and formats; default: every "
        "column of 'data'"))
    rows: list[list[str]] | None = Field(None, min_length=1, max_length=MAX_TABLE_ROWS,
                                         description="the cells, row by row")
    data: str | list[dict[str, Any]] | None = Field(None, description=(
        "a CSV file (relative to the deck) or rows from 'data:', instead of 'rows'"))
    align: list[Align] | None = None
    overflow: Literal["fit", "continue"] = Field(
        "fit", description="'continue' splits a long table over '(cont.)' slides")

    @field_validator("columns", mode="before")
    @classmethod
    def _header_shorthand(cls, value: Any) -> Any:
        """``columns: [Year, Exports]``: each text is a header (and, with ``data``, the
        column of that name)."""
        if isinstance(value, list):
            return [{"header": v} if isinstance(v, (str, int, float)) and not isinstance(v, bool)
                    else v for v in value]
        return value


class ImageSlide(SlideBase):
    kind: Literal["image"]
    image: Text
    alt: Text = Field(description="what the picture shows, for screen readers")
    caption: str | None = None
    credit: str | None = None


class ChartSlide(SlideBase):
    kind: Literal["chart"]
    chart: ChartSpec
    subtitle: str | None = Field(None, description="a heading over the chart")
    callout: str | None = Field(None, description="a short message shown beside the chart")
    items: list[Item] = Field(default_factory=list, description="bullets beside the chart")
    note: str | None = Field(None, description="a small note under the chart, e.g. units")


SLIDE_MODELS: dict[str, type[SlideBase]] = {
    typing.get_args(model.field_types()["kind"])[0]: model
    for model in (TitleSlide, SectionSlide, BulletsSlide, QuoteSlide, StatSlide,
                  ComparisonSlide, TilesSlide, TimelineSlide, TableSlide, ImageSlide, ChartSlide)
}
Slide = Union[TitleSlide, SectionSlide, BulletsSlide, QuoteSlide, StatSlide, ComparisonSlide,
              TilesSlide, TimelineSlide, TableSlide, ImageSlide, ChartSlide]


LayoutMapping = dict[str, Union[Text, LayoutRef]]


class LintSettings(_Strict):
    """How ``lint`` (and ``build``) report this deck."""

    ignore: list[str] = Field(default_factory=list, description=(
        "warning rules not to report for this deck, e.g. font-unmeasured (see docs/lint.md); "
        "errors cannot be ignored"))


class EachSpec(_Strict):
    """One deck per item of a list (see docs/format.md, "Decks from data")."""

    model_config = ConfigDict(populate_by_name=True)
    in_: Any = Field(alias="in", description="the list: a name under 'data:' or an expression")
    as_: str = Field(alias="as", description="the name each item has in templates")
    output: Text = Field(description="each deck's file, e.g. 'build/{{ region.name }}.pptx'")


class TranslationSettings(_Strict):
    """What a build in another language (``build --language``) does with a text field its
    strings file leaves out."""

    missing: Literal["source", "error"] = Field("source", description=(
        "'source' shows the deck's own text, with a warning; 'error' stops the build"))


class Deck(_Strict):
    """Deck metadata and slides."""

    title: Text
    subtitle: str | None = None
    author: str | None = None
    presenter: str | None = None
    date: str | None = None
    theme: str = "default"
    template: str | None = Field(None, description="a .pptx/.potx file to build on")
    layouts: LayoutMapping = Field(
        default_factory=dict, description="slide kind -> the template layout it is built on")
    size: Literal["16:9", "4:3"] = "16:9"
    footer: str | None = None
    slide_numbers: bool = True
    language: str = Field(DEFAULT_LANGUAGE, pattern=LANGUAGE_TAG, description=(
        "BCP 47 tag: the language of the text, its numbers and the tool's own labels"))
    translation: TranslationSettings = Field(default_factory=TranslationSettings)
    labels: dict[str, str] = Field(default_factory=dict, description=(
        "the tool's own phrases in the deck's words, e.g. continued: '{title} (continued)'"))
    data: dict[str, Any] = Field(default_factory=dict)
    each: EachSpec | None = Field(None, description="build one deck per item of a list")
    lint: LintSettings = Field(default_factory=LintSettings)
    slides: list[Annotated[Slide, Field(discriminator="kind")]] = Field(min_length=1)

    _date = field_validator("date", mode="before")(_date_to_text)

    @field_validator("language")
    @classmethod
    def _known_language(cls, value: str) -> str:
        if not known_language(value):
            raise ValueError(f"no CLDR locale data for '{value}'; write a language tag such "
                             f"as en-US, es-MX or de-DE")
        return value

    @field_validator("labels")
    @classmethod
    def _known_labels(cls, value: dict[str, str]) -> dict[str, str]:
        names = sorted(label_names())
        for name, text in value.items():
            if name not in names:
                raise ValueError(f"unknown label '{name}'{did_you_mean(name, names)}; "
                                 f"labels are: {', '.join(names)}")
            unknown = placeholders(text) - placeholders(labels_for()[name])
            if unknown:
                raise ValueError(f"label '{name}' names {', '.join(sorted(unknown))}, which "
                                 f"it does not have; it may use: "
                                 f"{', '.join(sorted(placeholders(labels_for()[name]))) or 'none'}")
        return value

    @property
    def phrases(self) -> Mapping[str, str]:
        """The tool's own phrases in the deck's language, with the deck's ``labels:``."""
        return labels_for(self.language, self.labels)

    @model_validator(mode="after")
    def _numbers_in_deck_language(self) -> "Deck":
        """Charts and table columns write numbers in the deck's language unless they name
        their own (their specs travel alone, to chart drawing and the native chart writer)."""
        return self.model_copy(update={"slides": [_in_language(slide, self.language)
                                                  for slide in self.slides]})

    @field_validator("size", mode="before")
    @classmethod
    def _unquoted_ratio(cls, value: Any) -> Any:
        """YAML 1.1 reads an unquoted 16:9 or 4:3 as a base-60 number (969, 243)."""
        if isinstance(value, int) and not isinstance(value, bool):
            raise ValueError(f'write the ratio in quotes, e.g. size: "16:9" (unquoted, YAML '
                             f"reads it as the number {value})")
        return value


def _in_language(slide: SlideBase, language: str) -> SlideBase:
    def spoken(style: Any) -> Any:
        return style if style.language else style.model_copy(update={"language": language})
    if isinstance(slide, ChartSlide):
        return slide.model_copy(update={"chart": spoken(slide.chart)})
    if isinstance(slide, TableSlide) and slide.columns:
        return slide.model_copy(update={"columns": [spoken(c) for c in slide.columns]})
    return slide


# ----- validation with positions ------------------------------------------------------------

def validate_deck(raw: Any, tree: SourceTree) -> Deck:
    """Validate rendered deck data; every problem is reported at its YAML position.

    Text is cleaned of characters XML cannot hold first (``xmltext``): this is where every
    deck string, and every data value a template put into one, enters the build."""
    problems = ProblemCollector()
    if not isinstance(raw, dict):
        raise DeckError.at(tree.pos(()), "a deck is a mapping with 'title' and 'slides'; "
                           "see docs/format.md")
    raw = clean_value(raw)
    slides = raw.get("slides")
    if isinstance(slides, list):
        for index, slide in enumerate(slides):
            _check_kind(slide, ("slides", index), tree, problems)
    try:
        deck = Deck.model_validate(raw)
    except ValidationError as exc:
        alternatives: dict[tuple, list[dict]] = {}
        for error in exc.errors(include_url=False):
            loc = tuple(error["loc"])
            if not _is_kind_error(error, loc):  # kind errors were reported with a suggestion
                alternatives.setdefault(_source_path(loc), []).append(error)
        for path, errors in alternatives.items():
            # one problem per field: a union's members each complain about the same value
            problems.add(tree.pos(path, prefer_key=_is_key_error(errors[0])),
                         _message(errors, path))
        problems.raise_if_any()
        raise AssertionError("validation failed without problems")  # pragma: no cover
    problems.raise_if_any()
    return deck


def _check_kind(slide: Any, path: tuple, tree: SourceTree, problems: ProblemCollector) -> None:
    if not isinstance(slide, dict):
        problems.add(tree.pos(path), "a slide is a mapping with 'kind' and 'title'")
        return
    kind = slide.get("kind")
    if kind is None:
        problems.add(tree.pos(path), f"slide has no 'kind'; use one of: {', '.join(SLIDE_MODELS)}")
    elif not isinstance(kind, str):
        problems.add(tree.pos(path + ("kind",)),
                     f"'kind' must be a name, one of: {', '.join(SLIDE_MODELS)}")
    elif kind not in SLIDE_MODELS:
        problems.add(tree.pos(path + ("kind",)),
                     f"unknown slide kind '{kind}'{did_you_mean(kind, SLIDE_MODELS)}; "
                     f"valid kinds: {', '.join(SLIDE_MODELS)}")


def _is_kind_error(error: dict, loc: tuple) -> bool:
    return len(loc) == 2 and loc[0] == "slides" and error["type"] in (
        "union_tag_invalid", "union_tag_not_found", "model_attributes_type", "model_type")


def _source_path(loc: tuple) -> tuple:
    """The YAML path of an error's location (a mapping key's own errors are the key's)."""
    return loc[:-1] if loc and loc[-1] == "[key]" else loc


def _is_key_error(error: dict) -> bool:
    return error["type"] == "extra_forbidden"


def _message(errors: list[dict], path: tuple) -> str:
    field = next((str(p) for p in reversed(path) if isinstance(p, str)), "value")
    kind = errors[0]["type"]
    if kind == "missing":
        return f"missing required field '{field}'"
    if kind == "extra_forbidden":
        return f"unknown field '{field}'; remove it or check its spelling (see docs/format.md)"
    if kind == "too_short" and path == ("slides",):
        return ("the deck has no slides; add one, or check its 'when:' conditions and the "
                "data its 'repeat:' blocks go over (none of them gave a slide)")
    messages = [e["msg"].removeprefix("Value error, ") for e in errors]
    return f"'{field}': {'; or '.join(dict.fromkeys(messages))}"
