"""`budgetwatch status [--json]`: is a daemon alive, and per source its last and next run and flags."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import TYPE_CHECKING

import click

from cli.context import load, open_database

if TYPE_CHECKING:
    from digest.outbox import OutboxStatus
    from scheduling.lock import Holder
    from scheduling.status import SourceStatus


def daemon_line(holder: Holder | None) -> str:
    if holder is None:
        return "daemon: not running"
    if holder.pid is None:
        return "daemon: running"
    return f"daemon: running (pid {holder.pid}{' on ' + holder.host if holder.host else ''}, since {holder.since})"


def when(value: datetime | None, now: datetime) -> str:
    if value is None:
        return "-"
    seconds = int((value - now).total_seconds())
    if abs(seconds) < 1:
        return "now"
    span = abs(seconds)
    text = f"{span}s" if span < 120 else f"{span // 60}m" if span < 7200 else f"{span // 3600}h"
    return f"in {text}" if seconds > 0 else f"{text} ago"


def source_line(status: SourceStatus, now: datetime) -> str:
    run = status.last_run
    parts = [status.name, f"next {when(status.next_run, now) if status.enabled else 'disabled'}"]
    if status.running:
        parts.append("crawling now")
    if status.skipped_until is not None:
        until = status.skipped_until.isoformat(timespec="minutes")
        parts.append(f"SKIPPED until {until} (the site asked: Retry-After)")
    if run is None:
        parts.append("never crawled")
    else:
        parts.append(
            f"last {run.status} {when(run.started_at, now)} (pages {run.pages}, new {run.new_items}, "
            f"changed {run.changed_items}, errors {run.error_count})"
        )
    if status.consecutive_failures:
        parts.append(f"{status.consecutive_failures} failures in a row")
    if status.flags:
        parts.append("FLAGGED: " + ", ".join(status.flags) + (f" ({status.reason})" if status.reason else ""))
    return "  ".join(parts)


def digest_line(outbox: OutboxStatus, next_run: datetime | None, now: datetime) -> str:
    if next_run is None:
        return "digest: no recipients configured"
    last = when(outbox.last_sent_at, now) if outbox.last_sent_at else "never"
    counts = ", ".join(f"{k} {v}" for k, v in sorted(outbox.counts.items())) or "none yet"
    return f"digest: next {when(next_run, now)}, last sent {last} (outbox: {counts})"


@click.command("status")
@click.option("--json", "as_json", is_flag=True, help="One JSON object instead of lines.")
@click.pass_context
def command(ctx: click.Context, as_json: bool) -> None:
    """Whether a daemon runs on the database; per source its next and last run and any flags."""
    # Imported here so the other commands still start where scheduling/ is not installed yet.
    from config.schedule import next_fire, parse_schedule
    from digest.outbox import outbox_status
    from scheduling.lock import probe_lock
    from scheduling.status import source_statuses, status_json

    config = load(ctx)
    engine = open_database(config, write=False)
    try:
        now = datetime.now(UTC)
        holder = probe_lock(config.database)
        statuses = source_statuses(config, engine, now)
        outbox = outbox_status(engine)
    finally:
        engine.dispose()
    next_digest = next_fire(parse_schedule(config.digest.schedule), config.zone, now) if config.digest.to else None
    if as_json:
        daemon = {"alive": holder is not None, "pid": holder.pid if holder else None}
        digest = {"next_run": next_digest.isoformat() if next_digest else None, **outbox.as_json()}
        click.echo(json.dumps({"daemon": daemon, "sources": status_json(statuses), "digest": digest},
                              ensure_ascii=False))  # fmt: skip
        return
    click.echo(daemon_line(holder))
    for status in statuses:
        click.echo(source_line(status, now))
    click.echo(digest_line(outbox, next_digest, now))
    for failed in outbox.failed:
        click.echo(f"  digest FAILED: period {failed.period_key} to {failed.recipient} after {failed.attempts} "
                   f"attempts: {failed.last_error}")  # fmt: skip
    for waiting in outbox.pending:
        click.echo(f"  digest retrying: period {waiting.period_key} to {waiting.recipient} "
                   f"(attempt {waiting.attempts}): {waiting.last_error}")  # fmt: skip
