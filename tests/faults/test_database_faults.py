"""Database faults: another writer holding the SQLite lock, PostgreSQL dropping our connections,
and a database password that must never show in what budgetwatch prints or records."""

from __future__ import annotations

import sqlite3
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import create_engine, select, text
from sqlalchemy.orm import Session

from config.schema import SourceConfig
from crawler.known import source_rows
from store.db import make_engine, upgrade_schema
from store.models import CrawlRun
from store.runs import start_run, sync_sources
from tests.faults.conftest import budgetwatch, write_config
from tests.faults.server import FaultServer, page, rss

NOW = datetime(2026, 3, 1, tzinfo=UTC)
SOURCE = SourceConfig(name="s", org="o", kind="rss", url="https://a.go.kr/rss")


def test_locked_sqlite_database_is_waited_for_not_fatal(tmp_path: Path) -> None:
    """A second process-like connection holds BEGIN IMMEDIATE for 2 s; our write waits and succeeds."""
    path = tmp_path / "bw.sqlite"
    engine = make_engine(f"sqlite:///{path}")
    upgrade_schema(engine)
    holder = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")
    holder.execute("UPDATE alembic_version SET version_num = version_num")
    release = threading.Timer(2.0, lambda: holder.execute("COMMIT"))
    release.start()
    started = time.monotonic()
    try:
        ids = sync_sources(engine, source_rows([SOURCE]), NOW)
        run_id = start_run(engine, ids["s"], NOW)
    finally:
        release.join()
        holder.close()
    assert time.monotonic() - started >= 1.5  # it really waited for the other writer
    with Session(engine) as session:
        assert session.get(CrawlRun, run_id) is not None
    engine.dispose()


def test_postgresql_connections_killed_then_next_job_reconnects(pg_schema_url: str) -> None:
    """What a PostgreSQL restart does to a long-lived process: its pooled connections die. The
    daemon's engine (pool_pre_ping) must hand the next job a fresh connection."""
    url = f"{pg_schema_url}&application_name=bw_fault_restart"
    engine = make_engine(url)
    upgrade_schema(engine)
    sync_sources(engine, source_rows([SOURCE]), NOW)  # the pool now holds a connection
    admin = create_engine(pg_schema_url)
    with admin.begin() as conn:
        killed = conn.execute(
            text("select count(pg_terminate_backend(pid)) from pg_stat_activity where application_name = :a"),
            {"a": "bw_fault_restart"},
        ).scalar()
    admin.dispose()
    assert killed and killed >= 1
    ids = sync_sources(engine, source_rows([SOURCE]), NOW)  # the next job: no OperationalError
    assert start_run(engine, ids["s"], NOW) > 0
    engine.dispose()


def test_database_password_never_printed_or_recorded(pg_schema_url: str, tmp_path: Path) -> None:
    secret = "s3cret-Pa55"
    url = pg_schema_url.replace("postgres@", f"postgres:{secret}@", 1)
    assert secret in url
    with FaultServer() as server:
        server.route("/feed.xml", page(rss([(f"{server.base_url}/gone.html", "gone")]), "application/rss+xml"))
        source = {"name": "pw", "org": "o", "kind": "rss", "url": f"{server.base_url}/feed.xml",
                  "allow_private": True, "delay": 0, "timeout": 1}  # fmt: skip
        config = write_config(tmp_path / "c.yaml", {"database": url, "sources": [source]})
        crawl = budgetwatch("--config", str(config), "crawl")
        status = budgetwatch("--config", str(config), "status")
        upgrade = budgetwatch("--config", str(config), "db", "upgrade")
        bad = write_config(tmp_path / "bad.yaml", {"database": url.replace("127.0.0.1:5432", "127.0.0.1:1"),
                                                   "sources": [source]})  # fmt: skip
        unreachable = budgetwatch("--config", str(bad), "crawl")
    assert "partial" in crawl.stdout, crawl.stdout + crawl.stderr  # gone.html: HTTP 404 recorded
    assert unreachable.returncode == 2
    for result in (crawl, status, upgrade, unreachable):
        assert secret not in result.stdout + result.stderr
    engine = make_engine(pg_schema_url)
    with Session(engine) as session:
        errors = [e for run in session.scalars(select(CrawlRun)) for e in run.errors]
    engine.dispose()
    assert errors and not any(secret in e for e in errors)


@pytest.mark.parametrize("level", ["DEBUG"])
def test_daemon_survives_postgresql_dropping_its_connections_and_hides_the_password(
    pg_schema_url: str, tmp_path: Path, level: str
) -> None:
    from tests.scheduling.conftest import DaemonProcess

    secret = "s3cret-Daemon"
    url = pg_schema_url.replace("postgres@", f"postgres:{secret}@", 1) + "&application_name=bw_fault_daemon"
    with FaultServer() as server:
        server.route("/feed.xml", page(rss([]), "application/rss+xml"))
        source = {"name": "pwd", "org": "o", "kind": "rss", "url": f"{server.base_url}/feed.xml",
                  "allow_private": True, "delay": 0, "timeout": 1, "schedule": "every 1 seconds"}  # fmt: skip
        config = write_config(tmp_path / "c.yaml", {"database": url, "sources": [source]})
        daemon = DaemonProcess(config, "--log-level", level)
        try:
            daemon.wait_event("crawl_done", count=1, timeout=40)
            # a PostgreSQL restart, as the daemon sees it: every connection of its own is killed
            admin = create_engine(pg_schema_url)
            with admin.begin() as conn:
                killed = conn.execute(
                    text("select count(pg_terminate_backend(pid)) from pg_stat_activity where application_name = :a"),
                    {"a": "bw_fault_daemon"},
                ).scalar()
            admin.dispose()
            seen = len(daemon.events("crawl_done"))
            daemon.wait_event("crawl_done", count=seen + 2, timeout=40)  # the next jobs reconnect
            assert daemon.proc.poll() is None
        finally:
            import signal

            daemon.signal(signal.SIGTERM)
            daemon.proc.wait(timeout=30)
            daemon.reader.join(timeout=5)
    assert killed and killed >= 1
    assert daemon.raw and not any(secret in line for line in daemon.raw)
