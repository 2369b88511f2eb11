"""Real PostgreSQL, a real broker (RabbitMQ, else Redis) and real worker/daemon subprocesses."""

from __future__ import annotations

import os
import subprocess
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from kombu import Connection
from sqlalchemy import create_engine, text

from store.db import make_engine, upgrade_schema
from tests.conftest import PG_URL
from tests.scheduling.conftest import LoggedProcess

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


Start = Callable[[list[str]], LoggedProcess]


@pytest.fixture
def processes() -> Iterator[Start]:
    """Start subprocesses (each its own session); whatever is left is killed with its children."""
    started: list[LoggedProcess] = []

    def start(args: list[str]) -> LoggedProcess:
        process = LoggedProcess(args, new_session=True, default_timeout=60.0)
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
