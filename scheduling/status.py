"""Daemon status from the database: per source its last run, next run, failures and warning flags."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from config.schema import Config
from scheduling.jobs import first_crawl_time
from store.models import CrawlRun, Source
from store.runs import skip_until

FAILING_AFTER = 3  # consecutive failed runs before a source is flagged: one bad night is noise
COMPLETED = ("ok", "partial", "failed")
HISTORY = 20  # runs read per source; enough to see a streak and what the source used to find


@dataclass(frozen=True)
class RunRow:
    started_at: datetime
    finished_at: datetime | None
    status: str
    pages: int
    new_items: int
    changed_items: int
    unchanged_items: int
    skipped_known: int
    error_count: int
    first_error: str | None
    finish_reason: str | None = None

    @property
    def found(self) -> int:
        """Articles the crawl saw on the source, stored before or not."""
        return self.new_items + self.changed_items + self.unchanged_items + self.skipped_known


@dataclass(frozen=True)
class SourceStatus:
    name: str
    enabled: bool
    schedule: str
    next_run: datetime | None
    running: bool
    last_run: RunRow | None
    consecutive_failures: int
    flags: tuple[str, ...]
    reason: str | None = None  # why it is flagged, in words (the run's first error or what was missing)
    skipped_until: datetime | None = None  # the site asked to wait (Retry-After past the cap)


def consecutive_failures(runs: Sequence[RunRow]) -> int:
    """Failed runs in a row, newest first; running and interrupted runs neither count nor break it."""
    count = 0
    for run in runs:
        if run.status in ("running", "interrupted"):
            continue
        if run.status != "failed":
            break
        count += 1
    return count


NOTHING_FOUND = {
    "rss": "the feed listed no entries",
    "sitemap": "the sitemap listed no pages",
    "listing": "the list page's link selector matched nothing",
}


def found_nothing(status: str, found: int) -> bool:
    """A crawl that ran but found no article at all, stored or not: a broken selector, an empty
    feed, every article page failing. Worth a flag from the first time."""
    return status in ("ok", "partial") and found == 0


def nothing_reason(kind: str, first_error: str | None) -> str:
    return first_error or NOTHING_FOUND.get(kind, "no article found")


def flags_of(runs: Sequence[RunRow]) -> tuple[str, ...]:
    """Warnings for a source, from its runs newest first, each raised by the first bad run.

    failed: the last finished crawl failed (its feed, sitemap or first list page could not be
    read). failing: also FAILING_AFTER failures in a row. found-nothing: the last finished
    crawl read its list but found no article (typically a broken selector).
    """
    flags: list[str] = []
    finished = [r for r in runs if r.status in COMPLETED]
    if finished and finished[0].status == "failed":
        flags.append("failed")
    if consecutive_failures(runs) >= FAILING_AFTER:
        flags.append("failing")
    if finished and found_nothing(finished[0].status, finished[0].found):
        flags.append("found-nothing")
    return tuple(flags)


def flag_reason(kind: str, runs: Sequence[RunRow]) -> str | None:
    """The words behind the flags: the last finished run's first error, or what it did not find."""
    finished = next((r for r in runs if r.status in COMPLETED), None)
    if finished is None or not flags_of(runs):
        return None
    if finished.status == "failed":
        return finished.first_error or "the crawl failed"
    return nothing_reason(kind, finished.first_error)


def summarize_source(config: Config, name: str, runs: Sequence[RunRow], now: datetime) -> SourceStatus:
    source = config.source(name)
    running = bool(runs) and runs[0].status == "running"
    last = next((r for r in runs if r.status != "running"), None)
    next_run: datetime | None = None
    if source.enabled:
        started = last_completed_start(runs)
        next_run = first_crawl_time(source.parsed_schedule, config.zone, started, now)
    paused = skip_until(last.finish_reason) if last is not None else None
    return SourceStatus(
        skipped_until=paused if paused is not None and paused > now else None,
        name=name,
        enabled=source.enabled,
        schedule=source.schedule,
        next_run=next_run,
        running=running,
        last_run=last,
        consecutive_failures=consecutive_failures(runs),
        flags=flags_of(runs),
        reason=flag_reason(source.kind, runs),
    )


def load_runs(engine: Engine, names: Sequence[str], per_source: int = HISTORY) -> dict[str, list[RunRow]]:
    """The latest runs of each named source, newest first: one query for all sources (a query per
    source made `status` of 120,000 sources run for minutes)."""
    found: dict[str, list[RunRow]] = {name: [] for name in names}
    rank = (
        func.row_number()
        .over(partition_by=CrawlRun.source_id, order_by=(CrawlRun.started_at.desc(), CrawlRun.id.desc()))
        .label("rank")
    )
    latest = select(CrawlRun.id, rank).subquery()
    query = (
        select(CrawlRun, Source.name)
        .join(latest, latest.c.id == CrawlRun.id)
        .join(Source, Source.id == CrawlRun.source_id)
        .where(latest.c.rank <= per_source)
        .order_by(CrawlRun.source_id, latest.c.rank)
    )
    with Session(engine) as session:
        for r, name in session.execute(query):
            rows = found.get(name)
            if rows is None:
                continue  # a source no longer in the config
            rows.append(
                RunRow(
                    started_at=r.started_at,
                    finished_at=r.finished_at,
                    status=r.status,
                    pages=r.pages,
                    new_items=r.new_items,
                    changed_items=r.changed_items,
                    unchanged_items=r.unchanged_items,
                    skipped_known=r.skipped_known,
                    error_count=r.error_count,
                    first_error=r.errors[0] if r.errors else None,
                    finish_reason=r.finish_reason,
                )
            )
    return found


def last_completed_start(runs: Sequence[RunRow]) -> datetime | None:
    """When the newest crawl that ran to its end started. A run that was interrupted does not
    count: after a restart its source is crawled again right away."""
    return next((r.started_at for r in runs if r.status in COMPLETED), None)


def last_started(engine: Engine, names: Sequence[str]) -> dict[str, datetime]:
    """Per source, the start of its newest completed crawl (sources never crawled are left out)."""
    found = {name: last_completed_start(rows) for name, rows in load_runs(engine, names, per_source=5).items()}
    return {name: started for name, started in found.items() if started is not None}


def source_statuses(config: Config, engine: Engine, now: datetime) -> list[SourceStatus]:
    names = [s.name for s in config.sources]
    runs = load_runs(engine, names)
    return [summarize_source(config, name, runs[name], now) for name in names]


def status_json(statuses: Sequence[SourceStatus]) -> list[dict[str, Any]]:
    def plain(value: Any) -> Any:
        if isinstance(value, datetime):
            return value.isoformat(timespec="seconds")
        if isinstance(value, dict):
            return {k: plain(v) for k, v in value.items()}
        if isinstance(value, list | tuple):
            return [plain(v) for v in value]
        return value

    return [plain(asdict(s)) for s in statuses]
