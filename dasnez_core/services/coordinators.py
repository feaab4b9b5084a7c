"""Ortsteil- und Sozialraum-Verwaltung: a Kommune's admins grant an approved member the
coordinator role for one area subtree (a district with its villages, or one village) or for
one social space, and revoke it; both with a reason in the audit log.

What a coordinator then sees and may do is decided by `permissions` (the staff rules and
`scope_of`); this module only keeps the grants, and names the portal contexts a person can
switch between.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, col, delete, select, update

from dasnez_core.actor import Actor
from dasnez_core.emails import normalise_email
from dasnez_core.errors import InvalidInput, NotFound
from dasnez_core.formatting import format_date
from dasnez_core.i18n import translate
from dasnez_core.models import (
    AuditAction,
    Kommune,
    Role,
    RoleGrant,
    User,
    UserSession,
    UserStatus,
    id_of,
    utcnow,
)
from dasnez_core.permissions import Action, require
from dasnez_core.services import audit
from dasnez_core.services.masterdata_cache import MasterData, master
from dasnez_core.services.moderation import check_reason
from dasnez_core.services.sessions import ADMIN_APP, portal_contexts
from dasnez_core.services.transitions import locked_one

# How many coordinators a Kommune's list shows (a Kommune has a handful, not hundreds).
LIST_MAX = 200


@dataclass(frozen=True)
class CoordinatorRow:
    """One coordinator grant as the admin's list shows it."""

    grant_id: int
    user_id: int
    display_name: str
    email: str
    scope_label: str
    since: str


@dataclass(frozen=True)
class ScopeOption:
    """An area or social space a coordinator can be given, as the form offers it
    (`value` "a<id>" for an area, "s<id>" for a social space)."""

    value: str
    label: str


def _area_label(data: MasterData, area_id: int, lang: str) -> str:
    area = data.area_by_id.get(area_id)
    if area is None:
        return translate("coordinator.scope_gone", lang)
    if area.is_district:
        return translate("coordinator.scope_district", lang, name=area.name)
    parent = data.area_by_id.get(area.parent_id) if area.parent_id is not None else None
    name = f"{parent.name} – {area.name}" if parent is not None else area.name
    return translate("coordinator.scope_village", lang, name=name)


def scope_label(data: MasterData, grant: RoleGrant, lang: str = "de") -> str:
    """What a coordinator grant covers, in words ("Ortsteil Westenholz mit seinen Dörfern")."""
    if grant.social_space_id is not None:
        space = data.space_by_id.get(grant.social_space_id)
        if space is None:
            return translate("coordinator.scope_gone", lang)
        return translate("coordinator.scope_space", lang, name=space.name)
    if grant.area_id is not None:
        return _area_label(data, grant.area_id, lang)
    return translate("coordinator.scope_gone", lang)


def scope_options(
    db: Session, actor: Actor, kommune_id: int, lang: str = "de"
) -> list[ScopeOption]:
    """Every area (districts with their villages after them) and social space of the
    Kommune, as the grant form offers them."""
    require(actor, Action.MANAGE_COORDINATORS, kommune_id)
    data = master(db, kommune_id)
    options: list[ScopeOption] = []
    for district in data.districts:
        options.append(ScopeOption(f"a{district.id}", _area_label(data, district.id, lang)))
        for village in data.villages:
            if village.parent_id == district.id:
                options.append(ScopeOption(f"a{village.id}", _area_label(data, village.id, lang)))
    for space in data.spaces:
        label = translate("coordinator.scope_space", lang, name=space.name)
        options.append(ScopeOption(f"s{space.id}", label))
    return options


def parse_scope(raw: str) -> tuple[int | None, int | None]:
    """("a12" → area 12, "s3" → social space 3); anything else (None, None)."""
    value = (raw or "").strip()
    if len(value) < 2 or len(value) > 10 or value[0] not in "as" or not value[1:].isdigit():
        return None, None
    number = int(value[1:])
    return (number, None) if value[0] == "a" else (None, number)


def list_coordinators(
    db: Session, actor: Actor, kommune_id: int, lang: str = "de"
) -> list[CoordinatorRow]:
    """The Kommune's coordinators with their scopes, by name."""
    require(actor, Action.MANAGE_COORDINATORS, kommune_id)
    data = master(db, kommune_id)
    rows = db.exec(
        select(RoleGrant, User)
        .join(User, col(User.id) == RoleGrant.user_id)
        .where(RoleGrant.kommune_id == kommune_id, RoleGrant.role == Role.COORDINATOR)
        .order_by(col(User.display_name), col(RoleGrant.id))
        .limit(LIST_MAX)
    ).all()
    return [
        CoordinatorRow(
            grant_id=id_of(grant),
            user_id=id_of(user),
            display_name=user.display_name,
            email=user.email,
            scope_label=scope_label(data, grant, lang),
            since=format_date(grant.created_at, lang),
        )
        for grant, user in rows
    ]


def grant_coordinator(
    db: Session,
    actor: Actor,
    kommune_id: int,
    email: str,
    area_id: int | None,
    social_space_id: int | None,
    reason: str,
) -> str:
    """Make the approved member with `email` a coordinator of the area (subtree) or the
    social space; returns their name.

    A person of another Kommune, or none, is not found; a pending or blocked one is refused
    with the reason; an area or social space of another Kommune is not found.
    """
    require(actor, Action.MANAGE_COORDINATORS, kommune_id)
    if (area_id is None) == (social_space_id is None):
        raise InvalidInput("scope", "coordinator.scope_required")
    data = master(db, kommune_id)
    if area_id is not None and area_id not in data.area_by_id:
        raise NotFound("coordinator.area_not_found")
    if social_space_id is not None and social_space_id not in data.space_by_id:
        raise NotFound("coordinator.space_not_found")
    text = check_reason(reason)
    address = normalise_email(email)
    if not address:
        raise InvalidInput("email", "coordinator.email_required")
    # Locked: a block decided at the same moment cannot slip in between check and grant.
    user = locked_one(db, User, col(User.email) == address, col(User.kommune_id) == kommune_id)
    if user is None:
        raise InvalidInput("email", "coordinator.person_not_found")
    if user.status != UserStatus.APPROVED:
        raise InvalidInput("email", f"coordinator.refused_{user.status}", name=user.display_name)
    grants = db.exec(select(RoleGrant).where(RoleGrant.user_id == user.id)).all()
    if any(g.role == Role.KOMMUNE_ADMIN and g.kommune_id == kommune_id for g in grants):
        raise InvalidInput("email", "coordinator.is_admin", name=user.display_name)
    if any(
        g.role == Role.COORDINATOR
        and g.kommune_id == kommune_id
        and g.area_id == area_id
        and g.social_space_id == social_space_id
        for g in grants
    ):
        raise InvalidInput("email", "coordinator.already", name=user.display_name)
    grant = RoleGrant(
        user_id=id_of(user),
        role=Role.COORDINATOR,
        kommune_id=kommune_id,
        area_id=area_id,
        social_space_id=social_space_id,
        created_at=utcnow(),
    )
    db.add(grant)
    db.flush()
    audit.record(
        db,
        actor,
        action=AuditAction.GRANT_COORDINATOR,
        target_type="user",
        target_id=user.id,
        kommune_id=kommune_id,
        reason=f"{scope_label(data, grant)}: {text}",
    )
    db.flush()
    return user.display_name


def revoke_coordinator(
    db: Session, actor: Actor, kommune_id: int, grant_id: int, reason: str
) -> str:
    """Take one coordinator scope back; the person's portal sessions end (role revocation
    ends a login). Returns their name. A grant of another Kommune is not found."""
    require(actor, Action.MANAGE_COORDINATORS, kommune_id)
    text = check_reason(reason)
    grant = locked_one(
        db,
        RoleGrant,
        col(RoleGrant.id) == grant_id,
        col(RoleGrant.kommune_id) == kommune_id,
        col(RoleGrant.role) == Role.COORDINATOR,
    )
    if grant is None:
        raise NotFound("coordinator.not_found")
    user = db.get(User, grant.user_id)
    label = scope_label(master(db, kommune_id), grant)
    db.execute(delete(RoleGrant).where(col(RoleGrant.id) == grant_id))
    db.execute(
        update(UserSession)
        .where(col(UserSession.user_id) == grant.user_id)
        .where(col(UserSession.app) == ADMIN_APP)
        .where(col(UserSession.revoked_at).is_(None))
        .values(revoked_at=utcnow())
    )
    audit.record(
        db,
        actor,
        action=AuditAction.REVOKE_COORDINATOR,
        target_type="user",
        target_id=grant.user_id,
        kommune_id=kommune_id,
        reason=f"{label}: {text}",
    )
    db.flush()
    return user.display_name if user is not None else ""


@dataclass(frozen=True)
class ContextOption:
    """One entry of the portal's switcher: a role grant and what it covers."""

    grant_id: int
    label: str


def context_options(db: Session, actor: Actor, lang: str = "de") -> list[ContextOption]:
    """The working contexts the caller can switch between in the portal, in the order the
    session resolution uses ("Delbrück – Verwaltung", "Delbrück – Ortsteil Westenholz …")."""
    if actor.is_anonymous:
        return []
    grants = db.exec(select(RoleGrant).where(RoleGrant.user_id == actor.user_id)).all()
    options = []
    for grant in portal_contexts(grants):
        assert grant.kommune_id is not None
        kommune = db.get(Kommune, grant.kommune_id)
        name = kommune.name if kommune is not None else ""
        if grant.role == Role.KOMMUNE_ADMIN:
            what = translate("coordinator.context_admin", lang)
        else:
            what = scope_label(master(db, grant.kommune_id), grant, lang)
        options.append(ContextOption(id_of(grant), f"{name} – {what}"))
    return options
