"""Every rule of who may do what, in one place. Deny by default.

Each action maps to a predicate over (actor, kommune_id of the target). An action
missing from the table is refused; a blocked or pending person passes only the
predicates that say so explicitly.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum

from dasnez_core.actor import Actor
from dasnez_core.errors import NotAllowed
from dasnez_core.models import Role


class Action(StrEnum):
    VIEW_PUBLIC = "view_public"
    EDIT_OWN_PROFILE = "edit_own_profile"
    PUBLISH_LISTING = "publish_listing"
    PROXY_POST = "proxy_post"
    ENTER_ADMIN_PORTAL = "enter_admin_portal"
    VIEW_APPROVAL_QUEUE = "view_approval_queue"
    APPROVE_USER = "approve_user"
    LIST_KOMMUNEN_STATS = "list_kommunen_stats"
    CREATE_KOMMUNE = "create_kommune"


Rule = Callable[[Actor, int | None], bool]


def _anyone(_actor: Actor, _kommune_id: int | None) -> bool:
    return True


def _approved_member(actor: Actor, kommune_id: int | None) -> bool:
    return actor.is_approved and kommune_id is not None and actor.kommune_id == kommune_id


def _logged_in_not_blocked(actor: Actor, kommune_id: int | None) -> bool:
    return actor.user_id is not None and actor.status in ("pending", "approved")


def _approved_proxy(actor: Actor, kommune_id: int | None) -> bool:
    return _approved_member(actor, kommune_id) and Role.PROXY in actor.roles


def _admin_of(actor: Actor, kommune_id: int | None) -> bool:
    return actor.is_approved and kommune_id is not None and kommune_id in actor.admin_of


def _any_admin(actor: Actor, _kommune_id: int | None) -> bool:
    return actor.is_approved and (bool(actor.admin_of) or actor.is_platform_admin)


def _platform_admin(actor: Actor, _kommune_id: int | None) -> bool:
    return actor.is_platform_admin


RULES: dict[Action, Rule] = {
    Action.VIEW_PUBLIC: _anyone,
    Action.EDIT_OWN_PROFILE: _logged_in_not_blocked,
    Action.PUBLISH_LISTING: _approved_member,
    Action.PROXY_POST: _approved_proxy,
    Action.ENTER_ADMIN_PORTAL: _any_admin,
    Action.VIEW_APPROVAL_QUEUE: _admin_of,
    Action.APPROVE_USER: _admin_of,
    Action.LIST_KOMMUNEN_STATS: _platform_admin,
    Action.CREATE_KOMMUNE: _platform_admin,
}


def can(actor: Actor, action: Action, kommune_id: int | None = None) -> bool:
    """True if `actor` may perform `action` on something of `kommune_id`."""
    rule = RULES.get(action)
    return bool(rule and rule(actor, kommune_id))


def require(actor: Actor, action: Action, kommune_id: int | None = None) -> None:
    """Raise NotAllowed unless `can(...)`."""
    if not can(actor, action, kommune_id):
        raise NotAllowed()
