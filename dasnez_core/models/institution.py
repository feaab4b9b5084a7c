"""Institutions and their networks (Caritas, Seniorenhilfe, a school …): the institution,
its admission by each Kommune, its members, one-time member invitations, its dated
notices, the places it serves and its shared inbox."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import UniqueConstraint, event
from sqlmodel import Field, SQLModel

from dasnez_core.folding import fold
from dasnez_core.models.base import utcnow


class InstitutionKind(StrEnum):
    WOHLFAHRTSVERBAND = "welfare"
    SENIORENHILFE = "senior_help"
    KIRCHENGEMEINDE = "parish"
    VEREIN = "club"
    SCHULE = "school"
    KITA = "kita"
    PFLEGEEINRICHTUNG = "care_home"
    SONSTIGE = "other"


class AdmissionStatus(StrEnum):
    # The responsible person registered in the same flow and has not opened the
    # confirmation link yet: nobody sees the institution, not even the admin.
    UNCONFIRMED = "unconfirmed"
    PENDING = "pending"
    APPROVED = "approved"


class Institution(SQLModel, table=True):
    """An institution or network. It lives in every Kommune that admitted it; `kommune_id`
    is the Kommune it first registered in."""

    id: int | None = Field(default=None, primary_key=True)
    kommune_id: int = Field(foreign_key="kommune.id", index=True)
    # The readable, unique address part of /k/<slug>/netzwerk/<handle>.
    handle: str = Field(max_length=64, unique=True, index=True)
    name: str = Field(max_length=120)
    name_folded: str = Field(default="", max_length=240, index=True)
    kind: str = Field(max_length=20)
    description: str = Field(default="", max_length=2000)
    contact: str = Field(default="", max_length=500)
    website: str = Field(default="", max_length=300)
    logo_path: str = Field(default="", max_length=300)
    # None while the responsible person's own registration waits for its confirmation.
    responsible_id: int | None = Field(default=None, foreign_key="user.id", index=True)
    # The address of that waiting registration ("" once the person's account exists).
    responsible_email: str = Field(default="", max_length=254, index=True)
    created_at: datetime = Field(default_factory=utcnow)


@event.listens_for(Institution, "before_insert")
@event.listens_for(Institution, "before_update")
def _fold_name(_mapper: object, _conn: object, institution: Institution) -> None:
    institution.name_folded = fold(institution.name)


class InstitutionAdmission(SQLModel, table=True):
    """An institution's admission by one Kommune (each admits it separately)."""

    __tablename__ = "institution_admission"
    __table_args__ = (UniqueConstraint("kommune_id", "institution_id"),)

    id: int | None = Field(default=None, primary_key=True)
    kommune_id: int = Field(foreign_key="kommune.id", index=True)
    institution_id: int = Field(foreign_key="institution.id", index=True)
    status: str = Field(default=AdmissionStatus.PENDING, max_length=20)
    requested_by: int | None = Field(default=None, foreign_key="user.id")
    requested_at: datetime = Field(default_factory=utcnow)
    approved_at: datetime | None = None


class InstitutionMember(SQLModel, table=True):
    """A person acting for an institution; `is_lead` marks the responsible person."""

    __tablename__ = "institution_member"
    __table_args__ = (UniqueConstraint("institution_id", "user_id"),)

    id: int | None = Field(default=None, primary_key=True)
    institution_id: int = Field(foreign_key="institution.id", index=True)
    user_id: int = Field(foreign_key="user.id", index=True)
    is_lead: bool = Field(default=False)
    joined_at: datetime = Field(default_factory=utcnow)


class InstitutionInvite(SQLModel, table=True):
    """A one-time member invitation by mail. Only the token's SHA-256 is kept."""

    __tablename__ = "institution_invite"

    id: int | None = Field(default=None, primary_key=True)
    institution_id: int = Field(foreign_key="institution.id", index=True)
    kommune_id: int = Field(foreign_key="kommune.id", index=True)
    email: str = Field(max_length=254)
    token_hash: str = Field(max_length=64, unique=True)
    created_by: int | None = Field(default=None, foreign_key="user.id")
    created_at: datetime = Field(default_factory=utcnow)
    expires_at: datetime
    used_at: datetime | None = None


class InstitutionNotice(SQLModel, table=True):
    """A dated notice of an institution on its page in one Kommune (like the Info-Box)."""

    __tablename__ = "institution_notice"

    id: int | None = Field(default=None, primary_key=True)
    kommune_id: int = Field(foreign_key="kommune.id", index=True)
    institution_id: int = Field(foreign_key="institution.id", index=True)
    title: str = Field(max_length=120)
    body: str = Field(default="", max_length=2000)
    event_date: date | None = None
    publish_until: date | None = None
    created_by: int | None = Field(default=None, foreign_key="user.id")
    created_at: datetime = Field(default_factory=utcnow)


class InstitutionPlace(SQLModel, table=True):
    """An Ortsteil or a social space of a Kommune that an institution serves."""

    __tablename__ = "institution_place"

    id: int | None = Field(default=None, primary_key=True)
    kommune_id: int = Field(foreign_key="kommune.id", index=True)
    institution_id: int = Field(foreign_key="institution.id", index=True)
    area_id: int | None = Field(default=None, foreign_key="area.id")
    social_space_id: int | None = Field(default=None, foreign_key="socialspace.id")


class InstitutionThread(SQLModel, table=True):
    """A person's conversation with an institution in one Kommune: the institution's side
    is its shared inbox, which every member reads and answers."""

    __tablename__ = "institution_thread"
    __table_args__ = (UniqueConstraint("institution_id", "kommune_id", "citizen_id"),)

    id: int | None = Field(default=None, primary_key=True)
    kommune_id: int = Field(foreign_key="kommune.id", index=True)
    institution_id: int = Field(foreign_key="institution.id", index=True)
    citizen_id: int = Field(foreign_key="user.id", index=True)
    created_at: datetime = Field(default_factory=utcnow)
    last_message_at: datetime = Field(default_factory=utcnow)
    citizen_read_at: datetime | None = None
    inbox_read_at: datetime | None = None


class InstitutionMessage(SQLModel, table=True):
    __tablename__ = "institution_message"

    id: int | None = Field(default=None, primary_key=True)
    thread_id: int = Field(foreign_key="institution_thread.id", index=True)
    # The person who wrote it (for an answer of the institution: the member, for the admin).
    sender_id: int | None = Field(default=None, foreign_key="user.id")
    from_institution: bool = Field(default=False)
    body: str = Field(max_length=2000)
    created_at: datetime = Field(default_factory=utcnow)
