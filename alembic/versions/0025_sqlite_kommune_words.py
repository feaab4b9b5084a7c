"""SQLite full text: every word is indexed with its Kommune, as on PostgreSQL (0022)

Revision ID: 0025_sqlite_kommune_words
Revises: 0024_space_link_filters
Create Date: 2026-12-07 18:45:00

SQLite's FTS5 table kept the Kommune as a column of its own, so a search matched
`kommune_id : "17" AND search_text : ("gart"*)`: FTS5 read the Kommune's whole posting
list (82k entries for the largest Kommune at 1M listings) and the word's postings in every
Kommune, and intersected them. That match alone took 7.6 ms for "gart" and 8.7 ms for
"hund" (by hand, 1M listings), and a search reads it twice (its page and its count).

Now each word is indexed as `k<kommune_id>x<word>` ("k17xgarten"), the spelling migration
0022 gave PostgreSQL: `"k17xgart"*` reads that Kommune's words only (2.97 and 3.7 ms, the
same 13,691 and 16,315 matches). `k<id>x` cannot be the start of another Kommune's words:
the id ends where the `x` stands.

The index is contentless (it keeps no copy of the text); its triggers write the spelled
words from the listing row (folding writes `search_text` as single-space-separated words).
Rebuilding it at 1M listings took 5 s (the whole migration 6.7 s). PostgreSQL: unchanged.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0025_sqlite_kommune_words"
down_revision: str | None = "0024_space_link_filters"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TRIGGERS = ("listing_fts_insert", "listing_fts_delete", "listing_fts_update")


def _spelled(row: str) -> str:
    """SQL for the words of `row` (a listing: "new", "old" or "listing") each with its
    Kommune in front.
    dasnez_core.services.search._text_value asks in the same spelling."""
    prefix = f"'k' || {row}.kommune_id || 'x'"
    return (
        f"CASE WHEN coalesce({row}.search_text, '') = '' THEN '' ELSE {prefix} || "
        f"replace({row}.search_text, ' ', ' ' || {prefix}) END"
    )


_UPGRADE = [
    """CREATE VIRTUAL TABLE listing_fts USING fts5(
        search_text, content='', tokenize='unicode61')""",
    f"""CREATE TRIGGER listing_fts_insert AFTER INSERT ON listing BEGIN
        INSERT INTO listing_fts(rowid, search_text) VALUES (new.id, {_spelled("new")}); END""",
    f"""CREATE TRIGGER listing_fts_delete AFTER DELETE ON listing BEGIN
        INSERT INTO listing_fts(listing_fts, rowid, search_text)
        VALUES ('delete', old.id, {_spelled("old")}); END""",
    f"""CREATE TRIGGER listing_fts_update AFTER UPDATE OF search_text, kommune_id ON listing
        BEGIN
        INSERT INTO listing_fts(listing_fts, rowid, search_text)
        VALUES ('delete', old.id, {_spelled("old")});
        INSERT INTO listing_fts(rowid, search_text) VALUES (new.id, {_spelled("new")}); END""",
    f"""INSERT INTO listing_fts(rowid, search_text)
        SELECT listing.id, {_spelled("listing")} FROM listing""",
]

# The definition of 0007, restored on downgrade.
_DOWNGRADE = [
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


def _replace_index(statements: list[str]) -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for trigger in _TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    op.execute("DROP TABLE IF EXISTS listing_fts")
    for statement in statements:
        op.execute(statement)


def upgrade() -> None:
    _replace_index(_UPGRADE)


def downgrade() -> None:
    _replace_index(_DOWNGRADE)
