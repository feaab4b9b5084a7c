"""The tenant (Kommune) and the master data it keeps."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import UniqueConstraint, event, inspect, select
from sqlalchemy.orm import Session
from sqlmodel import Field, SQLModel, col

from dasnez_core.folding import fold
from dasnez_core.models.base import utcnow
from dasnez_core.models.institution import AdmissionStatus, Institution, InstitutionAdmission


class Kommune(SQLModel, table=True):
    """A municipality running its own marketplace; every owned row points here."""

    id: int | None = Field(default=None, primary_key=True)
    slug: str = Field(max_length=64, unique=True, index=True)
    name: str = Field(max_length=120)
    # `name` in one spelling (dasnez_core.folding) so "Delbrueck" finds "Delbrück".
    name_folded: str = Field(default="", max_length=240, index=True)
    federal_state: str = Field(default="Nordrhein-Westfalen", max_length=60)
    # Kreis (district of the Land) the Kommune belongs to, for the platform's statistics.
    kreis: str = Field(default="", max_length=120, index=True)
    postcodes: str = Field(default="", max_length=200)
    contact_name: str = Field(default="", max_length=200)
    contact_email: str = Field(default="", max_length=200)
    contact_phone: str = Field(default="", max_length=60)
    contact_address: str = Field(default="", max_length=300)
    logo_path: str = Field(default="", max_length=300)
    # "#rrggbb" for buttons and links on the Kommune's pages ("" = the default palette);
    # accepted only with a contrast of at least 4.5:1 to white text (WCAG 2.1 AA).
    accent_color: str = Field(default="", max_length=7)
    privacy_version: str = Field(default="1", max_length=20)
    terms_version: str = Field(default="1", max_length=20)
    # A Deutsche-Gebärdensprache video explaining the site (BITV 2.0 § 4), as a https link.
    dgs_video_url: str = Field(default="", max_length=500)
    listing_days: int = Field(default=60)
    reminder_days: int = Field(default=7)
    premoderation: bool = Field(default=False)
    active: bool = Field(default=True)
    # When platform staff switched the Kommune live; None: still being set up ("bald
    # verfügbar": not listed, not searchable, nobody registers). The new-Kommune wizard
    # sets None; a Kommune made any other way (seed, tests) is live from the start.
    live_since: datetime | None = Field(default_factory=utcnow)
    created_at: datetime = Field(default_factory=utcnow)
    # Raised in the same transaction as every change of the Kommune or its master data
    # (areas, categories, exchanges, social spaces): app workers compare it to drop their
    # cached copy (dasnez_core.services.masterdata_cache).
    master_version: int = Field(default=1)
    # Taschengeldbörse settings: the suggested pocket-money rate per hour (cents), the
    # minimum age (13 by law, a Kommune may ask more), the end of school lessons on a
    # school day (minutes after midnight) and the information page for adults and parents.
    pocket_money_min_cents: int = Field(default=500)
    pocket_money_max_cents: int = Field(default=800)
    taschengeld_min_age: int = Field(default=13)
    school_end_minute: int = Field(default=13 * 60)
    youth_info: str = Field(default="", max_length=8000)


@event.listens_for(Kommune, "before_insert")
@event.listens_for(Kommune, "before_update")
def _fold_name(_mapper: object, _conn: object, kommune: Kommune) -> None:
    kommune.name_folded = fold(kommune.name)


class AreaKind(StrEnum):
    DISTRICT = "district"
    VILLAGE = "village"


class Area(SQLModel, table=True):
    """Stadtteil / Ortsteil / Dorf: a district, or a village inside a district."""

    __table_args__ = (UniqueConstraint("kommune_id", "parent_id", "name"),)

    id: int | None = Field(default=None, primary_key=True)
    kommune_id: int = Field(foreign_key="kommune.id", index=True)
    parent_id: int | None = Field(default=None, foreign_key="area.id", index=True)
    kind: str = Field(max_length=20)
    name: str = Field(max_length=120)


class SocialSpaceKind(StrEnum):
    PARISH = "parish"
    KINDERGARTEN = "kindergarten"
    SCHOOL = "school"
    CLUB = "club"
    CARE_HOME = "care_home"
    OTHER = "other"


class SocialSpace(SQLModel, table=True):
    """Sozialraum: parish, kindergarten, school, club, care home …"""

    __table_args__ = (UniqueConstraint("kommune_id", "name"),)

    id: int | None = Field(default=None, primary_key=True)
    kommune_id: int = Field(foreign_key="kommune.id", index=True)
    kind: str = Field(max_length=20)
    name: str = Field(max_length=120)
    area_id: int | None = Field(default=None, foreign_key="area.id")


class ExchangeType(StrEnum):
    TASCHENGELD = "taschengeld"
    ZEITSPENDE = "zeitspende"
    TAUSCH = "tausch"
    NACHBARSCHAFT = "nachbarschaft"


class Exchange(SQLModel, table=True):
    """A Börse the Kommune offers; switched on or off per Kommune."""

    __table_args__ = (UniqueConstraint("kommune_id", "type"),)

    id: int | None = Field(default=None, primary_key=True)
    kommune_id: int = Field(foreign_key="kommune.id", index=True)
    type: str = Field(max_length=20)
    enabled: bool = Field(default=True)


class Category(SQLModel, table=True):
    """Kategorie of listings, kept per Kommune and exchange."""

    __table_args__ = (UniqueConstraint("kommune_id", "exchange_id", "name"),)

    id: int | None = Field(default=None, primary_key=True)
    kommune_id: int = Field(foreign_key="kommune.id", index=True)
    exchange_id: int = Field(foreign_key="exchange.id", index=True)
    name: str = Field(max_length=80)
    # Shown in the English mode; "" falls back to the German name.
    name_en: str = Field(default="", max_length=80)
    active: bool = Field(default=True)
    # The KindArbSchV § 2 kind of light work this Taschengeld category is ("" = not
    # marked as light work: not offered to children). See dasnez_core.youth_rules.
    light_work: str = Field(default="", max_length=30)


class InfoItem(SQLModel, table=True):
    """An entry of the Kommune's Info-Box: a note, an event or a link."""

    id: int | None = Field(default=None, primary_key=True)
    kommune_id: int = Field(foreign_key="kommune.id", index=True)
    title: str = Field(max_length=120)
    body: str = Field(default="", max_length=2000)
    link_url: str = Field(default="", max_length=500)
    event_date: date | None = None
    publish_from: date | None = None
    publish_until: date | None = None
    position: int = Field(default=0)


class Sponsor(SQLModel, table=True):
    """A sponsor link or banner: the only advertising a Kommune page shows."""

    id: int | None = Field(default=None, primary_key=True)
    kommune_id: int = Field(foreign_key="kommune.id", index=True)
    name: str = Field(max_length=120)
    url: str = Field(max_length=500)
    logo_path: str = Field(default="", max_length=300)
    valid_from: date | None = None
    valid_until: date | None = None
    position: int = Field(default=0)


# The rows of a Kommune's master data; an institution's admission too (the networks the
# Kommune's pages list are cached with it: dasnez_core.services.masterdata_cache).
_MASTER_ROWS = (Area, Category, Exchange, SocialSpace, InstitutionAdmission)
# What the cached networks show of an institution: a change of one of these touches every
# Kommune that admitted it.
_NETWORK_SHOWN = ("name", "handle", "kind")
# Session.info key: the Kommunen whose master data the open transaction changed.
MASTER_TOUCHED = "dasnez_master_touched"


def _listed(row: object) -> bool:
    """Whether a change of `row` changes the cached master data: an institution's admission
    only when it is or was approved (one waiting for the Kommune is not among its networks:
    every worker would read the master data again for nothing)."""
    if not isinstance(row, InstitutionAdmission):
        return True
    was = inspect(row).attrs["status"].history.deleted
    return AdmissionStatus.APPROVED in (row.status, *was)


def _admitting(session: Session) -> set[int]:
    """The Kommunen that admitted an institution this flush renames or deletes."""
    changed = [
        row.id
        for row in (*session.dirty, *session.deleted)
        if isinstance(row, Institution)
        and row.id is not None
        and (
            row in session.deleted
            or any(inspect(row).attrs[name].history.has_changes() for name in _NETWORK_SHOWN)
        )
    ]
    if not changed:
        return set()
    with session.no_autoflush:
        rows = session.execute(
            select(col(InstitutionAdmission.kommune_id)).where(
                col(InstitutionAdmission.institution_id).in_(changed),
                col(InstitutionAdmission.status) == AdmissionStatus.APPROVED,
            )
        )
        return {kommune_id for (kommune_id,) in rows}


@event.listens_for(Session, "before_flush")
def _bump_master_version(session: Session, _context: object, _instances: object) -> None:
    """Raise `master_version` of every Kommune whose master data this flush changes.

    Written as `master_version + 1` in SQL, so that two admins saving at once both count.
    Bulk `update()` statements bypass this hook; the services that use them on these
    tables also delete or change a row through the session (merge_area deletes its source).
    """
    touched: set[int] = set()
    for row in (*session.dirty, *session.deleted):
        if isinstance(row, Kommune):
            if row.id is not None and session.is_modified(row):
                touched.add(row.id)
        elif (
            isinstance(row, _MASTER_ROWS)
            and (row in session.deleted or session.is_modified(row))
            and _listed(row)
        ):
            touched.add(row.kommune_id)
    for row in session.new:
        if isinstance(row, _MASTER_ROWS) and row.kommune_id is not None and _listed(row):
            touched.add(row.kommune_id)
    touched.update(_admitting(session))
    if not touched:
        return
    with session.no_autoflush:
        # In id order: two transactions that touch the same Kommunen lock them alike.
        for kommune_id in sorted(touched):
            kommune = session.get(Kommune, kommune_id)
            if kommune is None or kommune in session.new:
                continue
            kommune.master_version = Kommune.master_version + 1  # type: ignore[assignment]
            session.add(kommune)
    session.info.setdefault(MASTER_TOUCHED, set()).update(touched)
