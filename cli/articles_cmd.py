"""`budgetwatch articles [--source S] [--json]`: what is stored."""

from __future__ import annotations

import json

import click

from changes.backlog import calendar_date
from cli.context import load, open_database
from cli.known import require_source
from store.queries import list_articles
from store.records import as_utc


@click.command("articles")
@click.option("--source", "source", default=None, help="Only this source's articles.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
@click.pass_context
def command(ctx: click.Context, source: str | None, as_json: bool) -> None:
    """List stored articles, newest first."""
    config = load(ctx, needs_file=False)
    engine = open_database(config, write=False)
    try:
        require_source(config, engine, source)
        rows = list_articles(engine, source)
    finally:
        engine.dispose()
    for row in rows:
        if as_json:
            click.echo(
                json.dumps(
                    {
                        "source": row.source,
                        "org": row.org,
                        "url": row.url,
                        "title": row.title,
                        "published": row.published.isoformat() if row.published else None,
                        "versions": row.versions,
                        "statements": row.statements,
                    },
                    ensure_ascii=False,
                )
            )
        else:
            # the calendar date in the configured zone: a date-only page keeps its date
            day = calendar_date(as_utc(row.published), config.zone).isoformat() if row.published else "----------"
            click.echo(f"{day}  {row.source:<18} {row.title}  [{row.statements} amounts]  {row.url}")
