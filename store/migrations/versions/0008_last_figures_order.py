"""the last-figures index ends in the statement id, so "newest said_at, then newest row" is read in
index order on PostgreSQL too (SQLite's indexes end in the rowid already): figures sharing one
said_at cost nothing however many they are

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-29 09:00:00.000000
"""

from __future__ import annotations

from alembic import op


revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index('ix_statements_project_year_currency_said_id', 'statements',
                    ['project_id', 'fiscal_year', 'currency', 'said_at', 'id'])
    op.drop_index('ix_statements_project_year_currency_said', table_name='statements')


def downgrade() -> None:
    op.create_index('ix_statements_project_year_currency_said', 'statements',
                    ['project_id', 'fiscal_year', 'currency', 'said_at'])
    op.drop_index('ix_statements_project_year_currency_said_id', table_name='statements')
