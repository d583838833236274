"""A Markdown outline of the built deck, for reviews and diffs.

It reads the presentation IR, not the YAML: what it lists is what the slides show, after
templating, numbering and ``(cont.)`` splits. Slide furniture (title rules, footer text,
slide numbers) is left out; sources and speaker notes are kept because reviewers check them.
"""

from __future__ import annotations

import re
from dataclasses import replace
from itertools import groupby
from typing import NamedTuple

from .ir import (ChartBox, Element, Paragraph, Picture, Presentation, Run, Slide, TableBox,
                 TextBox)

INDENT = "    "  # deep enough to nest under "- " and under "10. "
_MARKUP = re.compile(r"([\\`*_\[\]<])")


class Block(NamedTuple):
    text: str
    list_item: bool = False  # consecutive list items stay together as one list


def outline(presentation: Presentation) -> str:
    """The whole deck as Markdown: one section per slide, in slide order."""
    parts = [f"# {_escape(presentation.title)}"]
    parts.extend(_join(_slide(slide)) for slide in presentation.slides)
    return "\n\n".join(parts) + "\n"


def _join(blocks: list[Block]) -> str:
    text = ""
    for previous, block in zip([None, *blocks], blocks):
        if previous is not None:
            text += "\n" if previous.list_item and block.list_item else "\n\n"
        text += block.text
    return text


def _slide(slide: Slide) -> list[Block]:
    blocks = [Block(f"## {slide.number}. {_escape(slide.title)}")]
    sources = []
    for element in slide.elements:
        if isinstance(element, TextBox) and element.role == "source":
            sources.append(Block(f"*{_escape(element.text)}*"))
        else:
            blocks.extend(_element(element, slide))
    blocks.extend(sources)
    if slide.notes:
        blocks.append(Block("**Notes:** " + "\n".join(_inline(p) for p in slide.notes)))
    return blocks


def _element(element: Element, slide: Slide) -> list[Block]:
    """Markdown blocks for one element; pure decoration gives none."""
    if isinstance(element, TextBox):
        return _text_box(element, slide)
    if isinstance(element, ChartBox):
        return [Block(f"**Chart:** {_escape(element.alt)}")]
    if isinstance(element, Picture):
        return [Block(f"**Image:** {_escape(element.alt)}")]
    if isinstance(element, TableBox):
        return [Block(_table(element))]
    return []


def _text_box(box: TextBox, slide: Slide) -> list[Block]:
    if box.role == "number" or (box.role == "title" and box.text == slide.title):
        return []
    if box.role == "quote":
        return [Block("\n>\n".join(f"> {_escape(p.text)}" for p in box.paragraphs))]
    if box.role == "stat":  # lead, number and label read as one line
        return [Block("- " + " ".join(_inline(p) for p in box.paragraphs), list_item=True)]
    return [_paragraph(p) for p in box.paragraphs]


def _paragraph(paragraph: Paragraph) -> Block:
    if paragraph.number is not None:
        marker = f"{paragraph.number}."
    elif paragraph.bullet:
        marker = "-"
    else:
        return Block(_inline(paragraph))
    return Block(f"{INDENT * paragraph.level}{marker} {_inline(paragraph)}", list_item=True)


def _inline(paragraph: Paragraph) -> str:
    return _marked(paragraph.runs)


def _marked(runs: tuple[Run, ...]) -> str:
    """Runs as Markdown: what the slide sets in bold (numbers, headings, ``**…**``) in
    bold, italic in italic, and links as links."""
    parts = []
    for (bold, italic, link), group in groupby(
            runs, key=lambda run: (run.font.bold, run.font.italic, run.link)):
        text = _escape("".join(run.text for run in group))
        core = text.strip()
        if core:
            marked = f"[{core}](<{link}>)" if link else core
            marked = f"*{marked}*" if italic else marked
            marked = f"**{marked}**" if bold else marked
            start = text.index(core)
            text = f"{text[:start]}{marked}{text[start + len(core):]}"
        parts.append(text)
    return "".join(parts)


def _escape(text: str) -> str:
    return _MARKUP.sub(r"\\\1", text)


def _table(table: TableBox) -> str:
    """The table as Markdown; the header row's bold is the table's, not the editor's."""
    def row(cells: list[tuple[Run, ...]]) -> str:
        return "| " + " | ".join(_marked(c).replace("|", "\\|") for c in cells) + " |"

    header = [tuple(replace(run, font=replace(run.font, bold=False)) for run in cell)
              for cell in table.cells[0]]
    rule = "| " + " | ".join({"left": ":--", "center": ":-:", "right": "--:"}[a]
                             for a in table.align) + " |"
    return "\n".join([row(header), rule, *(row(r) for r in table.cells[1:])])
