"""Give memory that a stage freed back to the operating system.

Reading a large export allocates far more than the frame it leaves (Arrow's raw cells, the
decoded text, the copies a sort makes). Arrow's allocator (mimalloc or jemalloc) and the C
library's ``malloc`` keep freed pages for reuse, so without this a 1M-row scan carried ~440 MB
of freed-but-held memory into every later stage, and its peak with it.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import sys
from functools import cache


def give_back() -> None:
    """Return freed memory to the system: Arrow's pool, then the C heap (glibc only)."""
    import pyarrow as pa

    pa.default_memory_pool().release_unused()
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


@cache
def _malloc_trim():
    if not sys.platform.startswith("linux"):
        return None
    try:
        return ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").malloc_trim
    except (OSError, AttributeError):  # not glibc (e.g. musl has no malloc_trim)
        return None
