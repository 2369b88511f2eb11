"""Record fetched articles: a new article, a new version when its content changed, or nothing;
with its statements, their projects, its story and the change events, in one transaction."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import Engine, bindparam, insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, make_transient_to_detached

from extract.article.page import Article as ReadArticle
from extract.statements.extractor import Statement as ReadStatement
from extract.statements.mentions import Mention
from store.base import to_utc
from store.changes import add_change, text_diff
from store.figure_events import statement_events
from store.kept import get_kept
from store.mentions import record_mentions
from store.models import Article, ArticleVersion, Source
from store.records import DueArticle, FetchInfo, Outcome, Validators
from store.stories import link_story
from store.timeline import statement_rows, store_statements

_SPACE = re.compile(r"\s+")
# Page furniture that changes on every visit and is not an edit: view counters, print times.
_VOLATILE = re.compile(
    r"(?:조회수?|조회\s*수|추천수?|hits?|views?)\s*[:：]?\s*[\d,]+|(?:접속|출력)\s*(?:일시|시간)\s*[:：]?\s*[\d.:\- ]+",
    re.IGNORECASE,
)


# Each retry follows a unique-key conflict with a transaction that has committed since, so it sees
# that row. Concurrent crawls of different sources collide on shared rows too (a project of the
# same org and name), not only on the article: measured with 4 crawls at once on PostgreSQL,
# 2 attempts lost 3 of 40 articles (tests/workers/test_workers.py).
RECORD_ATTEMPTS = 8


def content_hash(title: str, body: str) -> str:
    """Hash of the normalized title and body: whitespace and view counters are not changes."""
    normalized = _SPACE.sub(" ", title).strip() + "\n" + _SPACE.sub(" ", _VOLATILE.sub(" ", body)).strip()
    return hashlib.sha256(normalized.encode("utf-8")).hexdigest()


def known_articles(engine: Engine, source_id: int, keys: Sequence[str] | None = None) -> dict[str, Validators]:
    """Stored articles of a source by URL key: all of them, or only those among ``keys``
    (what a crawl asks for, so the cost follows the links seen, not what is stored)."""
    query = select(Article.url_key, Article.etag, Article.last_modified).where(Article.source_id == source_id)
    found: dict[str, Validators] = {}
    with Session(engine) as session:
        if keys is None:
            batches: list[Sequence[str] | None] = [None]
        else:
            batches = [keys[i : i + 500] for i in range(0, len(keys), 500)]
        for batch in batches:
            q = query if batch is None else query.where(Article.url_key.in_(batch))
            for key, etag, modified in session.execute(q):
                found[key] = Validators(etag, modified)
    return found


def due_rechecks(
    engine: Engine, source_id: int, now: datetime, *, every_crawl_days: float, daily_days: float
) -> list[DueArticle]:
    """Stored, not removed articles young enough to fetch again now: all those first seen within
    ``every_crawl_days``, and those within ``daily_days`` not fetched for a day. Uses the
    (source_id, first_seen_at) index, so the cost follows the young articles only."""
    from datetime import timedelta

    if max(every_crawl_days, daily_days) <= 0:
        return []
    oldest = now - timedelta(days=max(every_crawl_days, daily_days))
    always = now - timedelta(days=every_crawl_days)
    day_ago = now - timedelta(days=1)
    query = select(Article).where(
        Article.source_id == source_id, Article.first_seen_at >= oldest, Article.status == "ok"
    )
    due = []
    with Session(engine) as session:
        for article in session.scalars(query):
            first, fetched = article.first_seen_at, article.last_fetched_at
            if first >= always or fetched <= day_ago:
                due.append(DueArticle(article.url, article.url_key, article.etag, article.last_modified, article.title))
    return due


def _utc_or_none(value: datetime | None) -> datetime | None:
    """A read time in UTC, so what the same transaction computes from it matches what is stored."""
    return None if value is None else to_utc(value)


def _add_version(
    session: Session,
    article: Article,
    version: int,
    read: ReadArticle,
    fetch: FetchInfo,
    digest: str,
    run_id: int | None,
) -> ArticleVersion:
    return _insert(session, ArticleVersion, {
        "article_id": article.id, "version": version, "content_hash": digest, "title": read.title,
        "body": read.body, "published_at": _utc_or_none(read.published), "updated_at": _utc_or_none(read.updated),
        "author": read.author, "department": read.department, "lang": read.lang, "encoding": fetch.encoding,
        "fetched_at": to_utc(fetch.fetched_at), "crawl_run_id": run_id,
    })  # fmt: skip


Stored = TypeVar("Stored", Article, ArticleVersion)


def _insert(session: Session, model: type[Stored], values: dict[str, Any]) -> Stored:
    """INSERT one row by SQLAlchemy Core and hand the session its object as a stored row (given
    every column, so nothing is loaded back): the unit of work's flush cost more than the INSERT."""
    row_id = session.connection().execute(_INSERT_RETURNING_ID[model], values).scalar_one()
    row = model(id=row_id, **values)
    make_transient_to_detached(row)
    session.add(row)
    return row


_INSERT_RETURNING_ID = {
    model: insert(table).returning(table.c.id)
    for model in (Article, ArticleVersion)
    for table in [model.metadata.tables[model.__tablename__]]
}
# Built once (bound at execution): an article asks it for each page stored.
_BY_KEY = select(Article).where(Article.source_id == bindparam("source"), Article.url_key == bindparam("key"))


def record_article(
    engine: Engine,
    source_id: int,
    read: ReadArticle,
    statements: Sequence[ReadStatement],
    fetch: FetchInfo,
    run_id: int | None = None,
    mentions: Sequence[Mention] = (),
) -> Outcome:
    """Store one fetched article in one transaction; safe to repeat (same content -> "unchanged")."""
    digest = content_hash(read.title, read.body)
    for _attempt in range(RECORD_ATTEMPTS):  # a concurrent writer inserted a row first: redo, then see it
        try:
            with Session(engine) as session, session.begin():
                return record_in(session, source_id, read, statements, mentions, fetch, run_id, digest)
        except IntegrityError:
            continue
    raise RuntimeError(f"{fetch.url}: could not record the article after a concurrent insert")


def record_in(
    session: Session,
    source_id: int,
    read: ReadArticle,
    statements: Sequence[ReadStatement],
    mentions: Sequence[Mention],
    fetch: FetchInfo,
    run_id: int | None,
    digest: str,
) -> Outcome:
    """Record one article inside the caller's transaction (its session's identity map keeps
    the source row, so a batch reads it once)."""
    source = get_kept(session, Source, source_id)
    assert source is not None, source_id
    article = session.scalars(_BY_KEY, {"source": source_id, "key": fetch.url_key}).one_or_none()
    now = to_utc(fetch.fetched_at)
    previous: ArticleVersion | None = None
    if article is None:
        article = _insert(session, Article, {
            "source_id": source_id, "url_key": fetch.url_key, "url": fetch.url, "title": read.title,
            "published_at": _utc_or_none(read.published), "content_hash": digest, "current_version": 1,
            "etag": fetch.etag, "last_modified": fetch.last_modified, "status": "ok", "removed_at": None,
            "story_id": None, "story_reason": None, "first_seen_at": now, "last_fetched_at": now,
            "last_changed_at": now,
        })  # fmt: skip
        outcome: Outcome = "new"
    else:
        article.last_fetched_at = now
        article.etag = fetch.etag or article.etag
        article.last_modified = fetch.last_modified or article.last_modified
        if article.status == "removed":
            article.status, article.removed_at = "ok", None
        if article.content_hash == digest:
            return "unchanged"
        previous = session.scalars(
            select(ArticleVersion).where(
                ArticleVersion.article_id == article.id, ArticleVersion.version == article.current_version
            )
        ).one()
        article.current_version += 1
        article.content_hash = digest
        article.title = read.title
        article.published_at = _utc_or_none(read.published) or article.published_at
        article.last_changed_at = now
        session.flush()  # the article's row as the version's INSERT (Core, no unit of work) finds it
        outcome = "changed"
    version = _add_version(session, article, article.current_version, read, fetch, digest, run_id)
    rows = statement_rows(session, source, article, version, statements, now)
    # a new article's story before its statements are written: each row is written with it
    story = link_story(session, article, read.body, rows) if outcome == "new" else None
    store_statements(session, source, article, version, rows, now)
    record_mentions(session, article.id, version.id, mentions, replace=False)  # a new version has none
    common = {"source_id": source_id, "article_id": article.id, "version_id": version.id, "org": source.org}
    if story is not None:
        detail = {"title": read.title, "story_id": story.story_id, "story_reason": story.reason,
                  "duplicate_of": story.duplicate_of}  # fmt: skip
        add_change(session, "article_new", now, read.title, detail=detail, **common)
        statement_events(session, source, article, version, rows, None, now)
    else:
        assert previous is not None
        diff = text_diff(previous.title, previous.body, read.title, read.body)
        add_change(session, "article_revised", now, f"{read.title} (version {version.version})",
                   detail={"diff": diff, "previous_version": previous.version}, **common)  # fmt: skip
        statement_events(session, source, article, version, rows, previous, now)
    return outcome


def touch_article(engine: Engine, source_id: int, url_key: str, fetched_at: datetime) -> None:
    """A recheck answered 304 Not Modified: note the fetch, nothing else changed."""
    with Session(engine) as session, session.begin():
        article = session.scalars(
            select(Article).where(Article.source_id == source_id, Article.url_key == url_key)
        ).one_or_none()
        if article is not None:
            article.last_fetched_at = fetched_at


def mark_removed(engine: Engine, source_id: int, url_key: str, at: datetime, status: int) -> bool:
    """The page answered 404/410: mark the article removed (never deleted). True if it was not already."""
    with Session(engine) as session, session.begin():
        article = session.scalars(
            select(Article).where(Article.source_id == source_id, Article.url_key == url_key)
        ).one_or_none()
        if article is None or article.status == "removed":
            return False
        source = session.get(Source, source_id)
        article.status, article.removed_at, article.last_fetched_at = "removed", at, at
        add_change(
            session,
            "article_removed",
            at,
            f"{article.title} (HTTP {status})",
            source_id=source_id,
            article_id=article.id,
            org=source.org if source else None,
            detail={"http_status": status},
        )
        return True
