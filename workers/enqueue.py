"""The elected daemon's side: a source's crawl slot is claimed in the database, then published."""

from __future__ import annotations

import asyncio
import logging
import os
import socket
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import Engine

from config.logfmt import log_event
from config.schema import Config, SourceConfig
from store.records import as_utc
from store.slots import claim_slot, last_slots
from workers.app import CRAWL_TASK, make_app
from workers.slots import slot_of, task_id

Clock = Callable[[], datetime]


class CeleryDispatcher:
    """Enqueues crawls instead of running them (`budgetwatch daemon --distributed`).

    The slot row is committed before the task is published: if this daemon dies in between, that
    slot is not crawled (the next one is) rather than crawled twice."""

    def __init__(self, engine: Engine, broker_url: str, queue: str, clock: Clock) -> None:
        self.engine = engine
        self.queue = queue
        self.clock = clock
        self.app = make_app(broker_url, queue)
        self.leader = f"pid={os.getpid()} host={socket.gethostname()}"
        # kombu's producer pool is used from one thread only, so publishing never races itself.
        self.publisher = ThreadPoolExecutor(max_workers=1, thread_name_prefix="publish")

    async def last_slots(self, sources: Sequence[str]) -> dict[str, datetime]:
        return await asyncio.to_thread(last_slots, self.engine, sources)

    async def dispatch(self, source: SourceConfig, zone: ZoneInfo) -> None:
        now = self.clock()
        slot = as_utc(slot_of(source.parsed_schedule, zone, now))
        key = task_id(source.name, slot)
        if not await asyncio.to_thread(claim_slot, self.engine, source.name, slot, key, self.leader, now):
            log_event("slot_taken", source=source.name, slot=slot.isoformat(), task=key)
            return
        loop = asyncio.get_running_loop()
        try:
            await loop.run_in_executor(self.publisher, self.publish, source.name, slot, key)
        except Exception as exc:
            log_event("enqueue_failed", logging.ERROR, source=source.name, slot=slot.isoformat(),
                      error=f"{type(exc).__name__}: {exc}")  # fmt: skip
            return
        log_event("crawl_enqueued", source=source.name, slot=slot.isoformat(), task=key)

    def publish(self, source: str, slot: datetime, key: str) -> None:
        self.app.send_task(CRAWL_TASK, args=[source, slot.isoformat()], task_id=key, queue=self.queue)

    def close(self) -> None:
        self.publisher.shutdown(wait=True)
        self.app.close()


def dispatcher_factory(broker_url: str, queue: str, clock: Clock) -> Callable[[Config, Engine], CeleryDispatcher]:
    """What scheduler.py hands the daemon: builds the dispatcher once the database is open."""

    def make(_config: Config, engine: Engine) -> CeleryDispatcher:
        return CeleryDispatcher(engine, broker_url, queue, clock)

    return make
