"""Storing cost per article when the stored articles share projects, stories and LSH bands with
the new ones (issue 17.1): the generated board's pages, each stored with its ~36 statements, its
story and its bands, copied up to N stored articles; then 100 new pages of the same board are
stored one by one through the real record path (projects, amount comparison, duplicate check,
story figures) and each is timed. `python -m bench.change_detection --shared-sizes 10000 100000`.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine, Table, func, insert, select
from sqlalchemy.orm import Session

from bench.bigsite import article_html
from config.schema import SourceConfig
from crawler.known import source_rows
from extract.article.page import ArticleSelectors
from extract.article.reader import read_article
from extract.statements.extractor import extract_statements
from store.articles import record_article
from store.db import make_engine, upgrade_schema
from store.models import Article, ArticleVersion, SimilarityBand, Statement
from store.records import FetchInfo
from store.runs import sync_sources

TEMPLATES = 60  # distinct pages stored for real; the rest are copies of their rows
SELECTORS = ArticleSelectors(title="table.view tr:nth-child(1) td", body="div.view_cont")
SOURCE = SourceConfig(name="big-board", org="빛고을시", kind="listing", url="http://127.0.0.1/list?page=1",
                      links="td.title a")  # fmt: skip
BATCH = 2_000


def _store_page(engine: Engine, source_id: int, n: int) -> float:
    """Read page ``n`` of the board, then time storing it (the reading is not storing)."""
    url = f"http://127.0.0.1/a/{n}.html"
    read = read_article(article_html(n), url, selectors=SELECTORS)
    text = f"{read.title}\n\n{read.body}"
    day = read.published.date() if read.published else None
    statements = extract_statements(text, published=day, org=None, lang="ko")
    fetch = FetchInfo(url=url, url_key=url, fetched_at=datetime.now(UTC))
    started = time.perf_counter()
    record_article(engine, source_id, read, statements, fetch)
    return time.perf_counter() - started


def _rows(session: Session, table: Table, column: Any, ids: list[int]) -> list[dict[str, Any]]:
    return [dict(r._mapping) for r in session.execute(select(table).where(column.in_(ids)))]


def _copy(engine: Engine, stored: int) -> None:
    """Copies of the template articles' rows up to ``stored`` articles: same projects, stories and bands."""
    with Session(engine) as session:
        ids = list(session.scalars(select(Article.id).order_by(Article.id)))
        articles = _rows(session, Article.__table__, Article.id, ids)  # type: ignore[arg-type]
        versions = _rows(session, ArticleVersion.__table__, ArticleVersion.article_id, ids)  # type: ignore[arg-type]
        statements = _rows(session, Statement.__table__, Statement.article_id, ids)  # type: ignore[arg-type]
        bands = _rows(session, SimilarityBand.__table__, SimilarityBand.article_id, ids)  # type: ignore[arg-type]
        next_article = int(session.scalar(select(func.max(Article.id))) or 0) + 1
        next_version = int(session.scalar(select(func.max(ArticleVersion.id))) or 0) + 1
    by_article: dict[int, tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]] = {
        a["id"]: ([v for v in versions if v["article_id"] == a["id"]],
                  [s for s in statements if s["article_id"] == a["id"]],
                  [b for b in bands if b["article_id"] == a["id"]])
        for a in articles
    }  # fmt: skip
    todo = stored - len(articles)
    copy = 0
    while todo > 0:
        new_a: list[dict[str, Any]] = []
        new_v: list[dict[str, Any]] = []
        new_s: list[dict[str, Any]] = []
        new_b: list[dict[str, Any]] = []
        for _ in range(min(BATCH, todo)):
            template = articles[copy % len(articles)]
            vs, ss, bs = by_article[template["id"]]
            aid = next_article
            next_article += 1
            new_a.append({**template, "id": aid, "url_key": f"{template['url_key']}#copy{copy}",
                          "url": f"{template['url']}#copy{copy}"})  # fmt: skip
            version_ids = {}
            for v in vs:
                version_ids[v["id"]] = next_version
                new_v.append({**v, "id": next_version, "article_id": aid})
                next_version += 1
            new_s += [{**s, "id": None, "article_id": aid, "version_id": version_ids[s["version_id"]]} for s in ss]
            new_b += [{**b, "id": None, "article_id": aid} for b in bs]
            copy += 1
            todo -= 1
        for rows in (new_s, new_b):
            for row in rows:
                del row["id"]
        with engine.begin() as conn:
            conn.execute(insert(Article), new_a)
            conn.execute(insert(ArticleVersion), new_v)
            conn.execute(insert(Statement), new_s)
            conn.execute(insert(SimilarityBand), new_b)


def measure_shared(stored: int, new: int = 100) -> tuple[float, float, float]:
    """Median, first-half and last-half median milliseconds to store one new page with ``stored`` stored."""
    with tempfile.TemporaryDirectory() as tmp:
        engine = make_engine(f"sqlite:///{tmp}/shared.sqlite")
        upgrade_schema(engine)
        source_id = sync_sources(engine, source_rows([SOURCE]), datetime.now(UTC))[SOURCE.name]
        for n in range(TEMPLATES):
            _store_page(engine, source_id, n)
        filled = time.perf_counter()
        _copy(engine, stored)
        filled = time.perf_counter() - filled
        times = [_store_page(engine, source_id, TEMPLATES + 1000 + n) * 1000 for n in range(new)]
        with Session(engine) as session:
            statements = session.scalar(select(func.count()).select_from(Statement))
        engine.dispose()
    half = len(times) // 2
    median, first, last = statistics.median(times), statistics.median(times[:half]), statistics.median(times[half:])
    print(
        f"shared: stored {stored:>7,} articles ({statements:,} statements, filled in {filled:5.1f}s): "
        f"storing one new page median {median:6.1f} ms (first {half} {first:6.1f}, last {half} {last:6.1f})"
    )
    return median, first, last
