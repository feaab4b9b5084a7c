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
from datetime import date, datetime, timedelta

from sqlalchemy import delete
from sqlmodel import Session, col, func, select

from dasnez_core.emails import check_email
from dasnez_core.errors import InvalidInput
from dasnez_core.formatting import local_today
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
from dasnez_core.services import parental_consent
from dasnez_core.services.kommunen import contact_line, get_kommune
from dasnez_core.services.sessions import hash_token
from dasnez_core.services.transitions import locked_one
from dasnez_core.youth_rules import MIN_AGE, age_on, is_minor, needs_consent_for_account

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
    awaiting_parent: bool = False


@dataclass(frozen=True)
class MinorDetails:
    """A registration's date of birth and, for a minor, the parent's address."""

    birth_date: date
    parent_email: str


def check_minor(
    kommune: Kommune, raw_birth_date: str, raw_parent_email: str, own_email: str | None
) -> MinorDetails:
    """The date of birth of a registration form; under 13 nobody registers (JArbSchG § 5,
    the platform's minimum). Under 16 the account waits for a parent (GDPR Art. 8), so a
    parent's or guardian's address is required; 16–17 may give one or leave it empty: their
    parent's consent is needed only for Taschengeld jobs, and they can ask for it later
    from their account page (`youth_account.request_parent_consent`)."""
    text = raw_birth_date.strip()
    if not text:
        raise InvalidInput("birth_date", "youth.birth_date_required")
    try:
        born = (
            datetime.strptime(text, "%d.%m.%Y").date() if "." in text else date.fromisoformat(text)
        )
    except ValueError:
        raise InvalidInput("birth_date", "youth.birth_date_invalid") from None
    today = local_today()
    if born > today or age_on(born, today) > 120:
        raise InvalidInput("birth_date", "youth.birth_date_invalid")
    if age_on(born, today) < MIN_AGE:
        raise InvalidInput(
            "birth_date", "youth.under_13", kommune=kommune.name, contact=contact_line(kommune)
        )
    if not is_minor(born, today):
        return MinorDetails(born, "")
    if not raw_parent_email.strip():
        if needs_consent_for_account(born, today):
            raise InvalidInput("parent_email", "youth.parent_email_required")
        return MinorDetails(born, "")
    parent = check_email(raw_parent_email, "parent_email")
    if own_email is not None and parent == own_email:
        raise InvalidInput("parent_email", "youth.parent_email_own")
    return MinorDetails(born, parent)


def start_registration(
    db: Session,
    *,
    kommune: Kommune,
    email: str,
    password_hash: str,
    display_name: str,
    area_id: int | None,
    minor: MinorDetails | None = None,
    in_school: bool = True,
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
            birth_date=minor.birth_date if minor else None,
            parent_email=minor.parent_email if minor else "",
            in_full_time_school=in_school,
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
        birth_date=row.birth_date,
        in_full_time_school=row.in_full_time_school,
        # Under 16 the parent consents first; only then the Kommune sees the person.
        status=(
            UserStatus.AWAITING_PARENT
            if needs_consent_for_account(row.birth_date, local_today())
            else UserStatus.PENDING
        ),
    )
    db.add(user)
    db.flush()
    if row.parent_email and is_minor(row.birth_date, local_today()):
        parental_consent.request_consent(db, user, kommune, row.parent_email)
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
    return ConfirmedRegistration(
        kommune_name=kommune.name,
        kommune_slug=kommune.slug,
        awaiting_parent=user.status == UserStatus.AWAITING_PARENT,
    )


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
