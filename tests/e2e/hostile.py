"""A hostile browser: sends any event with any arguments straight over the websocket."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable
from typing import Any

import socketio


class Tab(str):
    """A browser tab's Reflex client token together with the tab's cookies: what a real
    browser sends on connect (the session is the HttpOnly cookie, not the tab token)."""

    cookie: str = ""

    def __new__(cls, token: str, cookie: str = "") -> Tab:
        tab = super().__new__(cls, token)
        tab.cookie = cookie
        return tab


def tab_of(page: Any) -> Tab:
    """The tab token and the cookies of a Playwright page, to replay its connection."""
    token = str(page.evaluate("() => window.sessionStorage.getItem('token')"))
    cookies = page.context.cookies(page.url)
    return Tab(token, "; ".join(f"{c['name']}={c['value']}" for c in cookies))


def send_event(
    base_url: str,
    token: str,
    name: str,
    payload: dict[str, Any],
    path: str = "/",
    timeout: float = 10,
    cookie: str | None = None,
    until: Callable[[str], bool] | None = None,
) -> list[dict[str, Any]]:
    """Emit one event as the Reflex frontend would and return the updates the server sent.

    `cookie` is the Cookie header of the websocket handshake (default: the cookies a
    `Tab` carries, else none). Reflex 0.10 marks no update final, so this waits the whole
    `timeout` unless `until` (given the updates so far as text) says the answer is there.
    """
    if cookie is None:
        cookie = getattr(token, "cookie", "")
    updates: list[dict[str, Any]] = []
    done = threading.Event()
    client = socketio.Client(reconnection=False)

    @client.on("event", namespace="/_event")
    def _on_update(data: Any) -> None:
        updates.append(data if isinstance(data, dict) else {"raw": data})
        if (isinstance(data, dict) and data.get("final")) or (until and until(str(updates))):
            done.set()

    client.connect(
        f"{base_url}?token={token}",
        headers={"Cookie": cookie} if cookie else {},
        socketio_path="/_event",
        namespaces=["/_event"],
        transports=["websocket"],
        wait_timeout=10,
    )
    try:
        client.emit(
            "event",
            {
                "name": name,
                "payload": payload,
                "router_data": {"pathname": path, "query": {}, "asPath": path},
            },
            namespace="/_event",
        )
        done.wait(timeout)
    finally:
        client.disconnect()
    return updates


def without_router(updates: list[dict[str, Any]]) -> str:
    """The updates as text without the router data every first delta carries (the
    handshake's headers), for an assertion message that shows what the handler sent."""
    shown = []
    for update in updates:
        delta = {
            name: {k: v for k, v in values.items() if not k.startswith("router")}
            for name, values in (update.get("delta") or {}).items()
        }
        shown.append({**update, "delta": {k: v for k, v in delta.items() if v}})
    return str(shown)


def fresh_token() -> str:
    return str(uuid.uuid4())


def socket_opens_from(base_url: str, origin: str) -> bool:
    """Open the `/_event` websocket as a page served from `origin` would (its Origin header).

    True if the server accepted it (connected to the event namespace), False if refused.
    """
    client = socketio.Client(reconnection=False, websocket_extra_options={"origin": origin})
    try:
        client.connect(
            f"{base_url}?token={fresh_token()}",
            socketio_path="/_event",
            namespaces=["/_event"],
            transports=["websocket"],
            wait_timeout=10,
        )
    except socketio.exceptions.ConnectionError:
        return False
    client.disconnect()
    return True


def polling_handshake(base_url: str, origin: str) -> Any:
    """The first request of Engine.IO's HTTP long-polling transport, sent from `origin`.

    Returns the `httpx.Response`.
    """
    import httpx

    return httpx.get(
        f"{base_url}/_event/",
        params={"EIO": "4", "transport": "polling", "t": fresh_token()},
        headers={"Origin": origin},
        timeout=10,
    )


def send_event_until_var(
    base_url: str,
    token: str,
    name: str,
    payload: dict[str, Any],
    state: str,
    var: str,
    path: str = "/",
    timeout: float = 60,
) -> str:
    """Emit one event and return as soon as an update changes `var` of `state` (a state's
    full name): its new value. Reflex 0.10 no longer marks an update `final`, so
    `send_event` always waits its whole timeout; this one waits only as long as needed."""
    key = f"{var}_rx_state_"
    found: list[str] = []
    done = threading.Event()
    client = socketio.Client(reconnection=False)

    @client.on("event", namespace="/_event")
    def _on_update(data: Any) -> None:
        delta = data.get("delta", {}) if isinstance(data, dict) else {}
        if key in delta.get(state, {}):
            found.append(str(delta[state][key]))
            done.set()

    client.connect(
        f"{base_url}?token={token}",
        socketio_path="/_event",
        namespaces=["/_event"],
        transports=["websocket"],
        wait_timeout=10,
    )
    try:
        client.emit(
            "event",
            {
                "name": name,
                "payload": payload,
                "router_data": {"pathname": path, "query": {}, "asPath": path},
            },
            namespace="/_event",
        )
        if not done.wait(timeout):
            raise TimeoutError(f"{name}: no change of {var} within {timeout:.0f}s")
    finally:
        client.disconnect()
    return found[0]
