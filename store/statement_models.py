"""Money statements: one amount read from one article version."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from store.base import Base, UTCDateTime


class Statement(Base):
    """One money amount read from one article version."""

    __tablename__ = "statements"
    __table_args__ = (
        UniqueConstraint("version_id", "amount_start", name="uq_statements_version_start"),
        Index("ix_statements_org_year", "org", "fiscal_year"),
        # the figure said last before a moment for a project and year: one index probe (issue 17)
        # the last figures of a project and year, newest said_at then newest row, in index order
        Index("ix_statements_project_year_currency_said_id", "project_id", "fiscal_year", "currency", "said_at", "id"),
        Index("ix_statements_story_value", "story_id", "value"),  # a story's figures without a join
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("article_versions.id", ondelete="CASCADE"))
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    amount_text: Mapped[str] = mapped_column(Text)
    amount_start: Mapped[int] = mapped_column(Integer)
    amount_end: Mapped[int] = mapped_column(Integer)
    value: Mapped[int] = mapped_column(BigInteger)
    currency: Mapped[str] = mapped_column(String(8))
    subject: Mapped[str | None] = mapped_column(Text)
    action: Mapped[str | None] = mapped_column(String(40))
    verb: Mapped[str | None] = mapped_column(Text)
    role: Mapped[str] = mapped_column(String(20))
    fiscal_year: Mapped[int | None] = mapped_column(Integer)
    org: Mapped[str | None] = mapped_column(Text)
    funding: Mapped[str | None] = mapped_column(Text)
    stage: Mapped[str | None] = mapped_column(Text)
    sentence: Mapped[str] = mapped_column(Text)
    project_id: Mapped[int | None] = mapped_column(ForeignKey("projects.id", ondelete="SET NULL"), index=True)
    said_at: Mapped[datetime | None] = mapped_column(UTCDateTime())  # its version's publication, else fetch
    story_id: Mapped[int | None] = mapped_column(Integer)  # its article's story
