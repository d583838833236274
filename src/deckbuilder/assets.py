"""Resolve what slides read from disk (chart data, images, table cells) before layout.

Layout stays pure: it receives these as values keyed by slide index.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass
from typing import Any

from .charts.data import load_chart_data
from .errors import DeckError, ProblemCollector
from .load import SourceTree
from .model import ChartSlide, Deck, ImageSlide, TableSlide
from .paths import PathPolicy, Refused, TooLarge, read_bounded
from .table_data import table_cells

MAX_IMAGE_BYTES = 20 * 1024 * 1024
MAX_IMAGE_PIXELS = 40_000_000
MAX_ASPECT = 100  # a picture fitted to a slide beyond this shows as a hairline (or not at all)


@dataclass(frozen=True)
class ImageAsset:
    data: bytes
    width: int   # pixels
    height: int


def load_image(slide: ImageSlide, policy: PathPolicy, tree: SourceTree, index: int) -> ImageAsset:
    from PIL import Image

    pos = tree.pos(("slides", index, "image"))
    path = policy.resolve(slide.image, pos, "image")
    try:
        data = read_bounded(path, MAX_IMAGE_BYTES)
    except TooLarge as exc:
        raise DeckError.at(pos, f"image {exc}; export it smaller") from None
    except (Refused, OSError) as exc:  # replaced since it was resolved
        raise DeckError.at(pos, f"cannot read image '{slide.image}': "
                                f"{getattr(exc, 'strerror', None) or exc}") from None
    try:
        with warnings.catch_warnings():  # our own pixel limit below is the stricter one
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                width, height = image.size
                fmt = image.format
    except Image.DecompressionBombError:
        raise DeckError.at(pos, f"image has far more than {MAX_IMAGE_PIXELS:,} pixels (a "
                                "decompression bomb?); scale it down") from None
    except Exception:  # noqa: BLE001 - damaged files make PIL raise many kinds of errors
        raise DeckError.at(pos, f"'{slide.image}' is not a readable image (use PNG or JPEG)") from None
    if fmt not in ("PNG", "JPEG", "GIF", "BMP", "TIFF"):
        raise DeckError.at(pos, f"image format {fmt} is not supported; use PNG or JPEG")
    if width * height > MAX_IMAGE_PIXELS:
        raise DeckError.at(pos, f"image is {width}x{height} pixels, over the "
                                f"{MAX_IMAGE_PIXELS:,}-pixel limit; scale it down")
    if max(width, height) > MAX_ASPECT * min(width, height):
        raise DeckError.at(pos, f"image is {width}x{height} pixels, more than {MAX_ASPECT} times "
                                f"{'wider than tall' if width > height else 'taller than wide'}, "
                                "too thin to show on a slide; crop or pad it closer to square")
    return ImageAsset(data, width, height)


def resolve_assets(deck: Deck, tree: SourceTree, policy: PathPolicy) -> dict[int, Any]:
    """Chart data, images and table cells per slide index; every problem is collected."""
    problems = ProblemCollector()
    assets: dict[int, Any] = {}
    for index, slide in enumerate(deck.slides):
        try:
            if isinstance(slide, ChartSlide):
                assets[index] = load_chart_data(slide.chart, policy,
                                                tree.pos(("slides", index, "chart")),
                                                deck.phrases)
            elif isinstance(slide, ImageSlide):
                assets[index] = load_image(slide, policy, tree, index)
            elif isinstance(slide, TableSlide):
                assets[index] = table_cells(slide, policy, tree, index)
        except DeckError as exc:
            problems.extend(exc.problems)
    problems.raise_if_any()
    return assets
