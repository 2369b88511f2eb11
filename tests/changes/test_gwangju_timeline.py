"""The real Gwangju budget reports in ../shared/eval give one timeline of the city's total budget
over five fiscal years, with the two pairs of reports of one speech linked as duplicates."""

from __future__ import annotations

import json
from datetime import datetime, time
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from config.schema import SourceConfig
from crawler.known import source_rows
from extract.article.page import Article as ReadArticle
from extract.statements.extractor import extract_statements
from store.articles import record_article
from store.models import Article
from store.records import FetchInfo
from store.runs import sync_sources
from store.timeline import project_timelines
from tests.shared import shared_path

KST = ZoneInfo("Asia/Seoul")
# When a daily crawl would have fetched the reports that carry no date of their own: the day of
# the budget speech each one reports ("28일 ... 시정연설", "27일 밝혔다").
FETCH_DAY = {
    "dev-ko-gwangju-2023": "2022-11-28",
    "dev-ko-gwangju-2024a": "2023-11-28",
    "dev-ko-gwangju-2024b": "2023-11-28",
    "dev-ko-gwangju-2026b": "2025-11-27",
}
EXPECTED_PROPOSALS = {
    2021: 6_281_700_000_000,
    2022: 7_012_100_000_000,
    2023: 7_253_500_000_000,
    2024: 6_908_300_000_000,
    2026: 7_682_300_000_000,
}


@pytest.fixture
def gwangju_docs() -> list[dict[str, object]]:
    gold = shared_path("eval/budget_dev.jsonl")  # the publishers' texts live only in ../shared
    docs = [json.loads(line) for line in gold.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [d for d in docs if "gwangju" in str(d["id"])]


def test_one_budget_timeline_and_duplicate_pairs(engine: Engine, gwangju_docs: list[dict[str, object]]) -> None:
    assert len(gwangju_docs) == 7
    sources = [SourceConfig(name=f"outlet-{i}", org="광주광역시", kind="rss", url=f"https://outlet{i}.example.kr/rss")
               for i in range(len(gwangju_docs))]  # fmt: skip
    first = datetime(2020, 1, 1, tzinfo=KST)
    ids = sync_sources(engine, source_rows(sources), first)
    article_ids: dict[str, int] = {}
    for source, doc in zip(sources, gwangju_docs, strict=True):
        day = str(doc.get("published") or FETCH_DAY[str(doc["id"])])
        when = datetime.combine(datetime.fromisoformat(day).date(), time(18, 0), KST)
        text = str(doc["text"])
        read = ReadArticle(url=f"https://{source.name}.example.kr/{doc['id']}", title="", body=text, published=when)
        statements = extract_statements(text, published=when.date(), org=source.org, lang="ko")
        fetch = FetchInfo(url=read.url, url_key=read.url, fetched_at=when)
        assert record_article(engine, ids[source.name], read, statements, fetch) == "new"
        with Session(engine) as session:
            article_ids[str(doc["id"])] = session.scalars(select(Article.id).where(Article.url == read.url)).one()

    budgets = [t for t in project_timelines(engine, org="광주시") if t.kind == "budget" and t.name == "예산 총규모"]
    assert len(budgets) == 1, [(t.org, t.name) for t in budgets]
    timeline = budgets[0]
    years = {p.fiscal_year for p in timeline.points}
    assert set(EXPECTED_PROPOSALS) <= years
    assert years - set(EXPECTED_PROPOSALS) == set(), years
    for year, value in EXPECTED_PROPOSALS.items():
        assert any(p.fiscal_year == year and p.value == value for p in timeline.points), (year, timeline.points)
    # one point per story: the two outlets' reports of 2024 and of 2026 are shown once, with both links
    for year in (2024, 2026):
        proposal = [p for p in timeline.points if p.fiscal_year == year and p.value == EXPECTED_PROPOSALS[year]]
        assert len(proposal) == 1 and len(proposal[0].article_urls) == 2, proposal

    with Session(engine) as session:
        story = {doc_id: session.get(Article, aid).story_id for doc_id, aid in article_ids.items()}  # type: ignore[union-attr]
    assert story["dev-ko-gwangju-2024a"] == story["dev-ko-gwangju-2024b"]
    assert story["dev-ko-gwangju-2026a"] == story["dev-ko-gwangju-2026b"]
    others = {story[k] for k in story if k[-1] not in "ab"}
    assert len(others) == 3 and not others & {story["dev-ko-gwangju-2024a"], story["dev-ko-gwangju-2026a"]}
