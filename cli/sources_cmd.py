"""`budgetwatch sources`: the configured sources with org, kind, schedule, last run and health."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import click

from cli.context import load, open_database
from cli.table import Column, render


@click.command("sources")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per source.")
@click.pass_context
def command(ctx: click.Context, as_json: bool) -> None:
    """List the configured sources with org, kind, schedule, last run and health."""
    from cli.status_cmd import when
    from scheduling.status import source_statuses

    config = load(ctx)
    engine = open_database(config)
    try:
        now = datetime.now(UTC)
        statuses = {s.name: s for s in source_statuses(config, engine, now)}
    finally:
        engine.dispose()
    rows = [("SOURCE", "ORG", "KIND", "SCHEDULE", "LAST RUN", "HEALTH")]
    for source in config.sources:
        status = statuses[source.name]
        run = status.last_run
        last = "never" if run is None else f"{run.status} {when(run.started_at, now)}"
        if status.running:
            last = "crawling now"
        health = "FLAGGED: " + ", ".join(status.flags) if status.flags else "ok" if run else "-"
        if status.reason:
            health += f" ({status.reason})"
        schedule = source.schedule if source.enabled else f"{source.schedule} (disabled)"
        if as_json:
            record = {"name": source.name, "org": source.org, "kind": source.kind, "url": source.url,
                      "schedule": source.schedule, "enabled": source.enabled, "last_run": run.status if run else None,
                      "last_started": run.started_at.isoformat() if run else None, "flags": list(status.flags),
                      "reason": status.reason}  # fmt: skip
            click.echo(json.dumps(record, ensure_ascii=False))
            continue
        rows.append((source.name, source.org, source.kind, schedule, last, health))
    if as_json:
        return
    if len(rows) == 1:
        click.echo("no sources configured (add some under 'sources:' in the config)")
        return
    for line in render(rows, [Column(), Column(), Column(), Column(), Column(), Column()]):
        click.echo(line)
