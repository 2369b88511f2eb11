"""Crawl slots the elected daemon enqueued: one row per (source, slot), so none is enqueued twice."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from store.base import Base, UTCDateTime


class CrawlSlot(Base):
    """Written before the task is published: a leader that dies in between loses that slot (the
    next one crawls the source), and a leader that takes over cannot publish it again."""

    __tablename__ = "crawl_slots"
    __table_args__ = (UniqueConstraint("source_name", "slot_at", name="uq_crawl_slots_source_slot"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source_name: Mapped[str] = mapped_column(String(200))
    slot_at: Mapped[datetime] = mapped_column(UTCDateTime())
    enqueued_at: Mapped[datetime] = mapped_column(UTCDateTime())
    task_id: Mapped[str] = mapped_column(String(200))
    leader: Mapped[str] = mapped_column(Text)  # pid and host of the daemon that enqueued it
