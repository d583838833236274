"""The one rule for which characters text may carry into a ``.pptx``.

XML 1.0 cannot hold C0 control characters (other than tab, line feed and carriage return),
U+FFFE, U+FFFF or lone surrogates; lxml refuses them and PowerPoint refuses a file with them.
Text reaches the file from the deck (and, through templates, from data files), from chart
data files and their ``.meta.yaml``, and from themes; each source is cleaned with
:func:`clean_value` as it is loaded, so every later stage (layout, charts, workbooks,
document properties) sees only text XML can hold. Render keeps one more rule of its own,
:func:`one_line`, for text written as a single run.
"""

from __future__ import annotations

import re
from typing import Any

# Controls that separate lines or records: a space keeps the words on either side apart.
_BREAKS = {c: " " for c in (0x0B, 0x0C, 0x1C, 0x1D, 0x1E)}
_NOT_XML = re.compile("[\x00-\x08\x0e-\x1b\x1f\ud800-\udfff\ufffe\uffff]")
_LINE_ENDS = {0x0A: " ", 0x0D: " "}


def clean_text(text: str) -> str:
    """``text`` without the characters XML 1.0 cannot hold."""
    return _NOT_XML.sub("", text.translate(_BREAKS))


def clean_value(value: Any) -> Any:
    """Plain data (mappings, lists, text, numbers) with every text cleaned, keys included."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, dict):
        return {clean_value(k): clean_value(v) for k, v in value.items()}
    if isinstance(value, list):
        return [clean_value(v) for v in value]
    return value


def one_line(text: str) -> str:
    """Cleaned text for one run or label: line ends become spaces, not glue."""
    return clean_text(text).translate(_LINE_ENDS)
