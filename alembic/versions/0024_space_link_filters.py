"""social-space links carry their listing's filtered columns: a space's search reads its
links alone

Revision ID: 0024_space_link_filters
Revises: 0023_public_ids
Create Date: 2026-12-07 15:10:00

A social space's search walked the space's links and looked up each link's listing to
check it: published, not expired, of the exchange, kind, category and place asked for.
The capped count of the largest space at 1M listings looked up 1,301 listings (4.1 ms
warm); a space with a kind and a village, 10.6 ms for 21 matches. Social spaces were in
six of the ten costliest shapes of bench/load.py's mix and 60 % of its search time.

The links now repeat those columns of their listing (`listing_status`, `listing_expires_at`,
`listing_kind`, `listing_exchange_id`, `listing_category_id`, `listing_area_id`,
`listing_district_id`), kept by triggers in the database whatever writes the rows (the
ORM, a bulk UPDATE that suspends a blocked person's listings, COPY):

- a new link copies them from its listing;
- a change of them on a listing is copied to its links.

One index on the published links, `(social_space_id, listing_created_at DESC, listing_id
DESC)` with the filtered columns after them, replaces `ix_listing_social_space_newest`: a
space's page and count read that index alone (by hand at 1M listings: the count 4.1 ->
0.6 ms, a kind and a village 10.6 -> 0.8 ms, by expiry 5.5 -> 0.9 ms).
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0024_space_link_filters"
down_revision: str | None = "0023_public_ids"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The listing's columns the links repeat, by the link's column.
COPIED = {
    "listing_status": "status",
    "listing_expires_at": "expires_at",
    "listing_kind": "kind",
    "listing_exchange_id": "exchange_id",
    "listing_category_id": "category_id",
    "listing_area_id": "area_id",
    "listing_district_id": "district_id",
}
_LINKS = ", ".join(COPIED)
_LISTING = ", ".join(COPIED.values())
_SET_FROM_NEW = ", ".join(f"{link} = NEW.{own}" for link, own in COPIED.items())

# Functions replaced and triggers dropped first: a backup from before 0024 restored with
# `pg_restore --clean` (dasnez_core.cli restore) drops the tables and their triggers but not
# the functions, and this migration then runs again.
_POSTGRESQL = [
    f"""CREATE OR REPLACE FUNCTION listing_social_space_fill() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        SELECT {_LISTING} INTO {", ".join(f"NEW.{link}" for link in COPIED)}
        FROM listing WHERE listing.id = NEW.listing_id;
        RETURN NEW;
    END $$""",
    "DROP TRIGGER IF EXISTS listing_social_space_fill ON listing_social_space",
    """CREATE TRIGGER listing_social_space_fill
    BEFORE INSERT OR UPDATE OF listing_id ON listing_social_space
    FOR EACH ROW EXECUTE FUNCTION listing_social_space_fill()""",
    f"""CREATE OR REPLACE FUNCTION listing_social_space_follow() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        UPDATE listing_social_space SET {_SET_FROM_NEW} WHERE listing_id = NEW.id;
        RETURN NULL;
    END $$""",
    "DROP TRIGGER IF EXISTS listing_social_space_follow ON listing",
    f"""CREATE TRIGGER listing_social_space_follow
    AFTER UPDATE OF {_LISTING} ON listing
    FOR EACH ROW WHEN ({" OR ".join(f"OLD.{c} IS DISTINCT FROM NEW.{c}" for c in COPIED.values())})
    EXECUTE FUNCTION listing_social_space_follow()""",
]
_POSTGRESQL_DOWN = [
    "DROP TRIGGER IF EXISTS listing_social_space_follow ON listing",
    "DROP FUNCTION IF EXISTS listing_social_space_follow()",
    "DROP TRIGGER IF EXISTS listing_social_space_fill ON listing_social_space",
    "DROP FUNCTION IF EXISTS listing_social_space_fill()",
]
_SQLITE = [
    "DROP TRIGGER IF EXISTS listing_social_space_fill",
    f"""CREATE TRIGGER listing_social_space_fill AFTER INSERT ON listing_social_space BEGIN
        UPDATE listing_social_space SET ({_LINKS}) = (
            SELECT {_LISTING} FROM listing WHERE listing.id = NEW.listing_id)
        WHERE social_space_id = NEW.social_space_id AND listing_id = NEW.listing_id;
    END""",
    "DROP TRIGGER IF EXISTS listing_social_space_follow",
    f"""CREATE TRIGGER listing_social_space_follow AFTER UPDATE OF {_LISTING} ON listing
    WHEN {" OR ".join(f"OLD.{c} IS NOT NEW.{c}" for c in COPIED.values())} BEGIN
        UPDATE listing_social_space SET {_SET_FROM_NEW} WHERE listing_id = NEW.id;
    END""",
]
_SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS listing_social_space_follow",
    "DROP TRIGGER IF EXISTS listing_social_space_fill",
]

_INDEX_COLUMNS = [
    "social_space_id",
    sa.text("listing_created_at DESC"),
    sa.text("listing_id DESC"),
    "listing_expires_at",
    "listing_kind",
    "listing_exchange_id",
    "listing_category_id",
    "listing_district_id",
    "listing_area_id",
]
_PUBLISHED = sa.text("listing_status = 'published'")


def upgrade() -> None:
    postgresql = op.get_bind().dialect.name == "postgresql"
    # Columns added without rebuilding the table (SQLite's batch mode would rebuild it
    # for anything more and drop its triggers).
    op.add_column("listing_social_space", sa.Column("listing_status", sa.String(20)))
    op.add_column(
        "listing_social_space",
        sa.Column("listing_expires_at", sqlmodel.sql.sqltypes.UTCDateTime()),
    )
    op.add_column("listing_social_space", sa.Column("listing_kind", sa.String(10)))
    for column in COPIED:
        if column.endswith("_id"):
            op.add_column("listing_social_space", sa.Column(column, sa.Integer()))
    if postgresql:
        op.execute(
            f"UPDATE listing_social_space SET {_SET_FROM_NEW.replace('NEW.', 'listing.')}"
            " FROM listing WHERE listing.id = listing_social_space.listing_id"
        )
    else:
        op.execute(
            f"UPDATE listing_social_space SET ({_LINKS}) = ("
            f" SELECT {_LISTING} FROM listing WHERE listing.id = listing_social_space.listing_id)"
        )
    for statement in _POSTGRESQL if postgresql else _SQLITE:
        op.execute(statement)
    op.drop_index("ix_listing_social_space_newest", table_name="listing_social_space")
    op.create_index(
        "ix_listing_social_space_public",
        "listing_social_space",
        _INDEX_COLUMNS,
        postgresql_where=_PUBLISHED,
        sqlite_where=_PUBLISHED,
    )
    if postgresql:
        op.execute("ANALYZE listing_social_space")


def downgrade() -> None:
    postgresql = op.get_bind().dialect.name == "postgresql"
    op.drop_index("ix_listing_social_space_public", table_name="listing_social_space")
    op.create_index(
        "ix_listing_social_space_newest",
        "listing_social_space",
        ["social_space_id", sa.text("listing_created_at DESC"), sa.text("listing_id DESC")],
    )
    for statement in _POSTGRESQL_DOWN if postgresql else _SQLITE_DOWN:
        op.execute(statement)
    for column in reversed(COPIED):
        op.drop_column("listing_social_space", column)
