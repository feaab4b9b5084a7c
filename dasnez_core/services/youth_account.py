"""A young person's own side of the Taschengeldbörse, on their account page: where their
parent's consent stands, asking for it later, and whether they are still in full-time school.

At 16 and 17 the parent's consent is needed only for Taschengeld jobs, so it may be left out
at registration and asked for here; the mail and the parent's page are the registration's
(`parental_consent`). Under 16 the consent is asked at registration (the account waits for
it), so nobody under 16 asks here. The school flag decides which youth-labour rules apply
(JArbSchG § 2 (3), `youth_rules.regime`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlmodel import Session, col

from dasnez_core.actor import Actor
from dasnez_core.emails import check_email, mask_email
from dasnez_core.errors import InvalidInput, NotAllowed
from dasnez_core.formatting import local_today
from dasnez_core.models import ParentalConsent, User, UserStatus
from dasnez_core.permissions import Action, require
from dasnez_core.services import parental_consent
from dasnez_core.services.kommunen import get_kommune
from dasnez_core.services.transitions import locked_one
from dasnez_core.throttle import PARENT_REQUESTS_PER_ACCOUNT, PARENT_REQUESTS_PER_TARGET, throttle
from dasnez_core.youth_rules import is_minor, needs_consent_for_account

# Who may use this part of the account: people the Kommune approved or is still checking.
_ACTIVE = (UserStatus.APPROVED, UserStatus.PENDING)


class ConsentState(StrEnum):
    """Where a young person's parental consent stands (catalog keys youth.account_state.*)."""

    NONE = "none"
    REQUESTED = "requested"
    GIVEN = "given"
    WITHDRAWN = "withdrawn"


@dataclass(frozen=True)
class YouthAccount:
    """What the account page shows of the Taschengeldbörse (nothing for adults)."""

    minor: bool = False
    # 16–17 without a consent given or withdrawn: the request form is offered.
    may_request: bool = False
    state: str = ""  # a ConsentState value; "" for adults
    parent_email: str = ""  # masked
    parent_name: str = ""
    relation: str = ""  # a parental_consent.RELATIONS value or ""
    since: datetime | None = None  # when the request was sent, the consent given or withdrawn
    in_school: bool = True


def _state_of(row: ParentalConsent | None) -> ConsentState:
    if row is None:
        return ConsentState.NONE
    if row.withdrawn_at is not None:
        return ConsentState.WITHDRAWN
    if row.confirmed_at is not None:
        return ConsentState.GIVEN
    return ConsentState.REQUESTED


def _own_minor(db: Session, actor: Actor, kommune_id: int, *, lock: bool = False) -> User:
    """The caller's own row, if they are a minor the Kommune approved or is checking;
    NotAllowed otherwise (anonymous, blocked, switched off, adult)."""
    if actor.user_id is None:
        raise NotAllowed("auth.required")
    require(actor, Action.EDIT_OWN_PROFILE, kommune_id)
    where = (col(User.id) == actor.user_id, col(User.kommune_id) == kommune_id)
    user = locked_one(db, User, *where) if lock else db.get(User, actor.user_id)
    if user is None or user.kommune_id != kommune_id or user.status not in _ACTIVE:
        raise NotAllowed()
    if not is_minor(user.birth_date, local_today()):
        raise NotAllowed("youth.account_adult")
    return user


def youth_account(db: Session, actor: Actor, kommune_id: int) -> YouthAccount:
    """The caller's Taschengeld consent and school flag; an empty view for everyone the
    section is not for (adults, and anybody who may not use it)."""
    try:
        user = _own_minor(db, actor, kommune_id)
    except NotAllowed:
        return YouthAccount()
    row = parental_consent.consent_of(db, kommune_id, user.id or 0)
    state = _state_of(row)
    since = None
    if row is not None:
        since = row.withdrawn_at or row.confirmed_at or row.requested_at
    return YouthAccount(
        minor=True,
        may_request=(
            not needs_consent_for_account(user.birth_date, local_today())
            and state in (ConsentState.NONE, ConsentState.REQUESTED)
        ),
        state=state.value,
        parent_email=mask_email(row.parent_email) if row is not None else "",
        parent_name=row.parent_name if row is not None else "",
        relation=row.relation if row is not None else "",
        since=since,
        in_school=user.in_full_time_school,
    )


def request_parent_consent(db: Session, actor: Actor, kommune_id: int, *, parent_email: str) -> str:
    """A 16- or 17-year-old asks a parent's consent for Taschengeld jobs: the parent gets
    the registration's mail with their link. Asking again before the parent answered sends
    a new link (to the same or another address; the older link stops working). Refused
    under 16 (asked at registration), for adults, and once a parent has consented or
    withdrawn. Throttled per account and per parent's address. Returns the masked address.
    """
    user = _own_minor(db, actor, kommune_id, lock=True)
    if needs_consent_for_account(user.birth_date, local_today()):
        raise NotAllowed("youth.account_under_16")
    address = check_email(parent_email, "parent_email")
    if address == user.email:
        raise InvalidInput("parent_email", "youth.parent_email_own")
    kommune = get_kommune(db, kommune_id)
    # Refused before anything is counted: a consent given or withdrawn stays.
    parental_consent.check_may_request(db, user, kommune)
    throttle().attempt(
        (PARENT_REQUESTS_PER_ACCOUNT, f"user:{user.id}"),
        (PARENT_REQUESTS_PER_TARGET, address),
    )
    parental_consent.request_consent(db, user, kommune, address)
    db.flush()
    return mask_email(address)


def set_in_school(db: Session, actor: Actor, kommune_id: int, *, in_school: bool) -> None:
    """A minor says whether they are still in full-time school (JArbSchG § 2 (3)): it
    decides which rules their next Taschengeld agreements are checked against."""
    user = _own_minor(db, actor, kommune_id, lock=True)
    if user.in_full_time_school != in_school:
        user.in_full_time_school = in_school
        db.add(user)
        db.flush()
