"""onboarding: a Kommune's Kreis and go-live moment; interest sign-ups from towns not on
dasnez yet; the kept figures of closed months for the platform statistics; kommune_id on the link rows that reached their Kommune only through a parent
(message, user_social_space, listing_social_space)

Revision ID: 0018_onboard
Revises: 0017_outbox
Create Date: 2026-12-04 17:00:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision: str = '0018_onboard'
down_revision: str | None = '0017_outbox'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# (table, its parent table, the link column, the key of the parent)
_LINKS = (
    ('message', 'conversation', 'conversation_id'),
    ('user_social_space', 'user', 'user_id'),
    ('listing_social_space', 'listing', 'listing_id'),
)


def upgrade() -> None:
    # Plain ADD COLUMN on kommune (no batch copy): every Kommune there is already live.
    op.add_column('kommune', sa.Column('kreis', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False, server_default=''))
    op.add_column('kommune', sa.Column('live_since', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True))
    op.create_index(op.f('ix_kommune_kreis'), 'kommune', ['kreis'], unique=False)
    op.execute('UPDATE kommune SET live_since = created_at')
    with op.batch_alter_table('kommune', schema=None) as batch_op:
        batch_op.alter_column('kreis', server_default=None)

    op.create_table('interest_signup',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('email', sqlmodel.sql.sqltypes.AutoString(length=254), nullable=False),
    sa.Column('postcode', sqlmodel.sql.sqltypes.AutoString(length=5), nullable=False),
    sa.Column('kreis', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.Column('role', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('language', sqlmodel.sql.sqltypes.AutoString(length=5), nullable=False),
    sa.Column('token_hash', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('confirmed_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('notified_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('token_hash')
    )
    with op.batch_alter_table('interest_signup', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_interest_signup_email'), ['email'], unique=False)
        batch_op.create_index(batch_op.f('ix_interest_signup_postcode'), ['postcode'], unique=False)
        batch_op.create_index(batch_op.f('ix_interest_signup_created_at'), ['created_at'], unique=False)

    op.create_table('platform_month_stats',
    sa.Column('kommune_id', sa.Integer(), nullable=False),
    sa.Column('month', sqlmodel.sql.sqltypes.AutoString(length=7), nullable=False),
    sa.Column('people', sa.Integer(), nullable=False),
    sa.Column('listings', sa.Integer(), nullable=False),
    sa.Column('agreements', sa.Integer(), nullable=False),
    sa.Column('hours', sa.Float(), nullable=False),
    sa.Column('cents', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['kommune_id'], ['kommune.id'], ),
    sa.PrimaryKeyConstraint('kommune_id', 'month')
    )
    with op.batch_alter_table('platform_month_stats', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_platform_month_stats_month'), ['month'], unique=False)
    op.create_table('platform_stats_month',
    sa.Column('month', sqlmodel.sql.sqltypes.AutoString(length=7), nullable=False),
    sa.Column('computed_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.PrimaryKeyConstraint('month')
    )

    # The platform statistics read some days of every Kommune (plain CREATE INDEX: no batch
    # copy of listing, which carries the FTS triggers on SQLite).
    op.create_index('ix_listing_created', 'listing', ['created_at', 'kommune_id', 'status'], unique=False)
    op.create_index('ix_user_created', 'user', ['created_at', 'kommune_id'], unique=False)
    op.create_index('ix_agreement_created', 'agreement', ['created_at', 'kommune_id'], unique=False)

    for table, parent, link in _LINKS:
        op.add_column(table, sa.Column('kommune_id', sa.Integer(), nullable=True))
        op.execute(
            f'UPDATE {table} SET kommune_id = '
            f'(SELECT p.kommune_id FROM "{parent}" p WHERE p.id = {table}.{link})'
        )
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.alter_column('kommune_id', existing_type=sa.Integer(), nullable=False)
            batch_op.create_index(batch_op.f(f'ix_{table}_kommune_id'), ['kommune_id'], unique=False)
            batch_op.create_foreign_key(f'fk_{table}_kommune_id', 'kommune', ['kommune_id'], ['id'])


def downgrade() -> None:
    for table, _parent, _link in reversed(_LINKS):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_constraint(f'fk_{table}_kommune_id', type_='foreignkey')
            batch_op.drop_index(batch_op.f(f'ix_{table}_kommune_id'))
            batch_op.drop_column('kommune_id')
    op.drop_index('ix_agreement_created', table_name='agreement')
    op.drop_index('ix_user_created', table_name='user')
    op.drop_index('ix_listing_created', table_name='listing')
    op.drop_table('platform_stats_month')
    with op.batch_alter_table('platform_month_stats', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_platform_month_stats_month'))
    op.drop_table('platform_month_stats')
    with op.batch_alter_table('interest_signup', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_interest_signup_created_at'))
        batch_op.drop_index(batch_op.f('ix_interest_signup_postcode'))
        batch_op.drop_index(batch_op.f('ix_interest_signup_email'))
    op.drop_table('interest_signup')
    op.drop_index(op.f('ix_kommune_kreis'), table_name='kommune')
    op.drop_column('kommune', 'live_since')
    op.drop_column('kommune', 'kreis')
