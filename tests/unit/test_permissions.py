"""The permission rules as a matrix over every kind of person."""

from __future__ import annotations

import pytest

from dasnez_core.actor import ANONYMOUS, Actor
from dasnez_core.errors import NotAllowed
from dasnez_core.permissions import RULES, Action, can, can_act_on, scope_of
from dasnez_core.scope import Scope

HERE, OTHER = 1, 2
# A coordinator's working context: the district 7 of HERE (with its village 8), or 9 of OTHER.
SCOPE_HERE = Scope(HERE, area_id=7, area_ids=frozenset({7, 8}), district_id=7)
SCOPE_OTHER = Scope(OTHER, area_id=9, area_ids=frozenset({9}))

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
    # Coordinators: living in HERE and coordinating part of it; living in HERE and
    # coordinating part of OTHER; blocked.
    "coordinator_here": Actor(
        user_id=18,
        kommune_id=HERE,
        status="approved",
        roles=frozenset({"citizen", "coordinator"}),
        scope=SCOPE_HERE,
    ),
    "coordinator_other": Actor(
        user_id=19,
        kommune_id=HERE,
        status="approved",
        roles=frozenset({"citizen", "coordinator"}),
        scope=SCOPE_OTHER,
    ),
    "coordinator_blocked": Actor(
        user_id=20,
        kommune_id=HERE,
        status="blocked",
        roles=frozenset({"citizen", "coordinator"}),
        scope=SCOPE_HERE,
    ),
}
# Approved members of HERE: what citizens may do in their home Kommune.
MEMBERS = {
    "approved",
    "proxy",
    "institution",
    "admin_here",
    "coordinator_here",
    "coordinator_other",
}
COORDINATORS = {"coordinator_here", "coordinator_other"}

# action -> the people allowed (on a target in Kommune HERE); everyone else is refused.
EXPECTED: dict[Action, set[str]] = {
    Action.VIEW_PUBLIC: set(PEOPLE),
    # Own-account actions: the target Kommune is the person's home Kommune.
    Action.EDIT_OWN_PROFILE: MEMBERS | {"pending"},
    Action.EXPORT_OWN_DATA: MEMBERS | {"pending"},
    Action.DELETE_OWN_ACCOUNT: MEMBERS - {"admin_here"} | {"pending"},
    Action.PUBLISH_LISTING: MEMBERS,
    Action.WRITE_OWN_LISTING: MEMBERS | {"pending"},
    Action.REPORT_LISTING: set(PEOPLE),
    Action.PROXY_POST: {"proxy"},
    Action.CONTACT_MEMBER: MEMBERS,
    Action.READ_OWN_MESSAGES: MEMBERS | {"pending"},
    Action.RATE_MEMBER: MEMBERS,
    Action.VIEW_MEMBER_PROFILE: MEMBERS,
    Action.VIEW_ADMIN_RATINGS: {"admin_here"},
    Action.ENTER_ADMIN_PORTAL: {"admin_here", "admin_other", "platform"} | COORDINATORS,
    # Coordinators work in the Kommune of their scope only (and within it, scope_of).
    Action.VIEW_APPROVAL_QUEUE: {"admin_here", "coordinator_here"},
    Action.APPROVE_USER: {"admin_here", "coordinator_here"},
    # Platform staff too: only they may block a Kommune admin (see the rank matrix below).
    Action.BLOCK_USER: {"admin_here", "platform", "coordinator_here"},
    # Master data, ratings, the audit log and admin accounts: the Kommune's admins only.
    Action.MANAGE_MASTERDATA: {"admin_here"},
    Action.MODERATE_LISTINGS: {"admin_here", "coordinator_here"},
    Action.MODERATE_RATINGS: {"admin_here"},
    Action.VIEW_AUDIT_LOG: {"admin_here"},
    Action.VIEW_KOMMUNE_DASHBOARD: {"admin_here", "coordinator_here"},
    Action.LIST_KOMMUNE_RECORDS: {"admin_here", "coordinator_here"},
    Action.MANAGE_ADMINS: {"admin_here"},
    Action.LIST_KOMMUNEN_STATS: {"platform"},
    Action.CREATE_KOMMUNE: {"platform"},
    Action.MANAGE_KOMMUNEN: {"platform"},
    Action.MANAGE_MAIL_OUTBOX: {"platform"},
    Action.SET_OWN_DIGEST: {"admin_here"},
    Action.MANAGE_RETENTION: {"admin_here"},
    Action.SAVE_SEARCH: MEMBERS,
    Action.MANAGE_COORDINATORS: {"admin_here"},
    Action.REGISTER_INSTITUTION: MEMBERS,
    Action.ACT_FOR_INSTITUTION: MEMBERS,
    Action.APPROVE_INSTITUTION: {"admin_here"},
    # A public listing's Aushang: every approved person, of any Kommune.
    Action.PRINT_NOTICE: MEMBERS | {"admin_other", "platform"},
    Action.PRINT_WEEKLY_SHEET: {"proxy"},
    Action.VIEW_OWN_TIME_ACCOUNT: MEMBERS,
    Action.MANAGE_TIMEBANK: {"admin_here"},
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
    "coordinator": frozenset({"citizen", "coordinator"}),
    "kommune_admin": frozenset({"citizen", "kommune_admin"}),
    "platform_admin": frozenset({"citizen", "platform_admin"}),
}
MAY_ACT_ON: dict[str, set[str]] = {
    "citizen": {"admin_here", "platform", "coordinator_here"},
    "proxy": {"admin_here", "platform", "coordinator_here"},
    "institution": {"admin_here", "platform", "coordinator_here"},
    # No coordinator acts on another.
    "coordinator": {"admin_here", "platform"},
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
    assert allowed is (target in {"citizen", "proxy", "institution", "coordinator"})


@pytest.mark.parametrize("person", list(PEOPLE))
def test_scope_of_each_person(person: str) -> None:
    """Admins and platform staff see the whole Kommune, the coordinator of a part of it
    that part alone, everyone else nothing (refused)."""
    expected = {
        "admin_here": Scope(HERE),
        "platform": Scope(HERE),
        "coordinator_here": SCOPE_HERE,
    }
    if person in expected:
        assert scope_of(PEOPLE[person], HERE) == expected[person]
    else:
        with pytest.raises(NotAllowed):
            scope_of(PEOPLE[person], HERE)
    # In the other Kommune only its admin, platform staff and its coordinator.
    if person in {"admin_other", "platform", "coordinator_other"}:
        assert scope_of(PEOPLE[person], OTHER).kommune_id == OTHER
    else:
        with pytest.raises(NotAllowed):
            scope_of(PEOPLE[person], OTHER)


def test_a_coordinator_scope_is_never_the_whole_kommune() -> None:
    assert Scope(HERE).whole_kommune
    assert not SCOPE_HERE.whole_kommune
    assert not Scope(HERE, social_space_id=3).whole_kommune
