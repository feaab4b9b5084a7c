"""The admins of a Kommune: who they are, inviting a further one, taking the rights back.

An admin only ever invites for their own Kommune. A person of that Kommune who is already
approved gets the role; an unknown address gets a new, approved account whose password
nobody knows, and a mail with a one-time link (the password-reset link of the public app)
to choose one. An address of another Kommune's account is answered as an unknown one (no
account is revealed or taken over); only its owner is told. Every change is audited in the
same transaction.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import delete
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from dasnez_core.actor import Actor
from dasnez_core.emails import check_email
from dasnez_core.errors import InvalidInput, NotAllowed, NotFound, Problems
from dasnez_core.formatting import format_date
from dasnez_core.mail import compose, queue
from dasnez_core.models import (
    AccountTokenPurpose,
    AuditAction,
    Role,
    RoleGrant,
    User,
    UserStatus,
    id_of,
    utcnow,
)
from dasnez_core.passwords import burn_time, hash_password
from dasnez_core.permissions import Action, rank, require
from dasnez_core.services import audit
from dasnez_core.services.account import _issue_token
from dasnez_core.services.auth import clean_text, validate_display_name
from dasnez_core.services.kommunen import get_kommune
from dasnez_core.services.moderation import roles_of
from dasnez_core.services.transitions import already_done, done_by, locked_one, lost_to

# An invitation is read when the person finds time; a reset link lasts only an hour.
INVITATION_VALID = timedelta(days=7)
REASON_MIN, REASON_MAX = 5, 1000


@dataclass(frozen=True)
class AdminEntry:
    """An admin of the Kommune as the other admins see them."""

    user_id: int
    display_name: str
    email: str
    since: str
    is_you: bool


@dataclass(frozen=True)
class InviteResult:
    """`created`: a new account was made and an invitation mailed; else the role was granted."""

    display_name: str
    email: str
    created: bool


def list_admins(db: Session, actor: Actor, kommune_id: int, lang: str = "de") -> list[AdminEntry]:
    """The admins of the Kommune, by name."""
    require(actor, Action.MANAGE_ADMINS, kommune_id)
    rows = db.exec(
        select(User, RoleGrant.created_at)
        .join(RoleGrant, col(RoleGrant.user_id) == User.id)
        .where(
            RoleGrant.role == Role.KOMMUNE_ADMIN,
            RoleGrant.kommune_id == kommune_id,
            User.kommune_id == kommune_id,
        )
        .order_by(col(User.display_name), col(User.id))
        .limit(200)
    ).all()
    return [
        AdminEntry(
            user_id=id_of(user),
            display_name=user.display_name,
            email=user.email,
            since=format_date(granted, lang),
            is_you=user.id == actor.user_id,
        )
        for user, granted in rows
    ]


def _is_admin_here(db: Session, user_id: int, kommune_id: int) -> bool:
    return (
        db.exec(
            select(RoleGrant.id).where(
                RoleGrant.user_id == user_id,
                RoleGrant.role == Role.KOMMUNE_ADMIN,
                RoleGrant.kommune_id == kommune_id,
            )
        ).first()
        is not None
    )


def invite_admin(
    db: Session, actor: Actor, kommune_id: int, *, email: str, display_name: str
) -> InviteResult:
    """Make the person with `email` an admin of the actor's Kommune (see module doc)."""
    require(actor, Action.MANAGE_ADMINS, kommune_id)
    return grant_admin(db, actor, kommune_id, email=email, display_name=display_name)


def grant_admin(
    db: Session, actor: Actor, kommune_id: int, *, email: str, display_name: str
) -> InviteResult:
    """`invite_admin` after its permission check: also used by platform staff's new-Kommune
    wizard (dasnez_core.services.onboarding), which checks its own permission first."""
    address = check_email(email)
    kommune = get_kommune(db, kommune_id)
    # Locked: two admins inviting the same person at once grant the role once.
    user = locked_one(db, User, col(User.email) == address)
    if user is not None and user.kommune_id != kommune_id:
        # Another Kommune's account: answer exactly as for a new address (nothing here tells
        # that the address has an account), take nothing over, and tell only its owner.
        name = validate_display_name(display_name)
        burn_time(address)  # a new account's password hash takes as long
        queue(
            db,
            compose(
                user.email,
                user.language,
                "mail.admin_invite_elsewhere",
                name=user.display_name,
                kommune=kommune.name,
            ),
        )
        db.flush()
        return InviteResult(display_name=name, email=address, created=True)
    created = user is None
    if user is None:
        name = validate_display_name(display_name)
        now = utcnow()
        user = User(
            email=address,
            # Nobody knows this password: the person chooses one through the mailed link.
            password_hash=hash_password(secrets.token_urlsafe(32)),
            display_name=name,
            kommune_id=kommune_id,
            status=UserStatus.APPROVED,
            created_at=now,
            approved_at=now,
        )
        try:
            with db.begin_nested():
                db.add(user)
                db.flush()
        except IntegrityError:
            # PostgreSQL: another admin has just invited the same new address (SQLite
            # serialised the two at the lock above).
            winner = locked_one(db, User, col(User.email) == address)
            if winner is None or winner.kommune_id != kommune_id:
                raise
            raise _invited_already(db, kommune_id, winner) from None
    elif user.status == UserStatus.PENDING:
        raise InvalidInput("email", "admins.not_approved")
    elif user.status == UserStatus.BLOCKED:
        raise InvalidInput("email", "admins.blocked")
    elif _is_admin_here(db, id_of(user), kommune_id):
        raise _invited_already(db, kommune_id, user)
    db.add(RoleGrant(user_id=id_of(user), role=Role.KOMMUNE_ADMIN, kommune_id=kommune_id))
    audit.record(
        db,
        actor,
        action=AuditAction.INVITE_ADMIN,
        target_type="user",
        target_id=id_of(user),
        kommune_id=kommune_id,
        reason="new account" if created else "existing account",
    )
    if created:
        token = _issue_token(db, user, AccountTokenPurpose.PASSWORD_RESET, INVITATION_VALID)
        mail = compose(
            user.email,
            user.language,
            "mail.admin_invite",
            name=user.display_name,
            kommune=kommune.name,
            inviter=actor.display_name,
            token=token,
            days=INVITATION_VALID.days,
        )
    else:
        mail = compose(
            user.email,
            user.language,
            "mail.admin_granted",
            name=user.display_name,
            kommune=kommune.name,
            inviter=actor.display_name,
        )
    queue(db, mail)
    db.flush()
    return InviteResult(display_name=user.display_name, email=user.email, created=created)


def _invited_already(db: Session, kommune_id: int, user: User) -> InvalidInput:
    """The refusal for a person who is an admin here already (and who just made them one)."""
    return lost_to(
        db,
        kommune_id,
        ("user", id_of(user)),
        AuditAction.INVITE_ADMIN,
        "atomic.admin_invited_by",
        "admins.already_admin",
        field="email",
        name=user.display_name,
    )


def revoke_admin(
    db: Session, actor: Actor, kommune_id: int, user_id: int | None, reason: str
) -> str:
    """Take the admin rights of this Kommune from another admin (with a reason, audited).

    Nobody revokes themselves, so a Kommune never loses its last admin this way. Returns the
    person's name. Another Kommune's admin, or a person who is none, is not found; no
    person chosen (None) and a missing reason are both named at once."""
    require(actor, Action.MANAGE_ADMINS, kommune_id)
    problems = Problems()
    if user_id is None:
        problems.add("user_id", "admins.choose_required")
    text = clean_text(reason)
    if len(text) < REASON_MIN:
        problems.add("reason", "moderation.reason_required", min=REASON_MIN)
    elif len(text) > REASON_MAX:
        problems.add("reason", "moderation.reason_too_long", max=REASON_MAX)
    problems.raise_if_any()
    assert user_id is not None
    # Locked: of two admins revoking the same one at once, the second is told who did.
    user = locked_one(db, User, col(User.id) == user_id, col(User.kommune_id) == kommune_id)
    if user is None:
        raise NotFound("admins.not_found")
    if not _is_admin_here(db, user_id, kommune_id):
        by = done_by(
            db,
            kommune_id=kommune_id,
            target_type="user",
            target_id=user_id,
            actions=(AuditAction.REVOKE_ADMIN,),
        )
        if not by:
            raise NotFound("admins.not_found")
        raise already_done("user_id", "atomic.admin_revoked_by", by, "", name=user.display_name)
    if user_id == actor.user_id:
        raise NotAllowed("admins.not_yourself")
    # Fellow Kommune admins manage each other (equal rank, by design); a person of a higher
    # role, such as platform staff who also administer this Kommune, is out of reach.
    if rank(roles_of(db, user_id)) > rank(actor.roles):
        raise NotAllowed("moderation.higher_role")
    db.execute(
        delete(RoleGrant).where(
            col(RoleGrant.user_id) == user_id,
            col(RoleGrant.role) == Role.KOMMUNE_ADMIN,
            col(RoleGrant.kommune_id) == kommune_id,
        )
    )
    audit.record(
        db,
        actor,
        action=AuditAction.REVOKE_ADMIN,
        target_type="user",
        target_id=user_id,
        kommune_id=kommune_id,
        reason=text,
    )
    db.flush()
    return user.display_name
