"""The change log: append change events, make readable diffs, and read events back."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, event, insert, select
from sqlalchemy.orm import Session

from changes.naming import org_key
from store.models import Article, Change, Source, Statement
from store.records import as_utc

MAX_DIFF_LINES = 80

KINDS = (
    "article_new", "article_revised", "article_removed", "statement_new", "amount_changed", "stage_changed",
    "project_new",
)  # fmt: skip


PENDING = "budgetwatch.pending_changes"  # session.info key: the transaction's events not yet written
# Every column an event may set: each queued row has all of them, so one INSERT writes them all.
_FIELDS = ("source_id", "article_id", "version_id", "statement_id", "project_id", "org")


def add_change(session: Session, kind: str, at: datetime, summary: str, **fields: Any) -> None:
    """Append a change event to the session's transaction. Events are written when it commits, in
    the order they were added, in one multi-row INSERT (``write_changes``): an article records
    dozens, and an ORM object each cost more than the rows; nothing reads them before the commit."""
    assert kind in KINDS, kind
    unknown = set(fields) - {*_FIELDS, "detail"}
    assert not unknown, unknown
    row = {name: fields.get(name) for name in _FIELDS}
    row.update(kind=kind, at=at, summary=summary, detail=fields.get("detail") or {})
    session.info.setdefault(PENDING, []).append(row)


@event.listens_for(Session, "before_commit")
def write_changes(session: Session) -> None:
    """Write the transaction's queued change events (inside it, so they commit with it)."""
    rows = session.info.pop(PENDING, None)
    if rows:
        session.flush()  # the rows they name first (the commit's own flush comes after this hook)
        session.connection().execute(insert(Change.metadata.tables[Change.__tablename__]), rows)


@event.listens_for(Session, "after_rollback")
def _forget_changes(session: Session) -> None:
    """A rolled-back transaction's events go with it, as its rows do."""
    session.info.pop(PENDING, None)


def text_diff(old_title: str, old_body: str, new_title: str, new_body: str) -> str:
    """A unified diff of title and body paragraphs, cut to MAX_DIFF_LINES lines."""
    old = [old_title, "", *[p.strip() for p in old_body.split("\n") if p.strip()]]
    new = [new_title, "", *[p.strip() for p in new_body.split("\n") if p.strip()]]
    lines = list(difflib.unified_diff(old, new, "before", "after", lineterm="", n=1))
    if len(lines) > MAX_DIFF_LINES:
        lines = [*lines[:MAX_DIFF_LINES], f"... ({len(lines) - MAX_DIFF_LINES} more lines)"]
    return "\n".join(lines)


@dataclass(frozen=True)
class ChangeRow:
    id: int
    at: datetime
    kind: str
    org: str | None
    source: str | None
    article_url: str | None
    summary: str
    detail: dict[str, Any]


def changes_since(
    engine: Engine, since: datetime | None = None, *, org: str | None = None, kinds: tuple[str, ...] = ()
) -> list[ChangeRow]:
    """Change events in the order they happened, optionally since a time, of an org or kinds."""
    query = (
        select(Change, Source.name, Article.url)
        .outerjoin(Source, Source.id == Change.source_id)
        .outerjoin(Article, Article.id == Change.article_id)
        .order_by(Change.at, Change.id)
    )
    if since is not None:
        query = query.where(Change.at >= as_utc(since))
    if kinds:
        query = query.where(Change.kind.in_(kinds))
    with Session(engine) as session:
        found = [(c, name, url) for c, name, url in session.execute(query)]
        about: dict[int, set[str]] = {}
        if org:
            about = _article_orgs(session, sorted({c.article_id for c, _, _ in found if c.article_id is not None}))
    rows = [
        ChangeRow(c.id, as_utc(c.at), c.kind, c.org, name, url, c.summary, dict(c.detail or {}))
        for c, name, url in found
        # an article's events belong to every organisation its figures are about, not only its source's
        if not org or org_key(c.org or "") == org_key(org) or org_key(org) in about.get(c.article_id or 0, ())
    ]
    return rows


def _article_orgs(session: Session, article_ids: list[int]) -> dict[int, set[str]]:
    """Organisation keys of the statements of each article."""
    found: dict[int, set[str]] = {}
    for i in range(0, len(article_ids), 500):
        batch = article_ids[i : i + 500]
        query = select(Statement.article_id, Statement.org).where(Statement.article_id.in_(batch)).distinct()
        for article_id, org in session.execute(query):
            if org:
                found.setdefault(article_id, set()).add(org_key(org))
    return found
