"""Job planning with a fixed clock: first run times, catch-up after downtime, reload diffs."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from config.schedule import Schedule, make_trigger, next_fire, parse_schedule
from config.schema import Config
from scheduling.jobs import CRAWL_MISFIRE_GRACE_S, ExtraJob, JobContext, diff_jobs, first_crawl_time, plan_jobs

NOW = datetime(2026, 3, 2, 3, 30, tzinfo=UTC)  # 12:30 in Seoul, a Monday
SEOUL = Config().zone


def config(*sources: tuple[str, str], enabled: bool = True) -> Config:
    return Config.model_validate(
        {
            "sources": [
                {
                    "name": name,
                    "org": "o",
                    "kind": "rss",
                    "url": "http://example.org/rss",
                    "schedule": schedule,
                    "enabled": enabled,
                }
                for name, schedule in sources
            ]
        }
    )


async def nothing(_context: JobContext) -> None:
    return None


@pytest.mark.parametrize(
    ("schedule", "last", "expected"),
    [
        ("every 30 minutes", None, NOW),  # never crawled: now
        ("every 30 minutes", NOW - timedelta(minutes=10), NOW + timedelta(minutes=20)),  # not due yet
        ("every 30 minutes", NOW - timedelta(minutes=30), NOW),  # due exactly now
        ("every 30 minutes", NOW - timedelta(days=3), NOW),  # down for days: once, now
        ("0 */2 * * *", NOW - timedelta(minutes=20), datetime(2026, 3, 2, 14, 0, tzinfo=SEOUL)),  # next slot 14:00 KST
        ("0 */2 * * *", NOW - timedelta(hours=3), NOW),  # a slot (12:00 KST) passed since: now
        ("0 9 * * mon", NOW - timedelta(days=1), NOW),  # Monday 09:00 KST passed since Sunday's run
        ("0 9 * * mon", NOW - timedelta(hours=2), datetime(2026, 3, 9, 9, 0, tzinfo=SEOUL)),
    ],
)
def test_first_crawl_time(schedule: str, last: datetime | None, expected: datetime) -> None:
    assert first_crawl_time(parse_schedule(schedule), SEOUL, last, NOW) == expected


def test_cron_slots_are_read_in_the_configured_zone() -> None:
    fire = next_fire(parse_schedule("0 7 * * *"), SEOUL, NOW)
    assert fire == datetime(2026, 3, 3, 7, 0, tzinfo=SEOUL) and fire.astimezone(UTC).hour == 22


def test_plan_has_one_crawl_job_per_enabled_source_and_the_extras() -> None:
    cfg = config(("a", "every 1 hours"), ("b", "*/5 * * * *"))
    off = config(("c", "every 1 hours"), enabled=False).sources
    cfg = cfg.model_copy(update={"sources": (*cfg.sources, *off)})
    extras = (
        ExtraJob("digest", lambda _c: parse_schedule("0 7 * * *"), nothing),
        ExtraJob("switched-off", lambda _c: None, nothing),
    )
    specs = plan_jobs(cfg, {"a": NOW - timedelta(minutes=15)}, extras, NOW)
    by_id = {s.id: s for s in specs}
    assert set(by_id) == {"crawl:a", "crawl:b", "job:digest"}
    assert by_id["crawl:a"].next_run_time == NOW + timedelta(minutes=45)
    assert by_id["crawl:b"].next_run_time == NOW
    assert by_id["crawl:a"].misfire_grace_time == CRAWL_MISFIRE_GRACE_S
    assert by_id["job:digest"].next_run_time == datetime(2026, 3, 3, 7, 0, tzinfo=SEOUL)


def test_interval_trigger_continues_from_the_previous_run_without_reading_the_clock() -> None:
    trigger: Any = make_trigger(Schedule(interval_seconds=600), SEOUL)
    assert trigger.get_next_fire_time(NOW, NOW) == NOW + timedelta(minutes=10)


def test_diff_on_reload() -> None:
    old = plan_jobs(config(("a", "every 1 hours"), ("b", "every 1 hours")), {}, (), NOW)
    new = plan_jobs(config(("b", "every 2 hours"), ("c", "every 1 hours")), {}, (), NOW + timedelta(seconds=5))
    changes = diff_jobs(old, new)
    assert [s.id for s in changes.add] == ["crawl:c"]
    assert changes.remove == ("crawl:a",)
    assert [s.id for s in changes.reschedule] == ["crawl:b"]
    same = diff_jobs(old, plan_jobs(config(("a", "every 1 hours"), ("b", "every 1 hours")), {}, (), NOW))
    assert (same.add, same.remove, same.reschedule) == ((), (), ())


def test_numeric_weekday_means_what_crontab_means() -> None:
    monday_9 = datetime(2026, 3, 9, 9, 0, tzinfo=SEOUL)
    assert next_fire(parse_schedule("0 9 * * 1"), SEOUL, NOW) == monday_9
