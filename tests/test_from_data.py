"""Slides and decks generated from data: ``repeat:``, ``when:``, ``each:``, ``--jobs`` and the
Python API. Every test builds real files through the CLI or the API and reads them back."""

from __future__ import annotations

import json
import pickle
import shutil
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

import deckbuilder
from deckbuilder import freshness
from deckbuilder.cli import main
from helpers import REPO, norm

REGIONS_CSV = "name,share,lead\nNorth,12.5,Ana\nSouth,8,Ben\nEast,20,Cy\n"

REPEAT_DECK = """\
title: Regions
data:
  regions: regions.csv
  topics: [Trade, Energy, Water]
slides:
  - kind: title
  - repeat: {for: region, in: regions}
    slides:
      - kind: bullets
        title: "{{ region.name }} ({{ loop.index }} of {{ loop.length }})"
        items: ["Share {{ region.share }}%", "Lead: {{ region.lead }}"]
      - kind: section
        title: "{{ region.name }} leads"
        when: "{{ region.share > 10 }}"
  - repeat: {for: topic, in: "{{ topics[1:] }}"}
    when: true
    slides:
      - {kind: section, title: "Topic {{ topic }}"}
  - kind: section
    title: Never shown
    when: false
"""

EACH_DECK = """\
title: "{{ region.name }} briefing"
data:
  regions: regions.csv
each: {in: regions, as: region, output: "out/{{ region.name | lower }}.pptx"}
slides:
  - kind: title
  - kind: bullets
    title: "{{ region.name }} in numbers"
    items: ["Share {{ region.share }}%", "Lead: {{ region.lead }}"]
  - kind: chart
    title: Shares by region
    source: Test data
    chart:
      type: column
      data: regions.csv
      x: name
      series: share
"""


def project(folder: Path, deck: str, name: str = "deck.yaml") -> Path:
    """A project folder holding ``deck`` and the regions CSV."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "deckbuilder.toml").write_text("")
    (folder / "regions.csv").write_text(REGIONS_CSV)
    (folder / name).write_text(deck)
    return folder / name


def titles(pptx: Path) -> list[str]:
    return [norm(slide.shapes.title.text) for slide in Presentation(str(pptx)).slides]


def slide_text(pptx: Path) -> str:
    return " | ".join(norm(shape.text_frame.text) for slide in Presentation(str(pptx)).slides
                      for shape in slide.shapes if shape.has_text_frame)


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


# ----- slides from data -------------------------------------------------------------------

def test_repeat_writes_slides_per_row_and_item_in_order_with_conditions(tmp_path, capsys):
    deck = project(tmp_path, REPEAT_DECK)
    out = tmp_path / "deck.pptx"
    code, _, err = run(capsys, "build", str(deck), "-o", str(out))
    assert code == 0, err
    assert titles(out) == ["Regions", "North (1 of 3)", "North leads", "South (2 of 3)",
                           "East (3 of 3)", "East leads", "Topic Energy", "Topic Water"]
    text = slide_text(out)
    assert "Share 12.5%" in text and "Lead: Ben" in text and "Never shown" not in text


def test_a_new_row_in_the_data_becomes_a_new_slide(tmp_path, capsys):
    deck = project(tmp_path, REPEAT_DECK)
    (tmp_path / "regions.csv").write_text(REGIONS_CSV + "West,3,Di\n")
    out = tmp_path / "deck.pptx"
    assert run(capsys, "build", str(deck), "-o", str(out))[0] == 0
    assert titles(out)[-3] == "West (4 of 4)"


@pytest.mark.parametrize("data", ["name,share,lead\n", "name,share,lead\nSouth,8,Ben\n"])
def test_a_deck_left_with_no_slides_says_why_at_its_slides(tmp_path, capsys, data):
    """Every slide left out (no rows to repeat over, a false condition) is an error that
    says what to check, at the deck's slides, and writes nothing."""
    deck = project(tmp_path, "title: Regions\ndata:\n  regions: regions.csv\nslides:\n"
                             "  - repeat: {for: region, in: regions}\n    slides:\n"
                             "      - {kind: section, title: Hi, when: \"{{ region.share > 10 }}\"}\n")
    (tmp_path / "regions.csv").write_text(data)
    code, _, err = run(capsys, "build", str(deck), "-o", str(tmp_path / "out.pptx"))
    assert code == 1 and "Traceback" not in err
    assert f"{deck}:5:3: error: the deck has no slides;" in err
    assert "'when:' conditions" in err and "'repeat:'" in err
    assert not (tmp_path / "out.pptx").exists()


def test_repeats_nest_and_read_a_yaml_file(tmp_path, capsys):
    (tmp_path / "plan.yaml").write_text("- {name: Q1, goals: [Hire, Ship]}\n"
                                        "- {name: Q2, goals: [Sell]}\n")
    deck = project(tmp_path, """\
title: Plan
data: {quarters: plan.yaml}
slides:
  - repeat: {for: q, in: quarters}
    slides:
      - {kind: section, title: "{{ q.name }}"}
      - repeat: {for: goal, in: q.goals}
        slides:
          - {kind: bullets, title: "{{ q.name }}: {{ goal }}", items: ["{{ goal }} first"]}
""")
    out = tmp_path / "plan.pptx"
    assert run(capsys, "build", str(deck), "-o", str(out))[0] == 0
    assert titles(out) == ["Q1", "Q1: Hire", "Q1: Ship", "Q2", "Q2: Sell"]


@pytest.mark.parametrize("change, line, col, message", [
    ('"{{ region.share > 10 }}"', 14, 15,
     "'when: {{ region.share }}' must be true or false, but gives the number 8"),
    ('"Lead: {{ region.lead }}"', 11, 46, "'dict object' has no attribute 'boss'"),
])
def test_an_error_in_a_repetition_names_the_line_and_the_item(tmp_path, capsys, change, line,
                                                               col, message):
    broken = {'"{{ region.share > 10 }}"': '"{{ region.share }}"',
              '"Lead: {{ region.lead }}"': '"Lead: {{ region.boss }}"'}[change]
    deck = project(tmp_path, REPEAT_DECK.replace(change, broken))
    out = tmp_path / "deck.pptx"
    code, _, err = run(capsys, "build", str(deck), "-o", str(out))
    assert code == 1 and not out.exists()
    assert f"deck.yaml:{line}:{col}: error: " in err
    assert message in err
    assert "(in repetition 2 of 'regions' (region=South))" in err
    assert "Traceback" not in err and "Error:" not in err


@pytest.mark.parametrize("written, expected", [
    ('"regions[0]"', "'in: regions[0]' must give a list, but gives a mapping"),
    ("'{{ regions[0].name }}'", "must give a list, but gives the text 'North'"),
    ("nowhere", "'nowhere' is undefined"),
    ("'{{ [regions[0], nowhere] }}'", "'nowhere' is undefined"),  # not one 'Undefined' slide
])
def test_a_loop_over_something_that_is_not_a_list_is_an_error_at_its_line(
        tmp_path, capsys, written, expected):
    deck = project(tmp_path, REPEAT_DECK.replace("in: regions}", f"in: {written}}}"))
    code, _, err = run(capsys, "validate", str(deck))
    assert code == 1
    assert err.startswith("deck.yaml:7:") or f"{deck}:7:" in err, err
    assert expected in err


def test_a_misspelt_repeat_field_is_named_with_a_suggestion(tmp_path, capsys):
    deck = project(tmp_path, REPEAT_DECK.replace("{for: region, in: regions}",
                                                 "{for: region, inn: regions}"))
    code, _, err = run(capsys, "validate", str(deck))
    assert code == 1 and ":7:27: error: unknown field 'inn' (did you mean 'in'?)" in err


def test_lint_findings_in_a_repetition_carry_the_item(tmp_path, capsys):
    deck = project(tmp_path, REPEAT_DECK.replace(
        '"{{ region.name }} ({{ loop.index }} of {{ loop.length }})"', "Same title"))
    code, out, _ = run(capsys, "lint", str(deck), "--format", "json")
    duplicates = [f for f in json.loads(out)["findings"] if f["rule"] == "title-duplicate"]
    assert duplicates and all(f["line"] == 10 and f["file"].endswith("deck.yaml")
                              for f in duplicates)
    assert duplicates[0]["context"] == "in repetition 2 of 'regions' (region=South)"
    assert "(in repetition 2 of 'regions' (region=South)) [title-duplicate]" in \
        run(capsys, "lint", str(deck))[1]


# ----- decks from data --------------------------------------------------------------------

@pytest.mark.parametrize("jobs", ["1", "2"])
def test_each_builds_one_deck_per_row_named_from_the_row(tmp_path, capsys, monkeypatch, jobs):
    project(tmp_path, EACH_DECK)
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, "build", "deck.yaml", "--jobs", jobs)
    assert code == 0, err
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == \
        ["east.pptx", "north.pptx", "south.pptx"]
    assert "wrote out/north.pptx (3 slides, region=North)" in out
    for name, share in (("North", "12.5"), ("South", "8"), ("East", "20")):
        built = tmp_path / "out" / f"{name.lower()}.pptx"
        prs = Presentation(str(built))
        assert titles(built) == [f"{name} briefing", f"{name} in numbers", "Shares by region"]
        assert prs.core_properties.title == f"{name} briefing"
        assert f"Share {share}%" in slide_text(built)
        assert [p.name for p in freshness.read_manifest(built).files
                if p.role == "deck"] == ["deck.yaml"]
    assert run(capsys, "build", "deck.yaml", "--check")[0] == 0


def test_each_check_names_the_stale_deck(tmp_path, capsys, monkeypatch):
    project(tmp_path, EACH_DECK)
    monkeypatch.chdir(tmp_path)
    assert run(capsys, "build", "deck.yaml")[0] == 0
    (tmp_path / "out" / "south.pptx").unlink()
    code, _, err = run(capsys, "build", "deck.yaml", "--check")
    assert code == 1
    assert "out/south.pptx does not exist" in err and "north" not in err


def test_parallel_decks_share_the_chart_cache(tmp_path, capsys, monkeypatch):
    cache = tmp_path / "cache"
    monkeypatch.setenv("DECKBUILDER_CACHE_DIR", str(cache))
    deck = project(tmp_path / "p", EACH_DECK)
    assert run(capsys, "build", str(deck), "--jobs", "2")[0] == 0
    entries = sorted((cache / "charts").rglob("*.chart"))
    assert len(entries) == 1  # the same chart in three decks: drawn once or written whole
    assert not list(cache.rglob("*.tmp"))
    pictures = set()
    for built in (tmp_path / "p" / "out").glob("*.pptx"):
        chart_slide = Presentation(str(built)).slides[2]
        pictures |= {s.image.blob for s in chart_slide.shapes
                     if s.shape_type == MSO_SHAPE_TYPE.PICTURE}
    assert len(pictures) == 1


@pytest.mark.parametrize("output, message", [
    ('"../{{ region.name }}.pptx"', "outside the project folder"),
    ('"out/deck.pptx"', "'output' gives deck.pptx for region=North too"),
    ('"out/{{ region.name }}.ppt"', "must give a .pptx file name, but gives 'out/North.ppt'"),
])
def test_bad_each_outputs_are_errors_and_nothing_is_written(tmp_path, capsys, output, message):
    deck = project(tmp_path / "p", EACH_DECK.replace('"out/{{ region.name | lower }}.pptx"',
                                                     output))
    code, _, err = run(capsys, "build", str(deck))
    assert code == 1 and message in err and "deck.yaml:4:" in err
    assert not (tmp_path / "p" / "out").exists() and not list(tmp_path.glob("*.pptx"))


def test_each_refuses_o_and_a_list_that_is_not_one(tmp_path, capsys):
    deck = project(tmp_path, EACH_DECK)
    code, _, err = run(capsys, "build", str(deck), "-o", str(tmp_path / "x.pptx"))
    assert code == 2 and "leave out -o" in err
    deck.write_text(EACH_DECK.replace("in: regions,", 'in: "regions[0]",'))
    code, _, err = run(capsys, "build", str(deck))
    assert code == 1 and "deck.yaml:4:" in err and "must give a list, but gives a mapping" in err


def test_one_failing_deck_does_not_stop_the_others(tmp_path, capsys):
    deck = project(tmp_path, EACH_DECK.replace('"Lead: {{ region.lead }}"',
                                               '"Lead: {{ region.lead.upper() if region.share '
                                               '< 10 else region.missing }}"'))
    code, out, err = run(capsys, "build", str(deck), "--jobs", "2")
    assert code == 1
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["south.pptx"]
    assert "(in the deck for region=North)" in err and "(in the deck for region=East)" in err
    assert "2 of 3 decks not written" in err


# ----- the Python API ---------------------------------------------------------------------

def test_api_build_returns_the_output_and_findings(tmp_path):
    deck = project(tmp_path, REPEAT_DECK.replace(
        '"{{ region.name }} ({{ loop.index }} of {{ loop.length }})"', "Same title"))
    result = deckbuilder.build(deck, tmp_path / "out.pptx")
    assert result.output == tmp_path / "out.pptx" and result.slides == 8
    assert titles(result.output)[1] == "Same title"
    assert {f.rule for f in result.findings} == {"title-duplicate"}


def test_api_build_raises_a_located_error_that_survives_pickling(tmp_path):
    deck = project(tmp_path, REPEAT_DECK.replace("{{ region.lead }}", "{{ region.boss }}"))
    with pytest.raises(deckbuilder.BuildError) as caught:
        deckbuilder.build(deck, tmp_path / "out.pptx")
    assert not (tmp_path / "out.pptx").exists()
    copy = pickle.loads(pickle.dumps(caught.value))
    assert isinstance(copy, deckbuilder.BuildError)
    assert [(p.pos.line, p.pos.col, p.pos.note) for p in copy.problems][:1] == \
        [(11, 46, "in repetition 1 of 'regions' (region=North)")]
    assert str(copy) == str(caught.value)


def test_api_data_replaces_a_data_name(tmp_path):
    deck = project(tmp_path, EACH_DECK)
    result = deckbuilder.build(deck, tmp_path / "west.pptx",
                               data={"region": {"name": "West", "share": 3, "lead": "Di"}})
    assert titles(result.output)[:2] == ["West briefing", "West in numbers"]
    with pytest.raises(deckbuilder.BuildError, match="must be a valid identifier"):
        deckbuilder.build(deck, tmp_path / "x.pptx", data={"not a name": 1})


def test_api_targets_fan_out_over_a_process_pool(tmp_path):
    deck = project(tmp_path, EACH_DECK)
    found = deckbuilder.targets(deck)
    assert [(t.output.name, t.label) for t in found] == [
        ("north.pptx", "region=North"), ("south.pptx", "region=South"),
        ("east.pptx", "region=East")]
    with ProcessPoolExecutor(2) as pool:
        futures = [pool.submit(deckbuilder.build, t.deck, t.output, data=t.data) for t in found]
        results = [future.result() for future in futures]
    assert [titles(r.output)[0] for r in results] == \
        ["North briefing", "South briefing", "East briefing"]
    with pytest.raises(deckbuilder.BuildError, match="has no 'each:'"):
        deckbuilder.targets(project(tmp_path / "single", REPEAT_DECK))


def test_the_documented_example_builds_one_deck_per_region(tmp_path, capsys):
    """docs/examples/from-data: one deck per row of regions.csv, one slide per product row,
    the shared include, and the watch list only where revenue fell."""
    example = tmp_path / "from-data"
    shutil.copytree(REPO / "docs" / "examples" / "from-data", example,
                    ignore=shutil.ignore_patterns("build"))
    (example / "deckbuilder.toml").write_text("")
    code, _, err = run(capsys, "build", str(example / "regional-review.yaml"), "--jobs", "2")
    assert code == 0, err
    rows = (example / "products.csv").read_text().splitlines()[1:]
    for region in ("North", "South", "East"):
        built = example / "build" / f"{region.lower()}-review.pptx"
        headlines = [row.split(",")[2] for row in rows if row.startswith(region + ",")]
        found = titles(built)
        assert found[0] == f"{region} region: 2024 review"
        assert found[1] == "How to read this review"  # from sections/about.yaml
        assert found[4:7] == headlines
        assert ("Watch list" in found) == (region == "South")


def test_api_build_raises_for_a_lint_error_and_writes_nothing(tmp_path):
    deck = project(tmp_path, "title: Too much\nslides:\n  - kind: bullets\n    title: Crowded\n"
                             "    items:\n" + "".join(f"      - Point number {n} with a few more "
                                                    "words to make it wrap\n" for n in range(40)))
    out = tmp_path / "out.pptx"
    with pytest.raises(deckbuilder.BuildError) as caught:
        deckbuilder.build(deck, out)
    assert not out.exists()
    assert any(p.pos.line == 6 and "does not fit" in p.message for p in caught.value.problems), \
        str(caught.value)
