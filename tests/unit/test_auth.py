"""Registration (its form checks; the double opt-in is in test_registration.py), login,
logout and session resolution."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import Session, func, select

from dasnez_core.errors import InvalidInput, NotFound
from dasnez_core.models import (
    ConsentRecord,
    PendingRegistration,
    User,
    UserSession,
    UserStatus,
    utcnow,
)
from dasnez_core.services import auth
from dasnez_core.services.sessions import hash_token, resolve_session, revoke_all_sessions
from tests import factories as f

GOOD = {
    "email": "Neu@Example.org ",
    "password": "mein Garten ist grün",
    "display_name": "  Peter   Neumann ",
    "accept_privacy": True,
    "accept_terms": True,
}


def _count(db: Session, model: type) -> int:
    return int(db.exec(select(func.count()).select_from(model)).one())


@pytest.mark.parametrize(
    ("change", "field", "key"),
    [
        ({"password": "passwort123"}, "password", "password.common"),
        ({"password": "kurz"}, "password", "password.too_short"),
        ({"accept_privacy": False}, "accept_privacy", "register.privacy_required"),
        ({"accept_terms": False}, "accept_terms", "register.terms_required"),
        ({"email": "keine-adresse"}, "email", "email.invalid"),
        ({"display_name": "P"}, "display_name", "display_name.too_short"),
    ],
)
def test_bad_registration_writes_nothing(
    db: Session, change: dict[str, object], field: str, key: str
) -> None:
    k = f.kommune(db)
    area = f.district(db, k)
    with pytest.raises(InvalidInput) as err:
        auth.register(db, kommune_slug="delbrueck", area_id=area.id, **{**GOOD, **change})
    assert (err.value.field, err.value.key) == (field, key)
    assert _count(db, User) == 0 and _count(db, ConsentRecord) == 0
    assert _count(db, PendingRegistration) == 0


def test_unknown_kommune_and_foreign_area_are_refused(db: Session) -> None:
    k = f.kommune(db)
    other = f.kommune(db, slug="bad-lippspringe", name="Bad Lippspringe")
    foreign_area = f.district(db, other, "Kernstadt")
    with pytest.raises(NotFound) as nf:
        auth.register(db, kommune_slug="atlantis", area_id=foreign_area.id, **GOOD)
    assert nf.value.key == "kommune.not_found"
    with pytest.raises(InvalidInput) as err:
        auth.register(db, kommune_slug=k.slug, area_id=foreign_area.id, **GOOD)
    assert err.value.key == "area.unknown"
    assert _count(db, User) == 0


def test_login_logout_and_session_resolution(db: Session) -> None:
    k = f.kommune(db)
    u = f.user(db, k, "maria@example.org", status=UserStatus.PENDING)
    result = auth.login(db, email="MARIA@example.org", password=f.PASSWORD, app=auth.PUBLIC_APP)
    assert len(result.token) >= 40  # 256 bits, URL-safe
    stored = db.exec(select(UserSession)).one()
    assert stored.token_hash == hash_token(result.token) != result.token
    actor = resolve_session(db, result.token, auth.PUBLIC_APP)
    assert (actor.user_id, actor.status) == (u.id, "pending")
    # A public session does not open the admin portal.
    assert resolve_session(db, result.token, auth.ADMIN_APP).is_anonymous
    auth.logout(db, result.token)
    assert resolve_session(db, result.token, auth.PUBLIC_APP).is_anonymous


def test_wrong_password_blocked_user_and_non_admin_cannot_log_in(db: Session) -> None:
    k = f.kommune(db)
    f.user(db, k, "maria@example.org")
    f.user(db, k, "gesperrt@example.org", status=UserStatus.BLOCKED)
    for email, password, app, key in (
        ("maria@example.org", "falsches passwort", auth.PUBLIC_APP, "login.failed"),
        ("niemand@example.org", f.PASSWORD, auth.PUBLIC_APP, "login.failed"),
        ("gesperrt@example.org", f.PASSWORD, auth.PUBLIC_APP, "login.blocked"),
        ("maria@example.org", f.PASSWORD, auth.ADMIN_APP, "login.not_admin"),
    ):
        with pytest.raises(InvalidInput) as err:
            auth.login(db, email=email, password=password, app=app)
        assert err.value.key == key
    assert _count(db, UserSession) == 0


@pytest.mark.parametrize("token", ["", "forged", "x" * 500, None])
def test_forged_tokens_resolve_to_anonymous(db: Session, token: str | None) -> None:
    assert resolve_session(db, token, auth.PUBLIC_APP).is_anonymous


def test_idle_absolute_expiry_blocking_and_revocation(db: Session) -> None:
    k = f.kommune(db)
    u = f.user(db, k, "maria@example.org")
    tokens = [
        auth.login(db, email=u.email, password=f.PASSWORD, app="public").token for _ in range(4)
    ]
    rows = {r.token_hash: r for r in db.exec(select(UserSession)).all()}
    idle, absolute = rows[hash_token(tokens[0])], rows[hash_token(tokens[1])]
    idle.last_seen_at = utcnow() - timedelta(hours=3)
    absolute.expires_at = utcnow() - timedelta(seconds=1)
    db.add_all([idle, absolute])
    db.flush()
    assert resolve_session(db, tokens[0], "public").is_anonymous
    assert resolve_session(db, tokens[1], "public").is_anonymous
    assert not resolve_session(db, tokens[2], "public").is_anonymous
    u.status = UserStatus.BLOCKED
    db.add(u)
    db.flush()
    assert resolve_session(db, tokens[2], "public").is_anonymous
    u.status = UserStatus.APPROVED
    db.add(u)
    revoke_all_sessions(db, u.id or 0)
    assert resolve_session(db, tokens[3], "public").is_anonymous
