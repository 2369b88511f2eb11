"""Recording articles on SQLite and PostgreSQL: new, unchanged, changed; versions are kept."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from config.schema import SourceConfig
from crawler.known import source_rows
from extract.article.page import Article as ReadArticle
from extract.statements.extractor import extract_statements
from store.articles import content_hash, known_articles, record_article, touch_article
from store.models import Article, ArticleVersion, CrawlRun, Statement
from store.queries import count_rows, list_articles
from store.records import FetchInfo, RunTally
from store.runs import finish_run, mark_interrupted, start_run, sync_sources
from store.statement_queries import list_statements

T0 = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
SOURCE = SourceConfig(name="naju-press", org="나주시", kind="rss", url="https://www.naju.go.kr/rss.xml")
BODY = "나주시는 내년 예산안을 1조3500억 원 규모로 편성했다고 밝혔다.\n\n빛가람 에너지밸리 조성에 239억 원을 투입한다."


def fetch(at: datetime, key: str = "https://www.naju.go.kr/news/1") -> FetchInfo:
    return FetchInfo(url=key, url_key=key, fetched_at=at, encoding="utf-8", etag='"v1"')


def read(body: str = BODY, title: str = "나주시, 내년 예산 1조3500억 편성") -> ReadArticle:
    return ReadArticle(url="https://www.naju.go.kr/news/1", title=title, body=body, published=T0)


def test_new_unchanged_changed_keeps_versions(engine: Engine) -> None:
    ids = sync_sources(engine, source_rows([SOURCE]), T0)
    sid = ids["naju-press"]
    statements = extract_statements(BODY, published=T0.date(), org="나주시")
    assert record_article(engine, sid, read(), statements, fetch(T0)) == "new"
    assert record_article(engine, sid, read(), statements, fetch(T0 + timedelta(hours=1))) == "unchanged"
    # whitespace alone is not a change
    assert record_article(engine, sid, read(BODY.replace(" ", "  ")), [], fetch(T0 + timedelta(hours=2))) == "unchanged"
    edited = BODY.replace("239억", "251억")
    assert record_article(engine, sid, read(edited), [], fetch(T0 + timedelta(hours=3))) == "changed"
    # a revert to the first text is a third version, not lost
    assert record_article(engine, sid, read(), [], fetch(T0 + timedelta(hours=4))) == "changed"
    with Session(engine) as session:
        article = session.scalars(select(Article)).one()
        assert article.current_version == 3
        versions = session.scalars(select(ArticleVersion).order_by(ArticleVersion.version)).all()
        assert [v.version for v in versions] == [1, 2, 3]
        assert "251억" in versions[1].body and versions[0].body == BODY
        assert versions[0].content_hash == versions[2].content_hash == content_hash(read().title, BODY)
        stored = session.scalars(select(Statement).where(Statement.version_id == versions[0].id)).all()
        assert len(stored) == len(statements) >= 2
        assert {s.value for s in stored} >= {1_350_000_000_000, 23_900_000_000}
    assert count_rows(engine)["articles"] == 1
    rows = list_articles(engine)
    assert rows[0].title == "나주시, 내년 예산 1조3500억 편성" and rows[0].versions == 3


def test_known_articles_and_touch(engine: Engine) -> None:
    sid = sync_sources(engine, source_rows([SOURCE]), T0)["naju-press"]
    record_article(engine, sid, read(), [], fetch(T0))
    known = known_articles(engine, sid)
    assert list(known) == ["https://www.naju.go.kr/news/1"]
    assert known["https://www.naju.go.kr/news/1"].etag == '"v1"'
    touch_article(engine, sid, "https://www.naju.go.kr/news/1", T0 + timedelta(days=1))
    with Session(engine) as session:
        fetched = session.scalars(select(Article.last_fetched_at)).one()
        assert fetched == T0 + timedelta(days=1) and fetched.tzinfo is not None


def test_sources_sync_is_idempotent_and_updates(engine: Engine) -> None:
    first = sync_sources(engine, source_rows([SOURCE]), T0)
    moved = SOURCE.model_copy(update={"url": "https://www.naju.go.kr/rss2.xml"})
    second = sync_sources(engine, source_rows([moved]), T0 + timedelta(days=1))
    assert first == second
    assert count_rows(engine)["sources"] == 1


def test_crawl_runs_finish_and_interrupt(engine: Engine) -> None:
    sid = sync_sources(engine, source_rows([SOURCE]), T0)["naju-press"]
    done = start_run(engine, sid, T0)
    finish_run(
        engine,
        done,
        RunTally(pages=4, new_items=3, errors=("x: HTTP 500",)),
        status="partial",
        reason="finished",
        now=T0 + timedelta(minutes=1),
    )
    stale = start_run(engine, sid, T0)
    assert mark_interrupted(engine, T0 + timedelta(hours=1)) == 1
    with Session(engine) as session:
        runs = {r.id: r for r in session.scalars(select(CrawlRun))}
    assert runs[done].status == "partial" and runs[done].pages == 4 and runs[done].errors == ["x: HTTP 500"]
    assert runs[done].error_count == 1
    assert runs[stale].status == "interrupted"


def test_statements_listing(engine: Engine) -> None:
    sid = sync_sources(engine, source_rows([SOURCE]), T0)["naju-press"]
    record_article(engine, sid, read(), extract_statements(BODY, published=T0.date(), org="나주시"), fetch(T0))
    values = {s.value for s in list_statements(engine)}
    assert 23_900_000_000 in values
