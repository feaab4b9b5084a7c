"""Stellvertretung: represented persons (a login-less account each), their contact for
the proxy, and the paper consent

Revision ID: 0012_proxy
Revises: 0016_timebank
Create Date: 2026-12-04 17:00:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision: str = '0012_proxy'
down_revision: str | None = '0016_timebank'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('represented_person',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kommune_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('proxy_id', sa.Integer(), nullable=True),
    sa.Column('full_name', sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
    sa.Column('birth_year', sa.Integer(), nullable=False),
    sa.Column('phone', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('postal_address', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
    sa.Column('consent_version', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('consent_signed_on', sa.Date(), nullable=True),
    sa.Column('consent_recorded_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('consent_recorded_by', sa.Integer(), nullable=True),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['kommune_id'], ['kommune.id'], ),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], ),
    sa.ForeignKeyConstraint(['proxy_id'], ['user.id'], ),
    sa.ForeignKeyConstraint(['consent_recorded_by'], ['user.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('user_id'),
    )
    with op.batch_alter_table('represented_person', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_represented_person_kommune_id'), ['kommune_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_represented_person_proxy_id'), ['proxy_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('represented_person', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_represented_person_proxy_id'))
        batch_op.drop_index(batch_op.f('ix_represented_person_kommune_id'))
    op.drop_table('represented_person')
