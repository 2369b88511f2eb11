"""The housekeeping job: runs left "running" by a process that died are marked interrupted.

Rechecks of young articles and retention belong here too once the store offers them (issue 5):
each is one more step in HOUSEKEEPING_STEPS.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import datetime, timedelta

from sqlalchemy import Engine

from config.logfmt import log_event
from config.schedule import Schedule
from config.schema import Config
from crawler.settings import CRAWL_TIME_LIMIT_S
from scheduling.jobs import ExtraJob, JobContext
from store.runs import mark_interrupted

HOUSEKEEPING_EVERY_S = 3600
# Scrapy closes a crawl at CRAWL_TIME_LIMIT_S (CLOSESPIDER_TIMEOUT); a run still "running" well
# past that belongs to a process that died (a CLI crawl killed with -9, a daemon on another host).
STALE_AFTER = timedelta(seconds=CRAWL_TIME_LIMIT_S + 15 * 60)

Step = Callable[[Engine, datetime], dict[str, int]]


def mark_stale_runs(engine: Engine, now: datetime) -> dict[str, int]:
    return {"stale_runs": mark_interrupted(engine, now, started_before=now - STALE_AFTER)}


HOUSEKEEPING_STEPS: tuple[Step, ...] = (mark_stale_runs,)


async def run_housekeeping(context: JobContext) -> None:
    counts: dict[str, int] = {}
    for step in HOUSEKEEPING_STEPS:
        counts.update(await asyncio.to_thread(step, context.engine, context.clock()))
    log_event("housekeeping_done", **counts)


def housekeeping_schedule(_config: Config) -> Schedule:
    return Schedule(interval_seconds=HOUSEKEEPING_EVERY_S)


HOUSEKEEPING = ExtraJob(name="housekeeping", schedule_of=housekeeping_schedule, run=run_housekeeping)
