"""Reading a Kommune and its master data, always through the Kommune (the choices of the
select boxes from its cached master data, dasnez_core.services.masterdata_cache)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, col, or_, select

from dasnez_core.errors import InvalidInput, NotFound
from dasnez_core.folding import fold
from dasnez_core.formatting import format_date
from dasnez_core.models import (
    Area,
    AreaKind,
    InfoItem,
    Kommune,
    Sponsor,
)
from dasnez_core.services.masterdata_cache import master, name_order


def get_kommune_by_slug(db: Session, slug: str) -> Kommune:
    """An active Kommune that platform staff have switched live; NotFound otherwise."""
    kommune = db.exec(
        select(Kommune).where(
            Kommune.slug == slug.strip().lower(),
            col(Kommune.active),
            col(Kommune.live_since).is_not(None),
        )
    ).first()
    if kommune is None:
        raise NotFound("kommune.not_found")
    return kommune


def coming_soon(db: Session, slug: str) -> str | None:
    """The name of the active Kommune `slug` that is still being set up ("bald
    verfügbar"), or None."""
    return db.exec(
        select(Kommune.name).where(
            Kommune.slug == slug.strip().lower(),
            col(Kommune.active),
            col(Kommune.live_since).is_(None),
        )
    ).first()


def get_kommune(db: Session, kommune_id: int) -> Kommune:
    kommune = db.get(Kommune, kommune_id)
    if kommune is None:
        raise NotFound("kommune.not_found")
    return kommune


def contact_line(kommune: Kommune) -> str:
    """Whom to ask at the Kommune, as one line ("Bürgerbüro · mail · phone"); its name when
    it gave no contact."""
    parts = (kommune.contact_name, kommune.contact_email, kommune.contact_phone)
    return " · ".join(part for part in parts if part) or kommune.name


def get_area(db: Session, *, kommune_id: int, area_id: int, field: str = "area_id") -> Area:
    """An area of this Kommune; another Kommune's area is an invalid choice."""
    area = db.exec(select(Area).where(Area.id == area_id, Area.kommune_id == kommune_id)).first()
    if area is None:
        raise InvalidInput(field, "area.unknown")
    return area


def district_of(db: Session, area: Area) -> int:
    """The district an area belongs to (itself if it is one)."""
    if area.kind == AreaKind.DISTRICT or area.parent_id is None:
        assert area.id is not None
        return area.id
    return area.parent_id


def _escape_like(term: str) -> str:
    return term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


@dataclass(frozen=True)
class KommuneSummary:
    slug: str
    name: str
    federal_state: str
    postcodes: str


def list_kommunen(db: Session, query: str = "") -> list[KommuneSummary]:
    """Active, live Kommunen, optionally those whose name or postcode contains `query`."""
    stmt = (
        select(Kommune)
        .where(col(Kommune.active), col(Kommune.live_since).is_not(None))
        .order_by(Kommune.name)
    )
    term = query.strip()[:60]
    if term:
        # Names compare folded ("DELBRUECK" finds "Delbrück"); postcodes as typed.
        name_like = f"%{_escape_like(fold(term))}%"
        postcode_like = f"%{_escape_like(term)}%"
        stmt = stmt.where(
            or_(
                col(Kommune.name_folded).like(name_like, escape="\\"),
                col(Kommune.postcodes).like(postcode_like, escape="\\"),
            )
        )
    return [
        KommuneSummary(
            slug=k.slug, name=k.name, federal_state=k.federal_state, postcodes=k.postcodes
        )
        for k in db.exec(stmt.limit(50)).all()
    ]


@dataclass(frozen=True)
class Option:
    """A choice in a select box."""

    value: str
    label: str


def area_options(db: Session, kommune_id: int) -> list[Option]:
    """Districts, each followed by its villages ("Bezirk › Dorf")."""
    data = master(db, kommune_id)
    options: list[Option] = []
    for district in data.districts:
        options.append(Option(str(district.id), district.name))
        options.extend(
            Option(str(a.id), f"{district.name} › {a.name}")
            for a in data.villages
            if a.parent_id == district.id
        )
    return options


def exchange_options(db: Session, kommune_id: int) -> list[tuple[int, str]]:
    """(id, type) of the exchanges this Kommune has switched on."""
    return [(e.id, e.type) for e in master(db, kommune_id).exchanges if e.enabled]


def category_options(db: Session, kommune_id: int, lang: str = "de") -> list[tuple[int, int, str]]:
    """(id, exchange_id, name in `lang`) of the active categories of enabled exchanges."""
    data = master(db, kommune_id)
    enabled = {e.id for e in data.exchanges if e.enabled}
    options = [
        (c.id, c.exchange_id, c.label(lang))
        for c in data.categories
        if c.active and c.exchange_id in enabled
    ]
    return sorted(options, key=lambda option: name_order(option[2]))


def social_space_options(db: Session, kommune_id: int) -> list[Option]:
    return [Option(str(s.id), s.name) for s in master(db, kommune_id).spaces]


@dataclass(frozen=True)
class InfoEntry:
    title: str
    body: str
    link_url: str
    event_date: str


@dataclass(frozen=True)
class SponsorLink:
    name: str
    url: str
    logo: str = ""  # stored file name, "" without a logo


def info_box(db: Session, kommune_id: int, today: date, lang: str = "de") -> list[InfoEntry]:
    """Info-Box items within their publish period, in the Kommune's order."""
    rows = db.exec(
        select(InfoItem)
        .where(
            InfoItem.kommune_id == kommune_id,
            or_(col(InfoItem.publish_from).is_(None), col(InfoItem.publish_from) <= today),
            or_(col(InfoItem.publish_until).is_(None), col(InfoItem.publish_until) >= today),
        )
        .order_by(col(InfoItem.position), col(InfoItem.id))
    ).all()
    return [
        InfoEntry(
            title=i.title,
            body=i.body,
            link_url=i.link_url,
            event_date=format_date(i.event_date, lang),
        )
        for i in rows
    ]


def sponsors(db: Session, kommune_id: int, today: date) -> list[SponsorLink]:
    rows = db.exec(
        select(Sponsor)
        .where(
            Sponsor.kommune_id == kommune_id,
            or_(col(Sponsor.valid_from).is_(None), col(Sponsor.valid_from) <= today),
            or_(col(Sponsor.valid_until).is_(None), col(Sponsor.valid_until) >= today),
        )
        .order_by(col(Sponsor.position), col(Sponsor.id))
    ).all()
    return [SponsorLink(name=s.name, url=s.url, logo=s.logo_path) for s in rows]


def labelled_category_options(
    db: Session, kommune_id: int, exchange_name: Callable[[str], str], lang: str = "de"
) -> list[Option]:
    """Active categories of enabled exchanges as "<exchange> – <category>" choices;
    `exchange_name` turns an exchange type into the person's words."""
    types = dict(exchange_options(db, kommune_id))
    return [
        Option(str(cid), f"{exchange_name(types[ex_id])} – {name}")
        for cid, ex_id, name in category_options(db, kommune_id, lang)
    ]
