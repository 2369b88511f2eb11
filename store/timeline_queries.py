"""Read each project's history: its figures by fiscal year (copies of one story once), the names
merged into it with why, and the change events recorded for it with their reasons."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from changes.naming import org_key, project_key
from store.models import Article, ArticleVersion, Change, Project, ProjectAlias, Statement
from store.records import as_utc


@dataclass(frozen=True)
class TimelinePoint:
    fiscal_year: int | None
    value: int
    currency: str
    amount_text: str
    said_at: datetime
    article_urls: tuple[str, ...]
    story_id: int | None


@dataclass(frozen=True)
class TimelineEvent:
    at: datetime
    kind: str  # amount_changed | stage_changed | project_new
    summary: str
    reason: str


@dataclass(frozen=True)
class ProjectTimeline:
    project_id: int
    org: str
    name: str
    kind: str
    aliases: tuple[tuple[str, str], ...]  # (name, why it resolved here)
    points: tuple[TimelinePoint, ...]
    events: tuple[TimelineEvent, ...] = ()


def _points(session: Session, project_id: int) -> tuple[TimelinePoint, ...]:
    rows = session.execute(
        select(Statement, ArticleVersion.published_at, ArticleVersion.fetched_at, Article)
        .join(ArticleVersion, ArticleVersion.id == Statement.version_id)
        .join(Article, Article.id == Statement.article_id)
        .where(Statement.project_id == project_id, ArticleVersion.version == Article.current_version)
        .order_by(Statement.fiscal_year, Statement.said_at, Statement.id)
    ).all()
    merged: dict[tuple[int | None, int | None, int], TimelinePoint] = {}
    for s, published, fetched, a in rows:
        story = a.story_id or a.id
        slot = (story, s.fiscal_year, s.value)
        known = merged.get(slot)
        urls = tuple(dict.fromkeys([*(known.article_urls if known else ()), a.url]))
        said = as_utc(published or fetched)
        merged[slot] = TimelinePoint(s.fiscal_year, s.value, s.currency, s.amount_text,
                                     known.said_at if known else said, urls, story)  # fmt: skip
    return tuple(sorted(merged.values(), key=lambda t: (t.fiscal_year or 0, t.said_at)))


def project_timelines(engine: Engine, *, org: str | None = None, project: str | None = None) -> list[ProjectTimeline]:
    """Each matching project's amounts by fiscal year and date; copies of one story count once."""
    with Session(engine) as session:
        query = select(Project).where(Project.merged_into.is_(None)).order_by(Project.org_key, Project.id)
        if org:
            query = query.where(Project.org_key == org_key(org))
        projects = list(session.scalars(query))
        if project:
            wanted = project_key(project)
            projects = [p for p in projects if wanted and (wanted in p.key or p.name == project)]
        timelines = []
        for p in projects:
            aliases = tuple(
                (a.name, a.reason) for a in session.scalars(select(ProjectAlias).where(ProjectAlias.project_id == p.id))
            )
            events = tuple(
                TimelineEvent(as_utc(c.at), c.kind, c.summary, str((c.detail or {}).get("reason", "")))
                for c in session.scalars(
                    select(Change)
                    .where(
                        Change.project_id == p.id, Change.kind.in_(("amount_changed", "stage_changed", "project_new"))
                    )
                    .order_by(Change.at, Change.id)
                )
            )
            timelines.append(ProjectTimeline(p.id, p.org, p.name, p.kind, aliases, _points(session, p.id), events))
    return timelines
