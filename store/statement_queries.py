"""Read stored statements with their article: what `budgetwatch statements` lists."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, tzinfo

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from store.models import Article, ArticleVersion, Statement
from store.naming import org_key


@dataclass(frozen=True)
class StatementRow:
    id: int
    article_id: int
    version: int
    url: str
    title: str
    said_at: datetime
    amount_text: str
    value: int
    currency: str
    subject: str | None
    role: str
    fiscal_year: int | None
    org: str | None
    action: str | None
    funding: str | None
    stage: str | None
    sentence: str
    project_id: int | None


def list_statements(
    engine: Engine, *, org: str | None = None, since: date | None = None, zone: tzinfo = UTC
) -> list[StatementRow]:
    """Statements of the current version of every article, newest article first, in text order.
    ``org`` compares loosely ("광주시" finds "광주광역시"); ``since`` is a publication (else fetch) day
    in ``zone`` (a date-only page is midnight there)."""
    said_at = func.coalesce(ArticleVersion.published_at, ArticleVersion.fetched_at)
    query = (
        select(Statement, ArticleVersion, Article)
        .join(ArticleVersion, ArticleVersion.id == Statement.version_id)
        .join(Article, Article.id == Statement.article_id)
        .where(ArticleVersion.version == Article.current_version)
        .order_by(said_at.desc(), Article.id.desc(), Statement.amount_start)
    )
    if since is not None:
        query = query.where(said_at >= datetime.combine(since, time.min, tzinfo=zone).astimezone(UTC))
    wanted = org_key(org) if org else None
    rows: list[StatementRow] = []
    with Session(engine) as session:
        for st, version, article in session.execute(query):
            if wanted is not None and (st.org is None or org_key(st.org) != wanted):
                continue
            rows.append(
                StatementRow(
                    id=st.id,
                    article_id=article.id,
                    version=version.version,
                    url=article.url,
                    title=article.title,
                    said_at=version.published_at or version.fetched_at,
                    amount_text=st.amount_text,
                    value=st.value,
                    currency=st.currency,
                    subject=st.subject,
                    role=st.role,
                    fiscal_year=st.fiscal_year,
                    org=st.org,
                    action=st.action,
                    funding=st.funding,
                    stage=st.stage,
                    sentence=st.sentence,
                    project_id=st.project_id,
                )  # fmt: skip
            )
    return rows
