"""SIGTERM/SIGINT ask for a graceful stop, SIGHUP for a config reload (asyncio loop handlers)."""

from __future__ import annotations

import asyncio
import signal
from collections.abc import Callable

STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT)


def install_signal_handlers(
    loop: asyncio.AbstractEventLoop, on_stop: Callable[[str], None], on_reload: Callable[[], None]
) -> None:
    """Handlers stay until the process exits (a late signal must not kill it mid-teardown).

    Handlers run on the loop, not inside the interrupted frame, so they may touch the scheduler.

    Twisted's own handlers are off (reactor.run(installSignalHandlers=False)): they would call
    reactor.stop() straight away, and the graceful stop needs the loop to keep running.
    """
    for sig in STOP_SIGNALS:
        loop.add_signal_handler(sig, on_stop, sig.name)
    loop.add_signal_handler(signal.SIGHUP, on_reload)
