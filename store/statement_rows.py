"""An article version's statements as plain rows: built from the reader's values, linked to their
projects and story, then written in one multi-row INSERT.

An article holds dozens of statements (a budget release ~36); an ORM object each, written by the
unit of work and updated again once its story is known, cost more than deciding what they say."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields
from datetime import datetime
from typing import Any

from sqlalchemy import insert
from sqlalchemy.orm import Session

from changes.projects import StatementFacts
from extract.statements.extractor import Statement as ReadStatement
from store.models import Statement


@dataclass(slots=True)
class StatementRow:
    """One statement of the version being recorded: the columns of its ``statements`` row."""

    version_id: int
    article_id: int
    amount_text: str
    amount_start: int
    amount_end: int
    value: int
    currency: str
    subject: str | None
    action: str | None
    verb: str | None
    role: str
    fiscal_year: int | None
    org: str | None
    funding: str | None
    stage: str | None
    sentence: str
    said_at: datetime
    project_id: int | None = None
    story_id: int | None = None
    id: int = 0  # set once written (write_rows)

    def columns(self) -> dict[str, Any]:
        """The values of its ``statements`` columns (all but the id, which the INSERT returns)."""
        return {name: getattr(self, name) for name in COLUMNS}


COLUMNS = tuple(f.name for f in fields(StatementRow) if f.name != "id")


def statement_row(found: ReadStatement, article_id: int, version_id: int, org: str, said_at: datetime) -> StatementRow:
    """The row of one extracted statement (its project and story are linked by the caller)."""
    return StatementRow(
        version_id=version_id, article_id=article_id, amount_text=found.amount.text,
        amount_start=found.amount.start, amount_end=found.amount.end, value=found.amount.value,
        currency=found.amount.currency, subject=found.subject, action=found.action, verb=found.verb,
        role=found.role, fiscal_year=found.fiscal_year, org=org, funding=found.funding, stage=found.stage,
        sentence=found.sentence, said_at=said_at,
    )  # fmt: skip


def facts_of(row: StatementRow | Statement) -> StatementFacts:
    """What the change rules read of a row about to be stored, or of a stored one."""
    return StatementFacts(
        subject=row.subject, role=row.role, value=row.value, currency=row.currency, action=row.action,
        stage=row.stage, funding=row.funding, fiscal_year=row.fiscal_year, org=row.org, sentence=row.sentence,
        amount_text=row.amount_text,
    )  # fmt: skip


TABLE = Statement.metadata.tables[Statement.__tablename__]  # the Core table


def write_rows(session: Session, rows: Sequence[StatementRow]) -> None:
    """INSERT the rows in one statement (SQLAlchemy Core: no unit of work), in their order, and
    give each its id, matched by the row's offset in the text (unique within a version)."""
    if not rows:
        return
    written = session.connection().execute(_INSERT_ROWS, [row.columns() for row in rows])
    ids = {start: row_id for row_id, start in written}
    for row in rows:
        row.id = ids[row.amount_start]


_INSERT_ROWS = insert(TABLE).returning(TABLE.c.id, TABLE.c.amount_start)  # built once
