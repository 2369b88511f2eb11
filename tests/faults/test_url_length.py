"""URLs longer than Scrapy's 2,083-character limit are errors of the run, never silently dropped."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from store.db import make_engine
from store.models import CrawlRun, Source
from tests.faults.conftest import budgetwatch, write_config
from tests.faults.server import FaultServer, article_html, page, rss

BODY = "군은 올해 하천 정비에 예산 8억원을 편성했다."


def test_long_source_url_and_long_article_link_are_recorded(tmp_path: Path) -> None:
    long_query = "q=" + "가" * 10 + "x" * 2_100
    with FaultServer() as server:
        base = server.base_url
        long_link = f"{base}/links/a.html?{long_query}"
        server.route("/links/feed.xml", page(rss([(long_link, "긴 주소"), (f"{base}/links/ok.html", "보통")]),
                                             "application/rss+xml"))  # fmt: skip
        server.route("/links/ok.html", page(article_html("보통 기사", BODY)))
        server.route("/links/a.html", page(article_html("긴 주소 기사", BODY)))
        server.route("/long/feed.xml", page(rss([]), "application/rss+xml"))
        common = {"org": "시험군", "kind": "rss", "allow_private": True, "delay": 0, "timeout": 2}
        sources = [
            {"name": "links", "url": f"{base}/links/feed.xml", **common},
            {"name": "long", "url": f"{base}/long/feed.xml?{long_query}", **common},
        ]
        database = f"sqlite:///{tmp_path}/bw.sqlite"
        config = write_config(tmp_path / "c.yaml", {"database": database, "sources": sources})
        result = budgetwatch("--config", str(config), "crawl")
        requests = server.requests
    assert result.returncode == 1, result.stdout + result.stderr
    assert "/links/ok.html" in requests and not any(r.startswith(("/links/a.html", "/long/")) for r in requests)
    engine = make_engine(database)
    with Session(engine) as session:
        runs = {name: run for run, name in session.execute(select(CrawlRun, Source.name).join(Source))}
    engine.dispose()
    links, long = runs["links"], runs["long"]
    assert links.status == "partial" and any("longer than 2083" in e for e in links.errors), links.errors
    assert long.status == "failed" and any("longer than 2083" in e for e in long.errors), long.errors
    assert "long: failed" in result.stdout and "longer than 2083" in result.stdout, result.stdout
