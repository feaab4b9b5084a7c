"""Stellvertretung: appointing and revoking proxies, represented persons with their paper
consent, acting for them (listings, messages, agreements, ratings), their rights (PDF
export, deletion), who sees what, and the dashboard figures."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import pytest
from sqlmodel import Session, func, select

from dasnez_core.actor import ANONYMOUS, Actor
from dasnez_core.errors import InvalidInput, NotAllowed, NotFound
from dasnez_core.i18n import translate
from dasnez_core.models import (
    Agreement,
    AuditEvent,
    Listing,
    ListingStatus,
    Rating,
    RepresentedPerson,
    Role,
    RoleGrant,
    User,
    UserStatus,
)
from dasnez_core.models.represented import is_placeholder_email
from dasnez_core.passwords import verify_password
from dasnez_core.printing.represented import consent_pdf, export_pdf
from dasnez_core.services import approval, contact, moderation, proxies, ratings, represented
from dasnez_core.services.listings import ListingDraft, create_listing, renew_listing
from dasnez_core.services.people_list import PeopleFilters, list_people
from dasnez_core.services.search import get_listing_detail
from tests import factories as f
from tests.utils.pdfs import pdf_text
from tests.utils.smtp import Inbox, smtp_server


@dataclass
class W:
    raw: dict[str, Any]
    proxy: User
    proxy2: User
    citizen: User
    other_proxy: User  # a proxy of the other Kommune

    def __getattr__(self, name: str) -> Any:
        return self.raw[name]


@pytest.fixture
def w(db: Session) -> W:
    raw = f.masterdata_world(db)
    here, other = raw["here"], raw["other"]
    proxy = f.user(db, here, "paula@example.org", name="Paula Proxy", roles=(Role.PROXY,))
    proxy2 = f.user(db, here, "peter@example.org", name="Peter Proxy", roles=(Role.PROXY,))
    citizen = f.user(db, here, "clara@example.org", name="Clara Citizen", area=raw["boke"])
    other_proxy = f.user(db, other, "otto@example.org", name="Otto", roles=(Role.PROXY,))
    db.commit()
    return W(raw, proxy, proxy2, citizen, other_proxy)


def _a(db: Session, u: User) -> Actor:
    return f.actor(db, u)


def _person(
    db: Session, w: W, *, name: str = "Erika Mustermann", consent: bool = True, approve: bool = True
) -> int:
    pid = represented.record_person(
        db,
        _a(db, w.proxy),
        w.here.id,
        represented.PersonInput(
            name=name, area_id=w.heide.id, birth_year="1938", phone="05250 1234"
        ),
    )
    if consent:
        represented.confirm_consent(db, _a(db, w.proxy), w.here.id, pid, date.today().isoformat())
    if approve:
        approval.approve_user(db, _a(db, w.admin), w.here.id, pid)
    db.commit()
    return pid


def _draft(w: W, title: str = "Hilfe beim Einkaufen") -> ListingDraft:
    return ListingDraft(
        kind="request",
        exchange_id=None,
        category_id=w.cat.id,
        title=title,
        body="Ich brauche jeden Donnerstag Hilfe beim Einkaufen.",
        area_id=w.heide.id,
    )


def _count(db: Session, model: Any, *where: Any) -> int:
    return int(db.exec(select(func.count()).select_from(model).where(*where)).one())


# --- appointment and revocation ------------------------------------------------------------


def test_admin_appoints_an_approved_member_with_a_reason(db: Session, w: W) -> None:
    admin = _a(db, w.admin)
    assert "Clara Citizen" in [o.label for o in proxies.candidates(db, admin, w.here.id)]
    name = proxies.appoint_proxy(db, admin, w.here.id, w.citizen.id, "Hilft im Seniorentreff")
    db.commit()
    assert name == "Clara Citizen"
    assert Role.PROXY in _a(db, w.citizen).roles
    event = db.exec(select(AuditEvent).where(AuditEvent.action == "appoint_proxy")).one()
    assert event.reason == "Hilft im Seniorentreff" and event.target_id == w.citizen.id
    with pytest.raises(InvalidInput) as exc:
        proxies.appoint_proxy(db, admin, w.here.id, w.citizen.id, "noch einmal bitte")
    assert exc.value.key in ("proxy.appointed_by", "proxy.already_proxy")


def test_appointing_needs_a_person_a_reason_and_an_approved_member(db: Session, w: W) -> None:
    admin = _a(db, w.admin)
    with pytest.raises(InvalidInput) as exc:
        proxies.appoint_proxy(db, admin, w.here.id, None, "")
    assert {p.field for p in exc.value.problems} == {"user_id", "reason"}
    with pytest.raises(InvalidInput, match=r"proxy.only_approved"):
        proxies.appoint_proxy(db, admin, w.here.id, w.pending.id, "Begründung hier")
    # Another Kommune's person, a represented person: not found.
    with pytest.raises(NotFound):
        proxies.appoint_proxy(db, admin, w.here.id, w.other_proxy.id, "Begründung hier")
    db.rollback()
    pid = _person(db, w)
    with pytest.raises(NotFound):
        proxies.appoint_proxy(db, admin, w.here.id, pid, "Begründung hier")


@pytest.mark.parametrize("who", ["anonymous", "citizen", "proxy", "pending", "other_admin"])
def test_wrong_people_cannot_appoint_or_revoke(db: Session, w: W, who: str) -> None:
    actor = {
        "anonymous": ANONYMOUS,
        "citizen": _a(db, w.citizen),
        "proxy": _a(db, w.proxy),
        "pending": _a(db, w.pending),
        "other_admin": _a(db, w.other_admin),
    }[who]
    with pytest.raises(NotAllowed):
        proxies.appoint_proxy(db, actor, w.here.id, w.citizen.id, "Begründung hier")
    with pytest.raises(NotAllowed):
        proxies.revoke_proxy(db, actor, w.here.id, w.proxy.id, "office", "Begründung hier")
    with pytest.raises(NotAllowed):
        proxies.list_proxies(db, actor, w.here.id)
    with pytest.raises(NotAllowed):
        represented.kommune_persons(db, actor, w.here.id)
    assert Role.PROXY not in _a(db, w.citizen).roles


def test_blocked_admin_cannot_appoint(db: Session, w: W) -> None:
    with pytest.raises(NotAllowed):
        proxies.appoint_proxy(
            db, _a(db, w.blocked_admin), w.here.id, w.citizen.id, "Begründung hier"
        )


def test_revoking_without_a_successor_is_refused_and_changes_nothing(db: Session, w: W) -> None:
    pid = _person(db, w)
    with pytest.raises(InvalidInput) as exc:
        proxies.revoke_proxy(db, _a(db, w.admin), w.here.id, w.proxy.id, "", "Umzug nach Köln")
    assert exc.value.key == "proxy.successor_required"
    db.rollback()
    assert Role.PROXY in _a(db, w.proxy).roles
    record = db.exec(select(RepresentedPerson).where(RepresentedPerson.user_id == pid)).one()
    assert record.proxy_id == w.proxy.id
    # The successor must be another proxy of this Kommune.
    for bad in (str(w.citizen.id), str(w.proxy.id), str(w.other_proxy.id)):
        with pytest.raises(InvalidInput, match=r"proxy.successor_not_proxy"):
            proxies.revoke_proxy(db, _a(db, w.admin), w.here.id, w.proxy.id, bad, "Umzug nach Köln")
        db.rollback()


def test_revoking_hands_the_persons_to_another_proxy(db: Session, w: W) -> None:
    pid = _person(db, w)
    name, count = proxies.revoke_proxy(
        db, _a(db, w.admin), w.here.id, w.proxy.id, str(w.proxy2.id), "Umzug nach Köln"
    )
    db.commit()
    assert (name, count) == ("Paula Proxy", 1)
    assert Role.PROXY not in _a(db, w.proxy).roles
    assert [p.user_id for p in represented.my_persons(db, _a(db, w.proxy2), w.here.id)] == [pid]
    event = db.exec(select(AuditEvent).where(AuditEvent.action == "revoke_proxy")).one()
    assert "Umzug nach Köln" in event.reason and "Peter Proxy" in event.reason
    # The former proxy no longer reaches the person.
    with pytest.raises(NotAllowed):
        represented.person_summary(db, _a(db, w.proxy), w.here.id, pid)


def test_revoking_hands_the_persons_to_the_office(db: Session, w: W) -> None:
    pid = _person(db, w)
    proxies.revoke_proxy(db, _a(db, w.admin), w.here.id, w.proxy.id, "office", "Ehrenamt endet")
    db.commit()
    admin = _a(db, w.admin)
    assert proxies.office_count(db, admin, w.here.id) == 1
    [row] = represented.kommune_persons(db, admin, w.here.id)
    assert row.user_id == pid and row.proxy_name == ""
    # The admin hands the person to a proxy again.
    assert represented.assign_person(db, admin, w.here.id, pid, w.proxy2.id) == "Peter Proxy"
    with pytest.raises(InvalidInput):
        represented.assign_person(db, admin, w.here.id, pid, w.citizen.id)


def test_revoking_someone_who_is_no_proxy_is_not_found(db: Session, w: W) -> None:
    with pytest.raises(NotFound):
        proxies.revoke_proxy(db, _a(db, w.admin), w.here.id, w.citizen.id, "office", "Grund hier")
    with pytest.raises(NotFound):
        proxies.revoke_proxy(
            db, _a(db, w.admin), w.here.id, w.other_proxy.id, "office", "Grund hier"
        )


# --- represented persons -------------------------------------------------------------------


def test_a_recorded_person_has_no_login_and_waits_for_approval(db: Session, w: W) -> None:
    pid = _person(db, w, consent=False, approve=False)
    user = db.get(User, pid)
    assert user is not None and user.status == UserStatus.PENDING
    assert user.display_name == "Erika"  # the first name only, for every public page
    assert is_placeholder_email(user.email)
    assert not verify_password("irgendwas", user.password_hash)
    [queued] = approval.list_pending(db, _a(db, w.admin), w.here.id)[-1:]
    assert queued.user_id == pid and queued.represented and queued.represented_by == "Paula Proxy"
    assert queued.email == "" and queued.display_name == "Erika Mustermann"
    people = list_people(db, _a(db, w.admin), w.here.id, PeopleFilters())
    assert all(not is_placeholder_email(p.email) for p in people.rows)


def test_recording_checks_every_field_at_once(db: Session, w: W) -> None:
    with pytest.raises(InvalidInput) as exc:
        represented.record_person(
            db,
            _a(db, w.proxy),
            w.here.id,
            represented.PersonInput(name="E", area_id=w.other_district.id, birth_year="18"),
        )
    assert {p.field for p in exc.value.problems} == {"name", "area_id", "birth_year", "phone"}
    db.rollback()
    assert _count(db, RepresentedPerson) == 0 and _count(db, User, User.display_name == "E") == 0


@pytest.mark.parametrize("who", ["anonymous", "citizen", "pending", "admin", "other_proxy"])
def test_only_proxies_record_persons(db: Session, w: W, who: str) -> None:
    actor = {
        "anonymous": ANONYMOUS,
        "citizen": _a(db, w.citizen),
        "pending": _a(db, w.pending),
        "admin": _a(db, w.admin),
        "other_proxy": _a(db, w.other_proxy),
    }[who]
    with pytest.raises(NotAllowed):
        represented.record_person(
            db,
            actor,
            w.here.id,
            represented.PersonInput("Erika M", w.heide.id, "1938", phone="123"),
        )


def test_consent_is_recorded_with_version_date_and_proxy(db: Session, w: W) -> None:
    pid = _person(db, w, consent=False, approve=False)
    signed = date.today() - timedelta(days=2)
    with pytest.raises(InvalidInput, match=r"represented.signed_on_invalid"):
        represented.confirm_consent(
            db, _a(db, w.proxy), w.here.id, pid, (date.today() + timedelta(days=1)).isoformat()
        )
    with pytest.raises(InvalidInput, match=r"represented.signed_on_invalid"):
        represented.confirm_consent(db, _a(db, w.proxy), w.here.id, pid, "gestern")
    represented.confirm_consent(db, _a(db, w.proxy), w.here.id, pid, signed.isoformat())
    db.commit()
    record = db.exec(select(RepresentedPerson).where(RepresentedPerson.user_id == pid)).one()
    assert record.consent_signed_on == signed
    assert record.consent_version == w.here.privacy_version
    assert record.consent_recorded_by == w.proxy.id and record.consent_recorded_at is not None
    with pytest.raises(InvalidInput, match=r"represented.consent_already"):
        represented.confirm_consent(db, _a(db, w.proxy), w.here.id, pid, signed.isoformat())


def test_consent_form_pdf_names_the_person_and_prints_the_privacy_text(db: Session, w: W) -> None:
    pid = _person(db, w, consent=False, approve=False)
    form = represented.consent_form(db, _a(db, w.proxy), w.here.id, pid)
    data = consent_pdf(form)
    assert data.startswith(b"%PDF")
    # Line breaks fall where the font's widths put them: compare with blanks made one.
    text = pdf_text(data)
    assert "Einwilligung zur Stellvertretung auf dasnez Delbrück" in text
    assert "Erika Mustermann" in text and "Paula Proxy" in text and "1938" in text
    assert f"Datenschutzerklärung der Kommune (Version {w.here.privacy_version})" in text
    assert "Unterschrift Erika Mustermann" in text
    # A line of the Kommune's privacy notice itself.
    assert "Datenschutz" in text.split("(Version")[1]


# --- posting for them ----------------------------------------------------------------------


def test_posting_without_consent_says_so_and_writes_nothing(db: Session, w: W) -> None:
    pid = _person(db, w, consent=False, approve=True)
    with pytest.raises(NotAllowed) as exc:
        represented.person_actor(db, _a(db, w.proxy), w.here.id, pid, posting=True)
    assert exc.value.key == "represented.consent_missing"
    assert _count(db, Listing) == 0


def test_proxy_posts_and_the_public_sees_first_name_and_proxy(db: Session, w: W) -> None:
    pid = _person(db, w)
    as_person = represented.person_actor(db, _a(db, w.proxy), w.here.id, pid, posting=True)
    lid = create_listing(db, as_person, w.here.id, _draft(w))
    renew_listing(db, as_person, w.here.id, lid)
    db.commit()
    listing = db.get(Listing, lid)
    assert listing is not None and listing.author_id == pid
    assert listing.status == ListingStatus.PUBLISHED
    detail = get_listing_detail(db, ANONYMOUS, w.here.id, lid)
    assert detail.author == "Erika" and detail.represented
    assert detail.represented_by == "Paula Proxy"
    [summary] = represented.my_persons(db, _a(db, w.proxy), w.here.id)
    assert [x.id for x in summary.listings] == [lid]


def test_a_pending_persons_listing_stays_private(db: Session, w: W) -> None:
    pid = _person(db, w, approve=False)
    as_person = represented.person_actor(db, _a(db, w.proxy), w.here.id, pid, posting=True)
    with pytest.raises(NotAllowed, match=r"listing.account_pending"):
        create_listing(db, as_person, w.here.id, _draft(w))
    db.rollback()
    lid = create_listing(db, as_person, w.here.id, _draft(w), publish=False)
    db.commit()
    with pytest.raises(NotFound):
        get_listing_detail(db, ANONYMOUS, w.here.id, lid)


@pytest.mark.parametrize("who", ["proxy2", "citizen", "admin", "other_proxy", "anonymous"])
def test_acting_for_someone_not_theirs_is_not_found(db: Session, w: W, who: str) -> None:
    pid = _person(db, w)
    actor = {
        "proxy2": _a(db, w.proxy2),
        "citizen": _a(db, w.citizen),
        "admin": _a(db, w.admin),
        "other_proxy": _a(db, w.other_proxy),
        "anonymous": ANONYMOUS,
    }[who]
    with pytest.raises((NotFound, NotAllowed)) as exc:
        represented.person_actor(db, actor, w.here.id, pid, posting=True)
    if who == "proxy2":
        assert isinstance(exc.value, NotFound)
    with pytest.raises((NotFound, NotAllowed)):
        represented.confirm_consent(db, actor, w.here.id, pid, date.today().isoformat())
    if who != "admin":
        with pytest.raises((NotFound, NotAllowed)):
            represented.person_summary(db, actor, w.here.id, pid)
        with pytest.raises((NotFound, NotAllowed)):
            represented.delete_person(db, actor, w.here.id, pid)
    # Through the other Kommune: not found for its own proxy either.
    with pytest.raises((NotFound, NotAllowed)):
        represented.person_actor(db, _a(db, w.other_proxy), w.other.id, pid)
    assert db.get(User, pid) is not None


def test_other_kommunes_admin_does_not_find_the_person(db: Session, w: W) -> None:
    pid = _person(db, w)
    other_admin = _a(db, w.other_admin)
    with pytest.raises(NotFound):
        represented.person_summary(db, other_admin, w.other.id, pid)
    with pytest.raises(NotAllowed):
        represented.person_summary(db, other_admin, w.here.id, pid)
    assert represented.kommune_persons(db, other_admin, w.other.id) == []


# --- contact through the proxy -------------------------------------------------------------


def test_messages_agreement_and_ratings_run_through_the_proxy(
    db: Session, w: W, monkeypatch: pytest.MonkeyPatch
) -> None:
    pid = _person(db, w)
    proxy = _a(db, w.proxy)
    as_person = represented.person_actor(db, proxy, w.here.id, pid, posting=True)
    lid = create_listing(db, as_person, w.here.id, _draft(w))
    db.commit()
    clara = _a(db, w.citizen)
    with smtp_server() as (inbox, port):
        monkeypatch.setenv("DASNEZ_SMTP_HOST", "127.0.0.1")
        monkeypatch.setenv("DASNEZ_SMTP_PORT", str(port))
        cid = contact.start_conversation(db, clara, w.here.id, lid)
        contact.send_message(db, clara, w.here.id, cid, "Ich kann donnerstags helfen.")
        db.commit()
        [mail] = inbox.to("paula@example.org")
        assert mail["Subject"] == "Neue Nachricht für Erika Mustermann zu Hilfe beim Einkaufen"
        assert f"/nachrichten/{cid}" in Inbox.text(mail)
        assert all(not is_placeholder_email(m["To"]) for m in inbox.messages)
    # The proxy's inbox: unread count and the conversation marked "für <Person>".
    assert contact.unread_count(db, proxy, w.here.id) == 1
    [row] = contact.conversations(db, proxy, w.here.id).rows
    assert row.id == cid and row.for_person == "Erika Mustermann" and row.unread
    assert row.other_name == "Clara Citizen"
    # The proxy answers as the person.
    acting, name = represented.acting_for_conversation(db, proxy, w.here.id, cid)
    assert acting.user_id == pid and name == "Erika"
    contact.send_message(db, acting, w.here.id, cid, "Danke, Donnerstag passt!")
    contact.mark_read(db, acting, w.here.id, cid)
    db.commit()
    assert contact.unread_count(db, proxy, w.here.id) == 0
    # Another proxy is not let in.
    stranger, _ = represented.acting_for_conversation(db, _a(db, w.proxy2), w.here.id, cid)
    with pytest.raises(NotFound):
        contact.thread(db, stranger, w.here.id, cid)
    # Both confirm; the agreement names both; both rate.
    contact.confirm_agreement(db, clara, w.here.id, cid)
    assert contact.confirm_agreement(db, acting, w.here.id, cid)
    ratings.rate(db, acting, w.here.id, cid, 5, "Sehr zuverlässig")
    ratings.rate(db, clara, w.here.id, cid, 4)
    db.commit()
    agreement = db.exec(select(Agreement)).one()
    assert {agreement.helper_id, agreement.seeker_id} == {pid, w.citizen.id}
    [summary] = represented.my_persons(db, proxy, w.here.id)
    [a] = summary.agreements
    assert a.confirmed and a.other_name == "Clara Citizen" and a.conversation_id == cid
    assert _count(db, Rating, Rating.ratee_id == pid) == 1
    # The agreement records the proxy who confirmed for the person, and every view names both.
    side = "helper" if agreement.helper_id == pid else "seeker"
    assert getattr(agreement, f"{side}_proxy_id") == w.proxy.id
    assert not getattr(agreement, f"{side}_by_office")
    assert (a.confirmed_by, a.by_office) == ("Paula Proxy", False)
    seen_by_clara = contact.thread(db, clara, w.here.id, cid).agreement.stand_ins
    assert seen_by_clara == (contact.StandIn("Erika", "Paula Proxy", False),)
    assert contact.thread(db, acting, w.here.id, cid).agreement.stand_ins == seen_by_clara
    # Clara confirmed for herself: nobody stands in for her.
    other_side = "seeker" if side == "helper" else "helper"
    assert getattr(agreement, f"{other_side}_proxy_id") is None


def test_a_proxy_cannot_write_to_their_own_persons_listing(db: Session, w: W) -> None:
    pid = _person(db, w)
    as_person = represented.person_actor(db, _a(db, w.proxy), w.here.id, pid, posting=True)
    lid = create_listing(db, as_person, w.here.id, _draft(w))
    with pytest.raises(NotAllowed, match=r"contact.own_listing"):
        contact.start_conversation(db, _a(db, w.proxy), w.here.id, lid)
    # Another proxy may write (for themselves).
    assert contact.start_conversation(db, _a(db, w.proxy2), w.here.id, lid)


def test_approval_mail_goes_to_the_proxy(
    db: Session, w: W, monkeypatch: pytest.MonkeyPatch
) -> None:
    pid = _person(db, w, approve=False)
    with smtp_server() as (inbox, port):
        monkeypatch.setenv("DASNEZ_SMTP_HOST", "127.0.0.1")
        monkeypatch.setenv("DASNEZ_SMTP_PORT", str(port))
        approval.approve_user(db, _a(db, w.admin), w.here.id, pid)
        db.commit()
        [mail] = inbox.to("paula@example.org")
        assert "Erika Mustermann" in mail["Subject"]
        assert len(inbox.messages) == 1


# --- rights: export and deletion -----------------------------------------------------------


def test_export_pdf_holds_the_persons_data(db: Session, w: W) -> None:
    pid = _person(db, w)
    as_person = represented.person_actor(db, _a(db, w.proxy), w.here.id, pid, posting=True)
    create_listing(db, as_person, w.here.id, _draft(w))
    for actor in (_a(db, w.proxy), _a(db, w.admin)):
        data = represented.person_data(db, actor, w.here.id, pid)
        text = pdf_text(export_pdf(data))
        assert "Gespeicherte Daten von Erika Mustermann" in text
        assert "05250 1234" in text and "Boker Heide" in text and "1938" in text
        assert "Hilfe beim Einkaufen" in text and "Paula Proxy" in text
    assert _count(db, AuditEvent, AuditEvent.action == "export_represented") == 2


def test_deleting_a_person_keeps_the_ratings_they_gave_anonymised(db: Session, w: W) -> None:
    pid = _person(db, w)
    proxy = _a(db, w.proxy)
    as_person = represented.person_actor(db, proxy, w.here.id, pid, posting=True)
    lid = create_listing(db, as_person, w.here.id, _draft(w))
    clara = _a(db, w.citizen)
    cid = contact.start_conversation(db, clara, w.here.id, lid)
    contact.send_message(db, clara, w.here.id, cid, "Hallo!")
    contact.confirm_agreement(db, clara, w.here.id, cid)
    contact.confirm_agreement(db, as_person, w.here.id, cid)
    rating_id = ratings.rate(db, as_person, w.here.id, cid, 5)
    db.commit()
    assert represented.delete_person(db, proxy, w.here.id, pid) == "Erika Mustermann"
    db.commit()
    assert db.get(User, pid) is None and _count(db, RepresentedPerson) == 0
    rating = db.get(Rating, rating_id)
    assert rating is not None and rating.rater_id is None and rating.ratee_id == w.citizen.id
    assert _count(db, Listing, Listing.author_id == pid) == 0


def test_admin_deletes_a_person_of_the_office(db: Session, w: W) -> None:
    pid = _person(db, w)
    proxies.revoke_proxy(db, _a(db, w.admin), w.here.id, w.proxy.id, "office", "Ehrenamt endet")
    represented.delete_person(db, _a(db, w.admin), w.here.id, pid)
    db.commit()
    assert db.get(User, pid) is None


def test_a_proxy_deleting_their_account_leaves_their_persons_to_the_office(
    db: Session, w: W
) -> None:
    from dasnez_core.services.account import delete_account

    pid = _person(db, w)
    delete_account(db, _a(db, w.proxy), w.here.id, password=f.PASSWORD, confirmed=True)
    db.commit()
    record = db.exec(select(RepresentedPerson).where(RepresentedPerson.user_id == pid)).one()
    assert record.proxy_id is None and record.consent_recorded_by is None


# --- who sees what, figures ----------------------------------------------------------------


def test_proxy_sees_only_own_persons_admin_sees_all(db: Session, w: W) -> None:
    mine = _person(db, w, name="Erika Mustermann")
    theirs = represented.record_person(
        db,
        _a(db, w.proxy2),
        w.here.id,
        represented.PersonInput("Hans Meier", w.boke.id, "1941", postal_address="Dorfstr. 1"),
    )
    db.commit()
    assert [p.user_id for p in represented.my_persons(db, _a(db, w.proxy), w.here.id)] == [mine]
    assert [p.user_id for p in represented.my_persons(db, _a(db, w.proxy2), w.here.id)] == [theirs]
    everyone = represented.kommune_persons(db, _a(db, w.admin), w.here.id)
    assert {p.user_id for p in everyone} == {mine, theirs}
    assert {p.contact for p in everyone} == {"05250 1234", "Dorfstr. 1"}
    assert represented.my_persons(db, _a(db, w.other_proxy), w.other.id) == []


def test_dashboard_counts_persons_listings_and_agreements_through_proxies(
    db: Session, w: W
) -> None:
    pid = _person(db, w)
    as_person = represented.person_actor(db, _a(db, w.proxy), w.here.id, pid, posting=True)
    lid = create_listing(db, as_person, w.here.id, _draft(w))
    f.listing_of(db, w.citizen, w.cat)  # not through a proxy
    clara = _a(db, w.citizen)
    cid = contact.start_conversation(db, clara, w.here.id, lid)
    contact.send_message(db, clara, w.here.id, cid, "Hallo!")
    contact.confirm_agreement(db, clara, w.here.id, cid)
    db.commit()
    figures = represented.proxy_figures(db, _a(db, w.admin), w.here.id)
    assert (figures.persons, figures.listings, figures.agreements) == (1, 1, 1)
    with pytest.raises(NotAllowed):
        represented.proxy_figures(db, _a(db, w.other_admin), w.here.id)
    assert represented.proxy_figures(db, _a(db, w.other_admin), w.other.id).persons == 0


def test_the_role_grant_is_kommune_scoped(db: Session, w: W) -> None:
    grants = db.exec(select(RoleGrant).where(RoleGrant.user_id == w.proxy.id)).all()
    assert [(g.role, g.kommune_id) for g in grants] == [(Role.PROXY, w.here.id)]


def test_demo_seed_gives_the_demo_proxy_represented_persons(db: Session) -> None:
    from dasnez_core.seed import seed_demo

    seed_demo(db)
    helga = db.exec(select(User).where(User.email == "helga@delbrueck.example")).one()
    proxy = _a(db, helga)
    persons = represented.my_persons(db, proxy, helga.kommune_id)
    assert {p.name for p in persons} == {"Erika Brandt", "Wilhelm Kröger"}
    assert all(p.consent_on and p.status == "approved" and p.listings for p in persons)
    lid = persons[0].listings[0].id
    detail = get_listing_detail(db, ANONYMOUS, helga.kommune_id, lid)
    assert detail.author in {"Erika", "Wilhelm"} and detail.represented_by.startswith("Helga")


# --- blocking a proxy, the office, and the agreement's names --------------------------------


def _listing_of_person(db: Session, w: W, pid: int) -> int:
    as_person = represented.person_actor(db, _a(db, w.proxy), w.here.id, pid, posting=True)
    lid = create_listing(db, as_person, w.here.id, _draft(w))
    db.commit()
    return lid


def _proxy_of(db: Session, pid: int) -> int | None:
    record = db.exec(select(RepresentedPerson).where(RepresentedPerson.user_id == pid)).one()
    return record.proxy_id


def test_blocking_a_proxy_hands_their_persons_to_the_office(db: Session, w: W) -> None:
    first = _person(db, w, name="Erika Mustermann")
    second = _person(db, w, name="Hans Meier")
    theirs = represented.record_person(
        db,
        _a(db, w.proxy2),
        w.here.id,
        represented.PersonInput("Ida Huber", w.boke.id, "1940", phone="05250 99"),
    )
    db.commit()
    admin = _a(db, w.admin)
    assert moderation.block_user(db, admin, w.here.id, w.proxy.id, "Missbrauch der Rolle") == 2
    db.commit()
    assert _proxy_of(db, first) is None and _proxy_of(db, second) is None
    assert _proxy_of(db, theirs) == w.proxy2.id  # another proxy's person stays theirs
    assert proxies.office_count(db, admin, w.here.id) == 2
    event = db.exec(select(AuditEvent).where(AuditEvent.action == "block_user")).one()
    assert event.reason == "Missbrauch der Rolle (2 → office)"
    # Unblocking does not take the persons back: the admin assigns them again.
    moderation.unblock_user(db, admin, w.here.id, w.proxy.id, "Gespräch geführt")
    db.commit()
    assert _proxy_of(db, first) is None
    # The admin's success line, German first, English beside.
    assert translate("people.blocked_done_office", "de", name="Paula", count=2).startswith(
        "Paula ist gesperrt. 2 vertretene Person(en) betreut jetzt die Verwaltung"
    )
    assert "office now looks after 2" in translate(
        "people.blocked_done_office", "en", name="Paula", count=2
    )


def test_blocking_a_citizen_hands_nothing_over(db: Session, w: W) -> None:
    pid = _person(db, w)
    admin = _a(db, w.admin)
    assert moderation.block_user(db, admin, w.here.id, w.citizen.id, "Beleidigungen") == 0
    event = db.exec(select(AuditEvent).where(AuditEvent.action == "block_user")).one()
    assert event.reason == "Beleidigungen"
    assert _proxy_of(db, pid) == w.proxy.id


@pytest.mark.parametrize("who", ["anonymous", "citizen", "proxy2", "other_admin"])
def test_wrong_people_cannot_block_a_proxy_away_from_their_persons(
    db: Session, w: W, who: str
) -> None:
    pid = _person(db, w)
    actor = {
        "anonymous": ANONYMOUS,
        "citizen": _a(db, w.citizen),
        "proxy2": _a(db, w.proxy2),
        "other_admin": _a(db, w.other_admin),
    }[who]
    with pytest.raises((NotAllowed, NotFound)):
        moderation.block_user(db, actor, w.here.id, w.proxy.id, "Ich will das so.")
    db.rollback()
    # Through their own Kommune, another Kommune's admin does not find the proxy at all.
    if who == "other_admin":
        with pytest.raises(NotFound):
            moderation.block_user(db, actor, w.other.id, w.proxy.id, "Ich will das so.")
        db.rollback()
    assert _proxy_of(db, pid) == w.proxy.id
    assert db.get(User, w.proxy.id).status == UserStatus.APPROVED  # type: ignore[union-attr]


def test_a_deleted_proxy_is_no_longer_named_on_the_agreement(db: Session, w: W) -> None:
    from dasnez_core.services.account import delete_account

    pid = _person(db, w)
    lid = _listing_of_person(db, w, pid)
    clara = _a(db, w.citizen)
    cid = contact.start_conversation(db, clara, w.here.id, lid)
    contact.send_message(db, clara, w.here.id, cid, "Hallo!")
    acting, _ = represented.acting_for_conversation(db, _a(db, w.proxy), w.here.id, cid)
    contact.confirm_agreement(db, acting, w.here.id, cid)
    db.commit()
    delete_account(db, _a(db, w.proxy), w.here.id, password=f.PASSWORD, confirmed=True)
    db.commit()
    agreement = db.exec(select(Agreement)).one()
    assert agreement.helper_proxy_id is None and agreement.seeker_proxy_id is None
    assert _proxy_of(db, pid) is None
    assert contact.thread(db, clara, w.here.id, cid).agreement.stand_ins == ()


def test_the_office_reads_answers_confirms_and_rates_for_its_persons(
    db: Session, w: W, monkeypatch: pytest.MonkeyPatch
) -> None:
    pid = _person(db, w)
    lid = _listing_of_person(db, w, pid)
    second_admin = f.user(
        db, w.here, "zweite@delbrueck.example", name="Zweite Admin", roles=(Role.KOMMUNE_ADMIN,)
    )
    proxies.revoke_proxy(db, _a(db, w.admin), w.here.id, w.proxy.id, "office", "Ehrenamt endet")
    db.commit()
    clara = _a(db, w.citizen)
    with smtp_server() as (inbox, port):
        monkeypatch.setenv("DASNEZ_SMTP_HOST", "127.0.0.1")
        monkeypatch.setenv("DASNEZ_SMTP_PORT", str(port))
        cid = contact.start_conversation(db, clara, w.here.id, lid)
        contact.send_message(db, clara, w.here.id, cid, "Ich kann donnerstags helfen.")
        db.commit()
        # The mail goes to the Kommune's admins, never to the placeholder address, never
        # to another Kommune's admin.
        recipients = sorted(m["To"] for m in inbox.messages)
        assert recipients == sorted([w.admin.email, second_admin.email])
        [mail] = inbox.to(w.admin.email)
        assert mail["Subject"] == "Neue Nachricht für Erika Mustermann zu Hilfe beim Einkaufen"
    admin = _a(db, w.admin)
    # The admin's public inbox: unread count and the conversation marked "für <Person>".
    assert contact.unread_count(db, admin, w.here.id) == 1
    [row] = contact.conversations(db, admin, w.here.id).rows
    assert row.id == cid and row.for_person == "Erika Mustermann" and row.unread
    # The admin answers, confirms and rates as the person, for the office.
    acting, name = represented.acting_for_conversation(db, admin, w.here.id, cid)
    assert acting.user_id == pid and name == "Erika"
    assert (acting.proxy_id, acting.by_office) == (w.admin.id, True)
    contact.send_message(db, acting, w.here.id, cid, "Danke, Donnerstag passt!")
    contact.mark_read(db, acting, w.here.id, cid)
    db.commit()
    assert contact.unread_count(db, admin, w.here.id) == 0
    contact.confirm_agreement(db, clara, w.here.id, cid)
    assert contact.confirm_agreement(db, acting, w.here.id, cid)
    ratings.rate(db, acting, w.here.id, cid, 5, "Sehr zuverlässig")
    db.commit()
    agreement = db.exec(select(Agreement)).one()
    side = "helper" if agreement.helper_id == pid else "seeker"
    assert getattr(agreement, f"{side}_by_office")
    assert getattr(agreement, f"{side}_proxy_id") == w.admin.id
    assert contact.thread(db, clara, w.here.id, cid).agreement.stand_ins == (
        contact.StandIn("Erika", "", True),
    )
    [a] = represented.person_summary(db, admin, w.here.id, pid).agreements
    assert (a.confirmed, a.confirmed_by, a.by_office) == (True, "", True)
    assert _count(db, Rating, Rating.rater_id == pid) == 1
    # Once a proxy takes the person over, the office's inbox no longer holds them.
    represented.assign_person(db, admin, w.here.id, pid, w.proxy2.id)
    db.commit()
    assert contact.conversations(db, admin, w.here.id).rows == []
    assert represented.acting_for_conversation(db, admin, w.here.id, cid)[0] == admin


@pytest.mark.parametrize("who", ["citizen", "proxy2", "other_admin"])
def test_nobody_else_acts_for_a_person_of_the_office(db: Session, w: W, who: str) -> None:
    pid = _person(db, w)
    lid = _listing_of_person(db, w, pid)
    proxies.revoke_proxy(db, _a(db, w.admin), w.here.id, w.proxy.id, "office", "Ehrenamt endet")
    clara = _a(db, w.citizen)
    cid = contact.start_conversation(db, clara, w.here.id, lid)
    contact.send_message(db, clara, w.here.id, cid, "Hallo!")
    db.commit()
    outsider = {
        "citizen": _a(db, f.user(db, w.here, "nora@example.org", name="Nora Nachbarin")),
        "proxy2": _a(db, w.proxy2),
        "other_admin": _a(db, w.other_admin),
    }[who]
    assert contact.conversations(db, outsider, outsider.kommune_id or 0).rows == []
    assert contact.unread_count(db, outsider, outsider.kommune_id or 0) == 0
    for kommune_id in {w.here.id, outsider.kommune_id or 0}:
        acting, name = represented.acting_for_conversation(db, outsider, kommune_id, cid)
        assert acting == outsider and name == ""
        with pytest.raises((NotFound, NotAllowed)):
            contact.thread(db, acting, kommune_id, cid)
        with pytest.raises((NotFound, NotAllowed)):
            contact.send_message(db, acting, kommune_id, cid, "Ich antworte für Erika.")
        with pytest.raises((NotFound, NotAllowed)):
            contact.confirm_agreement(db, acting, kommune_id, cid)


def test_the_aushang_of_an_office_persons_listing_gives_the_office_phone(db: Session, w: W) -> None:
    from dasnez_core.services import notices

    pid = _person(db, w)
    lid = _listing_of_person(db, w, pid)
    proxies.revoke_proxy(db, _a(db, w.admin), w.here.id, w.proxy.id, "office", "Ehrenamt endet")
    w.here.contact_phone, w.here.contact_name = "05250 996-0", "Bürgerbüro"
    db.add(w.here)
    db.commit()
    for who in (w.citizen, w.admin):
        call = notices.notice_data(db, _a(db, who), w.here.slug, lid).call
        assert (call.phone, call.name, call.is_proxy) == ("05250 996-0", "Bürgerbüro", False)
