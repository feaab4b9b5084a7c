"""perf: master-data version, village index with the Kommune, planner statistics, SQLite
dashboard covering index

Revision ID: 0010_perf
Revises: 0006_a11y
Create Date: 2026-12-04 14:00:00

- `kommune.master_version` rises with every change of a Kommune's master data; app workers
  compare it to drop their cached copy (dasnez_core.services.masterdata_cache).
- The village filter's index leads with `kommune_id` like every other public index.
- PostgreSQL: the planner took `district_id`, `area_id`, `category_id` for independent of
  `kommune_id` (19 rows estimated, 2,779 actual); extended statistics teach it otherwise.
- SQLite has no INCLUDE: the dashboard's aggregates get an index holding their columns.
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0010_perf'
down_revision: str | None = '0006_a11y'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_PUBLISHED = sa.text("status = 'published'")

_POSTGRES_STATISTICS = [
    """CREATE STATISTICS IF NOT EXISTS st_listing_kommune_places (dependencies, ndistinct)
        ON kommune_id, district_id, area_id, category_id, exchange_id FROM listing""",
    "ANALYZE listing",
]


def _area_index(columns: list[str | sa.TextClause]) -> None:
    op.create_index(
        'ix_listing_public_area', 'listing',
        [*columns, sa.text('created_at DESC'), sa.text('id DESC'), 'expires_at'],
        postgresql_where=_PUBLISHED, sqlite_where=_PUBLISHED,
    )


def upgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    op.add_column(
        'kommune',
        sa.Column('master_version', sa.Integer(), nullable=False, server_default='1'),
    )
    op.drop_index('ix_listing_public_area', table_name='listing')
    _area_index(['kommune_id', 'area_id'])
    if sqlite:
        op.create_index(
            'ix_listing_dashboard_cover', 'listing',
            ['kommune_id', 'created_at', 'exchange_id', 'kind', 'status', 'expires_at',
             'category_id', 'district_id', 'area_id'],
        )
    else:
        for statement in _POSTGRES_STATISTICS:
            op.execute(statement)


def downgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    if sqlite:
        op.drop_index('ix_listing_dashboard_cover', table_name='listing')
    else:
        op.execute("DROP STATISTICS IF EXISTS st_listing_kommune_places")
    op.drop_index('ix_listing_public_area', table_name='listing')
    _area_index(['area_id'])
    op.drop_column('kommune', 'master_version')
