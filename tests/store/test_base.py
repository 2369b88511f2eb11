"""The aware-UTC time column: every backend gives back UTC with its zone, whatever zone went in."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from store.models import Change

SEOUL = ZoneInfo("Asia/Seoul")


@pytest.mark.parametrize(
    "written",
    [
        datetime(2026, 11, 24, 7, 0, tzinfo=SEOUL),  # 2026-11-23 22:00 UTC: the date differs
        datetime(2026, 11, 23, 22, 0, tzinfo=UTC),
        datetime(2026, 11, 23, 22, 0),  # naive: taken as UTC
    ],
)
def test_times_read_back_aware_utc(engine: Engine, written: datetime) -> None:
    with Session(engine) as session, session.begin():
        session.add(Change(at=written, kind="article_new", summary="광주시 예산", detail={}))
    with Session(engine) as session:
        stored = session.scalars(select(Change.at)).one()
        latest = session.scalar(select(func.max(Change.at)))
        found = session.scalars(select(Change.id).where(Change.at >= datetime(2026, 11, 24, 6, 59, tzinfo=SEOUL)))
        assert list(found) and not list(
            session.scalars(select(Change.id).where(Change.at > datetime(2026, 11, 24, 7, 0, tzinfo=SEOUL)))
        )
    expected = datetime(2026, 11, 23, 22, 0, tzinfo=UTC)
    for value in (stored, latest):
        assert value == expected and value.utcoffset() is not None and value.tzinfo == UTC
