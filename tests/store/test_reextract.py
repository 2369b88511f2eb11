"""Re-extraction of stored articles, project mentions and the statements listing (SQLite, PostgreSQL)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import yaml
from click.testing import CliRunner
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from cli.main import cli
from config.schema import SourceConfig
from crawler.known import source_rows
from extract.article.page import Article as ReadArticle
from extract.statements.extractor import extract_statements, reported_figures
from extract.statements.mentions import Mention, extract_mentions
from store.articles import record_article
from store.db import make_engine, upgrade_schema
from store.mention_models import ProjectMention
from store.mentions import record_mentions
from store.models import ArticleVersion, Change, Project, Statement
from store.records import FetchInfo
from store.reextract import reextract
from store.runs import sync_sources
from store.statement_queries import list_statements

T0 = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
SOURCE = SourceConfig(name="naju-press", org="나주시", kind="rss", url="https://www.naju.go.kr/rss.xml")
TITLE = "나주시, 내년 예산 1조3500억 편성"
URL = "https://www.naju.go.kr/news/1"
BODY = (
    "나주시는 내년 예산안을 1조3500억 원 규모로 편성했다고 밝혔다.\n\n"
    "빛가람 에너지밸리 조성에 239억 원을 투입한다. 도시가스 배관망 구축은 내년 4월 착공한다."
)


def _store(engine: Engine, statements: bool = True) -> int:
    sid = sync_sources(engine, source_rows([SOURCE]), T0)[SOURCE.name]
    read = ReadArticle(url=URL, title=TITLE, body=BODY, published=T0)
    # as the crawler reads a page: no default organisation, one statement per figure
    text = f"{TITLE}\n\n{BODY}"
    found = reported_figures(extract_statements(text, published=T0.date(), url=URL)) if statements else []
    fetch = FetchInfo(url=read.url, url_key=read.url, fetched_at=T0, encoding="utf-8")
    record_article(engine, sid, read, found, fetch)
    return sid


def test_record_mentions_replaces_a_versions_mentions(engine: Engine) -> None:
    _store(engine)
    mentions = extract_mentions(f"{TITLE}\n\n{BODY}", T0.date())
    assert [(m.name, m.action) for m in mentions] == [("빛가람 에너지밸리", "조성"), ("도시가스 배관망 구축", "착공")]
    with Session(engine) as session, session.begin():
        version = session.scalars(select(ArticleVersion)).one()
        assert record_mentions(session, version.article_id, version.id, mentions) == 2
        # the same start twice keeps one; a second call replaces, not appends
        twice = [*mentions, Mention("다른 이름", "건설", None, None, mentions[0].span, "")]
        assert record_mentions(session, version.article_id, version.id, twice) == 2
    with Session(engine) as session:
        rows = session.scalars(select(ProjectMention).order_by(ProjectMention.span_start)).all()
        assert [(r.name, r.action, r.timing, r.year) for r in rows] == [
            ("빛가람 에너지밸리", "조성", None, None),
            ("도시가스 배관망 구축", "착공", "내년 4월", 2027),
        ]


def test_reextract_replaces_statements_keeps_history_and_links_projects(engine: Engine) -> None:
    _store(engine, statements=False)
    assert list_statements(engine) == []
    report = reextract(engine)
    assert (report.versions, report.statements_before, report.mentions) == (1, 0, 2)
    first = list_statements(engine)
    # the headline's 1조3500억 is the body's figure, said once: two statements
    assert len(first) == report.statements_after == 2
    assert {r.title for r in first} == {TITLE} and first[0].url == "https://www.naju.go.kr/news/1"
    with Session(engine) as session, session.begin():
        linked = session.scalars(select(Statement).where(Statement.project_id.is_not(None))).all()
        assert {session.get(Project, s.project_id).name for s in linked} >= {"빛가람 에너지밸리 조성"}  # type: ignore[union-attr]
        st = linked[0]
        session.add(Change(at=T0, kind="statement_new", statement_id=st.id, summary="x", detail={}))
    again = reextract(engine, source="naju-press")
    assert again.statements_before == again.statements_after == len(first)
    with Session(engine) as session:
        assert session.scalar(select(func.count()).select_from(Change).where(Change.summary == "x")) == 1
        assert session.scalar(select(func.count()).select_from(ProjectMention)) == 2
    assert reextract(engine, source="no-such-source").versions == 0


def test_list_statements_filters_by_org_loosely_and_by_day(engine: Engine) -> None:
    _store(engine)
    assert len(list_statements(engine, org="나주")) == len(list_statements(engine)) > 0
    assert list_statements(engine, org="광주시") == []
    assert list_statements(engine, since=date(2026, 11, 21)) == []
    assert len(list_statements(engine, since=date(2026, 11, 20))) > 0


def test_cli_statements_and_reextract(tmp_path: Path) -> None:
    database = f"sqlite:///{tmp_path / 'cli.sqlite'}"
    engine = make_engine(database)
    upgrade_schema(engine)
    _store(engine, statements=False)
    engine.dispose()
    config = tmp_path / "budgetwatch.yaml"
    config.write_text(yaml.safe_dump({"database": database}), encoding="utf-8")
    runner = CliRunner()
    empty = runner.invoke(cli, ["--config", str(config), "statements"])
    assert empty.exit_code == 0 and "no statements stored" in empty.output
    done = runner.invoke(cli, ["--config", str(config), "reextract"])
    assert done.exit_code == 0 and "re-read 1 article version(s): 0 ->" in done.output
    assert "change events: 0 removed, " in done.output  # statement_new events of the new statements are added
    table = runner.invoke(cli, ["--config", str(config), "statements", "--org", "나주시", "--since", "2026-11-01"])
    assert table.exit_code == 0 and TITLE in table.output and "239억원" in table.output
    as_json = runner.invoke(cli, ["--config", str(config), "statements", "--json"])
    import json

    rows = [json.loads(line) for line in as_json.output.splitlines()]
    assert rows and all(r["article"]["url"] == "https://www.naju.go.kr/news/1" for r in rows)


def test_reextract_rebuilds_projects_and_change_events(engine: Engine) -> None:
    """A database written by older rules (a false change, a project no rule makes now) is corrected,
    and the report says how many events went and came."""
    sid = _store(engine)
    with Session(engine) as session, session.begin():
        bogus = Project(org_key="나주", org="나주시", key="국비", name="국비", kind="project", created_at=T0)
        session.add(bogus)
        session.flush()
        bogus_id = bogus.id
        session.add(
            Change(at=T0, kind="project_new", project_id=bogus.id, org="나주시", summary="나주시 국비", detail={})
        )
        article_id = session.scalars(select(Statement.article_id)).first()
        session.add(Change(at=T0, kind="amount_changed", source_id=sid, article_id=article_id, org="나주시",
                           summary="나주시 국비 2027: 9조2,148억원 -> 630억원 (삭감)", detail={}))  # fmt: skip
    report = reextract(engine)
    assert (report.events_removed, report.events_added) == (2, 0)
    with Session(engine) as session:
        kinds = [c.kind for c in session.scalars(select(Change).where(Change.summary.like("%국비%")))]
        assert kinds == []
        assert session.get(Project, bogus_id) is None
        names = set(session.scalars(select(Project.name)))
        assert "빛가람 에너지밸리 조성" in names and "국비" not in names
    again = reextract(engine)
    assert (again.events_removed, again.events_added) == (0, 0)  # a rebuild of a rebuild changes nothing
