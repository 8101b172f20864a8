"""How a large scan uses memory: freed blocks kept for reuse within a stage, and what a
finished stage freed given back to the operating system.

Reading a large export allocates far more than the frame it leaves (Arrow's raw cells, the
decoded text, the copies a sort makes). Arrow's allocator (mimalloc or jemalloc) and the C
library's ``malloc`` keep freed pages for reuse, so without this a 1M-row scan carried ~440 MB
of freed-but-held memory into every later stage, and its peak with it.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import sys
from functools import cache


# glibc's defaults suit small programs: a freed block above the (moving) mmap threshold goes
# back to the system, and so does free space at the top of the heap beyond 2x that threshold.
# A scan frees and allocates columns of a few MB thousands of times; every page handed back is
# faulted in again on the next allocation, which on virtual machines costs more than the
# work itself (1M rows: ~300k page faults and 4-9 s of system time). Fixed thresholds keep
# blocks up to 32 MB and up to 128 MB of free heap for reuse: ~25 % fewer faults, same peak.
_MMAP_THRESHOLD = 32 << 20  # glibc's largest allowed value on 64-bit
_TRIM_THRESHOLD = 128 << 20
_M_TRIM_THRESHOLD, _M_MMAP_THRESHOLD = -1, -3  # mallopt parameter numbers (malloc.h)


@cache
def reuse_freed_memory() -> None:
    """Keep freed blocks for reuse instead of returning each to the system (glibc only; once
    per process; ``give_back`` still returns what a finished stage freed)."""
    _arrow_keeps_pages()
    libc = _libc()
    if libc is None or not hasattr(libc, "mallopt"):
        return
    libc.mallopt(_M_MMAP_THRESHOLD, _MMAP_THRESHOLD)
    libc.mallopt(_M_TRIM_THRESHOLD, _TRIM_THRESHOLD)


def _arrow_keeps_pages() -> None:
    """Arrow allocates with jemalloc, unless the user chose an allocator
    (``ARROW_DEFAULT_MEMORY_POOL``) or this pyarrow has no jemalloc. pyarrow's default,
    mimalloc, hands freed pages back at once and faults them in again: reading a 1M-row
    export took 2.7-3.7 s of system time with it, 0.5 s with jemalloc, at the same peak."""
    if os.environ.get("ARROW_DEFAULT_MEMORY_POOL"):
        return
    import pyarrow as pa

    try:
        pa.set_memory_pool(pa.jemalloc_memory_pool())
    except NotImplementedError:  # built without jemalloc (e.g. some Windows wheels)
        pass


def give_back() -> None:
    """Return freed memory to the system: Arrow's pool, then the C heap (glibc only)."""
    import pyarrow as pa

    pa.default_memory_pool().release_unused()
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


@cache
def _libc():
    if not sys.platform.startswith("linux"):
        return None
    try:
        return ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
    except OSError:
        return None


def _malloc_trim():
    libc = _libc()
    return getattr(libc, "malloc_trim", None)  # not glibc (e.g. musl has no malloc_trim)
