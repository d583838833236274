"""Where things go on the category axis, decided before drawing (pure, testable).

Years need care, because seed data skips years it has no verified value for:

- Bars (column, grouped, stacked) keep one slot per row, equally spaced so bars stay equal,
  but a skipped year adds a small gap and a break mark (//) on the axis: 1996 and 2006 never
  look like neighbours.
- Lines, areas and scatter plots use a true time axis (positions are the years), and lines
  are broken wherever a year is missing or a value is a gap: no segment ever bridges a year
  without a verified value, and every verified point gets a marker.
"""

from __future__ import annotations

import math
import re

YEAR = re.compile(r"^\d{4}$")
BREAK_GAP = 0.45  # extra slot width where years are skipped on a bar chart
MAX_CATEGORY_LABELS = 100  # more cannot be read, and laying out each costs matplotlib ~5 ms


def years(x: list[str]) -> list[int] | None:
    """The x values as years when every one is a four-digit year in increasing order."""
    if not x or not all(YEAR.match(v) for v in x):
        return None
    values = [int(v) for v in x]
    return values if all(a < b for a, b in zip(values, values[1:])) else None


def slots(x: list[str]) -> tuple[list[float], list[float]]:
    """Bar positions and the axis positions of break marks between skipped years."""
    found = years(x)
    positions = [0.0]
    breaks: list[float] = []
    for i in range(1, len(x)):
        skipped = found is not None and found[i] - found[i - 1] > 1
        positions.append(positions[-1] + 1 + (BREAK_GAP if skipped else 0))
        if skipped:
            breaks.append((positions[-2] + positions[-1]) / 2)
    return positions, breaks


def line_positions(x: list[str]) -> tuple[list[float], bool]:
    """Positions on a line chart's x axis, and whether that axis is a time axis."""
    found = years(x)
    if found:
        return [float(v) for v in found], True
    return [float(i) for i in range(len(x))], False


def runs(x: list[str], values: list[float | None]) -> list[list[int]]:
    """Index runs a line may join: split at gaps and, on a time axis, at missing years."""
    found = years(x)
    out: list[list[int]] = []
    for i, value in enumerate(values):
        if value is None:
            continue
        joined = (out and out[-1][-1] == i - 1
                  and (found is None or found[i] - found[i - 1] == 1))
        if joined:
            out[-1].append(i)
        else:
            out.append([i])
    return out


def every_nth_label(positions: list[float], labels: list[str]) -> tuple[list[float], list[str]]:
    """At most MAX_CATEGORY_LABELS evenly spaced category ticks (all of them up to that)."""
    step = math.ceil(len(positions) / MAX_CATEGORY_LABELS) if positions else 1
    return positions[::step], labels[::step]


def nice_ticks(lo: float, hi: float, count: int = 5) -> list[float]:
    """Round tick values within [lo, hi]: the widest step of 1, 2, 2.5 or 5 × 10^k that still
    gives ``count - 1`` ticks or more (but not 2.5 itself: 0, 2.5, 5, 7.5 reads badly)."""
    span = hi - lo
    if span < 1e-300:  # none, or so small that 10**k underflows to 0 (found by test_fuzz.py)
        return [lo]
    base = 10.0 ** math.floor(math.log10(span))
    steps = [m * base * scale for scale in (0.01, 0.1, 1) for m in (1, 2, 2.5, 5)]
    usable = [step for step in steps if not math.isclose(step, 2.5)
              and len(_ticks(lo, hi, step)) >= count - 1]
    return _ticks(lo, hi, max(usable, default=steps[0]))


def _ticks(lo: float, hi: float, step: float) -> list[float]:
    first = math.ceil(lo / step - 1e-9)
    last = math.floor(hi / step + 1e-9)
    return [round(k * step, 10) for k in range(first, last + 1)]
