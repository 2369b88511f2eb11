"""Source schedules: "every N seconds|minutes|hours|days" or a five-field cron line."""

from __future__ import annotations

import re
from dataclasses import dataclass

INTERVAL = re.compile(r"^every\s+(\d+)\s+(second|minute|hour|day)s?$", re.IGNORECASE)
UNIT_SECONDS = {"second": 1, "minute": 60, "hour": 3600, "day": 86400}
CRON_FIELDS = ("minute", "hour", "day", "month", "day_of_week")


@dataclass(frozen=True)
class Schedule:
    """Either ``interval_seconds`` or ``cron`` (APScheduler CronTrigger field values) is set."""

    interval_seconds: int | None = None
    cron: dict[str, str] | None = None


WEEKDAY_NAMES = ("sun", "mon", "tue", "wed", "thu", "fri", "sat")


def crontab_weekdays(field: str) -> str:
    """Crontab weekday numbers (0 or 7 = Sunday, 1 = Monday) as names: APScheduler 3 counts 0 as
    Monday (its documented historical mismatch, agronholm/apscheduler#286). Step values stay."""
    return re.sub(r"(?<![/\d])\d+", lambda m: WEEKDAY_NAMES[int(m.group()) % 7], field)


def parse_schedule(text: str) -> Schedule:
    """Parse a schedule line; raise ValueError saying what is accepted."""
    text = text.strip()
    match = INTERVAL.match(text)
    if match:
        count = int(match.group(1))
        if count <= 0:
            raise ValueError(f"schedule {text!r}: the interval must be positive")
        return Schedule(interval_seconds=count * UNIT_SECONDS[match.group(2).lower()])
    fields = text.split()
    if len(fields) == 5 and all(re.fullmatch(r"[0-9*/,\-a-zA-Z]+", f) for f in fields):
        cron = dict(zip(CRON_FIELDS, fields, strict=True))
        cron["day_of_week"] = crontab_weekdays(cron["day_of_week"])
        from apscheduler.triggers.cron import CronTrigger

        try:
            CronTrigger(**cron)
        except ValueError as exc:
            raise ValueError(f"schedule {text!r}: {exc}") from None
        return Schedule(cron=cron)
    raise ValueError(f"schedule {text!r}: use 'every N seconds|minutes|hours|days' or a cron line like '0 */2 * * *'")
