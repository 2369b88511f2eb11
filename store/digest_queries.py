"""What the digest reads, as typed rows: the period's new articles with their figures and whether
they are backlog, the changed amounts with both articles, the revisions and the crawl runs."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from changes.backlog import HORIZON, Arrival, backlog_reason
from store.models import Article, ArticleVersion, Change, CrawlRun, Project, Source, Statement
from store.records import as_utc


@dataclass(frozen=True)
class ArticleInfo:
    article_id: int
    title: str
    url: str
    source: str
    source_org: str
    published: datetime | None
    first_seen: datetime


@dataclass(frozen=True)
class FigureRow:
    value: int
    currency: str
    amount_text: str
    subject: str | None
    project: str | None
    role: str
    fiscal_year: int | None
    org: str | None
    action: str | None


@dataclass(frozen=True)
class NewArticleRow:
    article: ArticleInfo
    story_id: int
    figures: tuple[FigureRow, ...]  # the current version's statements, in text order
    backlog: str | None  # why it is backlog, None when it is news


@dataclass(frozen=True)
class AmountChangeRow:
    kind: str  # amount_changed | stage_changed
    org: str
    project: str
    old_project: str
    fiscal_year: int | None
    old_value: int
    new_value: int
    currency: str
    direction: str
    reason: str
    new_article: ArticleInfo
    old_article: ArticleInfo | None
    backlog: bool  # the new figure came with a backlog article: history, not news


@dataclass(frozen=True)
class RevisionRow:
    org: str
    article: ArticleInfo
    diff: str


@dataclass(frozen=True)
class RunRow:
    source: str
    org: str
    status: str
    pages: int
    errors: tuple[str, ...]


@dataclass(frozen=True)
class PeriodRows:
    start: datetime
    end: datetime
    new_articles: tuple[NewArticleRow, ...]
    amount_changes: tuple[AmountChangeRow, ...]
    revisions: tuple[RevisionRow, ...]
    runs: tuple[RunRow, ...]


def _info(article: Article, source: Source) -> ArticleInfo:
    published = as_utc(article.published_at) if article.published_at else None
    return ArticleInfo(article.id, article.title, article.url, source.name, source.org, published,
                       as_utc(article.first_seen_at))  # fmt: skip


class _Arrivals:
    """Backlog of articles: the run that stored an article's first version against its source's runs."""

    def __init__(self, session: Session, horizon: timedelta) -> None:
        self.session, self.horizon = session, horizon
        self.first_run: dict[int, int | None] = {}

    def reason(self, article: Article) -> str | None:
        run_id = self.session.scalar(
            select(ArticleVersion.crawl_run_id).where(ArticleVersion.article_id == article.id,
                                                      ArticleVersion.version == 1)
        )  # fmt: skip
        first_crawl, previous = False, None
        if run_id is not None:
            if article.source_id not in self.first_run:
                # the first crawl that stored anything (a first run that failed before storing is not it)
                self.first_run[article.source_id] = self.session.scalar(
                    select(func.min(ArticleVersion.crawl_run_id))
                    .join(Article, Article.id == ArticleVersion.article_id)
                    .where(Article.source_id == article.source_id)
                )  # fmt: skip
            first_crawl = self.first_run[article.source_id] == run_id
            run = self.session.get(CrawlRun, run_id)
            if run is not None:
                before = self.session.scalar(
                    select(CrawlRun.started_at).where(CrawlRun.source_id == article.source_id,
                                                      CrawlRun.started_at < run.started_at)
                    .order_by(CrawlRun.started_at.desc()).limit(1)
                )  # fmt: skip
                previous = as_utc(before) if before else None
        published = as_utc(article.published_at) if article.published_at else None
        return backlog_reason(Arrival(published, as_utc(article.first_seen_at), first_crawl, previous), self.horizon)


def _figures(session: Session, article: Article) -> tuple[FigureRow, ...]:
    rows = session.execute(
        select(Statement, Project.name)
        .join(ArticleVersion, ArticleVersion.id == Statement.version_id)
        .outerjoin(Project, Project.id == Statement.project_id)
        .where(ArticleVersion.article_id == article.id, ArticleVersion.version == article.current_version)
        .order_by(Statement.amount_start)
    ).all()
    return tuple(FigureRow(s.value, s.currency, s.amount_text, s.subject, name, s.role, s.fiscal_year, s.org, s.verb
                           or s.action) for s, name in rows)  # fmt: skip


def period_rows(engine: Engine, start: datetime, end: datetime, horizon: timedelta = HORIZON) -> PeriodRows:
    """Everything the change log recorded in [start, end) that the digest shows."""
    start, end = as_utc(start), as_utc(end)
    with Session(engine) as session:
        events = session.execute(
            select(Change, Article, Source)
            .join(Article, Article.id == Change.article_id)
            .join(Source, Source.id == Article.source_id)
            .where(Change.at >= start, Change.at < end,
                   Change.kind.in_(("article_new", "article_revised", "amount_changed", "stage_changed")))
            .order_by(Change.at, Change.id)
        ).all()  # fmt: skip
        by_kind: dict[str, list[tuple[Change, Article, Source]]] = defaultdict(list)
        for change, article, source in events:
            by_kind[change.kind].append((change, article, source))
        arrivals = _Arrivals(session, horizon)
        backlog: dict[int, str | None] = {}
        new_articles = []
        for _change, article, source in by_kind["article_new"]:
            backlog[article.id] = arrivals.reason(article)
            new_articles.append(NewArticleRow(_info(article, source), article.story_id or article.id,
                                              _figures(session, article), backlog[article.id]))  # fmt: skip
        changes = [
            _amount_change(session, c, a, s, backlog.get(a.id) is not None)
            for c, a, s in by_kind["amount_changed"] + by_kind["stage_changed"]
        ]
        revisions = [RevisionRow(c.org or s.org, _info(a, s), str((c.detail or {}).get("diff", "")))
                     for c, a, s in by_kind["article_revised"]]  # fmt: skip
        runs = session.execute(
            select(CrawlRun, Source)
            .join(Source, Source.id == CrawlRun.source_id)
            .where(CrawlRun.started_at >= start, CrawlRun.started_at < end)
            .order_by(Source.name, CrawlRun.started_at)
        ).all()
        run_rows = [RunRow(s.name, s.org, r.status, r.pages, tuple(str(e) for e in (r.errors or []))) for r, s in runs]
    return PeriodRows(start, end, tuple(new_articles), tuple(changes), tuple(revisions), tuple(run_rows))


def _amount_change(
    session: Session, change: Change, article: Article, source: Source, backlog: bool
) -> AmountChangeRow:
    detail: dict[str, Any] = dict(change.detail or {})
    old_article = session.get(Article, detail["old_article_id"]) if detail.get("old_article_id") else None
    old_source = session.get(Source, old_article.source_id) if old_article is not None else None
    project = session.get(Project, change.project_id) if change.project_id is not None else None
    year = detail.get("fiscal_year")
    name = project.name if project else str(detail.get("project", "-"))
    return AmountChangeRow(
        kind=change.kind, org=change.org or source.org, project=name,
        old_project=str(detail.get("old_project", name)), fiscal_year=int(year) if year is not None else None,
        old_value=int(detail["old_value"]), new_value=int(detail["new_value"]),
        currency=str(detail.get("currency", "KRW")), direction=str(detail.get("direction", "")),
        reason=str(detail.get("reason", "")), new_article=_info(article, source),
        old_article=_info(old_article, old_source) if old_article is not None and old_source is not None else None,
        backlog=backlog,
    )  # fmt: skip
