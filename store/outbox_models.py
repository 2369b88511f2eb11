"""The digest outbox: one row per digest period and recipient, its frozen message and delivery state."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from store.base import Base, UTCDateTime


class DigestOutbox(Base):
    """A digest for one recipient. The message is rendered once when the row is created, so a
    retry after a restart sends exactly what was built; ``generation`` changes only on --resend
    (and with it the Message-ID, so a deliberate resend is not dropped as a duplicate)."""

    __tablename__ = "digest_outbox"
    __table_args__ = (
        UniqueConstraint("period_key", "recipient", name="uq_digest_outbox_period_recipient"),
        Index("ix_digest_outbox_status_next", "status", "next_attempt_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    period_key: Mapped[str] = mapped_column(String(40))  # the period's end in UTC, "2026-11-24T22:00Z"
    period_start: Mapped[datetime] = mapped_column(UTCDateTime())
    period_end: Mapped[datetime] = mapped_column(UTCDateTime())
    recipient: Mapped[str] = mapped_column(String(320))
    generation: Mapped[int] = mapped_column(Integer, default=0)
    message_id: Mapped[str] = mapped_column(String(200))
    subject: Mapped[str] = mapped_column(Text)
    body_text: Mapped[str] = mapped_column(Text)
    body_html: Mapped[str] = mapped_column(Text)
    body_csv: Mapped[str | None] = mapped_column(Text)  # the figures attachment, when there are figures
    item_count: Mapped[int] = mapped_column(Integer, default=0)
    # pending | sending | sent | failed | skipped (an empty period with send_empty: none)
    status: Mapped[str] = mapped_column(String(20))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime())
    lease_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
