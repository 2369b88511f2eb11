"""The digest as daemon jobs: build and send on `digest.schedule`, and retry pending mail often.

`digest.job.run_digest` is idempotent (a period is built once per recipient, a row sent once), so
the retry job can call it every few minutes: it sends what is due and rebuilds nothing.
"""

from __future__ import annotations

import asyncio

from config.logfmt import log_event
from config.schedule import Schedule, parse_schedule
from config.schema import Config
from digest.job import run_digest
from scheduling.jobs import ExtraJob, JobContext

RETRY_EVERY_S = 300  # the outbox's first retry waits 2 minutes; checking every 5 keeps it near that


async def send_digest(context: JobContext) -> None:
    result = await asyncio.to_thread(run_digest, context.config, context.engine, context.clock())
    log_event("digest_done", period=result.period_key, queued=result.queued, sent=result.sent,
              retrying=result.retrying, failed=result.failed, note=result.note)  # fmt: skip


def digest_schedule(config: Config) -> Schedule | None:
    return parse_schedule(config.digest.schedule) if config.digest.to else None


def retry_schedule(config: Config) -> Schedule | None:
    return Schedule(interval_seconds=RETRY_EVERY_S) if config.digest.to else None


DIGEST = ExtraJob(name="digest", schedule_of=digest_schedule, run=send_digest)
DIGEST_RETRY = ExtraJob(name="digest-retry", schedule_of=retry_schedule, run=send_digest)
