"""Statements of an article version: stored, linked to projects, compared with what was said before.

The decisions (which project, whether two figures make a change) are the change rules' (changes/);
this module reads the few indexed rows they need and records their results with their reasons.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from changes.amounts import DIRECTION_LABEL, Decision, Figure, decide_amount_change, decide_stage_step
from changes.naming import org_key
from changes.orgs import refine_orgs
from changes.projects import identify, stage_of
from extract.statements.extractor import Statement as ReadStatement
from store.changes import add_change
from store.kept import get_kept
from store.models import Article, ArticleVersion, Project, Source, Statement
from store.projects import find_budget_project, remember_alias, resolve_once
from store.records import as_utc
from store.statement_rows import TABLE, StatementRow, facts_of, statement_row, write_rows

LAST_FIGURES = 5  # figures read back per comparison: the newest few of one project and year, by index


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


def link_projects(session: Session, rows: Sequence[StatementRow], at: datetime) -> list[tuple[Project, str]]:
    """Give each row its project (the rules' identity, resolved among the org's projects); returns
    the projects created, each with why. One figure said twice in an article (headline and body)
    is one project."""
    created: list[tuple[Project, str]] = []
    resolved: dict[tuple[str, str], int] = {}
    same_figure: dict[tuple[str, int, str, int | None, str], tuple[int, str]] = {}
    for row in rows:
        identity = identify(facts_of(row))
        if identity.name is None or row.org is None:
            continue
        figure = (org_key(row.org), row.value, row.currency, row.fiscal_year, identity.name.kind)
        if figure in same_figure:
            project_id, first_name = same_figure[figure]
            row.project_id = project_id
            if identity.name.name != first_name:
                project = session.get(Project, project_id)
                if project is not None:
                    why = f"same figure {row.amount_text} as '{first_name}' in the same article"
                    remember_alias(session, project, identity.name.name, why, at)
            continue
        slot = (row.org, identity.name.name if identity.name.kind == "project" else identity.name.key)
        if slot not in resolved:
            resolution = resolve_once(session, row.org, identity.name, at)
            resolved[slot] = resolution.project.id
            if resolution.created:
                created.append((resolution.project, f"{identity.reason}; {resolution.reason}"))
        row.project_id = resolved[slot]
        same_figure[figure] = (row.project_id, identity.name.name)
    return created


def statement_rows(
    session: Session, source: Source, article: Article, version: ArticleVersion,
    statements: Sequence[ReadStatement], now: datetime,
) -> list[StatementRow]:  # fmt: skip
    """The statements' rows (the statement's org; the source's only when it has none) with their
    projects; logs the projects created, each with its reason. Nothing of the rows is written yet."""
    said_at = as_utc(version.published_at or version.fetched_at)
    orgs = refine_orgs([f.org for f in statements], [f.sentence for f in statements], source.org)
    rows = [
        statement_row(found, article.id, version.id, org, said_at) for found, org in zip(statements, orgs, strict=True)
    ]
    for project, why in link_projects(session, rows, now):
        add_change(session, "project_new", now, f"{project.org} {project.name}", source_id=source.id,
                   article_id=article.id, version_id=version.id, project_id=project.id, org=project.org,
                   detail={"kind": project.kind, "reason": why})  # fmt: skip
    return rows


def store_statements(
    session: Session, source: Source, article: Article, version: ArticleVersion, rows: Sequence[StatementRow],
    now: datetime,
) -> None:  # fmt: skip
    """Write the rows, of the article's story (linked by now), and log the changes the rules find
    against the figures said before, each with its reason."""
    story = article.story_id or article.id
    for row in rows:
        row.story_id = story
    write_rows(session, rows)
    compared: set[tuple[int, int]] = set()
    for row in rows:
        if row.project_id is not None and row.fiscal_year is not None:
            slot = (row.project_id, row.fiscal_year)
            if slot not in compared:
                compared.add(slot)
                compare_with_last(session, source, article, version, row, now)


def record_statements(
    session: Session, source: Source, article: Article, version: ArticleVersion,
    statements: Sequence[ReadStatement], now: datetime,
) -> list[StatementRow]:  # fmt: skip
    """Store the statements of a version whose article has its story: ``statement_rows``, then
    ``store_statements``."""
    rows = statement_rows(session, source, article, version, statements, now)
    store_statements(session, source, article, version, rows, now)
    return rows


def _figure(session: Session, row: StatementRow | Statement) -> Figure | None:
    project = get_kept(session, Project, row.project_id) if row.project_id is not None else None
    if project is None or row.said_at is None:
        return None
    return Figure(statement_id=row.id, article_id=row.article_id, version_id=row.version_id,
                  org_key=project.org_key, project_id=project.id, project_kind=project.kind,
                  stage=stage_of(facts_of(row)), fiscal_year=row.fiscal_year, currency=row.currency,
                  value=row.value, funding=row.funding, said_at=as_utc(row.said_at))  # fmt: skip


# Rows read to find the LAST_FIGURES newest: many figures can share one said_at (date-only pages,
# copies of a story), so the query reads in the index's own order (said_at, then row id) and the
# newest versions' first statements are picked here; a version holds far fewer figures of one
# project and year than this.
NEWEST_ROWS = 8 * LAST_FIGURES


def _seconds(when: datetime | None) -> float:
    return as_utc(when).timestamp() if when is not None else float("-inf")


def last_figures(session: Session, project_id: int, row: StatementRow) -> list[StatementRow]:
    """The newest figures of a project and year said at or before ``row``: an index probe, bounded
    however many figures share a said_at. Read as plain rows (SQLAlchemy Core): of the rows read,
    most are passed over, and an ORM object each cost more than the probe."""
    assert row.said_at is not None
    newest = session.connection().execute(
        _LAST_FIGURES,
        {
            "project": project_id,
            "year": row.fiscal_year,
            "currency": row.currency,
            "said_at": row.said_at,
            "version": row.version_id,
        },
    )  # fmt: skip
    # newest first; within one version its first statement, the figure the article reports
    # (record_statements compares that one, headline figures leading); a row only for those kept
    ordered = sorted(newest, key=lambda st: (-_seconds(st.said_at), -st.version_id, st.id))
    return [StatementRow(**found._mapping) for found in ordered[:LAST_FIGURES]]


# Built once: an article asks it for each of its projects and years.
_LAST_FIGURES = (
    select(TABLE)
    .where(
        TABLE.c.project_id == bindparam("project"),
        TABLE.c.fiscal_year == bindparam("year"),
        TABLE.c.currency == bindparam("currency"),
        TABLE.c.said_at <= bindparam("said_at"),
        TABLE.c.version_id != bindparam("version"),
    )
    .order_by(TABLE.c.said_at.desc(), TABLE.c.id.desc())
    .limit(NEWEST_ROWS)
)


def compare_with_last(
    session: Session, source: Source, article: Article, version: ArticleVersion, row: StatementRow, now: datetime
) -> None:
    """Ask the rules whether ``row`` changes the figure said last before it (or, for a 추경, follows
    the year's 본예산), and record what they decide."""
    mine = _figure(session, row)
    if mine is None:
        return
    earlier = last_figures(session, mine.project_id, row)
    for candidate in earlier:
        theirs = _figure(session, candidate)
        if theirs is None:
            continue
        decision = decide_amount_change(mine, theirs)
        if decision.kind != "none":
            _record(session, source, article, version, row, candidate, decision, now)
            return
        if decision.reason == "the same amount":
            return
    if mine.project_kind == "supplementary" and not earlier:
        project = get_kept(session, Project, mine.project_id)
        main = find_budget_project(session, project.org_key, project.key) if project else None
        if main is None:
            return
        for candidate in last_figures(session, main.id, row)[:1]:
            theirs = _figure(session, candidate)
            if theirs is not None:
                decision = decide_stage_step(mine, theirs)
                if decision.kind != "none":
                    _record(session, source, article, version, row, candidate, decision, now)


def _record(
    session: Session, source: Source, article: Article, version: ArticleVersion, row: StatementRow,
    before: StatementRow, decision: Decision, now: datetime,
) -> None:  # fmt: skip
    project = get_kept(session, Project, row.project_id)
    before_project = get_kept(session, Project, before.project_id)
    assert project is not None and before_project is not None and decision.direction is not None
    old, new = format_amount(before.value, before.currency), format_amount(row.value, row.currency)
    label = DIRECTION_LABEL[decision.direction]
    if decision.kind == "stage_changed":
        summary = f"{project.org} {row.fiscal_year} 본예산 {old} -> {project.name} {new} ({label})"
    else:
        summary = f"{project.org} {project.name} {row.fiscal_year}: {old} -> {new} ({label})"
    add_change(
        session, decision.kind, now, summary,
        source_id=source.id, article_id=article.id, version_id=version.id, statement_id=row.id,
        project_id=row.project_id, org=project.org,
        detail={"old_value": before.value, "new_value": row.value, "currency": row.currency,
                "fiscal_year": row.fiscal_year, "direction": decision.direction, "reason": decision.reason,
                "old_statement_id": before.id, "old_article_id": before.article_id,
                "old_project": before_project.name, "project": project.name},
    )  # fmt: skip


from store.timeline_queries import ProjectTimeline, TimelinePoint, project_timelines  # noqa: E402

__all__ = ["ProjectTimeline", "TimelinePoint", "format_amount", "project_timelines", "record_statements",
           "statement_rows", "store_statements"]  # fmt: skip
