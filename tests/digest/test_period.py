"""Digest periods from the schedule: table-driven."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from digest.period import Period, due_period

SEOUL = ZoneInfo("Asia/Seoul")


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


@pytest.mark.parametrize(
    ("schedule", "now", "last_end", "expected"),
    [
        # 07:00 KST = 22:00 UTC the day before; first digest covers one day
        ("0 7 * * *", utc(2026, 11, 25, 1, 0), None, Period(utc(2026, 11, 23, 22), utc(2026, 11, 24, 22))),
        # already built up to the latest 07:00
        ("0 7 * * *", utc(2026, 11, 25, 1, 0), utc(2026, 11, 24, 22), None),
        # the daemon was down two days: one digest since the last one
        (
            "0 7 * * *",
            utc(2026, 11, 25, 1, 0),
            utc(2026, 11, 22, 22),
            Period(utc(2026, 11, 22, 22), utc(2026, 11, 24, 22)),
        ),
        # exactly at the scheduled time
        ("0 7 * * *", utc(2026, 11, 24, 22, 0), None, Period(utc(2026, 11, 23, 22), utc(2026, 11, 24, 22))),
        ("*/5 * * * *", utc(2026, 11, 25, 1, 3), None, Period(utc(2026, 11, 25, 0, 55), utc(2026, 11, 25, 1, 0))),
        ("0 7 * * 1", utc(2026, 11, 25, 1, 0), None, Period(utc(2026, 11, 15, 22), utc(2026, 11, 22, 22))),
        # an interval's slots are a grid from 2000-01-01 00:00 in the config's zone (00, 06, 12, 18 KST),
        # the same slots the daemon's trigger fires at and the workers key their tasks by
        ("every 6 hours", utc(2026, 11, 25, 1, 3), None, Period(utc(2026, 11, 24, 15), utc(2026, 11, 24, 21))),
        ("every 1 days", utc(2026, 11, 25, 1, 3), None, Period(utc(2026, 11, 23, 15), utc(2026, 11, 24, 15))),
    ],
)
def test_due_period(schedule: str, now: datetime, last_end: datetime | None, expected: Period | None) -> None:
    assert due_period(schedule, SEOUL, now, last_end) == expected


def test_period_key_is_its_end_in_utc() -> None:
    assert Period(utc(2026, 11, 23, 22), utc(2026, 11, 24, 22)).key == "2026-11-24T22:00Z"
