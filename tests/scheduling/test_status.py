"""Source status from run history: failure streaks and the found-nothing flag (a broken selector)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from config.schema import Config
from scheduling.status import RunRow, consecutive_failures, flags_of, summarize_source

NOW = datetime(2026, 3, 2, 3, 30, tzinfo=UTC)


def run(status: str, found: int = 5, minutes_ago: int = 0) -> RunRow:
    return RunRow(NOW - timedelta(minutes=minutes_ago), NOW, status, 3, 0, 0, 0, found, 0, None)


@pytest.mark.parametrize(
    ("statuses", "streak", "flags"),
    [
        ([], 0, ()),
        (["ok", "failed"], 0, ()),
        (["failed", "ok"], 1, ("failed",)),  # flagged from the first failure
        (["failed", "failed", "ok"], 2, ("failed",)),
        (["failed", "failed", "failed", "ok"], 3, ("failed", "failing")),
        (["running", "failed", "interrupted", "failed", "failed"], 3, ("failed", "failing")),
        (["partial", "failed", "failed", "failed"], 0, ()),
    ],
)
def test_failure_streaks(statuses: list[str], streak: int, flags: tuple[str, ...]) -> None:
    runs = [run(s) for s in statuses]
    assert consecutive_failures(runs) == streak
    assert flags_of(runs) == flags


@pytest.mark.parametrize(
    ("found", "flagged"),
    [
        ([0, 5, 5], True),  # used to find articles, now none: the selector broke
        ([0], True),  # the first crawl found nothing: flagged at once, not after four runs
        ([0, 0], True),
        ([5, 0, 5], False),  # found again
        ([3], False),
    ],
)
def test_found_nothing_flag(found: list[int], flagged: bool) -> None:
    runs = [run("ok", n) for n in found]
    assert ("found-nothing" in flags_of(runs)) is flagged


def test_the_reason_names_the_first_error_or_what_was_missing() -> None:
    config = Config.model_validate(
        {"sources": [{"name": "a", "org": "o", "kind": "listing", "url": "http://e.org/", "links": "td.title a"}]}
    )
    broken = RunRow(NOW, NOW, "partial", 1, 0, 0, 0, 0, 1, "http://e.org/: no links match 'td.title a'")
    status = summarize_source(config, "a", [broken], NOW)
    assert status.flags == ("found-nothing",)
    assert status.reason == "http://e.org/: no links match 'td.title a'"
    silent = summarize_source(config, "a", [run("ok", 0)], NOW)
    assert silent.reason == "the list page's link selector matched nothing"
    healthy = summarize_source(config, "a", [run("ok", 4)], NOW)
    assert healthy.flags == () and healthy.reason is None


def test_an_interrupted_run_makes_the_source_due_now() -> None:
    config = Config.model_validate(
        {"sources": [{"name": "a", "org": "o", "kind": "rss", "url": "http://e.org/", "schedule": "every 1 hours"}]}
    )
    runs = [run("interrupted", minutes_ago=1), run("ok", minutes_ago=10)]
    status = summarize_source(config, "a", runs, NOW)
    assert status.next_run == NOW + timedelta(minutes=50)  # from the completed run 10 minutes ago
    assert status.last_run is not None and status.last_run.status == "interrupted"
    only_interrupted = summarize_source(config, "a", [run("interrupted", minutes_ago=1)], NOW)
    assert only_interrupted.next_run == NOW
