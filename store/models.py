"""SQLAlchemy 2 typed models: sources, articles and their versions, statements, crawl runs.

History is appended, never overwritten: an article keeps every version; a crawl run is a row.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    JSON,
    BigInteger,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class Source(Base):
    __tablename__ = "sources"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    org: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(20))
    url: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class Article(Base):
    __tablename__ = "articles"
    __table_args__ = (
        UniqueConstraint("source_id", "url_key", name="uq_articles_source_url"),
        Index("ix_articles_source_first_seen", "source_id", "first_seen_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id", ondelete="CASCADE"))
    url_key: Mapped[str] = mapped_column(String(2000))
    url: Mapped[str] = mapped_column(Text)
    title: Mapped[str] = mapped_column(Text)
    published_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    content_hash: Mapped[str] = mapped_column(String(64))
    current_version: Mapped[int] = mapped_column(Integer, default=1)
    etag: Mapped[str | None] = mapped_column(Text)
    last_modified: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20), default="ok")  # ok | removed
    removed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # Near-duplicates share a story: the id of the story's first article (itself when unique).
    story_id: Mapped[int | None] = mapped_column(Integer, index=True)
    story_reason: Mapped[str | None] = mapped_column(Text)
    first_seen_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    last_fetched_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    last_changed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))

    versions: Mapped[list[ArticleVersion]] = relationship(back_populates="article", order_by="ArticleVersion.version")


class ArticleVersion(Base):
    __tablename__ = "article_versions"
    __table_args__ = (UniqueConstraint("article_id", "version", name="uq_versions_article_version"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    version: Mapped[int] = mapped_column(Integer)
    content_hash: Mapped[str] = mapped_column(String(64))
    title: Mapped[str] = mapped_column(Text)
    body: Mapped[str] = mapped_column(Text)
    published_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    author: Mapped[str | None] = mapped_column(Text)
    department: Mapped[str | None] = mapped_column(Text)
    lang: Mapped[str | None] = mapped_column(String(20))
    encoding: Mapped[str | None] = mapped_column(String(40))
    fetched_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    crawl_run_id: Mapped[int | None] = mapped_column(ForeignKey("crawl_runs.id", ondelete="SET NULL"))

    article: Mapped[Article] = relationship(back_populates="versions")


class Statement(Base):
    """One money amount read from one article version."""

    __tablename__ = "statements"
    __table_args__ = (
        UniqueConstraint("version_id", "amount_start", name="uq_statements_version_start"),
        Index("ix_statements_org_year", "org", "fiscal_year"),
        # the figure said last before a moment for a project and year: one index probe (issue 17)
        Index("ix_statements_project_year_currency_said", "project_id", "fiscal_year", "currency", "said_at"),
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
    said_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))  # its version's publication, else fetch
    story_id: Mapped[int | None] = mapped_column(Integer)  # its article's story


class CrawlRun(Base):
    __tablename__ = "crawl_runs"
    __table_args__ = (Index("ix_crawl_runs_source_started", "source_id", "started_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id", ondelete="CASCADE"))
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    status: Mapped[str] = mapped_column(String(20))  # running | ok | failed | interrupted
    finish_reason: Mapped[str | None] = mapped_column(String(100))
    pages: Mapped[int] = mapped_column(Integer, default=0)
    new_items: Mapped[int] = mapped_column(Integer, default=0)
    changed_items: Mapped[int] = mapped_column(Integer, default=0)
    unchanged_items: Mapped[int] = mapped_column(Integer, default=0)
    skipped_known: Mapped[int] = mapped_column(Integer, default=0)
    removed_items: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    error_count: Mapped[int] = mapped_column(Integer, default=0)
    errors: Mapped[list[str]] = mapped_column(JSON, default=list)
    # The process that runs the crawl, so only a dead process's run is closed as interrupted.
    host: Mapped[str | None] = mapped_column(String(255))
    pid: Mapped[int | None] = mapped_column(Integer)
    process_started: Mapped[str | None] = mapped_column(String(64))  # see store/process.py


class SimilarityBand(Base):
    """MinHash LSH bands of an article's body: articles sharing a band are duplicate candidates."""

    __tablename__ = "similarity_bands"
    __table_args__ = (UniqueConstraint("band_key", "article_id", name="uq_bands_key_article"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    band_key: Mapped[str] = mapped_column(String(40), index=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)


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
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class ProjectAlias(Base):
    """A name that resolved to a project, and why (the explanation the CLI shows)."""

    __tablename__ = "project_aliases"
    __table_args__ = (UniqueConstraint("project_id", "name", name="uq_aliases_project_name"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class Change(Base):
    """One change event: what the digest and the daemon read. Appended, never updated."""

    __tablename__ = "changes"
    __table_args__ = (Index("ix_changes_at", "at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    # article_new | article_revised | article_removed | statement_new | amount_changed | project_new
    kind: Mapped[str] = mapped_column(String(30))
    source_id: Mapped[int | None] = mapped_column(ForeignKey("sources.id", ondelete="CASCADE"))
    article_id: Mapped[int | None] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    version_id: Mapped[int | None] = mapped_column(ForeignKey("article_versions.id", ondelete="CASCADE"))
    statement_id: Mapped[int | None] = mapped_column(ForeignKey("statements.id", ondelete="CASCADE"))
    project_id: Mapped[int | None] = mapped_column(ForeignKey("projects.id", ondelete="SET NULL"), index=True)
    org: Mapped[str | None] = mapped_column(Text)
    summary: Mapped[str] = mapped_column(Text)
    detail: Mapped[dict[str, object]] = mapped_column(JSON, default=dict)


# Tables of later features live in their own modules; importing them here puts them on Base.metadata,
# which Alembic's env.py compares against (kept last: those modules import Base from this one).
from store import (  # noqa: E402,F401,I001
    distributed_models,  # the distributed mode's enqueued slots (issue 8)
    mention_models,  # project mentions without amounts (issue 3)
    outbox_models,  # the digest outbox (issue 7)
)
