"""Build a Digest value from the change log and the crawl runs of one period."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from store.models import Article, Change, CrawlRun, Project, Source, Statement
from store.naming import org_key
from store.timeline import format_amount

DIFF_LINES = 8  # a revised article shows the first changed lines; the link has the rest
DIRECTION_LABEL = {"increase": "증액", "decrease": "삭감", "correction": "정정"}


@dataclass(frozen=True)
class ArticleRef:
    title: str
    url: str
    source: str


@dataclass(frozen=True)
class StatementLine:
    project: str
    amount: str  # as readers read it: "239억원"
    exact: str  # the exact value: "23,900,000,000 KRW"
    fiscal_year: int | None
    action: str
    article: ArticleRef


@dataclass(frozen=True)
class OrgStatements:
    org: str
    lines: tuple[StatementLine, ...]


@dataclass(frozen=True)
class AmountChange:
    org: str
    project: str
    fiscal_year: int | None
    old: str
    old_exact: str
    new: str
    new_exact: str
    direction: str  # 증액 | 삭감 | 정정
    old_article: ArticleRef | None
    new_article: ArticleRef


@dataclass(frozen=True)
class Story:
    """A new article, with every outlet that carried the same story in the period."""

    title: str
    outlets: tuple[ArticleRef, ...]


@dataclass(frozen=True)
class SourceArticles:
    org: str
    source: str
    stories: tuple[Story, ...]


@dataclass(frozen=True)
class Revision:
    org: str
    article: ArticleRef
    diff: tuple[str, ...]


@dataclass(frozen=True)
class SourceHealth:
    source: str
    org: str
    problem: str


@dataclass(frozen=True)
class Digest:
    start: datetime
    end: datetime
    statements: tuple[OrgStatements, ...] = ()
    amount_changes: tuple[AmountChange, ...] = ()
    new_articles: tuple[SourceArticles, ...] = ()
    revisions: tuple[Revision, ...] = ()
    health: tuple[SourceHealth, ...] = ()

    @property
    def item_count(self) -> int:
        return (
            sum(len(o.lines) for o in self.statements)
            + len(self.amount_changes)
            + sum(len(s.stories) for s in self.new_articles)
            + len(self.revisions)
            + len(self.health)
        )

    @property
    def is_empty(self) -> bool:
        return self.item_count == 0


def _exact(value: int, currency: str) -> str:
    return f"{value:,} {currency}"


def _ref(article: Article | None, source: Source | None) -> ArticleRef | None:
    if article is None:
        return None
    return ArticleRef(title=article.title, url=article.url, source=source.name if source else "")


def build_digest(engine: Engine, start: datetime, end: datetime) -> Digest:
    """Everything the change log recorded in [start, end), grouped the way the digest shows it."""
    start, end = start.astimezone(UTC), end.astimezone(UTC)
    with Session(engine) as session:
        rows = session.execute(
            select(Change, Article, Source)
            .outerjoin(Article, Article.id == Change.article_id)
            .outerjoin(Source, Source.id == Change.source_id)
            .where(Change.at >= start, Change.at < end)
            .order_by(Change.at, Change.id)
        ).all()
        by_kind: dict[str, list[tuple[Change, Article | None, Source | None]]] = defaultdict(list)
        for change, article, source in rows:
            by_kind[change.kind].append((change, article, source))
        return Digest(
            start=start,
            end=end,
            statements=_statements(session, by_kind["statement_new"]),
            amount_changes=_amount_changes(session, by_kind["amount_changed"]),
            new_articles=_new_articles(by_kind["article_new"]),
            revisions=_revisions(by_kind["article_revised"]),
            health=_health(session, start, end),
        )


Row = tuple[Change, Article | None, Source | None]


def _project_name(session: Session, project_id: int | None, fallback: str | None) -> str:
    project = session.get(Project, project_id) if project_id is not None else None
    return project.name if project is not None else (fallback or "-")


def _statements(session: Session, rows: list[Row]) -> tuple[OrgStatements, ...]:
    """New amounts by organization (광주시 and 광주광역시 are one); an amount an article states twice
    for the same project and year (a headline and a sentence) is listed once."""
    names: dict[str, str] = {}
    by_org: dict[str, dict[tuple[str, str, int | None, str], StatementLine]] = defaultdict(dict)
    for change, article, source in rows:
        statement = session.get(Statement, change.statement_id) if change.statement_id is not None else None
        ref = _ref(article, source)
        if statement is None or ref is None:
            continue
        org = change.org or statement.org or (source.org if source else "")
        key = org_key(org) or org
        names.setdefault(key, source.org if source and org_key(source.org) == key else org)
        line = StatementLine(
            project=_project_name(session, statement.project_id, statement.subject),
            amount=format_amount(statement.value, statement.currency),
            exact=_exact(statement.value, statement.currency),
            fiscal_year=statement.fiscal_year,
            action=statement.verb or statement.action or "",
            article=ref,
        )
        by_org[key].setdefault((line.project, line.exact, line.fiscal_year, ref.url), line)
    groups = [OrgStatements(names[key], tuple(lines.values())) for key, lines in by_org.items()]
    return tuple(sorted(groups, key=lambda g: g.org))


def _amount_changes(session: Session, rows: list[Row]) -> tuple[AmountChange, ...]:
    found = []
    for change, article, source in rows:
        detail: dict[str, Any] = dict(change.detail or {})
        ref = _ref(article, source)
        if ref is None:
            continue
        currency = str(detail.get("currency", "KRW"))
        old_value, new_value = int(detail["old_value"]), int(detail["new_value"])
        old_article = session.get(Article, detail["old_article_id"]) if detail.get("old_article_id") else None
        old_source = session.get(Source, old_article.source_id) if old_article is not None else None
        year = detail.get("fiscal_year")
        found.append(
            AmountChange(
                org=change.org or "",
                project=_project_name(session, change.project_id, None),
                fiscal_year=int(year) if year is not None else None,
                old=format_amount(old_value, currency),
                old_exact=_exact(old_value, currency),
                new=format_amount(new_value, currency),
                new_exact=_exact(new_value, currency),
                direction=DIRECTION_LABEL.get(str(detail.get("direction")), str(detail.get("direction", ""))),
                old_article=_ref(old_article, old_source),
                new_article=ref,
            )
        )
    return tuple(found)


def _new_articles(rows: list[Row]) -> tuple[SourceArticles, ...]:
    """One story per group of duplicates, listed under the outlet that carried it first."""
    stories: dict[int, list[tuple[Article, Source]]] = {}
    for _change, article, source in rows:
        if article is None or source is None:
            continue
        stories.setdefault(article.story_id or article.id, []).append((article, source))
    by_source: dict[tuple[str, str], list[Story]] = defaultdict(list)
    for copies in stories.values():
        first, first_source = copies[0]
        outlets = tuple(ArticleRef(a.title, a.url, s.name) for a, s in copies)
        by_source[(first_source.org, first_source.name)].append(Story(first.title, outlets))
    return tuple(SourceArticles(org, name, tuple(items)) for (org, name), items in sorted(by_source.items()))


def _revisions(rows: list[Row]) -> tuple[Revision, ...]:
    found = []
    for change, article, source in rows:
        ref = _ref(article, source)
        if ref is None:
            continue
        diff_lines = str((change.detail or {}).get("diff", "")).splitlines()[2:]  # drop the ---/+++ header
        changed = [line for line in diff_lines if line[:1] in "+-" and line[1:].strip()][:DIFF_LINES]
        found.append(Revision(org=change.org or "", article=ref, diff=tuple(changed)))
    return tuple(found)


def _health(session: Session, start: datetime, end: datetime) -> tuple[SourceHealth, ...]:
    """Sources whose crawls in the period failed, were cut short, or returned no page at all."""
    runs = session.execute(
        select(CrawlRun, Source)
        .join(Source, Source.id == CrawlRun.source_id)
        .where(CrawlRun.started_at >= start, CrawlRun.started_at < end)
        .order_by(Source.name, CrawlRun.started_at)
    ).all()
    by_source: dict[str, list[tuple[CrawlRun, Source]]] = defaultdict(list)
    for run, source in runs:
        by_source[source.name].append((run, source))
    found = []
    for name, items in by_source.items():
        source = items[0][1]
        bad = [r for r, _ in items if r.status in ("failed", "interrupted", "partial")]
        if bad:
            first_error = next((str(e) for r in bad for e in (r.errors or [])), "")
            problem = f"{len(bad)} of {len(items)} crawls {bad[-1].status}"
            found.append(SourceHealth(name, source.org, f"{problem}: {first_error}" if first_error else problem))
        elif all(r.status != "running" and r.pages == 0 for r, _ in items):
            found.append(SourceHealth(name, source.org, f"returned nothing in {len(items)} crawls"))
    return tuple(found)
