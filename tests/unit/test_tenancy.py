"""Every table is Kommune-owned (a NOT NULL kommune_id, the Citus distribution key) or
declared a reference or global table in dasnez_core.models.tenancy, and link rows get
their kommune_id from their parent."""

from __future__ import annotations

import re
from pathlib import Path

from sqlalchemy import inspect
from sqlmodel import Session, SQLModel, select

import dasnez_core.models  # noqa: F401
from dasnez_core.db import get_engine
from dasnez_core.models import ListingSocialSpace, Message, UserSocialSpace
from dasnez_core.models.tenancy import GLOBAL_TABLES, REFERENCE_TABLES, SQLITE_SEARCH_TABLES
from tests import factories as f


def _tables() -> set[str]:
    return set(inspect(get_engine()).get_table_names())


def test_every_table_is_kommune_owned_or_declared() -> None:
    declared = REFERENCE_TABLES.keys() | GLOBAL_TABLES.keys()
    assert not REFERENCE_TABLES.keys() & GLOBAL_TABLES.keys()
    search = SQLITE_SEARCH_TABLES.keys() if get_engine().dialect.name == "sqlite" else set()
    undeclared = []
    for name in sorted(_tables()):
        if name in declared or name in search:
            continue
        columns = {c["name"]: c for c in inspect(get_engine()).get_columns(name)}
        if "kommune_id" not in columns or columns["kommune_id"]["nullable"]:
            undeclared.append(name)
    assert undeclared == [], f"neither Kommune-owned nor declared: {undeclared}"
    # The list names no table that does not exist (a renamed table must be renamed here).
    assert declared <= _tables()
    assert set(SQLModel.metadata.tables) <= _tables()


def test_declared_tables_are_declared_for_a_reason() -> None:
    for name, reason in (REFERENCE_TABLES | GLOBAL_TABLES).items():
        assert len(reason) > 10, name


def test_the_scaling_guide_distributes_every_table() -> None:
    """docs/scaling.md's Citus SQL names every Kommune-owned table to distribute and every
    global one to keep local: a new table that the guide forgets fails here."""
    guide = (Path(__file__).parents[2] / "docs" / "scaling.md").read_text(encoding="utf-8")
    sql = guide[guide.index("```sql") : guide.index("```", guide.index("```sql") + 6)]
    named = set(re.findall(r"'([a-z_]+)'", sql))
    owned = {
        table.name
        for table in SQLModel.metadata.sorted_tables
        if "kommune_id" in table.c and not table.c["kommune_id"].nullable
    }
    assert owned - named == set(), "Kommune-owned tables the guide does not distribute"
    assert (GLOBAL_TABLES.keys() - {"alembic_version"}) - named == set()
    assert REFERENCE_TABLES.keys() <= named


def test_link_rows_take_their_kommune_from_the_parent(db: Session) -> None:
    here = f.kommune(db)
    space = f.social_space(db, here)
    _, cat = f.exchange_with_category(db, here)
    maria = f.user(db, here, "maria@example.org")
    jonas = f.user(db, here, "jonas@example.org")
    listing = f.listing_of(db, maria, cat)
    talk = f.conversation_about(db, listing, jonas)
    message = f.message_in(db, talk, jonas, "Hallo")
    db.add(UserSocialSpace(user_id=maria.id, social_space_id=space.id))
    db.add(ListingSocialSpace(listing_id=listing.id, social_space_id=space.id))
    db.commit()
    assert message.kommune_id == here.id
    assert db.exec(select(UserSocialSpace.kommune_id)).one() == here.id
    assert db.exec(select(ListingSocialSpace.kommune_id)).one() == here.id
    assert db.exec(select(Message.kommune_id)).one() == here.id
