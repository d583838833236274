"""The finished package as deterministic zip bytes.

python-pptx stamps the current time on every zip entry; we pack with a fixed timestamp and
a fixed entry order so the same inputs give the same bytes (``atomic.py`` writes them).
Pictures that are compressed already (PNG, JPEG, GIF) are stored as they are: deflating
them again saves a tenth of their size at the cost of most of the packing time.

The zip is written here rather than by :mod:`zipfile` (the same headers :mod:`zipfile`
writes on Linux, whatever the system) so that entries can be deflated once per process: a
watching process packs mostly the same parts on every rebuild, and keeps each part's
deflated bytes from the last pack (:data:`_DEFLATED`).
"""

from __future__ import annotations

import struct
import zlib

FIRST_ENTRIES = ("[Content_Types].xml", "_rels/.rels")
COMPRESSED = (".png", ".jpeg", ".jpg", ".gif")
FIXED_TIME = (1980, 1, 1, 0, 0, 0)                # every entry's time: the earliest zip has
DOS_DATE = (FIXED_TIME[0] - 1980) << 9 | FIXED_TIME[1] << 5 | FIXED_TIME[2]
DOS_TIME = FIXED_TIME[3] << 11 | FIXED_TIME[4] << 5 | FIXED_TIME[5] // 2
VERSION, UNIX = 20, 3                             # zip 2.0 (deflate); made on Unix
FILE_ATTRIBUTES = 0o644 << 16
STORED, DEFLATED = 0, 8
UTF8_NAME = 0x800                                 # the flag for a name that is not ASCII
LEVEL = 3   # the seed deck's parts deflate in two thirds of level 6's time (zlib's default)
            # and come out 7% larger; levels 1 and 2 are hardly faster and larger still
_DEFLATED: dict[bytes, bytes] = {}   # a part's bytes -> deflated, from the last pack


def repack(entries: dict[str, bytes]) -> bytes:
    """A zip of ``entries`` (name -> bytes) with sorted names and fixed timestamps."""
    global _DEFLATED
    ordered = [n for n in FIRST_ENTRIES if n in entries] + sorted(
        n for n in entries if n not in FIRST_ENTRIES)
    deflated: dict[bytes, bytes] = {}
    chunks: list[bytes] = []
    directory: list[bytes] = []
    offset = 0
    for name in ordered:
        data = entries[name]
        method = STORED if name.lower().endswith(COMPRESSED) else DEFLATED
        if method == STORED:
            packed = data
        else:
            packed = deflated.get(data) or _DEFLATED.get(data) or _deflate(data)
            deflated[data] = packed
        encoded = name.encode("utf-8")
        flags = 0 if encoded.isascii() else UTF8_NAME
        fields = (VERSION, flags, method, DOS_TIME, DOS_DATE, zlib.crc32(data), len(packed),
                  len(data), len(encoded))
        header = struct.pack("<4s5H3L2H", b"PK\x03\x04", *fields, 0) + encoded
        directory.append(struct.pack("<4s6H3L5H2L", b"PK\x01\x02", UNIX << 8 | VERSION,
                                     *fields, 0, 0, 0, 0, FILE_ATTRIBUTES, offset) + encoded)
        chunks += (header, packed)
        offset += len(header) + len(packed)
    central = b"".join(directory)
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(directory), len(directory),
                      len(central), offset, 0)
    _DEFLATED = deflated
    return b"".join(chunks) + central + end


def _deflate(data: bytes) -> bytes:
    compressor = zlib.compressobj(LEVEL, zlib.DEFLATED, -15)
    return compressor.compress(data) + compressor.flush()
