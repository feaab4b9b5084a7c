"""Coordinators: granting and revoking scoped roles, and everything a coordinator sees or
does being restricted to their area subtree or social space ("not found" outside)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from sqlmodel import Session, col, select

from dasnez_core.actor import ANONYMOUS, Actor
from dasnez_core.errors import InvalidInput, NotAllowed, NotFound
from dasnez_core.models import (
    AuditAction,
    AuditEvent,
    LegalKind,
    Listing,
    ListingSocialSpace,
    Role,
    RoleGrant,
    User,
    UserSocialSpace,
    UserStatus,
)
from dasnez_core.services import (
    admin_detail,
    admin_invites,
    approval,
    coordinators,
    dashboard,
    legal,
    listings_list,
    masterdata_areas,
    moderation,
    people_list,
)
from dasnez_core.services.auth import ADMIN_APP, PUBLIC_APP
from dasnez_core.services.sessions import (
    actor_for,
    choose_context,
    create_session,
    hash_token,
    resolve_session,
)
from tests import factories as f

REASON = "Zuständig laut Ratsbeschluss"


def _place(db: Session, listing: Listing, area_id: int, district_id: int) -> Listing:
    listing.area_id, listing.district_id = area_id, district_id
    db.add(listing)
    db.flush()
    return listing


@pytest.fixture
def world(db: Session) -> dict[str, Any]:
    here = f.kommune(db)
    other = f.kommune(db, slug="bad-lippspringe", name="Bad Lippspringe")
    westenholz = f.district(db, here, "Westenholz")
    anreppen = f.village(db, westenholz, "Anreppen")
    boke = f.district(db, here, "Boke")
    foreign = f.district(db, other, "Fremdort")
    kita = f.social_space(db, here, "Kita Regenbogen")
    _, cat = f.exchange_with_category(db, here)
    w: dict[str, Any] = {
        "here": here,
        "other": other,
        "westenholz": westenholz,
        "anreppen": anreppen,
        "boke": boke,
        "foreign": foreign,
        "kita": kita,
        "admin": f.user(db, here, "admin@here.org", roles=(Role.KOMMUNE_ADMIN,), name="Anna"),
        "admin_other": f.user(db, other, "admin@other.org", roles=(Role.KOMMUNE_ADMIN,)),
        "platform": f.user(db, other, "ops@example.org", roles=(Role.PLATFORM_ADMIN,)),
        "coord": f.user(db, here, "koord@here.org", area=westenholz, name="Kora"),
        "coord2": f.user(db, here, "koord2@here.org", area=boke, name="Kuno"),
        "citizen": f.user(db, here, "maria@here.org", area=boke, name="Maria"),
        "pending_w": f.user(
            db, here, "neu-w@here.org", status=UserStatus.PENDING, area=anreppen, name="Wera"
        ),
        "pending_b": f.user(
            db, here, "neu-b@here.org", status=UserStatus.PENDING, area=boke, name="Bodo"
        ),
        "blocked": f.user(db, here, "weg@here.org", status=UserStatus.BLOCKED, area=boke),
        "author_w": f.user(db, here, "autor-w@here.org", area=westenholz, name="Walter"),
        "author_b": f.user(db, here, "autor-b@here.org", area=boke, name="Berta"),
    }
    w["listing_w"] = _place(
        db,
        f.listing_of(db, w["author_w"], cat, title="Hecke in Anreppen"),
        anreppen.id,
        westenholz.id,
    )
    w["listing_b"] = _place(
        db, f.listing_of(db, w["author_b"], cat, title="Rasen in Boke"), boke.id, boke.id
    )
    f.report_on(db, w["listing_w"], w["citizen"])
    f.report_on(db, w["listing_b"], w["citizen"])
    # Kita: Maria belongs to it, and Berta's listing is linked to it.
    db.add(UserSocialSpace(user_id=w["citizen"].id, social_space_id=kita.id))
    db.add(ListingSocialSpace(listing_id=w["listing_b"].id, social_space_id=kita.id))
    db.flush()
    admin = actor_for(db, w["admin"])
    coordinators.grant_coordinator(
        db, admin, here.id, "koord@here.org", westenholz.id, None, REASON
    )
    coordinators.grant_coordinator(db, admin, here.id, "koord2@here.org", None, kita.id, REASON)
    return w


def _portal(db: Session, user: User) -> Actor:
    return actor_for(db, user, app=ADMIN_APP)


# --- granting and revoking ----------------------------------------------------------------


def test_grant_records_scope_and_reason_and_the_coordinator_enters_the_portal(
    db: Session, world: dict
) -> None:
    coord = _portal(db, world["coord"])
    assert coord.scope is not None and coord.scope.district_id == world["westenholz"].id
    assert coord.scope.area_ids == {world["westenholz"].id, world["anreppen"].id}
    assert coord.admin_of == frozenset()
    events = db.exec(
        select(AuditEvent).where(AuditEvent.action == AuditAction.GRANT_COORDINATOR)
    ).all()
    reasons = sorted(e.reason for e in events)
    assert reasons == [
        f"Ortsteil Westenholz mit seinen Dörfern: {REASON}",
        f"Sozialraum Kita Regenbogen: {REASON}",
    ]
    rows = coordinators.list_coordinators(db, _portal(db, world["admin"]), world["here"].id)
    assert [(r.display_name, r.scope_label) for r in rows] == [
        ("Kora", "Ortsteil Westenholz mit seinen Dörfern"),
        ("Kuno", "Sozialraum Kita Regenbogen"),
    ]


@pytest.mark.parametrize(
    ("who", "key"),
    [("pending_w", "coordinator.refused_pending"), ("blocked", "coordinator.refused_blocked")],
)
def test_granting_to_a_pending_or_blocked_person_is_refused_with_a_reason(
    db: Session, world: dict, who: str, key: str
) -> None:
    admin = actor_for(db, world["admin"])
    with pytest.raises(InvalidInput) as refused:
        coordinators.grant_coordinator(
            db, admin, world["here"].id, world[who].email, world["boke"].id, None, REASON
        )
    assert refused.value.key == key
    assert db.exec(select(RoleGrant).where(RoleGrant.user_id == world[who].id)).all() == []


def test_a_scope_on_another_kommunes_area_or_space_is_not_found(db: Session, world: dict) -> None:
    admin = actor_for(db, world["admin"])
    other_space = f.social_space(db, world["other"], "Fremde Pfarrei")
    for area, space in ((world["foreign"].id, None), (None, other_space.id), (999999, None)):
        with pytest.raises(NotFound):
            coordinators.grant_coordinator(
                db, admin, world["here"].id, "maria@here.org", area, space, REASON
            )


def test_grant_needs_one_scope_a_member_of_the_kommune_and_a_reason(
    db: Session, world: dict
) -> None:
    admin = actor_for(db, world["admin"])
    here, boke, kita = world["here"].id, world["boke"].id, world["kita"].id
    cases: list[tuple[tuple[Any, ...], str]] = [
        (("maria@here.org", None, None, REASON), "coordinator.scope_required"),
        (("maria@here.org", boke, kita, REASON), "coordinator.scope_required"),
        (("admin@other.org", boke, None, REASON), "coordinator.person_not_found"),
        (("maria@here.org", boke, None, "kurz"), "moderation.reason_required"),
        (("admin@here.org", boke, None, REASON), "coordinator.is_admin"),
        (("koord@here.org", world["westenholz"].id, None, REASON), "coordinator.already"),
    ]
    for args, key in cases:
        with pytest.raises(InvalidInput) as refused:
            coordinators.grant_coordinator(db, admin, here, *args)
        assert refused.value.key == key


WRONG_FOR_GRANTS = ("anonymous", "pending_w", "blocked", "admin_other", "coord", "citizen")


def _wrong_actor(db: Session, world: dict, who: str) -> Actor:
    if who == "anonymous":
        return ANONYMOUS
    return _portal(db, world[who])


@pytest.mark.parametrize("who", [*WRONG_FOR_GRANTS, "platform"])
def test_only_the_kommunes_admin_grants_lists_and_revokes(
    db: Session, world: dict, who: str
) -> None:
    actor = _wrong_actor(db, world, who)
    here = world["here"].id
    grant = db.exec(select(RoleGrant).where(RoleGrant.role == Role.COORDINATOR)).first()
    assert grant is not None and grant.id is not None
    with pytest.raises(NotAllowed):
        coordinators.grant_coordinator(
            db, actor, here, "maria@here.org", world["boke"].id, None, REASON
        )
    with pytest.raises(NotAllowed):
        coordinators.revoke_coordinator(db, actor, here, grant.id, REASON)
    with pytest.raises(NotAllowed):
        coordinators.list_coordinators(db, actor, here)
    assert db.get(RoleGrant, grant.id) is not None


def test_revoke_ends_the_portal_login_and_is_audited(db: Session, world: dict) -> None:
    coord_user = world["coord"]
    portal = create_session(db, coord_user.id, ADMIN_APP)
    public = create_session(db, coord_user.id, PUBLIC_APP)
    assert not resolve_session(db, portal, ADMIN_APP).is_anonymous
    grant = db.exec(select(RoleGrant).where(RoleGrant.user_id == coord_user.id)).one()
    admin = actor_for(db, world["admin"])
    # Another Kommune's admin, with that grant's id: not found in their Kommune.
    with pytest.raises(NotFound):
        coordinators.revoke_coordinator(
            db, actor_for(db, world["admin_other"]), world["other"].id, grant.id, REASON
        )
    name = coordinators.revoke_coordinator(db, admin, world["here"].id, grant.id, "Umzug nach Boke")
    assert name == "Kora"
    assert resolve_session(db, portal, ADMIN_APP).is_anonymous
    assert not resolve_session(db, public, PUBLIC_APP).is_anonymous
    event = db.exec(
        select(AuditEvent).where(AuditEvent.action == AuditAction.REVOKE_COORDINATOR)
    ).one()
    assert event.target_id == coord_user.id
    assert event.reason == "Ortsteil Westenholz mit seinen Dörfern: Umzug nach Boke"
    with pytest.raises(NotFound):
        coordinators.revoke_coordinator(db, admin, world["here"].id, grant.id, REASON)


# --- what a coordinator sees and does -----------------------------------------------------


def test_approval_queue_and_actions_stay_within_the_area(db: Session, world: dict) -> None:
    coord, here = _portal(db, world["coord"]), world["here"].id
    assert [p.display_name for p in approval.list_pending(db, coord, here)] == ["Wera"]
    assert approval.count_pending(db, coord, here) == 1
    for call in (
        lambda: approval.approve_user(db, coord, here, world["pending_b"].id),
        lambda: approval.decline_user(db, coord, here, world["pending_b"].id, REASON),
        lambda: approval.approve_users(
            db, coord, here, [world["pending_w"].id, world["pending_b"].id]
        ),
    ):
        with pytest.raises(NotFound):
            call()
    assert db.get(User, world["pending_b"].id).status == UserStatus.PENDING  # type: ignore[union-attr]
    approval.approve_user(db, coord, here, world["pending_w"].id)
    assert db.get(User, world["pending_w"].id).status == UserStatus.APPROVED  # type: ignore[union-attr]
    # The admin still sees the whole Kommune.
    admin = _portal(db, world["admin"])
    assert [p.display_name for p in approval.list_pending(db, admin, here)] == ["Bodo"]


def test_blocking_lists_and_details_stay_within_the_area(db: Session, world: dict) -> None:
    coord, here = _portal(db, world["coord"]), world["here"].id
    out_person, out_listing = world["author_b"].id, world["listing_b"].id
    refusals: list[Callable[[], object]] = [
        lambda: moderation.block_user(db, coord, here, out_person, REASON),
        lambda: moderation.unblock_user(db, coord, here, world["blocked"].id, REASON),
        lambda: moderation.remove_listing(db, coord, here, out_listing, REASON),
        lambda: moderation.restore_listing(db, coord, here, out_listing, REASON),
        lambda: moderation.dismiss_listing_reports(db, coord, here, out_listing, REASON),
        lambda: admin_detail.person_detail(db, coord, here, out_person),
        lambda: admin_detail.listing_detail(db, coord, here, out_listing),
        lambda: admin_detail.history(db, coord, here, "user", out_person),
        lambda: admin_detail.history(db, coord, here, "listing", out_listing),
        lambda: moderation.publish_pending_listing(db, coord, here, out_listing),
    ]
    for call in refusals:
        with pytest.raises(NotFound):
            call()
    people = people_list.list_people(db, coord, here, people_list.PeopleFilters())
    assert {r.display_name for r in people.rows} == {"Kora", "Wera", "Walter"}
    assert [r.display_name for r in moderation.search_people(db, coord, here, "here.org")] == [
        "Kora",
        "Walter",
        "Wera",
    ]
    listings = listings_list.list_listings(db, coord, here, listings_list.ListingFilters())
    assert [r.title for r in listings.rows] == ["Hecke in Anreppen"]
    groups = moderation.list_report_groups(db, coord, here)
    assert [g.listing_title for g in groups] == ["Hecke in Anreppen"]
    assert moderation.count_reported_listings(db, coord, here) == 1
    assert moderation.count_open_reports(db, coord, here) == 1
    assert (
        admin_detail.person_detail(db, coord, here, world["author_w"].id).display_name == "Walter"
    )
    moderation.block_user(db, coord, here, world["author_w"].id, REASON)
    moderation.remove_listing(db, coord, here, world["listing_w"].id, REASON)
    assert [r.action for r in admin_detail.history(db, coord, here, "user", world["author_w"].id)]


def test_a_social_space_coordinator_sees_its_members_and_linked_listings(
    db: Session, world: dict
) -> None:
    coord, here = _portal(db, world["coord2"]), world["here"].id
    people = people_list.list_people(db, coord, here, people_list.PeopleFilters())
    assert [r.display_name for r in people.rows] == ["Maria"]
    listings = listings_list.list_listings(db, coord, here, listings_list.ListingFilters())
    assert [r.title for r in listings.rows] == ["Rasen in Boke"]
    assert [g.listing_title for g in moderation.list_report_groups(db, coord, here)] == [
        "Rasen in Boke"
    ]
    with pytest.raises(NotFound):
        admin_detail.listing_detail(db, coord, here, world["listing_w"].id)
    with pytest.raises(NotFound):
        approval.approve_user(db, coord, here, world["pending_w"].id)


def test_dashboard_figures_per_scope(db: Session, world: dict) -> None:
    here = world["here"].id
    figures = {
        who: dashboard.dashboard(db, _portal(db, world[who]), here, dashboard.DashboardFilters())
        for who in ("admin", "coord", "coord2")
    }
    whole, area, space = figures["admin"], figures["coord"], figures["coord2"]
    assert (whole.people_total, whole.pending_approvals, whole.open_reports) == (9, 2, 2)
    assert whole.listings_total == 2
    # Westenholz: Kora, Walter (district) and Wera (Anreppen, pending).
    assert (area.people_total, area.pending_approvals, area.open_reports) == (3, 1, 1)
    assert area.listings_total == 1
    assert [f.count for f in area.listings_by_district] == [1]
    # Kita: Maria, and Berta's linked listing with its report.
    assert (space.people_total, space.pending_approvals, space.open_reports) == (1, 0, 1)
    assert space.listings_total == 1


def test_coordinators_cannot_touch_master_data_admins_or_legal_texts(
    db: Session, world: dict
) -> None:
    coord, here = _portal(db, world["coord"]), world["here"].id
    refusals: list[Callable[[], object]] = [
        lambda: masterdata_areas.add_area(db, coord, here, "Neudorf", None),
        lambda: masterdata_areas.list_areas(db, coord, here),
        lambda: admin_invites.invite_admin(
            db, coord, here, email="x@here.org", display_name="Xaver"
        ),
        lambda: legal.publish(db, coord, here, LegalKind.IMPRINT, "Impressum " * 20),
        lambda: coordinators.scope_options(db, coord, here),
    ]
    for call in refusals:
        with pytest.raises(NotAllowed):
            call()


def test_no_coordinator_acts_on_another(db: Session, world: dict) -> None:
    here = world["here"].id
    # Kuno (Kita) lives in Boke; make Kora responsible for Boke too, then try to block him.
    coordinators.grant_coordinator(
        db, actor_for(db, world["admin"]), here, "koord@here.org", world["boke"].id, None, REASON
    )
    grants = db.exec(
        select(RoleGrant).where(RoleGrant.user_id == world["coord"].id).order_by(col(RoleGrant.id))
    ).all()
    boke_scope = actor_for(db, world["coord"], app=ADMIN_APP, context_grant_id=grants[-1].id)
    with pytest.raises(NotAllowed):
        moderation.block_user(db, boke_scope, here, world["coord2"].id, REASON)
    moderation.block_user(db, boke_scope, here, world["citizen"].id, REASON)


def test_removing_an_area_with_a_coordinator(db: Session, world: dict) -> None:
    admin, here = actor_for(db, world["admin"]), world["here"].id
    village = f.village(db, world["boke"], "Schöning")
    coordinators.grant_coordinator(db, admin, here, "maria@here.org", village.id, None, REASON)
    with pytest.raises(InvalidInput) as refused:
        masterdata_areas.delete_area(db, admin, here, village.id)
    assert refused.value.key == "coordinator.in_use"
    masterdata_areas.merge_area(db, admin, here, village.id, world["boke"].id, confirmed=True)
    moved = db.exec(select(RoleGrant).where(RoleGrant.user_id == world["citizen"].id)).one()
    assert moved.area_id == world["boke"].id


# --- the working context (switcher) ---------------------------------------------------------


def test_an_admin_of_two_kommunen_works_on_the_chosen_one(db: Session, world: dict) -> None:
    here, other = world["here"], world["other"]
    both = world["admin_other"]
    db.add(RoleGrant(user_id=both.id, role=Role.KOMMUNE_ADMIN, kommune_id=here.id))
    db.flush()
    token = create_session(db, both.id, ADMIN_APP)
    first = resolve_session(db, token, ADMIN_APP)
    assert first.admin_of == {min(here.id, other.id)}
    assert len(first.contexts) == 2
    chosen = next(g for g in first.contexts if g != first.context_id)
    choose_context(db, first, hash_token(token), chosen)
    second = resolve_session(db, token, ADMIN_APP)
    assert second.context_id == chosen
    assert second.admin_of == {max(here.id, other.id)}
    assert second.scope is not None and second.scope.kommune_id == max(here.id, other.id)
    # The Kommune not chosen is refused now, like any Kommune not administered.
    with pytest.raises(NotAllowed):
        approval.list_pending(db, second, min(here.id, other.id))
    # Another person's grant, or nonsense, is not a context of theirs.
    foreign = db.exec(select(RoleGrant).where(RoleGrant.user_id == world["coord"].id)).one()
    for grant_id in (foreign.id, 0, 10**9):
        with pytest.raises(NotFound):
            choose_context(db, second, hash_token(token), grant_id or 0)
    options = coordinators.context_options(db, second)
    assert [o.label for o in options] == [
        "Delbrück – Verwaltung der Kommune",
        "Bad Lippspringe – Verwaltung der Kommune",
    ] or [o.label for o in options] == [
        "Bad Lippspringe – Verwaltung der Kommune",
        "Delbrück – Verwaltung der Kommune",
    ]


def test_a_revoked_context_falls_back_to_the_first(db: Session, world: dict) -> None:
    admin = actor_for(db, world["admin"])
    here = world["here"].id
    coordinators.grant_coordinator(
        db, admin, here, "koord@here.org", world["boke"].id, None, REASON
    )
    token = create_session(db, world["coord"].id, ADMIN_APP)
    actor = resolve_session(db, token, ADMIN_APP)
    boke_grant = actor.contexts[-1]
    choose_context(db, actor, hash_token(token), boke_grant)
    assert resolve_session(db, token, ADMIN_APP).scope.area_id == world["boke"].id  # type: ignore[union-attr]
    # The public app's session has no portal context to switch.
    public = create_session(db, world["coord"].id, PUBLIC_APP)
    with pytest.raises(NotFound):
        choose_context(db, resolve_session(db, public, PUBLIC_APP), hash_token(public), boke_grant)
    db.delete(db.get(RoleGrant, boke_grant))
    db.flush()
    fallback = resolve_session(db, token, ADMIN_APP)
    assert fallback.scope is not None and fallback.scope.area_id == world["westenholz"].id
