"""`budgetwatch worker` processes on the real broker and PostgreSQL crawl 40 local boards together."""

from __future__ import annotations

import os
import signal
from collections import Counter
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bench.boards import Boards, boards_config
from store.db import make_engine
from store.models import Article, Change
from tests.scheduling.conftest import write_config
from tests.workers.conftest import LoggedProcess, Start, worker_args
from workers.app import CRAWL_TASK, make_app


def enqueue(broker: str, queue: str, sources: list[str]) -> None:
    app = make_app(broker, queue)
    for name in sources:
        app.send_task(CRAWL_TASK, args=[name, "test"], task_id=f"crawl:{name}:test", queue=queue)
    app.close()


def assert_stored_once(database: str, boards: Boards) -> None:
    """Every article of every board exactly once, with exactly one article_new event."""
    engine = make_engine(database)
    with Session(engine) as session:
        urls = list(session.scalars(select(Article.url)))
        new_events = Counter(session.scalars(select(Change.article_id).where(Change.kind == "article_new")))
        articles = session.scalar(select(func.count()).select_from(Article))
    engine.dispose()
    assert len(urls) == len(set(urls)) == articles
    assert set(urls) == boards.article_urls()
    assert len(new_events) == articles and set(new_events.values()) == {1}


def done_sources(*workers: LoggedProcess) -> set[str]:
    return {line["source"] for w in workers for line in w.events("crawl_task_done", exit_code="0")}


def test_two_workers_crawl_40_sources_together(
    pg_url: str, broker_url: str, queue: str, processes: Start, tmp_path: Path
) -> None:
    with Boards(40, articles=5) as boards:
        config = write_config(tmp_path / "c.yaml", boards_config(boards.base_url, pg_url, 40))
        names = [f"board-{i:03d}" for i in range(40)]
        enqueue(broker_url, queue, names)
        first = processes(worker_args(config, broker_url, queue, 2))
        second = processes(worker_args(config, broker_url, queue, 2))
        first.wait_for(lambda: done_sources(first, second) == set(names), timeout=240)
    took = [Counter(line["source"] for line in w.events("crawl_task_done")) for w in (first, second)]
    assert all(took), f"a worker took no crawl: {took}"
    assert sum(sum(t.values()) for t in took) == 40  # nothing crawled twice without a failure
    summaries = [line["summary"] for w in (first, second) for line in w.events("crawl_task_done")]
    assert all(": ok, pages 6, new 5," in s for s in summaries), summaries
    assert_stored_once(pg_url, boards)


def test_worker_killed_mid_crawl_gives_its_crawls_back(
    pg_url: str, broker_url: str, queue: str, processes: Start, tmp_path: Path
) -> None:
    with Boards(6, articles=5, delay=0.4) as boards:  # slow pages: a crawl lasts a few seconds
        config = write_config(tmp_path / "c.yaml", boards_config(boards.base_url, pg_url, 6))
        names = [f"board-{i:03d}" for i in range(6)]
        victim = processes(worker_args(config, broker_url, queue, 2))
        victim.wait_event("worker_starting")
        enqueue(broker_url, queue, names)
        started = victim.wait_event("crawl_task_started", count=2, timeout=60)
        survivor = processes(worker_args(config, broker_url, queue, 2))
        os.kill(victim.proc.pid, signal.SIGKILL)  # mid-crawl: its children die with it
        victim.proc.wait(10)
        survivor.wait_for(lambda: done_sources(survivor) == set(names), timeout=180)
    taken_back = {line["source"] for line in survivor.events("crawl_task_started", redelivered="True")}
    assert {line["source"] for line in started} <= taken_back, survivor.log()
    assert_stored_once(pg_url, boards)
