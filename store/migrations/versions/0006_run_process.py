"""crawl runs record their process (host, pid, start time)

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-29 04:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('crawl_runs') as batch:
        batch.add_column(sa.Column('host', sa.String(length=255), nullable=True))
        batch.add_column(sa.Column('pid', sa.Integer(), nullable=True))
        batch.add_column(sa.Column('process_started', sa.String(length=64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('crawl_runs') as batch:
        batch.drop_column('process_started')
        batch.drop_column('pid')
        batch.drop_column('host')
