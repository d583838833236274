"""The smallest type each text role may use, derived from the theme's type scale.

Fitting never shrinks a run below its role's floor, and lint (rule ``font-min``) warns about
any run that is smaller, so the two always agree. The table is documented in docs/lint.md.
"""

from __future__ import annotations

import math

from ..theme import Theme


def _half_point(value: float) -> float:
    """Rounded down to the half-point grid that fitting sizes are on."""
    return math.floor(value * 2) / 2


def minimum_size(theme: Theme, role: str) -> float:
    """Smallest size (pt) a run in a text box of ``role`` may have."""
    sizes = theme.sizes
    # Secondary text (sub-bullets, labels, captions): the size it has when body text sits at
    # the theme's body minimum; small print (sources, slide numbers): a fifth under its size.
    secondary = _half_point(sizes.body_min * sizes.secondary / sizes.body)
    small = _half_point(sizes.source * 0.8)
    return {
        "title": sizes.title_min,
        "subtitle": sizes.body_min,
        "quote": sizes.quote_min,
        "body": secondary,
        "stat": secondary,
        "label": small,
        "source": small,
        "footer": small,
        "number": small,
    }[role]
