"""Double opt-in of a registration: the confirmation link, the account it creates, the
warning to an address that has an account already, and the deletion of what is never
confirmed.

The form (`auth.register`) answers the same in every case. Only a confirmed registration
becomes an account, and so reaches the Kommune's approval queue; until then it is a
`PendingRegistration` that nobody but the link's holder can act on. The mails carry nothing
the registering person typed: the address owner may be a stranger to them.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete
from sqlmodel import Session, col, func, select

from dasnez_core.errors import InvalidInput
from dasnez_core.mail import compose, queue
from dasnez_core.models import (
    Area,
    ConsentDocument,
    ConsentRecord,
    Kommune,
    PendingRegistration,
    User,
    UserStatus,
    id_of,
    utcnow,
)
from dasnez_core.services.kommunen import get_kommune
from dasnez_core.services.sessions import hash_token
from dasnez_core.services.transitions import locked_one

# A link lasts as long as the registration is kept: some people read their mail once a week.
CONFIRM_VALID = timedelta(days=7)
UNCONFIRMED_KEPT = timedelta(days=7)
# More confirmation mails than this per address and hour are not sent (a stranger's mailbox).
CONFIRMATIONS_PER_HOUR = 5


@dataclass(frozen=True)
class RegistrationToConfirm:
    """What the confirmation page shows before the button is pressed."""

    kommune_name: str
    email: str


@dataclass(frozen=True)
class ConfirmedRegistration:
    kommune_name: str
    kommune_slug: str


def start_registration(
    db: Session,
    *,
    kommune: Kommune,
    email: str,
    password_hash: str,
    display_name: str,
    area_id: int | None,
) -> None:
    """Keep the registration and mail its confirmation link (validated input only)."""
    now = utcnow()
    recent = db.exec(
        select(func.count()).where(
            col(PendingRegistration.email) == email,
            col(PendingRegistration.created_at) > now - timedelta(hours=1),
        )
    ).one()
    if recent >= CONFIRMATIONS_PER_HOUR:
        return
    token = secrets.token_urlsafe(32)
    db.add(
        PendingRegistration(
            kommune_id=id_of(kommune),
            email=email,
            password_hash=password_hash,
            display_name=display_name,
            area_id=area_id,
            privacy_version=kommune.privacy_version,
            terms_version=kommune.terms_version,
            token_hash=hash_token(token),
            created_at=now,
            expires_at=now + CONFIRM_VALID,
        )
    )
    queue(
        db,
        compose(
            email,
            "de",
            "mail.register_confirm",
            kommune=kommune.name,
            token=token,
            days=CONFIRM_VALID.days,
        ),
    )


def warn_owner(db: Session, owner: User, kommune: Kommune) -> None:
    """Tell the owner of an account that someone tried to register with their address."""
    queue(
        db,
        compose(
            owner.email,
            owner.language,
            "mail.register_exists",
            name=owner.display_name,
            kommune=kommune.name,
        ),
    )


def _redeemable(db: Session, token: str, *, lock: bool = False) -> PendingRegistration:
    """The waiting registration of a link; with `lock`, locked for this transaction (a link
    opened twice at once confirms once; the second finds it used up)."""
    if not token or len(token) > 200:
        raise InvalidInput("token", "registration.token_invalid")
    where = col(PendingRegistration.token_hash) == hash_token(token)
    row = (
        locked_one(db, PendingRegistration, where)
        if lock
        else db.exec(select(PendingRegistration).where(where)).first()
    )
    if row is None:
        raise InvalidInput("token", "registration.token_invalid")
    if row.expires_at <= utcnow():
        raise InvalidInput("token", "registration.token_expired")
    return row


def registration_to_confirm(db: Session, token: str) -> RegistrationToConfirm:
    """What a valid link would confirm (InvalidInput otherwise)."""
    row = _redeemable(db, token)
    return RegistrationToConfirm(kommune_name=get_kommune(db, row.kommune_id).name, email=row.email)


def confirm_registration(db: Session, *, token: str) -> ConfirmedRegistration:
    """Turn the registration into a pending account with both consents.

    From now on the Kommune's admins see the person in their approval queue and the person
    can log in. Every other waiting registration of the address goes (the first confirmed
    wins); the consents count from the moment they were given on the form.
    """
    row = _redeemable(db, token, lock=True)
    if db.exec(select(User.id).where(col(User.email) == row.email)).first() is not None:
        raise InvalidInput("token", "registration.address_taken")
    kommune = get_kommune(db, row.kommune_id)
    area = db.exec(
        select(Area).where(Area.id == row.area_id, Area.kommune_id == row.kommune_id)
    ).first()
    user = User(
        email=row.email,
        password_hash=row.password_hash,
        display_name=row.display_name,
        kommune_id=row.kommune_id,
        # The district may have been merged away meanwhile; the person then chooses anew.
        area_id=area.id if area is not None else None,
        status=UserStatus.PENDING,
    )
    db.add(user)
    db.flush()
    for document, version in (
        (ConsentDocument.PRIVACY, row.privacy_version),
        (ConsentDocument.TERMS, row.terms_version),
    ):
        db.add(
            ConsentRecord(
                user_id=id_of(user),
                kommune_id=row.kommune_id,
                document=document,
                version=version,
                accepted_at=row.created_at,
            )
        )
    db.execute(delete(PendingRegistration).where(col(PendingRegistration.email) == row.email))
    # An institution registered in the same flow now has its responsible person.
    from dasnez_core.services.institutions import attach_confirmed

    attach_confirmed(db, user)
    db.flush()
    return ConfirmedRegistration(kommune_name=kommune.name, kommune_slug=kommune.slug)


def delete_unconfirmed(db: Session, *, now: datetime | None = None) -> int:
    """Delete registrations not confirmed within seven days; returns how many."""
    cutoff = (now or utcnow()) - UNCONFIRMED_KEPT
    result = db.execute(
        delete(PendingRegistration).where(col(PendingRegistration.created_at) <= cutoff)
    )
    from dasnez_core.services.institutions import delete_unconfirmed_institutions

    delete_unconfirmed_institutions(db, now=now)
    db.flush()
    return int(getattr(result, "rowcount", 0) or 0)
