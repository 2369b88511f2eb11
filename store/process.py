"""Who runs a crawl (host, pid, process start) and whether that process still lives.

A crawl run left "running" is closed as interrupted only when its process is known to be dead:
on this host, its pid is gone or now belongs to a process started at another time (a reused pid).
Runs of other hosts are left to the daemon's time-based sweep (scheduling/housekeeping.py).
"""

from __future__ import annotations

import os
import socket
from dataclasses import dataclass
from pathlib import Path

PROC = Path("/proc")


@dataclass(frozen=True)
class ProcessId:
    host: str
    pid: int
    started: str | None  # "boot-id:ticks since boot" on Linux; None where /proc is absent


def start_token(pid: int, proc: Path = PROC) -> str | None:
    """When process ``pid`` started, as a string that differs for a later process with the same pid."""
    try:
        stat = (proc / str(pid) / "stat").read_text()
        boot = (proc / "sys/kernel/random/boot_id").read_text().strip()
    except OSError:
        return None
    # Field 22 (starttime) counts from after the command name, which may hold spaces and parentheses.
    fields = stat[stat.rfind(")") + 2 :].split()
    return f"{boot}:{fields[19]}" if len(fields) > 19 else None


def this_process() -> ProcessId:
    pid = os.getpid()
    return ProcessId(socket.gethostname(), pid, start_token(pid))


def is_dead(host: str | None, pid: int | None, started: str | None, proc: Path = PROC) -> bool:
    """True only when the process is known to be gone; unknown hosts and old rows count as alive."""
    if host is None or pid is None or host != socket.gethostname():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        pass  # another user's process with that pid exists
    now = start_token(pid, proc)
    return started is not None and now is not None and now != started
