"""Which jobs the daemon runs and when: pure planning from the config, run history and a clock."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Literal
from zoneinfo import ZoneInfo

from sqlalchemy import Engine

from config.schedule import Schedule, next_fire
from config.schema import Config

# APScheduler 3.11's default grace is 1 s (schedulers/base.py): one busy moment of the shared
# event loop would drop a crawl. A crawl that starts up to 10 minutes late is still worth running;
# coalescing keeps it to one run however many slots passed.
CRAWL_MISFIRE_GRACE_S = 600
EXTRA_MISFIRE_GRACE_S = 3600

Clock = Callable[[], datetime]


@dataclass(frozen=True)
class JobContext:
    """What an extra job gets each time it runs."""

    config: Config
    engine: Engine
    clock: Clock


@dataclass(frozen=True)
class ExtraJob:
    """A job that is not a source crawl (digest, housekeeping), registered in scheduler.py.

    ``schedule_of`` reads its schedule from the config (None: switched off in this config).
    """

    name: str
    schedule_of: Callable[[Config], Schedule | None]
    run: Callable[[JobContext], Awaitable[None]]
    misfire_grace_time: int = EXTRA_MISFIRE_GRACE_S


@dataclass(frozen=True)
class JobSpec:
    """One APScheduler job as a value: compared on reload to add, remove or reschedule."""

    id: str
    kind: Literal["crawl", "extra"]
    target: str  # the source name, or the extra job's name
    schedule: Schedule
    timezone: str
    misfire_grace_time: int
    next_run_time: datetime

    def same_timing(self, other: JobSpec) -> bool:
        return (self.schedule, self.timezone, self.misfire_grace_time) == (
            other.schedule,
            other.timezone,
            other.misfire_grace_time,
        )


@dataclass(frozen=True)
class JobChanges:
    add: tuple[JobSpec, ...]
    remove: tuple[str, ...]
    reschedule: tuple[JobSpec, ...]


def crawl_job_id(source: str) -> str:
    return f"crawl:{source}"


def extra_job_id(name: str) -> str:
    return f"job:{name}"


def first_crawl_time(schedule: Schedule, zone: ZoneInfo, last_started: datetime | None, now: datetime) -> datetime:
    """When a source's first crawl after (re)start is due: now if it never ran or a slot passed
    since its last crawl (missed slots run once, not once each), else its next slot."""
    if last_started is None:
        return now
    due = next_fire(schedule, zone, last_started)
    return now if due <= now else due


def plan_jobs(
    config: Config,
    last_started: Mapping[str, datetime],
    extras: Sequence[ExtraJob],
    now: datetime,
) -> tuple[JobSpec, ...]:
    """Every job the daemon should hold for ``config``; ``last_started`` maps source names to
    the start of their latest crawl run."""
    zone = config.zone
    specs: list[JobSpec] = []
    for source in config.sources:
        if not source.enabled:
            continue
        schedule = source.parsed_schedule
        specs.append(
            JobSpec(
                id=crawl_job_id(source.name),
                kind="crawl",
                target=source.name,
                schedule=schedule,
                timezone=config.timezone,
                misfire_grace_time=CRAWL_MISFIRE_GRACE_S,
                next_run_time=first_crawl_time(schedule, zone, last_started.get(source.name), now),
            )
        )
    for extra in extras:
        extra_schedule = extra.schedule_of(config)
        if extra_schedule is None:
            continue
        specs.append(
            JobSpec(
                id=extra_job_id(extra.name),
                kind="extra",
                target=extra.name,
                schedule=extra_schedule,
                timezone=config.timezone,
                misfire_grace_time=extra.misfire_grace_time,
                next_run_time=next_fire(extra_schedule, zone, now),
            )
        )
    return tuple(specs)


def diff_jobs(old: Sequence[JobSpec], new: Sequence[JobSpec]) -> JobChanges:
    """What a reload changes: jobs to add, to remove, and to put on a new schedule."""
    before = {spec.id: spec for spec in old}
    after = {spec.id: spec for spec in new}
    return JobChanges(
        add=tuple(spec for job_id, spec in after.items() if job_id not in before),
        remove=tuple(job_id for job_id in before if job_id not in after),
        reschedule=tuple(
            spec for job_id, spec in after.items() if job_id in before and not before[job_id].same_timing(spec)
        ),
    )
