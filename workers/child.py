"""`python -m workers.child PARENT_PID ARGS...`: `budgetwatch ARGS...`, dying with the worker that started it.

A crawl runs in a fresh process (Scrapy's reactor cannot restart). If its worker is killed with
-9, the broker hands the crawl to another worker; this one must not go on writing beside it.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys

PR_SET_PDEATHSIG = 1  # <linux/prctl.h>


def die_with_parent(expected_parent: int) -> None:
    """Ask Linux to send SIGTERM when the parent thread ends; elsewhere this does nothing."""
    if not sys.platform.startswith("linux"):
        return
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    if os.getppid() != expected_parent:  # the parent died before prctl: nobody will send it
        sys.exit(75)


def main() -> None:
    die_with_parent(int(sys.argv[1]))
    # The death signal survives exec; running the command by exec rather than importing cli.main
    # keeps workers/ below cli/ in the layers (import-linter contract in pyproject.toml).
    os.execv(sys.executable, [sys.executable, "-m", "cli.main", *sys.argv[2:]])


if __name__ == "__main__":
    main()
