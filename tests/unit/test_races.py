"""Two people making the same change at the same moment, through two real database
connections: the change happens once (one row, one audit event, one mail) and the second
is told who was first (issue 16, part 3).

Each race runs the first call in connection A and keeps its transaction open; the second
call starts in connection B on another thread and must wait for A (on PostgreSQL we see
it waiting on a lock); then A commits and B finishes. The outcome never depends on timing:
B either waits and then reads A's committed change, or it is refused by it.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import text
from sqlmodel import Session, col, func, select, update

from dasnez_core.db import get_engine
from dasnez_core.errors import DomainError
from dasnez_core.mail import Mail
from dasnez_core.models import (
    AccountTokenPurpose,
    Agreement,
    Area,
    AuditEvent,
    Listing,
    ListingReport,
    ListingStatus,
    PendingRegistration,
    Rating,
    Role,
    RoleGrant,
    User,
    UserStatus,
    utcnow,
)
from dasnez_core.services import approval, contact, listings, moderation, ratings
from dasnez_core.services.account import _issue_token as issue_token
from dasnez_core.services.account import confirm_email_change, reset_password
from dasnez_core.services.admin_invites import invite_admin, revoke_admin
from dasnez_core.services.masterdata_areas import merge_area
from dasnez_core.services.registration import confirm_registration
from dasnez_core.services.sessions import hash_token
from dasnez_core.services.transitions import AlreadyDone
from tests import factories as f
from tests.utils.databases import backend

Call = Callable[[Session], Any]


@dataclass
class Outcome:
    value: Any = None
    error: DomainError | None = None


def _run(call: Call, session: Session) -> Outcome:
    try:
        value = call(session)
    except DomainError as exc:
        session.rollback()
        return Outcome(error=exc)
    session.commit()
    return Outcome(value=value)


def _wait_until_blocked(thread: threading.Thread) -> None:
    """Give the second call time to reach the first one's lock. On PostgreSQL we see it
    waiting; SQLite shows nothing, so we only wait a moment (if B is late, it reads A's
    committed change, which the assertions accept just the same)."""
    if backend() != "postgres":
        thread.join(timeout=0.5)
        return
    deadline = time.monotonic() + 20
    with get_engine().connect() as conn:
        while time.monotonic() < deadline and thread.is_alive():
            waiting = conn.execute(
                text(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                    " AND wait_event_type = 'Lock'"
                )
            ).scalar_one()
            conn.rollback()
            if waiting:
                return
            time.sleep(0.02)
    raise AssertionError("the second call did not wait for the first one's lock")


def race(first: Call, second: Call) -> tuple[Outcome, Outcome]:
    """Run `first` in connection A, `second` in connection B while A's transaction is
    open; return both outcomes once both have committed (or failed)."""
    engine = get_engine()
    later: list[Outcome] = []
    with (
        Session(engine, expire_on_commit=False) as a,
        Session(engine, expire_on_commit=False) as b,
    ):
        winner = _run_open(first, a)
        thread = threading.Thread(target=lambda: later.append(_run(second, b)))
        thread.start()
        _wait_until_blocked(thread)
        # B cannot have finished: A still holds the row (PostgreSQL) or the database
        # (SQLite) it must change.
        assert thread.is_alive(), "the second call did not wait for the first one"
        a.commit()
        thread.join(timeout=60)
    assert not thread.is_alive() and later
    return winner, later[0]


def _run_open(call: Call, session: Session) -> Outcome:
    """Run `call` and leave its transaction open (it must succeed)."""
    return Outcome(value=call(session))


@pytest.fixture
def mails(monkeypatch: pytest.MonkeyPatch) -> list[Mail]:
    """Every mail that leaves (after a commit), from any thread."""
    sent: list[Mail] = []
    monkeypatch.setattr("dasnez_core.mail.deliver", sent.append)
    return sent


@pytest.fixture
def w(db: Session) -> Iterator[dict[str, Any]]:
    """Delbrück with two admins, people in each state, a reported listing, a listing waiting
    for pre-moderation and an agreement both sides confirmed; committed, so that every
    connection sees it."""
    here = f.kommune(db)
    boke = f.district(db, here, "Boke")
    hagen = f.district(db, here, "Hagen")
    _, cat = f.exchange_with_category(db, here)
    anna = f.user(db, here, "anna@rathaus.example", name="Anna Amt", roles=(Role.KOMMUNE_ADMIN,))
    bernd = f.user(
        db, here, "bernd@rathaus.example", name="Bernd Behörde", roles=(Role.KOMMUNE_ADMIN,)
    )
    maria = f.user(db, here, "maria@example.org", name="Maria Schneider", area=boke)
    jonas = f.user(db, here, "jonas@example.org", name="Jonas Becker", area=boke)
    listing = f.listing_with(db, maria, cat, title="Rasen mähen", area=boke)
    conversation = f.conversation_about(db, listing, jonas)
    f.message_in(db, conversation, jonas, "Ich helfe gern.")
    world = {
        "here": here,
        "boke": boke,
        "hagen": hagen,
        "cat": cat,
        "anna": anna,
        "bernd": bernd,
        "maria": maria,
        "jonas": jonas,
        "peter": f.user(db, here, "peter@example.org", name="Peter Neu", status="pending"),
        "paula": f.user(db, here, "paula@example.org", name="Paula Neu", status="pending"),
        "eva": f.user(db, here, "eva@example.org", name="Eva Lange", status=UserStatus.BLOCKED),
        "listing": listing,
        "reports": [f.report_on(db, listing, jonas), f.report_on(db, listing, None)],
        "waiting": f.listing_with(db, jonas, cat, title="Hecke schneiden", status="pending"),
        "conversation": conversation,
    }
    done = f.conversation_about(db, f.listing_with(db, jonas, cat, title="Vorlesen"), maria)
    f.message_in(db, done, maria, "Danke!")
    agreement = f.agreement_on(db, done, helper=jonas, seeker=maria)
    agreement.helper_done_at = agreement.seeker_done_at = agreement.created_at
    db.add(agreement)
    world["done"] = done
    world["rating"] = f.rating_for(db, agreement, jonas, maria, stars=2, comment="Unpünktlich")
    world["ids"] = {k: v.id for k, v in world.items() if hasattr(v, "id")}
    world["as"] = {k: f.actor(db, world[k]) for k in ("anna", "bernd", "maria", "jonas")}
    db.commit()
    yield world


def _count(db: Session, model: type, *where: Any) -> int:
    db.expire_all()
    return int(db.exec(select(func.count()).select_from(model).where(*where)).one())


def _audits(db: Session, action: str) -> int:
    return _count(db, AuditEvent, col(AuditEvent.action) == action)


def _lost_to(outcome: Outcome, key: str, by: str) -> None:
    """The second call was refused, naming the first one's actor."""
    assert isinstance(outcome.error, AlreadyDone), outcome
    assert (outcome.error.key, outcome.error.params["by"]) == (key, by)


def _status(db: Session, model: type, row_id: int) -> str:
    db.expire_all()
    return str(db.exec(select(model.status).where(model.id == row_id)).one())  # type: ignore[attr-defined]


# --- people ---------------------------------------------------------------------------------


def test_two_admins_approve_the_same_person(db: Session, w: dict, mails: list[Mail]) -> None:
    k, peter = w["ids"]["here"], w["ids"]["peter"]
    anna, bernd = w["as"]["anna"], w["as"]["bernd"]
    first, second = race(
        lambda s: approval.approve_user(s, anna, k, peter),
        lambda s: approval.approve_user(s, bernd, k, peter),
    )
    assert first.error is None
    _lost_to(second, "atomic.approved_by", "Anna Amt")
    assert second.error is not None and second.error.params["name"] == "Peter Neu"
    assert _status(db, User, peter) == UserStatus.APPROVED
    assert _audits(db, "approve_user") == 1
    assert [m.to for m in mails] == ["peter@example.org"]


def test_bulk_approval_racing_a_single_one_approves_nobody_twice(
    db: Session, w: dict, mails: list[Mail]
) -> None:
    k, ids = w["ids"]["here"], w["ids"]
    anna, bernd = w["as"]["anna"], w["as"]["bernd"]
    _, second = race(
        lambda s: approval.approve_user(s, anna, k, ids["paula"]),
        lambda s: approval.approve_users(s, bernd, k, [ids["peter"], ids["paula"]]),
    )
    _lost_to(second, "atomic.approved_by", "Anna Amt")
    # All or nothing: Peter still waits.
    assert _status(db, User, ids["peter"]) == UserStatus.PENDING
    assert _audits(db, "approve_user") == 1
    assert [m.to for m in mails] == ["paula@example.org"]


def test_two_admins_decline_the_same_person(db: Session, w: dict, mails: list[Mail]) -> None:
    k, peter = w["ids"]["here"], w["ids"]["peter"]
    anna, bernd = w["as"]["anna"], w["as"]["bernd"]
    _, second = race(
        lambda s: approval.decline_user(s, anna, k, peter, "Keine Adresse in Delbrück"),
        lambda s: approval.decline_user(s, bernd, k, peter, "Doppelt registriert"),
    )
    _lost_to(second, "atomic.declined_by", "Anna Amt")
    assert _count(db, User, col(User.id) == peter) == 0
    assert _audits(db, "decline_user") == 1
    assert [m.to for m in mails] == ["peter@example.org"]


def test_approval_racing_a_decline_is_told_of_the_decline(
    db: Session, w: dict, mails: list[Mail]
) -> None:
    k, peter = w["ids"]["here"], w["ids"]["peter"]
    anna, bernd = w["as"]["anna"], w["as"]["bernd"]
    _, second = race(
        lambda s: approval.decline_user(s, anna, k, peter, "Keine Adresse in Delbrück"),
        lambda s: approval.approve_user(s, bernd, k, peter),
    )
    _lost_to(second, "atomic.declined_by", "Anna Amt")
    assert (_audits(db, "decline_user"), _audits(db, "approve_user")) == (1, 0)
    assert len(mails) == 1


def test_two_admins_block_the_same_person(db: Session, w: dict) -> None:
    k, maria = w["ids"]["here"], w["ids"]["maria"]
    anna, bernd = w["as"]["anna"], w["as"]["bernd"]
    _, second = race(
        lambda s: moderation.block_user(s, anna, k, maria, "Beleidigungen im Chat"),
        lambda s: moderation.block_user(s, bernd, k, maria, "Spam in Einträgen"),
    )
    _lost_to(second, "atomic.blocked_by", "Anna Amt")
    assert _status(db, User, maria) == UserStatus.BLOCKED
    assert _status(db, Listing, w["ids"]["listing"]) == ListingStatus.SUSPENDED
    assert _audits(db, "block_user") == 1


def test_two_admins_unblock_the_same_person(db: Session, w: dict) -> None:
    k, eva = w["ids"]["here"], w["ids"]["eva"]
    anna, bernd = w["as"]["anna"], w["as"]["bernd"]
    _, second = race(
        lambda s: moderation.unblock_user(s, anna, k, eva, "Gespräch geführt"),
        lambda s: moderation.unblock_user(s, bernd, k, eva, "Entschuldigung erhalten"),
    )
    _lost_to(second, "atomic.unblocked_by", "Anna Amt")
    assert _status(db, User, eva) == UserStatus.APPROVED
    assert _audits(db, "unblock_user") == 1


# --- listings: moderation -------------------------------------------------------------------


def test_two_admins_remove_the_same_listing(db: Session, w: dict, mails: list[Mail]) -> None:
    k, listing = w["ids"]["here"], w["ids"]["listing"]
    anna, bernd = w["as"]["anna"], w["as"]["bernd"]
    _, second = race(
        lambda s: moderation.remove_listing(s, anna, k, listing, "Gewerbliches Angebot"),
        lambda s: moderation.remove_listing(s, bernd, k, listing, "Werbung"),
    )
    _lost_to(second, "atomic.listing_removed_by", "Anna Amt")
    assert second.error is not None and second.error.params["title"] == "Rasen mähen"
    assert _status(db, Listing, listing) == ListingStatus.REMOVED
    assert _audits(db, "remove_listing") == 1
    assert [m.to for m in mails] == ["maria@example.org"]


def test_two_admins_restore_the_same_listing(db: Session, w: dict) -> None:
    k, listing = w["ids"]["here"], w["ids"]["listing"]
    anna, bernd = w["as"]["anna"], w["as"]["bernd"]
    moderation.remove_listing(db, anna, k, listing, "Gewerbliches Angebot")
    db.commit()
    _, second = race(
        lambda s: moderation.restore_listing(s, anna, k, listing, "War ein Irrtum"),
        lambda s: moderation.restore_listing(s, bernd, k, listing, "Doch zulässig"),
    )
    _lost_to(second, "atomic.listing_restored_by", "Anna Amt")
    assert _status(db, Listing, listing) == ListingStatus.PUBLISHED
    assert _audits(db, "restore_listing") == 1


def test_two_admins_dismiss_the_same_reports(db: Session, w: dict) -> None:
    k, listing = w["ids"]["here"], w["ids"]["listing"]
    anna, bernd = w["as"]["anna"], w["as"]["bernd"]
    first, second = race(
        lambda s: moderation.dismiss_listing_reports(s, anna, k, listing, "Alles in Ordnung"),
        lambda s: moderation.dismiss_listing_reports(s, bernd, k, listing, "Kein Verstoß"),
    )
    assert first.value == 2
    _lost_to(second, "atomic.reports_resolved_by", "Anna Amt")
    assert _count(db, ListingReport, col(ListingReport.resolved_by) == w["ids"]["anna"]) == 2
    assert _audits(db, "dismiss_report") == 2  # one per report, once


def test_dismissing_reports_racing_a_removal_is_told_who_acted(db: Session, w: dict) -> None:
    k, listing = w["ids"]["here"], w["ids"]["listing"]
    anna, bernd = w["as"]["anna"], w["as"]["bernd"]
    _, second = race(
        lambda s: moderation.remove_listing(s, anna, k, listing, "Gewerbliches Angebot"),
        lambda s: moderation.dismiss_listing_reports(s, bernd, k, listing, "Kein Verstoß"),
    )
    _lost_to(second, "atomic.reports_resolved_by", "Anna Amt")
    assert (_audits(db, "remove_listing"), _audits(db, "dismiss_report")) == (1, 0)


def test_two_admins_publish_the_same_waiting_listing(
    db: Session, w: dict, mails: list[Mail]
) -> None:
    k, waiting = w["ids"]["here"], w["ids"]["waiting"]
    anna, bernd = w["as"]["anna"], w["as"]["bernd"]
    _, second = race(
        lambda s: moderation.publish_pending_listing(s, anna, k, waiting),
        lambda s: moderation.publish_pending_listing(s, bernd, k, waiting),
    )
    _lost_to(second, "atomic.listing_published_by", "Anna Amt")
    assert _status(db, Listing, waiting) == ListingStatus.PUBLISHED
    assert _audits(db, "publish_listing") == 1
    assert [m.to for m in mails] == ["jonas@example.org"]


def test_rejecting_a_listing_another_admin_published_is_refused(
    db: Session, w: dict, mails: list[Mail]
) -> None:
    k, waiting = w["ids"]["here"], w["ids"]["waiting"]
    anna, bernd = w["as"]["anna"], w["as"]["bernd"]
    _, second = race(
        lambda s: moderation.reject_pending_listing(s, anna, k, waiting, "Bitte genauer"),
        lambda s: moderation.publish_pending_listing(s, bernd, k, waiting),
    )
    _lost_to(second, "atomic.listing_rejected_by", "Anna Amt")
    assert _status(db, Listing, waiting) == ListingStatus.DRAFT
    assert (_audits(db, "reject_listing"), _audits(db, "publish_listing")) == (1, 0)
    assert len(mails) == 1


# --- listings: the author, in two tabs ------------------------------------------------------


def test_closing_a_listing_in_two_tabs_closes_it_once(db: Session, w: dict) -> None:
    k, listing, maria = w["ids"]["here"], w["ids"]["listing"], w["as"]["maria"]
    _, second = race(
        lambda s: listings.close_listing(s, maria, k, listing),
        lambda s: listings.close_listing(s, maria, k, listing),
    )
    assert second.error is not None and second.error.key == "listing.not_open"
    assert _status(db, Listing, listing) == ListingStatus.CLOSED


def test_deleting_a_listing_in_two_tabs_deletes_it_once(db: Session, w: dict) -> None:
    k, listing, maria = w["ids"]["here"], w["ids"]["listing"], w["as"]["maria"]
    _, second = race(
        lambda s: listings.delete_listing(s, maria, k, listing),
        lambda s: listings.delete_listing(s, maria, k, listing),
    )
    assert second.error is not None and second.error.key == "listing.not_found"
    assert _status(db, Listing, listing) == ListingStatus.DELETED


def test_renewing_a_listing_the_admin_is_removing_is_refused(db: Session, w: dict) -> None:
    k, listing = w["ids"]["here"], w["ids"]["listing"]
    anna, maria = w["as"]["anna"], w["as"]["maria"]
    _, second = race(
        lambda s: moderation.remove_listing(s, anna, k, listing, "Gewerbliches Angebot"),
        lambda s: listings.renew_listing(s, maria, k, listing),
    )
    assert second.error is not None and second.error.key == "listing.renew_only_published"
    assert _status(db, Listing, listing) == ListingStatus.REMOVED


def test_publishing_a_draft_the_admin_is_removing_is_refused(db: Session, w: dict) -> None:
    k, listing = w["ids"]["here"], w["ids"]["listing"]
    anna, maria = w["as"]["anna"], w["as"]["maria"]
    draft = listings.ListingDraft(
        kind="offer",
        exchange_id=None,
        category_id=w["ids"]["cat"],
        title="Rasen mähen",
        body="Ich mähe gern den Rasen in Boke.",
        area_id=w["ids"]["boke"],
    )
    _, second = race(
        lambda s: moderation.remove_listing(s, anna, k, listing, "Gewerbliches Angebot"),
        lambda s: listings.update_listing(s, maria, k, listing, draft, publish=True),
    )
    assert second.error is not None and second.error.key == "listing.removed_by_admin"
    assert _status(db, Listing, listing) == ListingStatus.REMOVED


# --- agreements and ratings -----------------------------------------------------------------


def test_confirming_in_two_tabs_confirms_once(db: Session, w: dict) -> None:
    k, cid, jonas = w["ids"]["here"], w["ids"]["conversation"], w["as"]["jonas"]
    contact.confirm_agreement(db, jonas, k, cid)
    db.commit()
    maria = w["as"]["maria"]
    first, second = race(
        lambda s: contact.confirm_agreement(s, maria, k, cid),
        lambda s: contact.confirm_agreement(s, maria, k, cid),
    )
    assert first.value is True
    assert second.error is not None and second.error.key == "agreement.already_confirmed"
    assert _count(db, Agreement, col(Agreement.conversation_id) == cid) == 1


def test_both_sides_confirming_at_once_both_count(db: Session, w: dict) -> None:
    k, cid = w["ids"]["here"], w["ids"]["conversation"]
    jonas, maria = w["as"]["jonas"], w["as"]["maria"]
    contact.confirm_agreement(db, jonas, k, cid)
    db.commit()
    # The agreement (with Jonas's value) is there, and both sides are still to confirm it.
    db.execute(
        text(
            "UPDATE agreement SET helper_done_at = NULL, seeker_done_at = NULL"
            " WHERE conversation_id = :cid"
        ),
        {"cid": cid},
    )
    db.commit()
    first, second = race(
        lambda s: contact.confirm_agreement(s, maria, k, cid),
        lambda s: contact.confirm_agreement(s, jonas, k, cid),
    )
    # The second sees the first: exactly one of them completes the agreement.
    assert (first.value, second.value) == (False, True)
    db.expire_all()
    agreement = db.exec(select(Agreement).where(Agreement.conversation_id == cid)).one()
    assert agreement.helper_done_at is not None and agreement.seeker_done_at is not None


def test_rating_in_two_tabs_makes_one_rating(db: Session, w: dict) -> None:
    k, done, maria = w["ids"]["here"], w["ids"]["done"], w["as"]["maria"]
    first, second = race(
        lambda s: ratings.rate(s, maria, k, done, 5, "Sehr nett"),
        lambda s: ratings.rate(s, maria, k, done, 4, "Nett"),
    )
    assert isinstance(first.value, int)
    assert second.error is not None and second.error.key == "rating.already_rated"
    assert _count(db, Rating, col(Rating.rater_id) == w["ids"]["maria"]) == 1


def test_two_admins_hide_the_same_rating(db: Session, w: dict) -> None:
    k, rating = w["ids"]["here"], w["ids"]["rating"]
    anna, bernd = w["as"]["anna"], w["as"]["bernd"]
    _, second = race(
        lambda s: ratings.hide_rating(s, anna, k, rating, "Beleidigend formuliert"),
        lambda s: ratings.hide_rating(s, bernd, k, rating, "Unsachlich"),
    )
    _lost_to(second, "atomic.rating_hidden_by", "Anna Amt")
    db.expire_all()
    assert db.exec(select(Rating.hidden_reason).where(Rating.id == rating)).one() == (
        "Beleidigend formuliert"
    )
    assert _audits(db, "hide_rating") == 1


def test_two_admins_show_the_same_rating(db: Session, w: dict) -> None:
    k, rating = w["ids"]["here"], w["ids"]["rating"]
    anna, bernd = w["as"]["anna"], w["as"]["bernd"]
    ratings.hide_rating(db, anna, k, rating, "Beleidigend formuliert")
    db.commit()
    _, second = race(
        lambda s: ratings.show_rating(s, bernd, k, rating, "Doch sachlich"),
        lambda s: ratings.show_rating(s, anna, k, rating, "Nach Rückfrage"),
    )
    _lost_to(second, "atomic.rating_shown_by", "Bernd Behörde")
    assert _audits(db, "show_rating") == 1


# --- admins and master data -----------------------------------------------------------------


def test_two_admins_make_the_same_person_an_admin(db: Session, w: dict, mails: list[Mail]) -> None:
    k, anna, bernd = w["ids"]["here"], w["as"]["anna"], w["as"]["bernd"]
    _, second = race(
        lambda s: invite_admin(s, anna, k, email="jonas@example.org", display_name=""),
        lambda s: invite_admin(s, bernd, k, email="jonas@example.org", display_name=""),
    )
    _lost_to(second, "atomic.admin_invited_by", "Anna Amt")
    assert _count(db, RoleGrant, col(RoleGrant.user_id) == w["ids"]["jonas"]) == 1
    assert _audits(db, "invite_admin") == 1
    assert [m.to for m in mails] == ["jonas@example.org"]


def test_two_admins_invite_the_same_new_address(db: Session, w: dict, mails: list[Mail]) -> None:
    k, anna, bernd = w["ids"]["here"], w["as"]["anna"], w["as"]["bernd"]
    _, second = race(
        lambda s: invite_admin(s, anna, k, email="leitung@rathaus.example", display_name="Petra"),
        lambda s: invite_admin(s, bernd, k, email="leitung@rathaus.example", display_name="P."),
    )
    _lost_to(second, "atomic.admin_invited_by", "Anna Amt")
    assert _count(db, User, col(User.email) == "leitung@rathaus.example") == 1
    assert _audits(db, "invite_admin") == 1
    assert [m.to for m in mails] == ["leitung@rathaus.example"]


def test_accepting_an_invitation_in_two_tabs_sets_one_password(
    db: Session, w: dict, mails: list[Mail]
) -> None:
    invite_admin(
        db, w["as"]["anna"], w["ids"]["here"], email="leitung@rathaus.example", display_name="Petra"
    )
    db.commit()
    match = re.search(r"token=([A-Za-z0-9_\-]+)", mails[0].body)
    assert match
    token = match.group(1)
    mails.clear()
    _, second = race(
        lambda s: reset_password(s, token=token, new_password="ein ganz neues Passwort 1"),
        lambda s: reset_password(s, token=token, new_password="ein anderes Passwort 22"),
    )
    assert second.error is not None and second.error.key == "account.token_used"
    assert [m.to for m in mails] == ["leitung@rathaus.example"]  # one "password changed"


def test_two_admins_merge_the_same_area(db: Session, w: dict) -> None:
    k, boke, hagen = w["ids"]["here"], w["ids"]["boke"], w["ids"]["hagen"]
    anna, bernd = w["as"]["anna"], w["as"]["bernd"]
    _, second = race(
        lambda s: merge_area(s, anna, k, boke, hagen, confirmed=True),
        lambda s: merge_area(s, bernd, k, boke, hagen, confirmed=True),
    )
    _lost_to(second, "atomic.area_merged_by", "Anna Amt")
    assert _count(db, Area, col(Area.id) == boke) == 0
    assert _status(db, Listing, w["ids"]["listing"]) == ListingStatus.PUBLISHED
    db.expire_all()
    assert db.exec(select(Listing.area_id).where(Listing.id == w["ids"]["listing"])).one() == hagen
    assert _audits(db, "merge_area") == 1


def test_two_admins_revoke_the_same_admin(db: Session, w: dict) -> None:
    k, anna, bernd = w["ids"]["here"], w["as"]["anna"], w["as"]["bernd"]
    invite_admin(db, anna, k, email="jonas@example.org", display_name="")
    db.commit()
    jonas = w["ids"]["jonas"]
    _, second = race(
        lambda s: revoke_admin(s, anna, k, jonas, "Aufgabe abgegeben"),
        lambda s: revoke_admin(s, bernd, k, jonas, "Ausgeschieden"),
    )
    _lost_to(second, "atomic.admin_revoked_by", "Anna Amt")
    assert _count(db, RoleGrant, col(RoleGrant.user_id) == jonas) == 0
    assert _audits(db, "revoke_admin") == 1


def test_confirming_a_registration_in_two_tabs_makes_one_account(db: Session, w: dict) -> None:
    token = "ein-bestaetigungslink-zum-testen"
    now = utcnow()
    db.add(
        PendingRegistration(
            kommune_id=w["ids"]["here"],
            email="erika@example.org",
            password_hash="x",
            display_name="Erika Muster",
            area_id=w["ids"]["boke"],
            privacy_version="1",
            terms_version="1",
            token_hash=hash_token(token),
            created_at=now,
            expires_at=now + timedelta(days=7),
        )
    )
    db.commit()
    first, second = race(
        lambda s: confirm_registration(s, token=token),
        lambda s: confirm_registration(s, token=token),
    )
    assert first.value is not None
    assert second.error is not None and second.error.key == "registration.token_invalid"
    assert _count(db, User, col(User.email) == "erika@example.org") == 1


def test_confirming_an_email_change_in_two_tabs_switches_once(
    db: Session, w: dict, mails: list[Mail]
) -> None:
    maria = db.get(User, w["ids"]["maria"])
    assert maria is not None
    token = issue_token(
        db, maria, AccountTokenPurpose.EMAIL_CHANGE, timedelta(days=1), "maria@neu.example"
    )
    db.commit()
    first, second = race(
        lambda s: confirm_email_change(s, token=token),
        lambda s: confirm_email_change(s, token=token),
    )
    assert first.value == "maria@neu.example"
    assert second.error is not None and second.error.key == "account.token_used"
    assert [m.to for m in mails] == ["maria@example.org"]  # the old address is told once


def test_a_change_made_long_ago_is_not_called_just_now(db: Session, w: dict) -> None:
    k, peter, anna = w["ids"]["here"], w["ids"]["peter"], w["as"]["anna"]
    approval.approve_user(db, anna, k, peter)
    db.commit()
    db.execute(update(AuditEvent).values(at=utcnow() - timedelta(hours=2)))
    db.commit()
    with pytest.raises(DomainError) as err:
        approval.approve_user(db, w["as"]["bernd"], k, peter)
    assert not isinstance(err.value, AlreadyDone)
    assert err.value.key == "approval.not_pending"
