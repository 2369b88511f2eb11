"""Statements of an article version: stored, linked to projects, compared with what was said before."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from extract.statements.extractor import Statement as ReadStatement
from store.changes import add_change
from store.models import Article, ArticleVersion, Project, Source, Statement
from store.naming import org_key, project_name
from store.projects import resolve_project


def _korean_won(value: int) -> str:
    """7682300000000 -> "7조6823억원" (how readers write amounts)."""
    jo, rest = divmod(value, 10**12)
    eok, rest = divmod(rest, 10**8)
    man = rest // 10**4
    parts = [f"{jo:,}조" if jo else "", f"{eok:,}억" if eok else "", f"{man:,}만" if man and not jo else ""]
    text = "".join(parts)
    return f"{text}원" if text else f"{value:,}원"


def format_amount(value: int, currency: str) -> str:
    if currency == "KRW":
        return _korean_won(value)
    symbol = {"USD": "$", "GBP": "£", "EUR": "€"}.get(currency)
    return f"{symbol}{value:,}" if symbol else f"{value:,} {currency}"


def statement_row(found: ReadStatement, article_id: int, version_id: int, org: str) -> Statement:
    """The row of one extracted statement (its project is linked by the caller)."""
    return Statement(
        version_id=version_id, article_id=article_id, amount_text=found.amount.text,
        amount_start=found.amount.start, amount_end=found.amount.end, value=found.amount.value,
        currency=found.amount.currency, subject=found.subject, action=found.action, verb=found.verb,
        role=found.role, fiscal_year=found.fiscal_year, org=org, funding=found.funding, stage=found.stage,
        sentence=found.sentence,
    )  # fmt: skip


def record_statements(
    session: Session,
    source: Source,
    article: Article,
    version: ArticleVersion,
    statements: Sequence[ReadStatement],
    previous: ArticleVersion | None,
    now: datetime,
) -> list[Statement]:
    """Store the statements, resolve their projects, log new projects and changed amounts."""
    rows: list[Statement] = []
    resolved: dict[tuple[str, str], int] = {}  # one lookup per distinct (org, name) in the article
    for found in statements:
        org = found.org or source.org
        row = statement_row(found, article.id, version.id, org)
        name = project_name(found.subject, found.role)
        if name is not None:
            slot_key = (org, name.name if name.kind == "project" else name.key)
            if slot_key not in resolved:
                resolution = resolve_project(session, org, name, now)
                resolved[slot_key] = resolution.project.id
                if resolution.created:
                    add_change(session, "project_new", now, f"{org} {resolution.project.name}",
                               source_id=source.id, article_id=article.id, version_id=version.id,
                               project_id=resolution.project.id, org=org,
                               detail={"kind": resolution.project.kind})  # fmt: skip
            row.project_id = resolved[slot_key]
        rows.append(row)
    session.add_all(rows)
    session.flush()
    compared: set[tuple[int, int]] = set()
    for row in rows:
        if row.project_id is not None and row.fiscal_year is not None:
            slot = (row.project_id, row.fiscal_year)
            if slot not in compared:
                compared.add(slot)
                _compare_with_last(session, source, article, version, row, now)
    return rows


def _statement_time(session: Session, version: ArticleVersion) -> datetime:
    return version.published_at or version.fetched_at


# A whole budget does not halve or double between two reports of the same fiscal year; a figure
# outside this band is a misread amount (a line item taken for the total), not a change.
PLAUSIBLE_BUDGET_RATIO = (0.5, 2.0)


def _comparable(session: Session, row: Statement, candidate: Statement) -> bool:
    project = session.get(Project, row.project_id)
    if project is None or project.kind == "project":
        return True
    low, high = PLAUSIBLE_BUDGET_RATIO
    return candidate.value > 0 and low <= row.value / candidate.value <= high


def _compare_with_last(
    session: Session, source: Source, article: Article, version: ArticleVersion, row: Statement, now: datetime
) -> None:
    """A new amount for a known project and fiscal year that differs from the one said before it
    is a change: an increase, a decrease, or a correction when the same article was revised."""
    said_at = func.coalesce(ArticleVersion.published_at, ArticleVersion.fetched_at)
    mine = _statement_time(session, version)
    candidates = session.execute(
        select(Statement, ArticleVersion)
        .join(ArticleVersion, ArticleVersion.id == Statement.version_id)
        .where(
            Statement.project_id == row.project_id,
            Statement.fiscal_year == row.fiscal_year,
            Statement.version_id != version.id,
            Statement.currency == row.currency,
            said_at <= mine,
        )
        .order_by(said_at.desc(), Statement.id.desc())
        .limit(5)
    ).all()
    last = next(((s, v) for s, v in candidates if _comparable(session, row, s)), None)
    if last is None:
        return
    before, before_version = last
    if before.value == row.value:
        return
    if before_version.article_id == article.id:
        direction = "correction"
    else:
        direction = "increase" if row.value > before.value else "decrease"
    project = session.get(Project, row.project_id)
    old, new = format_amount(before.value, before.currency), format_amount(row.value, row.currency)
    label = {"increase": "증액", "decrease": "삭감", "correction": "정정"}[direction]
    add_change(
        session, "amount_changed", now,
        f"{project.org if project else row.org} {project.name if project else row.subject} {row.fiscal_year}: "
        f"{old} -> {new} ({label})",
        source_id=source.id, article_id=article.id, version_id=version.id, statement_id=row.id,
        project_id=row.project_id, org=row.org,
        detail={"old_value": before.value, "new_value": row.value, "currency": row.currency,
                "fiscal_year": row.fiscal_year, "direction": direction, "old_statement_id": before.id,
                "old_article_id": before_version.article_id},
    )  # fmt: skip


def statement_events(
    session: Session, source: Source, article: Article, version: ArticleVersion, rows: Sequence[Statement],
    previous: ArticleVersion | None, now: datetime,
) -> None:
    """statement_new for each amount not said before by this article or another copy of its story."""
    said_before: set[tuple[int, str | None]] = set()
    if previous is not None:
        said_before = {
            (s.value, s.subject) for s in session.scalars(select(Statement).where(Statement.version_id == previous.id))
        }
    # Copies of one story may attribute a figure to different orgs or subjects; the figure and
    # its year are what the other outlet already reported.
    story_figures: set[tuple[int | None, int]] = set()
    values = sorted({row.value for row in rows})
    if article.story_id is not None and article.story_id != article.id and values:
        # Only this article's figures, only as columns: a long-running story stays cheap.
        story_figures = {
            (year, value)
            for year, value in session.execute(
                select(Statement.fiscal_year, Statement.value)
                .join(Article, Article.id == Statement.article_id)
                .where(Article.story_id == article.story_id, Article.id != article.id, Statement.value.in_(values))
            )
        }
    for row in rows:
        if (row.value, row.subject) in said_before:
            continue
        if (row.fiscal_year, row.value) in story_figures:
            continue
        summary = f"{row.org} {row.subject or '-'}: {format_amount(row.value, row.currency)}"
        if row.fiscal_year:
            summary += f" ({row.fiscal_year})"
        add_change(session, "statement_new", now, summary, source_id=source.id, article_id=article.id,
                   version_id=version.id, statement_id=row.id, project_id=row.project_id, org=row.org,
                   detail={"value": row.value, "currency": row.currency, "role": row.role,
                           "fiscal_year": row.fiscal_year, "action": row.action})  # fmt: skip


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
class ProjectTimeline:
    project_id: int
    org: str
    name: str
    kind: str
    aliases: tuple[tuple[str, str], ...]  # (name, why it resolved here)
    points: tuple[TimelinePoint, ...]


def project_timelines(engine: Engine, *, org: str | None = None, project: str | None = None) -> list[ProjectTimeline]:
    """Each matching project's amounts by fiscal year and date; copies of one story count once."""
    from store.models import ProjectAlias
    from store.naming import project_key

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
                (a.name, a.reason)
                for a in session.scalars(select(ProjectAlias).where(ProjectAlias.project_id == p.id))
            )
            rows = session.execute(
                select(Statement, ArticleVersion, Article)
                .join(ArticleVersion, ArticleVersion.id == Statement.version_id)
                .join(Article, Article.id == Statement.article_id)
                .where(Statement.project_id == p.id, ArticleVersion.version == Article.current_version)
                .order_by(Statement.fiscal_year, func.coalesce(ArticleVersion.published_at, ArticleVersion.fetched_at))
            ).all()
            merged: dict[tuple[int | None, int | None, int], TimelinePoint] = {}
            for s, v, a in rows:
                story = a.story_id or a.id
                slot = (story, s.fiscal_year, s.value)
                known = merged.get(slot)
                urls = tuple(dict.fromkeys([*(known.article_urls if known else ()), a.url]))
                said = v.published_at or v.fetched_at
                merged[slot] = TimelinePoint(s.fiscal_year, s.value, s.currency, s.amount_text,
                                             known.said_at if known else said, urls, story)  # fmt: skip
            points = sorted(merged.values(), key=lambda t: (t.fiscal_year or 0, t.said_at))
            timelines.append(ProjectTimeline(p.id, p.org, p.name, p.kind, aliases, tuple(points)))
    return timelines
