"""Every rule of who may do what, in one place. Deny by default.

Each action maps to a predicate over (actor, kommune_id of the target). An action
missing from the table is refused; a blocked or pending person passes only the
predicates that say so explicitly. An action on a person (blocking, declining) also
needs the actor to outrank that person: nobody acts on an equal or higher role.

A coordinator passes the staff rules of the Kommune of their working context only, and
`scope_of` gives the part of it they may see (dasnez_core.scope): every query of the
services behind those rules takes its WHERE clause from that Scope, so a person or listing
outside it is "not found", as one of another Kommune is.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from enum import StrEnum

from dasnez_core.actor import ANONYMOUS, Actor
from dasnez_core.errors import NotAllowed
from dasnez_core.models import Role
from dasnez_core.scope import Scope


class Action(StrEnum):
    VIEW_PUBLIC = "view_public"
    EDIT_OWN_PROFILE = "edit_own_profile"
    EXPORT_OWN_DATA = "export_own_data"
    DELETE_OWN_ACCOUNT = "delete_own_account"
    PUBLISH_LISTING = "publish_listing"
    WRITE_OWN_LISTING = "write_own_listing"
    REPORT_LISTING = "report_listing"
    PROXY_POST = "proxy_post"
    CONTACT_MEMBER = "contact_member"
    READ_OWN_MESSAGES = "read_own_messages"
    RATE_MEMBER = "rate_member"
    VIEW_MEMBER_PROFILE = "view_member_profile"
    VIEW_ADMIN_RATINGS = "view_admin_ratings"
    ENTER_ADMIN_PORTAL = "enter_admin_portal"
    VIEW_APPROVAL_QUEUE = "view_approval_queue"
    APPROVE_USER = "approve_user"
    BLOCK_USER = "block_user"
    MANAGE_MASTERDATA = "manage_masterdata"
    MODERATE_LISTINGS = "moderate_listings"
    MODERATE_RATINGS = "moderate_ratings"
    VIEW_AUDIT_LOG = "view_audit_log"
    VIEW_KOMMUNE_DASHBOARD = "view_kommune_dashboard"
    LIST_KOMMUNE_RECORDS = "list_kommune_records"
    MANAGE_ADMINS = "manage_admins"
    LIST_KOMMUNEN_STATS = "list_kommunen_stats"
    CREATE_KOMMUNE = "create_kommune"
    MANAGE_KOMMUNEN = "manage_kommunen"
    SAVE_SEARCH = "save_search"
    # Operations (mail outbox, digests, retention).
    MANAGE_MAIL_OUTBOX = "manage_mail_outbox"
    SET_OWN_DIGEST = "set_own_digest"
    MANAGE_RETENTION = "manage_retention"
    MANAGE_COORDINATORS = "manage_coordinators"
    REGISTER_INSTITUTION = "register_institution"
    ACT_FOR_INSTITUTION = "act_for_institution"
    APPROVE_INSTITUTION = "approve_institution"
    PRINT_NOTICE = "print_notice"
    PRINT_WEEKLY_SHEET = "print_weekly_sheet"
    VIEW_OWN_TIME_ACCOUNT = "view_own_time_account"
    MANAGE_TIMEBANK = "manage_timebank"
    MANAGE_PROXIES = "manage_proxies"


Rule = Callable[[Actor, int | None], bool]


def _anyone(_actor: Actor, _kommune_id: int | None) -> bool:
    return True


def _approved_member(actor: Actor, kommune_id: int | None) -> bool:
    return actor.is_approved and kommune_id is not None and actor.kommune_id == kommune_id


def _logged_in_not_blocked(actor: Actor, kommune_id: int | None) -> bool:
    return actor.user_id is not None and actor.status in ("pending", "approved")


def _member_not_blocked(actor: Actor, kommune_id: int | None) -> bool:
    """Pending people may prepare drafts in their own Kommune; blocked people nothing."""
    return _logged_in_not_blocked(actor, kommune_id) and actor.kommune_id == kommune_id


def _member_not_admin(actor: Actor, kommune_id: int | None) -> bool:
    """Admins leave only through another admin, so that no Kommune loses its last one."""
    admin_roles = {Role.KOMMUNE_ADMIN.value, Role.PLATFORM_ADMIN.value}
    return _member_not_blocked(actor, kommune_id) and not (actor.roles & admin_roles)


def _member_or_admin(actor: Actor, kommune_id: int | None) -> bool:
    return _approved_member(actor, kommune_id) or _admin_of(actor, kommune_id)


def _approved_anywhere(actor: Actor, _kommune_id: int | None) -> bool:
    return actor.is_approved


def _approved_proxy(actor: Actor, kommune_id: int | None) -> bool:
    return _approved_member(actor, kommune_id) and Role.PROXY in actor.roles


def _admin_of(actor: Actor, kommune_id: int | None) -> bool:
    return actor.is_approved and kommune_id is not None and kommune_id in actor.admin_of


def _coordinator_in(actor: Actor, kommune_id: int | None) -> bool:
    """A coordinator whose working context is a scope in this Kommune."""
    return (
        actor.is_approved
        and kommune_id is not None
        and Role.COORDINATOR in actor.roles
        and actor.scope is not None
        and not actor.scope.whole_kommune
        and actor.scope.kommune_id == kommune_id
    )


def _staff_of(actor: Actor, kommune_id: int | None) -> bool:
    """The Kommune's admins, and its coordinators (within their scope, see `scope_of`)."""
    return _admin_of(actor, kommune_id) or _coordinator_in(actor, kommune_id)


def _any_admin(actor: Actor, _kommune_id: int | None) -> bool:
    return actor.is_approved and (
        bool(actor.admin_of)
        or actor.is_platform_admin
        or _coordinator_in(actor, actor.scope.kommune_id if actor.scope else None)
    )


def _platform_admin(actor: Actor, _kommune_id: int | None) -> bool:
    return actor.is_platform_admin


def _admin_of_or_platform(actor: Actor, kommune_id: int | None) -> bool:
    """The Kommune's admins, and platform staff (who name the Kommune explicitly)."""
    return _admin_of(actor, kommune_id) or (kommune_id is not None and actor.is_platform_admin)


def _staff_or_platform(actor: Actor, kommune_id: int | None) -> bool:
    return _staff_of(actor, kommune_id) or _admin_of_or_platform(actor, kommune_id)


RULES: dict[Action, Rule] = {
    Action.VIEW_PUBLIC: _anyone,
    Action.EDIT_OWN_PROFILE: _member_not_blocked,
    Action.EXPORT_OWN_DATA: _member_not_blocked,
    Action.DELETE_OWN_ACCOUNT: _member_not_admin,
    Action.PUBLISH_LISTING: _approved_member,
    Action.WRITE_OWN_LISTING: _member_not_blocked,
    Action.REPORT_LISTING: _anyone,
    Action.PROXY_POST: _approved_proxy,
    # Writing to people, confirming help and rating: approved members of that Kommune.
    Action.CONTACT_MEMBER: _approved_member,
    Action.READ_OWN_MESSAGES: _member_not_blocked,
    Action.RATE_MEMBER: _approved_member,
    # A profile shown to "Mitglieder meiner Kommune": its approved members and its admins.
    Action.VIEW_MEMBER_PROFILE: _member_or_admin,
    Action.VIEW_ADMIN_RATINGS: _admin_of,
    Action.ENTER_ADMIN_PORTAL: _any_admin,
    # Approval, moderation, lists, details and the dashboard: the Kommune's admins, and
    # coordinators within their scope (`scope_of`).
    Action.VIEW_APPROVAL_QUEUE: _staff_of,
    Action.APPROVE_USER: _staff_of,
    # Blocking and unblocking; platform staff too, as only they may block a Kommune admin.
    Action.BLOCK_USER: _staff_or_platform,
    # Profile, areas, social spaces, categories, sponsors and Info-Box of the own Kommune.
    Action.MANAGE_MASTERDATA: _admin_of,
    # Reports, pre-moderation and removal of listings; reading the audit log.
    Action.MODERATE_LISTINGS: _staff_of,
    # Hiding an abusive rating from the public pages, or showing it again.
    Action.MODERATE_RATINGS: _admin_of,
    Action.VIEW_AUDIT_LOG: _admin_of,
    # Dashboard figures; lists of people and listings with their CSV export.
    Action.VIEW_KOMMUNE_DASHBOARD: _staff_of,
    Action.LIST_KOMMUNE_RECORDS: _staff_of,
    # Inviting a further admin of the own Kommune, or taking the rights back.
    Action.MANAGE_ADMINS: _admin_of,
    Action.LIST_KOMMUNEN_STATS: _platform_admin,
    Action.CREATE_KOMMUNE: _platform_admin,
    # Switching a Kommune live, deactivating it, exporting all its data; interest demand.
    Action.MANAGE_KOMMUNEN: _platform_admin,
    # Saved searches mail new listings: approved members of that Kommune.
    Action.SAVE_SEARCH: _approved_member,
    # Failed mails of the whole platform (recipients' addresses): platform staff only.
    Action.MANAGE_MAIL_OUTBOX: _platform_admin,
    # A Kommune admin's own digest mails; the Kommune's retention periods.
    Action.SET_OWN_DIGEST: _admin_of,
    Action.MANAGE_RETENTION: _admin_of,
    # Granting and revoking coordinator scopes: the Kommune's admins only.
    Action.MANAGE_COORDINATORS: _admin_of,
    # Registering an institution and acting for one (posting, notices, the shared inbox,
    # inviting members): approved people; the kommune_id given is the person's home one.
    Action.REGISTER_INSTITUTION: _approved_member,
    Action.ACT_FOR_INSTITUTION: _approved_member,
    # Admitting an institution in the approval queue.
    Action.APPROVE_INSTITUTION: _admin_of,
    # The Aushang of a public listing: any approved person (the listing is public anyway);
    # the weekly sheet of new listings: the Kommune's own proxies.
    Action.PRINT_NOTICE: _approved_anywhere,
    Action.PRINT_WEEKLY_SHEET: _approved_proxy,
    # The own Zeitkonto (statement, CSV, Ehrenamtsnachweis): approved members.
    Action.VIEW_OWN_TIME_ACCOUNT: _approved_member,
    # Time-bank settings, corrections and totals: the Kommune's admins.
    Action.MANAGE_TIMEBANK: _admin_of,
    # Appointing and revoking proxies; every represented person of the Kommune.
    Action.MANAGE_PROXIES: _admin_of,
}


def can(actor: Actor, action: Action, kommune_id: int | None = None) -> bool:
    """True if `actor` may perform `action` on something of `kommune_id`. A person whose
    consent is outdated may do only what anybody may, until they consent again, except
    taking their data out and deleting their account (GDPR Art. 15, 17, 20: no right
    depends on accepting new terms)."""
    rule = RULES.get(action)
    subject = ANONYMOUS if actor.consent_due and action not in _WITHOUT_CONSENT else actor
    return bool(rule and rule(subject, kommune_id))


# What a person whose consent is outdated may still do.
_WITHOUT_CONSENT = frozenset({Action.EXPORT_OWN_DATA, Action.DELETE_OWN_ACCOUNT})


def require(actor: Actor, action: Action, kommune_id: int | None = None) -> None:
    """Raise NotAllowed unless `can(...)`; the message says when only consent is missing."""
    if not can(actor, action, kommune_id):
        if actor.consent_due and can(replace(actor, consent_due=False), action, kommune_id):
            raise NotAllowed("consent.due")
        raise NotAllowed()


# The ranks of the roles, lowest first. Nobody acts on a person of an equal or higher rank,
# so only platform staff block a Kommune admin, and nobody in a Kommune blocks platform
# staff. A coordinator ranks above members and below admins: no coordinator blocks another.
ROLE_RANK: dict[str, int] = {
    Role.CITIZEN.value: 0,
    Role.PROXY.value: 1,
    Role.INSTITUTION_MEMBER.value: 1,
    Role.COORDINATOR.value: 2,
    Role.KOMMUNE_ADMIN.value: 3,
    Role.PLATFORM_ADMIN.value: 4,
}


def rank(roles: Iterable[str]) -> int:
    """The highest rank among `roles` (an unknown role counts as a citizen's)."""
    return max((ROLE_RANK.get(role, 0) for role in roles), default=0)


def can_act_on(
    actor: Actor, action: Action, kommune_id: int | None, target_roles: Iterable[str]
) -> bool:
    """`can(...)` for an action on a person holding `target_roles`: the actor must also
    hold a strictly higher role than that person."""
    return can(actor, action, kommune_id) and rank(actor.roles) > rank(target_roles)


def require_over(
    actor: Actor, action: Action, kommune_id: int | None, target_roles: Iterable[str]
) -> None:
    """Raise NotAllowed unless `can_act_on(...)`; the message names the rank rule."""
    require(actor, action, kommune_id)
    if not can_act_on(actor, action, kommune_id, target_roles):
        raise NotAllowed("moderation.higher_role")


def scope_of(actor: Actor, kommune_id: int) -> Scope:
    """The part of `kommune_id` the actor works on: the whole Kommune for its admins and
    platform staff, the coordinator's area subtree or social space for a coordinator of
    it. Services call it after `require(...)` and add `persons()` / `listings()` to every
    query; anyone else gets NotAllowed (deny by default)."""
    if _admin_of(actor, kommune_id) or actor.is_platform_admin:
        return Scope(kommune_id)
    if _coordinator_in(actor, kommune_id) and actor.scope is not None:
        return actor.scope
    raise NotAllowed()


def require_scope(actor: Actor, action: Action, kommune_id: int) -> Scope:
    """`require(...)`, then the caller's `scope_of(...)` in that Kommune."""
    require(actor, action, kommune_id)
    return scope_of(actor, kommune_id)
