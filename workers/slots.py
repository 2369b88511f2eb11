"""Which schedule slot a fire time belongs to: the key that makes every slot enqueued at most once."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from config.schedule import Schedule
from scheduling.jobs import make_trigger

# Interval triggers count from this instant (scheduling.jobs.make_trigger pins it), so every leader,
# whenever it started, sees the same grid of slots.
GRID_START = datetime(2000, 1, 1)
# A cron line fires at least once a year; looking back this far always finds its previous slot.
MAX_LOOKBACK = timedelta(days=400)


def slot_of(schedule: Schedule, zone: ZoneInfo, at: datetime) -> datetime:
    """The latest slot of ``schedule`` at or before ``at``.

    A leader that takes over runs an overdue source "now"; flooring that to the grid gives the
    same key the dead leader used for the same slot, so the unique key refuses it."""
    if schedule.interval_seconds is not None:
        start = GRID_START.replace(tzinfo=zone)
        steps = int((at - start).total_seconds() // schedule.interval_seconds)
        return start + timedelta(seconds=steps * schedule.interval_seconds)
    trigger = make_trigger(schedule, zone)
    lookback = timedelta(hours=1)
    while True:
        fire = trigger.get_next_fire_time(None, at - lookback)
        if fire is not None and fire <= at:
            break
        if lookback >= MAX_LOOKBACK:
            raise ValueError(f"no slot of {schedule} within {MAX_LOOKBACK} before {at}")
        lookback *= 2
    while True:
        later = trigger.get_next_fire_time(fire, fire + timedelta(microseconds=1))
        if later is None or later > at:
            return fire  # type: ignore[no-any-return]
        fire = later


def task_id(source: str, slot: datetime) -> str:
    """The Celery task id of one source's crawl for one slot (also its log key)."""
    return f"crawl:{source}:{slot.isoformat()}"
