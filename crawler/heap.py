"""Freed page buffers go back to the system: a crawl's memory follows the pages it holds now.

glibc serves a block of at least M_MMAP_THRESHOLD bytes (128 KB at first) with a mapping of its
own, unmapped when freed; but each such free raises the threshold to the block's size, up to
32 MB. After the first big page, multi-megabyte bodies and texts come from the heaps instead,
one per reading thread, where freed space stays with the process. A fixed threshold keeps them
mapped: 4 sources of 3 pages of 9 MB peaked at 346 MB with the moving threshold, 276 MB with
it fixed at 1 MB (docs/faults.md). Article pages (~100 KB) stay under it and are served as
before.
"""

from __future__ import annotations

import ctypes

M_MMAP_THRESHOLD = -3  # mallopt's parameter number in glibc's malloc.h
LARGE_BLOCK = 1 << 20  # bytes: page bodies, decoded texts and parsed trees of big pages


def fix_mmap_threshold(size: int = LARGE_BLOCK) -> bool:
    """Serve every block of ``size`` bytes or more with its own mapping, from now on, in this
    process. False where the C library has no such knob (not glibc): nothing changes there."""
    try:
        libc = ctypes.CDLL(None)  # the C library this process already runs on
    except OSError:
        return False
    mallopt = getattr(libc, "mallopt", None)
    if mallopt is None:
        return False
    return bool(mallopt(M_MMAP_THRESHOLD, size))
