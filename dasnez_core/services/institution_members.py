"""Acting for an institution: its members (invited by one-time link by the responsible
person, and removed by them), listings posted as the institution, and its dated notices.

A member acts for the institution in every Kommune that admitted it, with one login (their
account stays in their home Kommune). Whatever is not the caller's institution, or not
admitted in the Kommune of the page, is "not found".
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date, timedelta

from sqlmodel import Session, col, select

from dasnez_core.actor import Actor
from dasnez_core.emails import check_email
from dasnez_core.errors import InvalidInput, NotAllowed, NotFound, Problems
from dasnez_core.mail import compose, queue
from dasnez_core.models import (
    AdmissionStatus,
    Institution,
    InstitutionAdmission,
    InstitutionInvite,
    InstitutionMember,
    InstitutionNotice,
    Kommune,
    Listing,
    User,
    UserStatus,
    id_of,
    utcnow,
)
from dasnez_core.permissions import Action, require
from dasnez_core.services import listings as listing_rules
from dasnez_core.services.auth import clean_text
from dasnez_core.services.institutions import (
    _grant_member_role,
    admitted,
    drop_member_role_if_unused,
)
from dasnez_core.services.kommunen import get_kommune
from dasnez_core.services.sessions import hash_token
from dasnez_core.services.transitions import locked_one

INVITE_VALID = timedelta(days=14)
NOTICE_TITLE_MIN, NOTICE_TITLE_MAX = 3, 120
NOTICE_BODY_MAX = 2000


@dataclass(frozen=True)
class Membership:
    """The caller's membership in an institution admitted by the page's Kommune."""

    institution_id: int
    name: str
    handle: str
    is_lead: bool


@dataclass(frozen=True)
class MemberView:
    user_id: int
    name: str
    is_lead: bool
    is_me: bool


@dataclass(frozen=True)
class MyInstitution:
    """An institution the person acts for, in one Kommune that admitted it (the switcher)."""

    name: str
    handle: str
    kommune_slug: str
    kommune_name: str


@dataclass(frozen=True)
class InviteView:
    """What the invitation page shows before it is accepted."""

    institution: str
    kommune_name: str


def _require_person(actor: Actor) -> int:
    if actor.user_id is None:
        raise NotAllowed("auth.required")
    if actor.status != UserStatus.APPROVED:
        raise NotAllowed("institution.person_not_approved")
    require(actor, Action.ACT_FOR_INSTITUTION, actor.kommune_id)
    return actor.user_id


def membership(db: Session, actor: Actor, kommune_id: int, handle: str) -> Membership:
    """The caller's membership in the institution `handle` admitted by `kommune_id`;
    NotFound for anyone who is not a member (or an institution not admitted there)."""
    user_id = _require_person(actor)
    institution = admitted(db, kommune_id, handle)
    member = db.exec(
        select(InstitutionMember).where(
            InstitutionMember.institution_id == institution.id,
            InstitutionMember.user_id == user_id,
        )
    ).first()
    if member is None:
        raise NotFound("institution.not_found")
    return Membership(id_of(institution), institution.name, institution.handle, member.is_lead)


def membership_or_none(
    db: Session, actor: Actor, kommune_id: int, handle: str
) -> Membership | None:
    """`membership`, or None for everyone who is not a member (the page's public view)."""
    if actor.user_id is None or actor.status != UserStatus.APPROVED or actor.consent_due:
        return None
    try:
        return membership(db, actor, kommune_id, handle)
    except (NotFound, NotAllowed):
        return None


def lead_of(db: Session, actor: Actor, kommune_id: int, handle: str) -> Membership:
    """The caller's membership as the institution's responsible person (else refused)."""
    found = membership(db, actor, kommune_id, handle)
    if not found.is_lead:
        raise NotAllowed("institution.lead_only")
    return found


def my_institutions(db: Session, actor: Actor) -> list[MyInstitution]:
    """Every (institution, Kommune) the person acts for: the Kommune switcher's entries."""
    if actor.user_id is None or not actor.is_approved:
        return []
    rows = db.exec(
        select(Institution.name, Institution.handle, Kommune.slug, Kommune.name)
        .join(InstitutionMember, col(InstitutionMember.institution_id) == Institution.id)
        .join(InstitutionAdmission, col(InstitutionAdmission.institution_id) == Institution.id)
        .join(Kommune, col(Kommune.id) == InstitutionAdmission.kommune_id)
        .where(
            InstitutionMember.user_id == actor.user_id,
            InstitutionAdmission.status == AdmissionStatus.APPROVED,
            col(Kommune.active),
        )
        .order_by(col(Institution.name_folded), col(Kommune.name))
    ).all()
    return [MyInstitution(*row) for row in rows]


# --- members --------------------------------------------------------------------------------


def list_members(db: Session, actor: Actor, kommune_id: int, handle: str) -> list[MemberView]:
    """The institution's members (names only), for its members."""
    found = membership(db, actor, kommune_id, handle)
    rows = db.exec(
        select(User.id, User.display_name, InstitutionMember.is_lead)
        .join(InstitutionMember, col(InstitutionMember.user_id) == User.id)
        .where(InstitutionMember.institution_id == found.institution_id)
        .order_by(col(InstitutionMember.is_lead).desc(), col(User.display_name))
    ).all()
    return [
        MemberView(user_id=uid, name=name, is_lead=lead, is_me=uid == actor.user_id)
        for uid, name, lead in rows
        if uid is not None
    ]


def invite_member(
    db: Session, actor: Actor, kommune_id: int, handle: str, email: str, lang: str = "de"
) -> None:
    """Mail a one-time invitation link (valid 14 days) to `email`. The answer is the same
    whatever the address: an account of a Kommune that has not admitted the institution,
    or a member already, gets no mail, and the caller cannot tell."""
    found = lead_of(db, actor, kommune_id, handle)
    address = check_email(email)
    owner = db.exec(select(User).where(col(User.email) == address)).first()
    if owner is not None:
        admitted_home = db.exec(
            select(InstitutionAdmission.id).where(
                InstitutionAdmission.institution_id == found.institution_id,
                InstitutionAdmission.kommune_id == owner.kommune_id,
                InstitutionAdmission.status == AdmissionStatus.APPROVED,
            )
        ).first()
        already = db.exec(
            select(InstitutionMember.id).where(
                InstitutionMember.institution_id == found.institution_id,
                InstitutionMember.user_id == owner.id,
            )
        ).first()
        if admitted_home is None or already is not None or owner.status == UserStatus.BLOCKED:
            return
    token = secrets.token_urlsafe(32)
    now = utcnow()
    db.add(
        InstitutionInvite(
            institution_id=found.institution_id,
            kommune_id=kommune_id,
            email=address,
            token_hash=hash_token(token),
            created_by=actor.user_id,
            created_at=now,
            expires_at=now + INVITE_VALID,
        )
    )
    kommune = get_kommune(db, kommune_id)
    queue(
        db,
        compose(
            address,
            owner.language if owner is not None else lang,
            "mail.institution_invite",
            institution=found.name,
            inviter=actor.display_name,
            kommune=kommune.name,
            slug=kommune.slug,
            token=token,
            days=INVITE_VALID.days,
        ),
    )
    db.flush()


def _invite(db: Session, token: str, *, lock: bool = False) -> InstitutionInvite:
    if not token or len(token) > 200:
        raise InvalidInput("token", "institution.invite_invalid")
    where = col(InstitutionInvite.token_hash) == hash_token(token)
    row = (
        locked_one(db, InstitutionInvite, where)
        if lock
        else db.exec(select(InstitutionInvite).where(where)).first()
    )
    if row is None or row.used_at is not None:
        raise InvalidInput("token", "institution.invite_invalid")
    if row.expires_at <= utcnow():
        raise InvalidInput("token", "institution.invite_expired")
    return row


def invite_to_accept(db: Session, token: str) -> InviteView:
    """What a valid invitation link is for (InvalidInput otherwise)."""
    row = _invite(db, token)
    institution = db.get(Institution, row.institution_id)
    assert institution is not None
    return InviteView(institution.name, get_kommune(db, row.kommune_id).name)


def accept_invite(db: Session, actor: Actor, token: str) -> MyInstitution:
    """The invited person joins: logged in with the invited address, approved, and living
    in a Kommune that admitted the institution. The link is used up."""
    user_id = _require_person(actor)
    row = _invite(db, token, lock=True)
    user = db.get(User, user_id)
    assert user is not None
    if user.email != row.email:
        raise InvalidInput("token", "institution.invite_other_address")
    admission = db.exec(
        select(InstitutionAdmission).where(
            InstitutionAdmission.institution_id == row.institution_id,
            InstitutionAdmission.kommune_id == user.kommune_id,
            InstitutionAdmission.status == AdmissionStatus.APPROVED,
        )
    ).first()
    if admission is None:
        raise InvalidInput("token", "institution.invite_invalid")
    row.used_at = utcnow()
    db.add(row)
    if not db.exec(
        select(InstitutionMember.id).where(
            InstitutionMember.institution_id == row.institution_id,
            InstitutionMember.user_id == user_id,
        )
    ).first():
        db.add(InstitutionMember(institution_id=row.institution_id, user_id=user_id))
    _grant_member_role(db, user)
    db.flush()
    institution = db.get(Institution, row.institution_id)
    kommune = get_kommune(db, user.kommune_id)
    assert institution is not None
    return MyInstitution(institution.name, institution.handle, kommune.slug, kommune.name)


def remove_member(db: Session, actor: Actor, kommune_id: int, handle: str, user_id: int) -> str:
    """The responsible person removes a member (not themselves); returns the name."""
    found = lead_of(db, actor, kommune_id, handle)
    if user_id == actor.user_id:
        raise InvalidInput("user_id", "institution.cannot_remove_self")
    member = locked_one(
        db,
        InstitutionMember,
        col(InstitutionMember.institution_id) == found.institution_id,
        col(InstitutionMember.user_id) == user_id,
    )
    if member is None:
        raise NotFound("institution.member_not_found")
    person = db.get(User, user_id)
    name = person.display_name if person is not None else ""
    db.delete(member)
    db.flush()
    drop_member_role_if_unused(db, user_id)
    db.flush()
    return name


# --- listings as the institution ------------------------------------------------------------


def create_listing_as(
    db: Session,
    actor: Actor,
    kommune_id: int,
    handle: str,
    draft: listing_rules.ListingDraft,
    *,
    publish: bool = True,
    lang: str = "de",
) -> int:
    """A listing of the institution in `kommune_id` (where it must be admitted), shown with
    the institution as its author; the posting member is kept as `author_id` for the
    admin. Returns its id."""
    found = membership(db, actor, kommune_id, handle)
    kommune = get_kommune(db, kommune_id)
    checked = listing_rules._check(db, kommune_id, draft, lang)
    now = utcnow()
    listing = Listing(
        kommune_id=kommune_id,
        kind=checked.kind,
        exchange_id=id_of(checked.exchange),
        category_id=id_of(checked.category),
        title=checked.title,
        body=checked.body,
        author_id=actor.user_id or 0,
        institution_id=found.institution_id,
        status=listing_rules._published_status(kommune) if publish else "draft",
        created_at=now,
        expires_at=now + timedelta(days=kommune.listing_days),
    )
    listing_rules._apply(db, listing, checked)
    db.add(listing)
    db.flush()
    listing_rules._set_spaces(db, id_of(listing), checked.space_ids)
    db.flush()
    return id_of(listing)


def institution_of_listing(db: Session, kommune_id: int, listing_id: int) -> tuple[str, str] | None:
    """(name, handle) of the institution a listing of this Kommune was posted as, if any."""
    row = db.exec(
        select(Institution.name, Institution.handle)
        .join(Listing, col(Listing.institution_id) == Institution.id)
        .where(Listing.id == listing_id, Listing.kommune_id == kommune_id)
    ).first()
    return None if row is None else (row[0], row[1])


# --- notices --------------------------------------------------------------------------------


def _parse_day(raw: str, field: str) -> date | None:
    text = raw.strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InvalidInput(field, "institution.date_invalid") from None


def add_notice(
    db: Session,
    actor: Actor,
    kommune_id: int,
    handle: str,
    *,
    title: str,
    body: str,
    event_date: str = "",
    publish_until: str = "",
    today: date | None = None,
) -> int:
    """A member adds a dated notice to the institution's page in this Kommune."""
    found = membership(db, actor, kommune_id, handle)
    problems = Problems()
    clean_title = " ".join(clean_text(title).split())
    if len(clean_title) < NOTICE_TITLE_MIN:
        problems.add("notice_title", "institution.notice_title_short", min=NOTICE_TITLE_MIN)
    elif len(clean_title) > NOTICE_TITLE_MAX:
        problems.add("notice_title", "institution.notice_title_long", max=NOTICE_TITLE_MAX)
    clean_body = clean_text(body)
    if len(clean_body) > NOTICE_BODY_MAX:
        problems.add("notice_body", "institution.notice_body_long", max=NOTICE_BODY_MAX)
    day = problems.check(lambda: _parse_day(event_date, "notice_date"))
    until = problems.check(lambda: _parse_day(publish_until, "notice_until"))
    if until is not None and until < (today or date.today()):
        problems.add("notice_until", "institution.until_past")
    problems.raise_if_any()
    notice = InstitutionNotice(
        kommune_id=kommune_id,
        institution_id=found.institution_id,
        title=clean_title,
        body=clean_body,
        event_date=day,
        publish_until=until,
        created_by=actor.user_id,
    )
    db.add(notice)
    db.flush()
    return id_of(notice)


def delete_notice(db: Session, actor: Actor, kommune_id: int, handle: str, notice_id: int) -> None:
    """A member deletes one of the institution's notices in this Kommune."""
    found = membership(db, actor, kommune_id, handle)
    notice = db.exec(
        select(InstitutionNotice).where(
            InstitutionNotice.id == notice_id,
            InstitutionNotice.kommune_id == kommune_id,
            InstitutionNotice.institution_id == found.institution_id,
        )
    ).first()
    if notice is None:
        raise NotFound("institution.notice_not_found")
    db.delete(notice)
    db.flush()
