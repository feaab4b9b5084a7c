"""Ratings after a confirmed exchange, the public summary and the public profile."""

from __future__ import annotations

import pytest
from sqlmodel import Session, func, select

from dasnez_core.actor import ANONYMOUS
from dasnez_core.errors import InvalidInput, NotAllowed, NotFound
from dasnez_core.models import Rating, Role, UserStatus
from dasnez_core.services import contact, ratings
from dasnez_core.services.ratings import RatingSummary
from tests import factories as f
from tests.unit.test_contact import World, build_world


@pytest.fixture
def w(db: Session) -> World:
    return build_world(db)


def _ratings(db: Session) -> int:
    return int(db.exec(select(func.count()).select_from(Rating)).one())


def _done(db: Session, w: World) -> int:
    """Maria wrote about Jonas's offer and both confirmed that the help took place."""
    maria, jonas = f.actor(db, w.maria), f.actor(db, w.jonas)
    cid = contact.start_conversation(db, maria, w.here.id, w.listing.id)
    contact.send_message(db, maria, w.here.id, cid, "Guten Tag!")
    contact.confirm_agreement(db, maria, w.here.id, cid, "10")
    contact.confirm_agreement(db, jonas, w.here.id, cid)
    return cid


def test_summary_without_ratings_is_zero(db: Session, w: World) -> None:
    assert ratings.rating_summary(db, w.here.id, w.jonas.id) == RatingSummary(0, 0.0)


def test_both_sides_rate_each_other_once(db: Session, w: World) -> None:
    cid = _done(db, w)
    maria, jonas = f.actor(db, w.maria), f.actor(db, w.jonas)
    ratings.rate(db, maria, w.here.id, cid, 4, "  Sehr zuverlässig  ")
    ratings.rate(db, jonas, w.here.id, cid, 2, "Kam zu spät", admin_only=True)
    rows = {r.rater_id: r for r in db.exec(select(Rating)).all()}
    assert (rows[w.maria.id].ratee_id, rows[w.maria.id].stars) == (w.jonas.id, 4)
    assert rows[w.maria.id].comment == "Sehr zuverlässig"
    assert (rows[w.jonas.id].ratee_id, rows[w.jonas.id].admin_only) == (w.maria.id, True)
    assert contact.thread(db, maria, w.here.id, cid).my_rating == 4
    with pytest.raises(NotAllowed) as err:
        ratings.rate(db, maria, w.here.id, cid, 5, "Noch einmal")
    assert err.value.key == "rating.already_rated"
    assert _ratings(db) == 2
    assert ratings.rating_summary(db, w.here.id, w.jonas.id) == RatingSummary(1, 4.0)
    # Jonas's rating of Maria was for the administration only: it counts nowhere public.
    assert ratings.rating_summary(db, w.here.id, w.maria.id) == RatingSummary(0, 0.0)
    assert ratings.public_ratings(db, w.here.id, w.maria.id) == ([], False)


def test_summary_averages_public_ratings_of_this_kommune_only(db: Session, w: World) -> None:
    conversation = f.conversation_about(db, w.listing, w.maria)
    agreement = f.agreement_on(db, conversation, helper=w.jonas, seeker=w.maria)
    f.rating_for(db, agreement, w.maria, w.jonas, stars=5)
    f.rating_for(db, agreement, w.eva, w.jonas, stars=4)
    f.rating_for(db, agreement, w.pending, w.jonas, stars=1, admin_only=True)
    f.rating_for(db, agreement, w.blocked, w.jonas, stars=2)
    assert ratings.rating_summary(db, w.here.id, w.jonas.id) == RatingSummary(3, 3.7)
    assert ratings.rating_summary(db, w.other.id, w.jonas.id) == RatingSummary(0, 0.0)


@pytest.mark.parametrize("confirmed_by", [(), ("maria",)])
def test_rating_waits_until_both_confirmed(
    db: Session, w: World, confirmed_by: tuple[str, ...]
) -> None:
    maria = f.actor(db, w.maria)
    cid = contact.start_conversation(db, maria, w.here.id, w.listing.id)
    contact.send_message(db, maria, w.here.id, cid, "Guten Tag!")
    for who in confirmed_by:
        contact.confirm_agreement(db, f.actor(db, getattr(w, who)), w.here.id, cid, "5")
    with pytest.raises(NotAllowed) as err:
        ratings.rate(db, maria, w.here.id, cid, 5)
    assert err.value.key == "rating.not_done"
    assert _ratings(db) == 0


@pytest.mark.parametrize(
    ("stars", "comment", "field"),
    [
        (0, "", "stars"),
        (6, "", "stars"),
        (None, "", "stars"),
        (5, "x" * 1001, "comment"),
    ],
)
def test_bad_rating_is_refused(
    db: Session, w: World, stars: int | None, comment: str, field: str
) -> None:
    cid = _done(db, w)
    with pytest.raises(InvalidInput) as err:
        ratings.rate(db, f.actor(db, w.maria), w.here.id, cid, stars, comment)
    assert err.value.field == field
    assert _ratings(db) == 0
    ratings.rate(db, f.actor(db, w.maria), w.here.id, cid, 1, "x" * 1000)
    assert _ratings(db) == 1


@pytest.mark.parametrize(
    ("who", "key"),
    [
        ("anonymous", "auth.required"),
        ("pending", "contact.account_pending"),
        ("blocked", "error.not_allowed"),
        ("anna", "error.not_allowed"),
    ],
)
def test_wrong_people_cannot_rate(db: Session, w: World, who: str, key: str) -> None:
    cid = _done(db, w)
    actor = ANONYMOUS if who == "anonymous" else f.actor(db, getattr(w, who))
    with pytest.raises(NotAllowed) as err:
        ratings.rate(db, actor, w.here.id, cid, 5)
    assert err.value.key == key
    assert _ratings(db) == 0


def test_non_participant_and_forged_ids_find_nothing(db: Session, w: World) -> None:
    cid = _done(db, w)
    with pytest.raises(NotFound):
        ratings.rate(db, f.actor(db, w.eva), w.here.id, cid, 1, "Kenne ich nicht")
    foreign = w.foreign_conversation
    f.agreement_on(db, foreign, helper=w.anna, seeker=w.bernd)
    with pytest.raises(NotFound):
        ratings.rate(db, f.actor(db, w.maria), w.here.id, foreign.id, 1)
    assert _ratings(db) == 0


def test_partner_who_left_cannot_be_rated(db: Session, w: World) -> None:
    conversation = f.conversation_about(db, w.listing, w.maria)
    agreement = f.agreement_on(db, conversation, helper=None, seeker=w.maria)
    agreement.helper_done_at = agreement.seeker_done_at = agreement.created_at
    db.add(agreement)
    db.flush()
    with pytest.raises(NotAllowed) as err:
        ratings.rate(db, f.actor(db, w.maria), w.here.id, conversation.id, 5)
    assert err.value.key == "rating.partner_gone"
    assert _ratings(db) == 0


# --- public profile ---------------------------------------------------------------------------


def test_public_profile_shows_what_others_may_see(db: Session, w: World) -> None:
    village = f.village(db, f.district(db, w.here, "Westenholz"), "Westenholzer Heide")
    w.jonas.area_id = village.id
    w.jonas.introduction = "Ich helfe gern beim Einkaufen."
    w.jonas.phone = "05250 123456"
    db.add(w.jonas)
    db.flush()
    cid = _done(db, w)
    ratings.rate(db, f.actor(db, w.maria), w.here.id, cid, 5, "Prima!")
    profile = ratings.public_profile(db, f.actor(db, w.maria), w.here.id, w.jonas.handle)
    assert profile.display_name == "Jonas Becker"
    assert profile.introduction == "Ich helfe gern beim Einkaufen."
    assert profile.district == "Westenholz"
    assert len(profile.member_since) == len("14.03.2026")
    assert profile.summary == RatingSummary(1, 5.0)
    assert "@" not in repr(profile) and "05250" not in repr(profile)
    views, more = ratings.public_ratings(db, w.here.id, w.jonas.id)
    assert [(v.stars, v.comment, v.rater_name) for v in views] == [(5, "Prima!", "Maria Schneider")]
    assert not more


def test_rating_of_a_former_member_shows_no_name(db: Session, w: World) -> None:
    conversation = f.conversation_about(db, w.listing, w.maria)
    agreement = f.agreement_on(db, conversation, helper=w.jonas, seeker=w.maria)
    rating = f.rating_for(db, agreement, w.maria, w.jonas, stars=3, comment="Gut")
    rating.rater_id = None
    db.add(rating)
    db.flush()
    views, _ = ratings.public_ratings(db, w.here.id, w.jonas.id)
    assert [(v.stars, v.rater_name) for v in views] == [(3, "")]


def test_public_ratings_come_in_pages(db: Session, w: World) -> None:
    conversation = f.conversation_about(db, w.listing, w.maria)
    agreement = f.agreement_on(db, conversation, helper=w.jonas, seeker=w.maria)
    for n in range(ratings.PAGE_SIZE + 1):
        rater = f.user(db, w.here, f"nachbar{n}@example.org")
        f.rating_for(db, agreement, rater, w.jonas, stars=1 + n % 5, comment=f"Nr. {n}")
    first, more = ratings.public_ratings(db, w.here.id, w.jonas.id)
    assert len(first) == ratings.PAGE_SIZE and more
    second, more = ratings.public_ratings(db, w.here.id, w.jonas.id, page=2)
    assert len(second) == 1 and not more


@pytest.mark.parametrize("who", ["pending", "blocked", "anna"])
def test_profile_of_people_not_shown_is_not_found(db: Session, w: World, who: str) -> None:
    with pytest.raises(NotFound):
        ratings.public_profile(db, f.actor(db, w.maria), w.here.id, getattr(w, who).handle)


def test_profile_of_a_blocked_person_disappears(db: Session, w: World) -> None:
    assert (
        ratings.public_profile(db, f.actor(db, w.maria), w.here.id, w.jonas.handle).display_name
        == "Jonas Becker"
    )
    w.jonas.status = UserStatus.BLOCKED
    db.add(w.jonas)
    db.flush()
    with pytest.raises(NotFound):
        ratings.public_profile(db, f.actor(db, w.maria), w.here.id, w.jonas.handle)


# --- the administration's view ------------------------------------------------------------------


def test_admins_of_the_kommune_alone_see_admin_only_ratings(db: Session, w: World) -> None:
    cid = _done(db, w)
    ratings.rate(db, f.actor(db, w.maria), w.here.id, cid, 2, "Unfreundlich", admin_only=True)
    admin = f.user(db, w.here, "admin@example.org", roles=(Role.KOMMUNE_ADMIN,))
    views, _ = ratings.ratings_for_admin(db, f.actor(db, admin), w.here.id, w.jonas.id)
    assert [(v.stars, v.comment, v.admin_only) for v in views] == [(2, "Unfreundlich", True)]
    other_admin = f.user(db, w.other, "admin@lippspringe.example", roles=(Role.KOMMUNE_ADMIN,))
    for actor in (f.actor(db, w.jonas), f.actor(db, other_admin), ANONYMOUS):
        with pytest.raises(NotAllowed):
            ratings.ratings_for_admin(db, actor, w.here.id, w.jonas.id)
