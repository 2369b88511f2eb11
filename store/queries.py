"""Read-side queries for the CLI and reports."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from store.models import Article, ArticleVersion, CrawlRun, Source, Statement


@dataclass(frozen=True)
class ArticleRow:
    source: str
    org: str
    url: str
    title: str
    published: datetime | None
    versions: int
    statements: int
    first_seen: datetime


def list_articles(engine: Engine, source: str | None = None) -> list[ArticleRow]:
    """Every stored article, newest first, with its latest version's statement count."""
    counts = select(Statement.version_id, func.count(Statement.id).label("n")).group_by(Statement.version_id).subquery()
    query = (
        select(Source.name, Source.org, Article, func.coalesce(counts.c.n, 0))
        .join(Article, Article.source_id == Source.id)
        .join(
            ArticleVersion,
            (ArticleVersion.article_id == Article.id) & (ArticleVersion.version == Article.current_version),
        )
        .outerjoin(counts, counts.c.version_id == ArticleVersion.id)
        .order_by(Article.published_at.desc().nulls_last(), Article.id)
    )
    if source:
        query = query.where(Source.name == source)
    with Session(engine) as session:
        return [
            ArticleRow(name, org, a.url, a.title, a.published_at, a.current_version, int(n), a.first_seen_at)
            for name, org, a, n in session.execute(query)
        ]


def count_rows(engine: Engine) -> dict[str, int]:
    """Row counts of the main tables (used by tests and `status`)."""
    with Session(engine) as session:
        return {
            model.__tablename__: int(session.scalar(select(func.count()).select_from(model)) or 0)
            for model in (Source, Article, ArticleVersion, Statement, CrawlRun)
        }
