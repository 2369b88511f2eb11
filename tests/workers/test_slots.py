"""Slot keys: the same for every leader, whenever it started."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from config.schedule import parse_schedule
from workers.slots import slot_of, task_id

SEOUL = ZoneInfo("Asia/Seoul")


@pytest.mark.parametrize(
    ("schedule", "at", "slot"),
    [
        ("every 30 minutes", "2026-11-25T10:44:59", "2026-11-25T10:30:00"),
        ("every 30 minutes", "2026-11-25T10:30:00", "2026-11-25T10:30:00"),
        ("every 2 seconds", "2026-11-25T10:30:03.5", "2026-11-25T10:30:02"),
        ("every 1 days", "2026-11-25T23:59:00", "2026-11-25T00:00:00"),
        ("0 */2 * * *", "2026-11-25T11:59:00", "2026-11-25T10:00:00"),
        ("0 */2 * * *", "2026-11-25T12:00:00", "2026-11-25T12:00:00"),
        ("0 7 1 * *", "2026-11-25T12:00:00", "2026-11-01T07:00:00"),
        ("0 7 1 1 *", "2026-11-25T12:00:00", "2026-01-01T07:00:00"),
    ],
)
def test_slot_is_the_latest_fire_time_not_after(schedule: str, at: str, slot: str) -> None:
    found = slot_of(parse_schedule(schedule), SEOUL, datetime.fromisoformat(at).replace(tzinfo=SEOUL))
    assert found == datetime.fromisoformat(slot).replace(tzinfo=SEOUL)


def test_task_id_names_source_and_slot() -> None:
    slot = datetime(2026, 11, 25, 1, 30, tzinfo=ZoneInfo("UTC"))
    assert task_id("naju", slot) == "crawl:naju:2026-11-25T01:30:00+00:00"
