"""Minors in the Taschengeldbörse: date of birth at registration, the parent's consent
(and its withdrawal), which jobs a minor sees, contacts and agrees to, the parents' copy,
and the Kommune's settings — with the wrong people refused."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

import pytest
from sqlmodel import Session, select

from dasnez_core.actor import ANONYMOUS, Actor
from dasnez_core.emails import mask_email
from dasnez_core.errors import DomainError, InvalidInput, NotAllowed, NotFound
from dasnez_core.formatting import local_today
from dasnez_core.i18n import translate
from dasnez_core.models import (
    Category,
    ExchangeType,
    Kommune,
    Listing,
    ListingStatus,
    ParentalConsent,
    Role,
    User,
    UserSession,
    UserStatus,
)
from dasnez_core.services import (
    auth,
    contact,
    parental_consent,
    registration,
    youth_account,
    youth_settings,
)
from dasnez_core.services.approval import approve_user, list_pending
from dasnez_core.services.listings import ListingDraft, create_listing
from dasnez_core.services.search import SearchFilters, search_public
from dasnez_core.services.sessions import create_session, resolve_session
from dasnez_core.services.youth import JobInput, listing_refusal
from dasnez_core.throttle import TooManyAttempts
from dasnez_core.youth_rules import LightWork
from tests import factories as f
from tests.utils.smtp import Inbox, smtp_server

BASE_URL = "https://dasnez.example"
PASSWORD = "mein Garten ist grün"


@pytest.fixture
def inbox(monkeypatch: pytest.MonkeyPatch) -> Iterator[Inbox]:
    with smtp_server() as (box, port):
        monkeypatch.setenv("DASNEZ_SMTP_HOST", "127.0.0.1")
        monkeypatch.setenv("DASNEZ_SMTP_PORT", str(port))
        monkeypatch.setenv("DASNEZ_PUBLIC_URL", BASE_URL)
        yield box


def _born(years: int, *, days: int = 0) -> date:
    """Someone `years` old today (and `days` days short of the next birthday's effect)."""
    today = local_today()
    try:
        birthday = today.replace(year=today.year - years)
    except ValueError:  # 29 February
        birthday = today.replace(year=today.year - years, day=28)
    return birthday + timedelta(days=days)


def _next(weekday: int) -> date:
    """The next such weekday (0 = Monday) at least 2 days ahead (never today)."""
    day = local_today() + timedelta(days=2)
    return day + timedelta(days=(weekday - day.weekday()) % 7)


@dataclass
class World:
    here: Kommune
    other: Kommune
    area: Any
    garden: Category
    heavy: Category
    help_cat: Category
    admin: Actor
    other_admin: Actor
    senior: User
    teen: User
    teen_consent: ParentalConsent


def _consent(db: Session, child: User, *, confirmed: bool = True) -> ParentalConsent:
    row = ParentalConsent(
        kommune_id=child.kommune_id,
        user_id=child.id or 0,
        parent_email=f"eltern-{child.id}@example.org",
        parent_name="Petra Eltern" if confirmed else "",
        relation="mother" if confirmed else "",
        privacy_version="1",
        terms_version="1",
        token_hash=f"hash-{child.id}",
        confirmed_at=f.utcnow() if confirmed else None,
    )
    db.add(row)
    db.flush()
    return row


def _minor(db: Session, k: Kommune, email: str, years: int, *, in_school: bool = True) -> User:
    user = f.user(db, k, email, name=email.split("@")[0].title())
    user.birth_date, user.in_full_time_school = _born(years), in_school
    db.add(user)
    db.flush()
    return user


@pytest.fixture
def w(db: Session) -> World:
    here = f.kommune(db, contact_email="rathaus@delbrueck.example")
    other = f.kommune(db, slug="bad-lippspringe", name="Bad Lippspringe")
    area = f.district(db, here)
    tg, garden = f.exchange_with_category(db, here, ExchangeType.TASCHENGELD, "Garten")
    garden.light_work = LightWork.HOUSEHOLD_GARDEN
    heavy = Category(kommune_id=here.id, exchange_id=tg.id, name="Holz hacken")
    db.add_all([garden, heavy])
    _, help_cat = f.exchange_with_category(db, here)
    f.exchange_with_category(db, other, ExchangeType.TASCHENGELD, "Garten")
    teen = _minor(db, here, "tom@example.org", 14)
    world = World(
        here=here,
        other=other,
        area=area,
        garden=garden,
        heavy=heavy,
        help_cat=help_cat,
        admin=f.actor(db, f.user(db, here, "admin@example.org", roles=(Role.KOMMUNE_ADMIN,))),
        other_admin=f.actor(db, f.user(db, other, "admin@bl.example", roles=(Role.KOMMUNE_ADMIN,))),
        senior=f.user(db, here, "senior@example.org", name="Gisela Garten", area=area),
        teen=teen,
        teen_consent=_consent(db, teen),
    )
    db.commit()
    return world


def _job(
    db: Session,
    w: World,
    title: str,
    *,
    day: date,
    window: tuple[str, str],
    hours: str,
    category: Category | None = None,
) -> int:
    draft = ListingDraft(
        kind="request",
        exchange_id=None,
        category_id=(category or w.garden).id,
        title=title,
        body="Bitte helfen Sie mir im Garten hinter dem Haus.",
        area_id=w.area.id,
        job_date=day.isoformat(),
        job_from=window[0],
        job_until=window[1],
        job_hours=hours,
    )
    return create_listing(db, f.actor(db, w.senior), w.here.id or 0, draft)


def _talk(db: Session, w: World, listing_id: int, who: User) -> int:
    cid = contact.start_conversation(db, f.actor(db, who), w.here.id or 0, listing_id)
    contact.send_message(db, f.actor(db, who), w.here.id or 0, cid, "Ich helfe gern!")
    return cid


def _refused(call: Any) -> DomainError:
    with pytest.raises(DomainError) as err:
        call()
    return err.value


# --- registration ---------------------------------------------------------------------------


def _register(db: Session, w: World, email: str, born: date | str, **change: Any) -> None:
    auth.register(
        db,
        kommune_slug="delbrueck",
        email=email,
        password=PASSWORD,
        display_name="Tim Teen",
        area_id=w.area.id,
        accept_privacy=True,
        accept_terms=True,
        birth_date=born.isoformat() if isinstance(born, date) else born,
        **change,
    )


def _token(text: str, path: str) -> str:
    match = re.search(re.escape(BASE_URL + path) + r"\?token=([A-Za-z0-9_\-]+)", text)
    assert match, text
    return match.group(1)


def test_under_13_cannot_register_and_learns_where_to_ask(db: Session, w: World) -> None:
    err = _refused(lambda: _register(db, w, "kind@example.org", _born(13, days=1)))
    assert isinstance(err, InvalidInput) and err.field == "birth_date"
    assert err.key == "youth.under_13"
    assert err.params["contact"] == "rathaus@delbrueck.example"
    # On the 13th birthday it works (with a parent's address).
    _register(db, w, "kind@example.org", _born(13), parent_email="mama@example.org")


@pytest.mark.parametrize(
    ("born", "parent", "field", "key"),
    [
        ("", "", "birth_date", "youth.birth_date_required"),
        ("31.02.2012", "", "birth_date", "youth.birth_date_invalid"),
        ("2999-01-01", "", "birth_date", "youth.birth_date_invalid"),
        (None, "", "parent_email", "youth.parent_email_required"),
        (None, "tim@example.org", "parent_email", "youth.parent_email_own"),
    ],
)
def test_registration_checks_the_date_and_the_parents_address(
    db: Session, w: World, born: str | None, parent: str, field: str, key: str
) -> None:
    err = _refused(
        lambda: _register(
            db, w, "tim@example.org", _born(14) if born is None else born, parent_email=parent
        )
    )
    assert isinstance(err, InvalidInput)
    assert any((p.field, p.key) == (field, key) for p in err.problems)


def test_adults_need_no_parent(db: Session, w: World, inbox: Inbox) -> None:
    _register(db, w, "erwachsen@example.org", _born(18))
    db.commit()
    token = _token(Inbox.text(inbox.to("erwachsen@example.org")[0]), "/registrierung-bestaetigen")
    registration.confirm_registration(db, token=token)
    db.commit()
    user = db.exec(select(User).where(User.email == "erwachsen@example.org")).one()
    assert (user.status, user.birth_date) == (UserStatus.PENDING, _born(18))


def test_a_14_year_old_waits_for_the_parent_before_the_queue(
    db: Session, w: World, inbox: Inbox
) -> None:
    _register(db, w, "tim@example.org", _born(14), parent_email="Mama@Example.org")
    db.commit()
    token = _token(Inbox.text(inbox.to("tim@example.org")[0]), "/registrierung-bestaetigen")
    done = registration.confirm_registration(db, token=token)
    db.commit()
    assert done.awaiting_parent
    tim = db.exec(select(User).where(User.email == "tim@example.org")).one()
    assert tim.status == UserStatus.AWAITING_PARENT
    # Not in the approval queue, and no login yet.
    assert "tim@example.org" not in [p.email for p in list_pending(db, w.admin, w.here.id or 0)]
    err = _refused(lambda: auth.login(db, email="tim@example.org", password=PASSWORD, app="public"))
    assert err.key == "youth.login_awaiting_parent"
    with pytest.raises(DomainError):
        approve_user(db, w.admin, w.here.id or 0, tim.id or 0)
    db.rollback()

    [mail] = inbox.to("mama@example.org")
    assert "Tim Teen" in Inbox.text(mail)
    parent_token = _token(Inbox.text(mail), "/eltern-zustimmung")
    view = parental_consent.consent_view(db, parent_token)
    assert (view.child_name, view.account_consent, view.confirmed) == ("Tim Teen", True, False)

    # Every field is checked; nothing is saved while one is wrong.
    err = _refused(
        lambda: parental_consent.confirm_consent(
            db,
            token=parent_token,
            parent_name="M",
            relation="neighbour",
            accept_privacy=False,
            accept_terms=False,
        )
    )
    assert isinstance(err, InvalidInput)
    assert {p.field for p in err.problems} == {
        "parent_name",
        "relation",
        "accept_privacy",
        "accept_terms",
    }
    db.rollback()
    parental_consent.confirm_consent(
        db,
        token=parent_token,
        parent_name="Maria Teen",
        relation="mother",
        accept_privacy=True,
        accept_terms=True,
        shown_versions=("1", "1"),
    )
    db.commit()
    row = db.exec(select(ParentalConsent).where(ParentalConsent.user_id == tim.id)).one()
    assert (row.parent_name, row.relation, row.privacy_version, row.terms_version) == (
        "Maria Teen",
        "mother",
        "1",
        "1",
    )
    assert row.confirmed_at is not None and row.parent_email == "mama@example.org"
    db.refresh(tim)
    assert tim.status == UserStatus.PENDING
    assert "tim@example.org" in [p.email for p in list_pending(db, w.admin, w.here.id or 0)]
    assert len(inbox.to("mama@example.org")) == 2  # the confirmation with the withdrawal link
    # A second press changes nothing.
    err = _refused(
        lambda: parental_consent.confirm_consent(
            db,
            token=parent_token,
            parent_name="Maria Teen",
            relation="mother",
            accept_privacy=True,
            accept_terms=True,
        )
    )
    assert err.key == "youth.consent_given_already"


def test_a_16_year_old_goes_to_the_queue_at_once(db: Session, w: World, inbox: Inbox) -> None:
    _register(db, w, "lena@example.org", _born(16), parent_email="papa@example.org")
    db.commit()
    token = _token(Inbox.text(inbox.to("lena@example.org")[0]), "/registrierung-bestaetigen")
    assert not registration.confirm_registration(db, token=token).awaiting_parent
    db.commit()
    lena = db.exec(select(User).where(User.email == "lena@example.org")).one()
    assert lena.status == UserStatus.PENDING
    view = parental_consent.consent_view(
        db, _token(Inbox.text(inbox.to("papa@example.org")[0]), "/eltern-zustimmung")
    )
    assert not view.account_consent


def test_a_forged_or_unknown_parent_link_does_nothing(db: Session, w: World) -> None:
    for token in ("", "x" * 300, "kein-echter-link"):
        err = _refused(lambda t=token: parental_consent.consent_view(db, t))
        assert err.key == "youth.consent_token_invalid"
        err = _refused(lambda t=token: parental_consent.withdraw_consent(db, token=t))
        assert err.key == "youth.consent_token_invalid"
    db.rollback()
    assert db.get(User, w.teen.id).status == UserStatus.APPROVED  # type: ignore[union-attr]


# --- withdrawal -------------------------------------------------------------------------------


def _with_token(db: Session, consent: ParentalConsent, token: str = "eltern-link") -> str:
    from dasnez_core.services.sessions import hash_token

    consent.token_hash = hash_token(token)
    db.add(consent)
    db.commit()
    return token


def test_withdrawal_switches_a_childs_account_off_at_once(
    db: Session, w: World, inbox: Inbox
) -> None:
    teen = w.teen
    own = f.listing_of(db, teen, w.help_cat, title="Ich gehe mit Hunden spazieren")
    session_token = create_session(db, teen.id or 0, "public")
    token = _with_token(db, w.teen_consent)
    parental_consent.withdraw_consent(db, token=token)
    db.commit()
    db.refresh(teen)
    db.refresh(own)
    assert teen.status == UserStatus.DEACTIVATED
    assert own.status == ListingStatus.SUSPENDED
    assert resolve_session(db, session_token, "public") == ANONYMOUS
    assert all(s.revoked_at is not None for s in db.exec(select(UserSession)).all())
    err = _refused(lambda: auth.login(db, email=teen.email, password=f.PASSWORD, app="public"))
    assert err.key == "youth.login_deactivated"
    assert inbox.to(teen.email)
    # Withdrawn is withdrawn: neither again nor a late "yes".
    assert _refused(lambda: parental_consent.withdraw_consent(db, token=token)).key == (
        "youth.consent_withdrawn_already"
    )
    err = _refused(
        lambda: parental_consent.confirm_consent(
            db,
            token=token,
            parent_name="Maria",
            relation="mother",
            accept_privacy=True,
            accept_terms=True,
        )
    )
    assert err.key == "youth.consent_withdrawn_already"


def test_a_switched_off_childs_account_can_be_neither_blocked_nor_so_unblocked(
    db: Session, w: World
) -> None:
    """Block, then unblock, would make the account approved without the parents' consent."""
    from dasnez_core.services import moderation

    token = _with_token(db, w.teen_consent)
    parental_consent.withdraw_consent(db, token=token)
    db.commit()
    k = w.here.id or 0
    err = _refused(lambda: moderation.block_user(db, w.admin, k, w.teen.id or 0, "Spam im Profil"))
    assert err.key == "youth.not_blockable"
    db.rollback()
    db.refresh(w.teen)
    assert w.teen.status == UserStatus.DEACTIVATED


def test_withdrawal_for_a_16_year_old_ends_only_the_taschengeld(db: Session, w: World) -> None:
    lena = _minor(db, w.here, "lena@example.org", 16)
    consent = _consent(db, lena)
    jobs = f.listing_of(db, lena, w.garden, title="Ich mähe Rasen")
    other = f.listing_of(db, lena, w.help_cat, title="Ich helfe beim Umzug")
    parental_consent.withdraw_consent(db, token=_with_token(db, consent))
    db.commit()
    for row in (lena, jobs, other):
        db.refresh(row)
    assert lena.status == UserStatus.APPROVED
    assert (jobs.status, other.status) == (ListingStatus.SUSPENDED, ListingStatus.PUBLISHED)
    job = _job(db, w, "Hecke", day=_next(5), window=("10:00", "12:00"), hours="1")
    err = _refused(lambda: contact.start_conversation(db, f.actor(db, lena), w.here.id or 0, job))
    assert err.key == "youth.consent_needed"


# --- seeing and contacting jobs ------------------------------------------------------------


def _titles(db: Session, w: World, viewer: Actor) -> list[str]:
    page = search_public(db, w.here.id or 0, SearchFilters(exchange="taschengeld"), viewer=viewer)
    return sorted(c.title for c in page.cards)


def test_a_minor_sees_only_the_jobs_that_fit(db: Session, w: World) -> None:
    saturday, wednesday = _next(5), _next(2)
    _job(db, w, "Unkraut jäten", day=saturday, window=("14:00", "17:00"), hours="1,5")
    _job(db, w, "Abends Rasen", day=saturday, window=("18:00", "21:00"), hours="3")
    _job(db, w, "Lange Gartenarbeit", day=saturday, window=("09:00", "17:00"), hours="3")
    _job(db, w, "Vormittags Laub", day=wednesday, window=("09:00", "12:00"), hours="1")
    _job(db, w, "Nachmittags Laub", day=wednesday, window=("09:00", "16:00"), hours="1")
    _job(db, w, "Holz", day=saturday, window=("10:00", "12:00"), hours="1", category=w.heavy)
    f.listing_of(db, w.senior, w.garden, title="Ohne Zeitangabe")
    db.commit()
    everything = _titles(db, w, ANONYMOUS)
    assert len(everything) == 7 and everything == _titles(db, w, f.actor(db, w.senior))
    assert _titles(db, w, f.actor(db, w.teen)) == [
        "Nachmittags Laub",
        "Unkraut jäten",
        "Vormittags Laub",
    ]
    # Out of school at 16: up to 8 hours between 6 and 20, any Taschengeld category.
    leaver = _minor(db, w.here, "azubi@example.org", 16, in_school=False)
    _consent(db, leaver)
    db.commit()
    assert _titles(db, w, f.actor(db, leaver)) == [
        "Holz",
        "Lange Gartenarbeit",
        "Nachmittags Laub",
        "Unkraut jäten",
        "Vormittags Laub",
    ]
    # Without the parent's consent a minor sees no Taschengeld job at all.
    alone = _minor(db, w.here, "allein@example.org", 16)
    db.commit()
    assert _titles(db, w, f.actor(db, alone)) == []


def test_the_kommune_may_ask_a_higher_minimum_age(db: Session, w: World) -> None:
    _job(db, w, "Unkraut jäten", day=_next(5), window=("14:00", "17:00"), hours="1,5")
    w.here.taschengeld_min_age = 15
    db.add(w.here)
    db.commit()
    assert _titles(db, w, f.actor(db, w.teen)) == []
    job = db.exec(select(Listing.id).where(Listing.title == "Unkraut jäten")).one()
    err = _refused(lambda: contact.start_conversation(db, f.actor(db, w.teen), w.here.id or 0, job))
    assert (err.key, err.params) == ("youth.min_age", {"age": 15})


def test_a_minor_may_not_contact_a_job_that_does_not_fit(db: Session, w: World) -> None:
    evening = _job(db, w, "Abends Rasen", day=_next(5), window=("18:00", "21:00"), hours="3")
    err = _refused(
        lambda: contact.start_conversation(db, f.actor(db, w.teen), w.here.id or 0, evening)
    )
    assert isinstance(err, NotAllowed) and err.key == "youth.rule.child_2h"
    # Adults may; other exchanges are open to the minor.
    other = f.user(db, w.here, "nachbar@example.org")
    assert contact.start_conversation(db, f.actor(db, other), w.here.id or 0, evening)
    plain = f.listing_of(db, w.senior, w.help_cat, title="Hilfe beim Tragen")
    assert contact.start_conversation(db, f.actor(db, w.teen), w.here.id or 0, plain.id or 0)


# --- agreements -----------------------------------------------------------------------------


def _agree(db: Session, w: World, cid: int, who: User, job: JobInput, value: str = "9") -> bool:
    return contact.confirm_agreement(db, f.actor(db, who), w.here.id or 0, cid, value, job=job)


def test_a_teen_agrees_to_a_job_and_the_parent_gets_a_copy(
    db: Session, w: World, inbox: Inbox
) -> None:
    saturday = _next(5)
    garden = _job(db, w, "Unkraut jäten", day=saturday, window=("14:00", "18:00"), hours="1,5")
    cid = _talk(db, w, garden, w.teen)
    db.commit()
    # A job the rules forbid is refused with the rule's paragraph, and nothing is saved.
    err = _refused(lambda: _agree(db, w, cid, w.teen, JobInput(saturday.isoformat(), "18:00", "3")))
    assert isinstance(err, InvalidInput) and err.key == "youth.rule.child_2h"
    db.rollback()
    err = _refused(lambda: _agree(db, w, cid, w.teen, JobInput("", "", "")))
    assert err.key == "youth.date_required"
    db.rollback()
    assert not _agree(db, w, cid, w.teen, JobInput(saturday.isoformat(), "15:00", "1,5"))
    db.commit()
    thread = contact.thread(db, f.actor(db, w.senior), w.here.id or 0, cid)
    assert (thread.other_age_band, thread.other_note_key) == ("13_14", "youth.note.child")
    [copy] = inbox.to(w.teen_consent.parent_email)
    body = Inbox.text(copy)
    assert "Unkraut jäten" in body and "15:00 Uhr" in body and "1,5 Stunden" in body
    # The adult confirms the same record.
    assert _agree(db, w, cid, w.senior, JobInput())


def test_the_days_sum_across_two_agreements_is_refused(db: Session, w: World) -> None:
    saturday = _next(5)
    first = _job(db, w, "Unkraut jäten", day=saturday, window=("10:00", "18:00"), hours="1,5")
    second = _job(db, w, "Hund ausführen", day=saturday, window=("10:00", "18:00"), hours="1")
    one, two = _talk(db, w, first, w.teen), _talk(db, w, second, w.teen)
    _agree(db, w, one, w.teen, JobInput(saturday.isoformat(), "10:00", "1,5"))
    db.commit()
    err = _refused(lambda: _agree(db, w, two, w.teen, JobInput(saturday.isoformat(), "15:00", "1")))
    assert (err.key, err.params) == ("youth.rule.child_2h_day", {"hours": "2,5"})
    db.rollback()
    assert not _agree(db, w, two, w.teen, JobInput(saturday.isoformat(), "15:00", "0,5"))


def test_the_fifth_holiday_week_is_refused_for_a_pupil(db: Session, w: World) -> None:
    pupil = _minor(db, w.here, "schueler@example.org", 16)
    _consent(db, pupil)
    # The summer holidays of next year: five Mondays in a row, one calendar year.
    july = date(local_today().year + 1, 7, 1)
    start = july + timedelta(days=(0 - july.weekday()) % 7)
    cids = []
    for n in range(5):
        job = _job(db, w, f"Ferienjob {n}", day=start, window=("09:00", "12:00"), hours="1")
        cids.append(_talk(db, w, job, pupil))
    for n in range(4):
        day = start + timedelta(days=7 * n)
        _agree(db, w, cids[n], pupil, JobInput(day.isoformat(), "09:00", "3", holiday=True))
    db.commit()
    fifth = (start + timedelta(days=28)).isoformat()
    err = _refused(lambda: _agree(db, w, cids[4], pupil, JobInput(fifth, "09:00", "3", True)))
    assert err.key == "youth.rule.holiday_weeks"


def test_adult_helpers_need_no_job_details(db: Session, w: World) -> None:
    garden = _job(db, w, "Unkraut jäten", day=_next(5), window=("14:00", "18:00"), hours="1")
    adult = f.user(db, w.here, "helfer@example.org")
    cid = _talk(db, w, garden, adult)
    assert not _agree(db, w, cid, adult, JobInput())


# --- listings ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "window", "hours", "field", "key"),
    [
        ("gestern", ("14:00", "16:00"), "1", "job_date", "youth.date_invalid"),
        ("", ("14:00", "16:00"), "1", "job_date", "youth.job_incomplete"),
        ("past", ("14:00", "16:00"), "1", "job_date", "youth.job_in_past"),
        ("next", ("14:00", "15:00"), "2", "job_until", "youth.window_invalid"),
        ("next", ("25:00", "26:00"), "1", "job_from", "youth.time_invalid"),
        ("next", ("14:00", "16:00"), "0", "job_hours", "youth.duration_invalid"),
    ],
)
def test_a_jobs_day_window_and_length_are_checked(
    db: Session, w: World, day: str, window: tuple[str, str], hours: str, field: str, key: str
) -> None:
    real = {"past": local_today() - timedelta(days=1), "next": _next(5)}
    typed = real[day].isoformat() if day in real else day
    draft = ListingDraft(
        kind="request",
        exchange_id=None,
        category_id=w.garden.id,
        title="Rasen mähen",
        body="Bitte helfen Sie mir im Garten.",
        area_id=w.area.id,
        job_date=typed,
        job_from=window[0],
        job_until=window[1],
        job_hours=hours,
    )
    err = _refused(lambda: create_listing(db, f.actor(db, w.senior), w.here.id or 0, draft))
    assert isinstance(err, InvalidInput)
    assert (field, key) in [(p.field, p.key) for p in err.problems]


# --- settings -----------------------------------------------------------------------------


def _settings(**change: Any) -> youth_settings.SettingsInput:
    values: dict[str, Any] = {
        "rate_min": "5",
        "rate_max": "8,50",
        "min_age": "14",
        "school_end": "13:30",
        "info": "Unsere Taschengeldbörse.",
        "light_work": {},
    }
    return youth_settings.SettingsInput(**{**values, **change})


def test_the_admin_keeps_the_settings(db: Session, w: World) -> None:
    kid = w.here.id or 0
    shown = youth_settings.get_settings(db, w.admin, kid)
    assert (shown.rate_min, shown.rate_max, shown.min_age) == ("5,00", "8,00", "13")
    assert "Delbrück" in shown.info  # the shipped template, filled in
    assert {c.name for c in shown.categories} == {"Garten", "Holz hacken"}
    youth_settings.update_settings(
        db, w.admin, kid, _settings(light_work={w.heavy.id: LightWork.ERRANDS, w.garden.id: ""})
    )
    db.commit()
    db.refresh(w.here)
    assert (w.here.pocket_money_max_cents, w.here.taschengeld_min_age) == (850, 14)
    assert w.here.school_end_minute == 13 * 60 + 30
    assert db.get(Category, w.garden.id).light_work == ""  # type: ignore[union-attr]
    info = youth_settings.public_info(db, "delbrueck")
    assert info.text == "Unsere Taschengeldbörse." and info.rate == "5,00 € – 8,50 €"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"rate_min": "9", "rate_max": "8"}, "rate_max"),
        ({"min_age": "12"}, "min_age"),
        ({"min_age": "18"}, "min_age"),
        ({"school_end": "20:00"}, "school_end"),
        ({"light_work": {1: "heavy_loads"}}, "light_work"),
    ],
)
def test_bad_settings_save_nothing(db: Session, w: World, change: dict, field: str) -> None:
    if "light_work" in change:
        change = {"light_work": {w.garden.id: "heavy_loads"}}
    err = _refused(
        lambda: youth_settings.update_settings(db, w.admin, w.here.id or 0, _settings(**change))
    )
    assert isinstance(err, InvalidInput) and field in [p.field for p in err.problems]


def test_another_kommunes_category_cannot_be_marked(db: Session, w: World) -> None:
    foreign = db.exec(select(Category).where(Category.kommune_id == w.other.id)).one()
    err = _refused(
        lambda: youth_settings.update_settings(
            db, w.admin, w.here.id or 0, _settings(light_work={foreign.id: LightWork.ERRANDS})
        )
    )
    assert err.key == "youth.light_work_invalid"


@pytest.mark.parametrize("who", ["anonymous", "citizen", "pending", "blocked", "other_admin"])
def test_wrong_people_cannot_read_or_change_the_settings(db: Session, w: World, who: str) -> None:
    people = {
        "anonymous": ANONYMOUS,
        "citizen": f.actor(db, w.senior),
        "pending": f.actor(db, f.user(db, w.here, "p@example.org", status=UserStatus.PENDING)),
        "blocked": f.actor(db, f.user(db, w.here, "b@example.org", status=UserStatus.BLOCKED)),
        "other_admin": w.other_admin,
    }
    actor = people[who]
    kid = w.here.id or 0
    with pytest.raises(NotAllowed):
        youth_settings.get_settings(db, actor, kid)
    with pytest.raises(NotAllowed):
        youth_settings.update_settings(db, actor, kid, _settings())
    db.rollback()
    db.refresh(w.here)
    assert w.here.taschengeld_min_age == 13


def test_the_info_page_of_an_unknown_kommune_is_not_found(db: Session, w: World) -> None:
    with pytest.raises(NotFound):
        youth_settings.public_info(db, "atlantis")


def test_school_hours_are_asked_at_the_agreement(db: Session, w: World) -> None:
    wednesday = _next(2)
    morning = _job(db, w, "Laub", day=wednesday, window=("09:00", "12:00"), hours="1")
    cid = _talk(db, w, morning, w.teen)
    db.commit()
    err = _refused(
        lambda: _agree(db, w, cid, w.teen, JobInput(wednesday.isoformat(), "09:00", "1"))
    )
    assert (err.key, err.params) == ("youth.rule.school_hours", {"school_end": "13:00"})
    db.rollback()
    holiday = JobInput(wednesday.isoformat(), "09:00", "1", holiday=True)
    assert not _agree(db, w, cid, w.teen, holiday)


def test_declining_for_a_16_year_old_keeps_the_account(db: Session, w: World) -> None:
    lena = _minor(db, w.here, "lena@example.org", 16)
    consent = _consent(db, lena, confirmed=False)
    parental_consent.withdraw_consent(db, token=_with_token(db, consent))
    db.commit()
    db.refresh(lena)
    assert lena.status == UserStatus.APPROVED


def test_parents_get_a_copy_of_agreements_in_other_exchanges_too(
    db: Session, w: World, inbox: Inbox
) -> None:
    walk = f.listing_of(db, w.senior, w.help_cat, title="Spaziergang am Sonntag")
    cid = _talk(db, w, walk.id or 0, w.teen)
    assert not _agree(db, w, cid, w.teen, JobInput(), value="")
    db.commit()
    [copy] = inbox.to(w.teen_consent.parent_email)
    assert "Spaziergang am Sonntag" in Inbox.text(copy)


# --- 16–17: the parent's consent only for the Taschengeldbörse, asked later ------------------


def _ask(db: Session, w: World, who: User | Actor, parent: str) -> str:
    actor = who if isinstance(who, Actor) else f.actor(db, who)
    return youth_account.request_parent_consent(db, actor, w.here.id or 0, parent_email=parent)


def _state(db: Session, w: World, who: User) -> youth_account.YouthAccount:
    return youth_account.youth_account(db, f.actor(db, who), w.here.id or 0)


def test_16_and_17_may_register_without_a_parent_under_16_may_not(
    db: Session, w: World, inbox: Inbox
) -> None:
    err = _refused(lambda: _register(db, w, "tim@example.org", _born(16, days=1)))
    assert isinstance(err, InvalidInput)
    assert [(p.field, p.key) for p in err.problems] == [
        ("parent_email", "youth.parent_email_required")
    ]
    # A mistyped parent's address is named at its own field, not at the person's.
    err = _refused(lambda: _register(db, w, "tim@example.org", _born(15), parent_email="mama@"))
    assert isinstance(err, InvalidInput)
    assert [(p.field, p.key) for p in err.problems] == [("parent_email", "email.invalid")]
    db.rollback()
    _register(db, w, "lena@example.org", _born(17))
    db.commit()
    token = _token(Inbox.text(inbox.to("lena@example.org")[0]), "/registrierung-bestaetigen")
    assert not registration.confirm_registration(db, token=token).awaiting_parent
    db.commit()
    lena = db.exec(select(User).where(User.email == "lena@example.org")).one()
    assert lena.status == UserStatus.PENDING
    assert parental_consent.consent_of(db, w.here.id or 0, lena.id or 0) is None
    assert [m["To"] for m in inbox.messages] == ["lena@example.org"]
    assert _state(db, w, lena) == youth_account.YouthAccount(
        minor=True, may_request=True, state="none"
    )


def test_a_17_year_old_asks_the_parent_later_then_takes_the_job(
    db: Session, w: World, inbox: Inbox
) -> None:
    lena = _minor(db, w.here, "lena@example.org", 17)
    saturday = _next(5)
    garden = _job(db, w, "Unkraut jäten", day=saturday, window=("14:00", "18:00"), hours="1,5")
    db.commit()
    # Without consent: refused, with the rule and where to ask for it.
    err = _refused(
        lambda: contact.start_conversation(db, f.actor(db, lena), w.here.id or 0, garden)
    )
    assert isinstance(err, NotAllowed) and err.key == "youth.consent_needed"
    german = translate(err.key, "de")
    assert "§ 5 Abs. 3 JArbSchG" in german and "„Mein Konto“" in german
    assert "Einverständnis eines Elternteils für die Taschengeldbörse anfordern" in german
    db.rollback()
    # Other exchanges stay open.
    plain = f.listing_of(db, w.senior, w.help_cat, title="Hilfe beim Tragen")
    assert contact.start_conversation(db, f.actor(db, lena), w.here.id or 0, plain.id or 0)

    assert _ask(db, w, lena, " Papa@Example.org ") == "p…@example.org"
    db.commit()
    view = _state(db, w, lena)
    assert (view.state, view.parent_email, view.may_request) == (
        "requested",
        "p…@example.org",
        True,
    )
    assert view.since is not None
    [mail] = inbox.to("papa@example.org")
    parent_token = _token(Inbox.text(mail), "/eltern-zustimmung")
    assert not parental_consent.consent_view(db, parent_token).account_consent
    err = _refused(
        lambda: contact.start_conversation(db, f.actor(db, lena), w.here.id or 0, garden)
    )
    assert err.key == "youth.consent_needed"  # asked is not given
    db.rollback()

    parental_consent.confirm_consent(
        db,
        token=parent_token,
        parent_name="Paul Vater",
        relation="father",
        accept_privacy=True,
        accept_terms=True,
    )
    db.commit()
    view = _state(db, w, lena)
    assert (view.state, view.parent_name, view.relation, view.may_request) == (
        "given",
        "Paul Vater",
        "father",
        False,
    )
    cid = _talk(db, w, garden, lena)
    assert not _agree(db, w, cid, lena, JobInput(saturday.isoformat(), "15:00", "1,5"))
    db.commit()
    assert any("Unkraut jäten" in Inbox.text(m) for m in inbox.to("papa@example.org"))
    # Given is given: no new request, nothing mailed.
    before = len(inbox.messages)
    assert _refused(lambda: _ask(db, w, lena, "mama@example.org")).key == (
        "youth.consent_request_given"
    )
    db.rollback()
    db.commit()
    assert len(inbox.messages) == before


def test_asking_again_replaces_the_open_request(db: Session, w: World, inbox: Inbox) -> None:
    lena = _minor(db, w.here, "lena@example.org", 16)
    db.commit()
    _ask(db, w, lena, "papa@example.org")
    db.commit()
    first = _token(Inbox.text(inbox.to("papa@example.org")[0]), "/eltern-zustimmung")
    _ask(db, w, lena, "mama@example.org")
    db.commit()
    second = _token(Inbox.text(inbox.to("mama@example.org")[0]), "/eltern-zustimmung")
    # One row, the newest address; the first link no longer works.
    [row] = db.exec(select(ParentalConsent).where(ParentalConsent.user_id == lena.id)).all()
    assert row.parent_email == "mama@example.org"
    assert _refused(lambda: parental_consent.consent_view(db, first)).key == (
        "youth.consent_token_invalid"
    )
    assert parental_consent.consent_view(db, second).child_name == lena.display_name


def test_after_a_withdrawal_the_young_person_cannot_ask_anew(
    db: Session, w: World, inbox: Inbox
) -> None:
    lena = _minor(db, w.here, "lena@example.org", 17)
    consent = _consent(db, lena)
    parental_consent.withdraw_consent(db, token=_with_token(db, consent))
    db.commit()
    view = _state(db, w, lena)
    assert (view.state, view.may_request) == ("withdrawn", False)
    before = len(inbox.messages)
    err = _refused(lambda: _ask(db, w, lena, "freundin@example.org"))
    assert (err.key, err.params["contact"]) == (
        "youth.consent_request_withdrawn",
        "rathaus@delbrueck.example",
    )
    db.rollback()
    db.refresh(consent)
    assert consent.withdrawn_at is not None and consent.parent_email != "freundin@example.org"
    assert len(inbox.messages) == before


def test_asking_a_parent_is_throttled_per_account_and_per_address(db: Session, w: World) -> None:
    lena = _minor(db, w.here, "lena@example.org", 17)
    paul = _minor(db, w.here, "paul@example.org", 16)
    mia = _minor(db, w.here, "mia@example.org", 16)
    db.commit()
    for n in range(3):
        _ask(db, w, lena, f"eltern{n}@example.org")
        db.commit()
    assert isinstance(_refused(lambda: _ask(db, w, lena, "eltern9@example.org")), TooManyAttempts)
    db.rollback()
    # eltern0 has had one mail from Lena's requests: two more, then no more from anyone.
    for _ in range(2):
        _ask(db, w, paul, "eltern0@example.org")
        db.commit()
    assert isinstance(_refused(lambda: _ask(db, w, mia, "eltern0@example.org")), TooManyAttempts)
    db.rollback()
    # A refused request changed nothing: the last mailed address still holds.
    row = parental_consent.consent_of(db, w.here.id or 0, lena.id or 0)
    assert row is not None and row.parent_email == "eltern2@example.org"
    assert parental_consent.consent_of(db, w.here.id or 0, mia.id or 0) is None


@pytest.mark.parametrize(
    ("who", "key"),
    [
        ("anonymous", "auth.required"),
        ("adult", "youth.account_adult"),
        ("under_16", "youth.account_under_16"),
        ("blocked", "error.not_allowed"),
        ("other_kommune", "error.not_allowed"),
        ("consent_due", "consent.due"),
    ],
)
def test_wrong_people_cannot_ask_a_parent_or_set_the_school(
    db: Session, w: World, inbox: Inbox, who: str, key: str
) -> None:
    lena = _minor(db, w.here, "lena@example.org", 17)
    if who == "anonymous":
        actor = ANONYMOUS
    elif who == "adult":
        actor = f.actor(db, w.senior)
    elif who == "under_16":
        actor = f.actor(db, _minor(db, w.here, "kim@example.org", 15))
    elif who == "other_kommune":
        actor = f.actor(db, _minor(db, w.other, "lea@example.org", 17))
    else:
        actor = f.actor(db, lena)
        if who == "blocked":
            lena.status = UserStatus.BLOCKED
            db.add(lena)
        else:
            actor = replace(actor, consent_due=True)
    db.commit()
    err = _refused(lambda: _ask(db, w, actor, "papa@example.org"))
    assert isinstance(err, NotAllowed) and err.key == key
    db.rollback()
    if who != "under_16":
        err = _refused(
            lambda: youth_account.set_in_school(db, actor, w.here.id or 0, in_school=False)
        )
        assert isinstance(err, NotAllowed)
        db.rollback()
        assert youth_account.youth_account(db, actor, w.here.id or 0) == (
            youth_account.YouthAccount()
        )
    assert db.exec(select(ParentalConsent).where(ParentalConsent.user_id == lena.id)).all() == []
    assert inbox.messages == []
    db.refresh(lena)
    assert lena.in_full_time_school


def test_the_parents_address_is_checked(db: Session, w: World, inbox: Inbox) -> None:
    lena = _minor(db, w.here, "lena@example.org", 17)
    db.commit()
    for typed, key in (("", "email.required"), ("papa@", "email.invalid")):
        err = _refused(lambda t=typed: _ask(db, w, lena, t))
        assert (err.field, err.key) == ("parent_email", key)  # type: ignore[attr-defined]
        db.rollback()
    err = _refused(lambda: _ask(db, w, lena, "Lena@example.org"))
    assert (err.field, err.key) == ("parent_email", "youth.parent_email_own")  # type: ignore[attr-defined]
    db.rollback()
    assert inbox.messages == []


def test_a_minor_says_they_left_school_and_the_rules_follow(db: Session, w: World) -> None:
    lena = _minor(db, w.here, "lena@example.org", 16)
    _consent(db, lena)
    saturday = _next(5)
    long_job = _job(db, w, "Umzugshilfe", day=saturday, window=("09:00", "17:00"), hours="4")
    db.commit()
    listing = db.get(Listing, long_job)
    assert listing is not None
    refusal = listing_refusal(db, lena, listing)
    assert refusal is not None and refusal.key == "youth.rule.child_2h"
    assert _state(db, w, lena).in_school
    youth_account.set_in_school(db, f.actor(db, lena), w.here.id or 0, in_school=False)
    db.commit()
    db.refresh(lena)
    assert not lena.in_full_time_school and not _state(db, w, lena).in_school
    assert listing_refusal(db, lena, listing) is None
    youth_account.set_in_school(db, f.actor(db, lena), w.here.id or 0, in_school=True)
    db.commit()
    db.refresh(lena)
    assert lena.in_full_time_school


def test_a_masked_address_shows_little() -> None:
    assert mask_email("papa@example.org") == "p…@example.org"
    assert mask_email("mama.taschengeld@example.org") == "ma…@example.org"
    assert mask_email("kaputt") == "…"
