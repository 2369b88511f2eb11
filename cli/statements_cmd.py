"""`budgetwatch statements` lists stored statements; `budgetwatch reextract` reads articles again."""

from __future__ import annotations

import json
from datetime import datetime

import click

from changes.backlog import calendar_date
from cli.context import load, open_database
from cli.known import require_org, require_source
from store.reextract import reextract
from store.statement_queries import StatementRow, list_statements
from store.timeline import format_amount


def _row_json(row: StatementRow) -> dict[str, object]:
    return {
        "id": row.id,
        "amount": {"text": row.amount_text, "value": row.value, "currency": row.currency},
        "subject": row.subject,
        "role": row.role,
        "fiscal_year": row.fiscal_year,
        "org": row.org,
        "action": row.action,
        "funding": row.funding,
        "stage": row.stage,
        "sentence": row.sentence,
        "project_id": row.project_id,
        "article": {"id": row.article_id, "version": row.version, "url": row.url, "title": row.title},
        "said_at": row.said_at.isoformat(),
    }


@click.command("statements")
@click.option("--org", default=None, help="Only this organization's statements (광주시 finds 광주광역시).")
@click.option("--since", type=click.DateTime(formats=["%Y-%m-%d"]), default=None, help="Articles from this day on.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
@click.pass_context
def statements_command(ctx: click.Context, org: str | None, since: datetime | None, as_json: bool) -> None:
    """List stored statements (current article versions), each with its article's URL and title."""
    config = load(ctx, needs_file=False)
    engine = open_database(config)
    try:
        require_org(config, engine, org)
        rows = list_statements(engine, org=org, since=since.date() if since else None, zone=config.zone)
    finally:
        engine.dispose()
    if as_json:
        for row in rows:
            click.echo(json.dumps(_row_json(row), ensure_ascii=False))
        return
    from cli.table import Column, render

    columns = [Column(align=">"), Column(), Column(), Column(), Column()]
    cells = [(format_amount(r.value, r.currency), r.role, str(r.fiscal_year or "-"), r.org or "-", r.subject or "-")
             for r in rows]  # fmt: skip
    lines = render(cells, columns)  # one alignment for the whole list, Korean counted by display width
    last_article = None
    for row, line in zip(rows, lines, strict=True):
        if row.article_id != last_article:
            last_article = row.article_id
            click.echo(f"{calendar_date(row.said_at, config.zone).isoformat()}  {row.title}\n            {row.url}")
        click.echo("    " + line)
    if not rows and not as_json:
        click.echo("no statements stored" + (f" for {org}" if org else ""))


@click.command("reextract")
@click.option("--source", default=None, help="Only this source's articles (its name in the config).")
@click.pass_context
def reextract_command(ctx: click.Context, source: str | None) -> None:
    """Read stored articles again: statements, project mentions, projects and change events are rebuilt."""
    config = load(ctx, needs_file=False)
    engine = open_database(config)
    try:
        require_source(config, engine, source)
        report = reextract(engine, source=source, zone=config.zone)
    finally:
        engine.dispose()
    click.echo(
        f"re-read {report.versions} article version(s): {report.statements_before} -> "
        f"{report.statements_after} statements, {report.mentions} project mentions; change events: "
        f"{report.events_removed} removed, {report.events_added} added"
    )
