"""Shared fixtures: a database on SQLite and on the real PostgreSQL test server."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, create_engine, text

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


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    """An engine on an empty database at the newest schema."""
    eng = make_engine(database_url)
    upgrade_schema(eng)
    yield eng
    eng.dispose()
