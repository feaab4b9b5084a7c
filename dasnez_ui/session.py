"""Resolving who is calling, on the server, from the session token the browser holds."""

from __future__ import annotations

from collections.abc import Callable

from sqlmodel import Session

from dasnez_core.actor import Actor
from dasnez_core.db import session_scope
from dasnez_core.services.auth import LoginResult, login
from dasnez_core.services.sessions import resolve_session


def resolve_actor(token: str, app: str) -> Actor:
    """The Actor behind `token` right now (revocation and blocking apply at once)."""
    with session_scope() as db:
        return resolve_session(db, token, app)


def password_login(
    form: dict[str, str], app: str, client: str = ""
) -> Callable[[Session], LoginResult]:
    """The service call behind both apps' login forms (`forms.login_form`), for
    `_run_off_loop`; `client` is the caller's address (throttled)."""
    email = str(form.get("email", ""))[:300]
    password = str(form.get("password", ""))[:300]
    return lambda db: login(db, email=email, password=password, app=app, client=client)
