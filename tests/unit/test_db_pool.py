"""PostgreSQL connections are tested before use only after sitting idle (no round trip per
event), and a dead idle one is replaced instead of failing the request."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError

from dasnez_core import db as dbmod
from tests.utils.databases import backend


def _pid(engine: Engine) -> int:
    with engine.connect() as conn:
        return int(conn.execute(text("SELECT pg_backend_pid()")).scalar_one())


def _terminate(url: str, pid: int) -> None:
    other = dbmod.make_engine(url)
    with other.begin() as conn:
        conn.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
    other.dispose()


@pytest.mark.skipif(backend() != "postgres", reason="the idle ping is for PostgreSQL")
def test_only_an_idle_connection_is_pinged_and_a_dead_one_replaced(
    database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = dbmod.make_engine(database_url)
    try:
        # In steady use: no ping, so a connection the server ended fails once.
        monkeypatch.setattr(dbmod, "IDLE_PING_SECONDS", 3600.0)
        _terminate(database_url, _pid(engine))
        with pytest.raises(OperationalError):
            _pid(engine)
        # Idle (here: any time back in the pool counts): pinged, found dead, replaced.
        busy = _pid(engine)
        _terminate(database_url, busy)
        monkeypatch.setattr(dbmod, "IDLE_PING_SECONDS", 0.0)
        assert _pid(engine) != busy
    finally:
        engine.dispose()
