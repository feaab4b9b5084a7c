"""Saved searches: who may save them, whose they are, which mails the alert run sends,
and the signed unsubscribe link."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import timedelta

import pytest
from sqlmodel import Session, func, select

from dasnez_core.actor import ANONYMOUS
from dasnez_core.errors import InvalidInput, NotAllowed, NotFound
from dasnez_core.models import Role, SavedSearch, UserStatus, utcnow
from dasnez_core.services.account import delete_account, export_own_data
from dasnez_core.services.moderation import block_user
from dasnez_core.services.saved_searches import (
    SEARCHES_MAX,
    delete_own,
    list_own,
    save_search,
    send_alerts,
    suggested_name,
    unsubscribe,
    unsubscribe_token,
)
from dasnez_core.services.search import SearchFilters
from tests import factories as f
from tests.utils.smtp import Inbox, smtp_server


@pytest.fixture
def world(db: Session) -> dict:
    here = f.kommune(db)
    other = f.kommune(db, slug="bad-lippspringe", name="Bad Lippspringe")
    boke = f.district(db, here, "Boke")
    westenholz = f.district(db, here, "Westenholz")
    _, cat = f.exchange_with_category(db, here)
    _, other_cat = f.exchange_with_category(db, other)
    return {
        "here": here,
        "other": other,
        "boke": boke,
        "westenholz": westenholz,
        "cat": cat,
        "other_cat": other_cat,
        "other_area": f.district(db, other, "Mitte"),
        "maria": f.user(db, here, "maria@example.org", name="Maria"),
        "jonas": f.user(db, here, "jonas@example.org", name="Jonas"),
        "pending": f.user(db, here, "karl@example.org", status=UserStatus.PENDING),
        "blocked": f.user(db, here, "bernd@example.org", status=UserStatus.BLOCKED),
        "admin": f.user(db, here, "admin@example.org", roles=(Role.KOMMUNE_ADMIN,)),
        "anna": f.user(db, other, "anna@example.org"),
        "other_admin": f.user(db, other, "oa@example.org", roles=(Role.KOMMUNE_ADMIN,)),
    }


def _save(db: Session, world: dict, who: str = "maria", **filters: object) -> int:
    return save_search(
        db,
        f.actor(db, world[who]),
        world["here"].id,
        SearchFilters(**filters),  # type: ignore[arg-type]
        name="Neue Angebote in Westenholz",
        frequency="daily",
    )


def _age(db: Session, search_id: int, days: float) -> None:
    """Pretend the search's last mail (or its saving) was `days` ago."""
    row = db.get(SavedSearch, search_id)
    assert row is not None
    row.last_sent_at = utcnow() - timedelta(days=days)
    db.add(row)
    db.flush()


def test_suggested_name_names_kind_and_area(db: Session, world: dict) -> None:
    here = world["here"].id
    area = world["westenholz"].id
    assert (
        suggested_name(db, here, SearchFilters(kind="offer", area=area))
        == "Neue Angebote in Westenholz"
    )
    assert suggested_name(db, here, SearchFilters(kind="request")) == "Neue Gesuche in Delbrück"
    # Another Kommune's area is no place of this one.
    other_area = world["other_area"].id
    assert suggested_name(db, here, SearchFilters(area=other_area)) == "Neue Einträge in Delbrück"


def test_saved_search_keeps_the_filters_of_this_kommune_only(db: Session, world: dict) -> None:
    search_id = _save(
        db,
        world,
        kind="offer",
        area=world["westenholz"].id,
        category=world["other_cat"].id,  # another Kommune's: dropped
        q="Rasen",
    )
    row = db.get(SavedSearch, search_id)
    assert row is not None
    assert (row.kind, row.area_id, row.category_id, row.q) == (
        "offer",
        world["westenholz"].id,
        None,
        "Rasen",
    )
    [listed] = list_own(db, f.actor(db, world["maria"]), world["here"].id)
    assert (listed.id, listed.name, listed.frequency) == (
        search_id,
        "Neue Angebote in Westenholz",
        "daily",
    )


@pytest.mark.parametrize(
    ("name", "frequency", "field"),
    [("   ", "daily", "name"), ("x" * 81, "daily", "name"), ("Gut", "hourly", "frequency")],
)
def test_bad_name_or_frequency_is_refused_with_a_message(
    db: Session, world: dict, name: str, frequency: str, field: str
) -> None:
    with pytest.raises(InvalidInput) as refused:
        save_search(
            db,
            f.actor(db, world["maria"]),
            world["here"].id,
            SearchFilters(),
            name=name,
            frequency=frequency,
        )
    assert refused.value.field == field


def test_number_of_saved_searches_is_limited(db: Session, world: dict) -> None:
    for _ in range(SEARCHES_MAX):
        _save(db, world)
    with pytest.raises(InvalidInput):
        _save(db, world)


@pytest.mark.parametrize("who", ["pending", "blocked", "anna", "other_admin"])
def test_wrong_people_cannot_save_a_search(db: Session, world: dict, who: str) -> None:
    with pytest.raises(NotAllowed):
        _save(db, world, who)


def test_anonymous_cannot_save_or_list(db: Session, world: dict) -> None:
    here = world["here"].id
    with pytest.raises(NotAllowed):
        save_search(db, ANONYMOUS, here, SearchFilters(), name="x", frequency="daily")
    with pytest.raises(NotAllowed):
        list_own(db, ANONYMOUS, here)


def test_another_persons_saved_search_is_not_found(db: Session, world: dict) -> None:
    search_id = _save(db, world)
    with pytest.raises(NotFound):
        delete_own(db, f.actor(db, world["jonas"]), world["here"].id, search_id)
    with pytest.raises(NotFound):
        delete_own(db, f.actor(db, world["admin"]), world["here"].id, search_id)
    assert db.get(SavedSearch, search_id) is not None
    delete_own(db, f.actor(db, world["maria"]), world["here"].id, search_id)
    assert db.get(SavedSearch, search_id) is None


def _mails(
    db: Session, monkeypatch: pytest.MonkeyPatch, later: timedelta = timedelta()
) -> tuple[int, Inbox]:
    """Run the alerts (`later` than now) and return how many were sent, and the mails."""
    db.commit()
    with smtp_server() as (inbox, port):
        monkeypatch.setenv("DASNEZ_SMTP_HOST", "127.0.0.1")
        monkeypatch.setenv("DASNEZ_SMTP_PORT", str(port))
        sent = send_alerts(db, utcnow() + later)
        db.commit()
    return sent, inbox


def test_alert_mails_new_matches_once_with_an_unsubscribe_link(
    db: Session, world: dict, monkeypatch: pytest.MonkeyPatch
) -> None:
    search_id = _save(db, world, area=world["westenholz"].id)
    _age(db, search_id, 1)
    jonas = world["jonas"]
    f.listing_with(db, jonas, world["cat"], title="Alt", created_at=utcnow() - timedelta(days=2))
    f.listing_with(db, jonas, world["cat"], title="Rasen mähen", area=world["westenholz"])
    f.listing_with(db, jonas, world["cat"], title="In Boke", area=world["boke"])
    f.listing_with(db, jonas, world["cat"], title="Entwurf", status="draft")
    sent, inbox = _mails(db, monkeypatch)
    assert sent == 1
    [mail] = inbox.to("maria@example.org")
    text = Inbox.text(mail)
    assert "Neue Angebote in Westenholz" in mail["Subject"]
    assert "Rasen mähen" in text
    assert "In Boke" not in text and "Alt" not in text and "Entwurf" not in text
    row = db.get(SavedSearch, search_id)
    assert row is not None
    link = f"/suche-abbestellen?token={unsubscribe_token(row)}"
    assert link in text
    assert link in mail["List-Unsubscribe"]
    # Nothing new since that mail: the next run sends nothing, even once due again.
    assert _mails(db, monkeypatch, later=timedelta(days=1, hours=1))[0] == 0


def test_alert_sends_nothing_without_new_matches_or_before_it_is_due(
    db: Session, world: dict, monkeypatch: pytest.MonkeyPatch
) -> None:
    daily = _save(db, world)
    weekly = save_search(
        db,
        f.actor(db, world["jonas"]),
        world["here"].id,
        SearchFilters(),
        name="Woche",
        frequency="weekly",
    )
    # Both saved (and so last mailed) three days ago; the daily one finds nothing new.
    _age(db, daily, 3)
    _age(db, weekly, 3)
    assert _mails(db, monkeypatch)[0] == 0
    f.listing_with(db, world["admin"], world["cat"], title="Neu")
    # Now the daily one has a match; the weekly one is not due for four more days.
    sent, inbox = _mails(db, monkeypatch)
    assert sent == 1
    assert inbox.to("maria@example.org") and not inbox.to("jonas@example.org")
    _age(db, weekly, 7)
    sent, inbox = _mails(db, monkeypatch)
    assert sent == 1 and inbox.to("jonas@example.org")


def test_blocked_people_get_no_alert(
    db: Session, world: dict, monkeypatch: pytest.MonkeyPatch
) -> None:
    search_id = _save(db, world)
    _age(db, search_id, 2)
    f.listing_with(db, world["jonas"], world["cat"], title="Neu")
    block_user(
        db,
        f.actor(db, world["admin"]),
        world["here"].id,
        world["maria"].id,
        reason="Beleidigende Nachrichten",
    )
    sent, inbox = _mails(db, monkeypatch)
    assert sent == 0 and not inbox.to("maria@example.org")


def test_unsubscribe_token_deletes_its_search_and_a_changed_one_is_refused(
    db: Session, world: dict
) -> None:
    first, second = _save(db, world), _save(db, world)
    row = db.get(SavedSearch, first)
    other = db.get(SavedSearch, second)
    assert row is not None and other is not None
    token = unsubscribe_token(row)
    search_id, signature = token.split(".")
    flipped = signature[:-1] + ("0" if signature[-1] != "0" else "1")
    for forged in (
        f"{search_id}.{flipped}",
        f"{second}.{signature}",  # the signature of another search
        f"{search_id}.",
        search_id,
        "",
        "abc.def",
        f"{search_id}.{unsubscribe_token(other).split('.')[1]}",
    ):
        with pytest.raises(NotFound):
            unsubscribe(db, forged)
    assert unsubscribe(db, token) == "Neue Angebote in Westenholz"
    assert db.get(SavedSearch, first) is None
    assert db.get(SavedSearch, second) is not None
    with pytest.raises(NotFound):  # a second click: already gone
        unsubscribe(db, token)


def test_export_includes_and_deletion_removes_saved_searches(db: Session, world: dict) -> None:
    _save(db, world, kind="offer")
    me = f.actor(db, world["maria"])
    data = json.loads(export_own_data(db, me, world["here"].id))
    [exported] = data["saved_searches"]
    assert exported["name"] == "Neue Angebote in Westenholz"
    assert exported["filters"]["kind"] == "offer"
    assert not re.search("unsubscribe", json.dumps(exported))
    delete_account(db, me, world["here"].id, password=f.PASSWORD, confirmed=True)
    assert db.exec(select(func.count()).select_from(SavedSearch)).one() == 0


def test_search_filter_published_after_only_finds_newer_listings(db: Session, world: dict) -> None:
    from dasnez_core.services.search import search_public

    f.listing_with(
        db, world["jonas"], world["cat"], title="Alt", created_at=utcnow() - timedelta(days=3)
    )
    f.listing_with(db, world["jonas"], world["cat"], title="Neu")
    since = replace(SearchFilters(), published_after=utcnow() - timedelta(days=1))
    found = search_public(db, world["here"].id, since)
    assert [c.title for c in found.cards] == ["Neu"]


def test_a_listing_published_after_moderation_counts_as_new(
    db: Session, world: dict, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Created before the last mail, but public only since: it is new to the search."""
    from dasnez_core.services.moderation import publish_pending_listing

    waiting = f.listing_with(
        db,
        world["jonas"],
        world["cat"],
        title="Geprüft",
        status="pending",
        created_at=utcnow() - timedelta(days=3),
    )
    search_id = _save(db, world)
    _age(db, search_id, 2)
    assert _mails(db, monkeypatch)[0] == 0  # nothing public yet
    publish_pending_listing(db, f.actor(db, world["admin"]), world["here"].id, waiting.id)
    sent, inbox = _mails(db, monkeypatch)
    assert sent == 1
    [mail] = inbox.to("maria@example.org")
    assert "Geprüft" in Inbox.text(mail)
