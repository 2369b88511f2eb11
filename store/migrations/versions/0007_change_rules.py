"""statements.said_at and story_id with their indexes: the amount comparison, the same-figure
story check and a story's figures read a few indexed rows whatever is stored

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-29 04:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('statements') as batch:
        batch.add_column(sa.Column('said_at', sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column('story_id', sa.Integer(), nullable=True))
    op.execute(
        "UPDATE statements SET said_at = (SELECT COALESCE(v.published_at, v.fetched_at) FROM article_versions v "
        "WHERE v.id = statements.version_id)"
    )
    op.execute(
        "UPDATE statements SET story_id = (SELECT COALESCE(a.story_id, a.id) FROM articles a "
        "WHERE a.id = statements.article_id)"
    )
    op.create_index('ix_statements_project_year_currency_said', 'statements',
                    ['project_id', 'fiscal_year', 'currency', 'said_at'])
    op.create_index('ix_statements_story_value', 'statements', ['story_id', 'value'])
    with op.batch_alter_table('digest_outbox') as batch:
        batch.add_column(sa.Column('body_csv', sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('digest_outbox') as batch:
        batch.drop_column('body_csv')
    op.drop_index('ix_statements_story_value', table_name='statements')
    op.drop_index('ix_statements_project_year_currency_said', table_name='statements')
    with op.batch_alter_table('statements') as batch:
        batch.drop_column('story_id')
        batch.drop_column('said_at')
