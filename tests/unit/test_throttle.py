"""Throttling (issue 8, findings 4, 5, 10): the limits hold, say how long to wait, reveal
nothing about accounts, and hold across workers when the counters live in Redis."""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator

import pytest
from sqlmodel import Session, func, select

from dasnez_core.actor import ANONYMOUS
from dasnez_core.errors import DomainError, InvalidInput
from dasnez_core.i18n import translate
from dasnez_core.models import ListingReport
from dasnez_core.services import auth, contact
from dasnez_core.services.account import request_email_change, request_password_reset
from dasnez_core.services.reports import report_listing
from dasnez_core.throttle import (
    LOGIN_FAILURES_PER_ACCOUNT,
    MEMORY,
    MESSAGES_PER_ACCOUNT,
    REGISTRATIONS_PER_ADDRESS,
    Throttle,
    TooManyAttempts,
    storage_uri,
    throttle,
)
from tests import factories as f
from tests.utils.smtp import Inbox, smtp_server

ATTACKER = "203.0.113.7"
NEIGHBOUR = "198.51.100.23"
REDIS = "redis://127.0.0.1:6379/15"


@pytest.fixture
def inbox(monkeypatch: pytest.MonkeyPatch) -> Iterator[Inbox]:
    with smtp_server() as (box, port):
        monkeypatch.setenv("DASNEZ_SMTP_HOST", "127.0.0.1")
        monkeypatch.setenv("DASNEZ_SMTP_PORT", str(port))
        yield box


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """A clock the tests move on: `clock[0] += 600` is ten minutes later."""
    now = [time.time()]
    monkeypatch.setattr(time, "time", lambda: now[0])
    return now


@pytest.fixture
def fast_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Wrong passwords without argon2's cost, for tests that need many of them."""
    monkeypatch.setattr(auth, "burn_time", lambda password: None)
    monkeypatch.setattr(auth, "verify_password", lambda password, hashed: password == f.PASSWORD)


def _login(db: Session, email: str, password: str, client: str = ATTACKER) -> auth.LoginResult:
    return auth.login(db, email=email, password=password, app=auth.PUBLIC_APP, client=client)


def _refusal(call: object) -> DomainError:
    with pytest.raises(DomainError) as err:
        call()  # type: ignore[operator]
    return err.value


# --- the message -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("seconds", "german", "english"),
    [
        (1, "Bitte warten Sie 1 Minute und", "Please wait 1 minute and"),
        (60, "Bitte warten Sie 1 Minute und", "Please wait 1 minute and"),
        (61, "Bitte warten Sie 2 Minuten und", "Please wait 2 minutes and"),
        (899.2, "Bitte warten Sie 15 Minuten und", "Please wait 15 minutes and"),
    ],
)
def test_the_wait_is_said_in_whole_minutes_rounded_up(
    seconds: float, german: str, english: str
) -> None:
    err = TooManyAttempts(seconds)
    assert german in translate(err.key, "de", **err.params)
    assert english in translate(err.key, "en", **err.params)
    assert translate(err.key, "de", **err.params).startswith("Zu viele Versuche.")


# --- login (finding 4) -----------------------------------------------------------------------


def test_right_password_after_twenty_wrong_ones_is_refused_with_the_wait(db: Session) -> None:
    k = f.kommune(db)
    f.user(db, k, "maria@example.org")
    for _ in range(20):
        assert isinstance(
            _refusal(lambda: _login(db, "maria@example.org", "falsch-geraten")),
            (
                InvalidInput,
                TooManyAttempts,
            ),
        )
    err = _refusal(lambda: _login(db, "Maria@Example.org", f.PASSWORD))
    assert isinstance(err, TooManyAttempts)
    assert err.params == {"minutes": 15}
    assert "Bitte warten Sie 15 Minuten" in translate(err.key, "de", **err.params)


def test_the_account_limit_counts_failures_and_lifts_when_the_window_passes(
    db: Session, clock: list[float]
) -> None:
    k = f.kommune(db)
    f.user(db, k, "maria@example.org")
    for _ in range(LOGIN_FAILURES_PER_ACCOUNT.item.amount):
        assert _refusal(lambda: _login(db, "maria@example.org", "falsch")).key == "login.failed"
    clock[0] += 10 * 60
    err = _refusal(lambda: _login(db, "maria@example.org", f.PASSWORD, client=NEIGHBOUR))
    assert isinstance(err, TooManyAttempts) and err.params == {"minutes": 5}
    clock[0] += 5 * 60 + 1
    assert _login(db, "maria@example.org", f.PASSWORD).kommune_slug == k.slug


def test_a_success_clears_the_accounts_failures(db: Session, fast_hashing: None) -> None:
    k = f.kommune(db)
    f.user(db, k, "maria@example.org")
    for _ in range(3):
        for _ in range(LOGIN_FAILURES_PER_ACCOUNT.item.amount - 1):
            _refusal(lambda: _login(db, "maria@example.org", "vertippt"))
        _login(db, "maria@example.org", f.PASSWORD)


def test_unknown_and_known_accounts_get_the_same_answers(db: Session) -> None:
    k = f.kommune(db)
    f.user(db, k, "maria@example.org")
    known = [_refusal(lambda: _login(db, "maria@example.org", "falsch")).key for _ in range(7)]
    unknown = [_refusal(lambda: _login(db, "niemand@example.org", "falsch")).key for _ in range(7)]
    assert known == unknown == ["login.failed"] * 5 + ["throttle.wait.other"] * 2


def test_one_address_trying_many_accounts_is_stopped(db: Session, fast_hashing: None) -> None:
    k = f.kommune(db)
    f.user(db, k, "maria@example.org")
    for n in range(20):
        _refusal(lambda n=n: _login(db, f"rate{n}@example.org", "falsch"))  # type: ignore[misc]
    err = _refusal(lambda: _login(db, "maria@example.org", f.PASSWORD))
    assert isinstance(err, TooManyAttempts)
    # Maria herself, from her own address, is not locked out by the attacker's address.
    assert _login(db, "maria@example.org", f.PASSWORD, client=NEIGHBOUR).kommune_slug == k.slug


# --- registration and reset ------------------------------------------------------------------


def test_registrations_from_one_address_stop_at_the_limit(db: Session) -> None:
    k = f.kommune(db)
    area = f.district(db, k)

    def register(n: int, password: str = "mein Garten ist grün") -> None:
        auth.register(
            db,
            kommune_slug=k.slug,
            email=f"neu{n}@example.org",
            password=password,
            display_name="Peter Neumann",
            area_id=area.id,
            accept_privacy=True,
            accept_terms=True,
            client=ATTACKER,
        )

    # A form with mistakes sends no mail and is not counted: correcting it stays possible.
    for n in range(6):
        assert _refusal(lambda n=n: register(n, "kurz")).key == "password.too_short"  # type: ignore[misc]
    limit = REGISTRATIONS_PER_ADDRESS.item.amount
    assert limit >= 25  # a school class behind one address registers within the hour
    for n in range(limit):
        register(n)
    assert _refusal(lambda: register(limit)).key == "throttle.wait.other"


def test_reset_requests_are_limited_per_address_whatever_the_email(db: Session) -> None:
    f.kommune(db)
    for n in range(10):
        request_password_reset(db, email=f"wer{n}@example.org", client=ATTACKER)
    err = _refusal(lambda: request_password_reset(db, email="x@example.org", client=ATTACKER))
    assert isinstance(err, TooManyAttempts) and err.params == {"minutes": 60}
    request_password_reset(db, email="x@example.org", client=NEIGHBOUR)


# --- email change (finding 5) ----------------------------------------------------------------


def test_email_change_mails_to_a_stranger_stop_at_the_limit(db: Session, inbox: Inbox) -> None:
    k = f.kommune(db)
    # Pending accounts may not change their address at all (double opt-in); the limit holds
    # for approved accounts too.
    first = f.user(db, k, "neu@example.org")
    other = f.user(db, k, "zweit@example.org")
    outcomes = []
    for who in (first, first, first, first, other, other):
        try:
            request_email_change(
                db,
                f.actor(db, who),
                k.id,
                new_email="fremde@example.org",
                current_password=f.PASSWORD,
                client=ATTACKER,
            )
            outcomes.append("sent")
        except TooManyAttempts:
            outcomes.append("wait")
        db.commit()
    # Three per account, three per target address: the second account gets no more through.
    assert outcomes == ["sent", "sent", "sent", "wait", "wait", "wait"]
    assert len(inbox.to("fremde@example.org")) == 3


# --- reports (finding 10) --------------------------------------------------------------------


def test_an_anonymous_report_flood_stops_at_the_limit(db: Session) -> None:
    k = f.kommune(db)
    _, cat = f.exchange_with_category(db, k)
    author = f.user(db, k, "maria@example.org")
    listings = [f.listing_of(db, author, cat, title=f"Rasen {n}") for n in range(4)]

    def report(listing_id: int | None, client: str = ATTACKER) -> None:
        assert listing_id is not None
        report_listing(db, ANONYMOUS, k.id, listing_id, "Bitte prüfen, das ist Werbung.", client)

    for _ in range(5):
        report(listings[0].id)
    assert _refusal(lambda: report(listings[0].id)).key == "throttle.wait.other"
    for listing in listings[1:3]:
        report(listing.id)
        report(listing.id)
    report(listings[3].id)
    assert isinstance(_refusal(lambda: report(listings[3].id)), TooManyAttempts)
    assert db.exec(select(func.count()).select_from(ListingReport)).one() == 10
    report(listings[0].id, client=NEIGHBOUR)  # another person may still report


# --- messages --------------------------------------------------------------------------------


def test_messages_of_one_account_stop_at_the_limit(db: Session) -> None:
    k = f.kommune(db)
    _, cat = f.exchange_with_category(db, k)
    maria = f.user(db, k, "maria@example.org")
    jonas = f.user(db, k, "jonas@example.org")
    conversation = f.conversation_about(db, f.listing_of(db, maria, cat), jonas)
    assert conversation.id is not None
    sender = f.actor(db, jonas)
    for n in range(MESSAGES_PER_ACCOUNT.item.amount):
        contact.send_message(db, sender, k.id, conversation.id, f"Hallo {n}", client=ATTACKER)
    err = _refusal(
        lambda: contact.send_message(db, sender, k.id, conversation.id, "Noch eine", NEIGHBOUR)
    )
    assert isinstance(err, TooManyAttempts) and err.params == {"minutes": 10}


# --- storage ---------------------------------------------------------------------------------


def test_storage_is_redis_when_configured_else_memory(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DASNEZ_THROTTLE_STORAGE", raising=False)
    monkeypatch.delenv("REFLEX_REDIS_URL", raising=False)
    assert storage_uri() == MEMORY
    monkeypatch.setenv("REFLEX_REDIS_URL", "redis://cache:6379")
    assert storage_uri() == "redis://cache:6379"
    monkeypatch.setenv("DASNEZ_THROTTLE_STORAGE", "redis://limits:6379/2")
    assert storage_uri() == "redis://limits:6379/2"


def test_counters_hold_no_email_in_plain_text() -> None:
    limiter = Throttle()
    limiter.count((LOGIN_FAILURES_PER_ACCOUNT, "maria@example.org"))
    assert "maria" not in repr(vars(limiter.storage))


def test_with_redis_the_limit_holds_across_workers() -> None:
    first = Throttle(REDIS)
    if not first.storage.check():
        pytest.skip("no Redis on 127.0.0.1:6379")
    second = Throttle(REDIS)  # another worker: its own connection, the same counters
    key = f"test-{uuid.uuid4()}@example.org"
    counter = (LOGIN_FAILURES_PER_ACCOUNT, key)
    try:
        for n in range(LOGIN_FAILURES_PER_ACCOUNT.item.amount):
            (first if n % 2 else second).count(counter)
        for worker in (first, second):
            with pytest.raises(TooManyAttempts):
                worker.check(counter)
        second.clear(counter)
        first.check(counter)
    finally:
        first.clear(counter)


def test_the_process_throttle_is_one_object() -> None:
    assert throttle() is throttle()
