"""The memory of a process and its descendants, sampled from /proc while they run.

A crawl's read pool runs beside it (a fork server, its reading processes, multiprocessing's
resource tracker): what the machine must hold is the sum over the tree, not the largest process.
Resident sizes double-count the pages a forked process shares with its parent, so the sum is of
proportional set sizes (PSS: a shared page counts 1/n in each of the n processes mapping it).

PSS is read from smaps_rollup, which walks the process's page tables: 5-10 ms of kernel time for
a 200 MB crawl process, so that reading it at every sample cost more CPU than the crawl itself.
A process's resident size (statm) costs microseconds: a process whose resident size has not moved
since its PSS was read, less than REREAD_S ago, keeps that reading. (In such spans the crawl
process's PSS moved by at most 2 MB, as other processes mapping its library pages came and went;
every allocation that makes a peak moves the resident size, and is read.)
A process's PSS is never more than its resident size, so a sample whose resident sizes add up to
no more than the peak so far (less RSS_SLACK_KB a process, what the kernel's per-CPU counters
behind statm may lag) cannot make a new peak: its PSS is not read at all.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from subprocess import Popen

REREAD_S = 0.2  # a reading of a process whose resident size did not move is kept this long
RSS_SLACK_KB = 2048  # statm's lag behind the exact count: 3 per-CPU counters, 32 pages a CPU each here
PAGE_KB = os.sysconf("SC_PAGE_SIZE") // 1024


@dataclass
class _Reading:
    rss_kb: int
    pss_kb: int
    at: float


@dataclass
class TreePeak:
    """The largest sum of PSS over the tree seen at one sampling, and each process's share of it
    (by command line); the largest single process's own high-water mark (VmHWM) besides."""

    pss_kb: int = 0
    shares_kb: dict[str, int] = field(default_factory=dict)
    own_hwm_kb: int = 0
    samples: int = 0
    reads: int = 0  # of smaps_rollup
    under: int = 0  # samples whose resident sizes could not make a new peak: no PSS read
    last: dict[int, _Reading] = field(default_factory=dict)

    @property
    def pss_mb(self) -> float:
        return self.pss_kb / 1024

    @property
    def own_hwm_mb(self) -> float:
        return self.own_hwm_kb / 1024

    def shares(self) -> str:
        return ", ".join(f"{name} {kb / 1024:.0f}" for name, kb in sorted(self.shares_kb.items()))

    def figures(self) -> str:
        return (
            f"tree peaked at {self.pss_mb:.0f} MB PSS ({self.shares()}); largest process {self.own_hwm_mb:.0f} MB"
            f" ({self.samples} samples, {self.reads} PSS readings, {self.under} samples under the peak)"
        )

    def sample(self, root: int) -> None:
        resident = {pid: resident_kb(pid) for pid in descendants(root)}
        self.samples += 1
        if sum(resident.values()) + RSS_SLACK_KB * len(resident) <= self.pss_kb:  # PSS <= RSS: no new peak
            self.under += 1
            for pid, rss in resident.items():
                if rss > self.own_hwm_kb:  # VmHWM >= RSS: the largest process's mark may have moved
                    self.own_hwm_kb = max(self.own_hwm_kb, proc_figure(pid, "status", "VmHWM:"))
            return
        shares = {pid: pss for pid, rss in resident.items() if (pss := self.pss(pid, rss))}
        if sum(shares.values()) > self.pss_kb:
            self.pss_kb = sum(shares.values())
            self.shares_kb = {f"{pid} {command(pid)}": pss for pid, pss in shares.items()}

    def pss(self, pid: int, rss: int) -> int:
        """The process's PSS in kB: read again, or kept while its resident size ``rss`` stays (see above)."""
        now = time.monotonic()
        kept = self.last.get(pid)
        if kept is not None and kept.rss_kb == rss and now - kept.at < REREAD_S:
            return kept.pss_kb
        self.reads += 1
        pss = proc_figure(pid, "smaps_rollup", "Pss:")
        self.last[pid] = _Reading(rss, pss, now)
        # the high-water mark moves only with the resident size: read with the PSS
        self.own_hwm_kb = max(self.own_hwm_kb, proc_figure(pid, "status", "VmHWM:"))
        return pss


def watch(child: Popen[bytes], timeout: float, every: float = 0.02) -> TreePeak:
    """Sample ``child``'s tree until it exits (killed after ``timeout`` seconds)."""
    peak = TreePeak()
    deadline = time.monotonic() + timeout
    while child.poll() is None and time.monotonic() < deadline:
        peak.sample(child.pid)
        time.sleep(every)
    if child.poll() is None:
        child.kill()
    child.wait()
    return peak


def descendants(pid: int) -> list[int]:
    """pid and its descendants, from /proc/<pid>/task/*/children."""
    found, todo = [], [pid]
    while todo:
        p = todo.pop()
        found.append(p)
        for task in Path(f"/proc/{p}/task").glob("*"):
            try:
                todo.extend(int(c) for c in (task / "children").read_text().split())
            except OSError:
                continue
    return found


def resident_kb(pid: int) -> int:
    """The resident size from /proc/<pid>/statm, in kB; 0 once the process is gone."""
    try:
        return int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE_KB
    except (OSError, ValueError, IndexError):
        return 0


def proc_figure(pid: int, name: str, key: str) -> int:
    """The number on line ``key`` of /proc/<pid>/<name> (kB for sizes); 0 once the process is gone."""
    try:
        for line in Path(f"/proc/{pid}/{name}").read_text().splitlines():
            if line.startswith(key):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def command(pid: int) -> str:
    """What the process runs, shortly: its module, or its multiprocessing role (a reading process
    is forked from the fork server, whose command line it keeps)."""
    argv = _argv(pid)
    for role in ("forkserver", "resource_tracker"):
        if any(role in arg for arg in argv):
            parent = _argv(proc_figure(pid, "status", "PPid:"))
            return "reader" if any("forkserver" in arg for arg in parent) else role
    if "-m" in argv[:-1]:
        return argv[argv.index("-m") + 1]
    return Path(argv[0]).name if argv else "?"


def _argv(pid: int) -> list[str]:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace").split("\0")
    except OSError:
        return []
