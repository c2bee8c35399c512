"""Give freed memory back to the operating system between stages.

The aligner's chunked features and sacrebleu's per-batch n-gram caches are
freed when their stage ends, but glibc keeps the freed pages in its heap, so
the process's resident size stays at its high-water mark while the checks
build their own data on top. ``malloc_trim`` returns those pages: on a 3 MB
article the peak resident size fell from 200 to 176 MB (benchmarks/memory.py
measures it at 10 and 49 MB). Elsewhere (musl, macOS) this does nothing.
"""

from __future__ import annotations

import ctypes
import ctypes.util
from functools import lru_cache


@lru_cache(maxsize=1)
def _trim():
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        return libc.malloc_trim
    except (OSError, AttributeError):
        return None


def return_free_memory() -> bool:
    """Whether freed heap memory could be handed back (glibc only)."""
    trim = _trim()
    if trim is None:
        return False
    trim(0)
    return True
