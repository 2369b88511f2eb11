"""Sources and crawl runs: who is watched, and what each crawl did."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import Engine, select, update
from sqlalchemy.orm import Session

from store.models import CrawlRun, Source
from store.records import RunTally, SourceRow


def sync_sources(engine: Engine, sources: Iterable[SourceRow], now: datetime) -> dict[str, int]:
    """Create or update a row per configured source; return their ids by name."""
    ids: dict[str, int] = {}
    with Session(engine) as session, session.begin():
        for config in sources:
            row = session.scalars(select(Source).where(Source.name == config.name)).one_or_none()
            if row is None:
                row = Source(name=config.name, created_at=now, org="", kind="", url="", updated_at=now)
                session.add(row)
            if (row.org, row.kind, row.url) != (config.org, config.kind, config.url):
                row.org, row.kind, row.url, row.updated_at = config.org, config.kind, config.url, now
            session.flush()
            ids[config.name] = row.id
    return ids


def start_run(engine: Engine, source_id: int, now: datetime) -> int:
    with Session(engine) as session, session.begin():
        run = CrawlRun(source_id=source_id, started_at=now, status="running", errors=[])
        session.add(run)
        session.flush()
        return run.id


def finish_run(engine: Engine, run_id: int, tally: RunTally, *, status: str, reason: str | None, now: datetime) -> None:
    with Session(engine) as session, session.begin():
        session.execute(
            update(CrawlRun)
            .where(CrawlRun.id == run_id)
            .values(
                finished_at=now,
                status=status,
                finish_reason=reason,
                pages=tally.pages,
                new_items=tally.new_items,
                changed_items=tally.changed_items,
                unchanged_items=tally.unchanged_items,
                skipped_known=tally.skipped_known,
                removed_items=tally.removed_items,
                error_count=len(tally.errors),
                errors=list(tally.errors[:50]),
            )
        )


def mark_interrupted(engine: Engine, now: datetime, *, started_before: datetime | None = None) -> int:
    """Runs left "running" by a process that died are marked interrupted; returns how many.

    ``started_before`` limits it to runs started before then (the daemon's periodic sweep, which
    must not touch crawls still in progress)."""
    query = update(CrawlRun).where(CrawlRun.status == "running")
    if started_before is not None:
        query = query.where(CrawlRun.started_at < started_before)
    with Session(engine) as session, session.begin():
        result = session.execute(query.values(status="interrupted", finished_at=now, finish_reason="process died"))
        return int(getattr(result, "rowcount", 0) or 0)
