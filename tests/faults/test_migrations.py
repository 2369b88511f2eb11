"""An older database with data in it upgrades with `budgetwatch db upgrade`, its rows intact.

For each older revision: Alembic builds the schema of that release, every table gets a row that
fits that revision's schema (inserted with SQL built from the reflected tables, parents first),
then the real CLI upgrades it, and every row is read back unchanged.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from click.testing import CliRunner
from sqlalchemy import Engine

from cli.main import cli
from store.db import make_engine, upgrade_schema
from tests.faults.conftest import write_config

VERSIONS = Path(__file__).resolve().parents[2] / "store" / "migrations" / "versions"
*OLDER, HEAD = sorted(p.name[:4] for p in VERSIONS.glob("[0-9][0-9][0-9][0-9]_*.py"))
WHEN = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)


def value_for(column: sa.Column[Any]) -> Any:
    kind = column.type
    if isinstance(kind, sa.Boolean):
        return True
    if isinstance(kind, sa.Integer):
        return 1
    if isinstance(kind, sa.Float | sa.Numeric):
        return 1.5
    if isinstance(kind, sa.DateTime):
        return WHEN
    if isinstance(kind, sa.Date):
        return date(2026, 3, 1)
    if isinstance(kind, sa.JSON):
        return ["x"]
    if isinstance(kind, sa.LargeBinary):
        return b"x"
    if isinstance(kind, sa.String | sa.Text):
        length = getattr(kind, "length", None) or 40
        return f"{column.name}-값"[:length]
    return None


def fill(engine: Engine) -> dict[str, dict[str, Any]]:
    """One row per table (id 1, so every foreign key can point at its parent's row 1)."""
    metadata = sa.MetaData()
    metadata.reflect(engine)
    rows: dict[str, dict[str, Any]] = {}
    with engine.begin() as conn:
        for table in metadata.sorted_tables:
            if table.name == "alembic_version":
                continue
            row = {c.name: value_for(c) for c in table.columns}
            row = {k: v for k, v in row.items() if v is not None}
            conn.execute(table.insert().values(**row))
            rows[table.name] = row
    return rows


def normalize(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
    if isinstance(value, str) and value.startswith(("[", "{")):
        import json

        return json.loads(value)
    return value


@pytest.mark.parametrize("revision", OLDER)
def test_older_database_upgrades_with_data_intact(database_url: str, tmp_path: Path, revision: str) -> None:
    engine = make_engine(database_url)
    upgrade_schema(engine, revision)
    rows = fill(engine)
    assert rows, "no tables at this revision"
    config = write_config(tmp_path / "c.yaml", {"database": database_url})
    result = CliRunner().invoke(cli, ["--config", str(config), "db", "upgrade"])  # the real command, in-process
    assert result.exit_code == 0, result.output
    metadata = sa.MetaData()
    metadata.reflect(engine)
    with engine.connect() as conn:
        assert conn.execute(sa.text("select version_num from alembic_version")).scalar() == HEAD
        for name, row in rows.items():
            table = metadata.tables[name]
            stored = conn.execute(sa.select(table)).mappings().all()
            assert len(stored) == 1, name
            for column, value in row.items():
                assert normalize(stored[0][column]) == normalize(value), f"{name}.{column} at {revision}"
    engine.dispose()
