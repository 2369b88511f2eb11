"""The memory of a process and its descendants, sampled from /proc while they run.

A crawl's read pool runs beside it (a fork server, its reading processes, multiprocessing's
resource tracker): what the machine must hold is the sum over the tree, not the largest process.
Resident sizes double-count the pages a forked process shares with its parent, so the sum is of
proportional set sizes (PSS: a shared page counts 1/n in each of the n processes mapping it).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from subprocess import Popen


@dataclass
class TreePeak:
    """The largest sum of PSS over the tree seen at one sampling, and each process's share of it
    (by command line); the largest single process's own high-water mark (VmHWM) besides."""

    pss_kb: int = 0
    shares_kb: dict[str, int] = field(default_factory=dict)
    own_hwm_kb: int = 0
    samples: int = 0

    @property
    def pss_mb(self) -> float:
        return self.pss_kb / 1024

    @property
    def own_hwm_mb(self) -> float:
        return self.own_hwm_kb / 1024

    def shares(self) -> str:
        return ", ".join(f"{name} {kb / 1024:.0f}" for name, kb in sorted(self.shares_kb.items()))

    def figures(self) -> str:
        return f"tree peaked at {self.pss_mb:.0f} MB PSS ({self.shares()}); largest process {self.own_hwm_mb:.0f} MB"

    def sample(self, root: int) -> None:
        shares: dict[str, int] = {}
        for pid in descendants(root):
            pss = proc_figure(pid, "smaps_rollup", "Pss:")
            if pss:
                name = f"{pid} {command(pid)}"
                shares[name] = pss
            self.own_hwm_kb = max(self.own_hwm_kb, proc_figure(pid, "status", "VmHWM:"))
        self.samples += 1
        if sum(shares.values()) > self.pss_kb:
            self.pss_kb = sum(shares.values())
            self.shares_kb = shares


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
