"""The session cookie: one-time login tickets, the cookie's flags, the endpoints, the gate
that keeps the token out of Reflex, and that no state var of either app holds a secret."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
from datetime import timedelta
from typing import Any

import pytest
from sqlmodel import Session, select

from dasnez_core.models import SessionTicket, User, UserSession, UserStatus, utcnow
from dasnez_core.services import auth
from dasnez_core.services.sessions import (
    hash_token,
    issue_ticket,
    redeem_ticket,
    resolve_session,
    resolve_session_hash,
    revoke_session,
)
from dasnez_ui import session_http
from tests import factories as f


def _login(db: Session, app: str = auth.PUBLIC_APP) -> str:
    k = f.kommune(db)
    f.user(db, k, "maria@example.org")
    return auth.login(db, email="maria@example.org", password=f.PASSWORD, app=app).token


def test_a_ticket_works_once_and_rotates_the_token(db: Session) -> None:
    login_token = _login(db)
    ticket = issue_ticket(db, login_token)
    assert len(ticket) >= 40  # 256 bits
    assert db.exec(select(SessionTicket)).one().ticket_hash == hash_token(ticket)
    cookie_token = redeem_ticket(db, ticket, auth.PUBLIC_APP)
    assert cookie_token and cookie_token != login_token
    assert not resolve_session(db, cookie_token, auth.PUBLIC_APP).is_anonymous
    # The token that passed through the login handler no longer works; nor does the ticket.
    assert resolve_session(db, login_token, auth.PUBLIC_APP).is_anonymous
    assert redeem_ticket(db, ticket, auth.PUBLIC_APP) is None
    assert db.exec(select(SessionTicket)).all() == []
    # The handlers see only the hash, and the hash used as a token matches nothing.
    assert not resolve_session_hash(db, hash_token(cookie_token), auth.PUBLIC_APP).is_anonymous
    assert resolve_session(db, hash_token(cookie_token), auth.PUBLIC_APP).is_anonymous


def test_expired_foreign_and_ended_tickets_are_refused(db: Session) -> None:
    login_token = _login(db)
    late = issue_ticket(db, login_token)
    row = db.exec(select(SessionTicket)).one()
    row.expires_at = utcnow() - timedelta(seconds=1)
    db.add(row)
    assert redeem_ticket(db, late, auth.PUBLIC_APP) is None
    assert redeem_ticket(db, issue_ticket(db, login_token), auth.ADMIN_APP) is None
    ended = issue_ticket(db, login_token)
    revoke_session(db, login_token)
    assert redeem_ticket(db, ended, auth.PUBLIC_APP) is None
    assert db.exec(select(UserSession)).one().revoked_at is not None
    for forged in ("", "x" * 500, "forged"):
        assert redeem_ticket(db, forged, auth.PUBLIC_APP) is None


def test_a_blocked_persons_ticket_is_refused(db: Session) -> None:
    login_token = _login(db)
    ticket = issue_ticket(db, login_token)
    user = db.exec(select(User).where(User.email == "maria@example.org")).one()
    user.status = UserStatus.BLOCKED
    db.add(user)
    assert redeem_ticket(db, ticket, auth.PUBLIC_APP) is None


def test_cookie_flags_and_names() -> None:
    plain = session_http.set_cookie_header(auth.PUBLIC_APP, "tok", secure=False)
    assert plain.startswith("dasnez_session=tok;")
    assert "HttpOnly" in plain and "SameSite=Strict" in plain and "Path=/" in plain
    assert "Secure" not in plain and "Domain" not in plain
    tls = session_http.set_cookie_header(auth.PUBLIC_APP, "tok", secure=True)
    assert tls.startswith("__Host-dasnez_session=tok;")
    assert "; Secure" in tls and "HttpOnly" in tls and "Path=/" in tls and "Domain" not in tls
    admin = session_http.set_cookie_header(auth.ADMIN_APP, "tok", secure=True)
    assert admin.startswith("__Host-dasnez_admin_session=tok;")
    cleared = session_http.clear_cookie_header(auth.ADMIN_APP, secure=False)
    assert cleared.startswith("dasnez_admin_session=;") and "Max-Age=0" in cleared


def test_secure_cookies_setting_picks_the_host_prefix(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DASNEZ_SECURE_COOKIES", "1")
    assert session_http.cookie_name(auth.PUBLIC_APP) == "__Host-dasnez_session"
    assert "Secure" in session_http.set_cookie_header(auth.PUBLIC_APP, "t")
    monkeypatch.setenv("DASNEZ_SECURE_COOKIES", "0")
    assert session_http.cookie_name(auth.PUBLIC_APP) == "dasnez_session"


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example/",
        "//evil.example/x",
        "/\\evil.example",
        "javascript:alert(1)",
        "",
        None,
    ],
)
def test_next_is_only_a_local_path(target: str | None) -> None:
    assert session_http.local_path(target) == "/"
    assert session_http.local_path("/k/delbrueck?x=1") == "/k/delbrueck?x=1"


class _Inner:
    """The Reflex backend behind the gate: records what reaches it."""

    def __init__(self) -> None:
        self.scopes: list[dict[str, Any]] = []

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        self.scopes.append(scope)


def _headers(scope: dict[str, Any]) -> dict[str, str]:
    out: dict[str, str] = {}
    for name, value in scope["headers"]:
        key = name.decode()
        out[key] = (out[key] + "; " if key in out else "") + value.decode()
    return out


def _run_gate(monkeypatch: pytest.MonkeyPatch, scope: dict[str, Any], live: bool) -> dict[str, Any]:
    monkeypatch.setattr(session_http, "_is_live", lambda token_hash, app: live)
    inner = _Inner()
    gate = session_http.SessionGate(inner, auth.PUBLIC_APP)

    async def receive() -> dict[str, Any]:
        return {"type": "websocket.connect"}

    async def send(message: Any) -> None:
        pass

    asyncio.run(gate(scope, receive, send))
    return inner.scopes[0]


def test_the_gate_hands_reflex_only_the_tokens_hash(monkeypatch: pytest.MonkeyPatch) -> None:
    cookie = "dasnez_lang=en; dasnez_session=SECRET-PUBLIC; dasnez_admin_session=SECRET-ADMIN"
    scope = {
        "type": "websocket",
        "path": "/_event/",
        "query_string": b"token=tab-1&EIO=4&transport=websocket",
        "headers": [(b"host", b"localhost"), (b"cookie", cookie.encode())],
    }
    seen = _run_gate(monkeypatch, scope, live=True)
    headers = _headers(seen)
    assert "SECRET" not in json.dumps(headers)
    assert "dasnez_lang=en" in headers["cookie"]
    assert f"dasnez_session={hash_token('SECRET-PUBLIC')}" in headers["cookie"]
    assert "dasnez_admin_session" not in headers["cookie"]
    query = seen["query_string"].decode()
    live_token = session_http.bound_client_token("tab-1", hash_token("SECRET-PUBLIC"), "public")
    assert f"token={live_token}" in query and "EIO=4" in query
    # The same tab without a live session gets another state; so does a raw tab token.
    dead = _run_gate(monkeypatch, scope, live=False)["query_string"].decode()
    assert f"token={session_http.bound_client_token('tab-1', '', 'public')}" in dead
    assert live_token not in dead and "token=tab-1" not in dead


def test_the_endpoints_set_and_clear_the_cookie(monkeypatch: pytest.MonkeyPatch) -> None:
    from starlette.testclient import TestClient

    revoked: list[str] = []
    monkeypatch.setattr(session_http, "_redeem", lambda t, a: "NEWTOKEN" if t == "good" else None)
    monkeypatch.setattr(session_http, "_revoke", revoked.append)
    client = TestClient(session_http.SessionGate(_Inner(), auth.PUBLIC_APP))
    answer = client.get("/_session/open?ticket=good&next=/k/delbrueck", follow_redirects=False)
    assert answer.status_code == 303 and answer.headers["location"] == "/k/delbrueck"
    set_cookie = answer.headers["set-cookie"]
    assert set_cookie.startswith("dasnez_session=NEWTOKEN;") and "HttpOnly" in set_cookie
    assert answer.headers["cache-control"] == "no-store"
    bad = client.get("/_session/open?ticket=bad&next=https://evil.example", follow_redirects=False)
    assert bad.headers["location"] == "/" and "set-cookie" not in bad.headers
    client.cookies.clear()
    # Without the cookie (a link from another site) nothing is cleared.
    assert "set-cookie" not in client.get("/_session/close", follow_redirects=False).headers
    closed = client.get(
        "/_session/close?next=/k/delbrueck",
        headers={"cookie": "dasnez_session=NEWTOKEN"},
        follow_redirects=False,
    )
    assert closed.headers["location"] == "/k/delbrueck"
    assert "Max-Age=0" in closed.headers["set-cookie"] and revoked == ["NEWTOKEN"]


_LIST_VARS = """
import json, sys
import {module}
from reflex.state import State
from reflex.istate.storage import ClientStorageBase

def walk(cls):
    yield cls
    for sub in cls.get_substates():
        yield from walk(sub)

out = []
for cls in walk(State):
    for name, field in cls.__fields__.items():
        default = field.default_value() if callable(getattr(field, "default_value", None)) else None
        out.append([cls.__name__, name, isinstance(default, ClientStorageBase)])
print(json.dumps(out))
"""


@pytest.mark.parametrize("module", ["dasnez_app.dasnez_app", "admin_portal.admin_portal"])
def test_no_state_var_holds_a_session_secret(module: str) -> None:
    done = subprocess.run(
        [sys.executable, "-c", _LIST_VARS.format(module=module)],
        capture_output=True,
        text=True,
        check=True,
    )
    fields = json.loads(done.stdout.strip().splitlines()[-1])
    assert len(fields) > 30
    secret = [
        (cls, name)
        for cls, name, _ in fields
        if any(word in name.lower() for word in ("token", "ticket", "secret"))
    ]
    assert secret == []
    # Client storage (cookies, local storage) comes back from the browser on every
    # hydrate and is pickled with the state: only the language lives there.
    client_storage = sorted({name for _, name, is_client in fields if is_client})
    assert client_storage == ["lang"]
