"""Platform statistics keep closed days too: a range that cuts a month, and the current
month up to yesterday, read kept figures instead of counting the rows

Revision ID: 0020_platform_days
Revises: 0019_agreement_proxy
Create Date: 2026-12-05 13:10:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision: str = '0020_platform_days'
down_revision: str | None = '0019_agreement_proxy'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('platform_day_stats',
    sa.Column('kommune_id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('month', sqlmodel.sql.sqltypes.AutoString(length=7), nullable=False),
    sa.Column('people', sa.Integer(), nullable=False),
    sa.Column('listings', sa.Integer(), nullable=False),
    sa.Column('agreements', sa.Integer(), nullable=False),
    sa.Column('hours', sa.Float(), nullable=False),
    sa.Column('cents', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['kommune_id'], ['kommune.id'], ),
    sa.PrimaryKeyConstraint('kommune_id', 'day')
    )
    with op.batch_alter_table('platform_day_stats', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_platform_day_stats_day'), ['day'], unique=False)
    op.create_table('platform_stats_day',
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('computed_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.PrimaryKeyConstraint('day')
    )


def downgrade() -> None:
    op.drop_table('platform_stats_day')
    with op.batch_alter_table('platform_day_stats', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_platform_day_stats_day'))
    op.drop_table('platform_day_stats')
