"""Migration 0003 (the digest outbox) upgrades and downgrades on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config as AlembicConfig
from sqlalchemy import inspect

from store.db import make_engine, upgrade_schema

MIGRATIONS = Path(__file__).resolve().parents[2] / "store" / "migrations"


def downgrade(url: str, revision: str) -> None:
    engine = make_engine(url)
    cfg = AlembicConfig()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        cfg.attributes["connection"] = connection
        command.downgrade(cfg, revision)
    engine.dispose()


def outbox_shape(url: str) -> tuple[bool, set[str], set[str]]:
    engine = make_engine(url)
    try:
        found = inspect(engine)
        if "digest_outbox" not in found.get_table_names():
            return False, set(), set()
        uniques = {str(u["name"]) for u in found.get_unique_constraints("digest_outbox")}
        indexes = {str(i["name"]) for i in found.get_indexes("digest_outbox")}
        return True, uniques, indexes
    finally:
        engine.dispose()


def test_upgrade_downgrade_upgrade(database_url: str) -> None:
    engine = make_engine(database_url)
    upgrade_schema(engine, "0002")
    assert outbox_shape(database_url)[0] is False
    upgrade_schema(engine, "head")
    engine.dispose()
    exists, uniques, indexes = outbox_shape(database_url)
    assert exists and uniques == {"uq_digest_outbox_period_recipient"}
    assert "ix_digest_outbox_status_next" in indexes  # PostgreSQL lists the unique constraint's index too
    downgrade(database_url, "0002")
    assert outbox_shape(database_url)[0] is False
    engine = make_engine(database_url)
    upgrade_schema(engine)
    engine.dispose()
    assert outbox_shape(database_url)[0] is True
