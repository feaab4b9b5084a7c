"""minors: date of birth and parental consent, Taschengeld jobs with date, time window and
duration, light-work categories, the Kommune's Taschengeldbörse settings

Revision ID: 0015_minors
Revises: 0013_institution
Create Date: 2026-12-04 16:45:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision: str = '0015_minors'
down_revision: str | None = '0013_institution'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Plain ADD COLUMNs with server defaults for the existing rows (no batch copy: the listing
# table carries FTS triggers and hand-written partial indexes on SQLite).
_COLUMNS: list[tuple[str, sa.Column]] = [
    ('agreement', sa.Column('job_date', sa.Date(), nullable=True)),
    ('agreement', sa.Column('job_start', sa.Integer(), nullable=True)),
    ('agreement', sa.Column('job_minutes', sa.Integer(), nullable=True)),
    ('agreement', sa.Column('school_holiday', sa.Boolean(), nullable=False, server_default=sa.false())),
    ('category', sa.Column('light_work', sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False, server_default='')),
    ('kommune', sa.Column('pocket_money_min_cents', sa.Integer(), nullable=False, server_default='500')),
    ('kommune', sa.Column('pocket_money_max_cents', sa.Integer(), nullable=False, server_default='800')),
    ('kommune', sa.Column('taschengeld_min_age', sa.Integer(), nullable=False, server_default='13')),
    ('kommune', sa.Column('school_end_minute', sa.Integer(), nullable=False, server_default='780')),
    ('kommune', sa.Column('youth_info', sqlmodel.sql.sqltypes.AutoString(length=8000), nullable=False, server_default='')),
    ('listing', sa.Column('job_date', sa.Date(), nullable=True)),
    ('listing', sa.Column('job_from', sa.Integer(), nullable=True)),
    ('listing', sa.Column('job_until', sa.Integer(), nullable=True)),
    ('listing', sa.Column('job_minutes', sa.Integer(), nullable=True)),
    ('pending_registration', sa.Column('birth_date', sa.Date(), nullable=True)),
    ('pending_registration', sa.Column('in_full_time_school', sa.Boolean(), nullable=False, server_default=sa.true())),
    ('pending_registration', sa.Column('parent_email', sqlmodel.sql.sqltypes.AutoString(length=254), nullable=False, server_default='')),
    ('user', sa.Column('in_full_time_school', sa.Boolean(), nullable=False, server_default=sa.true())),
]


def upgrade() -> None:
    op.create_table('parental_consent',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kommune_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('parent_email', sqlmodel.sql.sqltypes.AutoString(length=254), nullable=False),
    sa.Column('parent_name', sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
    sa.Column('relation', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('privacy_version', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('terms_version', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('token_hash', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('requested_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('confirmed_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('withdrawn_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.ForeignKeyConstraint(['kommune_id'], ['kommune.id'], ),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('token_hash'),
    sa.UniqueConstraint('user_id')
    )
    op.create_index('ix_parental_consent_kommune_id', 'parental_consent', ['kommune_id'], unique=False)
    for table, column in _COLUMNS:
        op.add_column(table, column)


def downgrade() -> None:
    for table, column in reversed(_COLUMNS):
        op.drop_column(table, column.name)  # SQLite >= 3.35 drops it in place
    op.drop_index('ix_parental_consent_kommune_id', table_name='parental_consent')
    op.drop_table('parental_consent')
