"""search folding: folded Kommune names, stemmed listing words for full-text search, English
category names

Revision ID: 0006_search
Revises: 0006_legal
Create Date: 2026-12-03 20:00:00

The full-text index of both databases is rebuilt from `listing.search_text`, the folded and
stemmed words that dasnez_core.folding writes on every flush: SQLite's FTS5 table indexes
that column, PostgreSQL's stored `tsv` is `to_tsvector('simple', search_text)` with the same
GIN index on (kommune_id, tsv) as before.
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

from dasnez_core.folding import fold, search_words

revision: str = '0006_search'
down_revision: str | None = '0006_legal'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_BATCH = 2000

_SQLITE_TRIGGERS = ("listing_fts_insert", "listing_fts_delete", "listing_fts_update")

_SQLITE_FTS = [
    """CREATE VIRTUAL TABLE listing_fts USING fts5(
        search_text, kommune_id, content='listing', content_rowid='id',
        tokenize='unicode61')""",
    """CREATE TRIGGER listing_fts_insert AFTER INSERT ON listing BEGIN
        INSERT INTO listing_fts(rowid, search_text, kommune_id)
        VALUES (new.id, new.search_text, new.kommune_id); END""",
    """CREATE TRIGGER listing_fts_delete AFTER DELETE ON listing BEGIN
        INSERT INTO listing_fts(listing_fts, rowid, search_text, kommune_id)
        VALUES ('delete', old.id, old.search_text, old.kommune_id); END""",
    """CREATE TRIGGER listing_fts_update AFTER UPDATE OF search_text ON listing BEGIN
        INSERT INTO listing_fts(listing_fts, rowid, search_text, kommune_id)
        VALUES ('delete', old.id, old.search_text, old.kommune_id);
        INSERT INTO listing_fts(rowid, search_text, kommune_id)
        VALUES (new.id, new.search_text, new.kommune_id); END""",
    "INSERT INTO listing_fts(listing_fts) VALUES ('rebuild')",
]

_POSTGRES_FTS = [
    """ALTER TABLE listing ADD COLUMN tsv tsvector GENERATED ALWAYS AS (
        to_tsvector('simple', search_text)) STORED""",
    "CREATE INDEX ix_listing_tsv ON listing USING gin (kommune_id, tsv)",
]

# The definitions of 0002, restored on downgrade.
_OLD_SQLITE_FTS = [
    """CREATE VIRTUAL TABLE listing_fts USING fts5(
        title, body, kommune_id, content='listing', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2')""",
    """CREATE TRIGGER listing_fts_insert AFTER INSERT ON listing BEGIN
        INSERT INTO listing_fts(rowid, title, body, kommune_id)
        VALUES (new.id, new.title, new.body, new.kommune_id); END""",
    """CREATE TRIGGER listing_fts_delete AFTER DELETE ON listing BEGIN
        INSERT INTO listing_fts(listing_fts, rowid, title, body, kommune_id)
        VALUES ('delete', old.id, old.title, old.body, old.kommune_id); END""",
    """CREATE TRIGGER listing_fts_update AFTER UPDATE OF title, body ON listing BEGIN
        INSERT INTO listing_fts(listing_fts, rowid, title, body, kommune_id)
        VALUES ('delete', old.id, old.title, old.body, old.kommune_id);
        INSERT INTO listing_fts(rowid, title, body, kommune_id)
        VALUES (new.id, new.title, new.body, new.kommune_id); END""",
    "INSERT INTO listing_fts(listing_fts) VALUES ('rebuild')",
]

_OLD_POSTGRES_FTS = [
    """ALTER TABLE listing ADD COLUMN tsv tsvector GENERATED ALWAYS AS (
        to_tsvector('german', coalesce(title, '') || ' ' || coalesce(body, ''))) STORED""",
    "CREATE INDEX ix_listing_tsv ON listing USING gin (kommune_id, tsv)",
]


def _drop_full_text_search(sqlite: bool) -> None:
    if sqlite:
        for trigger in _SQLITE_TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
        op.execute("DROP TABLE IF EXISTS listing_fts")
    else:
        op.execute("DROP INDEX IF EXISTS ix_listing_tsv")
        op.execute("ALTER TABLE listing DROP COLUMN IF EXISTS tsv")


def _fill_search_text() -> None:
    """Write the words of every existing listing, in batches of ascending ids."""
    conn = op.get_bind()
    last_id = 0
    while True:
        rows = conn.execute(
            sa.text(
                "SELECT id, title, body FROM listing WHERE id > :last ORDER BY id LIMIT :n"
            ),
            {"last": last_id, "n": _BATCH},
        ).all()
        if not rows:
            return
        conn.execute(
            sa.text("UPDATE listing SET search_text = :words WHERE id = :id"),
            [{"id": lid, "words": search_words(title, body)} for lid, title, body in rows],
        )
        last_id = rows[-1][0]


def _fill_name_folded() -> None:
    conn = op.get_bind()
    rows = conn.execute(sa.text("SELECT id, name FROM kommune")).all()
    if rows:
        conn.execute(
            sa.text("UPDATE kommune SET name_folded = :folded WHERE id = :id"),
            [{"id": kid, "folded": fold(name)} for kid, name in rows],
        )


def upgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    # Plain ADD COLUMN (no batch): a batch recreation of `listing` would drop the triggers.
    op.add_column(
        'kommune',
        sa.Column('name_folded', sqlmodel.sql.sqltypes.AutoString(length=240),
                  nullable=False, server_default=''),
    )
    _fill_name_folded()
    op.create_index('ix_kommune_name_folded', 'kommune', ['name_folded'], unique=False)
    op.add_column(
        'category',
        sa.Column('name_en', sqlmodel.sql.sqltypes.AutoString(length=80),
                  nullable=False, server_default=''),
    )
    _drop_full_text_search(sqlite)
    op.add_column(
        'listing',
        sa.Column('search_text', sqlmodel.sql.sqltypes.AutoString(),
                  nullable=False, server_default=''),
    )
    _fill_search_text()
    for statement in _SQLITE_FTS if sqlite else _POSTGRES_FTS:
        op.execute(statement)


def downgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    _drop_full_text_search(sqlite)
    op.drop_column('listing', 'search_text')
    for statement in _OLD_SQLITE_FTS if sqlite else _OLD_POSTGRES_FTS:
        op.execute(statement)
    op.drop_column('category', 'name_en')
    op.drop_index('ix_kommune_name_folded', table_name='kommune')
    op.drop_column('kommune', 'name_folded')
