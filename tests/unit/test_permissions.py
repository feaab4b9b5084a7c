"""The permission rules as a matrix over every kind of person."""

from __future__ import annotations

import pytest

from dasnez_core.actor import ANONYMOUS, Actor
from dasnez_core.permissions import RULES, Action, can, can_act_on

HERE, OTHER = 1, 2

PEOPLE = {
    "anonymous": ANONYMOUS,
    "pending": Actor(user_id=10, kommune_id=HERE, status="pending", roles=frozenset({"citizen"})),
    "approved": Actor(user_id=11, kommune_id=HERE, status="approved", roles=frozenset({"citizen"})),
    "blocked": Actor(
        user_id=12,
        kommune_id=HERE,
        status="blocked",
        roles=frozenset({"citizen", "kommune_admin"}),
        admin_of=frozenset({HERE}),
    ),
    "proxy": Actor(
        user_id=13, kommune_id=HERE, status="approved", roles=frozenset({"citizen", "proxy"})
    ),
    "institution": Actor(
        user_id=14,
        kommune_id=HERE,
        status="approved",
        roles=frozenset({"citizen", "institution_member"}),
    ),
    "admin_here": Actor(
        user_id=15,
        kommune_id=HERE,
        status="approved",
        roles=frozenset({"citizen", "kommune_admin"}),
        admin_of=frozenset({HERE}),
    ),
    "admin_other": Actor(
        user_id=16,
        kommune_id=OTHER,
        status="approved",
        roles=frozenset({"citizen", "kommune_admin"}),
        admin_of=frozenset({OTHER}),
    ),
    "platform": Actor(
        user_id=17,
        kommune_id=OTHER,
        status="approved",
        roles=frozenset({"citizen", "platform_admin"}),
    ),
}

# action -> the people allowed (on a target in Kommune HERE); everyone else is refused.
EXPECTED: dict[Action, set[str]] = {
    Action.VIEW_PUBLIC: set(PEOPLE),
    # Own-account actions: the target Kommune is the person's home Kommune.
    Action.EDIT_OWN_PROFILE: {"pending", "approved", "proxy", "institution", "admin_here"},
    Action.EXPORT_OWN_DATA: {"pending", "approved", "proxy", "institution", "admin_here"},
    Action.DELETE_OWN_ACCOUNT: {"pending", "approved", "proxy", "institution"},
    Action.PUBLISH_LISTING: {"approved", "proxy", "institution", "admin_here"},
    Action.WRITE_OWN_LISTING: {"pending", "approved", "proxy", "institution", "admin_here"},
    Action.REPORT_LISTING: set(PEOPLE),
    Action.PROXY_POST: {"proxy"},
    Action.CONTACT_MEMBER: {"approved", "proxy", "institution", "admin_here"},
    Action.READ_OWN_MESSAGES: {"pending", "approved", "proxy", "institution", "admin_here"},
    Action.RATE_MEMBER: {"approved", "proxy", "institution", "admin_here"},
    Action.VIEW_MEMBER_PROFILE: {"approved", "proxy", "institution", "admin_here"},
    Action.VIEW_ADMIN_RATINGS: {"admin_here"},
    Action.ENTER_ADMIN_PORTAL: {"admin_here", "admin_other", "platform"},
    Action.VIEW_APPROVAL_QUEUE: {"admin_here"},
    Action.APPROVE_USER: {"admin_here"},
    # Platform staff too: only they may block a Kommune admin (see the rank matrix below).
    Action.BLOCK_USER: {"admin_here", "platform"},
    Action.MANAGE_MASTERDATA: {"admin_here"},
    Action.MODERATE_LISTINGS: {"admin_here"},
    Action.MODERATE_RATINGS: {"admin_here"},
    Action.VIEW_AUDIT_LOG: {"admin_here"},
    Action.VIEW_KOMMUNE_DASHBOARD: {"admin_here"},
    Action.LIST_KOMMUNE_RECORDS: {"admin_here"},
    Action.MANAGE_ADMINS: {"admin_here"},
    Action.LIST_KOMMUNEN_STATS: {"platform"},
    Action.CREATE_KOMMUNE: {"platform"},
    Action.SAVE_SEARCH: {"approved", "proxy", "institution", "admin_here"},
    Action.MANAGE_PROXIES: {"admin_here"},
}


def test_matrix_covers_every_action() -> None:
    assert set(EXPECTED) == set(Action) == set(RULES)


@pytest.mark.parametrize("action", list(Action))
@pytest.mark.parametrize("person", list(PEOPLE))
def test_matrix(action: Action, person: str) -> None:
    assert can(PEOPLE[person], action, HERE) is (person in EXPECTED[action])


def test_unknown_action_is_denied() -> None:
    assert not can(PEOPLE["platform"], "drop_database", HERE)  # type: ignore[arg-type]


def test_admins_edit_but_never_delete_their_own_account_here() -> None:
    for person, home in (("admin_here", HERE), ("admin_other", OTHER), ("platform", OTHER)):
        assert can(PEOPLE[person], Action.EDIT_OWN_PROFILE, home)
        assert not can(PEOPLE[person], Action.DELETE_OWN_ACCOUNT, home)
    assert can(PEOPLE["approved"], Action.DELETE_OWN_ACCOUNT, HERE)
    assert not can(PEOPLE["approved"], Action.EXPORT_OWN_DATA, OTHER)


# The role a person acted on holds -> who may block or unblock them (target in Kommune HERE).
# Nobody acts on an equal or higher role: a Kommune admin blocks no fellow admin and no
# platform staff whose home Kommune this is; only platform staff block a Kommune admin.
TARGETS: dict[str, frozenset[str]] = {
    "citizen": frozenset({"citizen"}),
    "proxy": frozenset({"citizen", "proxy"}),
    "institution": frozenset({"citizen", "institution_member"}),
    "kommune_admin": frozenset({"citizen", "kommune_admin"}),
    "platform_admin": frozenset({"citizen", "platform_admin"}),
}
MAY_ACT_ON: dict[str, set[str]] = {
    "citizen": {"admin_here", "platform"},
    "proxy": {"admin_here", "platform"},
    "institution": {"admin_here", "platform"},
    "kommune_admin": {"platform"},
    "platform_admin": set(),
}


@pytest.mark.parametrize("target", list(TARGETS))
@pytest.mark.parametrize("person", list(PEOPLE))
def test_block_and_unblock_only_a_lower_role(person: str, target: str) -> None:
    allowed = can_act_on(PEOPLE[person], Action.BLOCK_USER, HERE, TARGETS[target])
    assert allowed is (person in MAY_ACT_ON[target])


@pytest.mark.parametrize("target", list(TARGETS))
def test_approve_or_decline_only_a_lower_role(target: str) -> None:
    allowed = can_act_on(PEOPLE["admin_here"], Action.APPROVE_USER, HERE, TARGETS[target])
    assert allowed is (target in {"citizen", "proxy", "institution"})
