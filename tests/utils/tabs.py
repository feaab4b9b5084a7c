"""A browser tab's Reflex state for handler tests: the whole state tree as Reflex keeps it,
with the route and Cookie header of the tab's next event."""

from __future__ import annotations

from typing import TypeVar

from reflex.state import BaseState, State

from dasnez_core.services.sessions import create_session, hash_token
from dasnez_ui.session_http import cookie_name

S = TypeVar("S", bound=BaseState)


def session_cookie(db: object, user_id: int, app: str) -> str:
    """The Cookie header of a live session of `user_id` in `app`, as the session gate hands
    it to Reflex (the token's hash in the token's place)."""
    token = create_session(db, user_id, app)  # type: ignore[arg-type]
    return f"{cookie_name(app)}={hash_token(token)}"


def tab(state_cls: type[S], cookie: str, path: str) -> S:
    """A fresh tab state (nothing loaded: as after a lost state store), its next event
    coming from `path` with `cookie`."""
    root = State()
    page = root.get_substate(state_cls.get_full_name().split("."))
    go(page, path, cookie)
    assert isinstance(page, state_cls)
    return page


def go(page: BaseState, path: str, cookie: str | None = None) -> None:
    """The tab's next event comes from `path` (client-side navigation keeps the connection's
    headers; `cookie` replaces them)."""
    root = page._get_root_state()
    headers = dict(root.router_data.get("headers", {}))
    if cookie is not None:
        headers["cookie"] = cookie
    data = {"pathname": path, "asPath": path, "query": {}, "headers": headers}
    root.router_data = root._update_router_vars(data, root.router_data)
