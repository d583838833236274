"""Generated decks for the scale benchmark: N slides of bullets with speaker notes, a title
slide, a section every 25 slides and a few pictures (always the same few images, as real
decks reuse logos and photos).

``write_deck(folder, n)`` writes ``folder/deck.yaml`` (and the images next to it) and
returns its path. Run this file directly to time one size:
``python bench/bench_scale.py 1000``.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

IMAGES = 3          # distinct pictures, each shown on several slides
PICTURE_EVERY = 50  # one image slide every N slides
SECTION_EVERY = 25


def _png(seed: int) -> bytes:
    """A small deterministic PNG (a gradient with a band), without touching the network."""
    from PIL import Image

    image = Image.new("RGB", (640, 400))
    pixels = image.load()
    for x in range(640):
        for y in range(400):
            pixels[x, y] = ((x * (seed + 3)) % 256, (y * 2 + seed * 40) % 256, 140)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=False)
    return out.getvalue()


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write_deck(folder: Path, n: int) -> Path:
    """A deck of ``n`` slides in ``folder`` (created); returns the deck file."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "deckbuilder.toml").write_text("# project root marker for the benchmark\n")
    for i in range(IMAGES):
        (folder / f"picture{i + 1}.png").write_bytes(_png(i))
    lines = [
        "title: Scale benchmark",
        "author: deckbuilder bench",
        "date: 2024-01-01",
        "theme: default",
        "data:",
        "  region: Northern",
        "slides:",
        "  - kind: title",
        "    subtitle: A generated deck",
        "    notes: Generated for the benchmark.",
    ]
    for i in range(1, n):
        if i % PICTURE_EVERY == 0:
            lines += [
                "  - kind: image",
                f"    title: Picture {i}",
                f"    image: picture{(i // PICTURE_EVERY) % IMAGES + 1}.png",
                f"    alt: A gradient test picture, number {i}",
                f"    notes: Picture slide {i}.",
            ]
        elif i % SECTION_EVERY == 0:
            lines += ["  - kind: section", f"    title: Part {i // SECTION_EVERY}"]
        else:
            lines += [
                "  - kind: bullets",
                f"    title: {_quote(f'Topic {i}: the {{{{ region }}}} corridor')}",
                "    items:",
                f"      - {_quote(f'Trade through crossing {i} grew {i % 17 + 2} percent')}",
                f"      - {_quote(f'Inspections per day: {100 + i % 50}')}",
                "      - text: Staffing remains the main constraint",
                "        items:",
                f"          - {_quote(f'Shift {i % 3 + 1} is short by {i % 7 + 1} officers')}",
                f"      - {_quote(f'Next review in week {i % 52 + 1}')}",
                f"    notes: {_quote(f'Speaker notes for slide {i + 1}. Mention the trend.')}",
            ]
    deck = folder / "deck.yaml"
    deck.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return deck


if __name__ == "__main__":  # pragma: no cover - manual timing helper
    import subprocess
    import tempfile
    import time

    size = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    with tempfile.TemporaryDirectory() as tmp:
        deck = write_deck(Path(tmp) / "deck", size)
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "deckbuilder.cli", "build", str(deck), "-o",
                        str(Path(tmp) / "out.pptx")], check=True)
        print(f"{size} slides: {time.perf_counter() - started:.2f}s")
