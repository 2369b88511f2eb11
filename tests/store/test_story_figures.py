"""A copy of a story names its figures as said before, however many: a page of hundreds of
figures (a budget table) stored twice is stored, with no figure new the second time."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from config.schema import SourceConfig
from crawler.known import source_rows
from extract.article.page import Article as ReadArticle
from extract.statements.extractor import extract_statements, reported_figures
from store.articles import record_article
from store.models import Article, Change
from store.records import FetchInfo
from store.runs import sync_sources

T0 = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
SOURCE = SourceConfig(name="table-press", org="나주시", kind="rss", url="https://www.naju.go.kr/rss.xml")
TITLE = "나주시 내년 세부 사업 예산 일람"
BODY = "\n".join(f"세부사업 {i}번에 {i + 1}억원을 편성했다." for i in range(600))  # > 500 compound terms


def _store(engine: Engine, sid: int, url: str, at: datetime) -> None:
    read = ReadArticle(url=url, title=TITLE, body=BODY, published=at)
    found = reported_figures(extract_statements(f"{TITLE}\n\n{BODY}", published=at.date(), url=url))
    assert len(found) >= 600
    record_article(engine, sid, read, found, FetchInfo(url=url, url_key=url, fetched_at=at, encoding="utf-8"))


def test_a_copy_of_a_story_of_600_figures_says_none_new(engine: Engine) -> None:
    sid = sync_sources(engine, source_rows([SOURCE]), T0)[SOURCE.name]
    _store(engine, sid, "https://www.naju.go.kr/news/1", T0)
    _store(engine, sid, "https://www.naju.go.kr/news/2", T0 + timedelta(hours=1))
    with Session(engine) as session:
        first, copy = session.scalars(select(Article).order_by(Article.id)).all()
        assert copy.story_id == (first.story_id or first.id)
        new_in_copy = session.scalar(
            select(func.count()).where(Change.kind == "statement_new", Change.article_id == copy.id)
        )
    assert new_in_copy == 0
