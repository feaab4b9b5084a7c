"""Institutions: registration (logged in, or with the person's own registration), admission
by each Kommune in the approval queue, members by one-time link, listings as the
institution, notices, the shared inbox, the browse filters — and every wrong person."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import Session, col, select

from dasnez_core.actor import ANONYMOUS, Actor
from dasnez_core.errors import InvalidInput, NotAllowed, NotFound
from dasnez_core.mail import Mail
from dasnez_core.models import (
    AdmissionStatus,
    AuditAction,
    AuditEvent,
    Institution,
    InstitutionAdmission,
    InstitutionInvite,
    InstitutionMember,
    Listing,
    PendingRegistration,
    Role,
    RoleGrant,
    UserStatus,
    utcnow,
)
from dasnez_core.services import account, admin_detail, approval, auth, institutions, registration
from dasnez_core.services import institution_inbox as inbox
from dasnez_core.services import institution_members as members
from dasnez_core.services import institution_profile as profile
from dasnez_core.services.institutions import InstitutionForm
from dasnez_core.services.listings import ListingDraft
from dasnez_core.services.search import SearchFilters, get_listing_detail, search_public
from tests import factories as f
from tests.unit.test_logos import tiny_png

FORM = InstitutionForm(
    name="Caritas Delbrück",
    kind="welfare",
    description="Beratung und Besuchsdienste.",
    contact="Lange Straße 1, 05250 1234",
    website="www.caritas-delbrueck.de",
)


def _mails(db: Session) -> list[Mail]:
    return list(db.info.get("dasnez_outbox", []))


def _token(mail: Mail) -> str:
    found = re.search(r"token=([A-Za-z0-9_\-]+)", mail.body)
    assert found is not None
    return found.group(1)


def _world(db: Session) -> dict[str, Any]:
    here = f.kommune(db)
    there = f.kommune(db, slug="bad-lippspringe", name="Bad Lippspringe")
    boke = f.district(db, here, "Boke")
    _, cat = f.exchange_with_category(db, here)
    _, there_cat = f.exchange_with_category(db, there)
    there_area = f.district(db, there, "Mitte")
    people = {
        "admin": f.user(db, here, "admin@d.example", roles=(Role.KOMMUNE_ADMIN,), name="Admin"),
        "other_admin": f.user(
            db, there, "admin@bl.example", roles=(Role.KOMMUNE_ADMIN,), name="Admin BL"
        ),
        "lead": f.user(db, here, "lead@d.example", name="Lena Leitung", area=boke),
        "member": f.user(db, here, "member@d.example", name="Max Mitglied"),
        "citizen": f.user(db, here, "citizen@d.example", name="Clara Bürgerin"),
        "pending": f.user(db, here, "pending@d.example", status=UserStatus.PENDING),
        "blocked": f.user(db, here, "blocked@d.example", status=UserStatus.BLOCKED),
        "stranger": f.user(db, there, "stranger@bl.example", name="Sven Fremd"),
    }
    db.flush()
    return {
        "here": here,
        "there": there,
        "boke": boke,
        "cat": cat,
        "there_cat": there_cat,
        "there_area": there_area,
        **people,
    }


def _a(db: Session, w: dict[str, Any], who: str) -> Actor:
    return ANONYMOUS if who == "anonymous" else f.actor(db, w[who])


def _approved_institution(db: Session, w: dict[str, Any]) -> str:
    ref = institutions.register_institution(
        db, _a(db, w, "lead"), w["here"].id, replace(FORM, area_ids=(w["boke"].id,))
    )
    iid = db.exec(select(Institution.id).where(Institution.handle == ref.handle)).one()
    institutions.approve_institution(db, _a(db, w, "admin"), w["here"].id, iid)
    return ref.handle


def _invite_and_join(db: Session, w: dict[str, Any], handle: str, who: str = "member") -> None:
    before = len(_mails(db))
    members.invite_member(db, _a(db, w, "lead"), w["here"].id, handle, w[who].email)
    token = _token(_mails(db)[before])
    members.accept_invite(db, _a(db, w, who), token)


def _draft(w: dict[str, Any], title: str = "Besuchsdienst für Senioren") -> ListingDraft:
    return ListingDraft(
        kind="offer",
        exchange_id=None,
        category_id=w["cat"].id,
        title=title,
        body="Wir besuchen Sie zu Hause und bringen Zeit mit.",
        area_id=w["boke"].id,
    )


# --- registration -----------------------------------------------------------------------------


def test_registered_institution_waits_in_the_queue_and_is_approved(db: Session) -> None:
    w = _world(db)
    ref = institutions.register_institution(db, _a(db, w, "lead"), w["here"].id, FORM)
    assert ref.handle == "caritas-delbruck"
    queue = institutions.list_pending_institutions(db, _a(db, w, "admin"), w["here"].id)
    assert [(p.name, p.responsible_name, p.responsible_pending) for p in queue] == [
        ("Caritas Delbrück", "Lena Leitung", False)
    ]
    assert institutions.count_pending_institutions(db, _a(db, w, "admin"), w["here"].id) == 1
    # Not public before the admission.
    with pytest.raises(NotFound):
        institutions.institution_page(db, w["here"].id, ref.handle, date.today())
    institutions.approve_institution(db, _a(db, w, "admin"), w["here"].id, queue[0].institution_id)
    page = institutions.institution_page(db, w["here"].id, ref.handle, date.today())
    assert page.website == "https://www.caritas-delbrueck.de"
    assert [n.name for n in institutions.networks(db, w["here"].id)] == ["Caritas Delbrück"]
    assert db.exec(
        select(RoleGrant).where(
            RoleGrant.user_id == w["lead"].id, RoleGrant.role == Role.INSTITUTION_MEMBER
        )
    ).first()
    assert any("freigeschaltet" in m.subject for m in _mails(db))


def test_existing_name_is_offered_in_folded_spelling(db: Session) -> None:
    w = _world(db)
    institutions.register_institution(db, _a(db, w, "lead"), w["here"].id, FORM)
    offered = institutions.same_name(db, w["here"].id, "  caritas   DELBRUECK ")
    assert offered is not None and offered.handle == "caritas-delbruck"
    with pytest.raises(InvalidInput) as exc:
        institutions.register_institution(
            db, _a(db, w, "citizen"), w["here"].id, replace(FORM, name="Caritas Delbrueck")
        )
    assert exc.value.key == "institution.name_exists"
    # Another Kommune has no such institution: the same name is free there.
    assert institutions.same_name(db, w["there"].id, "Caritas Delbrück") is None


def test_bad_input_is_reported_field_by_field(db: Session) -> None:
    w = _world(db)
    bad = InstitutionForm(
        name="C", kind="bank", contact="", website="not a url", area_ids=(w["there_area"].id,)
    )
    with pytest.raises(InvalidInput) as exc:
        institutions.register_institution(db, _a(db, w, "lead"), w["here"].id, bad)
    assert {p.field for p in exc.value.problems} == {
        "name",
        "kind",
        "contact",
        "website",
        "area_ids",
    }
    assert db.exec(select(Institution)).first() is None


@pytest.mark.parametrize("who", ["anonymous", "pending", "blocked"])
def test_wrong_people_cannot_register(db: Session, who: str) -> None:
    w = _world(db)
    with pytest.raises((NotAllowed, NotFound)):
        institutions.register_institution(db, _a(db, w, who), w["here"].id, FORM)


def test_registration_in_the_same_flow_waits_for_the_confirmation(db: Session) -> None:
    w = _world(db)
    auth.register(
        db,
        kommune_slug="delbrueck",
        email="neu@caritas.example",
        password="Lange-Pass-2026!x",
        display_name="Nina Neu",
        area_id=w["boke"].id,
        accept_privacy=True,
        accept_terms=True,
    )
    institutions.register_institution(
        db, ANONYMOUS, w["here"].id, FORM, responsible_email="neu@caritas.example"
    )
    admin = _a(db, w, "admin")
    assert institutions.list_pending_institutions(db, admin, w["here"].id) == []
    token = _token(_mails(db)[0])
    registration.confirm_registration(db, token=token)
    queue = institutions.list_pending_institutions(db, admin, w["here"].id)
    assert [(p.responsible_name, p.responsible_pending) for p in queue] == [("Nina Neu", True)]
    # The person is approved first; until then the institution is refused with the reason.
    with pytest.raises(InvalidInput) as exc:
        institutions.approve_institution(db, admin, w["here"].id, queue[0].institution_id)
    assert exc.value.key == "institution.responsible_pending"


def test_unconfirmed_institutions_go_with_their_registration(db: Session) -> None:
    w = _world(db)
    institutions.register_institution(
        db, ANONYMOUS, w["here"].id, FORM, responsible_email="nie@bestaetigt.example"
    )
    assert registration.delete_unconfirmed(db, now=utcnow() + timedelta(days=6)) == 0
    assert db.exec(select(Institution)).first() is not None
    registration.delete_unconfirmed(db, now=utcnow() + timedelta(days=7, minutes=1))
    assert db.exec(select(Institution)).first() is None
    assert db.exec(select(PendingRegistration)).first() is None


@pytest.mark.parametrize("who", ["anonymous", "pending", "citizen", "lead", "other_admin"])
def test_only_this_kommunes_admin_admits(db: Session, who: str) -> None:
    w = _world(db)
    institutions.register_institution(db, _a(db, w, "lead"), w["here"].id, FORM)
    iid = db.exec(select(Institution.id)).one()
    with pytest.raises((NotAllowed, NotFound)):
        institutions.approve_institution(db, _a(db, w, who), w["here"].id, iid)
    with pytest.raises((NotAllowed, NotFound)):
        institutions.decline_institution(db, _a(db, w, who), w["here"].id, iid, "Kein Bezug")
    with pytest.raises((NotAllowed, NotFound)):
        institutions.list_pending_institutions(db, _a(db, w, who), w["here"].id)


def test_other_kommunes_admin_finds_nothing_through_own_kommune(db: Session) -> None:
    w = _world(db)
    institutions.register_institution(db, _a(db, w, "lead"), w["here"].id, FORM)
    iid = db.exec(select(Institution.id)).one()
    with pytest.raises(NotFound):
        institutions.approve_institution(db, _a(db, w, "other_admin"), w["there"].id, iid)


def test_declined_institution_is_removed_with_a_mailed_reason(db: Session) -> None:
    w = _world(db)
    institutions.register_institution(db, _a(db, w, "lead"), w["here"].id, FORM)
    iid = db.exec(select(Institution.id)).one()
    with pytest.raises(InvalidInput):
        institutions.decline_institution(db, _a(db, w, "admin"), w["here"].id, iid, "")
    institutions.decline_institution(
        db, _a(db, w, "admin"), w["here"].id, iid, "Bitte als Verein anmelden."
    )
    assert db.exec(select(Institution)).first() is None
    assert db.exec(select(InstitutionMember)).first() is None
    assert any("Bitte als Verein anmelden." in m.body for m in _mails(db))


# --- several Kommunen -------------------------------------------------------------------------


def test_each_kommune_admits_separately(db: Session) -> None:
    w = _world(db)
    handle = _approved_institution(db, w)
    institutions.request_admission(db, _a(db, w, "lead"), handle, w["there"].id)
    with pytest.raises(NotFound):
        institutions.institution_page(db, w["there"].id, handle, date.today())
    with pytest.raises(InvalidInput):
        institutions.request_admission(db, _a(db, w, "lead"), handle, w["there"].id)
    iid = db.exec(select(Institution.id)).one()
    # Delbrück's admin cannot admit it for Bad Lippspringe.
    with pytest.raises(NotAllowed):
        institutions.approve_institution(db, _a(db, w, "admin"), w["there"].id, iid)
    institutions.approve_institution(db, _a(db, w, "other_admin"), w["there"].id, iid)
    assert {m.kommune_slug for m in members.my_institutions(db, _a(db, w, "lead"))} == {
        "delbrueck",
        "bad-lippspringe",
    }
    # The member of Delbrück posts in Bad Lippspringe as the institution, with one login.
    draft = replace(_draft(w), category_id=w["there_cat"].id, area_id=w["there_area"].id)
    members.create_listing_as(db, _a(db, w, "lead"), w["there"].id, handle, draft)
    page = search_public(db, w["there"].id, SearchFilters(institution=handle))
    assert [c.author for c in page.cards] == ["Caritas Delbrück"]


def test_only_the_responsible_person_requests_another_kommune(db: Session) -> None:
    w = _world(db)
    handle = _approved_institution(db, w)
    _invite_and_join(db, w, handle)
    for who in ("member", "citizen", "anonymous"):
        with pytest.raises((NotAllowed, NotFound)):
            institutions.request_admission(db, _a(db, w, who), handle, w["there"].id)


# --- members ----------------------------------------------------------------------------------


def test_invited_member_joins_once_and_posts_as_the_institution(db: Session) -> None:
    w = _world(db)
    handle = _approved_institution(db, w)
    members.invite_member(db, _a(db, w, "lead"), w["here"].id, handle, "member@d.example")
    token = _token(_mails(db)[-1])
    stored = db.exec(select(InstitutionInvite)).one()
    assert stored.token_hash != token and token not in stored.token_hash
    # Another person holding the link cannot use it.
    with pytest.raises(InvalidInput):
        members.accept_invite(db, _a(db, w, "citizen"), token)
    joined = members.accept_invite(db, _a(db, w, "member"), token)
    assert joined.handle == handle
    with pytest.raises(InvalidInput):
        members.accept_invite(db, _a(db, w, "member"), token)
    listing_id = members.create_listing_as(db, _a(db, w, "member"), w["here"].id, handle, _draft(w))
    listing = db.get(Listing, listing_id)
    assert listing is not None and listing.author_id == w["member"].id
    detail = get_listing_detail(db, ANONYMOUS, w["here"].id, listing_id)
    assert (detail.author, detail.institution_handle) == ("Caritas Delbrück", handle)
    only = search_public(db, w["here"].id, SearchFilters(institutions_only=True))
    assert [c.id for c in only.cards] == [listing_id]
    assert search_public(db, w["here"].id, SearchFilters(institution="unbekannt")).cards == []


def test_expired_invitation_is_refused(db: Session) -> None:
    w = _world(db)
    handle = _approved_institution(db, w)
    members.invite_member(db, _a(db, w, "lead"), w["here"].id, handle, "member@d.example")
    token = _token(_mails(db)[-1])
    row = db.exec(select(InstitutionInvite)).one()
    row.expires_at = utcnow() - timedelta(minutes=1)
    db.add(row)
    with pytest.raises(InvalidInput) as exc:
        members.accept_invite(db, _a(db, w, "member"), token)
    assert exc.value.key == "institution.invite_expired"


def test_invitation_to_another_kommunes_account_answers_the_same_but_sends_nothing(
    db: Session,
) -> None:
    w = _world(db)
    handle = _approved_institution(db, w)
    before = len(_mails(db))
    members.invite_member(db, _a(db, w, "lead"), w["here"].id, handle, "stranger@bl.example")
    assert len(_mails(db)) == before
    assert db.exec(select(InstitutionInvite)).first() is None
    # An address without an account gets the invitation (it may register first).
    members.invite_member(db, _a(db, w, "lead"), w["here"].id, handle, "neu@example.org")
    assert len(_mails(db)) == before + 1


@pytest.mark.parametrize(
    "who",
    ["anonymous", "pending", "blocked", "citizen", "member", "admin", "other_admin", "stranger"],
)
def test_only_the_responsible_person_invites_and_removes(db: Session, who: str) -> None:
    w = _world(db)
    handle = _approved_institution(db, w)
    if who == "member":
        _invite_and_join(db, w, handle)
    with pytest.raises((NotAllowed, NotFound)):
        members.invite_member(db, _a(db, w, who), w["here"].id, handle, "x@example.org")
    with pytest.raises((NotAllowed, NotFound)):
        members.remove_member(db, _a(db, w, who), w["here"].id, handle, w["lead"].id)


def test_removed_member_loses_the_institution_and_the_role(db: Session) -> None:
    w = _world(db)
    handle = _approved_institution(db, w)
    _invite_and_join(db, w, handle)
    lead = _a(db, w, "lead")
    assert [m.name for m in members.list_members(db, lead, w["here"].id, handle)] == [
        "Lena Leitung",
        "Max Mitglied",
    ]
    with pytest.raises(InvalidInput):
        members.remove_member(db, lead, w["here"].id, handle, w["lead"].id)
    assert members.remove_member(db, lead, w["here"].id, handle, w["member"].id) == "Max Mitglied"
    with pytest.raises(NotFound):
        members.create_listing_as(db, _a(db, w, "member"), w["here"].id, handle, _draft(w))
    assert not db.exec(
        select(RoleGrant).where(
            RoleGrant.user_id == w["member"].id, RoleGrant.role == Role.INSTITUTION_MEMBER
        )
    ).first()


@pytest.mark.parametrize(
    "who", ["anonymous", "pending", "blocked", "citizen", "admin", "other_admin", "stranger"]
)
def test_non_members_cannot_act_for_the_institution(db: Session, who: str) -> None:
    w = _world(db)
    handle = _approved_institution(db, w)
    here = w["here"].id
    calls = [
        lambda a: members.create_listing_as(db, a, here, handle, _draft(w)),
        lambda a: members.add_notice(db, a, here, handle, title="Sprechstunde", body=""),
        lambda a: members.list_members(db, a, here, handle),
        lambda a: inbox.inbox(db, a, here, handle),
        lambda a: inbox.read_thread(db, a, here, handle, 1),
        lambda a: inbox.answer(db, a, here, handle, 1, "Hallo"),
    ]
    for call in calls:
        with pytest.raises((NotAllowed, NotFound)):
            call(_a(db, w, who))


def test_members_act_only_where_the_institution_is_admitted(db: Session) -> None:
    w = _world(db)
    handle = _approved_institution(db, w)
    draft = replace(_draft(w), category_id=w["there_cat"].id, area_id=w["there_area"].id)
    with pytest.raises(NotFound):
        members.create_listing_as(db, _a(db, w, "lead"), w["there"].id, handle, draft)


# --- notices ----------------------------------------------------------------------------------


def test_members_manage_dated_notices(db: Session) -> None:
    w = _world(db)
    handle = _approved_institution(db, w)
    lead = _a(db, w, "lead")
    with pytest.raises(InvalidInput) as exc:
        members.add_notice(
            db,
            lead,
            w["here"].id,
            handle,
            title="x",
            body="",
            event_date="morgen",
            publish_until="2000-01-01",
        )
    assert {p.field for p in exc.value.problems} == {"notice_title", "notice_date", "notice_until"}
    today = date.today()
    notice_id = members.add_notice(
        db,
        lead,
        w["here"].id,
        handle,
        title="Offene Sprechstunde",
        body="Jeden Dienstag.",
        event_date=(today + timedelta(days=3)).isoformat(),
        publish_until=(today + timedelta(days=10)).isoformat(),
    )
    page = institutions.institution_page(db, w["here"].id, handle, today)
    assert [n.title for n in page.notices] == ["Offene Sprechstunde"]
    assert institutions.current_notices(db, w["here"].id, page.id, today + timedelta(days=11)) == []
    with pytest.raises(NotFound):
        members.delete_notice(db, _a(db, w, "citizen"), w["here"].id, handle, notice_id)
    members.delete_notice(db, lead, w["here"].id, handle, notice_id)
    assert institutions.institution_page(db, w["here"].id, handle, today).notices == []


# --- the shared inbox -------------------------------------------------------------------------


def test_a_message_reaches_every_member_and_the_answer_comes_from_the_institution(
    db: Session,
) -> None:
    w = _world(db)
    handle = _approved_institution(db, w)
    _invite_and_join(db, w, handle)
    here = w["here"].id
    citizen = _a(db, w, "citizen")
    thread_id = inbox.write_to_institution(db, citizen, here, handle, "Haben Sie Zeit am Montag?")
    for who in ("lead", "member"):
        rows = inbox.inbox(db, _a(db, w, who), here, handle)
        assert [(r.person, r.unread) for r in rows] == [("Clara Bürgerin", True)]
    person, messages = inbox.read_thread(db, _a(db, w, "member"), here, handle, thread_id)
    assert person == "Clara Bürgerin"
    assert [m.body for m in messages] == ["Haben Sie Zeit am Montag?"]
    assert not inbox.inbox(db, _a(db, w, "lead"), here, handle)[0].unread
    inbox.answer(db, _a(db, w, "member"), here, handle, thread_id, "Ja, gern!")
    seen = inbox.my_conversation(db, citizen, here, handle)
    assert [(m.sender, m.from_institution) for m in seen] == [
        ("Clara Bürgerin", False),
        ("Caritas Delbrück", True),
    ]
    # A second message goes into the same conversation.
    assert inbox.write_to_institution(db, citizen, here, handle, "Danke!") == thread_id


@pytest.mark.parametrize("who", ["anonymous", "pending", "blocked", "stranger", "other_admin"])
def test_wrong_people_cannot_write_to_the_institution(db: Session, who: str) -> None:
    w = _world(db)
    handle = _approved_institution(db, w)
    with pytest.raises((NotAllowed, NotFound)):
        inbox.write_to_institution(db, _a(db, w, who), w["here"].id, handle, "Hallo")


def test_members_cannot_open_another_institutions_thread(db: Session) -> None:
    w = _world(db)
    handle = _approved_institution(db, w)
    other = institutions.register_institution(
        db,
        _a(db, w, "member"),
        w["here"].id,
        replace(FORM, name="Seniorenhilfe Boke", kind="senior_help"),
    )
    oid = db.exec(select(Institution.id).where(Institution.handle == other.handle)).one()
    institutions.approve_institution(db, _a(db, w, "admin"), w["here"].id, oid)
    thread_id = inbox.write_to_institution(db, _a(db, w, "citizen"), w["here"].id, handle, "Hi")
    with pytest.raises(NotFound):
        inbox.read_thread(db, _a(db, w, "member"), w["here"].id, other.handle, thread_id)
    with pytest.raises(NotFound):
        inbox.answer(db, _a(db, w, "member"), w["here"].id, other.handle, thread_id, "Hallo")
    with pytest.raises(InvalidInput):
        inbox.write_to_institution(db, _a(db, w, "lead"), w["here"].id, handle, "an mich selbst")


def test_admission_status_rows_stay_per_kommune(db: Session) -> None:
    w = _world(db)
    _approved_institution(db, w)
    rows = db.exec(select(InstitutionAdmission.kommune_id, InstitutionAdmission.status)).all()
    assert rows == [(w["here"].id, AdmissionStatus.APPROVED)]
    assert db.exec(select(col(InstitutionMember.is_lead))).all() == [True]


# --- people leaving ---------------------------------------------------------------------------


def test_deleting_the_responsible_persons_account_hands_the_institution_on(db: Session) -> None:
    w = _world(db)
    handle = _approved_institution(db, w)
    _invite_and_join(db, w, handle)
    inbox.write_to_institution(db, _a(db, w, "citizen"), w["here"].id, handle, "Hallo")
    thread_id = inbox.inbox(db, _a(db, w, "lead"), w["here"].id, handle)[0].id
    inbox.answer(db, _a(db, w, "lead"), w["here"].id, handle, thread_id, "Gern!")
    account.delete_account(db, _a(db, w, "lead"), w["here"].id, password=f.PASSWORD, confirmed=True)
    institution = db.exec(select(Institution)).one()
    assert institution.responsible_id == w["member"].id
    # The answer stays, without the person who wrote it.
    _, messages = inbox.read_thread(db, _a(db, w, "member"), w["here"].id, handle, thread_id)
    assert [(m.sender, m.body) for m in messages][-1] == ("Caritas Delbrück", "Gern!")
    # The last member leaving removes the institution and its inbox.
    account.delete_account(
        db, _a(db, w, "member"), w["here"].id, password=f.PASSWORD, confirmed=True
    )
    assert db.exec(select(Institution)).first() is None
    assert institutions.networks(db, w["here"].id) == []


def test_a_citizen_deleting_their_account_takes_their_conversation_along(db: Session) -> None:
    w = _world(db)
    handle = _approved_institution(db, w)
    inbox.write_to_institution(db, _a(db, w, "citizen"), w["here"].id, handle, "Hallo")
    account.delete_account(
        db, _a(db, w, "citizen"), w["here"].id, password=f.PASSWORD, confirmed=True
    )
    assert inbox.inbox(db, _a(db, w, "lead"), w["here"].id, handle) == []


def test_declining_a_person_registered_with_an_institution_removes_both(db: Session) -> None:
    w = _world(db)
    auth.register(
        db,
        kommune_slug="delbrueck",
        email="neu@caritas.example",
        password="Lange-Pass-2026!x",
        display_name="Nina Neu",
        area_id=w["boke"].id,
        accept_privacy=True,
        accept_terms=True,
    )
    institutions.register_institution(
        db, ANONYMOUS, w["here"].id, FORM, responsible_email="neu@caritas.example"
    )
    registration.confirm_registration(db, token=_token(_mails(db)[0]))
    nina = db.exec(select(InstitutionMember)).one()
    approval.decline_user(db, _a(db, w, "admin"), w["here"].id, nina.user_id, "Unbekannt.")
    assert db.exec(select(Institution)).first() is None


def test_the_admin_sees_which_member_posted_for_the_institution(db: Session) -> None:
    w = _world(db)
    handle = _approved_institution(db, w)
    _invite_and_join(db, w, handle)
    listing_id = members.create_listing_as(db, _a(db, w, "member"), w["here"].id, handle, _draft(w))
    seen = admin_detail.listing_detail(db, _a(db, w, "admin"), w["here"].id, listing_id)
    assert (seen.author_name, seen.institution) == ("Max Mitglied", "Caritas Delbrück")


# --- editing the details ----------------------------------------------------------------------


def _edit(
    db: Session, w: dict[str, Any], handle: str, who: str = "lead", **changes: Any
) -> institutions.InstitutionRef:
    places = changes.pop("places", {})
    logo = changes.pop("logo", b"")
    remove_logo = changes.pop("remove_logo", False)
    return profile.update_institution(
        db,
        _a(db, w, who),
        w["here"].id,
        handle,
        replace(FORM, **changes),
        places,
        logo=logo,
        logo_name="logo.png",
        remove_logo=remove_logo,
    )


def _edits(db: Session) -> list[AuditEvent]:
    return list(
        db.exec(select(AuditEvent).where(AuditEvent.action == AuditAction.UPDATE_INSTITUTION))
    )


def test_the_responsible_person_edits_the_details_and_places(db: Session) -> None:
    w = _world(db)
    handle = _approved_institution(db, w)
    westenholz = f.district(db, w["here"], "Westenholz")
    school = f.social_space(db, w["here"], "Grundschule Boke")
    details = profile.institution_details(db, _a(db, w, "lead"), w["here"].id, handle)
    assert [(p.kommune_name, p.area_ids) for p in details.places] == [
        (w["here"].name, [w["boke"].id])
    ]
    ref = _edit(
        db,
        w,
        handle,
        name="Caritas Delbrück-Boke",
        kind="senior_help",
        description="Besuchsdienste und Beratung.",
        contact="Dorfstraße 3, 05250 777",
        website="caritas.example",
        places={w["here"].id: ((westenholz.id,), (school.id,))},
    )
    assert ref.handle == handle  # the address stays
    page = institutions.institution_page(db, w["here"].id, handle, date.today())
    assert (page.name, page.kind, page.description, page.contact, page.website) == (
        "Caritas Delbrück-Boke",
        "senior_help",
        "Besuchsdienste und Beratung.",
        "Dorfstraße 3, 05250 777",
        "https://caritas.example",
    )
    assert (page.areas, page.spaces) == (["Westenholz"], ["Grundschule Boke"])
    assert institutions.same_name(db, w["here"].id, "caritas delbruck-boke") is not None
    [event] = _edits(db)
    assert (event.actor_id, event.kommune_id, event.target_type) == (
        w["lead"].id,
        w["here"].id,
        "institution",
    )
    assert event.reason == "name, kind, description, contact, website, places"
    # Saving the same again changes nothing and records nothing.
    _edit(
        db,
        w,
        handle,
        name="Caritas Delbrück-Boke",
        kind="senior_help",
        description="Besuchsdienste und Beratung.",
        contact="Dorfstraße 3, 05250 777",
        website="https://caritas.example",
        places={w["here"].id: ((westenholz.id,), (school.id,))},
    )
    assert len(_edits(db)) == 1


def test_the_institution_may_keep_its_own_name_in_another_spelling(db: Session) -> None:
    w = _world(db)
    handle = _approved_institution(db, w)
    _edit(db, w, handle, name="CARITAS Delbrueck")
    assert institutions.institution_page(db, w["here"].id, handle, date.today()).name == (
        "CARITAS Delbrueck"
    )


def test_a_name_of_another_institution_is_refused_offering_it(db: Session) -> None:
    w = _world(db)
    handle = _approved_institution(db, w)
    institutions.register_institution(
        db, _a(db, w, "citizen"), w["here"].id, replace(FORM, name="Seniorenhilfe Boke")
    )
    with pytest.raises(InvalidInput) as exc:
        _edit(db, w, handle, name="seniorenhilfe  BOKE")
    assert [(p.field, p.key) for p in exc.value.problems] == [("name", "institution.name_exists")]
    institution_id = db.exec(select(Institution.id).where(Institution.handle == handle)).one()
    taken = profile.name_taken(db, institution_id, "Seniorenhilfe Boke")
    assert taken is not None and taken.ref.handle == "seniorenhilfe-boke"
    assert taken.kommune_slug == w["here"].slug
    assert institutions.institution_page(db, w["here"].id, handle, date.today()).name == (
        "Caritas Delbrück"
    )


def test_a_name_taken_in_another_of_its_kommunen_is_refused(db: Session) -> None:
    w = _world(db)
    handle = _approved_institution(db, w)
    institutions.register_institution(
        db, _a(db, w, "stranger"), w["there"].id, replace(FORM, name="Tafel Bad Lippspringe")
    )
    institutions.request_admission(db, _a(db, w, "lead"), handle, w["there"].id)
    with pytest.raises(InvalidInput) as exc:
        _edit(db, w, handle, name="Tafel Bad Lippspringe")
    assert exc.value.key == "institution.name_exists"


def test_bad_details_are_reported_field_by_field_and_nothing_is_written(db: Session) -> None:
    w = _world(db)
    handle = _approved_institution(db, w)
    here = w["here"].id
    with pytest.raises(InvalidInput) as exc:
        _edit(
            db,
            w,
            handle,
            name="C",
            kind="bank",
            description="x" * 2001,
            contact="",
            website="kein link",
            logo=b"<svg></svg>",
            places={here: ((w["there_area"].id,), (999_999,))},
        )
    assert {(p.field, p.key) for p in exc.value.problems} == {
        ("name", "institution.name_too_short"),
        ("kind", "institution.kind_required"),
        ("description", "institution.description_too_long"),
        ("contact", "institution.contact_required"),
        ("website", "institution.website_invalid"),
        ("logo", "masterdata.logo_wrong_type"),
        (f"area_ids_{here}", "area.unknown"),
        (f"space_ids_{here}", "listing.social_space_unknown"),
    }
    with pytest.raises(InvalidInput) as exc:
        _edit(db, w, handle, name="x" * 121, contact="y" * 501)
    assert {p.key for p in exc.value.problems} == {
        "institution.name_too_long",
        "institution.contact_too_long",
    }
    page = institutions.institution_page(db, here, handle, date.today())
    assert (page.name, page.areas) == ("Caritas Delbrück", ["Boke"])
    assert _edits(db) == []


def test_places_of_a_kommune_that_does_not_list_it_are_not_found(db: Session) -> None:
    w = _world(db)
    handle = _approved_institution(db, w)
    with pytest.raises(NotFound):
        _edit(db, w, handle, places={w["there"].id: ((w["there_area"].id,), ())})


def test_places_are_edited_per_kommune_each_through_its_own(db: Session) -> None:
    w = _world(db)
    handle = _approved_institution(db, w)
    institutions.request_admission(db, _a(db, w, "lead"), handle, w["there"].id)
    here, there = w["here"].id, w["there"].id
    # Boke belongs to Delbrück: not an Ortsteil of Bad Lippspringe.
    with pytest.raises(InvalidInput) as exc:
        _edit(db, w, handle, places={there: ((w["boke"].id,), ())})
    assert exc.value.problems[0].field == f"area_ids_{there}"
    _edit(db, w, handle, places={here: ((), ()), there: ((w["there_area"].id,), ())})
    details = profile.institution_details(db, _a(db, w, "lead"), here, handle)
    assert {p.kommune_id: p.area_ids for p in details.places} == {
        here: [],
        there: [w["there_area"].id],
    }
    # Each listing Kommune's audit log names what changed there.
    assert {(e.kommune_id, e.reason) for e in _edits(db)} == {(here, "places"), (there, "places")}


def test_the_logo_is_replaced_and_removed(
    db: Session, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DASNEZ_UPLOAD_DIR", str(tmp_path))
    w = _world(db)
    handle = _approved_institution(db, w)
    _edit(db, w, handle, logo=tiny_png())
    first = institutions.institution_page(db, w["here"].id, handle, date.today()).logo
    assert first.endswith(".png") and (tmp_path / first).exists()
    _edit(db, w, handle, logo=tiny_png())
    second = institutions.institution_page(db, w["here"].id, handle, date.today()).logo
    assert second not in ("", first)
    _edit(db, w, handle, remove_logo=True)
    assert institutions.institution_page(db, w["here"].id, handle, date.today()).logo == ""
    assert [e.reason for e in _edits(db)] == ["logo", "logo", "logo"]


@pytest.mark.parametrize(
    "who",
    ["anonymous", "member", "citizen", "pending", "blocked", "admin", "other_admin", "stranger"],
)
def test_only_the_responsible_person_edits(db: Session, who: str) -> None:
    w = _world(db)
    handle = _approved_institution(db, w)
    _invite_and_join(db, w, handle)
    with pytest.raises((NotAllowed, NotFound)):
        profile.institution_details(db, _a(db, w, who), w["here"].id, handle)
    with pytest.raises((NotAllowed, NotFound)):
        _edit(db, w, handle, who=who, description="Gehackt")
    assert institutions.institution_page(db, w["here"].id, handle, date.today()).description == (
        FORM.description
    )
    assert _edits(db) == []


def test_a_blocked_responsible_person_no_longer_edits(db: Session) -> None:
    w = _world(db)
    handle = _approved_institution(db, w)
    w["lead"].status = UserStatus.BLOCKED
    db.add(w["lead"])
    db.flush()
    with pytest.raises(NotAllowed):
        _edit(db, w, handle, description="Gehackt")


def test_the_institution_is_edited_only_from_a_kommune_that_admitted_it(db: Session) -> None:
    w = _world(db)
    handle = _approved_institution(db, w)
    lead = _a(db, w, "lead")
    with pytest.raises(NotFound):
        profile.update_institution(db, lead, w["there"].id, handle, FORM, {})
    # Before its admission it has no page to edit either.
    ref = institutions.register_institution(
        db, lead, w["here"].id, replace(FORM, name="Seniorenhilfe Boke")
    )
    with pytest.raises(NotFound):
        profile.update_institution(db, lead, w["here"].id, ref.handle, FORM, {})
