"""Digest periods: the scheduled times of the digest, and the period that ends at the latest one."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from config.schedule import latest_fire, parse_schedule


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
    end = latest_fire(parsed, zone, now)
    previous = latest_fire(parsed, zone, end - timedelta(microseconds=1))
    return end.astimezone(UTC), previous.astimezone(UTC)


def due_period(schedule: str, zone: ZoneInfo, now: datetime, last_end: datetime | None) -> Period | None:
    """The period ending at the latest scheduled time, starting where the last digest ended (or
    one schedule step back for the first digest); None when the last digest already ends there."""
    end, previous = last_two_fire_times(schedule, zone, now)
    if last_end is not None and last_end >= end:
        return None
    return Period(start=last_end or previous, end=end)
