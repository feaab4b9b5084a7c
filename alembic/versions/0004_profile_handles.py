"""profile handles and visibility: profiles addressed by a random handle, not the id

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01 10:00:00
"""
import secrets
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision: str = '0004'
down_revision: str | None = '0003'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.add_column(sa.Column('handle', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True))
        batch_op.add_column(sa.Column('profile_visibility', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False, server_default='members'))

    # Every existing person gets a random handle (16 URL-safe characters, as new_handle()).
    conn = op.get_bind()
    user = sa.table('user', sa.column('id', sa.Integer()), sa.column('handle', sa.String()))
    ids = [row[0] for row in conn.execute(sa.select(user.c.id)).all()]
    for user_id in ids:
        conn.execute(user.update().where(user.c.id == user_id).values(handle=secrets.token_urlsafe(12)))

    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.alter_column('handle', existing_type=sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False)
        batch_op.alter_column('profile_visibility', existing_type=sqlmodel.sql.sqltypes.AutoString(length=10), server_default=None)
        batch_op.create_index(batch_op.f('ix_user_handle'), ['handle'], unique=True)


def downgrade() -> None:
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_user_handle'))
        batch_op.drop_column('profile_visibility')
        batch_op.drop_column('handle')
