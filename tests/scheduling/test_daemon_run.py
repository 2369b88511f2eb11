"""The real daemon (`python scheduler.py`) against the sample sites on 127.0.0.1, one-second schedules."""

from __future__ import annotations

import json
import signal
import subprocess
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from demo.sample_config import EXPECTED_TITLES
from demo.site import SampleSite
from store.db import make_engine
from store.models import Article, ArticleVersion, CrawlRun, Source, Statement
from tests.forked_cli import run_cli
from tests.scheduling.conftest import DaemonProcess, fast_config, write_config

Start = Callable[..., DaemonProcess]


def runs_by_source(database: str) -> dict[str, list[CrawlRun]]:
    engine = make_engine(database)
    with Session(engine) as session:
        found: dict[str, list[CrawlRun]] = {}
        for name, run in session.execute(select(Source.name, CrawlRun).join(CrawlRun).order_by(CrawlRun.id)):
            found.setdefault(name, []).append(run)
    engine.dispose()
    return found


def assert_store_complete(database: str, base_url: str) -> None:
    """Every sample article exactly once, each with exactly its one version and no doubled statement."""
    engine = make_engine(database)
    with Session(engine) as session:
        articles = session.execute(select(Article.url, Article.title, Article.current_version)).all()
        assert sorted(url.removeprefix(base_url) for url, _, _ in articles) == sorted(EXPECTED_TITLES)
        for url, title, version in articles:
            assert title == EXPECTED_TITLES[url.removeprefix(base_url)]
            assert version == 1, url
        versions = Counter(session.scalars(select(ArticleVersion.article_id)))
        assert len(versions) == len(articles) and set(versions.values()) == {1}
        doubled = session.execute(
            select(Statement.version_id, Statement.amount_start)
            .group_by(Statement.version_id, Statement.amount_start)
            .having(func.count() > 1)
        ).all()
        assert doubled == []
    engine.dispose()


def stored_count(engine: Engine) -> int:
    with Session(engine) as session:
        return int(session.scalar(select(func.count()).select_from(Article)) or 0)


def test_runs_every_source_for_several_cycles(site: SampleSite, tmp_path: Path, daemons: Start) -> None:
    database = f"sqlite:///{tmp_path}/bw.sqlite"
    config = write_config(tmp_path / "c.yaml", fast_config(site.base_url, database))
    daemon = daemons(config)
    for name in ("bitgoeul-news", "naju-press", "solmoe-news"):
        daemon.wait_event("crawl_done", count=3, source=name, timeout=30)
    assert daemon.stop() == 0, daemon.log()
    assert daemon.events("daemon_stopped", exit_code="0")
    runs = runs_by_source(database)
    for name, rows in runs.items():
        assert len(rows) >= 3, name
        assert {r.status for r in rows} == {"ok"}, [(r.status, r.errors) for r in rows]
        assert rows[0].new_items > 0 and all(r.new_items == 0 for r in rows[1:])
    assert_store_complete(database, site.base_url)
    delays = [float(line["delay_ms"]) for line in daemon.events("job_started")]
    assert delays and sorted(delays)[len(delays) // 2] < 500  # the loop is never blocked for long


def test_kill_9_mid_crawl_then_restart_loses_and_doubles_nothing(
    site: SampleSite, tmp_path: Path, daemons: Start
) -> None:
    database = f"sqlite:///{tmp_path}/bw.sqlite"
    # A 0.3 s delay between requests makes the board's crawl (3 list pages, 8 articles) take seconds.
    slow = fast_config(site.base_url, database, every="every 1 hours", delay=0.3)
    slow["sources"] = [s for s in slow["sources"] if s["name"] == "naju-press"]
    config = write_config(tmp_path / "c.yaml", slow)
    first = daemons(config)
    engine = make_engine(database)

    first.wait_event("job_started", job="crawl:naju-press")
    deadline = time.monotonic() + 20
    while not stored_count(engine):
        assert time.monotonic() < deadline, first.log()
        time.sleep(0.05)
    first.proc.kill()
    first.proc.wait(10)
    with Session(engine) as session:
        stored_at_kill = session.scalar(select(func.count()).select_from(Article))
        assert session.scalars(select(CrawlRun.status)).all() == ["running"]
    assert stored_at_kill is not None and 0 < stored_at_kill < 8

    config = write_config(tmp_path / "c.yaml", fast_config(site.base_url, database, every="every 1 hours"))
    second = daemons(config)
    started = second.wait_event("daemon_started")[0]
    assert started["interrupted_runs"] == "1"
    for name in ("bitgoeul-news", "naju-press", "solmoe-news"):
        second.wait_event("crawl_done", source=name, status="ok", timeout=30)
    assert second.stop() == 0
    runs = runs_by_source(database)
    assert [r.status for r in runs["naju-press"]] == ["interrupted", "ok"]
    assert runs["naju-press"][0].finished_at is not None
    # The restarted crawl stored only what the killed one had not.
    assert runs["naju-press"][1].new_items + stored_at_kill == 8
    assert_store_complete(database, site.base_url)
    engine.dispose()


def test_sigterm_mid_crawl_stops_it_records_the_run_and_exits_0(
    site: SampleSite, tmp_path: Path, daemons: Start
) -> None:
    database = f"sqlite:///{tmp_path}/bw.sqlite"
    data = fast_config(site.base_url, database, every="every 1 hours", delay=0.3)
    data["sources"] = [s for s in data["sources"] if s["name"] == "naju-press"]
    daemon = daemons(write_config(tmp_path / "c.yaml", data), "--grace", "0.5")
    daemon.wait_event("job_started", job="crawl:naju-press")
    engine = make_engine(database)
    deadline = time.monotonic() + 20
    while not stored_count(engine):  # a session per look: a held one would hold SQLite's write lock
        assert time.monotonic() < deadline, daemon.log()
        time.sleep(0.05)
    engine.dispose()
    daemon.signal(signal.SIGTERM)
    assert daemon.proc.wait(30) == 0, daemon.log()
    assert daemon.events("stopping_crawls")
    (run,) = runs_by_source(database)["naju-press"]
    assert run.status in ("ok", "partial") and run.finish_reason == "shutdown", (run.status, run.finish_reason)
    assert run.finished_at is not None


def budgetwatch(*args: str) -> subprocess.CompletedProcess[str]:
    return run_cli(*args, timeout=60)


def test_second_daemon_on_the_same_database_is_refused(site: SampleSite, tmp_path: Path, daemons: Start) -> None:
    database = f"sqlite:///{tmp_path}/bw.sqlite"
    config = write_config(tmp_path / "c.yaml", fast_config(site.base_url, database, every="every 1 hours"))
    first = daemons(config)
    pid = first.wait_event("daemon_started")[0]["pid"]
    first.wait_event("crawl_done", count=3)
    second = daemons(config)
    assert second.proc.wait(30) == 3
    (refused,) = second.events("refused")
    assert f"another budgetwatch daemon (pid {pid}" in refused["reason"] and "already running" in refused["reason"]
    status = budgetwatch("--config", str(config), "status", "--json")
    assert status.returncode == 0, status.stderr
    report = json.loads(status.stdout)
    assert report["daemon"] == {"alive": True, "pid": int(pid)}
    assert {s["name"]: s["last_run"]["status"] for s in report["sources"]} == {
        "bitgoeul-news": "ok",
        "naju-press": "ok",
        "solmoe-news": "ok",
    }
    assert first.stop() == 0
    text = budgetwatch("--config", str(config), "status").stdout
    assert text.startswith("daemon: not running") and "naju-press" in text


def test_sighup_reloads_a_valid_config_and_keeps_the_old_one_on_error(
    site: SampleSite, tmp_path: Path, daemons: Start
) -> None:
    database = f"sqlite:///{tmp_path}/bw.sqlite"
    data = fast_config(site.base_url, database, every="every 1 hours")
    all_sources = data["sources"]
    data["sources"] = [s for s in all_sources if s["name"] == "bitgoeul-news"]
    config = write_config(tmp_path / "c.yaml", data)
    daemon = daemons(config)
    daemon.wait_event("crawl_done", source="bitgoeul-news")

    data["sources"] = [{**s, "schedule": "every 1 seconds"} for s in all_sources if s["name"] == "solmoe-news"]
    write_config(config, data)
    daemon.signal(signal.SIGHUP)
    (reloaded,) = daemon.wait_event("reloaded")
    assert reloaded["added"] == "crawl:solmoe-news" and reloaded["removed"] == "crawl:bitgoeul-news"
    daemon.wait_event("crawl_done", count=2, source="solmoe-news")

    data["sources"][0]["kind"] = "ftp"
    write_config(config, data)
    daemon.signal(signal.SIGHUP)
    (rejected,) = daemon.wait_event("reload_rejected")
    assert "source 'solmoe-news'" in rejected["error"] and "field kind" in rejected["error"]
    done = len(daemon.events("crawl_done", source="solmoe-news"))
    daemon.wait_event("crawl_done", count=done + 1, source="solmoe-news")  # the old config still runs
    assert daemon.stop() == 0
    assert len(daemon.events("crawl_done", source="bitgoeul-news")) == 1


def test_daemon_command_reports_a_bad_config_with_exit_2(tmp_path: Path) -> None:
    result = budgetwatch("--config", str(tmp_path / "missing.yaml"), "daemon")
    assert result.returncode == 2
    assert "no such configuration file" in result.stderr
