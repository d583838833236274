"""deckbuilder diff: a small project is built, then one thing is changed at a time (a CSV
value, a bullet, the order of two slides, the theme), and the Markdown and JSON reports
must name exactly that change and nothing else; the images mode draws each changed slide."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image

from conftest import build
from deckbuilder.cli import main

DECK = """\
title: Widget Review
theme: default
slides:
  - kind: title
    title: Widget Review
    subtitle: The year in widgets
  - kind: bullets
    title: Highlights
    items:
      - Shipments grew strongly in every region
      - Returns stayed low
  - kind: chart
    title: Shipments by Year
    chart:
      type: column
      data: widgets.csv
      x: year
      series: [{column: shipped, label: Shipped}]
      number_format: thousands
  - kind: bullets
    title: Risks
    items:
      - Supply of parts is tight
  - kind: bullets
    title: Next Steps
    items:
      - Open two new plants
"""

CSV = "year,shipped,source\n2020,1200,report\n2021,1850,report\n2022,2400,report\n"
META = """\
title: Widgets shipped
sources:
  report: {publisher: Example Corp., title: Annual report}
source_line: "Source: Example Corp., {first}–{last}"
"""


def write_project(folder: Path, deck: str = DECK, csv: str = CSV) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "deckbuilder.toml").write_text("", encoding="utf-8")
    (folder / "deck.yaml").write_text(deck, encoding="utf-8")
    (folder / "widgets.csv").write_text(csv, encoding="utf-8")
    (folder / "widgets.meta.yaml").write_text(META, encoding="utf-8")
    return folder / "deck.yaml"


@pytest.fixture(scope="module")
def old_pptx(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("old")
    return build(write_project(folder), folder / "old.pptx")


def run_diff(capsys, *args: str | Path) -> tuple[int, str, str]:
    code = main(["diff", *map(str, args)])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def both(capsys, old: Path, new: Path) -> tuple[int, str, dict]:
    """The Markdown report, and the JSON one parsed; the two exit codes must agree."""
    code, text, _ = run_diff(capsys, old, new)
    json_code, data, _ = run_diff(capsys, old, new, "--format", "json")
    assert code == json_code
    return code, text, json.loads(data)


def test_identical_decks_are_equal(capsys, old_pptx, tmp_path):
    deck = write_project(tmp_path / "same")
    code, text, data = both(capsys, old_pptx, deck)  # a .pptx against a deck built on the fly
    assert code == 0
    assert data["equal"] is True and data["slides"] == [] and data["inputs"] == []
    assert data["theme"] is None
    assert "No changes" in text


def test_a_csv_value_is_one_chart_point_with_its_file_and_line(capsys, old_pptx, tmp_path):
    deck = write_project(tmp_path / "csv", csv=CSV.replace("2021,1850", "2021,1900"))
    code, text, data = both(capsys, old_pptx, deck)
    assert code == 1
    assert data["inputs"] == ["widgets.csv: content changed"] and data["theme"] is None
    [slide] = data["slides"]
    assert (slide["status"], slide["moved"], slide["title"]) == ("kept", False,
                                                                 "Shipments by Year")
    assert (slide["old_slide"], slide["new_slide"]) == (3, 3)
    assert slide["text"] == []  # the source line's range did not change
    assert slide["points"] == [{"chart": "Widgets shipped", "series": "Shipped", "x": "2021",
                                "old": 1850.0, "new": 1900.0, "from": "widgets.csv:3",
                                "source": "report"}]
    assert "**Inputs changed:** `widgets.csv` (content changed)" in text
    assert "| Widgets shipped | Shipped | 2021 | 1,850 | 1,900 | `widgets.csv:3` | report |" in text
    assert text.count("### ") == 1


def test_an_added_row_moves_the_source_range_and_is_a_new_point(capsys, old_pptx, tmp_path):
    deck = write_project(tmp_path / "row", csv=CSV + "2023,2600,report\n")
    code, text, data = both(capsys, old_pptx, deck)
    [slide] = data["slides"]
    [line] = slide["text"]
    assert (line["old"], line["new"]) == ("Source: Example Corp., 2020–2022",
                                          "Source: Example Corp., 2020–2023")
    assert [w for w in line["words"] if w["op"] != "equal"] == [
        {"op": "delete", "text": "2022"}, {"op": "insert", "text": "2023"}]
    assert [(p["x"], p["old"], p["new"], p["from"]) for p in slide["points"]] == [
        ("2023", None, 2600.0, "widgets.csv:5")]
    assert "changed: Source: Example Corp., 2020–~~2022~~**2023**" in text


def test_a_bullet_is_a_word_diff(capsys, old_pptx, tmp_path):
    deck = write_project(tmp_path / "bullet",
                         DECK.replace("Returns stayed low", "Returns stayed very low"))
    code, text, data = both(capsys, old_pptx, deck)
    assert code == 1
    assert data["inputs"] == ["deck.yaml: content changed"] and data["theme"] is None
    [slide] = data["slides"]
    assert (slide["title"], slide["status"], slide["moved"], slide["points"]) == (
        "Highlights", "kept", False, [])
    [line] = slide["text"]
    assert (line["change"], line["old"], line["new"]) == (
        "changed", "Returns stayed low", "Returns stayed very low")
    assert [w for w in line["words"] if w["op"] != "equal"] == [
        {"op": "insert", "text": "very "}]
    assert "### Slide 2 “Highlights”" in text
    assert "- changed: Returns stayed **very** low" in text
    assert text.count("### ") == 1


def test_two_slides_swapped_is_a_move_and_nothing_else(capsys, old_pptx, tmp_path):
    risks = "  - kind: bullets\n    title: Risks\n    items:\n      - Supply of parts is tight\n"
    steps = "  - kind: bullets\n    title: Next Steps\n    items:\n      - Open two new plants\n"
    assert DECK.endswith(risks + steps)
    deck = write_project(tmp_path / "order", DECK.replace(risks + steps, steps + risks))
    code, text, data = both(capsys, old_pptx, deck)
    assert code == 1
    assert data["inputs"] == ["deck.yaml: content changed"] and data["theme"] is None
    [slide] = data["slides"]  # the fewest moves that explain the new order: one
    assert slide["moved"] is True and slide["text"] == [] and slide["points"] == []
    assert (slide["title"], slide["old_slide"], slide["new_slide"]) in (
        ("Next Steps", 5, 4), ("Risks", 4, 5))
    assert f", moved from slide {slide['old_slide']}" in text


def test_a_theme_change_is_one_line(capsys, old_pptx, tmp_path):
    deck = write_project(tmp_path / "theme", DECK.replace("theme: default", "theme: dark"))
    code, text, data = both(capsys, old_pptx, deck)
    assert code == 1
    assert data["theme"] == "default → dark"
    assert data["inputs"] == ["deck.yaml: content changed"]  # theme files are the theme line
    assert data["slides"] == []
    assert "**Theme:** default → dark" in text
    assert "No slide shows different text or chart data." in text


def test_added_and_removed_slides(capsys, old_pptx, tmp_path):
    extra = "  - kind: bullets\n    title: Hiring\n    items:\n      - Ten engineers\n"
    risks = "  - kind: bullets\n    title: Risks\n    items:\n      - Supply of parts is tight\n"
    deck = write_project(tmp_path / "slides", DECK.replace(risks, extra))
    code, text, data = both(capsys, old_pptx, deck)
    assert [(s["status"], s["title"], s["old_slide"], s["new_slide"], s["moved"])
            for s in data["slides"]] == [("removed", "Risks", 4, None, False),
                                         ("added", "Hiring", None, 4, False)]
    assert "### Slide 4 “Hiring”: added" in text
    assert "### “Risks” (was slide 4): removed" in text


def test_usage_errors_exit_2(capsys, old_pptx, tmp_path):
    code, _, err = run_diff(capsys, old_pptx, tmp_path / "missing.pptx")
    assert code == 2 and "no such file" in err and "Traceback" not in err
    (tmp_path / "not.pptx").write_text("plain text", encoding="utf-8")
    code, _, err = run_diff(capsys, old_pptx, tmp_path / "not.pptx")
    assert code == 2 and "not a PowerPoint file" in err
    broken = write_project(tmp_path / "broken", DECK.replace("kind: title", "kind: titel"))
    code, _, err = run_diff(capsys, old_pptx, broken)
    assert code == 2 and f"{broken}:4:" in err.replace(str(Path.cwd()) + "/", "")
    with pytest.raises(SystemExit) as exit_:
        main(["diff", str(old_pptx)])
    assert exit_.value.code == 2


def test_a_git_revision_is_built_from_that_revision(capsys, tmp_path, monkeypatch):
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    repo = tmp_path / "repo"
    write_project(repo / "deck")

    def git(*args: str) -> None:
        subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True)

    git("init", "-q", "-b", "main")
    git("add", "-A")
    git("-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "deck")
    (repo / "deck" / "widgets.csv").write_text(CSV.replace("2400", "2500"), encoding="utf-8")
    before = sorted(p.name for p in (repo / "deck").iterdir())
    monkeypatch.chdir(repo)
    code, text, _ = run_diff(capsys, "main:deck/deck.yaml", "deck/deck.yaml")
    assert code == 1
    assert "| Widgets shipped | Shipped | 2022 | 2,400 | 2,500 | `widgets.csv:4` |" in text
    assert sorted(p.name for p in (repo / "deck").iterdir()) == before  # nothing written
    code, _, err = run_diff(capsys, "nosuchbranch:deck/deck.yaml", "deck/deck.yaml")
    assert code == 2 and "reading nosuchbranch" in err and "Traceback" not in err


def test_images_one_picture_per_changed_slide(capsys, old_pptx, tmp_path):
    if shutil.which("soffice") is None or shutil.which("pdftoppm") is None:
        pytest.skip("LibreOffice and poppler are needed to draw slides")
    deck = write_project(tmp_path / "both",
                         DECK.replace("Returns stayed low", "Returns fell"),
                         CSV.replace("2020,1200", "2020,1000"))
    folder = tmp_path / "pictures"
    code, _, err = run_diff(capsys, old_pptx, deck, "--images", folder)
    assert code == 1, err
    assert sorted(p.name for p in folder.iterdir()) == ["slide-02.png", "slide-03.png"]
    with Image.open(folder / "slide-02.png") as picture:
        image = picture.convert("RGB")
    assert image.width > 2 * slide_pixels(old_pptx)[0]  # before and after, side by side
    outline = (0xD6, 0x33, 0x6C)
    right = image.crop((image.width // 2, 0, image.width, image.height))
    marked = [y for y in range(right.height) for x in range(0, right.width, 2)
              if right.getpixel((x, y)) == outline]
    assert marked, "the changed bullet is outlined"
    # ... as a paragraph (the second bullet, near the top), not as the whole body box
    assert max(marked) < right.height * 0.5


def slide_pixels(pptx: Path) -> tuple[int, int]:
    """A slide's size in pixels at the resolution slides are drawn at."""
    from pptx import Presentation

    from deckbuilder.preview import DPI, EMU_PER_INCH

    prs = Presentation(str(pptx))
    return (round(prs.slide_width / EMU_PER_INCH * DPI),
            round(prs.slide_height / EMU_PER_INCH * DPI))


def test_a_file_built_without_chart_points_shows_no_point_changes(capsys, old_pptx, tmp_path):
    """A .pptx from before builds stored points: its charts are not all 'new points'."""
    import zipfile

    from deckbuilder.points import NAMESPACE

    older = tmp_path / "older.pptx"
    with zipfile.ZipFile(old_pptx) as source, zipfile.ZipFile(older, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            target.writestr(info, b"<other/>" if NAMESPACE.encode() in data else data)
    deck = write_project(tmp_path / "csv", csv=CSV.replace("2021,1850", "2021,1900"))
    code, _, data = both(capsys, older, deck)
    assert code == 1 and data["inputs"] == ["widgets.csv: content changed"]
    assert data["slides"] == []
    _, _, with_points = both(capsys, old_pptx, deck)
    assert [len(s["points"]) for s in with_points["slides"]] == [1]


def test_a_changed_theme_file_is_the_theme_line(capsys, tmp_path):
    from helpers import REPO

    theme = (REPO / "themes" / "default" / "theme.yaml").read_text(encoding="utf-8")
    assert 'accent: "C8102E"' in theme
    deck = write_project(tmp_path / "own", DECK.replace("theme: default", "theme: house"))
    (tmp_path / "own" / "themes" / "house").mkdir(parents=True)
    theme_file = tmp_path / "own" / "themes" / "house" / "theme.yaml"
    theme_file.write_text(theme, encoding="utf-8")
    before = build(deck, tmp_path / "before.pptx")
    theme_file.write_text(theme.replace('accent: "C8102E"', 'accent: "0B7A75"'),
                          encoding="utf-8")
    code, text, data = both(capsys, before, deck)
    assert code == 1
    assert data["theme"] == "house changed (themes/house/theme.yaml)"
    assert data["inputs"] == [] and data["slides"] == []
    assert "**Theme:** house changed (themes/house/theme.yaml)" in text


def test_speaker_notes_are_compared_and_marked(capsys, old_pptx, tmp_path):
    noted = DECK.replace("      - Open two new plants\n",
                         "      - Open two new plants\n    notes: Ask about the budget.\n")
    folder = tmp_path / "notes"
    before = build(write_project(folder, noted), folder / "before.pptx")
    deck = write_project(folder, noted.replace("the budget", "the timeline"))
    code, text, data = both(capsys, before, deck)
    [slide] = data["slides"]
    [line] = slide["text"]
    assert (slide["title"], line["notes"], line["new"]) == ("Next Steps", True,
                                                            "Ask about the timeline.")
    assert "- changed (notes): Ask about the ~~budget~~**timeline**." in text


def test_a_revision_side_never_becomes_a_git_option_or_leaves_the_repository(capsys, old_pptx,
                                                                           tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    target = tmp_path / "written"
    code, _, err = run_diff(capsys, "--", old_pptx, f"--output={target}:deck.yaml")
    assert code == 2 and "name a git revision" in err and not target.exists()
    code, _, err = run_diff(capsys, old_pptx, "HEAD:../outside/deck.yaml")
    assert code == 2 and "stays inside it" in err


def test_a_package_over_the_size_limit_is_refused_before_it_is_read(capsys, old_pptx,
                                                                   monkeypatch):
    monkeypatch.setattr("deckbuilder.diff.read.MAX_UNPACKED_BYTES", 10_000)
    code, _, err = run_diff(capsys, old_pptx, old_pptx)
    assert code == 2 and "bytes, over the 10,000-byte limit" in err and "Traceback" not in err
