"""Project mentions read from an article version: a named project, what is done to it, and when."""

from __future__ import annotations

from sqlalchemy import ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from store.base import Base


class ProjectMention(Base):
    """One project named with an action ("도시철도 2호선 건설", "내년 4월 시운전"), amount or not."""

    __tablename__ = "project_mentions"
    __table_args__ = (
        UniqueConstraint("version_id", "span_start", name="uq_project_mentions_version_start"),
        Index("ix_project_mentions_name", "name"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("article_versions.id", ondelete="CASCADE"))
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(Text)
    action: Mapped[str] = mapped_column(String(40))
    timing: Mapped[str | None] = mapped_column(Text)
    year: Mapped[int | None] = mapped_column(Integer)
    span_start: Mapped[int] = mapped_column(Integer)
    span_end: Mapped[int] = mapped_column(Integer)
    sentence: Mapped[str] = mapped_column(Text)
