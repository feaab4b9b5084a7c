"""The permission rules as a matrix over every kind of person."""

from __future__ import annotations

import pytest

from dasnez_core.actor import ANONYMOUS, Actor
from dasnez_core.permissions import RULES, Action, can

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
    Action.EDIT_OWN_PROFILE: {
        "pending",
        "approved",
        "proxy",
        "institution",
        "admin_here",
        "admin_other",
        "platform",
    },
    Action.PUBLISH_LISTING: {"approved", "proxy", "institution", "admin_here"},
    Action.PROXY_POST: {"proxy"},
    Action.ENTER_ADMIN_PORTAL: {"admin_here", "admin_other", "platform"},
    Action.VIEW_APPROVAL_QUEUE: {"admin_here"},
    Action.APPROVE_USER: {"admin_here"},
    Action.LIST_KOMMUNEN_STATS: {"platform"},
    Action.CREATE_KOMMUNE: {"platform"},
}


def test_matrix_covers_every_action() -> None:
    assert set(EXPECTED) == set(Action) == set(RULES)


@pytest.mark.parametrize("action", list(Action))
@pytest.mark.parametrize("person", list(PEOPLE))
def test_matrix(action: Action, person: str) -> None:
    assert can(PEOPLE[person], action, HERE) is (person in EXPECTED[action])


def test_unknown_action_is_denied() -> None:
    assert not can(PEOPLE["platform"], "drop_database", HERE)  # type: ignore[arg-type]
