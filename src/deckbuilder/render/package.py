"""The finished package as deterministic zip bytes.

python-pptx stamps the current time on every zip entry; we re-pack with a fixed timestamp
and a fixed entry order so the same inputs give the same bytes (``atomic.py`` writes them).
"""

from __future__ import annotations

import io
import zipfile

FIXED_TIME = (1980, 1, 1, 0, 0, 0)
FIRST_ENTRIES = ("[Content_Types].xml", "_rels/.rels")


def repack(entries: dict[str, bytes]) -> bytes:
    """A zip of ``entries`` (name -> bytes) with sorted names and fixed timestamps."""
    ordered = [n for n in FIRST_ENTRIES if n in entries] + sorted(
        n for n in entries if n not in FIRST_ENTRIES)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in ordered:
            info = zipfile.ZipInfo(name, FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, entries[name], compresslevel=6)
    return out.getvalue()
