"""Projects of an organization and the names that resolved to them."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from store.base import Base, UTCDateTime


class Project(Base):
    """A project, programme, line item or whole budget of one organization."""

    __tablename__ = "projects"
    __table_args__ = (UniqueConstraint("org_key", "key", name="uq_projects_org_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    org_key: Mapped[str] = mapped_column(String(200))
    org: Mapped[str] = mapped_column(Text)
    key: Mapped[str] = mapped_column(String(400))
    name: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(20))  # budget | supplementary | project
    merged_into: Mapped[int | None] = mapped_column(ForeignKey("projects.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class ProjectAlias(Base):
    """A name that resolved to a project, and why (the explanation the CLI shows)."""

    __tablename__ = "project_aliases"
    __table_args__ = (UniqueConstraint("project_id", "name", name="uq_aliases_project_name"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
