"""Which schedule slot a fire time belongs to: the key that makes every slot enqueued at most once."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from config.schedule import Schedule, latest_fire


def slot_of(schedule: Schedule, zone: ZoneInfo, at: datetime) -> datetime:
    """The latest slot of ``schedule`` at or before ``at`` (config.schedule.latest_fire).

    A leader that takes over runs an overdue source "now"; flooring that to the schedule's slots
    gives the same key the dead leader used for the same slot, so the unique key refuses it."""
    return latest_fire(schedule, zone, at)


def task_id(source: str, slot: datetime) -> str:
    """The Celery task id of one source's crawl for one slot (also its log key)."""
    return f"crawl:{source}:{slot.isoformat()}"
