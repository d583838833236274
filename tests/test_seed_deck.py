"""The seed deck, built once, read back with python-pptx and checked slide by slide.

Every expectation below is written from the seed presentation (../shared/seed/slides.md and
the extracted text 000_27d966f2fd7bcc63.txt), never read from the deck YAML: if the deck
drops a bullet, changes a figure or reorders slides, these tests fail. Comparisons
normalise whitespace and curly/straight quotes only. Where the deck deliberately corrects
the seed (typos the slide map allows to fix), the corrected form is written here and listed
in SEED_CORRECTIONS, which a test checks against the seed text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pytest
from pptx.dml.color import RGBColor
from pptx.enum.dml import MSO_COLOR_TYPE, MSO_FILL, MSO_THEME_COLOR

from helpers import (REPO, body_paragraphs, body_shapes, footer_texts, norm, notes_text,
                     shape_paragraphs, shown_background, title_placeholder_types, is_picture)

# the seed lives next to the repository (../shared/seed), not in it
SEED_TEXT = REPO.parent / "shared" / "seed" / "000_27d966f2fd7bcc63.txt"


@dataclass(frozen=True)
class Sub:
    """A level-1 (sub-)bullet."""

    text: str


@dataclass(frozen=True)
class Q:
    """A quotation (quote marks optional at either end), optionally followed by who said it."""

    text: str
    by: str | None = None


Item = str | Sub | Q


@dataclass
class Seed:
    number: int
    title: str | None                  # None: the seed slide has no headline (see title_has)
    kind: str                          # the seed's kind of slide (slides.md), for the record
    paras: list[Item] | None = None    # exactly these body paragraphs, in order
    contains: list[Item] = field(default_factory=list)   # these paragraphs, in this order
    phrases: list[str] = field(default_factory=list)     # somewhere in the body text
    stats: list[tuple] = field(default_factory=list)     # (value, label) or (lead, value, label)
    quote: list[str] = field(default_factory=list)       # quotation paragraphs
    attribution: list[str] = field(default_factory=list)
    source: list[str] = field(default_factory=list)      # phrases of the source line
    notes: str | None = None           # a phrase of the speaker notes
    picture: bool = False              # the slide shows a chart or picture
    markers: list[str] | None = None   # bullet markers of `paras`: none/char/num
    title_has: str | None = None


SEED: list[Seed] = [
    Seed(1, "Importance of Partnership with Mexico", "title",
         notes="Briefing on the state of U.S.-Mexico cooperation"),
    Seed(2, "Importance of Partnership with Mexico", "bullets", paras=[
        "U.S.-Mexico ties touch more U.S. lives daily than any other country via trade, border "
        "connections, tourism, and family ties.",
        Sub("The same is true for Mexico."),
        "An estimated 35 million U.S. citizens are of Mexican heritage.",
        "Share a 1990-mile border (3,201 km) & adjoining environment.",
        "In recent years, government-to-government collaboration has been unprecedented.",
        "The countries face common threats, notably from Organized Crime, as well as "
        "opportunities to increase trade and security.",
    ], markers=["char", "char", "char", "char", "char", "char"]),
    Seed(3, "Managing a Massive Relationship", "section", paras=[]),
    Seed(4, "US-Mexico Trade", "chart + callout", picture=True,
         phrases=["2016 Trade in goods and services:",
                  "US trades over 1 million per minute with Mexico.", "Currency in USD"],
         source=["Source: USTR, 2016"], notes="goods and services"),
    Seed(5, "US Jobs that depend on trade with Mexico", "stat",
         stats=[("5 million", "US jobs depend on trade with Mexico, compared to an estimated "
                              "700,000 jobs in 1993."),
                ("Over 1 million", "US Border States jobs depend on trade with Mexico.")],
         source=["Source: The Wilson Center, 2016"], notes="4.9 million"),
    Seed(6, "US-Mexico Border Crossings", "stat",
         stats=[("Each day there are over", "1 million", "border crossings")],
         # the seed writes "Bureau of transportation statistics"; the agency's name is capitalised
         source=["Source: Bureau of Transportation Statistics, 2016"], notes="both directions"),
    Seed(7, "Serious Challenges to Address", "tiles", paras=[
        "Building stronger Mexican law enforcement institutions and bilateral cooperation",
        "Cross-border criminal networks",
        "U.S. drug demand and organized crime violence in Mexico",
        "Illegal immigration",
        "Potential Terrorism",
        "Corruption",
        "Reducing poverty in Mexico",
        "Negative public perceptions",
        "Modernizing NAFTA",
        "Regional politics and demographics",
    ]),
    Seed(8, "Crime Threats", "bullets", paras=[
        "Cartel profits are estimated to range from $18 to $30 billion from illegal drugs",
        "Cartels fuel rising US drug addiction numbers and serious violence and corruption in "
        "Mexico",
    ], markers=["char", "char"]),
    Seed(9, "Moving toward Co-Management of the Border", "quote", quote=[
        "It is essential to have a secure border, to stop illegal flow of people and things both "
        "ways,… to stop guns coming into Mexico, which are a lot of guns, and they end up in the "
        "hands of the cartels,…to stop drugs from going into the U.S.",
        "… And this is more about transnational crime organizations and disrupting the business "
        "model of transnational crime organizations and how can we use the border as a tool for "
        "that.",
    ], attribution=["Secretary of Foreign Affairs Videgaray", "September, 2017"]),
    Seed(10, "Moving from blame to “shared responsibilities”", "bullets", paras=[
        "Making the border more open to legitimate travel and commerce.",
        "Working to align customs regulatory frameworks; moving toward a North American single "
        "customs platform.",
        "New mechanisms to communicate, coordinate and more effectively counter illicit trade "
        "and travel: drugs, guns, money and people.",
        "Steps to increase security and reduce cross-border violence.",
        "New programs to share information on potential border crossers, including via shared "
        "border radio-frequency identification system.",
        "Working to create a Trilateral Trusted Traveler Program.",
    ]),
    Seed(11, None, "quote", title_has="Elaine Duke", quote=[
        "We are ... developing comprehensive plans to step up security in the Western Hemisphere "
        "and to push the US border outward by shutting down TCO's (Transnational Criminal "
        "Organizations) and smuggling networks.",
        "For example, ICE ... is helping train and equip foreign counterparts to collect "
        "biometric and biographic data on persons of interest and potential threat actors. The "
        "data allow us to map illicit pathways, discover emerging trends and catch known or "
        "suspected terrorists while they are still far from our border.",
    ], attribution=["DHS Acting Secretary Elaine Duke", "Senate Testimony", "September, 2017"]),
    Seed(12, "Border: Migrant Flows", "section", paras=[]),
    Seed(13, "Migrant Flows", "bullets + chart", picture=True, contains=[
        "The flow of Mexican immigrants to the U.S. is at the lowest levels since the 1990s.",
        "The number of Mexican immigrants in the U.S. has been dropping since 2007.",
        "In FY 2016, apprehensions of Mexican unauthorized immigrants declined 15.8% from "
        "FY 2014, and they continue to drop this year.",
    # the seed's "Source: PEW Research Center, 2016" precedes slide 14's headline, as every
    # seed slide's source line does; this slide's source is its chart's
    ], source=["Source: Pew Research Center estimates"]),
    Seed(14, "Net Migration from Mexico", "chart + callout", picture=True, contains=[
        "In 2016, there were 1.3 million less unauthorized Mexican immigrants in the US than "
        "in 2007",
    ], source=["Source: PEW Research Center, 2016"], notes="1.5 million"),
    Seed(15, "Recent Apprehensions", "chart", picture=True,
         phrases=["USBP Southwest Border Total Apprehensions"]),
    Seed(16, "Migrant Apprehensions: US-Mexico Cooperation", "comparison",
         stats=[("175,136", "Deportations by Mexico"), ("134,572", "Apprehensions by the U.S.")],
         source=["Source: Unidad de Politica Migratoria, 2015; CBP Border Security Report "
                 "FY 2015"], notes="not strictly comparable"),
    Seed(17, "Helping Northern Triangle", "section", paras=["June 15 2017"]),
    Seed(18, "Addressing Central American Migration", "bullets", paras=[
        "The United States and Mexico enhanced cooperation on Central America in response to "
        "the 2014 surge of child and family migrants. This includes work at Mexico’s southern "
        "border against smuggling of people and drugs.",
        "In June 2017, the US and Mexico hosted a Conference on Prosperity and Security in "
        "Central America in Miami. Commitments included:",
        "U.S. FY 2018 budget request for $460 million to address economic, security, and "
        "governance challenges in the Northern Triangle (NT).",
        "NT support for a migration observatory to study and share information on regional "
        "migration flows.",
        "Agreement to improved information sharing, cooperation and U.S. assistance to combat "
        "transnational criminal organizations.",
        "$53 million from Mexico for three NT infrastructure projects.",
    ], markers=["none", "none", "char", "char", "char", "char"]),
    Seed(19, "Security and Justice Cooperation", "section", paras=[]),
    Seed(20, "US-Mexico Law Enforcement/Security Cooperation", "diagram (3 boxes)", paras=[
        "Mérida Initiative Programs & Agency-to-Agency Cooperation",
        "Defense Dialogues & Cooperation",
        "Security Coordination Group",
    ]),
    Seed(21, "Mérida Initiative: Evolving", "numbered list + stats", contains=[
        "Disrupting the operational capacity of organized crime.",
        "Institutionalizing reforms to sustain the rule of law and respect for human rights in "
        "Mexico.",
        "Creating a “21st Century Border”.",
        "Building strong and resilient communities.",
    ], stats=[("$2.6 billion", "appropriated by the US since 2008."),
              ("$1.6 billion", "already spent on training and equipment via over 100 programs.")],
         phrases=["Mexico has spent over 10 times more."]),
    Seed(22, "Opioids Change the Game", "section + chart", picture=True,
         phrases=["Total US Deaths from Illegal Drugs"], notes="63,632"),
    Seed(23, "Drugs Involved in US Overdose Deaths 2000-2016", "chart", picture=True,
         notes="2016 breakdown"),
    Seed(24, "2014 Death Rates for Drug Poisoning", "image/map",
         # the seed's line credits the county map, which is not shown: it is said as the map's
         # in the body (see test_slide24_counts_and_the_map_credit_apart); the counts' own
         # source is the footer
         source=["Source: CDC, MMWR 65(50-51)"], notes="MMWR"),
    Seed(25, "U.S. Opioid Crisis", "bullets", paras=[
        "Opium derivatives use: over 5% of the U.S. population in 2013.",
        "Since 1999, overdose deaths involving opioids has quadrupled.",
        "Opium and heroin production in Mexico has grown substantially, as has transshipment of "
        "illicit opioids, e.g., Fentanyl, from China.",
        "In 2016, Presidents Peña Nieto and Obama launched a working group on drugs and "
        "dismantling criminal networks.",
    ], source=["Sources: The Globalist, The White House, CDC."]),
    Seed(26, "Addressing Organized Crime and Drugs in 2017", "timeline"),
    Seed(27, "2017 Agreements to Combat Illicit Drug Trade", "bullets + quotes", paras=[
        "Partner to destroy criminal organizations.",
        "Address the demand for illicit drugs among US citizens.",
        Q("We have one common objective to end the tragic impacts of illicit drug trade on both "
          "sides of our border,", by="Secretary Tillerson"),
        "Necessary tools: physical barriers, technology, patrolling, eradication, enhanced law "
        "enforcement and justice actions, and anti-addiction programs.",
        "Go after all elements in the chain: means of production, cross-border distribution "
        "networks, flows of cash and profits, weapons procurement.",
        Q("It’s a multifaceted problem…it needs multifaceted solutions,", by="Secretary Kelly"),
    ], markers=["char", "char", "none", "char", "char", "none"]),
    Seed(28, "Violence up in Mexico: Mexican Strategy and Tactics?", "section", paras=[]),
    Seed(29, "Homicides in Mexico", "chart + bullets", picture=True, contains=[
        "January-June 2017: 12,155 killings: up 30.7% from the same period in 2016.",
        "June 2017: the most violent month in the last 20 years.",
        "Law enforcement appears overwhelmed; cartels fighting, crime expanded, e.g. oil theft, "
        "more states affected.",
        "Revised U.S. travel warning for vacation spots.",
    # the seed's second source line, for the bullets (12,155 are SESNSP case files); the
    # chart's source (INEGI) is its note, under the chart
    ], source=["Source: Secretaria Ejecutiva de Seguridad Nacional, El Financiero & Dallas "
               "Morning News, 2017"], notes="12,155"),
    # slides.md: "Verified: 68% of 2017 homicides with firearms (INEGI)"
    Seed(30, "Assaults and Homicides Committed with Firearms", "chart/stat",
         phrases=["68%", "homicides in Mexico in 2017", "firearms"], source=["INEGI"]),
    # slides.md: "No verified 2016/17 series: text slide"
    Seed(31, "Justice Reform: People Detained Without Conviction", "stat/text",
         phrases=["detained without conviction"], notes="could not be sourced"),
    Seed(32, "Illicit Financial Flows", "section", paras=[]),
    Seed(33, "Illicit Financial Flows", "bullets", paras=[
        "An estimated $18 to $30 billion a year made in selling drugs in the U.S. -- Most "
        "illicit proceeds return to Mexico.",
        "Banks have a vital role in identifying and blocking these illicit financial "
        "transactions, applying smarter risk management, better “know your customer” "
        "practices, following AML regulations, and closely cooperating with authorities.",
        "Culture and practice must change. Financial crime risk must be fully integrated into "
        "the commercial lines of business; employees need the tools, IT systems and training to "
        "detect potentially illicit transactions.",
    ]),
    Seed(34, "U.S.-Mexico Work Against Illicit Finance", "nested bullets", paras=[
        "In 2012, U.S. Treasury and Mexico's Finance Ministry agreed a joint agenda to increase "
        "financial transparency, including:",
        Sub("Bilateral meetings with the private sector."),
        Sub("Strengthening anti-money laundering and counter-terrorism finance regulation."),
        Sub("Increasing the flow of financial information between banks."),
        Sub("Encouraging supervision on a risk-based approach and providing guidance."),
        Sub("More cooperation on AML investigations and steps to freeze or seize assets."),
        "In 2014, launched the U.S.- Mexico Strategic Dialogue on Illicit Finance (SDIF) "
        "involving enforcement and judicial authorities.",
    ]),
    Seed(35, "A Strong Partnership with Mexico", "section", paras=[]),
    Seed(36, "U.S. Public Perception of Mexico Improving", "chart", picture=True),
    Seed(37, "Next Steps in US-Mexico Law Enforcement Cooperation", "numbered list", paras=[
        "Continue, adjust and focus U.S. Merida assistance to strengthen professionalization, "
        "capacity, and efficiency of Mexico's law enforcement and justice institutions. "
        "Continue justice reform.",
        "Improve intelligence sharing and enhance law enforcement operations against organized "
        "crime, attacking distribution systems, identifying financial networks, and blocking "
        "arms smuggling into Mexico. Increase convictions. Attack corruption.",
        "Augment and support Mexican eradication of opium production and destruction of heroin "
        "and meth labs; increase interception of precursor chemicals and fentanyl. Support "
        "alternatives for local population.",
    ], markers=["num"] * 3),
    Seed(38, "Next Steps in US-Mexico Law Enforcement Cooperation", "numbered list", paras=[
        "Implement a joint strategy to identify and disrupt cartel financial systems, including "
        "use of third parties, and to seize/freeze assets and convict money launderers.",
        "Deepen cooperation with the private financial sector to allow more information sharing "
        "and cooperation.",
        "Assure regular cabinet and sub-cabinet meetings to track progress.",
        "Work with regional partners (Central America and Colombia).",
        "Follow through with US commitments to enhance enforcement actions and anti-addiction "
        "and rehabilitation programs in the US.",
    ], markers=["num"] * 5),
    Seed(39, "U.S.-Mexico Tasks Ahead", "nested bullets", paras=[
        "Trade:",
        Sub("Successfully complete NAFTA modernization negotiations."),
        "Bilateral Security Cooperation:",
        Sub("Better manage migration and travel; intercept terrorists."),
        Sub("Better fight organized crime, attacking production, distribution, logistics, finance "
            "networks, arms smuggling, and addiction/demand."),
        Sub("Continue to support Central America; partner with others."),
        Sub("Deepen military-to-military cooperation and partnership."),
        "Improve Competitiveness:",
        Sub("Enhance technology, information sharing and processes to improve security and "
            "facilitation of legitimate trade and travel."),
        # the seed writes "complimentary"; the slide map allows correcting the typo
        Sub("Invest in programs, including education, to further develop the complementary "
            "nature of the two economies, create jobs and improve global competitiveness."),
    ]),
]

TIMELINE_26 = [
    ("February", "Secretary of State Tillerson and Homeland Security Secretary Kelly visit Mexico "
                 "to reinitiate dialogue."),
    ("March", "Executive Order establishes a Presidential Commission on Combating Drug Addiction "
              "and the Opioid Crisis."),
    ("May", "Secretaries Tillerson, Kelly, and Mexican Secretaries Videgaray and Osorio Chong meet "
            "in Washington and agree on a strategic work agenda."),
    ("July", "DHS Kelly and CIA Director Pompeo visit Mexico to follow up; meet with President "
             "Peña Nieto and others; visit Guerrero with Military Secretaries."),
    ("August", "President Trump says he will declare opioid crisis a national emergency."),
]

# Corrected form -> what the seed text says. Each correction is a typo fix, not a change of
# meaning; test_expectations_come_from_the_seed checks the seed really says it.
SEED_CORRECTIONS = {
    "complementary": "complimentary",
    "B. Bastian": "B.Bastian",
    "Bureau of Transportation Statistics": "Bureau of transportation statistics",
    "El Financiero & Dallas": "El financier & Dallas",
}

SECTIONS = [s.number for s in SEED if s.kind == "section"]
# slides whose expected source line is the seed's own (the others name a chart's data source)
SOURCES_FROM_THE_SEED = {4, 5, 6, 14, 16, 25, 29}


def _slide(prs, number: int):
    return prs.slides[number - 1]


def _ids(seed: Seed) -> str:
    return f"slide{seed.number:02d}"


def _matches(item: Item, para) -> bool:
    if isinstance(item, Q):
        by = rf"\s*[\u2014\u2013-]?\s*{re.escape(norm(item.by))}" if item.by else ""
        return re.fullmatch(rf'"?{re.escape(norm(item.text))}"?{by}', para.text) is not None \
            and para.level == 0
    level = 1 if isinstance(item, Sub) else 0
    text = item.text if isinstance(item, Sub) else item
    return para.text == norm(text) and para.level == level


def _describe(paras) -> str:
    return "\n".join(f"  [{p.level}] {p.text}" for p in paras)


# ----- the deck as a whole ------------------------------------------------------------------

def test_seed_deck_has_39_slides(seed_prs):
    assert len(SEED) == 39
    assert len(seed_prs.slides) == 39


def test_titles_in_order(seed_prs):
    actual = [norm(slide.shapes.title.text) if slide.shapes.title is not None else None
              for slide in seed_prs.slides]
    expected = [norm(s.title) if s.title else actual[s.number - 1] for s in SEED]
    assert actual == expected


def test_slide_is_16_by_9(seed_prs):
    assert seed_prs.slide_width * 9 == pytest.approx(seed_prs.slide_height * 16, rel=1e-3)


@pytest.mark.skipif(not SEED_TEXT.is_file(), reason="seed text not available")
def test_expectations_come_from_the_seed():
    """Every expected string in this file is in the seed text (up to listed typo fixes)."""
    seed = norm(SEED_TEXT.read_text(encoding="utf-8"))
    missing = []
    for s in SEED:
        strings = [i.text if isinstance(i, (Sub, Q)) else i
                   for i in (s.paras or []) + s.contains]
        strings += s.quote + s.attribution + [s.title or ""]
        strings += [t for pair in TIMELINE_26 for t in pair] if s.number == 26 else []
        strings += [part for stat in s.stats for part in stat]
        strings += [phrase for phrase in s.source if s.number in SOURCES_FROM_THE_SEED]
        for text in strings:
            expected = norm(text)
            for fixed, original in SEED_CORRECTIONS.items():
                expected = expected.replace(fixed, original)
            if expected and expected not in seed:
                missing.append((s.number, text))
    assert missing == []


# ----- slide by slide -----------------------------------------------------------------------

@pytest.mark.parametrize("seed", SEED, ids=_ids)
def test_title_in_title_placeholder(seed_prs, seed):
    slide = _slide(seed_prs, seed.number)
    title = slide.shapes.title
    assert title is not None, "no title placeholder"
    assert title.is_placeholder
    assert title.placeholder_format.type in title_placeholder_types()
    if seed.title is not None:
        assert norm(title.text) == norm(seed.title)
    else:
        assert seed.title_has in title.text
    # the title text is not repeated in another text box
    assert all(norm(s.text_frame.text) != norm(title.text)
               for s in slide.shapes if s.has_text_frame and s.shape_id != title.shape_id)


@pytest.mark.parametrize("seed", [s for s in SEED if s.paras is not None], ids=_ids)
def test_body_paragraphs_exact(seed_prs, seed):
    paras = body_paragraphs(_slide(seed_prs, seed.number), seed_prs)
    ok = len(paras) == len(seed.paras) and all(map(_matches, seed.paras, paras))
    assert ok, f"slide {seed.number} body:\n{_describe(paras)}"
    if seed.markers is not None:
        assert [p.marker for p in paras] == seed.markers


@pytest.mark.parametrize("seed", [s for s in SEED if s.contains], ids=_ids)
def test_body_contains_paragraphs_in_order(seed_prs, seed):
    paras = body_paragraphs(_slide(seed_prs, seed.number), seed_prs)
    position = 0
    for item in seed.contains:
        while position < len(paras) and not _matches(item, paras[position]):
            position += 1
        assert position < len(paras), f"{item!r} not found in order in:\n{_describe(paras)}"
        position += 1


@pytest.mark.parametrize("seed", [s for s in SEED if s.phrases], ids=_ids)
def test_body_phrases(seed_prs, seed):
    text = " ".join(p.text for p in body_paragraphs(_slide(seed_prs, seed.number), seed_prs))
    for phrase in seed.phrases:
        assert norm(phrase) in text


@pytest.mark.parametrize("seed", [s for s in SEED if s.stats], ids=_ids)
def test_stats_value_then_label_in_one_shape(seed_prs, seed):
    """Each big number sits in one shape with its label right under it, set larger."""
    slide = _slide(seed_prs, seed.number)
    for stat in seed.stats:
        *lead, value, label = stat
        found = False
        for shape in body_shapes(slide, seed_prs):
            paras = shape_paragraphs(shape)
            texts = [p.text for p in paras]
            if norm(value) not in texts:
                continue
            i = texts.index(norm(value))
            assert i + 1 < len(texts) and texts[i + 1] == norm(label), texts
            if lead:
                assert i >= 1 and texts[i - 1] == norm(lead[0]), texts
            assert min(paras[i].sizes) > max(paras[i + 1].sizes), "number not larger than label"
            found = True
        assert found, f"stat {value!r} not found on slide {seed.number}"


@pytest.mark.parametrize("seed", [s for s in SEED if s.kind == "stat"], ids=_ids)
def test_big_numbers_are_the_largest_text(seed_prs, seed):
    slide = _slide(seed_prs, seed.number)
    values = {norm(stat[-2]) for stat in seed.stats}
    sizes = {}
    for shape in slide.shapes:
        if shape.has_text_frame:
            for p in shape_paragraphs(shape):
                sizes[p.text] = max(p.sizes)
    biggest = max(sizes.values())
    assert values and all(sizes[v] == biggest for v in values), sizes


@pytest.mark.parametrize("seed", [s for s in SEED if s.quote], ids=_ids)
def test_quote_and_attribution(seed_prs, seed):
    slide = _slide(seed_prs, seed.number)
    shapes = body_shapes(slide, seed_prs)
    quote_shape = next(s for s in shapes if any(
        _matches(Q(seed.quote[0]), p) for p in shape_paragraphs(s)))
    paras = shape_paragraphs(quote_shape)
    assert len(paras) == len(seed.quote), _describe(paras)
    for expected, para in zip(seed.quote, paras):
        assert _matches(Q(expected), para), para.text
    assert paras[0].text.startswith('"') and paras[-1].text.endswith('"')
    # the attribution is set apart: its own shape, beneath the quotation
    others = [s for s in shapes if s.shape_id != quote_shape.shape_id]
    attribution = " | ".join(norm(s.text_frame.text) for s in others)
    for phrase in seed.attribution:
        assert norm(phrase) in attribution
    below = [s for s in others if any(norm(seed.attribution[0]) in p.text
                                      for p in shape_paragraphs(s))]
    assert below and below[0].top >= quote_shape.top + quote_shape.height


@pytest.mark.parametrize("seed", [s for s in SEED if s.source], ids=_ids)
def test_source_line_at_bottom(seed_prs, seed):
    footer = " | ".join(footer_texts(_slide(seed_prs, seed.number), seed_prs))
    for phrase in seed.source:
        assert norm(phrase) in footer, footer


@pytest.mark.parametrize("seed", [s for s in SEED if s.notes], ids=_ids)
def test_speaker_notes(seed_prs, seed):
    slide = _slide(seed_prs, seed.number)
    assert slide.has_notes_slide
    assert norm(seed.notes) in norm(notes_text(slide))
    # notes belong in the notes page, not on the slide
    on_slide = " ".join(norm(s.text_frame.text) for s in slide.shapes if s.has_text_frame)
    assert norm(notes_text(slide)) not in on_slide


@pytest.mark.parametrize("seed", SEED, ids=_ids)
def test_pictures_only_where_the_seed_had_one(seed_prs, seed):
    pictures = [s for s in _slide(seed_prs, seed.number).shapes if is_picture(s)]
    assert bool(pictures) == seed.picture


def test_chart_slides_have_a_source_line(seed_prs):
    for seed in SEED:
        if seed.picture:
            footer = footer_texts(_slide(seed_prs, seed.number), seed_prs)
            assert any(t.startswith("Source") for t in footer), (seed.number, footer)


# ----- special structures -------------------------------------------------------------------

def test_numbered_list_continues_on_slide_38(seed_prs):
    first = [p for p in body_paragraphs(_slide(seed_prs, 37), seed_prs) if p.marker == "num"]
    second = [p for p in body_paragraphs(_slide(seed_prs, 38), seed_prs) if p.marker == "num"]
    assert len(first) == 3 and len(second) == 5
    assert all(p.start_at in (None, 1) for p in first)
    assert second[0].start_at == 4
    assert all(p.start_at == 4 for p in second)  # one list: every paragraph shares startAt


def test_numbered_list_xml_on_slide_38(seed_prs):
    shape = body_shapes(_slide(seed_prs, 38), seed_prs)[0]
    xml = shape.text_frame.paragraphs[0]._p.xml
    assert re.search(r'<a:buAutoNum [^>]*type="arabicPeriod"', xml)
    assert 'startAt="4"' in xml


def test_merida_pillars_are_numbered_from_one(seed_prs):
    paras = body_paragraphs(_slide(seed_prs, 21), seed_prs)
    numbered = [p for p in paras if p.marker == "num"]
    assert [p.text for p in numbered] == [norm(t) for t in SEED[20].contains]
    assert all(p.start_at in (None, 1) for p in numbered)


def test_timeline_dates_beside_their_events(seed_prs):
    slide = _slide(seed_prs, 26)
    shapes = {norm(s.text_frame.text): s for s in body_shapes(slide, seed_prs)}
    tops = []
    for date, text in TIMELINE_26:
        assert norm(date) in shapes and norm(text) in shapes, sorted(shapes)
        date_shape, text_shape = shapes[norm(date)], shapes[norm(text)]
        assert date_shape.top == text_shape.top
        assert date_shape.left + date_shape.width <= text_shape.left
        tops.append(date_shape.top)
    assert tops == sorted(tops) and len(set(tops)) == len(tops)


@pytest.mark.parametrize("number", [7, 20])
def test_tiles_are_separate_boxes_in_reading_order(seed_prs, number):
    shapes = body_shapes(_slide(seed_prs, number), seed_prs)
    expected = [norm(t) for t in SEED[number - 1].paras]
    assert [norm(s.text_frame.text) for s in shapes] == expected
    rows = [(s.top, s.left) for s in shapes]
    assert rows == sorted(rows)


@pytest.mark.parametrize("number", SECTIONS)
def test_section_slides_are_full_bleed(seed_prs, number):
    slide = _slide(seed_prs, number)
    fill = shown_background(slide)
    assert fill.type == MSO_FILL.SOLID
    if fill.fore_color.type == MSO_COLOR_TYPE.SCHEME:  # a colour of the deck's theme
        assert fill.fore_color.theme_color not in (MSO_THEME_COLOR.BACKGROUND_1,
                                                   MSO_THEME_COLOR.LIGHT_1)
    else:
        assert fill.fore_color.rgb != RGBColor(0xFF, 0xFF, 0xFF)


def test_content_slides_share_one_title_band(seed_prs):
    """Every content slide puts its title at the same place."""
    bands = {(s.shapes.title.left, s.shapes.title.top, s.shapes.title.width,
              s.shapes.title.height)
             for seed, s in zip(SEED, seed_prs.slides) if seed.kind not in ("title", "section")}
    assert len(bands) == 1, bands


def test_footer_row_shares_one_baseline(seed_prs):
    bottoms = set()
    limit = round(seed_prs.slide_height * 0.9)
    for slide in seed_prs.slides:
        for shape in slide.shapes:
            if shape.has_text_frame and shape.top >= limit:
                bottoms.add(shape.top + shape.height)
    assert len(bottoms) == 1, bottoms


def test_slide_numbers_count_up(seed_prs):
    for number, slide in enumerate(seed_prs.slides, start=1):
        footer = footer_texts(slide, seed_prs)
        if number == 1:
            continue  # the cover carries no slide number
        assert any(re.search(rf"(^|\D){number}$", t) for t in footer), (number, footer)


# ----- true to the sources: each number under the source that supports it, caveats on the
# slide, headlines that match what is shown (../shared/seed/figures.md is the authority) -----

def _on_slide(slide) -> str:
    """All text a viewer sees on the slide (not the notes), normalised."""
    return norm(" ".join(s.text_frame.text for s in slide.shapes if s.has_text_frame))


def _chart_alt(slide) -> str:
    alts = [s._element.xpath("./*[1]/p:cNvPr/@descr") for s in slide.shapes if is_picture(s)]
    assert len(alts) == 1 and alts[0], "expected one chart picture with alt text"
    return norm(alts[0][0])


def _footer(prs, number: int) -> str:
    return " | ".join(footer_texts(_slide(prs, number), prs))


def test_cover_shows_only_what_the_seed_has(seed_prs):
    """No invented subtitle or byline: the title and the seed's year."""
    texts = [norm(s.text_frame.text) for s in _slide(seed_prs, 1).shapes
             if s.has_text_frame and s.text_frame.text.strip()]
    assert sorted(texts) == sorted(["Importance of Partnership with Mexico", "2017"]), texts


def test_file_properties_a_reader_expects(seed_prs):
    """Title, language and the deck's year as created/modified; nothing made up."""
    props = seed_prs.core_properties
    assert props.title == "Importance of Partnership with Mexico"
    assert props.created.year == props.modified.year == 2017
    assert props.last_printed is None
    names = {child.tag.rpartition("}")[2] for child in props._element}
    assert not names & {"lastPrinted", "keywords", "description", "category"}, names
    assert props.author == "" and "creator" not in names   # the seed names no author


def test_no_text_addressed_to_the_editor(seed_prs):
    for number, slide in enumerate(seed_prs.slides, 1):
        text = _on_slide(slide).lower()
        assert "the original slide" not in text and "original presentation" not in text, number


def test_slide14_source_is_the_seeds_and_13_has_its_charts(seed_prs):
    """In the seed each slide's source line comes before its headline, so the Pew line is
    slide 14's; slide 13's footer names its own chart's data."""
    seed = norm(SEED_TEXT.read_text(encoding="utf-8")) if SEED_TEXT.is_file() else None
    if seed is not None:
        assert "Source: PEW Research Center, 2016 Net Migration from Mexico" in seed
    assert "PEW Research Center, 2016" in _footer(seed_prs, 14)
    assert "PEW Research Center, 2016" not in _footer(seed_prs, 13)


def test_slide14_callout_caveat_and_periods_on_the_slide(seed_prs):
    """The callout's 1.3 million disagrees with slide 13's chart (6.9 - 5.4 = 1.5 million):
    the slide says so. The periods overlap and 2000-2005 has no estimate: both are shown."""
    slide = _slide(seed_prs, 14)
    text = _on_slide(slide)
    assert "1.3 million" in text and "1.5 million" in text and "6.9 to 5.4 million" in text
    assert "overlap" in text and "2000–2005" in text
    alt = _chart_alt(slide)
    assert "no value for 2000–2005" in alt
    # the periods in time order, the missing one in its place
    assert alt.index("1995–2000") < alt.index("2009–2014")


def test_slide16_says_the_figures_are_not_comparable(seed_prs):
    """Calendar-year deportations vs fiscal-year apprehensions, neither verified: on the
    slide, each basis in the panel of its number."""
    slide = _slide(seed_prs, 16)
    panels = {norm(s.text_frame.text): s for s in body_shapes(slide, seed_prs)}
    left = next(t for t in panels if "175,136" in t)
    right = next(t for t in panels if "134,572" in t)
    assert "Calendar year 2015 (not verified)" in left
    assert "Fiscal year 2015 (not verified)" in right
    assert "Not like for like" in _footer(seed_prs, 16)


def test_slide21_crs_covers_only_what_crs_states(seed_prs):
    """CRS R41349 gives $2.6 billion appropriated and $1.6 billion *delivered*; it does not
    give the program count or Mexico's spending, and the seed says *over* 10 times."""
    footer = _footer(seed_prs, 21)
    assert "Congressional Research Service, R41349" in footer
    assert "$2.6 and $1.6 billion" in footer and "delivered" in footer
    assert "the rest as stated in 2017" in footer
    values = [p.text for p in body_paragraphs(_slide(seed_prs, 21), seed_prs)]
    assert "Over 10×" in values and "10×" not in values


def test_slide22_subtitle_says_what_the_data_counts(seed_prs):
    """The seed's chart title says illegal drugs; the CDC series counts every overdose
    death: the subtitle says so, and the opioid count is why 2016 stands out."""
    slide = _slide(seed_prs, 22)
    text = _on_slide(slide)
    assert "Total US Deaths from Illegal Drugs" in text
    assert "all drug overdose deaths" in text and "prescription" in text
    assert "2016: 63,632 (highlighted: 42,249 involved opioids)" in _chart_alt(slide)


def test_slide23_subtitle_says_which_years_are_shown(seed_prs):
    """The headline keeps the seed's 2000-2016; the chart has 2016 only, and says so."""
    slide = _slide(seed_prs, 23)
    assert "2000-2016" in slide.shapes.title.text
    assert "Shown: 2016 only" in _on_slide(slide)
    assert "Deaths in 2016" in _chart_alt(slide)


def test_slide24_counts_and_the_map_credit_apart(seed_prs):
    """The counts sit under their own source (CDC MMWR); the seed's credit line is said as
    the county map's, which is not shown; the slide says it shows counts, not rates."""
    slide = _slide(seed_prs, 24)
    footer = _footer(seed_prs, 24)
    assert "MMWR 65(50-51)" in footer and "Designed by" not in footer
    body = " ".join(p.text for p in body_paragraphs(slide, seed_prs))
    assert "Counts, not rates" in body
    assert "map source: CDC/NCHS, National Vital Statistics System, 2014" in body
    assert "Designed by L. Rossen, B. Bastian & Y. Chong" in body


def test_slide29_each_number_under_its_source(seed_prs):
    """The bullets' SESNSP figure under the seed's second source line (with the Secretariado
    Ejecutivo); the chart's INEGI source in the note right under the chart, which also says
    the two count different things."""
    slide = _slide(seed_prs, 29)
    assert "Secretaria Ejecutiva de Seguridad Nacional" in _footer(seed_prs, 29)
    chart = next(s for s in slide.shapes if is_picture(s))
    notes_under = [s for s in body_shapes(slide, seed_prs)
                   if norm(s.text_frame.text).startswith("Chart: INEGI")]
    assert len(notes_under) == 1
    note = notes_under[0]
    assert chart.top + chart.height <= note.top
    assert note.left < chart.left + chart.width and chart.left < note.left + note.width
    assert "12,155 are SESNSP case files" in norm(note.text_frame.text)


@pytest.mark.parametrize("number, caveat", [
    (5, "4.9 million"), (6, "both directions")])
def test_caveats_that_change_a_number_are_on_the_slide(seed_prs, number, caveat):
    assert caveat in _on_slide(_slide(seed_prs, number))


@pytest.mark.parametrize("number", [13, 14, 15, 22, 23, 29, 36])
def test_every_highlight_says_why(seed_prs, number):
    alt = _chart_alt(_slide(seed_prs, number))
    # the alt text reads each value, a highlight's reason after it: "(highlighted: Peak)"
    marks = re.findall(r"\(highlighted(?:: ([^)]+))?\)", alt)
    assert marks and all(marks), alt
