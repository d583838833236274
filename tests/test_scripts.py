"""Every script measured and set as a viewer sets it (scripts.py, system_fonts.py,
layout/text.py, render/text.py, charts): decks in Chinese, Japanese, Korean, Arabic, Hindi
and Thai with overfull bullets either fit — and then LibreOffice draws every word inside
the slide, inside a text box, and on no other word — or fail with an overflow error at the
slide's line; runs name the faces that were measured; Arabic paragraphs run right to left;
chart pictures draw CJK and Arabic glyphs from fonts that have them.

Skipped where LibreOffice, poppler or the Noto fonts (fonts-noto-cjk, fonts-noto-core) are
absent; CI installs them.
"""

from __future__ import annotations

import itertools
import re
import shutil
import subprocess
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.util import Emu

from deckbuilder import icu_breaks
from deckbuilder.cli import main
from deckbuilder.ir import Font, Paragraph, Run
from deckbuilder.layout.text import text_width, wrap
from deckbuilder.scripts import DEFAULT_EAST_ASIAN, DEFAULT_FACES, NO_BREAK_BEFORE, break_points
from deckbuilder.system_fonts import installed_face

from helpers import is_text_bearing
from test_widths import fresh_process, measured  # noqa: F401  (a fixture)

THEMES = Path(__file__).resolve().parents[1] / "themes"

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
PDFTOTEXT = shutil.which("pdftotext")
WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">'
                  r"([^<]*)</word>")
POPPLER_EM, POPPLER_ASCENT = 1.3, 0.95  # poppler's word box when the PDF has no ascent
INK_ASCENT, INK_DESCENT = 0.8, 0.2      # em: the part of a line's box no other line shares
TOLERANCE = 2.0                         # pt
BODY_PT = 22.0                          # the default theme's body size

SENTENCES = {
    "zh": ["两国之间的经济合作近年来大幅扩大，贸易额创下了历史新高。",
           "港口、铁路、公路以及能源网络等基础设施建设是一项重要任务。",
           "每年有成千上万的学生在两国的大学里学习，加深了文化交流。",
           "为了应对气候变化，双方正在共同开发可再生能源。"],
    "ja": ["両国の経済協力は近年大きく拡大し、貿易額は過去最高を記録しました。",
           "港湾、鉄道、道路、エネルギー網などのインフラ整備が重要な課題です。",
           "毎年、何千人もの学生が両国の大学で学び、文化交流を深めています。",
           "気候変動への対応として、再生可能エネルギーの共同開発が進んでいます。"],
    "ko": ["양국의 경제 협력은 최근 크게 확대되었으며 무역액은 사상 최고치를 기록했습니다.",
           "항만, 철도, 도로 및 에너지망 등 기반 시설 정비가 중요한 과제입니다.",
           "매년 수천 명의 학생들이 양국의 대학에서 공부하며 문화 교류를 넓히고 있습니다.",
           "기후 변화에 대응하기 위해 재생 가능 에너지의 공동 개발이 추진되고 있습니다."],
    "ar": ["توسع التعاون الاقتصادي بين البلدين كثيرا في السنوات الأخيرة وبلغت التجارة رقما قياسيا.",
           "يمثل تطوير البنية التحتية من موانئ وسكك حديدية وطرق وشبكات طاقة تحديا مهما.",
           "يدرس آلاف الطلاب كل عام في جامعات البلدين ويعززون التبادل الثقافي.",
           "يجري تطوير مشترك للطاقة المتجددة لمواجهة تغير المناخ."],
    "hi": ["दोनों देशों के बीच आर्थिक सहयोग हाल के वर्षों में काफी बढ़ा है और व्यापार रिकॉर्ड स्तर पर है।",
           "बंदरगाह, रेलवे, सड़क और ऊर्जा नेटवर्क जैसे बुनियादी ढाँचे का विकास एक बड़ी चुनौती है।",
           "हर साल हज़ारों छात्र दोनों देशों के विश्वविद्यालयों में पढ़ते हैं।",
           "जलवायु परिवर्तन से निपटने के लिए नवीकरणीय ऊर्जा का संयुक्त विकास हो रहा है।"],
    "th": ["ความร่วมมือทางเศรษฐกิจระหว่างสองประเทศขยายตัวอย่างมากในช่วงไม่กี่ปีที่ผ่านมา",
           "การพัฒนาโครงสร้างพื้นฐาน เช่น ท่าเรือ ทางรถไฟ ถนน และเครือข่ายพลังงาน เป็นเรื่องสำคัญ",
           "นักศึกษาหลายพันคนเรียนในมหาวิทยาลัยของทั้งสองประเทศทุกปี",
           "มีการพัฒนาพลังงานหมุนเวียนร่วมกันเพื่อรับมือกับการเปลี่ยนแปลงสภาพภูมิอากาศ"],
}
TITLES = {"zh": "七条很长的要点", "ja": "七つの長い項目", "ko": "일곱 개의 긴 항목",
          "ar": "سبع نقاط طويلة", "hi": "सात लंबे बिंदु", "th": "เจ็ดหัวข้อที่ยาวมาก"}
FACES = {"zh": DEFAULT_EAST_ASIAN, "ja": DEFAULT_EAST_ASIAN, "ko": DEFAULT_EAST_ASIAN,
         "ar": DEFAULT_FACES["arabic"], "hi": DEFAULT_FACES["devanagari"],
         "th": DEFAULT_FACES["thai"]}


def needs_font(language: str) -> None:
    if installed_face(FACES[language]) is None:
        pytest.skip(f"{FACES[language]} is not installed (fonts-noto-cjk, fonts-noto-core)")


def bullets_deck(language: str, bullets: int, sentences_each: int) -> tuple[str, int]:
    """A deck with one bullets slide, and the line of its first item (where an overflow
    error must point)."""
    sentences = SENTENCES[language]
    items = [" ".join(sentences[(i + k) % len(sentences)] for k in range(sentences_each))
             for i in range(bullets)]
    lines = [f"title: {TITLES[language]}", "slides:", "  - kind: bullets",
             f"    title: {TITLES[language]}", "    items:"]
    first_item = len(lines) + 1
    lines += [f'      - "{item}"' for item in items]
    return "\n".join(lines) + "\n", first_item


def build(tmp_path: Path, text: str, name: str = "deck") -> tuple[int, Path, Path]:
    (tmp_path / "deckbuilder.toml").write_text("")
    deck, out = tmp_path / f"{name}.yaml", tmp_path / f"{name}.pptx"
    deck.write_text(text, encoding="utf-8")
    return main(["build", str(deck), "-o", str(out)]), deck, out


# ----- what LibreOffice draws ----------------------------------------------------------------

@dataclass(frozen=True)
class Box:
    x0: float
    y0: float
    x1: float
    y1: float

    def inside(self, other: "Box") -> bool:
        return (other.x0 - TOLERANCE <= self.x0 and self.x1 <= other.x1 + TOLERANCE
                and other.y0 - TOLERANCE <= self.y0 and self.y1 <= other.y1 + TOLERANCE)

    def overlaps(self, other: "Box") -> bool:
        return (self.x0 < other.x1 - TOLERANCE and other.x0 < self.x1 - TOLERANCE
                and self.y0 < other.y1 and other.y0 < self.y1)


def drawn_words(pptx: Path, folder: Path) -> list[tuple[int, str, Box]]:
    """Every word LibreOffice draws, by page, as the ink of its line (from poppler's box)."""
    subprocess.run([SOFFICE, "--headless", "--convert-to", "pdf", "--outdir", str(folder),
                    str(pptx)], check=True, capture_output=True, timeout=240)
    pdf = folder / (pptx.stem + ".pdf")
    xml = subprocess.run([PDFTOTEXT, "-bbox", str(pdf), "-"], check=True,
                         capture_output=True, text=True, timeout=60).stdout
    words = []
    for page, body in enumerate(xml.split("<page ")[1:]):
        for x0, y0, x1, y1, text in WORD.findall(body):
            size = (float(y1) - float(y0)) / POPPLER_EM
            baseline = float(y0) + POPPLER_ASCENT * size
            words.append((page, text, Box(float(x0), baseline - INK_ASCENT * size, float(x1),
                                          baseline + INK_DESCENT * size)))
    return words


def body_size(prs: Presentation) -> float:
    """The largest type size in the slide's longest text (a run without one inherits the
    placeholder's, the theme's body size)."""
    body = max((s for s in prs.slides[0].shapes if s.has_text_frame),
               key=lambda s: len(s.text_frame.text))
    return max(r.font.size.pt if r.font.size else BODY_PT
               for p in body.text_frame.paragraphs for r in p.runs)


def text_boxes(prs: Presentation, index: int) -> list[Box]:
    pt = lambda emu: Emu(emu).pt  # noqa: E731
    return [Box(pt(s.left), pt(s.top), pt(s.left + s.width), pt(s.top + s.height))
            for s in prs.slides[index].shapes if is_text_bearing(s)]


@pytest.mark.skipif(not (SOFFICE and PDFTOTEXT),
                    reason="needs LibreOffice (soffice) and poppler (pdftotext)")
@pytest.mark.parametrize("language", sorted(SENTENCES))
def test_overfull_bullets_fit_and_libreoffice_draws_every_word_in_place(language, tmp_path):
    needs_font(language)
    code, _, out = build(tmp_path, bullets_deck(language, bullets=7, sentences_each=2)[0])
    assert code == 0
    prs = Presentation(str(out))
    assert body_size(prs) < BODY_PT, "the bullets were overfull and had to shrink"
    page = Box(0, 0, Emu(prs.slide_width).pt, Emu(prs.slide_height).pt)
    words = drawn_words(out, tmp_path)
    assert len(words) > 8
    boxes = text_boxes(prs, 0)
    for _, text, box in words:
        assert box.inside(page), f"{text!r} is drawn off the slide: {box}"
        assert any(box.inside(frame) for frame in boxes), f"{text!r} is outside every box"
    for i, (_, text, box) in enumerate(words):
        for _, other_text, other in words[i + 1:]:
            assert not box.overlaps(other), f"{text!r} is drawn over {other_text!r}"


@pytest.mark.parametrize("language", sorted(SENTENCES))
def test_bullets_that_cannot_fit_are_an_overflow_error_at_the_slide(language, tmp_path,
                                                                    capsys):
    needs_font(language)
    text, first_item = bullets_deck(language, bullets=14, sentences_each=3)
    code, deck, out = build(tmp_path, text)
    assert code == 1 and not out.exists()
    errors = [line for line in capsys.readouterr().err.splitlines() if "[overflow]" in line]
    assert errors and errors[0].startswith(f"{deck}:{first_item}:"), errors


# ----- measuring and breaking ----------------------------------------------------------------

def test_ideographs_are_measured_one_em_wide_in_the_east_asian_face():
    """Calibri has no ideographs; a viewer sets them in the East Asian face, one em each."""
    needs_font("zh")
    font = Font("Calibri", 20, "000000")
    assert text_width("经济合作与贸易", font) == 7 * 20 * 12_700


def test_arabic_is_measured_shaped_narrower_than_its_letters_alone():
    needs_font("ar")
    font = Font("Calibri", 20, "000000")
    word = "التعاون"
    assert 0 < text_width(word, font) < sum(text_width(letter, font) for letter in word)


def test_cjk_breaks_between_characters_but_never_before_closing_punctuation():
    needs_font("zh")
    font = Font("Calibri", 20, "000000")
    text = "。".join(SENTENCES["zh"]) * 2
    lines = wrap(Paragraph((Run(text, font),)), 300 * 12_700)
    assert len(lines) > 5
    assert "".join(line.text for line in lines) == text
    assert not [line.text for line in lines[1:] if line.text[0] in NO_BREAK_BEFORE]
    assert not [line.text for line in lines[:-1] if line.text[-1] in "（「“"]


def test_a_rebuild_in_another_script_measures_nothing_and_lays_out_the_same(
        tmp_path, monkeypatch, measured):  # noqa: F811
    """Widths in installed faces are cached like the shipped fonts' widths."""
    from deckbuilder.pipeline import compile_deck

    needs_font("zh")
    monkeypatch.setenv("DECKBUILDER_CACHE_DIR", str(tmp_path / "cache"))
    (tmp_path / "deckbuilder.toml").write_text("")
    deck = tmp_path / "deck.yaml"
    deck.write_text(bullets_deck("zh", bullets=7, sentences_each=2)[0], encoding="utf-8")
    fresh_process(monkeypatch)
    first = compile_deck(deck).presentation
    assert any("经" in m for m in measured)
    measured.clear()
    fresh_process(monkeypatch)
    assert compile_deck(deck).presentation == first
    assert measured == []


def test_the_quick_latin_test_never_changes_an_answer():
    """Latin text (curly quotes, dashes and symbols included) skips the large character
    classes; no character they hold may pass for Latin, alone or inside Latin text."""
    from deckbuilder.scripts import _pattern, has_other_scripts

    other = _pattern("other")
    wrong = [hex(point) for point in range(0x10000)
             if has_other_scripts(chr(point)) != bool(other.search(chr(point)))]
    assert wrong == []
    assert not has_other_scripts("“Trade” — 3 × 2 → ½ café")
    assert has_other_scripts("“Trade” — 貿易") and has_other_scripts("— التجارة")


def test_korean_breaks_at_spaces_keeping_its_words_whole():
    needs_font("ko")
    text = " ".join(SENTENCES["ko"])
    lines = wrap(Paragraph((Run(text, Font("Calibri", 20, "000000")),)), 250 * 12_700)
    assert len(lines) > 3
    assert [word for line in lines for word in line.text.split(" ")] == text.split(" ")


THAI_WORDS = ["ประเทศไทย", "มี", "ประชากร", "ประมาณ", "หก", "สิบ", "หก", "ล้าน", "คน", "และ",
              "มี", "เศรษฐกิจ", "ที่", "ใหญ่", "เป็น", "อันดับ", "สอง", "ของ", "ภูมิภาค"]


def test_thai_breaks_between_words_as_libreoffice_does():
    """ICU's dictionary finds the words (a paragraph LibreOffice wrapped after ภูมิภาค and
    after ล้าน, never inside a word): every line ends at a word boundary."""
    if icu_breaks.line_breaks("ไทย") is None:
        pytest.skip("ICU (libicuuc) is not installed")
    needs_font("th")
    text = "".join(THAI_WORDS) * 2
    assert break_points(text)[:4] == [9, 11, 18, 24]
    ends = set(itertools.accumulate(len(word) for word in THAI_WORDS * 2))
    lines = wrap(Paragraph((Run(text, Font("Calibri", 20, "000000")),)), 200 * 12_700)
    assert len(lines) > 2 and "".join(line.text for line in lines) == text
    assert all(sum(len(line.text) for line in lines[:n]) in ends for n in range(1, len(lines)))


def test_without_icu_thai_breaks_between_characters_never_before_a_combining_mark(
        monkeypatch):
    needs_font("th")
    monkeypatch.setattr(icu_breaks, "_icu", lambda: None)
    icu_breaks.line_breaks.cache_clear()
    font = Font("Calibri", 20, "000000")
    lines = wrap(Paragraph((Run(SENTENCES["th"][0] * 3, font),)), 200 * 12_700)
    icu_breaks.line_breaks.cache_clear()
    assert len(lines) > 2
    for line in lines[1:]:
        assert not ("\u0e31" <= line.text[0] <= "\u0e3a" or "\u0e47" <= line.text[0] <= "\u0e4e")


# ----- what the file says --------------------------------------------------------------------

def runs_and_paragraphs(pptx: Path) -> tuple[list, list]:
    prs = Presentation(str(pptx))
    paragraphs = [p._p for s in prs.slides[0].shapes if s.has_text_frame
                  for p in s.text_frame.paragraphs if p.text.strip() and not p.text.isdigit()]
    return [r for p in paragraphs for r in p.iter(f"{A}r")], paragraphs


def test_arabic_paragraphs_run_right_to_left_with_bullets_on_the_right(tmp_path):
    code, _, out = build(tmp_path, bullets_deck("ar", bullets=3, sentences_each=1)[0])
    assert code == 0
    runs, paragraphs = runs_and_paragraphs(out)
    assert len(paragraphs) == 4   # the title and three bullets
    for paragraph in paragraphs:
        p_pr = paragraph.find(f"{A}pPr")
        assert (p_pr.get("rtl"), p_pr.get("algn")) == ("1", "r")
    assert all(p.find(f"{A}pPr/{A}buChar") is not None for p in paragraphs[1:])
    assert {r.find(f"{A}rPr/{A}cs").get("typeface") for r in runs} == {"Noto Sans Arabic"}
    assert all(r.find(f"{A}rPr/{A}ea") is None for r in runs)


def test_runs_name_the_theme_east_asian_face_and_latin_runs_name_none(tmp_path):
    """A theme's ``fonts.east_asian`` is the face CJK runs name (and are measured in);
    runs with Latin text only name neither an East Asian nor a complex-script face."""
    import yaml

    theme = yaml.safe_load((THEMES / "default" / "theme.yaml").read_text())
    theme["fonts"]["east_asian"] = "Noto Sans CJK JP"
    (tmp_path / "themes" / "japanese").mkdir(parents=True)
    (tmp_path / "themes" / "japanese" / "theme.yaml").write_text(yaml.safe_dump(theme))
    text = ("title: Mixed\ntheme: japanese\nslides:\n  - kind: bullets\n"
            "    title: Plain English\n    items: [\"経済協力 in Japanese\", \"Only Latin\"]\n")
    code, _, out = build(tmp_path, text)
    assert code == 0
    runs, paragraphs = runs_and_paragraphs(out)
    by_text = {r.findtext(f"{A}t"): r.find(f"{A}rPr") for r in runs}
    assert by_text["経済協力 in Japanese"].find(f"{A}ea").get("typeface") == "Noto Sans CJK JP"
    hanging = {p.findtext(f".//{A}t"): p.find(f"{A}pPr").get("hangingPunct") for p in paragraphs}
    assert hanging == {"Plain English": None, "経済協力 in Japanese": "0", "Only Latin": None}
    for plain in ("Plain English", "Only Latin"):
        assert by_text[plain].find(f"{A}ea") is None and by_text[plain].find(f"{A}cs") is None
    assert all(p.find(f"{A}pPr").get("rtl") is None for p in paragraphs)


# ----- charts --------------------------------------------------------------------------------

CHART_DECK = """\
title: Chart labels
slides:
  - kind: chart
    title: Trade by city
    source: "Source: the test suite"
    chart:
      type: column
      title: "贸易额 — التجارة"
      data: [{city: "北京", n: 10}, {city: "القاهرة", n: 8}, {city: "東京", n: 9}]
      x: city
      series: [n]
"""


@pytest.mark.parametrize("font_cache", ["as-installed", "stale"])
def test_chart_pictures_draw_cjk_and_arabic_from_fonts_that_have_them(tmp_path, capsys,
                                                                        monkeypatch, font_cache):
    """The SVG twin of the picture names each glyph by font and glyph index: ideographs come
    from the CJK face (the glyph its character map gives), Arabic from the Arabic face, and
    no glyph is the empty box (index 0); lint finds nothing to report. Also when matplotlib's
    font cache was made before those fonts were installed (a venv made before `apt install`)."""
    from fontTools.ttLib import TTFont
    from matplotlib import font_manager

    from deckbuilder.charts.render import register_script_faces

    needs_font("zh")
    needs_font("ar")
    if font_cache == "stale":
        manager = font_manager.fontManager
        monkeypatch.setattr(manager, "ttflist", [entry for entry in manager.ttflist
                                                 if "Noto" not in entry.name])
        font_manager.FontManager._findfont_cached.cache_clear()
        register_script_faces.cache_clear()
    code, _, out = build(tmp_path, CHART_DECK)
    assert code == 0
    assert "[chart-glyphs]" not in capsys.readouterr().err
    with zipfile.ZipFile(out) as package:
        svg = next(package.read(n).decode() for n in package.namelist() if n.endswith(".svg"))
    glyphs = set(re.findall(r'id="([A-Za-z]+[A-Za-z-]*)-([0-9a-f]+)"', svg))
    assert glyphs and not [g for g in glyphs if g[1] == "0"], "an empty box was drawn"
    for chars, bold in (("北京東", False), ("贸易额", True)):  # labels, and the bold title
        face = installed_face(DEFAULT_EAST_ASIAN, bold)
        with TTFont(str(face.path), fontNumber=face.index, lazy=True) as font:
            cmap, name = font.getBestCmap(), font["name"].getDebugName(6)
            for char in chars:
                assert (name, f"{font.getGlyphID(cmap[ord(char)]):x}") in glyphs, char
    assert any(family.startswith("NotoSansArabic") for family, _ in glyphs)
