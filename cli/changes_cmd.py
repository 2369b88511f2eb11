"""`budgetwatch changes`, `timeline` and `projects merge|split`: the change log and project history."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import click

from changes.backlog import calendar_date
from cli.context import fail_usage, load, open_database
from cli.known import require_org
from store.changes import changes_since
from store.projects import ProjectError, merge_projects, split_project
from store.timeline import ProjectTimeline, format_amount, project_timelines


def _parse_since(text: str | None) -> datetime | None:
    if text is None:
        return None
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        example = "2026-11-24 or 2026-11-24T07:00+09:00"
        raise fail_usage(f"--since {text!r}: not an ISO 8601 date or time ({example})") from None
    return value if value.tzinfo else value.replace(tzinfo=UTC)


@click.command("changes")
@click.option("--since", default=None, help="Only events at or after this ISO 8601 time.")
@click.option("--org", default=None, help="Only events of this organization (광주시 = 광주광역시).")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
@click.option("--explain", is_flag=True, help="Under each event, why it was made (the rule and its evidence).")
@click.pass_context
def changes_command(ctx: click.Context, since: str | None, org: str | None, as_json: bool, explain: bool) -> None:
    """List change events: new and revised articles, removed pages, new amounts, changed amounts."""
    config = load(ctx, needs_file=False)
    engine = open_database(config, write=False)
    try:
        require_org(config, engine, org)
        rows = changes_since(engine, _parse_since(since), org=org)
    finally:
        engine.dispose()
    for row in rows:
        if as_json:
            click.echo(json.dumps({"id": row.id, "at": row.at.isoformat(), "kind": row.kind, "org": row.org,
                                   "source": row.source, "url": row.article_url, "summary": row.summary,
                                   "detail": row.detail}, ensure_ascii=False))  # fmt: skip
        else:
            at = row.at.astimezone(config.zone).strftime("%Y-%m-%d %H:%M")
            click.echo(f"{at}  {row.kind:<16} {row.summary}" + (f"  <{row.article_url}>" if row.article_url else ""))
            why = _reason(row.detail)
            if explain and why:
                click.echo(f"{'':>18}why: {why}")
            diff = row.detail.get("diff")
            if diff:
                for line in str(diff).splitlines()[2:12]:
                    click.echo(f"{'':>18}{line}")


def _reason(detail: dict[str, object]) -> str:
    """The reason an event records: a rule's decision, a project's creation, a story link."""
    for key in ("reason", "story_reason"):
        value = detail.get(key)
        if value:
            return str(value)
    return ""


def _chart(timeline: ProjectTimeline, zone: ZoneInfo, width: int = 40) -> list[str]:
    """One bar per point, scaled to the largest amount: a chart that fits any terminal."""
    if not timeline.points:
        return []
    top = max(p.value for p in timeline.points) or 1
    lines = []
    for point in timeline.points:
        bar = "█" * max(1, round(point.value / top * width))
        year = point.fiscal_year or "----"
        day = calendar_date(point.said_at, zone).isoformat()
        outlets = f" ({len(point.article_urls)} outlets)" if len(point.article_urls) > 1 else ""
        lines.append(f"  {year} {day} {bar} {format_amount(point.value, point.currency)}{outlets}")
    return lines


@click.command("timeline")
@click.option("--org", default=None, help="Only this organization's projects.")
@click.option("--project", default=None, help="Only projects whose name contains this text.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per project.")
@click.pass_context
def timeline_command(ctx: click.Context, org: str | None, project: str | None, as_json: bool) -> None:
    """Each project's amounts over fiscal years and time, with the articles that said them."""
    config = load(ctx, needs_file=False)
    engine = open_database(config, write=False)
    try:
        require_org(config, engine, org)
        timelines = project_timelines(engine, org=org, project=project)
    finally:
        engine.dispose()
    if project and not timelines:
        raise fail_usage(f"no project matches {project!r}" + (f" in {org}" if org else ""))
    for t in timelines:
        if as_json:
            points = [{"fiscal_year": p.fiscal_year, "value": p.value, "currency": p.currency,
                       "text": p.amount_text, "said_at": p.said_at.isoformat(),
                       "day": calendar_date(p.said_at, config.zone).isoformat(), "articles": list(p.article_urls)}
                      for p in t.points]  # fmt: skip
            aliases = [{"name": n, "reason": r} for n, r in t.aliases]
            events = [{"at": e.at.isoformat(), "kind": e.kind, "summary": e.summary, "reason": e.reason}
                      for e in t.events]  # fmt: skip
            record = {"project_id": t.project_id, "org": t.org, "name": t.name, "kind": t.kind, "aliases": aliases,
                      "points": points, "events": events}  # fmt: skip
            click.echo(json.dumps(record, ensure_ascii=False))
            continue
        click.echo(f"[{t.project_id}] {t.org} · {t.name} ({t.kind})")
        for name, why in t.aliases:
            if name != t.name:
                click.echo(f"  also named: {name} ({why})")
        for line in _chart(t, config.zone):
            click.echo(line)
        for event in t.events:
            if event.kind != "project_new":
                day = calendar_date(event.at, config.zone).isoformat()
                click.echo(f"  {day} {event.summary}" + (f"\n      why: {event.reason}" if event.reason else ""))


@click.group("projects")
def projects_group() -> None:
    """Correct project resolution by hand."""


@projects_group.command("merge")
@click.argument("keep")
@click.argument("absorb")
@click.option("--org", default=None, help="Organization, when a name is ambiguous.")
@click.pass_context
def merge(ctx: click.Context, keep: str, absorb: str, org: str | None) -> None:
    """Merge project ABSORB into KEEP (ids or names)."""
    engine = open_database(load(ctx, needs_file=False))
    try:
        kept, absorbed = merge_projects(engine, keep, absorb, datetime.now(UTC), org=org)
    except ProjectError as exc:
        raise fail_usage(str(exc)) from None
    finally:
        engine.dispose()
    click.echo(f"project {absorbed} merged into {kept}")


@projects_group.command("split")
@click.argument("project")
@click.argument("name")
@click.option("--org", default=None, help="Organization, when a name is ambiguous.")
@click.pass_context
def split(ctx: click.Context, project: str, name: str, org: str | None) -> None:
    """Move the statements named NAME out of PROJECT into a project of their own."""
    engine = open_database(load(ctx, needs_file=False))
    try:
        fresh = split_project(engine, project, name, datetime.now(UTC), org=org)
    except ProjectError as exc:
        raise fail_usage(str(exc)) from None
    finally:
        engine.dispose()
    click.echo(f"statements named {name!r} moved to new project {fresh}")
