"""session tickets: one-time login tickets exchanged for the HttpOnly session cookie

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01 10:00:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision: str = '0005'
down_revision: str | None = '0004'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('session_ticket',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('ticket_hash', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('expires_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['session_id'], ['user_session.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('ticket_hash')
    )
    with op.batch_alter_table('session_ticket', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_session_ticket_session_id'), ['session_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('session_ticket', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_session_ticket_session_id'))
    op.drop_table('session_ticket')
