"""How many cores the machine left idle over a stretch of time (Linux /proc/stat): what decides,
after a crawl's first pages, whether a reading process would find a core to run on.

The 1-minute load average answers too late for that: it still counts the minute before the crawl
(a crawl that just ended, a benchmark's previous run), and it floors a machine whose second core
is three-quarters idle to "no spare core"."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

STAT = Path("/proc/stat")


class CpuTimes(NamedTuple):
    """Clock ticks the whole machine spent idle, and in all, since boot."""

    idle: int
    total: int


def parse_cpu_line(line: str) -> CpuTimes | None:
    """The ``cpu`` line of /proc/stat: user nice system idle iowait irq softirq steal ...; idle
    and iowait are idle time (time stolen by the hypervisor is not: nobody here can use it)."""
    fields = line.split()
    if len(fields) < 5 or fields[0] != "cpu":
        return None
    ticks = [int(f) for f in fields[1:9]]
    return CpuTimes(idle=ticks[3] + ticks[4], total=sum(ticks))


def cpu_times(stat: Path = STAT) -> CpuTimes | None:
    """The machine's CPU times now, or None where /proc/stat is not (not Linux)."""
    try:
        with stat.open(encoding="ascii") as lines:
            return parse_cpu_line(lines.readline())
    except OSError:
        return None


def idle_cores(before: CpuTimes, after: CpuTimes, cores: int) -> float:
    """The cores left idle on average between two readings (0 when no time passed)."""
    elapsed = after.total - before.total
    if elapsed <= 0:
        return 0.0
    return cores * max(0, after.idle - before.idle) / elapsed
