"""Chart building blocks without drawing: number formats, axis geometry, data checks, alt
text, emphasis rules and cache keys."""

from __future__ import annotations

from pathlib import Path

import pytest

from deckbuilder.charts import emphasis as choose
from deckbuilder.charts.alt import describe
from deckbuilder.charts.cache import PNG_END, ChartCache
from deckbuilder.charts.data import ChartData, load_chart_data
from deckbuilder.charts.geometry import nice_ticks, runs, slots, years
from deckbuilder.charts.job import make_job
from deckbuilder.charts.numbers import excel_format, formatter, short, tick_formatter, trim
from deckbuilder.charts.spec import ChartSpec
from deckbuilder.charts.style import MIN_TICK_PT, chart_style
from deckbuilder.errors import DeckError, SourcePos
from deckbuilder.ir import ChartBox, Rect
from deckbuilder.paths import PathPolicy
from deckbuilder.theme import available_themes, load_theme

POS = SourcePos("deck.yaml", 7, 5)


def spec(**fields) -> ChartSpec:
    base = {"type": "column", "data": [{"year": "2016", "v": 1}], "x": "year", "series": ["v"]}
    return ChartSpec.model_validate({**base, **fields})


def load(rows: list[dict], tmp_path: Path, **fields) -> ChartData:
    policy = PathPolicy.for_deck(tmp_path / "deck.yaml")
    return load_chart_data(spec(data=rows, **fields), policy, POS)


# ----- number formats -------------------------------------------------------------------------

@pytest.mark.parametrize("fields, value, text", [
    ({"number_format": "plain"}, 2300, "2300"),
    ({"number_format": "thousands"}, 2300, "2,300"),
    ({"number_format": "thousands", "decimals": 1}, 4.25, "4.3"),  # halves round up
    ({"number_format": "plain", "decimals": 1}, 1234.25, "1234.3"),
    ({"number_format": "compact"}, 1_643_679, "1.6M"),
    ({"number_format": "compact"}, 858_638, "859K"),
    ({"number_format": "percent"}, 0.307, "31%"),
    ({"number_format": "currency"}, 2.6e9, "$2,600,000,000"),
    ({"number_format": "plain", "prefix": "$", "suffix": "bn"}, -5, "-$5bn"),
    ({"number_format": "plain", "suffix": "%"}, 64, "64%"),
    ({"number_format": "thousands"}, -0.0, "0"),
])
def test_formatter(fields, value, text):
    assert formatter(spec(**fields))(value) == text


def test_compact_spelled_out_for_prose():
    assert formatter(spec(number_format="compact"), words=True)(1_643_679) == "1.6 million"


def test_ticks_are_exact_and_unpadded():
    fmt = tick_formatter(spec(number_format="compact"))
    assert [fmt(v) for v in (0, 500_000, 1_500_000, 1_250_000)] == ["0", "500K", "1.5M", "1.25M"]
    assert tick_formatter(spec(number_format="plain", decimals=1))(6.0) == "6"
    assert trim("25.000%") == "25%" and trim("$1,000.50") == "$1,000.5" and trim("2,000") == "2,000"
    assert short(950, 1) == "950.0"


@pytest.mark.parametrize("fields, values, code", [
    ({"number_format": "plain", "prefix": "$"}, [1], '"$"0'),
    ({"number_format": "thousands", "decimals": 1}, [1], "#,##0.0"),
    ({"number_format": "percent"}, [0.3], "0%"),
    ({"number_format": "compact"}, [1_600_000, None], '[>=1000000]#,##0.0,,"M";#,##0'),
    ({"number_format": "currency"}, [5], '"$"#,##0'),
])
def test_excel_format(fields, values, code):
    assert excel_format(spec(**fields), values) == code


# ----- axis geometry --------------------------------------------------------------------------

def test_years_skipped_on_a_bar_axis_get_a_gap_and_a_break_mark():
    positions, breaks = slots(["1995", "1996", "2006"])
    assert positions[1] - positions[0] == 1 and positions[2] - positions[1] > 1
    assert breaks == [pytest.approx((positions[1] + positions[2]) / 2)]
    assert slots(["1995-2000", "2005-2010"]) == ([0.0, 1.0], [])


def test_lines_break_at_gaps_and_missing_years():
    x = ["2003", "2005", "2006", "2007", "2011"]
    assert runs(x, [74, 74, 64, None, 45]) == [[0], [1, 2], [4]]
    assert runs(["a", "b", "c"], [1, 2, 3]) == [[0, 1, 2]]
    assert years(["2001", "2000"]) is None and years(["FY17"]) is None


@pytest.mark.parametrize("low, high, expected", [
    (0, 7.9, [0, 2, 4, 6]),
    (0, 100, [0, 25, 50, 75, 100]),
    (0, 1.9e6, [0, 5e5, 1e6, 1.5e6]),
    (-300, 2600, [0, 500, 1000, 1500, 2000, 2500]),
])
def test_nice_ticks(low, high, expected):
    assert nice_ticks(low, high) == expected


# ----- data -----------------------------------------------------------------------------------

def test_sort_orders_rows_with_gaps_last(tmp_path):
    rows = [{"year": "a", "v": 2}, {"year": "b", "v": None}, {"year": "c", "v": 5}]
    data = load(rows, tmp_path, sort="descending")
    assert data.x == ["c", "a", "b"] and data.values["v"] == [5, 2, None]


@pytest.mark.parametrize("fields, rows, message", [
    ({"highlight": ["2019"]}, [{"year": "2016", "v": 1}], "highlight '2019' is not a value of 'year'"),
    ({"type": "pie"}, [{"year": "a", "v": -1}], "negative values"),
    ({"type": "scatter"}, [{"year": "x", "v": 1}], "row 1, column 'year': 'x' is not a number"),
    ({}, [{"year": "2016", "v": "many"}], "the inline data row 1, column 'v': 'many' is not a number"),
    ({}, [{"year": "2016", "v": None}], "no numeric values to plot"),
])
def test_bad_data_is_reported_at_the_chart(tmp_path, fields, rows, message):
    with pytest.raises(DeckError) as raised:
        load(rows, tmp_path, **fields)
    assert raised.value.problems[0].pos == POS
    assert message in raised.value.problems[0].message


def test_every_bad_cell_is_reported_at_once(tmp_path):
    (tmp_path / "d.csv").write_text("year,v\n2015,x\n2016,1\n2017,y\n")
    policy = PathPolicy.for_deck(tmp_path / "deck.yaml")
    with pytest.raises(DeckError) as raised:
        load_chart_data(spec(data="d.csv"), policy, POS)
    assert [p.message.split(":")[0] for p in raised.value.problems] == [
        "'d.csv' row 2, column 'v'", "'d.csv' row 4, column 'v'"]


def test_labels_come_from_the_spec_then_the_meta_file(tmp_path):
    (tmp_path / "d.csv").write_text("year,a,b\n2016,1,2\n")
    (tmp_path / "d.meta.yaml").write_text("series: {a: {label: From meta}}\nsource_line: S\n")
    policy = PathPolicy.for_deck(tmp_path / "deck.yaml")
    data = load_chart_data(spec(data="d.csv", series=["a", {"column": "b", "label": "Mine"}]),
                           policy, POS)
    assert data.labels == {"a": "From meta", "b": "Mine"} and data.source_line == "S"


def test_unknown_type_suggests_the_nearest():
    with pytest.raises(ValueError, match="did you mean 'donut'"):
        spec(type="donught")


# ----- alt text and emphasis ------------------------------------------------------------------

def test_alt_text_covers_range_extremes_latest_and_gaps(tmp_path):
    rows = [{"year": "2014", "v": 5.8}, {"year": "2016", "v": None}, {"year": "2017", "v": 4.9}]
    data = load(rows, tmp_path, number_format="plain", decimals=1, unit="Millions")
    assert data.alt == ("Column chart of v (Millions), year 2014 to 2017. Minimum 4.9 (2017), "
                        "maximum 5.8 (2014), latest 4.9 (2017), no value for 2016. "
                        "No data for 2015. Values: 2014: 5.8; 2016: no value; 2017: 4.9.")
    assert load(rows, tmp_path, alt="Mine").alt == "Mine"


def test_alt_text_of_categories_names_them_without_a_latest(tmp_path):
    rows = [{"year": "Heroin", "v": 15469}, {"year": "Cocaine", "v": 10375}]
    alt = describe(spec(type="bar", data=rows), load(rows, tmp_path, type="bar"))
    assert "2 categories: Heroin and Cocaine" in alt and "latest" not in alt


def test_latest_value_is_emphasised_when_labelled_last(tmp_path):
    rows = [{"year": "2016", "v": 1}, {"year": "2017", "v": 2}, {"year": "2018", "v": None}]
    chart = spec(data=rows, value_labels="last")
    data = load(rows, tmp_path, value_labels="last")
    assert choose.emphasis(chart, data, "v") == {1}
    assert choose.labelled(chart, data, "v") == {1: 3}


@pytest.mark.parametrize("fields, mode", [
    ({}, "none"), ({"type": "line", "series": ["v", "w"]}, "direct"),
    ({"type": "grouped_column", "series": ["v", "w"]}, "top"), ({"type": "pie"}, "direct"),
    ({"legend": "bottom"}, "bottom"),
])
def test_legend_auto(fields, mode):
    assert choose.legend_mode(spec(**fields)) == mode


def test_direct_labels_are_refused_where_they_cannot_work():
    with pytest.raises(ValueError, match="legend: direct"):
        spec(type="grouped_column", legend="direct")


# ----- style and cache keys -------------------------------------------------------------------

@pytest.mark.parametrize("name", sorted(available_themes()))
def test_every_theme_gives_readable_ticks_and_keeps_the_accent_for_emphasis(name):
    style = chart_style(load_theme(name, None, POS))
    assert style.tick_pt >= MIN_TICK_PT and style.label_pt >= style.tick_pt
    assert style.accent not in style.series


def test_cache_key_follows_what_changes_the_picture(tmp_path):
    theme = load_theme("default", None, POS)
    rows = [{"year": "2016", "v": 1}]
    data = load(rows, tmp_path)

    def key(chart=spec(data=rows), chart_data=data, rect=Rect(0, 0, 100, 50), th=theme):
        return make_job(ChartBox(rect, chart, chart_data, alt=""), th).key

    base = key()
    assert key(chart=spec(data=rows, alt="other", source="other")) == base
    assert key(chart=spec(data=rows, value_labels="all")) != base
    assert key(chart_data=load([{"year": "2016", "v": 2}], tmp_path)) != base
    assert key(rect=Rect(0, 0, 100, 51)) != base
    assert key(th=load_theme("dark", None, POS)) != base


def test_cache_roundtrip_ignores_damaged_files(tmp_path, monkeypatch):
    monkeypatch.setenv("DECKBUILDER_CACHE_DIR", str(tmp_path / "elsewhere"))
    cache = ChartCache.for_project(tmp_path)
    assert cache.folder == tmp_path / "elsewhere" / "charts"
    png = b"\x89PNG\r\n\x1a\n" + b"pixels" + PNG_END  # (only whole PNGs are taken back)
    cache.put("ab12", png)
    assert cache.get("ab12") == png and cache.get("cd34") is None
    cache.path("ab12").write_bytes(b"half a fi")
    assert cache.get("ab12") is None
    monkeypatch.delenv("DECKBUILDER_CACHE_DIR")
    assert ChartCache.for_project(tmp_path).folder == tmp_path / ".deckbuilder-cache" / "charts"
