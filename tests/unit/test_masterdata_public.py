"""Sponsor links and the Info-Box: what the Kommune page shows, when and in which order."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from sqlmodel import Session, select

from dasnez_core.errors import InvalidInput, NotFound
from dasnez_core.models import AuditEvent, InfoItem, Sponsor
from dasnez_core.services import kommunen
from dasnez_core.services.masterdata_public import (
    InfoItemInput,
    SponsorInput,
    add_info_item,
    add_sponsor,
    delete_info_item,
    delete_sponsor,
    list_info_items,
    list_sponsors,
    move_info_item,
    move_sponsor,
    update_info_item,
    update_sponsor,
)
from tests import factories as f

TODAY = date.today()


@pytest.fixture
def w(db: Session) -> dict[str, Any]:
    w = f.masterdata_world(db)
    w["actor"] = f.actor(db, w["admin"])
    return w


def _shown_sponsors(db: Session, w: dict, day: date = TODAY) -> list[str]:
    return [s.name for s in kommunen.sponsors(db, w["here"].id, day)]


def _shown_info(db: Session, w: dict, day: date = TODAY) -> list[str]:
    return [i.title for i in kommunen.info_box(db, w["here"].id, day)]


def _actions(db: Session) -> list[str]:
    return [e.action for e in db.exec(select(AuditEvent).order_by(AuditEvent.id)).all()]  # type: ignore[arg-type]


# --- sponsors --------------------------------------------------------------------------------


def test_a_sponsor_shows_within_its_period_only(db: Session, w: dict) -> None:
    admin, here = w["actor"], w["here"].id
    add_sponsor(db, admin, here, SponsorInput("Volksbank", "https://www.volksbank.de/"))
    add_sponsor(
        db,
        admin,
        here,
        SponsorInput(
            "Sparkasse",
            "http://sparkasse.example",
            valid_from=(TODAY + timedelta(days=3)).isoformat(),
            valid_until=(TODAY + timedelta(days=10)).strftime("%d.%m.%Y"),
        ),
    )
    assert _shown_sponsors(db, w) == ["Volksbank"]
    assert _shown_sponsors(db, w, TODAY + timedelta(days=3)) == ["Volksbank", "Sparkasse"]
    assert _shown_sponsors(db, w, TODAY + timedelta(days=11)) == ["Volksbank"]
    rows = list_sponsors(db, admin, here, TODAY).rows
    assert [(r.name, r.state, r.first, r.last) for r in rows] == [
        ("Volksbank", "shown", True, False),
        ("Sparkasse", "planned", False, True),
    ]
    assert rows[1].valid_from == (TODAY + timedelta(days=3)).isoformat()
    assert list_sponsors(db, admin, here, TODAY + timedelta(days=30)).rows[1].state == "ended"
    assert _actions(db) == ["add_sponsor", "add_sponsor"]


@pytest.mark.parametrize(
    ("values", "key"),
    [
        (SponsorInput("Bank", "www.bank.de"), "masterdata.url_invalid"),
        (SponsorInput("Bank", "javascript:alert(1)"), "masterdata.url_invalid"),
        (SponsorInput("Bank", ""), "masterdata.url_required"),
        (SponsorInput("Bank", "https://b.de/" + "x" * 500), "masterdata.url_too_long"),
        (SponsorInput("", "https://bank.de"), "masterdata.name_too_short"),
        (SponsorInput("Bank", "https://bank.de", "32.13.2026"), "masterdata.date_invalid"),
        (
            SponsorInput("Bank", "https://bank.de", "2026-06-02", "2026-06-01"),
            "masterdata.period_end_before_start",
        ),
    ],
)
def test_bad_sponsor_input_is_refused(db: Session, w: dict, values: SponsorInput, key: str) -> None:
    with pytest.raises(InvalidInput) as err:
        add_sponsor(db, w["actor"], w["here"].id, values)
    assert err.value.key == key
    assert db.exec(select(Sponsor)).all() == []
    assert _actions(db) == []


def test_a_sponsor_is_changed_without_half_saving(db: Session, w: dict) -> None:
    admin, here = w["actor"], w["here"].id
    sponsor_id = add_sponsor(db, admin, here, SponsorInput("Volksbank", "https://vb.example/"))
    with pytest.raises(InvalidInput):
        update_sponsor(db, admin, here, sponsor_id, SponsorInput("Neuer Name", "ftp://x"))
    assert db.get(Sponsor, sponsor_id).name == "Volksbank"  # type: ignore[union-attr]
    one_day = TODAY.isoformat()
    update_sponsor(
        db, admin, here, sponsor_id, SponsorInput("VB", "https://vb.example/", one_day, one_day)
    )
    assert _shown_sponsors(db, w) == ["VB"]
    assert _shown_sponsors(db, w, TODAY + timedelta(days=1)) == []
    delete_sponsor(db, admin, here, sponsor_id)
    assert _shown_sponsors(db, w) == []
    assert _actions(db) == ["add_sponsor", "update_sponsor", "delete_sponsor"]


def test_sponsors_are_reordered(db: Session, w: dict) -> None:
    admin, here = w["actor"], w["here"].id
    a, b, c = (
        add_sponsor(db, admin, here, SponsorInput(n, "https://x.example/"))
        for n in ("Anna", "Bert", "Carl")
    )
    move_sponsor(db, admin, here, c, "up")
    assert _shown_sponsors(db, w) == ["Anna", "Carl", "Bert"]
    move_sponsor(db, admin, here, a, "down")
    assert _shown_sponsors(db, w) == ["Carl", "Anna", "Bert"]
    for sponsor_id, direction in ((c, "up"), (b, "down"), (b, "sideways")):
        with pytest.raises(InvalidInput) as err:
            move_sponsor(db, admin, here, sponsor_id, direction)
        assert err.value.key == "masterdata.cannot_move"
    assert _shown_sponsors(db, w) == ["Carl", "Anna", "Bert"]
    other = f.sponsor(db, w["other"], "Fremd")
    with pytest.raises(NotFound):
        move_sponsor(db, admin, here, other.id, "up")


# --- Info-Box --------------------------------------------------------------------------------


def test_an_info_item_with_an_event_shows_within_its_publish_period(db: Session, w: dict) -> None:
    admin, here = w["actor"], w["here"].id
    event = TODAY + timedelta(days=14)
    add_info_item(
        db,
        admin,
        here,
        InfoItemInput(
            "Ehrenamtstag",
            "Vereine stellen sich vor.",
            "https://www.delbrueck.de/ehrenamt",
            event_date=event.isoformat(),
            publish_until=event.isoformat(),
        ),
    )
    add_info_item(
        db,
        admin,
        here,
        InfoItemInput("Sommerfest", publish_from=(TODAY + timedelta(days=1)).isoformat()),
    )
    [entry] = kommunen.info_box(db, here, TODAY)
    assert (entry.title, entry.body, entry.link_url, entry.event_date) == (
        "Ehrenamtstag",
        "Vereine stellen sich vor.",
        "https://www.delbrueck.de/ehrenamt",
        event.strftime("%d.%m.%Y"),
    )
    assert _shown_info(db, w, TODAY + timedelta(days=1)) == ["Ehrenamtstag", "Sommerfest"]
    assert _shown_info(db, w, event + timedelta(days=1)) == ["Sommerfest"]
    rows = list_info_items(db, admin, here, TODAY).rows
    assert [(r.title, r.state, r.event_label) for r in rows] == [
        ("Ehrenamtstag", "shown", event.strftime("%d.%m.%Y")),
        ("Sommerfest", "planned", ""),
    ]


@pytest.mark.parametrize(
    ("values", "key"),
    [
        (InfoItemInput(""), "masterdata.name_too_short"),
        (InfoItemInput("Titel", link_url="delbrueck.de"), "masterdata.url_invalid"),
        (InfoItemInput("Titel", body="x" * 2001), "masterdata.text_too_long"),
        (InfoItemInput("Titel", event_date="morgen"), "masterdata.date_invalid"),
        (
            InfoItemInput("Titel", publish_from="2026-06-02", publish_until="2026-06-01"),
            "masterdata.period_end_before_start",
        ),
    ],
)
def test_bad_info_items_are_refused(db: Session, w: dict, values: InfoItemInput, key: str) -> None:
    with pytest.raises(InvalidInput) as err:
        add_info_item(db, w["actor"], w["here"].id, values)
    assert err.value.key == key
    assert db.exec(select(InfoItem)).all() == []


def test_info_items_are_changed_reordered_and_deleted(db: Session, w: dict) -> None:
    admin, here = w["actor"], w["here"].id
    first = add_info_item(db, admin, here, InfoItemInput("Sprechstunde"))
    second = add_info_item(db, admin, here, InfoItemInput("Markt"))
    move_info_item(db, admin, here, second, "up")
    assert _shown_info(db, w) == ["Markt", "Sprechstunde"]
    update_info_item(db, admin, here, first, InfoItemInput("Sprechstunde im Rathaus"))
    assert _shown_info(db, w) == ["Markt", "Sprechstunde im Rathaus"]
    delete_info_item(db, admin, here, second)
    assert _shown_info(db, w) == ["Sprechstunde im Rathaus"]
    assert _actions(db) == [
        "add_info_item",
        "add_info_item",
        "move_info_item",
        "update_info_item",
        "delete_info_item",
    ]
