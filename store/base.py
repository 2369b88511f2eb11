"""The declarative base every table module registers on, and the aware-UTC time column type.

Kept apart from the models so table modules import it, never each other's aggregator."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import DateTime
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase
from sqlalchemy.types import TypeDecorator


class UTCDateTime(TypeDecorator[datetime]):
    """A time stored and read back as aware UTC on every backend.

    SQLite keeps no offset and gives naive values back, so mixed zones would compare wrong; this
    type converts on the way in (a naive value is taken as UTC) and tags on the way out, so no
    caller fixes times after a read."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> datetime | None:
        return None if value is None else to_utc(value)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        return None if value is None else to_utc(value)


def to_utc(value: datetime) -> datetime:
    """``value`` in UTC; a naive value is UTC (what SQLite gives back)."""
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    type_annotation_map = {datetime: UTCDateTime}
