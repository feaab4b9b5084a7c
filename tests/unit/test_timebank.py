"""Zeitkonto: booking with the second confirmation (once), overdraft in time-bank mode,
donations-only mode, corrections, totals per Ortsteil and month, the certificate PDF, and
everyone who may not."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from pypdf import PdfReader
from sqlmodel import Session, col, func, select

from dasnez_core.actor import ANONYMOUS, Actor
from dasnez_core.errors import InvalidInput, NotAllowed, NotFound
from dasnez_core.formatting import local_today
from dasnez_core.models import (
    Agreement,
    AuditEvent,
    ExchangeType,
    Kommune,
    Listing,
    TimebankMode,
    TimebankSettings,
    TimeEntry,
    User,
    UserStatus,
)
from dasnez_core.printing.certificate import certificate_pdf
from dasnez_core.services import account as account_service
from dasnez_core.services import contact, timebank
from tests import factories as f


@dataclass
class World:
    here: Kommune
    other: Kommune
    helper: User  # offers the Zeitspende
    receiver: User  # is helped
    admin: User
    other_admin: User
    pending: User
    blocked: User
    listing: Listing


@pytest.fixture
def w(db: Session) -> World:
    here = f.kommune(db)
    other = f.kommune(db, slug="salzkotten", name="Salzkotten")
    boke = f.district(db, here, "Boke")
    f.district(db, other, "Mitte")
    _, cat = f.exchange_with_category(db, here, ExchangeType.ZEITSPENDE, "Besuche")
    helper = f.user(db, here, "helper@example.org", name="Maria Helfer", area=boke)
    receiver = f.user(db, here, "receiver@example.org", name="Jonas Empfang")
    admin = f.user(db, here, "admin@example.org", roles=("kommune_admin",))
    other_admin = f.user(db, other, "admin@salzkotten.example", roles=("kommune_admin",))
    pending = f.user(db, here, "pending@example.org", status=UserStatus.PENDING)
    blocked = f.user(db, here, "blocked@example.org", status=UserStatus.BLOCKED)
    listing = f.listing_of(db, helper, cat, title="Vorlesen am Nachmittag")
    listing.district_id = boke.id
    listing.area_id = boke.id
    db.add(listing)
    db.flush()
    return World(here, other, helper, receiver, admin, other_admin, pending, blocked, listing)


def _as(db: Session, u: User) -> Actor:
    return f.actor(db, u)


def _timebank(db: Session, k: Kommune, overdraft: int = 3) -> None:
    db.add(TimebankSettings(kommune_id=k.id, mode=TimebankMode.TIMEBANK, overdraft_hours=overdraft))
    db.flush()


def _agree(db: Session, w: World, hours: str, listing: Listing | None = None) -> int:
    """The receiver writes about the helper's offer; the helper enters the hours, the
    receiver confirms. Returns the conversation id."""
    listing = listing or w.listing
    receiver, helper = _as(db, w.receiver), _as(db, w.helper)
    cid = contact.start_conversation(db, receiver, w.here.id, listing.id)
    contact.send_message(db, receiver, w.here.id, cid, "Hallo, gern am Dienstag.")
    assert contact.confirm_agreement(db, helper, w.here.id, cid, hours) is False
    assert contact.confirm_agreement(db, receiver, w.here.id, cid, "") is True
    return cid


def _entries(db: Session, user: User) -> list[tuple[str, int]]:
    return [
        (e.kind, e.minutes)
        for e in db.exec(
            select(TimeEntry).where(TimeEntry.user_id == user.id).order_by(col(TimeEntry.id))
        ).all()
    ]


def _second_listing(db: Session, w: World, title: str) -> Listing:
    row = f.listing_of(db, w.helper, _category(db, w), title=title)
    row.district_id = w.listing.district_id
    db.add(row)
    db.flush()
    return row


def _category(db: Session, w: World):  # type: ignore[no-untyped-def]
    from dasnez_core.models import Category

    return db.exec(select(Category).where(Category.id == w.listing.category_id)).one()


# --- booking ---------------------------------------------------------------------------------


def test_donations_only_credits_the_helper_once_and_debits_nobody(db: Session, w: World) -> None:
    _agree(db, w, "2,5")
    assert _entries(db, w.helper) == [("credit", 150)]
    assert _entries(db, w.receiver) == []
    view = timebank.account(db, _as(db, w.helper), w.here.id)
    assert view.mode == TimebankMode.DONATIONS
    assert (view.donated_total, view.donated_this_year) == ("2,50", "2,50")
    assert [(r.kind, r.hours, r.title) for r in view.rows] == [
        ("credit", "+2,50", "Vorlesen am Nachmittag")
    ]


def test_the_first_confirmation_books_nothing(db: Session, w: World) -> None:
    receiver, helper = _as(db, w.receiver), _as(db, w.helper)
    cid = contact.start_conversation(db, receiver, w.here.id, w.listing.id)
    contact.send_message(db, receiver, w.here.id, cid, "Hallo")
    contact.confirm_agreement(db, helper, w.here.id, cid, "2")
    assert _entries(db, w.helper) == []


def test_a_second_booking_of_the_same_agreement_books_nothing(db: Session, w: World) -> None:
    cid = _agree(db, w, "2")
    agreement = db.exec(select(Agreement).where(Agreement.conversation_id == cid)).one()
    assert timebank.book_agreement(db, agreement) is False
    with pytest.raises(NotAllowed):
        contact.confirm_agreement(db, _as(db, w.receiver), w.here.id, cid, "")
    assert _entries(db, w.helper) == [("credit", 120)]


def test_time_bank_debits_the_receiver(db: Session, w: World) -> None:
    _timebank(db, w.here, overdraft=3)
    _agree(db, w, "1,5")
    assert _entries(db, w.helper) == [("credit", 90)]
    assert _entries(db, w.receiver) == [("debit", -90)]
    view = timebank.account(db, _as(db, w.receiver), w.here.id)
    assert (view.balance, view.balance_negative) == ("−1,50", True)
    assert view.rows[0].hours == "−1,50"


def test_overdraft_is_refused_and_nothing_is_saved(db: Session, w: World) -> None:
    _timebank(db, w.here, overdraft=3)
    _agree(db, w, "2")  # receiver at −2 h
    second = _second_listing(db, w, "Einkaufen begleiten")
    receiver, helper = _as(db, w.receiver), _as(db, w.helper)
    cid = contact.start_conversation(db, receiver, w.here.id, second.id)
    contact.send_message(db, receiver, w.here.id, cid, "Nochmal?")
    # The first confirmation already says that 1,5 h do not fit (−3,5 < −3).
    with pytest.raises(InvalidInput) as err:
        contact.confirm_agreement(db, helper, w.here.id, cid, "1,5")
    assert (err.value.field, err.value.key) == ("value", "timebank.overdraft")
    assert err.value.params == {"limit": "3", "balance": "−2,00"}
    # Exactly at the limit is allowed.
    assert contact.confirm_agreement(db, helper, w.here.id, cid, "1") is False
    assert contact.confirm_agreement(db, receiver, w.here.id, cid, "") is True
    assert timebank.account(db, receiver, w.here.id).balance == "−3,00"


def test_overdraft_checked_again_at_the_second_confirmation(db: Session, w: World) -> None:
    """The limit changed between the two confirmations: the second one is refused and its
    confirmation is rolled back with the booking."""
    receiver, helper = _as(db, w.receiver), _as(db, w.helper)
    cid = contact.start_conversation(db, receiver, w.here.id, w.listing.id)
    contact.send_message(db, receiver, w.here.id, cid, "Hallo")
    contact.confirm_agreement(db, helper, w.here.id, cid, "4")  # donations only: fine
    _timebank(db, w.here, overdraft=3)
    db.commit()
    with pytest.raises(InvalidInput) as err:
        contact.confirm_agreement(db, receiver, w.here.id, cid, "")
    assert err.value.key == "timebank.overdraft"
    db.rollback()
    agreement = db.exec(select(Agreement).where(Agreement.conversation_id == cid)).one()
    assert agreement.seeker_done_at is None
    assert _entries(db, w.helper) == [] and _entries(db, w.receiver) == []


def test_other_exchanges_book_nothing(db: Session, w: World) -> None:
    _, cat = f.exchange_with_category(db, w.here, ExchangeType.NACHBARSCHAFT, "Alltag")
    plain = f.listing_of(db, w.helper, cat, title="Regal aufhängen")
    receiver, helper = _as(db, w.receiver), _as(db, w.helper)
    cid = contact.start_conversation(db, receiver, w.here.id, plain.id)
    contact.send_message(db, receiver, w.here.id, cid, "Hallo")
    contact.confirm_agreement(db, helper, w.here.id, cid, "")
    contact.confirm_agreement(db, receiver, w.here.id, cid, "")
    assert int(db.exec(select(func.count()).select_from(TimeEntry)).one()) == 0


# --- statement, CSV, certificate ---------------------------------------------------------------


def test_csv_lists_credit_and_debit_in_columns(db: Session, w: World) -> None:
    _timebank(db, w.here)
    _agree(db, w, "2")
    helper_csv = timebank.statement_csv(db, _as(db, w.helper), w.here.id).decode("utf-8-sig")
    lines = helper_csv.splitlines()
    assert lines[0] == "Datum;Eintrag;Art;Gutschrift (Stunden);Abbuchung (Stunden);Grund"
    assert lines[1].endswith(";Vorlesen am Nachmittag;Gutschrift;2,00;;")
    receiver_csv = timebank.statement_csv(db, _as(db, w.receiver), w.here.id).decode("utf-8-sig")
    assert receiver_csv.splitlines()[1].endswith(";Abbuchung;;2,00;")


def test_certificate_lists_the_period_and_the_250_hours(db: Session, w: World) -> None:
    _agree(db, w, "2,5")
    today = local_today()
    cert = timebank.certificate(
        db, _as(db, w.helper), w.here.id, date(today.year, 1, 1).isoformat(), today.isoformat()
    )
    assert (cert.total, cert.card_progress, cert.person_name) == ("2,50", 1, "Maria Helfer")
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(certificate_pdf(cert))).pages)
    assert "Ehrenamtsnachweis" in text
    assert "Maria Helfer" in text and "Delbrück" in text
    assert "Vorlesen am Nachmittag" in text and "2,50" in text
    assert "250" in text and "Ehrenamtskarte NRW" in text
    # A period before the booking lists nothing.
    earlier = timebank.certificate(db, _as(db, w.helper), w.here.id, "2020-01-01", "2020-12-31")
    assert (earlier.rows, earlier.total) == ([], "0,00")


@pytest.mark.parametrize(
    ("start", "end", "field", "key"),
    [
        ("", "2026-01-01", "start", "timebank.period_date_invalid"),
        ("2026-02-01", "2026-01-01", "end", "timebank.period_order"),
        ("2020-01-01", "2099-01-01", "end", "timebank.period_future"),
        ("2015-01-01", "2019-01-02", "start", "timebank.period_too_long"),
    ],
)
def test_certificate_period_is_checked(
    db: Session, w: World, start: str, end: str, field: str, key: str
) -> None:
    with pytest.raises(InvalidInput) as err:
        timebank.certificate(db, _as(db, w.helper), w.here.id, start, end)
    assert (err.value.field, err.value.key) == (field, key)


def test_card_progress_is_capped() -> None:
    assert timebank.card_progress(250 * 60) == 100
    assert timebank.card_progress(500 * 60) == 100
    assert timebank.card_progress(125 * 60) == 50


# --- admins ----------------------------------------------------------------------------------


def test_correction_is_a_further_entry_with_reason_and_audit(db: Session, w: World) -> None:
    _agree(db, w, "2")
    original = db.exec(select(TimeEntry).where(TimeEntry.user_id == w.helper.id)).one()
    admin = _as(db, w.admin)
    timebank.correct_entry(db, admin, w.here.id, original.id, "3", "Es waren drei Stunden")
    assert _entries(db, w.helper) == [("credit", 120), ("credit", 60)]
    db.refresh(original)
    assert original.minutes == 120  # history unchanged
    # Correcting again to the same value changes nothing; to 0 cancels the whole entry.
    with pytest.raises(InvalidInput) as err:
        timebank.correct_entry(db, admin, w.here.id, original.id, "3", "Nochmal drei")
    assert err.value.key == "timebank.correction_unchanged"
    timebank.correct_entry(db, admin, w.here.id, original.id, "0", "Doppelt eingetragen")
    view = timebank.account(db, _as(db, w.helper), w.here.id)
    assert view.donated_total == "0,00"
    assert [r.kind for r in view.rows] == ["correction", "correction", "credit"]
    assert view.rows[0].reason == "Doppelt eingetragen"
    audits = db.exec(select(AuditEvent).where(AuditEvent.action == "correct_time_entry")).all()
    assert [(a.actor_id, a.target_id) for a in audits] == [(w.admin.id, original.id)] * 2
    assert "Doppelt eingetragen" in audits[-1].reason


def test_correcting_a_debit_keeps_its_sign(db: Session, w: World) -> None:
    _timebank(db, w.here)
    _agree(db, w, "2")
    debit = db.exec(select(TimeEntry).where(TimeEntry.user_id == w.receiver.id)).one()
    timebank.correct_entry(db, _as(db, w.admin), w.here.id, debit.id, "1", "Nur eine Stunde")
    assert timebank.account(db, _as(db, w.receiver), w.here.id).balance == "−1,00"


@pytest.mark.parametrize(
    ("hours", "reason", "field"),
    [
        ("abc", "Ein Grund", "hours"),
        ("101", "Ein Grund", "hours"),
        ("-1", "Ein Grund", "hours"),
        ("2", "kurz", "reason"),
    ],
)
def test_correction_input_is_checked(
    db: Session, w: World, hours: str, reason: str, field: str
) -> None:
    _agree(db, w, "2")
    entry = db.exec(select(TimeEntry)).first()
    assert entry is not None
    with pytest.raises(InvalidInput) as err:
        timebank.correct_entry(db, _as(db, w.admin), w.here.id, entry.id, hours, reason)
    assert err.value.field == field
    assert len(_entries(db, w.helper)) == 1


def test_totals_per_ortsteil_and_month(db: Session, w: World) -> None:
    _agree(db, w, "2")
    _agree(db, w, "1,5", _second_listing(db, w, "Spaziergang"))
    old = TimeEntry(
        kommune_id=w.here.id,
        user_id=w.helper.id,
        kind="credit",
        minutes=60,
        district_id=None,
        booked_at=f.utcnow() - timedelta(days=70),
    )
    db.add(old)
    db.flush()
    rows = timebank.totals(db, _as(db, w.admin), w.here.id)
    month = local_today().strftime("%Y-%m")
    assert (rows[0].month, rows[0].district, rows[0].hours) == (month, "Boke", "3,50")
    assert any(r.district == "—" and r.minutes == 60 for r in rows[1:])


def test_settings_are_checked_and_audited(db: Session, w: World) -> None:
    admin = _as(db, w.admin)
    with pytest.raises(InvalidInput):
        timebank.update_settings(db, admin, w.here.id, "bank", "5")
    with pytest.raises(InvalidInput):
        timebank.update_settings(db, admin, w.here.id, "timebank", "-1")
    timebank.update_settings(db, admin, w.here.id, "timebank", "7")
    settings = timebank.settings_of(db, w.here.id)
    assert (settings.mode, settings.overdraft_hours) == ("timebank", 7)
    assert db.exec(select(AuditEvent).where(AuditEvent.action == "update_timebank_settings")).one()


# --- wrong people ----------------------------------------------------------------------------


def _wrong_people(db: Session, w: World) -> dict[str, Actor]:
    return {
        "anonymous": ANONYMOUS,
        "pending": _as(db, w.pending),
        "blocked": _as(db, w.blocked),
        "other_admin": _as(db, w.other_admin),
    }


@pytest.mark.parametrize("who", ["anonymous", "pending", "blocked", "other_admin"])
def test_wrong_people_see_no_account(db: Session, w: World, who: str) -> None:
    actor = _wrong_people(db, w)[who]
    with pytest.raises(NotAllowed):
        timebank.account(db, actor, w.here.id)
    with pytest.raises(NotAllowed):
        timebank.statement_csv(db, actor, w.here.id)
    with pytest.raises(NotAllowed):
        timebank.certificate(db, actor, w.here.id, "2026-01-01", "2026-01-02")


@pytest.mark.parametrize("who", ["anonymous", "pending", "blocked", "other_admin", "citizen"])
def test_wrong_people_may_not_administer(db: Session, w: World, who: str) -> None:
    _agree(db, w, "2")
    entry = db.exec(select(TimeEntry)).first()
    assert entry is not None
    people = _wrong_people(db, w) | {"citizen": _as(db, w.helper)}
    actor = people[who]
    with pytest.raises(NotAllowed):
        timebank.correct_entry(db, actor, w.here.id, entry.id, "5", "Mehr Stunden bitte")
    with pytest.raises(NotAllowed):
        timebank.update_settings(db, actor, w.here.id, "timebank", "100")
    with pytest.raises(NotAllowed):
        timebank.totals(db, actor, w.here.id)
    with pytest.raises(NotAllowed):
        timebank.recent_entries(db, actor, w.here.id)
    assert len(_entries(db, w.helper)) == 1


def test_another_kommunes_entry_is_not_found(db: Session, w: World) -> None:
    _agree(db, w, "2")
    entry = db.exec(select(TimeEntry)).first()
    assert entry is not None
    other_admin = _as(db, w.other_admin)
    with pytest.raises(NotFound):
        timebank.correct_entry(db, other_admin, w.other.id, entry.id, "5", "Fremde Buchung")
    assert timebank.recent_entries(db, other_admin, w.other.id) == []


def test_a_person_sees_only_their_own_account(db: Session, w: World) -> None:
    _timebank(db, w.here)
    _agree(db, w, "2")
    helper_rows = timebank.account(db, _as(db, w.helper), w.here.id).rows
    receiver_rows = timebank.account(db, _as(db, w.receiver), w.here.id).rows
    assert [r.kind for r in helper_rows] == ["credit"]
    assert [r.kind for r in receiver_rows] == ["debit"]


def test_deleting_the_account_deletes_its_entries(db: Session, w: World) -> None:
    _timebank(db, w.here)
    _agree(db, w, "2")
    entry = db.exec(select(TimeEntry).where(TimeEntry.user_id == w.receiver.id)).one()
    timebank.correct_entry(db, _as(db, w.admin), w.here.id, entry.id, "1", "Eine Stunde")
    account_service.delete_account(
        db, _as(db, w.receiver), w.here.id, password=f.PASSWORD, confirmed=True
    )
    assert _entries(db, w.receiver) == []
    assert _entries(db, w.helper) == [("credit", 120)]


def test_the_data_export_holds_the_time_account(db: Session, w: World) -> None:
    import json

    _agree(db, w, "2")
    exported = json.loads(account_service.export_own_data(db, _as(db, w.helper), w.here.id))
    assert [(e["kind"], e["hours"], e["title"]) for e in exported["time_account"]] == [
        ("credit", 2.0, "Vorlesen am Nachmittag")
    ]
