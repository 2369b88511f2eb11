"""Processes a crawl starts die with their parent, so a killed crawl leaves nothing behind."""

from __future__ import annotations

import ctypes
import os
import signal
import sys

PR_SET_PDEATHSIG = 1  # <linux/prctl.h>
EXIT_ORPHANED = 75


def die_with_parent(expected_parent: int | None = None) -> None:
    """Ask Linux to send SIGTERM when the parent thread ends; elsewhere this does nothing.

    With ``expected_parent``, exit at once if the parent already died before the request."""
    if not sys.platform.startswith("linux"):
        return
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    if expected_parent is not None and os.getppid() != expected_parent:  # nobody will send it
        sys.exit(EXIT_ORPHANED)
