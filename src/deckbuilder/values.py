"""Values as bytes that say what they are: equal values, equal bytes.

Caches of this process (rendered slides) and of the project (rendered template strings)
key an entry by the value it was made from. Pickling without the memo writes a value's
contents wherever it occurs, so the same data gives the same bytes however its parts are
shared (layout hands out one font object to many runs, or equal ones).
"""

from __future__ import annotations

import io
import pickle
from typing import Any


def value_bytes(value: Any) -> bytes:
    """``value`` pickled without the memo (it must hold no cycle). Raises what pickling
    raises for a value that cannot be written."""
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=5)
    pickler.fast = True
    pickler.dump(value)
    return buffer.getvalue()
