"""Freischaltung: a Kommune's admins approve (or decline) the people who registered there.

Declining removes the pending account for good, with its consents, sessions, links and
drafts, in one transaction; the person is told the reason by mail in their language.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import delete, func
from sqlmodel import Session, col, select, update

from dasnez_core.actor import Actor
from dasnez_core.errors import DomainError, InvalidInput, NotFound
from dasnez_core.formatting import format_datetime
from dasnez_core.mail import compose, queue
from dasnez_core.models import (
    AccountToken,
    Area,
    AuditAction,
    AuditEvent,
    ConsentRecord,
    Listing,
    ListingReport,
    ListingSocialSpace,
    RoleGrant,
    User,
    UserSession,
    UserSocialSpace,
    UserStatus,
    id_of,
    utcnow,
)
from dasnez_core.models.represented import shown_email
from dasnez_core.permissions import Action, require_over, require_scope
from dasnez_core.scope import Scope
from dasnez_core.services import audit, institutions
from dasnez_core.services.kommunen import get_kommune
from dasnez_core.services.moderation import PAGE_SIZE, check_reason, roles_of
from dasnez_core.services.representation import full_names, proxy_of, represented_proxy_names
from dasnez_core.services.transitions import already_done, done_by, locked, locked_one, lost_to


@dataclass(frozen=True)
class PendingPerson:
    """What an admin sees of a pending registration (email included: it is the admin's job)."""

    user_id: int
    display_name: str
    email: str
    area_name: str
    registered_at: str
    # Stellvertretung: a represented person (who has no email) and their proxy's name
    # ("" when the office looks after them).
    represented: bool = False
    represented_by: str = ""


def count_pending(db: Session, actor: Actor, kommune_id: int) -> int:
    scope = require_scope(actor, Action.VIEW_APPROVAL_QUEUE, kommune_id)
    return int(
        db.exec(
            select(func.count())
            .select_from(User)
            .where(scope.persons(), User.status == UserStatus.PENDING)
        ).one()
    )


def list_pending(
    db: Session, actor: Actor, kommune_id: int, page: int = 1, lang: str = "de"
) -> list[PendingPerson]:
    """Pending people of this Kommune (or the caller's scope of it), longest waiting first,
    50 a page."""
    scope = require_scope(actor, Action.VIEW_APPROVAL_QUEUE, kommune_id)
    rows = db.exec(
        select(User, Area.name)
        .join(Area, col(Area.id) == User.area_id, isouter=True)
        .where(scope.persons(), User.status == UserStatus.PENDING)
        .order_by(col(User.created_at), col(User.id))
        .limit(PAGE_SIZE)
        .offset(PAGE_SIZE * (max(page, 1) - 1))
    ).all()
    ids = [u.id for u, _ in rows if u.id is not None]
    proxies, names = represented_proxy_names(db, ids), full_names(db, ids)
    return [
        PendingPerson(
            user_id=u.id,
            display_name=names.get(u.id, u.display_name),
            email=shown_email(u.email),
            area_name=area_name or "",
            registered_at=format_datetime(u.created_at, lang),
            represented=u.id in proxies,
            represented_by=proxies.get(u.id, ""),
        )
        for u, area_name in rows
        if u.id is not None
    ]


def approve_user(db: Session, actor: Actor, kommune_id: int, user_id: int) -> None:
    """Approve a pending person of `kommune_id` and mail them the news.

    Another Kommune's person, or one outside a coordinator's scope, is not found.
    """
    scope = require_scope(actor, Action.APPROVE_USER, kommune_id)
    user = _locked_person(db, scope, user_id)
    require_over(actor, Action.APPROVE_USER, kommune_id, roles_of(db, user_id))
    if user.status != UserStatus.PENDING:
        raise _not_pending(db, kommune_id, user, "approval.not_pending")
    user.status = UserStatus.APPROVED
    user.approved_at = utcnow()
    db.add(user)
    audit.record(
        db,
        actor,
        action=AuditAction.APPROVE_USER,
        target_type="user",
        target_id=user.id,
        kommune_id=kommune_id,
    )
    kommune = get_kommune(db, kommune_id)
    proxy = proxy_of(db, user_id)
    if proxy is not None:
        mail = compose(
            proxy.email,
            proxy.language,
            "mail.represented_approved",
            name=proxy.display_name,
            person=full_names(db, [user_id]).get(user_id, user.display_name),
            kommune=kommune.name,
        )
    else:
        mail = compose(
            user.email,
            user.language,
            "mail.account_approved",
            name=user.display_name,
            kommune=kommune.name,
            slug=kommune.slug,
        )
    queue(db, mail)
    db.flush()


def approve_users(db: Session, actor: Actor, kommune_id: int, user_ids: Sequence[int]) -> list[str]:
    """Approve several pending people at once: all of them, or (on any error) none.

    Returns their names in the order given.
    """
    scope = require_scope(actor, Action.APPROVE_USER, kommune_id)
    wanted = list(dict.fromkeys(user_ids))
    if not wanted:
        raise InvalidInput("user_ids", "approval.none_selected")
    if len(wanted) > PAGE_SIZE:
        raise InvalidInput("user_ids", "approval.too_many", max=PAGE_SIZE)
    people = {u.id: u for u in locked(db, User, col(User.id).in_(wanted), scope.persons())}
    if len(people) != len(wanted):
        missing = next(i for i in wanted if i not in people)
        raise _declined(db, scope, missing)
    for user_id in wanted:
        if people[user_id].status != UserStatus.PENDING:
            raise _not_pending(
                db, kommune_id, people[user_id], "approval.bulk_not_pending", "user_ids"
            )
    for user_id in wanted:
        approve_user(db, actor, kommune_id, user_id)
    return [people[user_id].display_name for user_id in wanted]


def decline_user(db: Session, actor: Actor, kommune_id: int, user_id: int, reason: str) -> str:
    """Decline a pending registration of `kommune_id` with a reason and return the name.

    The person is mailed the reason in their language; then the account is removed with
    its consents, sessions, one-time links, social spaces and drafts. Reports they filed
    stay (anonymous). Another Kommune's person is not found; an approved one is refused.
    """
    scope = require_scope(actor, Action.APPROVE_USER, kommune_id)
    text = check_reason(reason)
    user = _locked_person(db, scope, user_id)
    require_over(actor, Action.APPROVE_USER, kommune_id, roles_of(db, user_id))
    if user.status != UserStatus.PENDING:
        raise _not_pending(db, kommune_id, user, "approval.decline_not_pending")
    kommune = get_kommune(db, kommune_id)
    queue(
        db,
        compose(
            user.email,
            user.language,
            "mail.account_declined",
            name=user.display_name,
            kommune=kommune.name,
            slug=kommune.slug,
            reason=text,
        ),
    )
    audit.record(
        db,
        actor,
        action=AuditAction.DECLINE_USER,
        target_type="user",
        target_id=user_id,
        kommune_id=kommune_id,
        reason=text,
    )
    name = user.display_name
    _erase_pending(db, id_of(user))
    # A person registered with an institution in the same flow: it goes with them.
    institutions.forget_person(db, id_of(user))
    db.delete(user)
    db.flush()
    return name


def _locked_person(db: Session, scope: Scope, user_id: int) -> User:
    """The person in `scope`, locked for this transaction; one another admin has just
    declined is named as such, anyone else not found."""
    user = locked_one(db, User, col(User.id) == user_id, scope.persons())
    if user is None:
        raise _declined(db, scope, user_id)
    return user


def _declined(db: Session, scope: Scope, user_id: int) -> DomainError:
    # A coordinator learns nothing about people outside their scope: plain "not found".
    by = (
        done_by(
            db,
            kommune_id=scope.kommune_id,
            target_type="user",
            target_id=user_id,
            actions=(AuditAction.DECLINE_USER,),
        )
        if scope.whole_kommune
        else ""
    )
    return (
        already_done("user_id", "atomic.declined_by", by, "") if by else NotFound("user.not_found")
    )


def _not_pending(
    db: Session, kommune_id: int, user: User, fallback: str, field: str = "user_id"
) -> InvalidInput:
    """The refusal for a person who waits no longer: who approved them, if known."""
    if user.status != UserStatus.APPROVED:
        return InvalidInput(field, fallback, name=user.display_name)
    return lost_to(
        db,
        kommune_id,
        ("user", id_of(user)),
        AuditAction.APPROVE_USER,
        "atomic.approved_by",
        fallback,
        field=field,
        name=user.display_name,
    )


def _erase_pending(db: Session, user_id: int) -> None:
    """Delete what a pending person can own: they could not yet publish, write to anyone
    or rate, so drafts, consents, sessions, links and profile choices are all there is."""
    drafts = list(db.exec(select(Listing.id).where(Listing.author_id == user_id)).all())
    for statement in (
        delete(ListingReport).where(col(ListingReport.listing_id).in_(drafts)),
        delete(ListingSocialSpace).where(col(ListingSocialSpace.listing_id).in_(drafts)),
        delete(Listing).where(col(Listing.id).in_(drafts)),
        update(ListingReport)
        .where(col(ListingReport.reporter_id) == user_id)
        .values(reporter_id=None),
        update(AuditEvent).where(col(AuditEvent.actor_id) == user_id).values(actor_id=None),
        delete(UserSession).where(col(UserSession.user_id) == user_id),
        delete(AccountToken).where(col(AccountToken.user_id) == user_id),
        delete(UserSocialSpace).where(col(UserSocialSpace.user_id) == user_id),
        delete(ConsentRecord).where(col(ConsentRecord.user_id) == user_id),
        delete(RoleGrant).where(col(RoleGrant.user_id) == user_id),
    ):
        db.execute(statement)
