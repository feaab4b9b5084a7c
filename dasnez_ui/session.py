"""Resolving who is calling, on the server, from the connection's session cookie.

The token never reaches Reflex: the app's gate (`dasnez_ui.session_http`) puts the token's
hash into the connection's `Cookie` header in its place, and that is all a handler sees.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import reflex as rx
from sqlmodel import Session

from dasnez_core.actor import Actor
from dasnez_core.db import session_scope
from dasnez_core.services.auth import login
from dasnez_core.services.sessions import issue_ticket, resolve_session_hash, revoke_session_hash
from dasnez_ui.lang import LangState
from dasnez_ui.session_http import cookie_name


def session_ref(state: rx.State, app: str) -> str:
    """The hash of this app's session token on the state's websocket connection, or ""."""
    own = cookie_name(app)
    for part in (state.router.headers.cookie or "").split(";"):
        key, _, value = part.strip().partition("=")
        if key == own:
            return value.strip()
    return ""


def resolve_actor(ref: str, app: str) -> Actor:
    """The Actor behind the session hash `ref` right now (revocation and blocking apply at
    once)."""
    with session_scope() as db:
        return resolve_session_hash(db, ref, app)


def end_session(ref: str) -> None:
    """Revoke the session behind `ref` (logout; the cookie endpoint clears the cookie)."""
    if ref:
        with session_scope() as db:
            revoke_session_hash(db, ref)


@dataclass(frozen=True)
class LoginTicket:
    """What a login hands the handler: a one-time ticket for the cookie endpoint, never the
    session token itself."""

    ticket: str
    actor: Actor
    kommune_slug: str


def password_login(
    form: dict[str, str], app: str, client: str = ""
) -> Callable[[Session], LoginTicket]:
    """The service call behind both apps' login forms (`forms.login_form`), for
    `_run_off_loop` (it verifies a password); `client` is the caller's address (throttled)."""
    email = str(form.get("email", ""))[:300]
    password = str(form.get("password", ""))[:300]

    def run(db: Session) -> LoginTicket:
        result = login(db, email=email, password=password, app=app, client=client)
        return LoginTicket(issue_ticket(db, result.token), result.actor, result.kommune_slug)

    return run


def navigate(url: str) -> rx.event.EventSpec:
    """A full page load (not a client-side route change), so the browser talks to the
    cookie endpoint and the websocket reconnects with the new cookie."""
    import json

    return rx.call_script(f"window.location.assign({json.dumps(url)})")


def _app_root(state: rx.State) -> LangState:
    node: rx.State | None = state
    while node is not None and type(node) is not LangState:
        node = node.parent_state  # type: ignore[assignment]
    if node is None:
        raise TypeError(f"{type(state).__name__} is not below LangState")
    return node


def forget_loaded(state: rx.State) -> None:
    """Reset every loaded substate of this client's app states (the language stays)."""
    root = _app_root(state)
    lang = root.lang
    root.reset()
    root.lang = lang


async def forget_client(state: rx.State) -> None:
    """Reset every substate of this client's app states, loading those not yet loaded (the
    Redis state manager loads only what a handler needs), so nothing of the person stays
    in the state store or reaches the browser again."""

    async def load_all(cls: type[rx.State]) -> None:
        for sub in cls.get_substates():
            await state.get_state(sub)
            await load_all(sub)

    await load_all(LangState)
    forget_loaded(state)
