"""Resolving who is calling, on the server, from the session token the browser holds."""

from __future__ import annotations

from dasnez_core.actor import Actor
from dasnez_core.db import session_scope
from dasnez_core.services.sessions import resolve_session


def resolve_actor(token: str, app: str) -> Actor:
    """The Actor behind `token` right now (revocation and blocking apply at once)."""
    with session_scope() as db:
        return resolve_session(db, token, app)
