"""Shared fixtures: a database on SQLite and on the real PostgreSQL test server."""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url

from store.db import make_engine, upgrade_schema

PG_URL = os.environ.get("BUDGETWATCH_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


def _pg_reachable() -> str | None:
    try:
        engine = create_engine(PG_URL)
        with engine.connect() as conn:
            conn.execute(text("select 1"))
        engine.dispose()
        return None
    except Exception as exc:
        return f"PostgreSQL at {PG_URL} is not reachable ({type(exc).__name__}); start it or set BUDGETWATCH_TEST_PG"


@pytest.fixture(scope="session")
def pg_schema_url() -> Iterator[str]:
    """A private schema on the PostgreSQL test server for this test session."""
    reason = _pg_reachable()
    if reason:
        if os.environ.get("BUDGETWATCH_REQUIRE_PG"):
            pytest.fail(reason)
        pytest.skip(reason)
    schema = f"bw_test_{uuid.uuid4().hex[:10]}"
    admin = create_engine(PG_URL)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    separator = "&" if "?" in PG_URL else "?"
    yield f"{PG_URL}{separator}options=-csearch_path%3D{schema}"
    with admin.begin() as conn:
        conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


def _reset_pg(url: str) -> None:
    engine = create_engine(url)
    with engine.begin() as conn:
        tables = conn.execute(text("select tablename from pg_tables where schemaname = current_schema()")).scalars()
        for table in list(tables):
            conn.execute(text(f'DROP TABLE IF EXISTS "{table}" CASCADE'))
    engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: os.PathLike[str]) -> str:
    """An empty database URL, once per backend."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path}/test.sqlite"
    url: str = request.getfixturevalue("pg_schema_url")
    _reset_pg(url)
    return url


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file that Alembic brought to the newest schema once per session (per xdist worker)."""
    path = tmp_path_factory.mktemp("template") / "head.sqlite"
    eng = make_engine(f"sqlite:///{path}")
    upgrade_schema(eng)
    eng.dispose()  # the last connection checkpoints the WAL into the file and removes it
    return path


@pytest.fixture
def engine(database_url: str, request: pytest.FixtureRequest) -> Iterator[Engine]:
    """An engine on an empty database at the newest schema: on SQLite a copy of the migrated
    template, on PostgreSQL upgraded by Alembic here (the path from each older revision is
    tests/faults/test_migrations.py's)."""
    url = make_url(database_url)
    if url.get_backend_name() == "sqlite" and url.database and not Path(url.database).exists():
        shutil.copyfile(request.getfixturevalue("sqlite_template"), url.database)
    eng = make_engine(database_url)
    upgrade_schema(eng)  # a no-op on the copy: Alembic finds it at head
    yield eng
    eng.dispose()


# The slowest modules (`pytest --durations`, 2026-11-29), run first: `make test` hands whole modules
# to its xdist workers (--dist loadscope) in collection order, and one of these started last would
# keep the others waiting. The rest keep pytest's order. The fault site's crawls come first, beside
# daemons that mostly wait: their pages time out after 1 s, and CPU-bound neighbours (the 40-source
# workers test, the 9 MB pages of the memory test) on a loaded machine made good pages miss it.
# The memory tests' 9 MB crawls (~40 s each alone, the longest) are two modules, so that two
# workers take them side by side. The last two (storing two pages of 600 figures on both
# backends, ~14 CPU-s; trafilatura's reading of real pages) ran last in pytest's order and
# ended the run alone (two full runs, 2026-11-29).
SLOW_MODULES = (
    "tests/faults/test_crawl_faults.py",
    "tests/scheduling/test_daemon_run.py",
    "tests/scheduling/test_daemon_digest.py",
    "tests/faults/test_crawl_memory.py",
    "tests/faults/test_crawl_memory_pool.py",
    "tests/workers/test_workers.py",
    "tests/cli/test_commands.py",
    "tests/cli/test_crawl_health.py",
    "tests/crawler/test_crawl_local.py",
    "tests/changes/test_site_versions.py",
    "tests/faults/test_disk_full.py",
    "tests/crawler/test_crash_batches.py",
    "tests/cli/test_interrupted_runs.py",
    "tests/workers/test_zygote.py",
    "tests/demo/test_demo_cmd.py",
    "tests/workers/test_leader.py",
    "tests/store/test_story_figures.py",
    "tests/extract/article/test_parse.py",
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    def rank(item: pytest.Item) -> int:
        module = item.nodeid.split("::")[0]
        return SLOW_MODULES.index(module) if module in SLOW_MODULES else len(SLOW_MODULES)

    items.sort(key=rank)
