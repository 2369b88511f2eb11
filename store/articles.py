"""Record fetched articles: a new article, a new version when its content changed, or nothing."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from extract.page import Article as ReadArticle
from extract.statements import Statement as ReadStatement
from store.models import Article, ArticleVersion, Statement
from store.records import FetchInfo, Outcome

_SPACE = re.compile(r"\s+")


def content_hash(title: str, body: str) -> str:
    """Hash of the normalized title and body: whitespace differences are not changes."""
    normalized = _SPACE.sub(" ", title).strip() + "\n" + _SPACE.sub(" ", body).strip()
    return hashlib.sha256(normalized.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class KnownArticle:
    url_key: str
    etag: str | None
    last_modified: str | None


def known_articles(engine: Engine, source_id: int) -> dict[str, KnownArticle]:
    """Every stored article of a source, by URL key (what a crawl must not fetch again)."""
    with Session(engine) as session:
        rows = session.execute(
            select(Article.url_key, Article.etag, Article.last_modified).where(Article.source_id == source_id)
        )
        return {key: KnownArticle(key, etag, modified) for key, etag, modified in rows}


def _add_version(
    session: Session,
    article: Article,
    version: int,
    read: ReadArticle,
    statements: Sequence[ReadStatement],
    fetch: FetchInfo,
    digest: str,
    run_id: int | None,
) -> None:
    row = ArticleVersion(
        article=article,
        version=version,
        content_hash=digest,
        title=read.title,
        body=read.body,
        published_at=read.published,
        updated_at=read.updated,
        author=read.author,
        department=read.department,
        lang=read.lang,
        encoding=fetch.encoding,
        fetched_at=fetch.fetched_at,
        crawl_run_id=run_id,
    )
    session.add(row)
    session.flush()
    for found in statements:
        session.add(
            Statement(
                version_id=row.id,
                article_id=article.id,
                amount_text=found.amount.text,
                amount_start=found.amount.start,
                amount_end=found.amount.end,
                value=found.amount.value,
                currency=found.amount.currency,
                subject=found.subject,
                action=found.action,
                verb=found.verb,
                role=found.role,
                fiscal_year=found.fiscal_year,
                org=found.org,
                funding=found.funding,
                stage=found.stage,
                sentence=found.sentence,
            )
        )


def record_article(
    engine: Engine,
    source_id: int,
    read: ReadArticle,
    statements: Sequence[ReadStatement],
    fetch: FetchInfo,
    run_id: int | None = None,
) -> Outcome:
    """Store one fetched article in one transaction; safe to repeat (same content -> "unchanged")."""
    digest = content_hash(read.title, read.body)
    for _attempt in range(2):  # a concurrent writer may insert the same URL first; then compare
        try:
            return _record_once(engine, source_id, read, statements, fetch, run_id, digest)
        except IntegrityError:
            continue
    raise RuntimeError(f"{fetch.url}: could not record the article after a concurrent insert")


def _record_once(
    engine: Engine,
    source_id: int,
    read: ReadArticle,
    statements: Sequence[ReadStatement],
    fetch: FetchInfo,
    run_id: int | None,
    digest: str,
) -> Outcome:
    with Session(engine) as session, session.begin():
        article = session.scalars(
            select(Article).where(Article.source_id == source_id, Article.url_key == fetch.url_key)
        ).one_or_none()
        now: datetime = fetch.fetched_at
        if article is None:
            article = Article(
                source_id=source_id,
                url_key=fetch.url_key,
                url=fetch.url,
                title=read.title,
                published_at=read.published,
                content_hash=digest,
                current_version=1,
                etag=fetch.etag,
                last_modified=fetch.last_modified,
                status="ok",
                first_seen_at=now,
                last_fetched_at=now,
                last_changed_at=now,
            )
            session.add(article)
            session.flush()
            _add_version(session, article, 1, read, statements, fetch, digest, run_id)
            return "new"
        article.last_fetched_at = now
        article.etag = fetch.etag or article.etag
        article.last_modified = fetch.last_modified or article.last_modified
        article.status = "ok"
        if article.content_hash == digest:
            return "unchanged"
        article.current_version += 1
        article.content_hash = digest
        article.title = read.title
        article.published_at = read.published or article.published_at
        article.last_changed_at = now
        _add_version(session, article, article.current_version, read, statements, fetch, digest, run_id)
        return "changed"


def touch_article(engine: Engine, source_id: int, url_key: str, fetched_at: datetime) -> None:
    """A recheck answered 304 Not Modified: note the fetch, nothing else changed."""
    with Session(engine) as session, session.begin():
        article = session.scalars(
            select(Article).where(Article.source_id == source_id, Article.url_key == url_key)
        ).one_or_none()
        if article is not None:
            article.last_fetched_at = fetched_at
