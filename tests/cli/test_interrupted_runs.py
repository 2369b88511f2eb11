"""A killed `budgetwatch crawl` leaves no run "running" forever; a live one is never closed."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from config.schema import SourceConfig
from store.db import make_engine
from store.models import CrawlRun
from store.process import is_dead, start_token, this_process
from store.runs import close_dead_runs, start_run, sync_sources
from tests.cli.conftest import budgetwatch, write_config
from tests.forked_process import spawn
from tests.scheduling.conftest import DaemonProcess


class _Stall(BaseHTTPRequestHandler):
    """Answers nothing for a long time: the crawl stays in progress until the test kills it."""

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        if self.path == "/robots.txt":
            self.send_response(404)
            self.end_headers()
            return
        time.sleep(30)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        pass


@pytest.fixture
def stalling_site() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Stall)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def runs(database: str) -> list[CrawlRun]:
    engine = make_engine(database)
    try:
        with Session(engine) as session:
            return list(session.scalars(select(CrawlRun).order_by(CrawlRun.id)))
    finally:
        engine.dispose()


def wait_for(test: Any, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not test():
        if time.monotonic() > deadline:
            raise AssertionError("timed out")
        time.sleep(0.2)


def test_kill_9_of_a_cli_crawl_is_closed_by_the_next_command_a_live_one_is_not(
    stalling_site: str, tmp_path: Path, database_url: str
) -> None:
    data = {"database": database_url, "sources": [{
        "name": "slow", "org": "나주시", "kind": "rss", "url": f"{stalling_site}/feed.xml", "allow_private": True,
        "enabled": False,  # crawled by name below; the daemon started beside it has nothing to do
    }]}  # fmt: skip
    config = write_config(tmp_path / "bw.yaml", data)
    env = {k: v for k, v in os.environ.items() if k != "BUDGETWATCH_DB"}
    assert budgetwatch("--config", str(config), "db", "upgrade").returncode == 0
    crawl = spawn(["-m", "cli.main", "--config", str(config), "crawl", "slow"], env=env, pipe=None)
    try:
        wait_for(lambda: any(r.status == "running" for r in runs(database_url)))
        (run,) = runs(database_url)
        assert (run.pid, run.host) == (crawl.pid, this_process().host)
        # Any command opens the database; the crawl is alive, so its run must stay "running".
        alive = json.loads(budgetwatch("--config", str(config), "status", "--json").stdout)["sources"][0]
        assert alive["running"] is True and alive["last_run"] is None
        assert runs(database_url)[0].status == "running"
        # Nor does a daemon that starts on the same database while the CLI crawl runs.
        daemon = DaemonProcess(config, "--grace", "1")
        try:
            (started,) = daemon.wait_event("daemon_started", timeout=90)
            assert started["interrupted_runs"] == "0"
        finally:
            assert daemon.stop(timeout=60) == 0
        assert runs(database_url)[0].status == "running"
        crawl.send_signal(signal.SIGKILL)
        crawl.wait(timeout=30)
    finally:
        if crawl.poll() is None:
            crawl.kill()
            crawl.wait()
    shown = budgetwatch("--config", str(config), "status", "--json")
    after = json.loads(shown.stdout)["sources"][0]
    assert after["running"] is False
    assert after["last_run"]["status"] == "interrupted"
    assert "crawling now" not in budgetwatch("--config", str(config), "status").stdout
    (closed,) = runs(database_url)
    assert (closed.status, closed.finish_reason) == ("interrupted", "process died")


def _running_row(engine: Engine, pid: int, started: str | None, host: str | None = None) -> int:
    source = SourceConfig.model_validate({"name": "s", "org": "o", "kind": "rss", "url": "http://e.org/f"})
    ids = sync_sources(engine, [source], datetime.now(UTC))
    run_id = start_run(engine, ids["s"], datetime.now(UTC))
    with Session(engine) as session, session.begin():
        row = session.get_one(CrawlRun, run_id)
        row.pid, row.process_started = pid, started
        if host is not None:
            row.host = host
    return run_id


def _status(engine: Engine, run_id: int) -> str:
    with Session(engine) as session:
        return session.get_one(CrawlRun, run_id).status


def test_only_runs_of_dead_processes_on_this_host_are_closed(engine: Engine) -> None:
    """What a daemon's start and every command do: a live process's run survives, a dead one's is
    closed, a reused pid (same number, another start time) counts as dead, other hosts are left."""
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        live = _running_row(engine, sleeper.pid, start_token(sleeper.pid))
        reused = _running_row(engine, sleeper.pid, "another-boot:12345")
        elsewhere = _running_row(engine, 999_999_999, None, host="other-host.example")
        mine = _running_row(engine, os.getpid(), start_token(os.getpid()))
        assert close_dead_runs(engine, datetime.now(UTC)) == 1
        assert [_status(engine, r) for r in (live, reused, elsewhere, mine)] == [
            "running", "interrupted", "running", "running",
        ]  # fmt: skip
        sleeper.kill()
        sleeper.wait()
        assert close_dead_runs(engine, datetime.now(UTC)) == 1
        assert _status(engine, live) == "interrupted"
    finally:
        if sleeper.poll() is None:
            sleeper.kill()
            sleeper.wait()


def test_is_dead_needs_proof() -> None:
    me = this_process()
    assert not is_dead(me.host, me.pid, me.started)
    assert not is_dead(None, me.pid, me.started)  # rows written before runs recorded their process
    assert not is_dead("other-host.example", 1, None)
    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    assert is_dead(me.host, int(done.stdout), None)
