"""Engines for SQLite (WAL, busy timeout, BEGIN IMMEDIATE) and PostgreSQL, and the schema upgrade."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url

SQLITE_BUSY_TIMEOUT_MS = 30_000  # a daemon and a CLI share the file; wait for the other writer


def _configure_sqlite(engine: Engine) -> None:
    """pysqlite's implicit BEGIN lets a reader fail to upgrade to a writer ("database is locked")
    even with WAL and a busy timeout; writers must take the lock at BEGIN (docs/tech-notes.md §3.2)."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None
        cursor = dbapi_conn.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE")


def escape_userinfo(url: str) -> str:
    """ "postgresql://u:p@ss@h/db": the userinfo runs to the authority's LAST @, as in a browser;
    SQLAlchemy splits at the first and takes the password's tail for the host (and prints it)."""
    scheme, sep, rest = url.partition("://")
    ends = [i for i in (rest.find("/"), rest.find("?"), rest.find("#")) if i >= 0]
    end = min(ends, default=len(rest))
    if not sep or rest[:end].count("@") < 2:
        return url
    userinfo, _, host = rest[:end].rpartition("@")
    return f"{scheme}://{userinfo.replace('@', '%40')}@{host}{rest[end:]}"


def make_engine(url: str) -> Engine:
    """An engine for ``url``; a SQLite file's directory is created if missing."""
    url = escape_userinfo(url)
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000})
        _configure_sqlite(engine)
        return engine
    return create_engine(url, pool_pre_ping=True)


def upgrade_schema(engine: Engine, revision: str = "head") -> None:
    """Bring the database to ``revision`` with Alembic (creates it on an empty database)."""
    from alembic import command
    from alembic.config import Config as AlembicConfig

    cfg = AlembicConfig()
    cfg.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
    with engine.begin() as connection:
        cfg.attributes["connection"] = connection
        command.upgrade(cfg, revision)
