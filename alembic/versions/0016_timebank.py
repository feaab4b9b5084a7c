"""time accounts (Zeitspende bookings, the Kommune's time-bank settings), listing photos,
and what a Tauschbörse listing asks in return (zu verschenken / tauschen gegen)

Revision ID: 0016_timebank
Revises: 0015_minors
Create Date: 2026-12-04 17:00:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision: str = '0016_timebank'
down_revision: str | None = '0015_minors'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('timebank_settings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kommune_id', sa.Integer(), nullable=False),
    sa.Column('mode', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('overdraft_hours', sa.Integer(), nullable=False),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['kommune_id'], ['kommune.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('kommune_id')
    )
    op.create_table('time_entry',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kommune_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('minutes', sa.Integer(), nullable=False),
    sa.Column('agreement_id', sa.Integer(), nullable=True),
    sa.Column('district_id', sa.Integer(), nullable=True),
    sa.Column('title', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.Column('corrects_id', sa.Integer(), nullable=True),
    sa.Column('reason', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
    sa.Column('created_by', sa.Integer(), nullable=True),
    sa.Column('booked_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['kommune_id'], ['kommune.id'], ),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], ),
    sa.ForeignKeyConstraint(['agreement_id'], ['agreement.id'], ),
    sa.ForeignKeyConstraint(['district_id'], ['area.id'], ),
    sa.ForeignKeyConstraint(['corrects_id'], ['time_entry.id'], ),
    sa.ForeignKeyConstraint(['created_by'], ['user.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('agreement_id', 'kind', name='uq_time_entry_agreement_kind')
    )
    with op.batch_alter_table('time_entry', schema=None) as batch_op:
        batch_op.create_index('ix_time_entry_account', ['kommune_id', 'user_id', 'booked_at'], unique=False)
        batch_op.create_index('ix_time_entry_totals', ['kommune_id', 'kind', 'booked_at'], unique=False)
    op.create_table('listing_photo',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kommune_id', sa.Integer(), nullable=False),
    sa.Column('listing_id', sa.Integer(), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('thumb_name', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('width', sa.Integer(), nullable=False),
    sa.Column('height', sa.Integer(), nullable=False),
    sa.Column('alt', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('removed_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('removed_reason', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
    sa.ForeignKeyConstraint(['kommune_id'], ['kommune.id'], ),
    sa.ForeignKeyConstraint(['listing_id'], ['listing.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('listing_photo', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_listing_photo_kommune_id'), ['kommune_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_listing_photo_listing_id'), ['listing_id'], unique=False)
    # A plain ADD COLUMN (no batch copy: the listing table carries the FTS triggers and
    # hand-written partial indexes on SQLite). Existing swaps that name a return are swaps.
    op.add_column('listing', sa.Column('swap_mode', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False, server_default=''))
    op.execute(
        "UPDATE listing SET swap_mode = 'swap' WHERE swap_for <> '' AND exchange_id IN "
        "(SELECT id FROM exchange WHERE type = 'tausch')"
    )


def downgrade() -> None:
    op.drop_column('listing', 'swap_mode')  # SQLite >= 3.35 drops it in place
    with op.batch_alter_table('listing_photo', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_listing_photo_listing_id'))
        batch_op.drop_index(batch_op.f('ix_listing_photo_kommune_id'))
    op.drop_table('listing_photo')
    with op.batch_alter_table('time_entry', schema=None) as batch_op:
        batch_op.drop_index('ix_time_entry_totals')
        batch_op.drop_index('ix_time_entry_account')
    op.drop_table('time_entry')
    op.drop_table('timebank_settings')
