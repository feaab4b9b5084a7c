"""A read scope (dasnez_core.db.read_scope): no transaction around a page's queries, at most
one row written, and its connection goes back to the pool as it came."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlmodel import Session, select

from dasnez_core.db import read_scope, session_scope
from dasnez_core.models import Kommune
from tests import factories as f


def test_a_read_scope_runs_each_statement_on_its_own(db: Session) -> None:
    if db.get_bind().dialect.name != "postgresql":
        pytest.skip("SQLite reads without a transaction anyway")
    with read_scope() as reading:
        reading.execute(text("SELECT pg_sleep(0.01)"))
        own = "SELECT transaction_timestamp() = statement_timestamp()"
        assert reading.execute(text(own)).scalar() is True
    # A transaction afterwards on the same pool is one again.
    with session_scope() as writing:
        writing.execute(text("SELECT pg_sleep(0.01)"))
        assert writing.execute(text(own)).scalar() is False


def test_a_read_scope_writes_one_row_and_refuses_two(db: Session) -> None:
    first = f.kommune(db)
    second = f.kommune(db, slug="bad-lippspringe", name="Bad Lippspringe")
    db.commit()
    with read_scope() as reading:
        row = reading.get(Kommune, first.id)
        assert row is not None
        row.contact_name = "Bürgerbüro"
    with pytest.raises(RuntimeError, match="at most one row"), read_scope() as reading:
        for kommune_id in (first.id, second.id):
            row = reading.get(Kommune, kommune_id)
            assert row is not None
            row.contact_name = "Rathaus"
    with session_scope() as check:
        names = check.exec(select(Kommune.contact_name).order_by(Kommune.id)).all()
    # The one-row write was kept; of the refused pair nothing was written.
    assert names == ["Bürgerbüro", second.contact_name]
