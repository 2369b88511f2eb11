"""Waiting for running jobs at a stop: until they end, a timeout passes or a second signal comes."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Iterable
from typing import Any, Protocol

# Past the grace period, crawls still running are asked again this often to close.
STOP_RETRY_S = 1.0


class Stoppable(Protocol):
    def stop(self) -> Awaitable[None]: ...


async def wait_idle(active: set[asyncio.Task[Any]], timeout: float, hurry: asyncio.Event | None = None) -> bool:
    """Wait until ``active`` is empty (True), or until timeout or ``hurry`` is set (False)."""
    hurry_task = asyncio.ensure_future(hurry.wait()) if hurry is not None else None
    deadline = time.monotonic() + timeout
    try:
        while active:
            left = deadline - time.monotonic()
            if left <= 0 or (hurry_task is not None and hurry_task.done()):
                return False
            waiters: set[asyncio.Future[Any]] = set(active) | ({hurry_task} if hurry_task is not None else set())
            await asyncio.wait(waiters, timeout=left, return_when=asyncio.FIRST_COMPLETED)
        return True
    finally:
        if hurry_task is not None:
            hurry_task.cancel()


async def close_crawls(active: set[asyncio.Task[Any]], crawlers: Iterable[Stoppable], timeout: float) -> bool:
    """Ask Scrapy to close every crawl, again each second: a crawl still setting up when asked
    (reading the store before runner.crawl) is not known to its runner yet."""
    deadline = time.monotonic() + timeout
    while active and time.monotonic() < deadline:
        await asyncio.gather(*(crawler.stop() for crawler in crawlers))
        await wait_idle(active, min(STOP_RETRY_S, deadline - time.monotonic()))
    return not active
