"""The statement_new events of a version just stored: each figure not said before by its
article, earlier in it, or by another copy of its story, with the reason it names its project."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import CompoundSelect, Integer, bindparam, literal, select, union_all
from sqlalchemy.orm import Session

from changes.projects import identify
from store.changes import add_change
from store.models import Article, ArticleVersion, Project, ProjectAlias, Source, Statement
from store.statement_rows import TABLE, StatementRow, facts_of
from store.timeline import format_amount

# Probes per statement: SQLite allows 500 terms in a compound SELECT (SQLITE_MAX_COMPOUND_SELECT),
# and a hostile page may hold thousands of figures.
_PROBES = 200


@lru_cache(maxsize=64)
def _story_figures_query(figures: int) -> CompoundSelect[int]:
    """Which of ``figures`` (fiscal year, value) pairs another article of the story said: one index
    probe each ((story_id, value), LIMIT 1), so a story of thousands of copies costs what a story
    of two does; in one statement, built once per figure count, so an article pays for binding
    its figures, not for building a query per figure."""
    probes = [
        select(literal(i, Integer).label("figure"))
        .select_from(TABLE)
        .where(TABLE.c.story_id == bindparam("story"), TABLE.c.value == bindparam(f"v{i}"),
               TABLE.c.fiscal_year.is_not_distinct_from(bindparam(f"y{i}", type_=Integer)),
               TABLE.c.article_id != bindparam("me"))
        .limit(1)
        .subquery()
        .select()
        for i in range(figures)
    ]  # fmt: skip
    return union_all(*probes)


def statement_events(
    session: Session,
    source: Source,
    article: Article,
    version: ArticleVersion,
    rows: Sequence[StatementRow],
    previous: ArticleVersion | None,
    now: datetime,
) -> None:
    """statement_new for each figure not said before by this article, earlier in it, or by another
    copy of its story. The story's figures come from the (story_id, value) index, not a join
    (``_story_figures_query``)."""
    story = article.story_id or article.id
    for row in rows:
        row.story_id = story
    said_before: set[tuple[int, str | None]] = set()
    if previous is not None:
        said_before = {
            (value, subject)
            for value, subject in session.execute(
                select(Statement.value, Statement.subject).where(Statement.version_id == previous.id)
            )
        }
    story_figures: set[tuple[int | None, int]] = set()
    figures: list[tuple[int | None, int]] = []
    if story != article.id:
        figures = list({(row.fiscal_year, row.value) for row in rows})
    for first in range(0, len(figures), _PROBES):
        chunk = figures[first : first + _PROBES]
        params: dict[str, Any] = {"story": story, "me": article.id}
        for i, (year, value) in enumerate(chunk):
            params[f"y{i}"], params[f"v{i}"] = year, value
        story_figures |= {chunk[i] for i in session.scalars(_story_figures_query(len(chunk)), params)}
    why = _alias_reasons(session, rows)
    said_here: set[tuple[int, str, int | None]] = set()
    for row in rows:
        figure = (row.value, row.currency, row.fiscal_year)
        if (row.value, row.subject) in said_before or (row.fiscal_year, row.value) in story_figures:
            continue
        if figure in said_here:  # a headline's figure repeated in the body is one figure
            continue
        said_here.add(figure)
        summary = f"{row.org} {row.subject or '-'}: {format_amount(row.value, row.currency)}"
        if row.fiscal_year:
            summary += f" ({row.fiscal_year})"
        add_change(session, "statement_new", now, summary, source_id=source.id, article_id=article.id,
                   version_id=version.id, statement_id=row.id, project_id=row.project_id, org=row.org,
                   detail={"value": row.value, "currency": row.currency, "role": row.role,
                           "fiscal_year": row.fiscal_year, "action": row.action,
                           "reason": why.get((row.project_id or 0, row.subject or ""))
                           or identify(facts_of(row)).reason})  # fmt: skip


def _alias_reasons(session: Session, rows: Sequence[StatementRow]) -> dict[tuple[int, str], str]:
    """Why each row's subject names its project (the alias recorded when the name was merged)."""
    ids = {row.project_id for row in rows if row.project_id is not None}
    names = {row.subject for row in rows if row.subject}
    if not ids or not names:
        return {}
    found = session.execute(_ALIAS_REASONS, {"ids": sorted(ids), "names": sorted(names)})
    return {(pid, name): f"project '{project}': {reason}" for pid, name, reason, project in found}


# Built once (the lists bound at execution): building and keying it cost an article more than the query.
_ALIAS_REASONS = (
    select(ProjectAlias.project_id, ProjectAlias.name, ProjectAlias.reason, Project.name)
    .join(Project, Project.id == ProjectAlias.project_id)
    .where(
        ProjectAlias.project_id.in_(bindparam("ids", expanding=True)),
        ProjectAlias.name.in_(bindparam("names", expanding=True)),
    )
)
