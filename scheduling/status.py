"""Daemon status from the database: per source its last run, next run, failures and warning flags."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from config.schema import Config
from scheduling.jobs import first_crawl_time
from store.models import CrawlRun, Source

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


def flags_of(runs: Sequence[RunRow]) -> tuple[str, ...]:
    """Warnings for a source, from its runs newest first.

    failing: FAILING_AFTER failures in a row. found-nothing: the last finished crawl read its
    pages but found no article where earlier crawls found some (typically a broken selector).
    """
    flags: list[str] = []
    if consecutive_failures(runs) >= FAILING_AFTER:
        flags.append("failing")
    finished = [r for r in runs if r.status in ("ok", "partial")]
    if finished and finished[0].found == 0 and any(r.found > 0 for r in finished[1:]):
        flags.append("found-nothing")
    return tuple(flags)


def summarize_source(config: Config, name: str, runs: Sequence[RunRow], now: datetime) -> SourceStatus:
    source = config.source(name)
    running = bool(runs) and runs[0].status == "running"
    last = next((r for r in runs if r.status != "running"), None)
    next_run: datetime | None = None
    if source.enabled:
        started = last_completed_start(runs)
        next_run = first_crawl_time(source.parsed_schedule, config.zone, started, now)
    return SourceStatus(
        name=name,
        enabled=source.enabled,
        schedule=source.schedule,
        next_run=next_run,
        running=running,
        last_run=last,
        consecutive_failures=consecutive_failures(runs),
        flags=flags_of(runs),
    )


def load_runs(engine: Engine, names: Sequence[str], per_source: int = HISTORY) -> dict[str, list[RunRow]]:
    """The latest runs of each named source, newest first."""
    found: dict[str, list[RunRow]] = {name: [] for name in names}
    with Session(engine) as session:
        for name in names:
            rows = session.scalars(
                select(CrawlRun)
                .join(Source, Source.id == CrawlRun.source_id)
                .where(Source.name == name)
                .order_by(CrawlRun.started_at.desc(), CrawlRun.id.desc())
                .limit(per_source)
            )
            found[name] = [
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
                )
                for r in rows
            ]
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
