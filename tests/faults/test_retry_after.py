"""Retry-After on 429/503: waited for up to the cap; a longer pause skips the source until then."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from store.db import make_engine
from store.models import Article, CrawlRun
from tests.faults.conftest import budgetwatch, write_config
from tests.faults.server import Behaviour, FaultHandler, FaultServer, article_html, page, rss, status

BODY = "시는 올해 공원 조성에 예산 5억원을 편성했다."


def once_then(first: Behaviour, then: Behaviour, times: list[float]) -> Behaviour:
    """``first`` for the first request, ``then`` afterwards; request times are noted."""
    lock = threading.Lock()

    def answer(h: FaultHandler) -> None:
        with lock:
            times.append(time.monotonic())
            n = len(times)
        (first if n == 1 else then)(h)

    return answer


def _source(server: FaultServer, name: str) -> dict[str, object]:
    return {"name": name, "org": "시험군", "kind": "rss", "url": f"{server.base_url}/{name}/feed.xml",
            "allow_private": True, "delay": 0, "timeout": 5}  # fmt: skip


def test_short_retry_after_is_waited_for_then_retried(tmp_path: Path) -> None:
    times: list[float] = []
    with FaultServer() as server:
        link = f"{server.base_url}/short/a.html"
        server.route("/short/feed.xml", page(rss([(link, "공원")]), "application/rss+xml"))
        server.route(
            "/short/a.html", once_then(status(503, **{"Retry-After": "2"}), page(article_html("공원", BODY)), times)
        )
        database = f"sqlite:///{tmp_path}/bw.sqlite"
        config = write_config(tmp_path / "c.yaml", {"database": database, "sources": [_source(server, "short")]})
        result = budgetwatch("--config", str(config), "crawl")
    assert result.returncode == 0 and "short: ok" in result.stdout, result.stdout + result.stderr
    assert len(times) == 2 and times[1] - times[0] >= 1.9, times  # waited as asked, then one retry
    engine = make_engine(database)
    with Session(engine) as session:
        assert session.scalars(select(Article.title)).all() == ["공원"]
    engine.dispose()


def test_long_retry_after_skips_the_source_until_then(tmp_path: Path) -> None:
    with FaultServer() as server:
        server.route("/long/feed.xml", status(503, **{"Retry-After": "3600"}))
        server.route("/other/feed.xml", page(rss([(f"{server.base_url}/other/a.html", "공원")]), "application/rss+xml"))
        server.route("/other/a.html", page(article_html("공원", BODY)))
        database = f"sqlite:///{tmp_path}/bw.sqlite"
        sources = [_source(server, "long"), _source(server, "other")]
        config = str(write_config(tmp_path / "c.yaml", {"database": database, "sources": sources}))
        first = budgetwatch("--config", config, "crawl")
        asked = [r for r in server.requests if r.startswith("/long/")]
        second = budgetwatch("--config", config, "crawl")
        asked_again = [r for r in server.requests if r.startswith("/long/")]
        shown = budgetwatch("--config", config, "status")
    assert first.returncode == 1, first.stdout + first.stderr  # the feed failed this time
    assert asked == ["/long/feed.xml"], asked  # no immediate retries against "wait an hour"
    assert "long: failed" in first.stdout and "skipped until" in first.stdout, first.stdout
    assert second.returncode == 0, second.stdout + second.stderr
    assert "long: skipped until" in second.stdout and "Retry-After" in second.stdout, second.stdout
    assert "other: ok" in second.stdout
    assert asked_again == asked  # the second crawl did not touch the site
    line = next(line for line in shown.stdout.splitlines() if line.startswith("long "))
    assert "SKIPPED until" in line and "Retry-After" in line, shown.stdout
    engine = make_engine(database)
    with Session(engine) as session:
        reasons = session.scalars(select(CrawlRun.finish_reason)).all()
    engine.dispose()
    assert sum(1 for r in reasons if r and r.startswith("retry-after until ")) == 1, reasons
