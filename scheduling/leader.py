"""`daemon --distributed`: the seam to the queue, and the elected daemon's watch on its lock."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol
from zoneinfo import ZoneInfo

from sqlalchemy import Engine

from config.logfmt import log_event
from config.schema import Config, SourceConfig


@dataclass(frozen=True)
class DistributedOptions:
    broker_url: str
    queue: str
    # A standby tries the leader lock this often, and the leader checks it still holds it.
    leader_poll_seconds: float = 5.0


class Dispatcher(Protocol):
    """Enqueues a source's crawl for its current slot (workers.enqueue.CeleryDispatcher)."""

    async def last_slots(self, sources: Sequence[str]) -> dict[str, datetime]: ...

    async def dispatch(self, source: SourceConfig, zone: ZoneInfo) -> None: ...

    def close(self) -> None: ...


DispatcherFactory = Callable[[Config, Engine], Dispatcher]


async def watch_leadership(alive: Callable[[], bool], every: float, on_lost: Callable[[str], None]) -> None:
    """Check the lock's session every ``every`` seconds; when it is gone, so is the leadership
    (another daemon may hold it already), and the daemon must stop scheduling at once."""
    while True:
        await asyncio.sleep(every)
        if not await asyncio.to_thread(alive):
            log_event("leadership_lost", logging.ERROR, reason="the leader lock's database session ended")
            on_lost("leadership_lost")
            return
