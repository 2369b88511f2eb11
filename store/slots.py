"""Claim a source's crawl slot before it is enqueued, and read the latest slot per source."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import Engine, func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from store.distributed_models import CrawlSlot


def claim_slot(engine: Engine, source: str, slot: datetime, task_id: str, leader: str, now: datetime) -> bool:
    """True if this call recorded the slot; False if it was already claimed (by any leader)."""
    insert = postgresql.insert if engine.dialect.name == "postgresql" else sqlite.insert
    statement = (
        insert(CrawlSlot)
        .values(source_name=source, slot_at=slot, enqueued_at=now, task_id=task_id, leader=leader)
        .on_conflict_do_nothing(index_elements=["source_name", "slot_at"])
        .returning(CrawlSlot.id)
    )
    with Session(engine) as session, session.begin():
        return session.execute(statement).scalar() is not None


def last_slots(engine: Engine, sources: Sequence[str]) -> dict[str, datetime]:
    """The latest claimed slot of each source that has one."""
    query = (
        select(CrawlSlot.source_name, func.max(CrawlSlot.slot_at))
        .where(CrawlSlot.source_name.in_(sources))
        .group_by(CrawlSlot.source_name)
    )
    with Session(engine) as session:
        return {name: at for name, at in session.execute(query)}
