"""People, their roles, their login sessions and their consents."""

from __future__ import annotations

import secrets
from datetime import date, datetime
from enum import StrEnum

from sqlmodel import Field, SQLModel

from dasnez_core.models.base import utcnow


class UserStatus(StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    BLOCKED = "blocked"


class ProfileVisibility(StrEnum):
    """Who sees a person's public profile (name, district, member since, ratings)."""

    MEMBERS = "members"  # approved members and admins of the person's Kommune
    ALL = "all"  # anybody, also without logging in
    NOBODY = "nobody"  # nobody but the person: the page is "not found" for everyone else


HANDLE_BYTES = 12  # 16 URL-safe characters, 96 random bits: not guessable, not countable


def new_handle() -> str:
    """A random, URL-safe handle for a profile's address (never the sequential id)."""
    return secrets.token_urlsafe(HANDLE_BYTES)


class User(SQLModel, table=True):
    """An account. Its email and hash never leave the server."""

    id: int | None = Field(default=None, primary_key=True)
    email: str = Field(max_length=254, unique=True, index=True)
    password_hash: str = Field(max_length=255)
    display_name: str = Field(max_length=80)
    kommune_id: int = Field(foreign_key="kommune.id", index=True)
    area_id: int | None = Field(default=None, foreign_key="area.id")
    birth_date: date | None = None
    phone: str = Field(default="", max_length=40)
    status: str = Field(default=UserStatus.PENDING, max_length=20, index=True)
    language: str = Field(default="de", max_length=5)
    introduction: str = Field(default="", max_length=1000)
    share_email: bool = Field(default=False)
    handle: str = Field(default_factory=new_handle, max_length=32, unique=True, index=True)
    profile_visibility: str = Field(default=ProfileVisibility.MEMBERS, max_length=10)
    created_at: datetime = Field(default_factory=utcnow)
    approved_at: datetime | None = None


class Role(StrEnum):
    CITIZEN = "citizen"
    PROXY = "proxy"
    INSTITUTION_MEMBER = "institution_member"
    # Ortsteil- or Sozialraum-Verwaltung: approves and moderates within one area subtree or
    # one social space of a Kommune (the grant names which).
    COORDINATOR = "coordinator"
    KOMMUNE_ADMIN = "kommune_admin"
    PLATFORM_ADMIN = "platform_admin"


class RoleGrant(SQLModel, table=True):
    """A role held by a user, scoped to a Kommune (none for platform staff). A coordinator's
    grant also names its scope: an area (a district with its villages, or one village) or a
    social space of that Kommune."""

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user.id", index=True)
    role: str = Field(max_length=30)
    kommune_id: int | None = Field(default=None, foreign_key="kommune.id")
    created_at: datetime = Field(default_factory=utcnow)
    area_id: int | None = Field(default=None, foreign_key="area.id")
    social_space_id: int | None = Field(default=None, foreign_key="socialspace.id")


class UserSession(SQLModel, table=True):
    """A login. Only the SHA-256 of the random token is stored."""

    __tablename__ = "user_session"

    id: int | None = Field(default=None, primary_key=True)
    token_hash: str = Field(max_length=64, unique=True)
    user_id: int = Field(foreign_key="user.id", index=True)
    app: str = Field(max_length=10)
    created_at: datetime = Field(default_factory=utcnow)
    last_seen_at: datetime = Field(default_factory=utcnow)
    expires_at: datetime
    revoked_at: datetime | None = None
    # The admin portal's working context chosen in its switcher: one of the person's role
    # grants (a Kommune's admin rights or a coordinator scope). No foreign key: a revoked
    # grant simply falls back to the person's first context when the session is resolved.
    context_grant_id: int | None = None


class SessionTicket(SQLModel, table=True):
    """A one-time login ticket of a few seconds, exchanged by the app's HTTP endpoint for
    the session cookie. Only its SHA-256 is stored; redeeming deletes the row."""

    __tablename__ = "session_ticket"

    id: int | None = Field(default=None, primary_key=True)
    ticket_hash: str = Field(max_length=64, unique=True)
    # Deleting a person deletes their sessions; a pending ticket goes with its session.
    session_id: int = Field(foreign_key="user_session.id", index=True, ondelete="CASCADE")
    expires_at: datetime


class ConsentDocument(StrEnum):
    PRIVACY = "privacy"
    TERMS = "terms"


class ConsentRecord(SQLModel, table=True):
    """Proof that a person accepted a version of a Kommune's privacy notice or terms."""

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user.id", index=True)
    kommune_id: int = Field(foreign_key="kommune.id")
    document: str = Field(max_length=20)
    version: str = Field(max_length=20)
    accepted_at: datetime = Field(default_factory=utcnow)
    withdrawn_at: datetime | None = None


class UserSocialSpace(SQLModel, table=True):
    """The social spaces a person feels at home in (profile)."""

    __tablename__ = "user_social_space"

    user_id: int = Field(foreign_key="user.id", primary_key=True)
    social_space_id: int = Field(foreign_key="socialspace.id", primary_key=True, index=True)


class AccountTokenPurpose(StrEnum):
    PASSWORD_RESET = "password_reset"  # noqa: S105  (a purpose, not a secret)
    EMAIL_CHANGE = "email_change"


class AccountToken(SQLModel, table=True):
    """A one-time link sent by email (password reset, email change). Only the hash is kept."""

    __tablename__ = "account_token"

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user.id", index=True)
    purpose: str = Field(max_length=20)
    token_hash: str = Field(max_length=64, unique=True)
    new_email: str = Field(default="", max_length=254)
    created_at: datetime = Field(default_factory=utcnow)
    expires_at: datetime
    used_at: datetime | None = None


class PendingRegistration(SQLModel, table=True):
    """A registration whose address is not confirmed yet (double opt-in).

    No account exists until the link mailed to the address is opened: so nothing an admin
    sees, no login and no "address taken" answer can come from an unconfirmed address.
    Several may wait for one address (a stranger's attempt must not void the owner's link);
    the first confirmed wins and removes the others. Deleted after seven days if unconfirmed.
    """

    __tablename__ = "pending_registration"

    id: int | None = Field(default=None, primary_key=True)
    kommune_id: int = Field(foreign_key="kommune.id", index=True)
    email: str = Field(max_length=254, index=True)
    password_hash: str = Field(max_length=255)
    display_name: str = Field(max_length=80)
    # No foreign key: an admin may merge or delete the area meanwhile; confirming re-checks it.
    area_id: int | None = None
    privacy_version: str = Field(max_length=20)
    terms_version: str = Field(max_length=20)
    token_hash: str = Field(max_length=64, unique=True)
    created_at: datetime = Field(default_factory=utcnow, index=True)
    expires_at: datetime
