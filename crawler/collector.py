"""The cyclic collector in a crawl process: what start-up built is moved out of its sight once,
and full collections come less often.

A crawl process imports Scrapy, Twisted, SQLAlchemy and the reader: over 100,000 objects the
collector tracks, which live as long as it does. Every full collection walked all of them again:
collecting took 1.7 CPU-s of a 600-article crawl's 20 in the crawl process, 8 % (2026-11-29).
Frozen (``gc.freeze``) once the crawl is about to start, they are never walked again (0.95 CPU-s);
collecting less often (THRESHOLDS), since what a crawl leaves in cycles (requests, responses,
sessions) is found by the young generations' collections: 0.53 CPU-s, the same peak memory
(176-180 MB).
"""

from __future__ import annotations

import gc
import os

# Allocations between two young collections, young collections between two of the middle generation,
# and those between two full ones (Python's defaults: 700, 10, 10). A crawl allocates fast and most
# of it dies young by reference counting; fewer young collections promote fewer survivors.
THRESHOLDS = (7000, 20, 100)

_settled: set[int] = set()  # processes (pids) that settled their collector: a fork settles its own


def settle_collector() -> bool:
    """Freeze what this process holds now and space out full collections; once per process (a
    process that forks keeps its frozen objects; its child freezes only what it built since).
    True when it did it now."""
    pid = os.getpid()
    if pid in _settled:
        return False
    _settled.add(pid)
    gc.collect()
    gc.freeze()
    gc.set_threshold(*THRESHOLDS)
    return True
