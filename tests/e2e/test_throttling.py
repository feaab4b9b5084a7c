"""Throttling seen from outside (issue 8, finding 4): a hostile client bursts login events
straight over the websocket; after the limit even the right password gets the German
message saying how long to wait."""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor

from sqlmodel import select

from dasnez_app.pages.login import LoginState
from dasnez_core.db import session_scope
from dasnez_core.models import Kommune, User, UserStatus
from dasnez_core.passwords import hash_password
from dasnez_core.throttle import LOGIN_FAILURES_PER_ACCOUNT
from tests.e2e.conftest import Apps
from tests.e2e.hostile import fresh_token, send_event_until_var

PASSWORD = "Der Flieder duftet im Mai"
# The wait runs from the oldest failure in the window: up to 15 minutes, less on a slow run.
WAIT = re.compile(r"Zu viele Versuche\. Bitte warten Sie (\d+) Minuten? und")


FAILED = "E-Mail-Adresse oder Passwort stimmen nicht."


def _waits(answer: str) -> bool:
    found = WAIT.search(answer)
    return found is not None and 1 <= int(found.group(1)) <= 15


def _citizen(address: str) -> None:
    with session_scope() as db:
        kommune = db.exec(select(Kommune).where(Kommune.slug == "delbrueck")).one()
        db.add(
            User(
                email=address,
                password_hash=hash_password(PASSWORD),
                display_name="Frieda Flut",
                kommune_id=kommune.id,
                status=UserStatus.APPROVED,
            )
        )


def _login(apps: Apps, address: str, password: str) -> str:
    """The login page's error line after one login event from a fresh browser tab."""
    return send_event_until_var(
        apps.public,
        fresh_token(),
        f"{LoginState.get_full_name()}.submit",
        {"form": {"email": address, "password": password}},
        state=LoginState.get_full_name(),
        var="error",
        path="/anmelden",
        timeout=120,
    )


def test_a_burst_of_wrong_passwords_ends_in_the_wait_message(apps: Apps) -> None:
    address = "frieda.flut@delbrueck.example"
    _citizen(address)
    burst = LOGIN_FAILURES_PER_ACCOUNT.item.amount + 3
    with ThreadPoolExecutor(burst) as pool:
        answers = list(pool.map(lambda n: _login(apps, address, f"geraten-{n}"), range(burst)))
    assert all(a == FAILED or _waits(a) for a in answers), answers
    # The right password now: refused all the same, with the time to wait.
    answer = _login(apps, address, PASSWORD)
    assert _waits(answer), answer
    # An address nobody has gets exactly the same treatment.
    for n in range(LOGIN_FAILURES_PER_ACCOUNT.item.amount):
        assert _login(apps, "niemand@delbrueck.example", f"geraten-{n}") == FAILED
    assert _waits(_login(apps, "niemand@delbrueck.example", PASSWORD))
