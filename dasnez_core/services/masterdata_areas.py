"""Districts and villages (Ortsteile, Dörfer) and social spaces (Sozialräume) of a Kommune.

A listing keeps the district of its area in `district_id` (for the one-index district
filter); every move and merge here rewrites it in the same transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import or_
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, func, select, update

from dasnez_core.actor import Actor
from dasnez_core.errors import InvalidInput, NotFound, Problems
from dasnez_core.models import (
    Area,
    AreaKind,
    AuditAction,
    Listing,
    ListingSocialSpace,
    RoleGrant,
    SocialSpace,
    SocialSpaceKind,
    User,
    UserSocialSpace,
    id_of,
)
from dasnez_core.services import audit
from dasnez_core.services.kommunen import Option, district_of
from dasnez_core.services.masterdata import clean_name, page_slice, require_admin, same_name
from dasnez_core.services.transitions import already_done, done_by, locked

AREA_NAME_MAX = 120
SPACE_NAME_MAX = 120


def _area(db: Session, kommune_id: int, area_id: int | None) -> Area:
    """An area of this Kommune; any other id (another Kommune's too) is not found."""
    area = db.exec(select(Area).where(Area.id == area_id, Area.kommune_id == kommune_id)).first()
    if area is None:
        raise NotFound("masterdata.area_not_found")
    return area


def _is_district(area: Area) -> bool:
    return area.kind == AreaKind.DISTRICT or area.parent_id is None


def _check_free_name(
    db: Session, kommune_id: int, parent_id: int | None, name: str, field: str, *, keep: int = 0
) -> None:
    """Refuse a name another area under the same parent has already (case ignored)."""
    siblings = db.exec(
        select(Area).where(
            Area.kommune_id == kommune_id,
            col(Area.parent_id).is_(None) if parent_id is None else Area.parent_id == parent_id,
        )
    ).all()
    if any(same_name(a.name, name) and a.id != keep for a in siblings):
        raise InvalidInput(field, "masterdata.area_duplicate", name=name)


@dataclass(frozen=True)
class AreaRow:
    """An area with what still uses it (a used area cannot simply be deleted)."""

    id: int
    name: str
    kind: str
    parent_id: int
    label: str
    listings: int
    people: int
    spaces: int
    villages: int

    @property
    def used(self) -> bool:
        return bool(self.listings or self.people or self.spaces or self.villages)


@dataclass(frozen=True)
class AreaPage:
    rows: list[AreaRow]
    page: int
    pages: int


def _counts(db: Session, column: Any, kommune_column: Any, kommune_id: int) -> dict[int, int]:
    """Rows per area id in one grouped query (e.g. listings per area)."""
    rows = db.execute(
        sa_select(col(column), func.count())
        .where(col(kommune_column) == kommune_id, col(column).is_not(None))
        .group_by(col(column))
    ).all()
    return {int(key): int(n) for key, n in rows}


def _area_rows(db: Session, kommune_id: int) -> list[AreaRow]:
    areas = db.exec(select(Area).where(Area.kommune_id == kommune_id)).all()
    listings = _counts(db, Listing.area_id, Listing.kommune_id, kommune_id)
    people = _counts(db, User.area_id, User.kommune_id, kommune_id)
    spaces = _counts(db, SocialSpace.area_id, SocialSpace.kommune_id, kommune_id)
    villages: dict[int, list[Area]] = {}
    for a in areas:
        if a.parent_id is not None:
            villages.setdefault(a.parent_id, []).append(a)

    def row(a: Area, label: str) -> AreaRow:
        aid = id_of(a)
        return AreaRow(
            id=aid,
            name=a.name,
            kind=AreaKind.DISTRICT if _is_district(a) else AreaKind.VILLAGE,
            parent_id=a.parent_id or 0,
            label=label,
            listings=listings.get(aid, 0),
            people=people.get(aid, 0),
            spaces=spaces.get(aid, 0),
            villages=len(villages.get(aid, [])),
        )

    rows: list[AreaRow] = []
    for district in sorted((a for a in areas if a.parent_id is None), key=_sort_key):
        rows.append(row(district, district.name))
        for village in sorted(villages.get(id_of(district), []), key=_sort_key):
            rows.append(row(village, f"{district.name} › {village.name}"))
    return rows


def _sort_key(area: Area) -> str:
    return area.name.casefold()


def list_areas(db: Session, actor: Actor, kommune_id: int, page: int = 1) -> AreaPage:
    """Districts in alphabetical order, each followed by its villages; 50 rows a page."""
    require_admin(actor, kommune_id)
    rows, shown, pages = page_slice(_area_rows(db, kommune_id), page)
    return AreaPage(rows=rows, page=shown, pages=pages)


def district_options(db: Session, actor: Actor, kommune_id: int) -> list[Option]:
    """The districts, for "belongs to" and "move to" choices."""
    require_admin(actor, kommune_id)
    rows = db.exec(
        select(Area).where(Area.kommune_id == kommune_id, col(Area.parent_id).is_(None))
    ).all()
    return [Option(str(a.id), a.name) for a in sorted(rows, key=_sort_key)]


def add_area(db: Session, actor: Actor, kommune_id: int, name: str, parent_id: int | None) -> int:
    """Add a district (no parent) or a village under a district of this Kommune."""
    require_admin(actor, kommune_id)
    clean = clean_name(name, "name", AREA_NAME_MAX)
    if parent_id is not None:
        parent = _area(db, kommune_id, parent_id)
        if not _is_district(parent):
            raise InvalidInput("parent_id", "masterdata.area_parent_not_district")
    _check_free_name(db, kommune_id, parent_id, clean, "name")
    area = Area(
        kommune_id=kommune_id,
        parent_id=parent_id,
        kind=AreaKind.DISTRICT if parent_id is None else AreaKind.VILLAGE,
        name=clean,
    )
    db.add(area)
    db.flush()
    audit.record(
        db,
        actor,
        action=AuditAction.ADD_AREA,
        target_type="area",
        target_id=area.id,
        kommune_id=kommune_id,
    )
    db.flush()
    return id_of(area)


def rename_area(db: Session, actor: Actor, kommune_id: int, area_id: int, name: str) -> None:
    require_admin(actor, kommune_id)
    area = _area(db, kommune_id, area_id)
    clean = clean_name(name, "name", AREA_NAME_MAX)
    _check_free_name(db, kommune_id, area.parent_id, clean, "name", keep=area_id)
    area.name = clean
    db.add(area)
    audit.record(
        db,
        actor,
        action=AuditAction.RENAME_AREA,
        target_type="area",
        target_id=area_id,
        kommune_id=kommune_id,
    )
    db.flush()


def move_village(
    db: Session, actor: Actor, kommune_id: int, area_id: int, district_id: int
) -> None:
    """Put a village under another district; its listings' district follows."""
    require_admin(actor, kommune_id)
    village = _area(db, kommune_id, area_id)
    district = _area(db, kommune_id, district_id)
    if _is_district(village):
        raise InvalidInput("area_id", "masterdata.area_move_only_villages")
    if not _is_district(district):
        raise InvalidInput("district_id", "masterdata.area_parent_not_district")
    if village.parent_id == district_id:
        raise InvalidInput("district_id", "masterdata.area_already_there", name=district.name)
    _check_free_name(db, kommune_id, district_id, village.name, "district_id")
    village.parent_id = district_id
    db.add(village)
    db.execute(
        update(Listing)
        .where(col(Listing.kommune_id) == kommune_id, col(Listing.area_id) == area_id)
        .values(district_id=district_id)
    )
    audit.record(
        db,
        actor,
        action=AuditAction.MOVE_AREA,
        target_type="area",
        target_id=area_id,
        kommune_id=kommune_id,
        reason=f"{village.name} → {district.name}",
    )
    db.flush()


def merge_area(
    db: Session,
    actor: Actor,
    kommune_id: int,
    source_id: int,
    target_id: int,
    *,
    confirmed: bool,
) -> None:
    """Merge `source` into `target`: its listings, people and social spaces move to the target
    (a district's villages move under the target district), then `source` is deleted."""
    require_admin(actor, kommune_id)
    # Both locked (in id order): of two merges at once, the second finds the merged-away
    # area gone and is told who merged it.
    both = {
        id_of(a): a
        for a in locked(
            db, Area, col(Area.id).in_([source_id, target_id]), col(Area.kommune_id) == kommune_id
        )
    }
    for area_id in (source_id, target_id):
        if area_id not in both:
            by = done_by(
                db,
                kommune_id=kommune_id,
                target_type="area",
                target_id=area_id,
                actions=(AuditAction.MERGE_AREA,),
                reason_contains=f"(#{area_id})",
            )
            if not by:
                raise NotFound("masterdata.area_not_found")
            raise already_done("source_id", "atomic.area_merged_by", by, "")
    source, target = both[source_id], both[target_id]
    if source_id == target_id:
        raise InvalidInput("target_id", "masterdata.area_merge_same")
    if _is_district(source) and not _is_district(target):
        raise InvalidInput("target_id", "masterdata.area_merge_district_into_village")
    if not confirmed:
        raise InvalidInput("confirm", "masterdata.area_merge_confirm")
    moving_villages = db.exec(
        select(Area).where(Area.kommune_id == kommune_id, Area.parent_id == source_id)
    ).all()
    for village in moving_villages:
        _check_free_name(db, kommune_id, target_id, village.name, "target_id")
    target_district = district_of(db, target)
    in_kommune = col(Listing.kommune_id) == kommune_id
    if _is_district(source):
        # Its own listings go to the target district; its villages' listings keep their
        # village and only change district (the villages move below).
        db.execute(
            update(Listing)
            .where(in_kommune, col(Listing.area_id) == source_id)
            .values(area_id=target_id)
        )
        db.execute(
            update(Listing)
            .where(in_kommune, col(Listing.district_id) == source_id)
            .values(district_id=target_district)
        )
        db.execute(
            update(Area)
            .where(col(Area.kommune_id) == kommune_id, col(Area.parent_id) == source_id)
            .values(parent_id=target_id)
        )
    else:
        db.execute(
            update(Listing)
            .where(in_kommune, col(Listing.area_id) == source_id)
            .values(area_id=target_id, district_id=target_district)
        )
    db.execute(
        update(User)
        .where(col(User.kommune_id) == kommune_id, col(User.area_id) == source_id)
        .values(area_id=target_id)
    )
    db.execute(
        update(SocialSpace)
        .where(col(SocialSpace.kommune_id) == kommune_id, col(SocialSpace.area_id) == source_id)
        .values(area_id=target_id)
    )
    # Coordinators of the merged-away area coordinate the target from now on.
    db.execute(
        update(RoleGrant)
        .where(col(RoleGrant.kommune_id) == kommune_id, col(RoleGrant.area_id) == source_id)
        .values(area_id=target_id)
    )
    db.flush()
    audit.record(
        db,
        actor,
        action=AuditAction.MERGE_AREA,
        target_type="area",
        target_id=target_id,
        kommune_id=kommune_id,
        reason=f"{source.name} (#{source_id}) → {target.name}",
    )
    db.delete(source)
    db.flush()


def delete_area(db: Session, actor: Actor, kommune_id: int, area_id: int) -> None:
    """Delete an unused area; one still in use is refused (merging it is the way)."""
    require_admin(actor, kommune_id)
    area = _area(db, kommune_id, area_id)
    row = next(r for r in _area_rows(db, kommune_id) if r.id == area_id)
    # Also listings that name it as their district only (deleted ones count: they keep
    # their history and their row points here).
    listed = db.exec(
        select(func.count()).where(
            col(Listing.kommune_id) == kommune_id,
            or_(col(Listing.area_id) == area_id, col(Listing.district_id) == area_id),
        )
    ).one()
    if row.used or listed:
        raise InvalidInput(
            "area_id",
            "masterdata.area_in_use",
            name=area.name,
            listings=max(row.listings, listed),
            people=row.people,
            spaces=row.spaces,
            villages=row.villages,
        )
    _refuse_if_coordinated(db, col(RoleGrant.area_id) == area_id, area.name)
    if _is_district(area):
        districts = db.exec(
            select(func.count()).where(
                col(Area.kommune_id) == kommune_id, col(Area.parent_id).is_(None)
            )
        ).one()
        if districts <= 1:
            raise InvalidInput("area_id", "masterdata.area_last_district")
    audit.record(
        db,
        actor,
        action=AuditAction.DELETE_AREA,
        target_type="area",
        target_id=area_id,
        kommune_id=kommune_id,
        reason=area.name,
    )
    db.delete(area)
    db.flush()


# --- social spaces -------------------------------------------------------------------------


@dataclass(frozen=True)
class SocialSpaceRow:
    id: int
    kind: str
    name: str
    area_id: str
    area_label: str
    listings: int
    people: int


@dataclass(frozen=True)
class SocialSpacePage:
    rows: list[SocialSpaceRow]
    page: int
    pages: int


@dataclass(frozen=True)
class SocialSpaceInput:
    kind: str
    name: str
    area_id: int | None


def _space(db: Session, kommune_id: int, space_id: int) -> SocialSpace:
    space = db.exec(
        select(SocialSpace).where(SocialSpace.id == space_id, SocialSpace.kommune_id == kommune_id)
    ).first()
    if space is None:
        raise NotFound("masterdata.space_not_found")
    return space


def _checked_space(
    db: Session, kommune_id: int, values: SocialSpaceInput, keep: int = 0
) -> tuple[str, str, int | None]:
    problems = Problems()
    if values.kind not in {k.value for k in SocialSpaceKind}:
        problems.add("kind", "masterdata.space_kind_required")
    name = problems.check(lambda: clean_name(values.name, "name", SPACE_NAME_MAX))
    others = db.exec(select(SocialSpace).where(SocialSpace.kommune_id == kommune_id)).all()
    if name is not None and any(same_name(s.name, name) and s.id != keep for s in others):
        problems.add("name", "masterdata.space_duplicate", name=name)
    area_id = None
    if values.area_id is not None:
        area = problems.check(lambda: _area(db, kommune_id, values.area_id))
        area_id = id_of(area) if area is not None else None
    problems.raise_if_any()
    assert name is not None
    return values.kind, name, area_id


def list_social_spaces(
    db: Session, actor: Actor, kommune_id: int, page: int = 1
) -> SocialSpacePage:
    require_admin(actor, kommune_id)
    spaces = db.exec(select(SocialSpace).where(SocialSpace.kommune_id == kommune_id)).all()
    labels = {r.id: r.label for r in _area_rows(db, kommune_id)}
    ids = [id_of(s) for s in spaces]
    listings = dict(
        db.exec(
            select(ListingSocialSpace.social_space_id, func.count())
            .where(col(ListingSocialSpace.social_space_id).in_(ids))
            .group_by(col(ListingSocialSpace.social_space_id))
        ).all()
    )
    people = dict(
        db.exec(
            select(UserSocialSpace.social_space_id, func.count())
            .where(col(UserSocialSpace.social_space_id).in_(ids))
            .group_by(col(UserSocialSpace.social_space_id))
        ).all()
    )
    rows = [
        SocialSpaceRow(
            id=id_of(s),
            kind=s.kind,
            name=s.name,
            area_id=str(s.area_id) if s.area_id else "",
            area_label=labels.get(s.area_id or 0, ""),
            listings=int(listings.get(id_of(s), 0)),
            people=int(people.get(id_of(s), 0)),
        )
        for s in sorted(spaces, key=lambda s: s.name.casefold())
    ]
    shown, page_no, pages = page_slice(rows, page)
    return SocialSpacePage(rows=shown, page=page_no, pages=pages)


def add_social_space(db: Session, actor: Actor, kommune_id: int, values: SocialSpaceInput) -> int:
    require_admin(actor, kommune_id)
    kind, name, area_id = _checked_space(db, kommune_id, values)
    space = SocialSpace(kommune_id=kommune_id, kind=kind, name=name, area_id=area_id)
    db.add(space)
    db.flush()
    audit.record(
        db,
        actor,
        action=AuditAction.ADD_SOCIAL_SPACE,
        target_type="social_space",
        target_id=space.id,
        kommune_id=kommune_id,
    )
    db.flush()
    return id_of(space)


def update_social_space(
    db: Session, actor: Actor, kommune_id: int, space_id: int, values: SocialSpaceInput
) -> None:
    """Rename a social space or change its kind or area."""
    require_admin(actor, kommune_id)
    space = _space(db, kommune_id, space_id)
    space.kind, space.name, space.area_id = _checked_space(db, kommune_id, values, keep=space_id)
    db.add(space)
    audit.record(
        db,
        actor,
        action=AuditAction.UPDATE_SOCIAL_SPACE,
        target_type="social_space",
        target_id=space_id,
        kommune_id=kommune_id,
    )
    db.flush()


def delete_social_space(db: Session, actor: Actor, kommune_id: int, space_id: int) -> None:
    """Delete a social space no listing and no person names any more."""
    require_admin(actor, kommune_id)
    space = _space(db, kommune_id, space_id)
    listings = db.exec(
        select(func.count()).where(col(ListingSocialSpace.social_space_id) == space_id)
    ).one()
    people = db.exec(
        select(func.count()).where(col(UserSocialSpace.social_space_id) == space_id)
    ).one()
    if listings or people:
        raise InvalidInput(
            "space_id", "masterdata.space_in_use", name=space.name, listings=listings, people=people
        )
    _refuse_if_coordinated(db, col(RoleGrant.social_space_id) == space_id, space.name)
    audit.record(
        db,
        actor,
        action=AuditAction.DELETE_SOCIAL_SPACE,
        target_type="social_space",
        target_id=space_id,
        kommune_id=kommune_id,
        reason=space.name,
    )
    db.delete(space)
    db.flush()


def _refuse_if_coordinated(db: Session, names_it: Any, name: str) -> None:
    """An area or social space a coordinator is responsible for is not deleted: revoke or
    move the coordination first (merging an area takes its coordinators along)."""
    if db.exec(select(RoleGrant.id).where(names_it)).first() is not None:
        raise InvalidInput("area_id", "coordinator.in_use", name=name)
