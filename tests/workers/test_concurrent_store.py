"""Two writers storing the same articles at once on PostgreSQL: one row and one event each."""

from __future__ import annotations

import threading
from collections import Counter
from datetime import UTC, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from config.schema import SourceConfig
from crawler.known import source_rows
from extract.article.page import Article as ReadArticle
from store.articles import record_article
from store.db import make_engine
from store.models import Article, ArticleVersion, Change
from store.records import FetchInfo
from store.runs import sync_sources

WRITERS = 4
ARTICLES = 15


def read_article(n: int) -> ReadArticle:
    return ReadArticle(
        url=f"https://example.org/a/{n}",
        title=f"빛고을시 사업 {n}",
        body=f"빛고을시는 {n}번 사업에 {n + 10}억원을 투입한다고 밝혔다.",
    )


def test_concurrent_writers_store_each_article_once(pg_url: str) -> None:
    engine = make_engine(pg_url)
    source = SourceConfig(name="race", org="빛고을시", kind="rss", url="https://example.org/rss", allow_private=False)
    source_id = sync_sources(engine, source_rows([source]), datetime.now(UTC))["race"]
    barrier = threading.Barrier(WRITERS)
    outcomes: list[str] = []
    errors: list[BaseException] = []

    def write() -> None:
        try:
            for n in range(ARTICLES):
                url = f"https://example.org/a/{n}"
                fetch = FetchInfo(url=url, url_key=url, fetched_at=datetime.now(UTC))
                barrier.wait(10)  # every writer stores article n at the same instant
                outcomes.append(record_article(engine, source_id, read_article(n), (), fetch))
        except BaseException as exc:
            errors.append(exc)
            barrier.abort()

    threads = [threading.Thread(target=write) for _ in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert errors == []
    assert Counter(outcomes) == {"new": ARTICLES, "unchanged": ARTICLES * (WRITERS - 1)}
    with Session(engine) as session:
        assert session.scalar(select(func.count()).select_from(Article)) == ARTICLES
        assert session.scalar(select(func.count()).select_from(ArticleVersion)) == ARTICLES
        kinds = Counter(session.scalars(select(Change.kind)))
    engine.dispose()
    assert kinds["article_new"] == ARTICLES
