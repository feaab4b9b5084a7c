"""Erziehungsberechtigte: the parent's or guardian's consent for a minor.

Asked by mail once a minor's registration is confirmed. Under 16 (GDPR Art. 8, German age
16) the account waits for it (`UserStatus.AWAITING_PARENT`) and only then reaches the
Kommune's approval queue; 16–17 need it before they take Taschengeldbörse jobs. The link in
the mail opens the confirmation and, later, the withdrawal: withdrawing deactivates a
child's account (under 16) and hides their listings at once; for 16–17 it ends their
Taschengeld jobs and hides their Taschengeld listings.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from sqlmodel import Session, col, select, update

from dasnez_core.errors import InvalidInput, NotAllowed, Problems
from dasnez_core.formatting import local_today
from dasnez_core.mail import compose, queue
from dasnez_core.models import (
    Exchange,
    ExchangeType,
    Kommune,
    Listing,
    ListingStatus,
    ParentalConsent,
    User,
    UserStatus,
    id_of,
    utcnow,
)
from dasnez_core.services.kommunen import contact_line, get_kommune
from dasnez_core.services.sessions import hash_token, revoke_all_sessions
from dasnez_core.services.transitions import locked_one
from dasnez_core.youth_rules import needs_consent_for_account

# The relationships a parent or guardian may state (catalog keys youth.relation.<value>).
RELATIONS = ("mother", "father", "parent", "guardian")


@dataclass(frozen=True)
class ConsentView:
    """What the parent's page shows: whose consent, where, and where it stands."""

    child_name: str
    kommune_name: str
    kommune_slug: str
    privacy_version: str
    terms_version: str
    account_consent: bool  # under 16: the whole account depends on it
    confirmed: bool
    withdrawn: bool


def check_may_request(db: Session, user: User, kommune: Kommune) -> ParentalConsent | None:
    """The minor's open request, if any (None: none yet); NotAllowed once a parent has
    consented or withdrawn."""
    row = consent_of(db, id_of(kommune), id_of(user))
    if row is not None and row.withdrawn_at is not None:
        raise NotAllowed(
            "youth.consent_request_withdrawn", kommune=kommune.name, contact=contact_line(kommune)
        )
    if row is not None and row.confirmed_at is not None:
        raise NotAllowed("youth.consent_request_given")
    return row


def request_consent(db: Session, user: User, kommune: Kommune, parent_email: str) -> None:
    """Record the request and mail the parent their link (the minor's account exists,
    `parent_email` is checked).

    Asked at registration or later from the minor's account page. A request not yet
    answered is replaced: the newest address and link count, an older link stops working.
    A consent given or withdrawn is never replaced (a withdrawal is the parent's decision,
    and stays as proof); both are refused with a message for the minor.
    """
    row = check_may_request(db, user, kommune)
    token = secrets.token_urlsafe(32)
    if row is None:
        row = ParentalConsent(
            kommune_id=id_of(kommune),
            user_id=id_of(user),
            parent_email=parent_email,
            token_hash=hash_token(token),
        )
    else:
        row.parent_email, row.token_hash = parent_email, hash_token(token)
        row.requested_at = utcnow()
    db.add(row)
    queue(
        db,
        compose(
            parent_email,
            "de",
            "mail.parent_consent",
            child=user.display_name,
            kommune=kommune.name,
            token=token,
        ),
    )


def _by_token(db: Session, token: str, *, lock: bool = False) -> ParentalConsent:
    if not token or len(token) > 200:
        raise InvalidInput("token", "youth.consent_token_invalid")
    where = col(ParentalConsent.token_hash) == hash_token(token)
    row = (
        locked_one(db, ParentalConsent, where)
        if lock
        else db.exec(select(ParentalConsent).where(where)).first()
    )
    if row is None:
        raise InvalidInput("token", "youth.consent_token_invalid")
    return row


def _child(db: Session, row: ParentalConsent) -> User:
    child = db.exec(
        select(User).where(User.id == row.user_id, User.kommune_id == row.kommune_id)
    ).first()
    if child is None:
        raise InvalidInput("token", "youth.consent_token_invalid")
    return child


def _account_consent(child: User) -> bool:
    """Whether the child's account depends on the consent: under 16 today."""
    return needs_consent_for_account(child.birth_date, local_today())


def consent_view(db: Session, token: str) -> ConsentView:
    """The consent of a link (InvalidInput for an unknown one)."""
    row = _by_token(db, token)
    child = _child(db, row)
    kommune = get_kommune(db, row.kommune_id)
    return ConsentView(
        child_name=child.display_name,
        kommune_name=kommune.name,
        kommune_slug=kommune.slug,
        privacy_version=kommune.privacy_version,
        terms_version=kommune.terms_version,
        account_consent=_account_consent(child),
        confirmed=row.confirmed_at is not None,
        withdrawn=row.withdrawn_at is not None,
    )


def confirm_consent(
    db: Session,
    *,
    token: str,
    parent_name: str,
    relation: str,
    accept_privacy: bool,
    accept_terms: bool,
    shown_versions: tuple[str, str] | None = None,
) -> ConsentView:
    """The parent consents with their own name and relationship, accepting the Kommune's
    current terms and privacy notice on the child's behalf (recorded with the versions and
    the time). A child waiting for it moves on to the approval queue."""
    row = _by_token(db, token, lock=True)
    if row.withdrawn_at is not None:
        raise InvalidInput("token", "youth.consent_withdrawn_already")
    if row.confirmed_at is not None:
        raise InvalidInput("token", "youth.consent_given_already")
    child = _child(db, row)
    kommune = get_kommune(db, row.kommune_id)
    problems = Problems()
    from dasnez_core.services.auth import NAME_MAX, NAME_MIN, clean_text  # (import cycle)

    name = " ".join(clean_text(parent_name).split())
    if not NAME_MIN <= len(name) <= NAME_MAX:
        problems.add("parent_name", "youth.parent_name_required", min=NAME_MIN, max=NAME_MAX)
    if relation not in RELATIONS:
        problems.add("relation", "youth.relation_required")
    if not accept_privacy:
        problems.add("accept_privacy", "youth.parent_privacy_required")
    if not accept_terms:
        problems.add("accept_terms", "youth.parent_terms_required")
    current = (kommune.privacy_version, kommune.terms_version)
    if shown_versions is not None and shown_versions != current:
        problems.add("accept_privacy", "consent.outdated_page")
    problems.raise_if_any()
    now = utcnow()
    row.parent_name, row.relation, row.confirmed_at = name, relation, now
    row.privacy_version, row.terms_version = current
    db.add(row)
    if child.status == UserStatus.AWAITING_PARENT:
        child.status = UserStatus.PENDING
        db.add(child)
    queue(
        db,
        compose(
            row.parent_email,
            "de",
            "mail.parent_consent_given",
            parent=name,
            child=child.display_name,
            kommune=kommune.name,
            token=token,
        ),
    )
    db.flush()
    return consent_view(db, token)


def withdraw_consent(db: Session, *, token: str) -> ConsentView:
    """The parent withdraws (or declines a consent never given: "this is not my child").

    Under 16 the account is deactivated: no login, every session ended, every published
    listing hidden at once. 16–17 keep their account (they consent to it themselves); their
    Taschengeld listings are hidden and they take no more Taschengeld jobs.
    """
    row = _by_token(db, token, lock=True)
    if row.withdrawn_at is not None:
        raise InvalidInput("token", "youth.consent_withdrawn_already")
    child = locked_one(db, User, col(User.id) == row.user_id)
    if child is None:
        raise InvalidInput("token", "youth.consent_token_invalid")
    row.withdrawn_at = utcnow()
    db.add(row)
    hidden = [
        col(Listing.author_id) == child.id,
        col(Listing.status) == ListingStatus.PUBLISHED,
    ]
    if _account_consent(child):
        if child.status != UserStatus.BLOCKED:
            child.status = UserStatus.DEACTIVATED
        db.add(child)
        revoke_all_sessions(db, id_of(child))
    else:
        taschengeld = select(Exchange.id).where(
            Exchange.kommune_id == row.kommune_id, Exchange.type == ExchangeType.TASCHENGELD
        )
        hidden.append(col(Listing.exchange_id).in_(taschengeld))
    db.execute(update(Listing).where(*hidden).values(status=ListingStatus.SUSPENDED))
    kommune = get_kommune(db, row.kommune_id)
    queue(
        db,
        compose(
            child.email,
            child.language,
            "mail.parent_consent_withdrawn",
            name=child.display_name,
            kommune=kommune.name,
        ),
    )
    db.flush()
    return consent_view(db, token)


def consent_of(db: Session, kommune_id: int, user_id: int) -> ParentalConsent | None:
    return db.exec(
        select(ParentalConsent).where(
            ParentalConsent.kommune_id == kommune_id, ParentalConsent.user_id == user_id
        )
    ).first()


def has_valid_consent(db: Session, kommune_id: int, user_id: int) -> bool:
    row = consent_of(db, kommune_id, user_id)
    return row is not None and row.confirmed_at is not None and row.withdrawn_at is None
