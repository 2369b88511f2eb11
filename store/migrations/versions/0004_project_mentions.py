"""project mentions

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25 16:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "project_mentions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("timing", sa.Text(), nullable=True),
        sa.Column("year", sa.Integer(), nullable=True),
        sa.Column("span_start", sa.Integer(), nullable=False),
        sa.Column("span_end", sa.Integer(), nullable=False),
        sa.Column("sentence", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["article_id"], ["articles.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["version_id"], ["article_versions.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("version_id", "span_start", name="uq_project_mentions_version_start"),
    )
    with op.batch_alter_table("project_mentions", schema=None) as batch_op:
        batch_op.create_index("ix_project_mentions_article_id", ["article_id"], unique=False)
        batch_op.create_index("ix_project_mentions_name", ["name"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("project_mentions", schema=None) as batch_op:
        batch_op.drop_index("ix_project_mentions_name")
        batch_op.drop_index("ix_project_mentions_article_id")
    op.drop_table("project_mentions")
