"""What a schedule means: its syntax, weekdays as crontab counts them, the bounds checked at load,
and fire times that agree with the trigger the daemon runs."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from config.load import ConfigError, parse_config
from config.schedule import (
    ScheduleError,
    check_schedule,
    crontab_weekdays,
    latest_fire,
    make_trigger,
    next_fire,
    parse_schedule,
)
from tests.forked_process import spawn

ROOT = Path(__file__).resolve().parents[2]
SEOUL = ZoneInfo("Asia/Seoul")
NEW_YORK = ZoneInfo("America/New_York")
NOW = datetime(2026, 3, 6, 3, 30, tzinfo=UTC)  # Friday 12:30 in Seoul


@pytest.mark.parametrize(
    ("field", "days"),
    [
        ("*", "*"),
        ("1", "mon"),
        ("0", "sun"),
        ("7", "sun"),
        ("0,7", "sun"),
        ("1-5", "mon,tue,wed,thu,fri"),
        ("0-4", "sun,mon,tue,wed,thu"),  # crontab's Sunday-to-Thursday, not APScheduler's Monday-first range
        ("5-7", "sun,fri,sat"),
        ("0-7", "*"),
        ("*/2", "sun,tue,thu,sat"),  # crontab steps count from Sunday
        ("1-5/2", "mon,wed,fri"),
        ("mon-fri", "mon,tue,wed,thu,fri"),
        ("SAT,sun", "sun,sat"),
    ],
)
def test_weekdays_mean_what_crontab_means(field: str, days: str) -> None:
    assert crontab_weekdays(field) == days


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("every 0 minutes", "must be positive"),
        ("every 99999999999 days", "longer than 800 days"),
        ("every 801 days", "longer than 800 days"),
        ("every minute", "use 'every N"),
        ("daily", "use 'every N"),
        ("* * *", "use 'every N"),
        ("61 * * * *", "61"),
        ("0 24 * * *", "24"),
        ("0 9 * * 8", "day of week 8: use 0-7"),
        ("0 9 * * 1-8", "day of week 8"),
        ("0 9 * * 5-1", "runs backwards"),
        ("0 9 * * mon-fre", "day of week"),
        ("0 9 * * */0", "step 0"),
        ("0 0 31 2 *", "never fires"),
        ("0 0 30 2 *", "never fires"),
        ("0 0 31 4,6,9,11 *", "never fires"),
        ("0 0 29 2 *", "less often than every 800 days"),  # February 29: every four years
    ],
)
def test_unusable_schedules_are_refused_with_the_reason(text: str, message: str) -> None:
    with pytest.raises(ScheduleError, match="schedule") as info:
        check_schedule(text, NOW)
    assert message in str(info.value)


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("every 30 minutes", 1800), ("every 1 hour", 3600), ("every 800 days", 800 * 86400), ("Every 45 Seconds", 45)],
)
def test_intervals(text: str, seconds: int) -> None:
    assert check_schedule(text, NOW).interval_seconds == seconds


@pytest.mark.parametrize(
    "text",
    ["0 7 * * *", "*/5 * * * *", "0 0 1 1 *", "0 0 13 * 5", "0 0 31 * *", "30 2 * * 0-4", "0 9 1-7 * 1"],
)
def test_rare_but_regular_cron_lines_pass(text: str) -> None:
    """Yearly, Friday the 13th (up to 14 months apart), the 31st: all within the bound."""
    assert check_schedule(text, NOW).cron is not None


@pytest.mark.parametrize(
    ("text", "after", "expected"),
    [
        ("0 9 * * 1", NOW, datetime(2026, 3, 9, 9, 0, tzinfo=SEOUL)),  # crontab 1 is Monday
        ("0 9 * * 0-4", NOW, datetime(2026, 3, 8, 9, 0, tzinfo=SEOUL)),  # Friday: next is Sunday
        ("0 9 * * 7", NOW, datetime(2026, 3, 8, 9, 0, tzinfo=SEOUL)),
        (
            "0 12 * * *",
            datetime(2026, 3, 6, 12, 0, tzinfo=SEOUL),
            datetime(2026, 3, 7, 12, 0, tzinfo=SEOUL),
        ),  # strictly after
        ("every 30 minutes", NOW, NOW + timedelta(minutes=30)),  # an interval counts from the previous run
    ],
)
def test_next_fire(text: str, after: datetime, expected: datetime) -> None:
    assert next_fire(parse_schedule(text), SEOUL, after) == expected


@pytest.mark.parametrize(
    ("text", "at", "expected"),
    [
        ("every 30 minutes", "2026-11-25T10:44:59", "2026-11-25T10:30:00"),
        ("every 30 minutes", "2026-11-25T10:30:00", "2026-11-25T10:30:00"),  # at a fire time: that one
        ("every 2 seconds", "2026-11-25T10:30:03.5", "2026-11-25T10:30:02"),
        ("every 1 days", "2026-11-25T23:59:00", "2026-11-25T00:00:00"),  # midnight in the config's zone
        ("every 7 hours", "2000-01-01T06:59:00", "2000-01-01T00:00:00"),
        ("0 */2 * * *", "2026-11-25T11:59:00", "2026-11-25T10:00:00"),
        ("0 7 1 * *", "2026-11-25T12:00:00", "2026-11-01T07:00:00"),
        ("0 7 1 1 *", "2026-11-25T12:00:00", "2026-01-01T07:00:00"),
        ("0 0 13 * 5", "2026-11-25T12:00:00", "2026-11-13T00:00:00"),
        ("0 9 * * 0-4", "2026-11-28T12:00:00", "2026-11-26T09:00:00"),  # Saturday: Thursday's
    ],
)
def test_latest_fire(text: str, at: str, expected: str) -> None:
    found = latest_fire(parse_schedule(text), SEOUL, datetime.fromisoformat(at).replace(tzinfo=SEOUL))
    assert found == datetime.fromisoformat(expected).replace(tzinfo=SEOUL)


@pytest.mark.parametrize("text", ["every 45 minutes", "every 1 days", "every 7 hours", "0 2 * * *", "15 */3 * * 1-5"])
@pytest.mark.parametrize("zone", [SEOUL, NEW_YORK, ZoneInfo("UTC")])
@pytest.mark.parametrize(
    "at",
    [
        datetime(2026, 3, 8, 6, 59, tzinfo=UTC),  # around New York's spring-forward night
        datetime(2026, 3, 8, 7, 1, tzinfo=UTC),
        datetime(2026, 11, 1, 5, 30, tzinfo=UTC),  # and its fall-back night
        datetime(2026, 11, 25, 1, 3, tzinfo=UTC),
    ],
)
def test_latest_fire_is_a_fire_time_of_the_daemons_trigger(text: str, zone: ZoneInfo, at: datetime) -> None:
    """The digest's period end and the workers' slot are times the daemon's trigger fires at, and
    no fire time of that trigger lies between them and ``at``. (Compared as timestamps: Python
    never finds a time in a DST fold equal to a time in another zone.)"""
    schedule = parse_schedule(text)
    trigger: Any = make_trigger(schedule, zone)
    slot = latest_fire(schedule, zone, at)
    assert slot.timestamp() <= at.timestamp()
    assert trigger.get_next_fire_time(None, slot).timestamp() == slot.timestamp()
    following = trigger.get_next_fire_time(None, slot + timedelta(microseconds=1))
    assert following.timestamp() > at.timestamp()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("schedule", "every 99999999999 days", "longer than 800 days"),
        ("schedule", "0 0 31 2 *", "never fires"),
        ("schedule", "0 9 * * 8", "day of week 8"),
    ],
)
def test_a_bad_source_schedule_names_file_line_source_and_field(field: str, value: str, message: str) -> None:
    text = f"sources:\n  - name: naju\n    org: 나주시\n    kind: rss\n    url: https://naju.example/rss\n    {field}: '{value}'\n"
    with pytest.raises(ConfigError) as info:
        parse_config(text, origin="c.yaml")
    assert str(info.value).startswith("c.yaml:6: source 'naju': field schedule: schedule ")
    assert message in str(info.value)


def test_a_bad_digest_schedule_names_its_field() -> None:
    with pytest.raises(ConfigError, match=r"c\.yaml:3: field digest\.schedule: schedule '0 0 31 2 \*': never fires"):
        parse_config("digest:\n  to: [a@example.org]\n  schedule: '0 0 31 2 *'\n", origin="c.yaml")


@pytest.mark.parametrize("schedule", ["every 99999999999 days", "0 0 31 2 *", "0 9 * * 8"])
def test_the_daemon_exits_2_on_an_unusable_schedule(tmp_path: Path, schedule: str) -> None:
    config = tmp_path / "c.yaml"
    config.write_text(
        f"database: sqlite:///{tmp_path}/bw.sqlite\nsources:\n  - name: naju\n    org: 나주시\n    kind: rss\n"
        f"    url: https://naju.example/rss\n    schedule: '{schedule}'\n",
        encoding="utf-8",
    )
    # scheduler.py itself, forked (`budgetwatch daemon` execs it: tests/scheduling/test_daemon_run.py)
    daemon = spawn(["scheduler.py", "--config", str(config)])
    stderr = daemon.stderr.read()
    assert daemon.wait(120) == 2, stderr
    assert f"{config}:7: source 'naju': field schedule" in stderr
    assert "Traceback" not in stderr
