"""What a schedule means, in one place: its text, its trigger, and its fire times.

A schedule is "every N seconds|minutes|hours|days" or a five-field crontab line read in the
config's time zone. The daemon (its APScheduler trigger and first run times), the digest (the
period ending at the latest fire time) and the workers (the slot a moment belongs to) all ask this
module, so they agree on every fire time.

An interval schedule has two readings, both defined here: the daemon runs it N after the previous
run (``next_fire``: APScheduler's interval trigger counts from the previous fire time), and a moment
belongs to the slot of a fixed grid that starts at ``GRID_START`` in the config's zone
(``latest_fire``: every worker leader computes the same slot, whenever it started).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from apscheduler.triggers.base import BaseTrigger
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

INTERVAL = re.compile(r"^every\s+(\d+)\s+(second|minute|hour|day)s?$", re.IGNORECASE)
UNIT_SECONDS = {"second": 1, "minute": 60, "hour": 3600, "day": 86400}
CRON_FIELDS = ("minute", "hour", "day", "month", "day_of_week")
# Interval grids start here (in the config's zone), so every process sees the same slots.
GRID_START = datetime(2000, 1, 1)
# The longest time a schedule may go without firing. A yearly cron line and Friday the 13th
# (at most 14 months apart) fit; February 29 (four years) and February 31 (never) do not. Every
# backwards search for a fire time stops here, and so does every interval.
MAX_GAP = timedelta(days=800)
# The smallest cron window searched backwards first: a cron line fires at most once a minute.
_FIRST_LOOKBACK = timedelta(minutes=2)
_UTC = ZoneInfo("UTC")

# Crontab weekday numbers (0 and 7 = Sunday) as APScheduler 3 names: APScheduler counts 0 as
# Monday (its documented historical mismatch, agronholm/apscheduler#286).
WEEKDAY_NAMES = ("sun", "mon", "tue", "wed", "thu", "fri", "sat")
_WEEKDAY_ITEM = re.compile(r"^(\*|[a-z]{3}|\d+)(?:-([a-z]{3}|\d+))?(?:/(\d+))?$")


class ScheduleError(ValueError):
    """A schedule line that cannot be used; the message names the line and says why."""


@dataclass(frozen=True)
class Schedule:
    """Either ``interval_seconds`` or ``cron`` (APScheduler CronTrigger field values) is set."""

    interval_seconds: int | None = None
    cron: dict[str, str] | None = None

    def __str__(self) -> str:
        if self.interval_seconds is not None:
            return f"every {self.interval_seconds} seconds"
        assert self.cron is not None
        return " ".join(self.cron[name] for name in CRON_FIELDS)


def _weekday_number(token: str, text: str) -> int:
    if token.isdigit():
        number = int(token)
        if number > 7:
            raise ScheduleError(f"schedule {text!r}: day of week {number}: use 0-7 (0 and 7 are Sunday) or sun-sat")
        return number
    if token not in WEEKDAY_NAMES:
        raise ScheduleError(f"schedule {text!r}: day of week {token!r}: use 0-7 or sun-sat")
    return WEEKDAY_NAMES.index(token)


def crontab_weekdays(field: str, text: str = "") -> str:
    """A crontab day-of-week field as the explicit APScheduler day names it means.

    Ranges and steps count as crontab counts (``1-5`` Monday to Friday, ``0-4`` Sunday to
    Thursday, ``*/2`` Sunday, Tuesday, Thursday, Saturday), not as APScheduler's Monday-first
    numbering would."""
    text = text or field
    days: set[int] = set()
    for item in field.lower().split(","):
        match = _WEEKDAY_ITEM.match(item)
        if not match:
            raise ScheduleError(f"schedule {text!r}: day of week {item!r} is not a crontab value")
        first, last, step = match.groups()
        if first == "*":
            if last is not None:
                raise ScheduleError(f"schedule {text!r}: day of week {item!r} is not a crontab value")
            low, high = 0, 6
        else:
            low = _weekday_number(first, text)
            high = _weekday_number(last, text) if last is not None else (6 if step else low)
        if low > high:
            raise ScheduleError(f"schedule {text!r}: day of week range {item!r} runs backwards")
        stride = int(step) if step else 1
        if stride == 0:
            raise ScheduleError(f"schedule {text!r}: day of week step 0")
        days.update(number % 7 for number in range(low, high + 1, stride))
    if len(days) == 7:
        return "*"
    return ",".join(WEEKDAY_NAMES[number] for number in sorted(days))


def parse_schedule(text: str) -> Schedule:
    """Parse a schedule line (syntax and field ranges); raise ScheduleError saying what is accepted."""
    text = text.strip()
    match = INTERVAL.match(text)
    if match:
        count = int(match.group(1))
        if count <= 0:
            raise ScheduleError(f"schedule {text!r}: the interval must be positive")
        seconds = count * UNIT_SECONDS[match.group(2).lower()]
        if seconds > MAX_GAP.total_seconds():
            raise ScheduleError(f"schedule {text!r}: the interval is longer than {MAX_GAP.days} days")
        return Schedule(interval_seconds=seconds)
    fields = text.split()
    if len(fields) == 5 and all(re.fullmatch(r"[0-9*/,\-a-zA-Z]+", f) for f in fields):
        cron = dict(zip(CRON_FIELDS, fields, strict=True))
        cron["day_of_week"] = crontab_weekdays(cron["day_of_week"], text)
        try:
            CronTrigger(**cron)
        except ValueError as exc:
            raise ScheduleError(f"schedule {text!r}: {exc}") from None
        return Schedule(cron=cron)
    raise ScheduleError(
        f"schedule {text!r}: use 'every N seconds|minutes|hours|days' or a cron line like '0 */2 * * *'"
    )


def make_trigger(schedule: Schedule, zone: ZoneInfo) -> BaseTrigger:
    """The APScheduler trigger of ``schedule``; it never reads the wall clock itself."""
    if schedule.interval_seconds is not None:
        return IntervalTrigger(seconds=schedule.interval_seconds, timezone=zone, start_date=_grid_start(zone))
    assert schedule.cron is not None
    return CronTrigger(**schedule.cron, timezone=zone)


def next_fire(schedule: Schedule, zone: ZoneInfo, after: datetime) -> datetime:
    """The first fire time strictly after ``after`` (for an interval: ``after`` plus the interval,
    since the daemon counts an interval from the previous run)."""
    if schedule.interval_seconds is not None:
        return after + timedelta(seconds=schedule.interval_seconds)
    fire = _cron_after(schedule, zone, after)
    if fire is None:
        raise ScheduleError(f"schedule {schedule}: never fires after {after.isoformat()}")
    return fire


def latest_fire(schedule: Schedule, zone: ZoneInfo, at: datetime) -> datetime:
    """The latest fire time at or before ``at``: the slot ``at`` belongs to (an interval's slots
    are a grid from ``GRID_START`` in ``zone``)."""
    if schedule.interval_seconds is not None:
        # In UTC: adding to a zoned datetime counts wall-clock time and would slip an hour at DST.
        start = _grid_start(zone).astimezone(UTC)
        step = timedelta(seconds=schedule.interval_seconds)
        return (start + (at - start) // step * step).astimezone(at.tzinfo or zone)
    trigger = make_trigger(schedule, zone)
    lookback = _FIRST_LOOKBACK
    while True:
        fire = trigger.get_next_fire_time(None, at - lookback)
        if fire is not None and fire <= at:
            break
        if lookback >= MAX_GAP:
            raise ScheduleError(f"schedule {schedule}: no fire time within {MAX_GAP.days} days before {at.isoformat()}")
        lookback = min(lookback * 2, MAX_GAP)
    while True:
        later = trigger.get_next_fire_time(fire, fire + timedelta(microseconds=1))
        if later is None or later > at:
            return fire  # type: ignore[no-any-return]
        fire = later


def check_schedule(text: str, now: datetime | None = None) -> Schedule:
    """Parse ``text`` and make sure it fires, and never goes more than ``MAX_GAP`` without firing
    around ``now`` (UTC; the moment the config is loaded): the daemon, the digest and the workers
    can then compute every fire time they need."""
    schedule = parse_schedule(text)
    if schedule.cron is not None:
        _check_cron_gap(text.strip(), schedule, now or datetime.now(UTC))
    return schedule


@lru_cache(maxsize=256)
def _cron_gap_ok(text: str, schedule_key: tuple[tuple[str, str], ...], day: datetime) -> str | None:
    """None, or why the cron line ``text`` cannot be used near ``day`` (cached: thousands of
    sources share a handful of schedule lines, and a search for a line that never fires scans
    APScheduler's calendar to the year 9999)."""
    schedule = Schedule(cron=dict(schedule_key))
    following = _cron_after(schedule, _UTC, day)
    if following is None:
        return f"schedule {text!r}: never fires (no date matches its day, month and weekday)"
    try:
        previous = latest_fire(schedule, _UTC, day)
    except ScheduleError:
        previous = None
    if previous is None or following - previous > MAX_GAP:
        return f"schedule {text!r}: fires less often than every {MAX_GAP.days} days"
    return None


def _check_cron_gap(text: str, schedule: Schedule, now: datetime) -> None:
    assert schedule.cron is not None
    day = now.astimezone(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    problem = _cron_gap_ok(text, tuple(sorted(schedule.cron.items())), day)
    if problem is not None:
        raise ScheduleError(problem)


def _cron_after(schedule: Schedule, zone: ZoneInfo, after: datetime) -> datetime | None:
    fire = make_trigger(schedule, zone).get_next_fire_time(None, after + timedelta(microseconds=1))
    return fire  # type: ignore[no-any-return]


def _grid_start(zone: ZoneInfo) -> datetime:
    return GRID_START.replace(tzinfo=zone)
