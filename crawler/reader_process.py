"""How a read pool process starts: what runs in it before its first page (crawler/read_pool.py).

Its own module, importing nothing of the configuration: the pool sends the process this function
by name, and the process imports what it names."""

from __future__ import annotations

from crawler.heap import fix_mmap_threshold
from crawler.lifeline import die_with_parent


def start_reader() -> None:
    """A pool process dies with its crawl and gives freed page buffers back (crawler/heap.py)."""
    die_with_parent()
    fix_mmap_threshold()
