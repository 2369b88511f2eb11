"""A full disk stops the crawl at the first storage error: recorded, exit code 4, nothing half.

The disk is made "full" for the crawl process alone with RLIMIT_FSIZE: a write past the limit
fails with EFBIG (Python ignores SIGXFSZ), which SQLite reports as "database or disk is full",
exactly as on a full file system.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from store.db import make_engine
from store.models import Article, CrawlRun
from tests.faults.conftest import budgetwatch, write_config
from tests.faults.server import FaultHandler, FaultServer, article_html, page, rss
from tests.forked_cli import run_cli

ARTICLES = 250
PARAGRAPH = "군은 올해 상수도 정비에 예산 3억원을 편성했다고 밝혔다. 사업은 연말까지 이어진다. " * 120


def _article(h: FaultHandler) -> None:
    n = h.path.rsplit("=", 1)[1]
    page(article_html(f"기사 {n}", f"{n}번 기사. {PARAGRAPH}"))(h)


def test_disk_full_stops_the_crawl_at_the_first_storage_error(tmp_path: Path) -> None:
    path = tmp_path / "bw.sqlite"
    with FaultServer() as server:
        links = [(f"{server.base_url}/a.html?n={i}", f"기사 {i}") for i in range(ARTICLES)]
        server.route("/feed.xml", page(rss(links), "application/rss+xml"))
        server.route("/a.html", _article)
        source = {"name": "full", "org": "시험군", "kind": "rss", "url": f"{server.base_url}/feed.xml",
                  "allow_private": True, "delay": 0, "timeout": 5, "max_articles": ARTICLES}  # fmt: skip
        config = str(write_config(tmp_path / "c.yaml", {"database": f"sqlite:///{path}", "sources": [source]}))
        assert budgetwatch("--config", config, "db", "upgrade").returncode == 0
        limit = path.stat().st_size + 400_000  # room for a few articles, then "disk full"

        result = run_cli("--config", config, "crawl", timeout=300, fsize_limit=limit)
        fetched = len([r for r in server.requests if r.startswith("/a.html")])
    assert result.returncode == 4, result.stdout + result.stderr
    assert "crawl stopped" in result.stdout and "disk full" in result.stderr, result.stdout + result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    assert fetched < ARTICLES // 2, fetched  # fetching stopped, not 250 pages to a full disk
    engine = make_engine(f"sqlite:///{path}")
    with Session(engine) as session:
        stored = session.scalar(select(func.count()).select_from(Article))
        runs = session.scalars(select(CrawlRun)).all()
        errors = [e for run in runs for e in run.errors]
    engine.dispose()
    assert stored is not None and 0 < stored < ARTICLES
    assert len([e for e in errors if "no more writes" in e]) <= 1, errors  # the first error, not 200
