"""Stellvertretung: people without internet, represented by an appointed proxy.

A represented person is a `User` row without a login (its display name the first name,
an address of the reserved `.invalid` domain, an unusable password hash) plus one
`RepresentedPerson` row holding what only their proxy and the Kommune's admins see: the
full name, year of birth, one way to reach them and the paper consent. Being a `User`
keeps listings, conversations, agreements, ratings, blocking and the approval queue
working for them unchanged.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlmodel import Field, SQLModel

from dasnez_core.models.base import utcnow

# RFC 2606 reserves `.invalid`: no mail can ever reach such an address.
PLACEHOLDER_DOMAIN = "vertreten.invalid"
# No hash scheme produces this: every password check against it fails.
NO_PASSWORD = "!represented"  # noqa: S105  (a marker, not a secret)


def placeholder_email(handle: str) -> str:
    """The login-less address of a represented person's account (never shown, never mailed)."""
    return f"{handle.lower()}@{PLACEHOLDER_DOMAIN}"


def is_placeholder_email(email: str) -> bool:
    return email.endswith("@" + PLACEHOLDER_DOMAIN)


def shown_email(email: str) -> str:
    """What a page may show of an account's address: nothing for a represented person."""
    return "" if is_placeholder_email(email) else email


class RepresentedPerson(SQLModel, table=True):
    """A person a proxy acts for. `proxy_id` None: the Kommune's office looks after them
    (after their proxy's role was revoked with the office as successor)."""

    __tablename__ = "represented_person"

    id: int | None = Field(default=None, primary_key=True)
    kommune_id: int = Field(foreign_key="kommune.id", index=True)
    user_id: int = Field(foreign_key="user.id", unique=True)
    proxy_id: int | None = Field(default=None, foreign_key="user.id", index=True)
    # The full name, for the proxy and the admins; the account's display name (all that
    # public pages, cards, feeds and conversation partners see) is the first name only.
    full_name: str = Field(max_length=80)
    birth_year: int
    phone: str = Field(default="", max_length=40)
    postal_address: str = Field(default="", max_length=300)
    # The signed paper form: privacy version printed on it, date of signature, who recorded it.
    consent_version: str = Field(default="", max_length=20)
    consent_signed_on: date | None = None
    consent_recorded_at: datetime | None = None
    consent_recorded_by: int | None = Field(default=None, foreign_key="user.id")
    created_at: datetime = Field(default_factory=utcnow)
