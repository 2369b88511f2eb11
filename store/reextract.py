"""Run the statement extractor again over stored articles and replace what it read before."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Engine, delete, select, update
from sqlalchemy.orm import Session

from extract.statements.extractor import Statement as ReadStatement
from extract.statements.extractor import extract_statements
from extract.statements.mentions import Mention, extract_mentions
from store.mentions import record_mentions
from store.models import Article, ArticleVersion, Change, Source, Statement
from store.naming import project_name
from store.projects import resolve_project
from store.timeline import statement_row

# (text, published, org, lang) -> what the extractor reads; a seam so tests can pass a fake.
Reader = Callable[[str, date | None, str | None, str | None], tuple[Sequence[ReadStatement], Sequence[Mention]]]


def read_text(
    text: str, published: date | None, org: str | None, lang: str | None
) -> tuple[list[ReadStatement], list[Mention]]:
    """The real extractor: statements and project mentions of one text."""
    return extract_statements(text, published=published, org=org, lang=lang), extract_mentions(text, published)


@dataclass(frozen=True)
class ReextractReport:
    versions: int
    statements_before: int
    statements_after: int
    mentions: int


def version_text(version: ArticleVersion) -> str:
    """What the crawler reads statements from: the title, a blank line, the body."""
    return f"{version.title}\n\n{version.body}" if version.title else version.body


def reextract(engine: Engine, *, source: str | None = None, reader: Reader = read_text) -> ReextractReport:
    """Re-read the current version of every stored article (of one source, by name, when given);
    each version's statements and mentions are replaced in one transaction of its own."""
    query = (
        select(ArticleVersion.id)
        .join(Article, Article.id == ArticleVersion.article_id)
        .join(Source, Source.id == Article.source_id)
        .where(ArticleVersion.version == Article.current_version)
        .order_by(ArticleVersion.id)
    )
    if source is not None:
        query = query.where(Source.name == source)
    with Session(engine) as session:
        ids = list(session.scalars(query))
    before = after = mentions = 0
    for version_id in ids:
        with Session(engine) as session, session.begin():
            b, a, m = _reextract_version(session, version_id, reader)
        before, after, mentions = before + b, after + a, mentions + m
    return ReextractReport(len(ids), before, after, mentions)


def _reextract_version(session: Session, version_id: int, reader: Reader) -> tuple[int, int, int]:
    version = session.get(ArticleVersion, version_id)
    assert version is not None, version_id
    article = session.get(Article, version.article_id)
    assert article is not None
    src = session.get(Source, article.source_id)
    assert src is not None
    published = version.published_at.date() if version.published_at else None
    statements, mentions = reader(version_text(version), published, src.org, version.lang)
    old_ids = list(session.scalars(select(Statement.id).where(Statement.version_id == version_id)))
    if old_ids:
        # change events outlive the statements they pointed to (history is not deleted)
        session.execute(update(Change).where(Change.statement_id.in_(old_ids)).values(statement_id=None))
        session.execute(delete(Statement).where(Statement.id.in_(old_ids)))
    at = version.published_at or version.fetched_at
    for found in statements:
        session.add(_row(session, article, version, found, src.org, at))
    session.flush()
    stored = record_mentions(session, article.id, version.id, mentions)
    return len(old_ids), len(statements), stored


def _row(
    session: Session, article: Article, version: ArticleVersion, found: ReadStatement, source_org: str, at: datetime
) -> Statement:
    org = found.org or source_org
    row = statement_row(found, article.id, version.id, org)
    name = project_name(found.subject, found.role)
    if name is not None:
        row.project_id = resolve_project(session, org, name, at).project.id
    return row
