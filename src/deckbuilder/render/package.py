"""The finished package as deterministic zip bytes.

python-pptx stamps the current time on every zip entry; we re-pack with a fixed timestamp
and a fixed entry order so the same inputs give the same bytes (``atomic.py`` writes them).
Pictures that are compressed already (PNG, JPEG, GIF) are stored as they are: deflating
them again saves a tenth of their size at the cost of most of the packing time.
"""

from __future__ import annotations

import io
import zipfile

FIXED_TIME = (1980, 1, 1, 0, 0, 0)
FIRST_ENTRIES = ("[Content_Types].xml", "_rels/.rels")
COMPRESSED = (".png", ".jpeg", ".jpg", ".gif")


def repack(entries: dict[str, bytes]) -> bytes:
    """A zip of ``entries`` (name -> bytes) with sorted names and fixed timestamps."""
    ordered = [n for n in FIRST_ENTRIES if n in entries] + sorted(
        n for n in entries if n not in FIRST_ENTRIES)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in ordered:
            info = zipfile.ZipInfo(name, FIXED_TIME)
            stored = name.lower().endswith(COMPRESSED)
            info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, entries[name], compresslevel=None if stored else 6)
    return out.getvalue()
