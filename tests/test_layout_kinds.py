"""Layout choices that are easy to regress: continuation pages, stat alignment."""

from __future__ import annotations

from pathlib import Path

from deckbuilder.ir import TextBox
from deckbuilder.pipeline import compile_deck

LONG_ITEMS = "\n".join(f"      - Item number {i} with enough words to take up a full line of the slide"
                       for i in range(1, 25))


def write(tmp_path: Path, text: str) -> Path:
    (tmp_path / "deckbuilder.toml").write_text("")
    deck = tmp_path / "deck.yaml"
    deck.write_text(text)
    return deck


def test_notes_stay_on_the_first_page_of_a_continued_list(tmp_path):
    deck = write(tmp_path, "title: T\nslides:\n  - kind: bullets\n    title: Long\n"
                           "    overflow: continue\n    notes: Say this once.\n    items:\n"
                           f"{LONG_ITEMS}\n")
    slides = compile_deck(deck).presentation.slides
    assert len(slides) > 1
    assert [paragraph.text for paragraph in slides[0].notes] == ["Say this once."]
    assert all(slide.notes is None for slide in slides[1:])
    assert [s.title for s in slides[1:]] == ["Long (cont.)"] * (len(slides) - 1)


def test_stats_share_a_top_edge_and_the_number_is_the_largest_text(tmp_path):
    deck = write(tmp_path, "title: T\nslides:\n  - kind: stat\n    title: Numbers\n    stats:\n"
                           "      - {value: 5 million, label: a label long enough to wrap onto "
                           "two or three lines in its column}\n"
                           "      - {value: Over 1 million, label: short}\n")
    slide = compile_deck(deck).presentation.slides[0]
    stats = [e for e in slide.elements if isinstance(e, TextBox) and e.role == "stat"]
    assert len(stats) == 2 and stats[0].rect.y == stats[1].rect.y
    for box in stats:
        sizes = [run.font.size for p in box.paragraphs for run in p.runs]
        value_size = box.paragraphs[0].runs[0].font.size
        assert value_size == max(sizes) and value_size >= 36


def test_two_digit_list_numbers_fit_their_hanging_indent(tmp_path):
    """"10." is wider than a bullet: every item of the list hangs by the widest number
    (plus a gap), keeps one text edge, and a sub-list starts right of that edge."""
    from deckbuilder.layout.text import text_width

    items = "".join(f"      - Item {i}\n" for i in range(1, 11))
    deck = write(tmp_path, "title: T\nslides:\n  - kind: bullets\n    title: Numbered\n"
                           "    numbered: true\n    items:\n" + items +
                           "      - text: Item 11\n        items: [A sub-point]\n")
    slide = compile_deck(deck).presentation.slides[0]
    paragraphs = [p for e in slide.elements if isinstance(e, TextBox) for p in e.paragraphs]
    numbered = [p for p in paragraphs if p.number is not None]
    assert [p.number for p in numbered] == list(range(1, 12))
    widest = max(text_width(f"{p.number}.", p.runs[0].font) for p in numbered)
    assert all(p.hanging > widest and p.indent == numbered[0].indent for p in numbered)
    sub = next(p for p in paragraphs if p.bullet and p.number is None)
    assert sub.indent - sub.hanging >= numbered[-1].indent  # its marker right of the text edge


def test_stat_numbers_stay_on_one_line_and_share_a_size(tmp_path):
    """"Over 1 million" is wider than its column at full size in Arial (the dark theme):
    all the slide's numbers shrink together until each fits on one line."""
    from deckbuilder.layout.common import inner_width
    from deckbuilder.layout.text import wrap

    deck = write(tmp_path, "title: T\nslides:\n  - kind: stat\n    title: Jobs\n    stats:\n"
                           "      - {value: 5 million, label: US jobs}\n"
                           "      - {value: Over 1 million, label: border-state jobs}\n")
    for theme in ("default", "dark"):
        slide = compile_deck(deck, theme).presentation.slides[0]
        stats = [e for e in slide.elements if isinstance(e, TextBox) and e.role == "stat"]
        values = [p for box in stats for p in box.paragraphs if p.text.endswith("million")]
        assert len(values) == 2
        assert len({p.runs[0].font.size for p in values}) == 1
        for box, value in zip(stats, values):
            assert len(wrap(value, inner_width(box.rect, box.insets))) == 1, theme


def test_panel_numbers_stay_on_one_line(tmp_path):
    from deckbuilder.layout.common import inner_width
    from deckbuilder.layout.text import wrap

    deck = write(tmp_path, "title: T\nslides:\n  - kind: comparison\n    title: Money\n"
                           "    left: {heading: Plans, items: [Train police, Equip courts]}\n"
                           "    right:\n      stats:\n"
                           "        - {value: 'US$ 26,000,000,000,000', label: appropriated}\n"
                           "        - {value: '$1.6 billion', label: delivered}\n")
    slide = compile_deck(deck).presentation.slides[0]
    right = [e for e in slide.elements if isinstance(e, TextBox) and e.name == "Panel"][1]
    values = [p for p in right.paragraphs if p.text.startswith(("US$", "$"))]
    assert len(values) == 2 and len({p.runs[0].font.size for p in values}) == 1
    assert all(len(wrap(p, inner_width(right.rect, right.insets))) == 1 for p in values)
