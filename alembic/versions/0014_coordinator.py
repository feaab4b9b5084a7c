"""coordinators: a role grant's scope (an area subtree or a social space); the admin
portal session's chosen working context

Revision ID: 0014_coordinator
Revises: 0018_onboard
Create Date: 2026-12-04 17:00:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0014_coordinator'
down_revision: str | None = '0018_onboard'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('rolegrant', schema=None) as batch_op:
        batch_op.add_column(sa.Column('area_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('social_space_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key('fk_rolegrant_area_id_area', 'area', ['area_id'], ['id'])
        batch_op.create_foreign_key(
            'fk_rolegrant_social_space_id_socialspace', 'socialspace', ['social_space_id'], ['id']
        )
    op.add_column('user_session', sa.Column('context_grant_id', sa.Integer(), nullable=True))


def downgrade() -> None:
    op.drop_column('user_session', 'context_grant_id')  # SQLite >= 3.35 drops it in place
    with op.batch_alter_table('rolegrant', schema=None) as batch_op:
        batch_op.drop_constraint('fk_rolegrant_social_space_id_socialspace', type_='foreignkey')
        batch_op.drop_constraint('fk_rolegrant_area_id_area', type_='foreignkey')
        batch_op.drop_column('social_space_id')
        batch_op.drop_column('area_id')
