"""The memory sampler of the crawl-memory tests (tests/faults/tree_memory.py) reads a process's PSS
again once its resident size moves, and at least every REREAD_S while it stays."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.faults import tree_memory
from tests.faults.tree_memory import TreePeak

CHILD = """import sys
print("idle", flush=True)
sys.stdin.readline()
held = b"x" * 60_000_000
print("holding", flush=True)
sys.stdin.readline()
"""


def test_pss_is_read_again_when_the_resident_size_moves_or_the_reading_is_old(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tree_memory, "REREAD_S", 60.0)  # a loaded machine's pauses between samples do not count
    child = subprocess.Popen([sys.executable, "-c", CHILD], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert child.stdin is not None and child.stdout is not None
    try:
        assert child.stdout.readline() == "idle\n"
        peak = TreePeak()
        peak.sample(child.pid)
        idle_mb = peak.pss_mb
        peak.sample(child.pid)
        assert (peak.samples, peak.reads) == (2, 1)  # nothing moved: the first reading kept
        child.stdin.write("\n")
        child.stdin.flush()
        assert child.stdout.readline() == "holding\n"
        peak.sample(child.pid)
        assert peak.reads == 2 and peak.pss_mb > idle_mb + 50  # 60 MB more resident: read again
        monkeypatch.setattr(tree_memory, "REREAD_S", 0.0)
        peak.sample(child.pid)
        assert peak.reads == 3  # unmoved, but the reading was old
    finally:
        child.kill()
        child.wait()


def test_a_tree_whose_resident_sizes_stay_under_the_peak_is_not_read() -> None:
    """PSS is never more than the resident size: a sample whose resident sizes add up to no more
    than the peak (less the counters' slack) cannot make a new one, and reads no PSS."""
    child = subprocess.Popen([sys.executable, "-c", CHILD], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert child.stdout is not None
    try:
        assert child.stdout.readline() == "idle\n"
        peak = TreePeak()
        peak.sample(child.pid)
        resident = tree_memory.resident_kb(child.pid)
        assert peak.reads == 1 and 0 < peak.pss_kb <= resident + tree_memory.RSS_SLACK_KB
        peak.pss_kb = resident + 2 * tree_memory.RSS_SLACK_KB  # as if the tree had been larger before
        peak.own_hwm_kb = 0
        peak.sample(child.pid)
        assert (peak.samples, peak.reads, peak.under) == (2, 1, 1)
        assert peak.own_hwm_kb >= resident  # the largest process's mark is still read
    finally:
        child.kill()
        child.wait()
