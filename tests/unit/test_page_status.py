"""The HTTP status of a public page's first HTML follows what the page shows."""

from __future__ import annotations

from sqlmodel import Session

from dasnez_app.page_status import CHECKS
from dasnez_app.routes import LISTING, PERSON
from dasnez_core.actor import ANONYMOUS, Actor
from dasnez_core.models import ListingStatus, ProfileVisibility, UserStatus
from dasnez_core.services.page_status import kommune_shown, listing_shown, person_shown
from dasnez_ui.page_status_http import route_pattern
from tests import factories as f


def _as(actor: Actor):  # type: ignore[no-untyped-def]
    return lambda: actor


def test_only_an_active_kommune_is_shown(db: Session) -> None:
    f.kommune(db)
    f.kommune(db, slug="alt", name="Alt", active=False)
    assert kommune_shown(db, "delbrueck")
    assert not kommune_shown(db, "alt")
    assert not kommune_shown(db, "nirgendwo")


def test_a_listing_is_shown_under_its_own_kommune_while_public(db: Session) -> None:
    here = f.kommune(db)
    f.kommune(db, slug="salzkotten", name="Salzkotten")
    _, category = f.exchange_with_category(db, here)
    maria = f.user(db, here, "maria@example.org")
    anna = f.actor(db, f.user(db, here, "anna@example.org"))
    listing = f.listing_of(db, maria, category)
    assert listing.id is not None
    assert listing_shown(db, "delbrueck", listing.id, _as(ANONYMOUS))
    assert not listing_shown(db, "salzkotten", listing.id, _as(ANONYMOUS))
    assert not listing_shown(db, "delbrueck", listing.id + 1000, _as(ANONYMOUS))

    listing.status = ListingStatus.DRAFT
    db.add(listing)
    db.flush()
    assert not listing_shown(db, "delbrueck", listing.id, _as(anna))
    assert listing_shown(db, "delbrueck", listing.id, _as(f.actor(db, maria)))

    listing.status = ListingStatus.REMOVED
    db.add(listing)
    db.flush()
    assert not listing_shown(db, "delbrueck", listing.id, _as(f.actor(db, maria)))


def test_a_profile_shown_to_nobody_is_not_found_but_for_its_owner(db: Session) -> None:
    here = f.kommune(db)
    f.kommune(db, slug="salzkotten", name="Salzkotten")
    maria = f.user(db, here, "maria@example.org")
    pending = f.user(db, here, "paul@example.org", status=UserStatus.PENDING)
    assert person_shown(db, "delbrueck", maria.handle, _as(ANONYMOUS))  # members: login hint
    assert not person_shown(db, "salzkotten", maria.handle, _as(ANONYMOUS))
    assert not person_shown(db, "delbrueck", pending.handle, _as(ANONYMOUS))
    assert not person_shown(db, "delbrueck", "", _as(ANONYMOUS))
    maria.profile_visibility = ProfileVisibility.NOBODY
    db.add(maria)
    db.flush()
    assert not person_shown(db, "delbrueck", maria.handle, _as(ANONYMOUS))
    assert person_shown(db, "delbrueck", maria.handle, _as(f.actor(db, maria)))


def test_routes_match_their_paths_only() -> None:
    pattern = route_pattern(LISTING)
    found = pattern.match("/k/delbrueck/eintrag/12/")
    assert found is not None and found.groupdict() == {"slug": "delbrueck", "id": "12"}
    assert pattern.match("/k/delbrueck/eintrag/12/bearbeiten") is None
    assert route_pattern(PERSON).match("/k/x/person/ab-c_d") is not None


def test_a_listing_id_that_is_no_number_is_not_found(db: Session) -> None:
    f.kommune(db)
    assert not CHECKS[LISTING](db, {"slug": "delbrueck", "id": "abc"}, _as(ANONYMOUS))
