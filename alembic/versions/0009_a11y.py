"""a11y: the Kommune's accent colour (accepted only at WCAG 2.1 AA contrast to white text)

Revision ID: 0006_a11y
Revises: 0006_admin_actions
Create Date: 2026-12-03 20:20:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision: str = '0006_a11y'
down_revision: str | None = '0006_admin_actions'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('kommune', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                'accent_color',
                sqlmodel.sql.sqltypes.AutoString(length=7),
                nullable=False,
                server_default='',
            )
        )


def downgrade() -> None:
    with op.batch_alter_table('kommune', schema=None) as batch_op:
        batch_op.drop_column('accent_color')
