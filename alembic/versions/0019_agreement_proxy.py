"""Stellvertretung: an agreement records who confirmed for a represented helper or seeker
(their proxy, or an admin for the Kommune's office), so that it names both

Revision ID: 0019_agreement_proxy
Revises: 0012_proxy
Create Date: 2026-12-05 10:00:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0019_agreement_proxy'
down_revision: str | None = '0012_proxy'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('agreement', schema=None) as batch_op:
        batch_op.add_column(sa.Column('helper_proxy_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('seeker_proxy_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('helper_by_office', sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column('seeker_by_office', sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.create_foreign_key('fk_agreement_helper_proxy_id_user', 'user', ['helper_proxy_id'], ['id'])
        batch_op.create_foreign_key('fk_agreement_seeker_proxy_id_user', 'user', ['seeker_proxy_id'], ['id'])


def downgrade() -> None:
    with op.batch_alter_table('agreement', schema=None) as batch_op:
        batch_op.drop_constraint('fk_agreement_seeker_proxy_id_user', type_='foreignkey')
        batch_op.drop_constraint('fk_agreement_helper_proxy_id_user', type_='foreignkey')
        batch_op.drop_column('seeker_by_office')
        batch_op.drop_column('helper_by_office')
        batch_op.drop_column('seeker_proxy_id')
        batch_op.drop_column('helper_proxy_id')
