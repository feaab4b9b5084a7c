"""legal texts: every published version of a Kommune's Impressum, privacy notice, terms and
accessibility statement; the Kommune's sign-language video link

Revision ID: 0006_legal
Revises: 0005
Create Date: 2026-12-03 20:00:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision: str = '0006_legal'
down_revision: str | None = '0005'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('legal_text',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kommune_id', sa.Integer(), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('published_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('published_by', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['kommune_id'], ['kommune.id'], ),
    sa.ForeignKeyConstraint(['published_by'], ['user.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('kommune_id', 'kind', 'version')
    )
    with op.batch_alter_table('legal_text', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_legal_text_kommune_id'), ['kommune_id'], unique=False)
    with op.batch_alter_table('kommune', schema=None) as batch_op:
        batch_op.add_column(sa.Column('dgs_video_url', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False, server_default=''))


def downgrade() -> None:
    with op.batch_alter_table('kommune', schema=None) as batch_op:
        batch_op.drop_column('dgs_video_url')
    with op.batch_alter_table('legal_text', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_legal_text_kommune_id'))
    op.drop_table('legal_text')
