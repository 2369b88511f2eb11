"""Sources and crawl runs: who is watched, and what each crawl did."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

from sqlalchemy import Engine, select, update
from sqlalchemy.orm import Session

from store.models import CrawlRun, Source
from store.process import is_dead, this_process
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
    me = this_process()
    with Session(engine) as session, session.begin():
        run = CrawlRun(source_id=source_id, started_at=now, status="running", errors=[],
                       host=me.host, pid=me.pid, process_started=me.started)  # fmt: skip
        session.add(run)
        session.flush()
        return run.id


# A run ended by a site's long Retry-After keeps the time it may be crawled again here.
REASON_PREFIX = "retry-after until "


def skip_reason(until: datetime) -> str:
    """The finish_reason of a run the site paused."""
    return REASON_PREFIX + until.astimezone(UTC).isoformat(timespec="seconds")


def skip_until(finish_reason: str | None) -> datetime | None:
    """When a paused source may be crawled again, from its last run's finish_reason."""
    if not finish_reason or not finish_reason.startswith(REASON_PREFIX):
        return None
    try:
        until = datetime.fromisoformat(finish_reason[len(REASON_PREFIX) :])
    except ValueError:
        return None
    return until if until.tzinfo is not None else until.replace(tzinfo=UTC)


def last_finish_reason(engine: Engine, source_id: int) -> str | None:
    """The finish_reason of the source's newest finished run (a Retry-After pause lives there)."""
    with Session(engine) as session:
        return session.scalar(
            select(CrawlRun.finish_reason)
            .where(CrawlRun.source_id == source_id, CrawlRun.finished_at.is_not(None))
            .order_by(CrawlRun.started_at.desc(), CrawlRun.id.desc())
            .limit(1)
        )


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


def mark_interrupted(
    engine: Engine, now: datetime, *, started_before: datetime | None = None, own_process: bool = False
) -> int:
    """Runs left "running" are marked interrupted; returns how many.

    ``started_before`` limits it to runs started before then (the daemon's periodic sweep, which
    must not touch crawls still in progress); ``own_process`` to this process's runs (a daemon
    that cancelled its crawls). Runs of dead processes: close_dead_runs."""
    query = update(CrawlRun).where(CrawlRun.status == "running")
    if started_before is not None:
        query = query.where(CrawlRun.started_at < started_before)
    if own_process:
        me = this_process()
        query = query.where(CrawlRun.host == me.host, CrawlRun.pid == me.pid)
    with Session(engine) as session, session.begin():
        result = session.execute(query.values(status="interrupted", finished_at=now, finish_reason="process died"))
        return int(getattr(result, "rowcount", 0) or 0)


def close_dead_runs(engine: Engine, now: datetime) -> int:
    """Runs "running" whose process on this host is dead (kill -9, a crash, a power cut) become
    interrupted; returns how many. Live crawls of other commands and other hosts are left alone."""
    with Session(engine) as session:
        candidates = session.execute(
            select(CrawlRun.id, CrawlRun.host, CrawlRun.pid, CrawlRun.process_started).where(
                CrawlRun.status == "running", CrawlRun.pid.is_not(None)
            )
        ).all()
    dead = [row.id for row in candidates if is_dead(row.host, row.pid, row.process_started)]
    if not dead:
        return 0
    with Session(engine) as session, session.begin():
        result = session.execute(
            update(CrawlRun)
            .where(CrawlRun.id.in_(dead), CrawlRun.status == "running")
            .values(status="interrupted", finished_at=now, finish_reason="process died")
        )
        return int(getattr(result, "rowcount", 0) or 0)
