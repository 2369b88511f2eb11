"""Run the statement extractor again over stored articles, and rebuild what the change rules derive
from statements (projects, new figures, changed amounts), so an existing database is corrected."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from zoneinfo import ZoneInfo

from sqlalchemy import Engine, delete, func, select, update
from sqlalchemy.orm import Session

from changes.backlog import calendar_date
from extract.statements.extractor import Statement as ReadStatement
from extract.statements.extractor import extract_statements, reported_figures
from extract.statements.mentions import Mention, extract_mentions
from store.figure_events import statement_events
from store.mentions import record_mentions
from store.models import Article, ArticleVersion, Change, Project, ProjectAlias, Source, Statement
from store.records import as_utc
from store.timeline import record_statements

# (text, published, org, lang, url) -> what the extractor reads; a seam so tests can pass a fake.
Reader = Callable[
    [str, date | None, str | None, str | None, str | None], tuple[Sequence[ReadStatement], Sequence[Mention]]
]

# Events derived from statements: rebuilt. Article events (new, revised, removed) are history and stay.
DERIVED = ("statement_new", "amount_changed", "stage_changed", "project_new")


def read_text(
    text: str, published: date | None, org: str | None, lang: str | None, url: str | None = None
) -> tuple[list[ReadStatement], list[Mention]]:
    """The real extractor: statements (one per figure, as the crawler stores them) and project
    mentions of one text."""
    statements = reported_figures(extract_statements(text, published=published, org=org, lang=lang, url=url))
    return statements, extract_mentions(text, published)


@dataclass(frozen=True)
class ReextractReport:
    versions: int
    statements_before: int
    statements_after: int
    mentions: int
    events_removed: int = 0  # derived events that the rebuild no longer makes
    events_added: int = 0  # derived events it makes that were not there


def version_text(version: ArticleVersion) -> str:
    """What the crawler reads statements from: the title, a blank line, the body."""
    return f"{version.title}\n\n{version.body}" if version.title else version.body


EventKey = tuple[str, int | None, str]


def _events(session: Session, article_ids: list[int] | None) -> list[EventKey]:
    query = select(Change.kind, Change.article_id, Change.summary).where(Change.kind.in_(DERIVED))
    if article_ids is not None:
        query = query.where(Change.article_id.in_(article_ids))
    return [(k, a, s) for k, a, s in session.execute(query)]


def _difference(a: list[EventKey], b: list[EventKey]) -> int:
    left = list(b)
    missing = 0
    for item in a:
        if item in left:
            left.remove(item)
        else:
            missing += 1
    return missing


def reextract(
    engine: Engine, *, source: str | None = None, reader: Reader = read_text, zone: ZoneInfo | None = None
) -> ReextractReport:
    """Re-read every version of the stored articles (of one source, by name, when given) in the order
    they were said, each in its own transaction; statements, projects and derived events are rebuilt."""
    zone = zone or ZoneInfo("Asia/Seoul")
    query = (
        select(ArticleVersion.id, ArticleVersion.article_id)
        .join(Article, Article.id == ArticleVersion.article_id)
        .join(Source, Source.id == Article.source_id)
        .order_by(
            func.coalesce(ArticleVersion.published_at, ArticleVersion.fetched_at),
            ArticleVersion.version,
            ArticleVersion.id,
        )  # fmt: skip
    )
    if source is not None:
        query = query.where(Source.name == source)
    with Session(engine) as session, session.begin():
        found = session.execute(query).all()
        ids = [v for v, _ in found]
        articles = sorted({a for _, a in found}) if source is not None else None
        before_events = _events(session, articles)
        before = int(session.scalar(select(func.count()).select_from(Statement).where(Statement.version_id.in_(ids)))
                     or 0) if ids else 0  # fmt: skip
        _clear(session, ids, articles)
    after = mentions = 0
    for version_id in ids:
        with Session(engine) as session, session.begin():
            a, m = _reextract_version(session, version_id, reader, zone)
        after, mentions = after + a, mentions + m
    with Session(engine) as session, session.begin():
        _drop_orphans(session)
        after_events = _events(session, articles)
    removed, added = _difference(before_events, after_events), _difference(after_events, before_events)
    return ReextractReport(len(ids), before, after, mentions, removed, added)


def _clear(session: Session, version_ids: list[int], article_ids: list[int] | None) -> None:
    """Forget the derived events and the statements of the versions to re-read."""
    # project_new stays with its project; an orphaned project's goes with it (_drop_orphans)
    events = delete(Change).where(Change.kind.in_(DERIVED[:-1]))
    if article_ids is not None:
        events = events.where(Change.article_id.in_(article_ids))
    session.execute(events)
    for i in range(0, len(version_ids), 500):
        batch = version_ids[i : i + 500]
        old = select(Statement.id).where(Statement.version_id.in_(batch))
        session.execute(update(Change).where(Change.statement_id.in_(old)).values(statement_id=None))
        session.execute(delete(Statement).where(Statement.version_id.in_(batch)))


def _drop_orphans(session: Session) -> None:
    """Projects no statement names any more (made by an older rule) go, unless corrected by hand."""
    used = select(Statement.project_id).where(Statement.project_id.is_not(None)).distinct()
    manual = select(ProjectAlias.project_id).where(ProjectAlias.reason.like("manual%"))
    targets = select(Project.merged_into).where(Project.merged_into.is_not(None))
    orphans = list(session.scalars(select(Project.id).where(
        Project.id.not_in(used), Project.id.not_in(manual), Project.id.not_in(targets),
        Project.merged_into.is_(None))))  # fmt: skip
    if orphans:
        session.execute(delete(Change).where(Change.project_id.in_(orphans), Change.kind == "project_new"))
        session.execute(update(Change).where(Change.project_id.in_(orphans)).values(project_id=None))
        session.execute(delete(ProjectAlias).where(ProjectAlias.project_id.in_(orphans)))
        session.execute(delete(Project).where(Project.id.in_(orphans)))


def _reextract_version(session: Session, version_id: int, reader: Reader, zone: ZoneInfo) -> tuple[int, int]:
    version = session.get(ArticleVersion, version_id)
    assert version is not None, version_id
    article = session.get(Article, version.article_id)
    assert article is not None
    src = session.get(Source, article.source_id)
    assert src is not None
    # the page's calendar day in the configured zone (a date-only page is midnight there)
    published = calendar_date(as_utc(version.published_at), zone) if version.published_at else None
    statements, mentions = reader(version_text(version), published, None, version.lang, article.url)
    previous = None
    if version.version > 1:
        previous = session.scalars(
            select(ArticleVersion).where(ArticleVersion.article_id == article.id,
                                         ArticleVersion.version == version.version - 1)
        ).one_or_none()  # fmt: skip
    at = as_utc(version.fetched_at)
    rows = record_statements(session, src, article, version, statements, at)
    statement_events(session, src, article, version, rows, previous, at)
    stored = record_mentions(session, article.id, version.id, mentions)
    return len(statements), stored
