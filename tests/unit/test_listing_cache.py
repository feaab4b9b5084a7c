"""The embed/feed cache: dropped by committed listing changes of its Kommune, not by others."""

from __future__ import annotations

from sqlalchemy import update
from sqlmodel import Session

from dasnez_core import listing_cache
from dasnez_core.listing_cache import VersionedCache
from dasnez_core.models import Listing
from tests import factories as f


def _counting_cache() -> tuple[VersionedCache[int], list[int]]:
    made: list[int] = []
    return VersionedCache(ttl=60), made


def test_a_committed_listing_change_drops_only_its_kommunes_entries(db: Session) -> None:
    here = f.kommune(db)
    other = f.kommune(db, slug="salzkotten", name="Salzkotten")
    _, category = f.exchange_with_category(db, here)
    maria = f.user(db, here, "maria@example.org")
    db.commit()
    assert here.id is not None and other.id is not None
    cache, made = _counting_cache()

    def value(kommune_id: int) -> int:
        return cache.get(kommune_id, "embed", lambda: made.append(kommune_id) or len(made))

    first_here, first_other = value(here.id), value(other.id)
    assert (value(here.id), value(other.id)) == (first_here, first_other)  # cached

    listing = f.listing_of(db, maria, category)
    assert value(here.id) == first_here  # flushed, not committed yet
    db.commit()
    assert value(here.id) != first_here
    assert value(other.id) == first_other

    listing.title = "Geändert"
    db.add(listing)
    db.flush()
    db.rollback()
    again = value(here.id)
    assert value(here.id) == again  # a rolled-back change drops nothing


def test_a_bulk_update_of_listings_drops_every_kommune(db: Session) -> None:
    here = f.kommune(db)
    db.commit()
    assert here.id is not None
    cache: VersionedCache[int] = VersionedCache(ttl=60)
    before = cache.get(here.id, "feed", lambda: 1)
    db.execute(update(Listing).where(Listing.kommune_id == -1).values(title="x"))
    db.commit()
    assert cache.get(here.id, "feed", lambda: 2) == 2 != before
    assert cache.peek(here.id, "feed") == 2


def test_entries_expire_and_the_cache_stays_small() -> None:
    cache: VersionedCache[int] = VersionedCache(ttl=0, size=2)
    assert cache.get(1, "a", lambda: 1) == 1
    assert cache.peek(1, "a") is None  # ttl 0: already stale
    cache = VersionedCache(ttl=60, size=2)
    for key in ("a", "b", "c"):
        cache.get(1, key, lambda: 0)
    assert cache.peek(1, "a") is None and cache.peek(1, "c") == 0
    listing_cache.bump(1)
    assert cache.peek(1, "c") is None
