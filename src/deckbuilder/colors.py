"""WCAG 2 colour contrast, shared by lint (checks it), charts and templates (choose readable
text colours), so the three always agree."""

from __future__ import annotations

from functools import lru_cache


def to_linear(c: float) -> float:
    """An sRGB channel (0 to 1) as linear light."""
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def to_srgb(c: float) -> float:
    """A linear-light channel (0 to 1) as sRGB."""
    return c * 12.92 if c <= 0.0031308 else 1.055 * c ** (1 / 2.4) - 0.055


@lru_cache(maxsize=4096)  # lint asks for the same few colours thousands of times
def luminance(color: str) -> float:
    """Relative luminance of a 6-digit hex sRGB colour (WCAG 2)."""
    r, g, b = (to_linear(int(color[i:i + 2], 16) / 255) for i in (0, 2, 4))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def ratio(foreground: str, background: str) -> float:
    """Contrast ratio between two hex colours, 1 to 21."""
    high, low = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (high + 0.05) / (low + 0.05)
