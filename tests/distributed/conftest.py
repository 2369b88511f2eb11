"""Real PostgreSQL, a real broker (RabbitMQ, else Redis) and real worker/daemon subprocesses."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from kombu import Connection
from sqlalchemy import create_engine, text

from store.db import make_engine, upgrade_schema
from tests.conftest import PG_URL
from tests.daemon.conftest import ROOT, Line, parse_line

BROKERS = (
    os.environ.get("BUDGETWATCH_TEST_BROKER", "amqp://guest:guest@127.0.0.1:5672//"),
    "redis://127.0.0.1:6379/0",
)


def _unreachable(reason: str) -> None:
    if os.environ.get("BUDGETWATCH_REQUIRE_PG"):
        pytest.fail(reason)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def broker_url() -> str:
    errors = []
    for url in BROKERS:
        try:
            with Connection(url, connect_timeout=2) as conn:
                conn.ensure_connection(max_retries=1)
            return url
        except Exception as exc:
            errors.append(f"{url}: {type(exc).__name__}")
    _unreachable("NO BROKER REACHABLE, distributed tests not run: " + "; ".join(errors))
    raise AssertionError("unreachable")


@pytest.fixture
def queue(broker_url: str) -> Iterator[str]:
    """A queue of this test's own (other sessions may share the broker); deleted afterwards."""
    name = f"bw-test-{uuid.uuid4().hex[:10]}"
    yield name
    with Connection(broker_url) as conn:
        try:
            conn.default_channel.queue_delete(name)
        except Exception:  # never declared (the test failed before), nothing to clean
            pass


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A fresh PostgreSQL schema at the newest revision, dropped afterwards."""
    try:
        admin = create_engine(PG_URL)
        with admin.begin() as conn:
            schema = f"bw_dist_{uuid.uuid4().hex[:10]}"
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    except Exception as exc:
        _unreachable(f"PostgreSQL at {PG_URL} is not reachable ({type(exc).__name__})")
    url = f"{PG_URL}{'&' if '?' in PG_URL else '?'}options=-csearch_path%3D{schema}"
    engine = make_engine(url)
    upgrade_schema(engine)
    engine.dispose()
    yield url
    with admin.begin() as conn:
        conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


class LoggedProcess:
    """A subprocess whose logfmt stderr lines can be awaited."""

    def __init__(self, argv: list[str]) -> None:
        self.proc = subprocess.Popen(
            argv, cwd=ROOT, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True, start_new_session=True
        )
        self.lines: list[Line] = []
        self.raw: list[str] = []
        self.changed = threading.Condition()
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        assert self.proc.stderr is not None
        for raw in self.proc.stderr:
            with self.changed:
                self.raw.append(raw.rstrip("\n"))
                try:
                    self.lines.append(parse_line(raw))
                except ValueError:
                    self.lines.append({"raw": raw})
                self.changed.notify_all()

    def events(self, name: str, **match: str) -> list[Line]:
        with self.changed:
            return [
                ln for ln in self.lines if ln.get("event") == name and all(ln.get(k) == v for k, v in match.items())
            ]

    def wait_for(self, test: Callable[[], bool], timeout: float) -> None:
        deadline = time.monotonic() + timeout
        with self.changed:
            while not test():
                left = deadline - time.monotonic()
                if left <= 0 or (self.proc.poll() is not None and not self.reader.is_alive()):
                    raise AssertionError("process did not get there; its log:\n" + self.log())
                self.changed.wait(min(left, 0.2))

    def wait_event(self, name: str, count: int = 1, timeout: float = 60.0, **match: str) -> list[Line]:
        self.wait_for(lambda: len(self.events(name, **match)) >= count, timeout)
        return self.events(name, **match)

    def log(self) -> str:
        return "\n".join(self.raw[-200:])


Start = Callable[[list[str]], LoggedProcess]


@pytest.fixture
def processes() -> Iterator[Start]:
    """Start subprocesses (each its own session); whatever is left is killed with its children."""
    started: list[LoggedProcess] = []

    def start(args: list[str]) -> LoggedProcess:
        process = LoggedProcess([sys.executable, *args])
        started.append(process)
        return process

    yield start
    for process in started:
        if process.proc.poll() is None:
            process.proc.terminate()
    for process in started:
        try:
            process.proc.wait(30)
        except subprocess.TimeoutExpired:
            process.proc.kill()
            process.proc.wait(10)


def worker_args(config: Path, broker: str, queue: str, concurrency: int) -> list[str]:
    return ["-m", "cli.main", "--config", str(config), "worker", "--concurrency", str(concurrency),
            "--broker", broker, "--queue", queue]  # fmt: skip
