"""A person's own account: profile, password, email address, data export and deletion.

Password reset and email change work with one-time links (AccountToken): only the SHA-256
of the random token is stored, as for login sessions. The answer to "forgot my password"
never tells whether an account exists.
"""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import delete, not_
from sqlmodel import Session, col, func, or_, select, update

from dasnez_core.actor import Actor
from dasnez_core.emails import check_email, normalise_email
from dasnez_core.errors import InvalidInput, NotAllowed, Problems
from dasnez_core.mail import compose, queue
from dasnez_core.models import (
    AccountToken,
    AccountTokenPurpose,
    Agreement,
    Area,
    AuditAction,
    AuditEvent,
    Category,
    ConsentRecord,
    Conversation,
    Exchange,
    Kommune,
    LegalText,
    Listing,
    ListingReport,
    ListingSocialSpace,
    Message,
    ProfileVisibility,
    Rating,
    RepresentedPerson,
    RoleGrant,
    SocialSpace,
    User,
    UserSession,
    UserSocialSpace,
    UserStatus,
    id_of,
    utcnow,
)
from dasnez_core.passwords import check_password_rules, hash_password, verify_password
from dasnez_core.permissions import Action, can, require
from dasnez_core.services import audit, institutions, listing_photos, saved_searches, timebank
from dasnez_core.services.auth import clean_text, validate_display_name
from dasnez_core.services.kommunen import get_area, get_kommune
from dasnez_core.services.representation import hand_over
from dasnez_core.services.sessions import hash_token, revoke_all_sessions, revoke_other_sessions
from dasnez_core.services.transitions import locked_one
from dasnez_core.throttle import (
    EMAIL_CHANGES_PER_ACCOUNT,
    EMAIL_CHANGES_PER_ADDRESS,
    EMAIL_CHANGES_PER_TARGET,
    RESETS_PER_ACCOUNT,
    RESETS_PER_ADDRESS,
    address_key,
    throttle,
)

INTRODUCTION_MAX = 1000
SOCIAL_SPACES_MAX = 50
RESET_VALID = timedelta(hours=1)
EMAIL_CHANGE_VALID = timedelta(hours=24)
# More reset mails than this per hour are not sent (a stranger could flood a mailbox).
RESETS_PER_HOUR = 5


@dataclass(frozen=True)
class Profile:
    """What a person sees of their own account (the email is theirs to see)."""

    display_name: str
    email: str
    status: str
    kommune_name: str
    kommune_slug: str
    area_id: str
    social_space_ids: tuple[str, ...]
    introduction: str
    share_email: bool
    can_delete: bool
    profile_visibility: str = ProfileVisibility.MEMBERS
    handle: str = ""  # the address of the public profile: /k/<slug>/person/<handle>


@dataclass(frozen=True)
class ProfileUpdate:
    """What the profile form sends (ids as the form sends them)."""

    display_name: str
    area_id: int | None
    social_space_ids: tuple[int, ...]
    introduction: str
    share_email: bool
    # Who sees the public profile (ProfileVisibility); None leaves it as it is.
    profile_visibility: str | None = None


def _own_user(db: Session, actor: Actor, kommune_id: int, action: Action) -> User:
    """The actor's own row, if `action` is allowed; blocked people get nothing."""
    if actor.user_id is None:
        raise NotAllowed("auth.required")
    require(actor, action, kommune_id)
    user = db.exec(
        select(User).where(User.id == actor.user_id, User.kommune_id == kommune_id)
    ).first()
    if user is None or user.status == UserStatus.BLOCKED:
        raise NotAllowed()
    return user


def _check_current_password(user: User, password: str, field: str) -> None:
    if not verify_password(password, user.password_hash):
        raise InvalidInput(field, "account.password_wrong")


def _email_taken(db: Session, email: str) -> bool:
    return bool(db.exec(select(func.count()).where(col(User.email) == email)).one())


# --- profile ---------------------------------------------------------------------------------


def get_profile(db: Session, actor: Actor, kommune_id: int) -> Profile:
    user = _own_user(db, actor, kommune_id, Action.EDIT_OWN_PROFILE)
    kommune = get_kommune(db, kommune_id)
    spaces = db.exec(
        select(UserSocialSpace.social_space_id).where(UserSocialSpace.user_id == user.id)
    ).all()
    return Profile(
        display_name=user.display_name,
        email=user.email,
        status=user.status,
        kommune_name=kommune.name,
        kommune_slug=kommune.slug,
        area_id=str(user.area_id) if user.area_id is not None else "",
        social_space_ids=tuple(str(s) for s in sorted(spaces)),
        introduction=user.introduction,
        share_email=user.share_email,
        can_delete=can(actor, Action.DELETE_OWN_ACCOUNT, kommune_id),
        profile_visibility=user.profile_visibility,
        handle=user.handle,
    )


def _spaces_known(db: Session, kommune_id: int, space_ids: list[int]) -> bool:
    """Whether every chosen social space is one of the Kommune's (and not too many)."""
    if len(space_ids) > SOCIAL_SPACES_MAX:
        return False
    if not space_ids:
        return True
    found = db.exec(
        select(SocialSpace.id).where(
            col(SocialSpace.id).in_(space_ids), SocialSpace.kommune_id == kommune_id
        )
    ).all()
    return len(found) == len(space_ids)


def update_profile(db: Session, actor: Actor, kommune_id: int, change: ProfileUpdate) -> None:
    """Save name, district, social spaces, introduction, the email-sharing choice and who
    sees the public profile."""
    user = _own_user(db, actor, kommune_id, Action.EDIT_OWN_PROFILE)
    problems = Problems()
    name = problems.check(lambda: validate_display_name(change.display_name))
    visibility = change.profile_visibility
    if visibility is not None and visibility not in set(ProfileVisibility):
        problems.add("profile_visibility", "account.visibility_unknown")
    area = None
    if change.area_id is None:
        problems.add("area_id", "register.area_required")
    else:
        area_id = change.area_id
        area = problems.check(lambda: get_area(db, kommune_id=kommune_id, area_id=area_id))
    introduction = clean_text(change.introduction)
    if len(introduction) > INTRODUCTION_MAX:
        problems.add("introduction", "account.introduction_too_long", max=INTRODUCTION_MAX)
    space_ids = sorted(set(change.social_space_ids))
    if not _spaces_known(db, kommune_id, space_ids):
        problems.add("social_space_ids", "account.social_space_unknown")
    problems.raise_if_any()
    assert name is not None and area is not None
    user.display_name = name
    user.area_id = area.id
    user.introduction = introduction
    user.share_email = bool(change.share_email)
    if visibility is not None:
        user.profile_visibility = visibility
    db.add(user)
    db.execute(delete(UserSocialSpace).where(col(UserSocialSpace.user_id) == user.id))
    db.add_all(UserSocialSpace(user_id=id_of(user), social_space_id=s) for s in space_ids)
    db.flush()


# --- password --------------------------------------------------------------------------------


def change_password(
    db: Session,
    actor: Actor,
    kommune_id: int,
    *,
    current_password: str,
    new_password: str,
    keep_session: str,
) -> None:
    """Set a new password; every other session of the person ends (this one, whose token
    hashes to `keep_session`, stays)."""
    user = _own_user(db, actor, kommune_id, Action.EDIT_OWN_PROFILE)
    problems = Problems()
    problems.check(lambda: _check_current_password(user, current_password, "current_password"))
    problems.check(
        lambda: check_password_rules(new_password, email=user.email, display_name=user.display_name)
    )
    problems.raise_if_any()
    _set_password(db, user, new_password)
    revoke_other_sessions(db, id_of(user), keep_session)
    db.flush()


def _set_password(db: Session, user: User, new_password: str) -> None:
    """Check the rules, store the hash, void open reset links and tell the person."""
    check_password_rules(new_password, email=user.email, display_name=user.display_name)
    user.password_hash = hash_password(new_password)
    db.add(user)
    _void_tokens(db, id_of(user), AccountTokenPurpose.PASSWORD_RESET)
    queue(db, compose(user.email, user.language, "mail.password_changed", name=user.display_name))


def request_password_reset(db: Session, *, email: str, client: str = "") -> None:
    """Mail a reset link if an unblocked account has this address; say nothing either way.

    Throttled per email (known or not) and per client address (`client`).
    """
    throttle().attempt(
        (RESETS_PER_ACCOUNT, normalise_email(email)), (RESETS_PER_ADDRESS, address_key(client))
    )
    address = check_email(email)
    user = db.exec(select(User).where(User.email == address)).first()
    if user is None or user.status == UserStatus.BLOCKED:
        return
    recent = db.exec(
        select(func.count()).where(
            col(AccountToken.user_id) == user.id,
            col(AccountToken.purpose) == AccountTokenPurpose.PASSWORD_RESET,
            col(AccountToken.created_at) > utcnow() - timedelta(hours=1),
        )
    ).one()
    if recent >= RESETS_PER_HOUR:
        return
    token = _issue_token(db, user, AccountTokenPurpose.PASSWORD_RESET, RESET_VALID)
    queue(
        db,
        compose(
            user.email, user.language, "mail.password_reset", name=user.display_name, token=token
        ),
    )


def check_reset_token(db: Session, token: str) -> None:
    """Raise InvalidInput if the reset link is forged, used or expired (shown before the form)."""
    _redeemable(db, token, AccountTokenPurpose.PASSWORD_RESET)


def reset_password(db: Session, *, token: str, new_password: str) -> None:
    """Set a new password through a reset link; the link is used up, every session ends."""
    row, user = _redeemable(db, token, AccountTokenPurpose.PASSWORD_RESET, lock=True)
    _set_password(db, user, new_password)
    row.used_at = utcnow()
    db.add(row)
    revoke_all_sessions(db, id_of(user))
    db.flush()


# --- email address ---------------------------------------------------------------------------


def request_email_change(
    db: Session,
    actor: Actor,
    kommune_id: int,
    *,
    new_email: str,
    current_password: str,
    client: str = "",
) -> str:
    """Mail a confirmation link to the new address; the account keeps the old one until then.

    The answer is the same whether or not the new address has an account: if it has, no link
    is issued (nothing could ever succeed) and its owner gets a short notice instead. Neither
    mail carries anything the requester typed. Only approved people change their address: a
    pending account is not vetted yet, has nothing to lose by registering anew, and must not
    make the platform write to strangers. Throttled per account, per new address (mail to a
    stranger) and per client address. Returns the new address as it will be stored.
    """
    throttle().attempt(
        (EMAIL_CHANGES_PER_ACCOUNT, f"user:{actor.user_id}"),
        (EMAIL_CHANGES_PER_TARGET, normalise_email(new_email)),
        (EMAIL_CHANGES_PER_ADDRESS, address_key(client)),
    )
    user = _own_user(db, actor, kommune_id, Action.EDIT_OWN_PROFILE)
    if user.status != UserStatus.APPROVED:
        raise NotAllowed("account.email_change_pending")
    problems = Problems()
    address = problems.check(lambda: check_email(new_email))
    problems.check(lambda: _check_current_password(user, current_password, "email_password"))
    if address is not None and address == user.email:
        problems.add("new_email", "account.email_same")
    problems.raise_if_any()
    assert address is not None
    # Only the newest request counts: an older link must not switch to another address.
    _void_tokens(db, id_of(user), AccountTokenPurpose.EMAIL_CHANGE)
    owner = db.exec(select(User).where(col(User.email) == address)).first()
    if owner is None:
        token = _issue_token(
            db, user, AccountTokenPurpose.EMAIL_CHANGE, EMAIL_CHANGE_VALID, new_email=address
        )
        queue(db, compose(address, user.language, "mail.email_confirm", token=token))
    else:
        queue(
            db,
            compose(
                owner.email, owner.language, "mail.email_change_taken", name=owner.display_name
            ),
        )
    db.flush()
    return address


def pending_email(db: Session, token: str) -> str:
    """The address a valid confirmation link would set (InvalidInput otherwise)."""
    row, _user = _redeemable(db, token, AccountTokenPurpose.EMAIL_CHANGE)
    return row.new_email


def confirm_email_change(db: Session, *, token: str) -> str:
    """Switch the account to the confirmed address, tell the old one; returns the new one."""
    row, user = _redeemable(db, token, AccountTokenPurpose.EMAIL_CHANGE, lock=True)
    if _email_taken(db, row.new_email):
        raise InvalidInput("token", "account.email_taken")
    old_email = user.email
    user.email = row.new_email
    row.used_at = utcnow()
    db.add_all([user, row])
    queue(
        db,
        compose(
            old_email,
            user.language,
            "mail.email_changed",
            name=user.display_name,
            new_email=row.new_email,
        ),
    )
    db.flush()
    return row.new_email


# --- one-time links --------------------------------------------------------------------------


def _issue_token(
    db: Session, user: User, purpose: str, valid_for: timedelta, new_email: str = ""
) -> str:
    token = secrets.token_urlsafe(32)
    now = utcnow()
    db.add(
        AccountToken(
            user_id=id_of(user),
            purpose=purpose,
            token_hash=hash_token(token),
            new_email=new_email,
            created_at=now,
            expires_at=now + valid_for,
        )
    )
    db.flush()
    return token


def _void_tokens(db: Session, user_id: int, purpose: str) -> None:
    db.execute(
        update(AccountToken)
        .where(
            col(AccountToken.user_id) == user_id,
            col(AccountToken.purpose) == purpose,
            col(AccountToken.used_at).is_(None),
        )
        .values(used_at=utcnow())
    )


def _redeemable(
    db: Session, token: str, purpose: str, *, lock: bool = False
) -> tuple[AccountToken, User]:
    """The link's token row and person, if the link may be used. With `lock` the row is
    locked for this transaction: a link sent twice at once (an admin's invitation accepted
    in two tabs) is used once, and the second sees it used."""
    if not token or len(token) > 200:
        raise InvalidInput("token", "account.token_invalid")
    where = (
        col(AccountToken.token_hash) == hash_token(token),
        col(AccountToken.purpose) == purpose,
    )
    row = (
        locked_one(db, AccountToken, *where)
        if lock
        else db.exec(select(AccountToken).where(*where)).first()
    )
    user = db.get(User, row.user_id) if row is not None else None
    if row is None or user is None or user.status == UserStatus.BLOCKED:
        raise InvalidInput("token", "account.token_invalid")
    if row.used_at is not None:
        raise InvalidInput("token", "account.token_used")
    if row.expires_at <= utcnow():
        raise InvalidInput("token", "account.token_expired")
    return row, user


# --- data export -----------------------------------------------------------------------------


def _iso(value: datetime | date | None) -> str | None:
    return value.isoformat() if value is not None else None


def export_own_data(db: Session, actor: Actor, kommune_id: int) -> str:
    """Everything stored about the person, as a JSON document (Art. 15 and 20 DSGVO).

    Ratings others gave "nur für die Verwaltung" (admin_only) are left out: they are
    the administration's notes. Other people appear by display name only.
    """
    user = _own_user(db, actor, kommune_id, Action.EXPORT_OWN_DATA)
    me = id_of(user)
    kommune = get_kommune(db, kommune_id)
    area = db.get(Area, user.area_id) if user.area_id is not None else None
    data: dict[str, Any] = {
        "exported_at": _iso(utcnow()),
        "profile": {
            "email": user.email,
            "display_name": user.display_name,
            "kommune": kommune.name,
            "area": area.name if area else None,
            "birth_date": _iso(user.birth_date),
            "phone": user.phone,
            "status": user.status,
            "language": user.language,
            "introduction": user.introduction,
            "share_email": user.share_email,
            "profile_visibility": user.profile_visibility,
            "profile_handle": user.handle,
            "created_at": _iso(user.created_at),
            "approved_at": _iso(user.approved_at),
            "social_spaces": list(
                db.exec(
                    select(SocialSpace.name)
                    .join(UserSocialSpace, col(UserSocialSpace.social_space_id) == SocialSpace.id)
                    .where(UserSocialSpace.user_id == me)
                    .order_by(SocialSpace.name)
                ).all()
            ),
        },
        "consents": [
            {
                "document": c.document,
                "version": c.version,
                "accepted_at": _iso(c.accepted_at),
                "withdrawn_at": _iso(c.withdrawn_at),
            }
            for c in db.exec(
                select(ConsentRecord)
                .where(ConsentRecord.user_id == me)
                .order_by(col(ConsentRecord.accepted_at), col(ConsentRecord.id))
            ).all()
        ],
        "role_grants": [
            {"role": g.role, "kommune": name, "granted_at": _iso(g.created_at)}
            for g, name in db.exec(
                select(RoleGrant, Kommune.name)
                .join(Kommune, col(Kommune.id) == RoleGrant.kommune_id, isouter=True)
                .where(RoleGrant.user_id == me)
                .order_by(col(RoleGrant.id))
            ).all()
        ],
        "listings": _export_listings(db, me),
        "saved_searches": saved_searches.export_of(db, me),
        "conversations": _export_conversations(db, me),
        "agreements": _export_agreements(db, me),
        "time_account": timebank.export_of(db, me),
        "ratings_given": [
            {
                "agreement_id": r.agreement_id,
                "stars": r.stars,
                "comment": r.comment,
                "admin_only": r.admin_only,
                "created_at": _iso(r.created_at),
            }
            for r in db.exec(
                select(Rating).where(Rating.rater_id == me).order_by(col(Rating.id))
            ).all()
        ],
        "ratings_received": [
            {
                "agreement_id": r.agreement_id,
                "stars": r.stars,
                "comment": r.comment,
                "created_at": _iso(r.created_at),
            }
            for r in db.exec(
                select(Rating)
                .where(Rating.ratee_id == me, not_(col(Rating.admin_only)))
                .order_by(col(Rating.id))
            ).all()
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2)


def _export_listings(db: Session, me: int) -> list[dict[str, Any]]:
    rows = db.exec(
        select(Listing, Exchange.type, Category.name, Area.name)
        .join(Exchange, col(Exchange.id) == Listing.exchange_id)
        .join(Category, col(Category.id) == Listing.category_id)
        .join(Area, col(Area.id) == Listing.area_id, isouter=True)
        .where(Listing.author_id == me)
        .order_by(col(Listing.created_at), col(Listing.id))
    ).all()
    spaces: dict[int, list[str]] = {}
    for listing_id, space_name in db.exec(
        select(ListingSocialSpace.listing_id, SocialSpace.name)
        .join(SocialSpace, col(SocialSpace.id) == ListingSocialSpace.social_space_id)
        .join(Listing, col(Listing.id) == ListingSocialSpace.listing_id)
        .where(Listing.author_id == me)
    ).all():
        spaces.setdefault(listing_id, []).append(space_name)
    return [
        {
            "id": listing.id,
            "kind": listing.kind,
            "exchange": exchange_type,
            "category": category,
            "title": listing.title,
            "body": listing.body,
            "area": area_name,
            "social_spaces": sorted(spaces.get(id_of(listing), [])),
            "status": listing.status,
            "pocket_money_cents": listing.pocket_money_cents,
            "estimated_hours": listing.estimated_hours,
            "swap_for": listing.swap_for,
            "created_at": _iso(listing.created_at),
            "updated_at": _iso(listing.updated_at),
            "expires_at": _iso(listing.expires_at),
            "closed_at": _iso(listing.closed_at),
        }
        for listing, exchange_type, category, area_name in rows
    ]


def _names(db: Session, user_ids: set[int]) -> dict[int, str]:
    if not user_ids:
        return {}
    rows = db.exec(select(User.id, User.display_name).where(col(User.id).in_(user_ids))).all()
    return {uid: name for uid, name in rows if uid is not None}


def _export_conversations(db: Session, me: int) -> list[dict[str, Any]]:
    rows = db.exec(
        select(Conversation, Listing.title)
        .join(Listing, col(Listing.id) == Conversation.listing_id)
        .where(or_(Conversation.author_id == me, Conversation.starter_id == me))
        .order_by(col(Conversation.created_at), col(Conversation.id))
    ).all()
    conversation_ids = [id_of(c) for c, _ in rows]
    messages: dict[int, list[Message]] = {}
    if conversation_ids:
        for m in db.exec(
            select(Message)
            .where(col(Message.conversation_id).in_(conversation_ids))
            .order_by(col(Message.created_at), col(Message.id))
        ).all():
            messages.setdefault(m.conversation_id, []).append(m)
    others = {c.starter_id if c.author_id == me else c.author_id for c, _ in rows}
    names = _names(db, others | {m.sender_id for ms in messages.values() for m in ms})
    return [
        {
            "id": c.id,
            "listing_id": c.listing_id,
            "listing_title": title,
            "my_role": "author" if c.author_id == me else "starter",
            "other_person": names.get(c.starter_id if c.author_id == me else c.author_id),
            "created_at": _iso(c.created_at),
            "messages": [
                {
                    "from_me": m.sender_id == me,
                    "sender": names.get(m.sender_id),
                    "body": m.body,
                    "sent_at": _iso(m.created_at),
                }
                for m in messages.get(id_of(c), [])
            ],
        }
        for c, title in rows
    ]


def _export_agreements(db: Session, me: int) -> list[dict[str, Any]]:
    rows = db.exec(
        select(Agreement, Listing.title)
        .join(Listing, col(Listing.id) == Agreement.listing_id)
        .where(or_(Agreement.helper_id == me, Agreement.seeker_id == me))
        .order_by(col(Agreement.created_at), col(Agreement.id))
    ).all()
    return [
        {
            "id": a.id,
            "listing_id": a.listing_id,
            "listing_title": title,
            "my_side": "helper" if a.helper_id == me else "seeker",
            "hours": a.hours,
            "amount_cents": a.amount_cents,
            "helper_done_at": _iso(a.helper_done_at),
            "seeker_done_at": _iso(a.seeker_done_at),
            "created_at": _iso(a.created_at),
        }
        for a, title in rows
    ]


# --- deletion --------------------------------------------------------------------------------


def delete_account(
    db: Session, actor: Actor, kommune_id: int, *, password: str, confirmed: bool
) -> None:
    """Delete the person and what only they own, in the caller's transaction.

    Removed: own listings with their conversations, messages, agreements and reports;
    conversations the person started; messages they wrote; ratings about them; sessions,
    links, social spaces, roles and consents. Kept without the person: ratings they gave
    (on agreements that remain), audit events, reports they filed or resolved, and the other
    side of agreements. Admins are removed by another admin, not here.
    """
    user = _own_user(db, actor, kommune_id, Action.EDIT_OWN_PROFILE)
    if not can(actor, Action.DELETE_OWN_ACCOUNT, kommune_id):
        raise NotAllowed("account.delete_admin")
    problems = Problems()
    if not confirmed:
        problems.add("confirm", "account.delete_confirm_required")
    problems.check(lambda: _check_current_password(user, password, "delete_password"))
    problems.raise_if_any()
    me = id_of(user)
    audit.record(
        db,
        actor,
        action=AuditAction.DELETE_OWN_ACCOUNT,
        target_type="user",
        target_id=me,
        kommune_id=kommune_id,
    )
    db.flush()
    erase_person(db, user)


def erase_person(db: Session, user: User) -> None:
    """Delete a person and what only they own (see `delete_account`), keeping the ratings
    they gave, anonymised, in the caller's transaction. Also used for a represented person
    (Stellvertretung) and by the retention job for long-inactive accounts."""
    me = id_of(user)
    listing_ids = list(db.exec(select(Listing.id).where(Listing.author_id == me)).all())
    conversation_ids = list(
        db.exec(
            select(Conversation.id).where(
                or_(
                    col(Conversation.listing_id).in_(listing_ids),
                    Conversation.author_id == me,
                    Conversation.starter_id == me,
                )
            )
        ).all()
    )
    timebank.forget_person(db, me)
    listing_photos.forget_listings(db, [i for i in listing_ids if i is not None])
    for statement in (
        # Agreements stay (anonymised) so that the ratings given through them are kept.
        update(Agreement)
        .where(col(Agreement.conversation_id).in_(conversation_ids))
        .values(conversation_id=None),
        update(Agreement).where(col(Agreement.listing_id).in_(listing_ids)).values(listing_id=None),
        delete(Rating).where(col(Rating.ratee_id) == me),
        update(Rating).where(col(Rating.rater_id) == me).values(rater_id=None),
        update(Agreement).where(col(Agreement.helper_id) == me).values(helper_id=None),
        update(Agreement).where(col(Agreement.seeker_id) == me).values(seeker_id=None),
        # A proxy's name goes from the agreements they confirmed for someone.
        update(Agreement).where(col(Agreement.helper_proxy_id) == me).values(helper_proxy_id=None),
        update(Agreement).where(col(Agreement.seeker_proxy_id) == me).values(seeker_proxy_id=None),
        delete(Message).where(
            or_(col(Message.conversation_id).in_(conversation_ids), col(Message.sender_id) == me)
        ),
        delete(Conversation).where(col(Conversation.id).in_(conversation_ids)),
        delete(ListingReport).where(col(ListingReport.listing_id).in_(listing_ids)),
        update(ListingReport).where(col(ListingReport.reporter_id) == me).values(reporter_id=None),
        update(ListingReport).where(col(ListingReport.resolved_by) == me).values(resolved_by=None),
        delete(ListingSocialSpace).where(col(ListingSocialSpace.listing_id).in_(listing_ids)),
        delete(Listing).where(col(Listing.id).in_(listing_ids)),
        update(AuditEvent).where(col(AuditEvent.actor_id) == me).values(actor_id=None),
        update(LegalText).where(col(LegalText.published_by) == me).values(published_by=None),
        delete(UserSession).where(col(UserSession.user_id) == me),
        delete(AccountToken).where(col(AccountToken.user_id) == me),
        delete(UserSocialSpace).where(col(UserSocialSpace.user_id) == me),
        delete(RoleGrant).where(col(RoleGrant.user_id) == me),
        delete(ConsentRecord).where(col(ConsentRecord.user_id) == me),
        # A represented person's own record goes (a proxy's people pass to the office below).
        delete(RepresentedPerson).where(col(RepresentedPerson.user_id) == me),
        update(RepresentedPerson)
        .where(col(RepresentedPerson.consent_recorded_by) == me)
        .values(consent_recorded_by=None),
    ):
        db.execute(statement)
    hand_over(db, None, me, None)
    saved_searches.delete_all_of(db, me)
    institutions.forget_person(db, me)
    db.delete(user)
    db.flush()
