"""Digest periods: the scheduled times of the digest, and the period that ends at the latest one."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from config.schedule import parse_schedule

# Windows searched backwards for the last two scheduled times, smallest first, so a cron line
# firing every minute costs as little as a monthly one.
_SEARCH_WINDOWS = (timedelta(hours=2), timedelta(days=2), timedelta(days=9), timedelta(days=63), timedelta(days=800))


@dataclass(frozen=True)
class Period:
    """[start, end) in UTC; ``key`` names it in the outbox (its end, to the minute)."""

    start: datetime
    end: datetime

    @property
    def key(self) -> str:
        return period_key(self.end)


def period_key(end: datetime) -> str:
    """The period's end in UTC, to the minute (cron schedules), or to the second when a
    sub-minute interval schedule ends it off the minute (else two periods would share a key)."""
    utc = end.astimezone(UTC)
    return utc.strftime("%Y-%m-%dT%H:%M:%SZ" if utc.second else "%Y-%m-%dT%H:%MZ")


def last_two_fire_times(schedule: str, zone: ZoneInfo, now: datetime) -> tuple[datetime, datetime]:
    """The latest scheduled time at or before ``now`` and the one before it (UTC)."""
    parsed = parse_schedule(schedule)
    if parsed.interval_seconds is not None:
        step = parsed.interval_seconds
        end = datetime.fromtimestamp(int(now.timestamp()) // step * step, UTC)
        return end, end - timedelta(seconds=step)
    from apscheduler.triggers.cron import CronTrigger

    assert parsed.cron is not None
    trigger = CronTrigger(timezone=zone, **parsed.cron)
    for window in _SEARCH_WINDOWS:
        times: list[datetime] = []
        fire = trigger.get_next_fire_time(None, now - window)
        while fire is not None and fire <= now:
            times.append(fire)
            fire = trigger.get_next_fire_time(fire, fire + timedelta(seconds=1))
        if len(times) >= 2:
            return times[-1].astimezone(UTC), times[-2].astimezone(UTC)
    raise ValueError(f"schedule {schedule!r} fires less than twice in {_SEARCH_WINDOWS[-1].days} days")


def due_period(schedule: str, zone: ZoneInfo, now: datetime, last_end: datetime | None) -> Period | None:
    """The period ending at the latest scheduled time, starting where the last digest ended (or
    one schedule step back for the first digest); None when the last digest already ends there."""
    end, previous = last_two_fire_times(schedule, zone, now)
    if last_end is not None and last_end >= end:
        return None
    return Period(start=last_end or previous, end=end)
