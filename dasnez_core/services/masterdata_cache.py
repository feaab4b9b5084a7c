"""A Kommune's master data, cached per process: its basics, areas, categories, exchanges,
social spaces and the networks (institutions) it admitted, with label lookups by id.

Every page of a Kommune needs them and every search labels its cards with them; loading
them takes six statements, so each worker keeps a frozen copy per Kommune.

Invalidation across workers: `kommune.master_version` rises in the same transaction as every
change of that master data (a flush hook in dasnez_core.models.kommune). A cached copy is
checked against it at most every `ttl` seconds (DASNEZ_MASTERDATA_TTL, default 1 s): the apps check
all of a worker's copies in one statement every `ttl / 2` seconds in the background
(`MasterDataCache.revalidate`), and a request whose copy is older than `ttl` all the same
(no background check, or one held up) compares the version itself (one primary-key lookup).
A commit in this process drops the copies it changed at once.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from types import MappingProxyType
from typing import Any

from sqlalchemy import event
from sqlalchemy import select as sa_select
from sqlalchemy.orm import Session as OrmSession
from sqlmodel import Session, col

from dasnez_core.config import load_settings
from dasnez_core.errors import NotFound
from dasnez_core.folding import fold
from dasnez_core.models import (
    AdmissionStatus,
    Area,
    AreaKind,
    Category,
    Exchange,
    Institution,
    InstitutionAdmission,
    Kommune,
    SocialSpace,
)
from dasnez_core.models.kommune import MASTER_TOUCHED


@dataclass(frozen=True)
class KommuneBasics:
    """The Kommune row as pages read it (no secrets live there)."""

    id: int
    slug: str
    name: str
    federal_state: str
    postcodes: str
    contact_name: str
    contact_email: str
    contact_phone: str
    contact_address: str
    logo_path: str
    accent_color: str
    privacy_version: str
    terms_version: str
    dgs_video_url: str
    listing_days: int
    reminder_days: int
    premoderation: bool
    active: bool
    created_at: datetime
    # None while the Kommune is set up ("bald verfügbar"): master_by_slug does not find it.
    live_since: datetime | None = None


@dataclass(frozen=True)
class AreaInfo:
    id: int
    name: str
    kind: str
    parent_id: int | None

    @property
    def is_district(self) -> bool:
        """The same rule that fills Listing.district_id (kommunen.district_of)."""
        return self.kind == AreaKind.DISTRICT or self.parent_id is None


@dataclass(frozen=True)
class CategoryInfo:
    id: int
    exchange_id: int
    name: str
    name_en: str
    active: bool

    def label(self, lang: str) -> str:
        """Its English name in the English mode when the Kommune gave one, else German."""
        return self.name_en if lang == "en" and self.name_en else self.name


@dataclass(frozen=True)
class ExchangeInfo:
    id: int
    type: str
    enabled: bool


@dataclass(frozen=True)
class SpaceInfo:
    id: int
    name: str
    kind: str
    area_id: int | None


@dataclass(frozen=True)
class NetworkInfo:
    """An institution the Kommune admitted ("Netzwerke in <Kommune>", the browse filter)."""

    name: str
    handle: str
    kind: str


# The networks a Kommune's pages list (by name; a select offers no more than this).
NETWORKS_SHOWN = 200


def _by_id(rows: tuple[Any, ...]) -> Mapping[int, Any]:
    return MappingProxyType({r.id: r for r in rows})


@dataclass(frozen=True)
class MasterData:
    """One Kommune's master data as of `version`; lists sorted by name (exchanges by id)."""

    kommune: KommuneBasics
    version: int
    areas: tuple[AreaInfo, ...]
    categories: tuple[CategoryInfo, ...]
    exchanges: tuple[ExchangeInfo, ...]
    spaces: tuple[SpaceInfo, ...]
    # The admitted institutions by name (their admission or a rename raises the version).
    networks: tuple[NetworkInfo, ...] = ()
    area_by_id: Mapping[int, AreaInfo] = field(init=False, repr=False, compare=False)
    category_by_id: Mapping[int, CategoryInfo] = field(init=False, repr=False, compare=False)
    exchange_by_id: Mapping[int, ExchangeInfo] = field(init=False, repr=False, compare=False)
    space_by_id: Mapping[int, SpaceInfo] = field(init=False, repr=False, compare=False)
    exchange_id_by_type: Mapping[str, int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        put = object.__setattr__
        put(self, "area_by_id", _by_id(self.areas))
        put(self, "category_by_id", _by_id(self.categories))
        put(self, "exchange_by_id", _by_id(self.exchanges))
        put(self, "space_by_id", _by_id(self.spaces))
        put(self, "exchange_id_by_type", MappingProxyType({e.type: e.id for e in self.exchanges}))

    @property
    def districts(self) -> tuple[AreaInfo, ...]:
        return tuple(a for a in self.areas if a.parent_id is None)

    @property
    def villages(self) -> tuple[AreaInfo, ...]:
        return tuple(a for a in self.areas if a.parent_id is not None)

    def area_label(self, area_id: int | None) -> str:
        """ "Boke › Boker Heide" for a village, "Boke" for a district, "" for none."""
        area = self.area_by_id.get(area_id) if area_id is not None else None
        if area is None:
            return ""
        parent = self.area_by_id.get(area.parent_id) if area.parent_id is not None else None
        return f"{parent.name} › {area.name}" if parent is not None else area.name

    def category_label(self, category_id: int, lang: str = "de") -> str:
        category = self.category_by_id.get(category_id)
        return category.label(lang) if category is not None else ""

    def exchange_type(self, exchange_id: int) -> str:
        exchange = self.exchange_by_id.get(exchange_id)
        return exchange.type if exchange is not None else ""

    def space_name(self, space_id: int) -> str:
        space = self.space_by_id.get(space_id)
        return space.name if space is not None else ""


def name_order(name: str) -> tuple[str, str]:
    """Sort key for names as a person reads them: "Äpfel" beside "Apfel", "boke" by "Boke"."""
    return fold(name), name


def load_master(db: Session, kommune_id: int) -> MasterData:
    """Read a Kommune's master data from the database (what the cache keeps)."""
    kommune = db.get(Kommune, kommune_id)
    if kommune is None or kommune.id is None:
        raise NotFound("kommune.not_found")
    basics = KommuneBasics(
        **{name: getattr(kommune, name) for name in KommuneBasics.__dataclass_fields__}
    )
    areas = db.execute(
        sa_select(col(Area.id), col(Area.name), col(Area.kind), col(Area.parent_id)).where(
            col(Area.kommune_id) == kommune_id
        )
    ).all()
    categories = db.execute(
        sa_select(
            col(Category.id),
            col(Category.exchange_id),
            col(Category.name),
            col(Category.name_en),
            col(Category.active),
        ).where(col(Category.kommune_id) == kommune_id)
    ).all()
    exchanges = db.execute(
        sa_select(col(Exchange.id), col(Exchange.type), col(Exchange.enabled))
        .where(col(Exchange.kommune_id) == kommune_id)
        .order_by(col(Exchange.id))
    ).all()
    spaces = db.execute(
        sa_select(
            col(SocialSpace.id),
            col(SocialSpace.name),
            col(SocialSpace.kind),
            col(SocialSpace.area_id),
        ).where(col(SocialSpace.kommune_id) == kommune_id)
    ).all()
    networks = db.execute(
        sa_select(col(Institution.name), col(Institution.handle), col(Institution.kind))
        .join(InstitutionAdmission, col(InstitutionAdmission.institution_id) == Institution.id)
        .where(
            col(InstitutionAdmission.kommune_id) == kommune_id,
            col(InstitutionAdmission.status) == AdmissionStatus.APPROVED,
        )
        .order_by(col(Institution.name_folded))
        .limit(NETWORKS_SHOWN)
    ).all()
    return MasterData(
        kommune=basics,
        version=kommune.master_version,
        areas=tuple(sorted((AreaInfo(*r) for r in areas), key=lambda a: name_order(a.name))),
        categories=tuple(
            sorted((CategoryInfo(*r) for r in categories), key=lambda c: name_order(c.name))
        ),
        exchanges=tuple(ExchangeInfo(*r) for r in exchanges),
        spaces=tuple(sorted((SpaceInfo(*r) for r in spaces), key=lambda s: name_order(s.name))),
        networks=tuple(NetworkInfo(*r) for r in networks),
    )


def _stamp_query() -> Any:
    return sa_select(
        col(Kommune.id), col(Kommune.master_version), col(Kommune.created_at), col(Kommune.active)
    )


@dataclass
class _Entry:
    data: MasterData
    # (version, created_at): created_at tells a new Kommune that got a freed id (SQLite
    # reuses ids after a delete) from the old one.
    stamp: tuple[int, datetime]
    checked_at: float


def _same_moment(a: datetime, b: datetime) -> bool:
    # SQLite hands back naive datetimes; a fresh Kommune object holds an aware one.
    return a.replace(tzinfo=None) == b.replace(tzinfo=None)


_MASTER_TYPES = (Kommune, Area, Category, Exchange, SocialSpace, Institution, InstitutionAdmission)


def _changed_here(db: Session, kommune_id: int) -> bool:
    """The session's own transaction changed this master data and has not committed: it
    reads its own version from the database and leaves the shared copies alone."""
    if any(isinstance(row, _MASTER_TYPES) for row in (*db.new, *db.dirty, *db.deleted)):
        db.flush()
    return kommune_id in db.info.get(MASTER_TOUCHED, ())


class MasterDataCache:
    """Per-process copies of master data, re-validated against the database version."""

    def __init__(self, ttl: float | None = None, clock: Callable[[], float] = time.monotonic):
        self._ttl = ttl
        self._clock = clock
        self._entries: dict[int, _Entry] = {}
        self._slugs: dict[str, int] = {}
        self._lock = threading.Lock()
        # How often the copies were dropped (all of them; one Kommune's): a copy read before
        # a drop is not kept after it (see _validated).
        self._cleared_all = 0
        self._cleared: dict[int, int] = {}

    @property
    def ttl(self) -> float:
        if self._ttl is None:
            self._ttl = max(0.0, load_settings().masterdata_ttl)
        return self._ttl

    def clear(self, kommune_ids: set[int] | None = None) -> None:
        """Forget every copy, or those of `kommune_ids`."""
        with self._lock:
            if kommune_ids is None:
                self._entries.clear()
                self._slugs.clear()
                self._cleared_all += 1
                return
            for kommune_id in kommune_ids:
                self._entries.pop(kommune_id, None)
                self._cleared[kommune_id] = self._cleared.get(kommune_id, 0) + 1

    def _clears(self, kommune_id: int) -> tuple[int, int]:
        return self._cleared_all, self._cleared.get(kommune_id, 0)

    def _fresh(self, kommune_id: int, now: float) -> MasterData | None:
        entry = self._entries.get(kommune_id)
        if entry is not None and now - entry.checked_at < self.ttl:
            return entry.data
        return None

    def _validated(
        self, db: Session, kommune_id: int, version: int, created_at: datetime, now: float
    ) -> MasterData:
        entry = self._entries.get(kommune_id)
        if (
            entry is not None
            and entry.stamp[0] == version
            and _same_moment(entry.stamp[1], created_at)
        ):
            entry.checked_at = now
            return entry.data
        clears = self._clears(kommune_id)
        data = load_master(db, kommune_id)
        with self._lock:
            # Two threads may read the same Kommune at once (a request and the background
            # check): an older copy never replaces a newer one, and a copy read before this
            # process committed a change (which dropped the copies) is not kept.
            current = self._entries.get(kommune_id)
            newer = (
                current is not None
                and _same_moment(current.stamp[1], created_at)
                and current.stamp[0] > data.version
            )
            if not newer and self._clears(kommune_id) == clears:
                self._entries[kommune_id] = _Entry(data, (data.version, created_at), now)
                self._slugs[data.kommune.slug] = kommune_id
        return data

    def master(self, db: Session, kommune_id: int) -> MasterData:
        """The Kommune's master data (active or not); NotFound if there is no such Kommune."""
        if _changed_here(db, kommune_id):
            return load_master(db, kommune_id)
        now = self._clock()
        fresh = self._fresh(kommune_id, now)
        if fresh is not None:
            return fresh
        row = db.execute(_stamp_query().where(col(Kommune.id) == kommune_id)).first()
        if row is None:
            self.clear({kommune_id})
            raise NotFound("kommune.not_found")
        return self._validated(db, kommune_id, row[1], row[2], now)

    def revalidate(self, db: Session) -> int:
        """Check every cached copy against the database in one statement (`db` may read
        without a transaction: a copy's version is read before its rows, so a change
        committed in between is read again at the next check): an unchanged copy
        counts as checked now, a changed one is read again, one of a Kommune that is gone is
        forgotten. Returns how many copies were read again or forgotten.

        The apps run this every `ttl / 2` seconds off the request path
        (dasnez_ui.masterdata_refresh), so a request finds its copy checked and pays no
        round trip for it. Before, one request of every `ttl` seconds per worker and
        Kommune compared the version itself: at 1M listings that round trip made the
        cheapest searches' p95 1.4-1.6 times their raw SQL (1.0-1.1 without it)."""
        with self._lock:
            ids = list(self._entries)
        if not ids:
            return 0
        now = self._clock()
        rows = db.execute(_stamp_query().where(col(Kommune.id).in_(ids))).all()
        stamps = {row[0]: (row[1], row[2]) for row in rows}
        renewed = 0
        for kommune_id in ids:
            before = self._entries.get(kommune_id)
            if kommune_id not in stamps:
                self.clear({kommune_id})
                renewed += 1
                continue
            version, created_at = stamps[kommune_id]
            try:
                data = self._validated(db, kommune_id, version, created_at, now)
            except NotFound:  # deleted since the statement above
                self.clear({kommune_id})
                renewed += 1
                continue
            if data is not (before.data if before is not None else None):
                renewed += 1
        return renewed

    def master_by_slug(self, db: Session, slug: str) -> MasterData:
        """An active, live Kommune's master data by its address; NotFound otherwise."""
        key = slug.strip().lower()
        now = self._clock()
        kommune_id = self._slugs.get(key)
        if kommune_id is not None and not _changed_here(db, kommune_id):
            fresh = self._fresh(kommune_id, now)
            if (
                fresh is not None
                and fresh.kommune.slug == key
                and fresh.kommune.active
                and fresh.kommune.live_since is not None
            ):
                return fresh
        row = db.execute(
            _stamp_query().where(
                col(Kommune.slug) == key,
                col(Kommune.active),
                col(Kommune.live_since).is_not(None),
            )
        ).first()
        if row is None:
            raise NotFound("kommune.not_found")
        if _changed_here(db, row[0]):
            return load_master(db, row[0])
        return self._validated(db, row[0], row[1], row[2], now)


_CACHE = MasterDataCache()


def process_cache() -> MasterDataCache:
    """This process's cache (tests clear it between tests)."""
    return _CACHE


def master(db: Session, kommune_id: int) -> MasterData:
    """The Kommune's master data from this process's cache."""
    return _CACHE.master(db, kommune_id)


def master_by_slug(db: Session, slug: str) -> MasterData:
    """An active Kommune's master data by its slug, from this process's cache."""
    return _CACHE.master_by_slug(db, slug)


@event.listens_for(OrmSession, "after_commit")
def _drop_changed(session: OrmSession) -> None:
    """A change committed in this process is seen here at once, not after `ttl`."""
    touched = session.info.pop(MASTER_TOUCHED, None)
    if touched:
        _CACHE.clear(touched)


@event.listens_for(OrmSession, "after_rollback")
def _forget_touched(session: OrmSession) -> None:
    session.info.pop(MASTER_TOUCHED, None)
