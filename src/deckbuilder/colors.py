"""WCAG 2 colour contrast, shared by lint (checks it), charts and templates (choose readable
text colours), so the three always agree."""

from __future__ import annotations


def luminance(color: str) -> float:
    """Relative luminance of a 6-digit hex sRGB colour (WCAG 2)."""
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(int(color[i:i + 2], 16)) for i in (0, 2, 4))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def ratio(foreground: str, background: str) -> float:
    """Contrast ratio between two hex colours, 1 to 21."""
    high, low = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (high + 0.05) / (low + 0.05)
