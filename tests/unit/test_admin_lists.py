"""The admin's lists of people and listings: search, filters, sorting, paging, the CSV
export, and that nobody but the Kommune's own admins sees any of it."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime, timedelta
from typing import Any
from urllib.parse import parse_qsl

import pytest
from sqlmodel import Session, select

from admin_portal.routes import listings_query
from admin_portal.routes import parse_listings as parse_listing_filters
from admin_portal.routes import parse_people as parse_people_filters
from dasnez_core.actor import ANONYMOUS
from dasnez_core.errors import InvalidInput, NotAllowed
from dasnez_core.formatting import LOCAL_TIME
from dasnez_core.i18n import text
from dasnez_core.models import AuditEvent, ExchangeType, ListingStatus, Role, UserStatus, utcnow
from dasnez_core.services import csv_export
from dasnez_core.services.csv_export import export_listings, export_people, to_csv
from dasnez_core.services.listings_list import ListingFilters, list_listings
from dasnez_core.services.people_list import PeopleFilters, list_people
from tests import factories as f


@pytest.fixture
def world(db: Session) -> dict[str, Any]:
    here = f.kommune(db)
    other = f.kommune(db, slug="bad-lippspringe", name="Bad Lippspringe")
    boke = f.district(db, here, "Boke")
    hamlet = f.village(db, boke, "Boker Heide")
    west = f.district(db, here, "Westenholz")
    kern = f.district(db, other, "Kernstadt")
    _, garten = f.exchange_with_category(db, here, ExchangeType.TASCHENGELD, "Garten")
    _, vorlesen = f.exchange_with_category(db, here, ExchangeType.ZEITSPENDE, "Vorlesen")
    _, other_cat = f.exchange_with_category(db, other, ExchangeType.TASCHENGELD, "Garten")
    admin = f.user(db, here, "admin@here.example", roles=(Role.KOMMUNE_ADMIN,), name="Amt")
    maria = f.user(db, here, "maria@example.org", area=hamlet, name="Maria Schäfer")
    jonas = f.user(db, here, "jonas@example.org", area=west, name="jonas becker")
    f.user(db, here, "neu@example.org", status=UserStatus.PENDING, area=boke, name="Zoe Neu")
    other_admin = f.user(db, other, "admin@other.example", roles=(Role.KOMMUNE_ADMIN,))
    anna = f.user(db, other, "anna@example.org", area=kern, name="Anna Fremd")
    day = datetime(2026, 1, 10, 12, tzinfo=UTC)
    f.listing_with(db, maria, garten, title="Rasen mähen", area=hamlet, created_at=day)
    f.listing_with(
        db,
        jonas,
        garten,
        title="Hecke schneiden",
        kind="request",
        area=west,
        created_at=day + timedelta(days=10),
    )
    f.listing_with(
        db,
        maria,
        vorlesen,
        title="Vorlesen am Abend",
        area=boke,
        created_at=day - timedelta(days=40),
        expires_at=day - timedelta(days=5),
    )
    f.listing_with(db, jonas, vorlesen, title="Gelöscht", status="deleted")
    f.listing_with(db, anna, other_cat, title="Rasen im Kurpark", area=kern)
    return {
        "here": here,
        "other": other,
        "boke": boke,
        "hamlet": hamlet,
        "west": west,
        "kern": kern,
        "garten": garten,
        "vorlesen": vorlesen,
        "other_cat": other_cat,
        "maria": maria,
        "admin": f.actor(db, admin),
        "other_admin": f.actor(db, other_admin),
        "citizen": f.actor(db, maria),
    }


def _people(db: Session, w: dict[str, Any], **filters: Any) -> list[str]:
    page = list_people(db, w["admin"], w["here"].id, PeopleFilters(**filters))
    return [r.display_name for r in page.rows]


def _titles(db: Session, w: dict[str, Any], **filters: Any) -> list[str]:
    page = list_listings(db, w["admin"], w["here"].id, ListingFilters(**filters))
    return [r.title for r in page.rows]


# --- people ----------------------------------------------------------------------------------


def test_people_of_this_kommune_only_sorted_by_name(db: Session, world: dict[str, Any]) -> None:
    assert _people(db, world) == ["Amt", "jonas becker", "Maria Schäfer", "Zoe Neu"]
    row = list_people(db, world["admin"], world["here"].id, PeopleFilters(q="maria")).rows[0]
    assert (row.email, row.status_label, row.area) == (
        "maria@example.org",
        "Freigeschaltet",
        "Boke › Boker Heide",
    )
    assert row.registered_on == utcnow().astimezone(LOCAL_TIME).strftime("%d.%m.%Y")


def test_people_search_filter_and_sort(db: Session, world: dict[str, Any]) -> None:
    assert _people(db, world, q="MARIA") == ["Maria Schäfer"]
    assert _people(db, world, q="jonas@") == ["jonas becker"]
    assert _people(db, world, q="Anna") == []  # another Kommune's person
    assert _people(db, world, q="%") == []  # a wildcard is searched as a character
    assert _people(db, world, status="pending") == ["Zoe Neu"]
    assert _people(db, world, district=world["boke"].id) == ["Maria Schäfer", "Zoe Neu"]
    assert _people(db, world, district=world["hamlet"].id) == ["Maria Schäfer"]
    assert _people(db, world, sort="newest")[0] == "Zoe Neu"
    assert _people(db, world, sort="oldest")[0] == "Amt"
    # Another Kommune's district is dropped, not applied.
    page = list_people(
        db, world["admin"], world["here"].id, PeopleFilters(district=world["kern"].id)
    )
    assert page.total == 4 and page.filters.district is None


def test_people_are_paged_fifty_at_a_time(db: Session, world: dict[str, Any]) -> None:
    for i in range(56):
        f.user(db, world["here"], f"p{i:02d}@example.org", name=f"Person {i:02d}")
    first = list_people(db, world["admin"], world["here"].id, PeopleFilters())
    second = list_people(db, world["admin"], world["here"].id, PeopleFilters(page=2))
    assert (len(first.rows), len(second.rows), first.total, first.pages) == (50, 10, 60, 2)
    assert not {r.user_id for r in first.rows} & {r.user_id for r in second.rows}
    beyond = list_people(db, world["admin"], world["here"].id, PeopleFilters(page=9))
    assert beyond.page == 2 and beyond.filters.page == 2


# --- listings --------------------------------------------------------------------------------


def test_listings_of_this_kommune_with_filters(db: Session, world: dict[str, Any]) -> None:
    assert _titles(db, world) == ["Hecke schneiden", "Rasen mähen", "Vorlesen am Abend"]
    assert _titles(db, world, q="rasen") == ["Rasen mähen"]
    assert _titles(db, world, status="expired") == ["Vorlesen am Abend"]
    assert _titles(db, world, status="published") == ["Hecke schneiden", "Rasen mähen"]
    assert _titles(db, world, status="deleted") == ["Gelöscht"]
    assert _titles(db, world, exchange="zeitspende") == ["Vorlesen am Abend"]
    assert _titles(db, world, exchange="tausch") == []  # the Kommune has none
    assert _titles(db, world, kind="request") == ["Hecke schneiden"]
    assert _titles(db, world, category=world["garten"].id) == ["Hecke schneiden", "Rasen mähen"]
    assert _titles(db, world, district=world["boke"].id) == ["Rasen mähen", "Vorlesen am Abend"]
    assert _titles(db, world, district=world["hamlet"].id) == ["Rasen mähen"]
    assert _titles(db, world, date_from=date(2026, 1, 10), date_to=date(2026, 1, 10)) == [
        "Rasen mähen"
    ]
    assert _titles(db, world, sort="title") == [
        "Hecke schneiden",
        "Rasen mähen",
        "Vorlesen am Abend",
    ]
    assert _titles(db, world, sort="oldest")[0] == "Vorlesen am Abend"
    row = list_listings(db, world["admin"], world["here"].id, ListingFilters(q="Vorlesen")).rows[0]
    assert (row.exchange, row.kind, row.category, row.status_label, row.area, row.author) == (
        "Zeitspende",
        "Angebot",
        "Vorlesen",
        "Abgelaufen",
        "Boke",
        "Maria Schäfer",
    )
    assert (row.created_on, row.expires_on) == ("01.12.2025", "05.01.2026")


def test_another_kommunes_ids_in_the_filters_are_dropped(
    db: Session, world: dict[str, Any]
) -> None:
    page = list_listings(
        db,
        world["admin"],
        world["here"].id,
        ListingFilters(category=world["other_cat"].id, district=world["kern"].id),
    )
    assert page.total == 3 and "Rasen im Kurpark" not in [r.title for r in page.rows]
    assert (page.filters.category, page.filters.district) == (None, None)


def test_a_reversed_date_range_is_refused(db: Session, world: dict[str, Any]) -> None:
    for call in (list_listings, export_listings):
        with pytest.raises(InvalidInput) as err:
            call(
                db,
                world["admin"],
                world["here"].id,
                ListingFilters(date_from=date(2026, 2, 1), date_to=date(2026, 1, 1)),
            )
        assert err.value.key == "adminlist.range_reversed"


def test_url_parameters_round_trip_and_nonsense_is_dropped() -> None:
    filters = ListingFilters(
        q="Rasen & Hecke",
        status="published",
        district=3,
        exchange="taschengeld",
        kind="offer",
        category=9,
        date_from=date(2026, 1, 1),
        date_to=date(2026, 1, 31),
        sort="title",
        page=2,
    )
    assert parse_listing_filters(dict(parse_qsl(listings_query(filters)))) == filters
    assert (
        parse_listing_filters(
            {"status": "weg", "boerse": "casino", "art": "x", "kategorie": "1e9", "seite": "-2"}
        )
        == ListingFilters()
    )
    assert parse_people_filters({"status": "approved", "sortierung": "newest"}) == PeopleFilters(
        status="approved", sort="newest"
    )
    assert parse_people_filters({"status": "admin", "ortsteil": "abc"}) == PeopleFilters()


# --- CSV -------------------------------------------------------------------------------------


def _rows(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")  # the BOM German Excel needs to read UTF-8
    return list(csv.reader(io.StringIO(data[3:].decode("utf-8"), newline=""), delimiter=";"))


def test_csv_format_for_german_excel() -> None:
    data = to_csv(
        ["Name", "Ortsteil"],
        [
            ("Jürgen Größe", "Bökendorf"),
            ('Er sagt "hallo"; dann geht er', "Zeile 1\nZeile 2"),
            ('=HYPERLINK("http://x")', "-5"),
        ],
    )
    assert data.startswith(b"\xef\xbb\xbfName;Ortsteil\r\n")
    assert "Jürgen Größe;Bökendorf\r\n".encode() in data
    assert b'"Er sagt ""hallo""; dann geht er";"Zeile 1\nZeile 2"\r\n' in data
    assert _rows(data) == [
        ["Name", "Ortsteil"],
        ["Jürgen Größe", "Bökendorf"],
        ['Er sagt "hallo"; dann geht er', "Zeile 1\nZeile 2"],
        # A cell that would run as a formula is kept as text.
        ['\'=HYPERLINK("http://x")', "'-5"],
    ]


def test_people_export_holds_every_page_of_the_filtered_list(
    db: Session, world: dict[str, Any]
) -> None:
    for i in range(55):
        f.user(db, world["here"], f"b{i:02d}@example.org", area=world["west"], name=f"Bö {i:02d}")
    result = export_people(
        db, world["admin"], world["here"].id, PeopleFilters(district=world["west"].id, page=2)
    )
    rows = _rows(result.data)
    assert rows[0] == [
        "Name",
        "E-Mail",
        "Status",
        "Ortsteil",
        "Registriert am",
        "Freigeschaltet am",
    ]
    assert len(rows) == 1 + 56 and result.rows == 56 and not result.truncated
    assert rows[1][:4] == ["Bö 00", "b00@example.org", "Freigeschaltet", "Westenholz"]
    assert "jonas becker" in [r[0] for r in rows]
    assert all(r[0] not in ("Maria Schäfer", "Anna Fremd") for r in rows)
    assert result.filename.startswith("personen-") and result.filename.endswith(".csv")
    [audit] = db.exec(select(AuditEvent).where(AuditEvent.action == "export_people")).all()
    assert audit.kommune_id == world["here"].id and audit.reason.startswith("56 rows")


def test_listings_export_matches_the_list(db: Session, world: dict[str, Any]) -> None:
    f.listing_with(db, world["maria"], world["garten"], title='Zaun "grün"; streichen')
    result = export_listings(
        db, world["admin"], world["here"].id, ListingFilters(exchange="taschengeld")
    )
    rows = _rows(result.data)
    assert rows[0] == [
        "Nr.",
        "Titel",
        "Börse",
        "Art",
        "Kategorie",
        "Status",
        "Ortsteil",
        "Verfasst von",
        "Erstellt am",
        "Läuft bis",
    ]
    assert [r[1] for r in rows[1:]] == ['Zaun "grün"; streichen', "Hecke schneiden", "Rasen mähen"]
    hecke = rows[2]
    assert hecke[2:] == [
        "Taschengeldbörse",
        "Gesuch",
        "Garten",
        "Laufend (veröffentlicht)",
        "Westenholz",
        "jonas becker",
        "20.01.2026",
        hecke[9],
    ]
    assert len(hecke[9]) == 10 and hecke[9][2] == "." and hecke[9][5] == "."


def test_export_stops_at_the_limit_and_says_so(
    db: Session, world: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(csv_export, "EXPORT_MAX", 2)
    result = export_listings(db, world["admin"], world["here"].id, ListingFilters())
    assert (result.rows, result.truncated, len(_rows(result.data))) == (2, True, 3)


def test_status_labels_exist_for_every_status() -> None:
    for status in ListingStatus:
        assert text(f"adminlist.listing_status.{status.value}", "de")
    for user_status in UserStatus:
        assert text(f"adminlist.user_status.{user_status.value}", "en")


# --- the wrong people ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "who", ["anonymous", "citizen", "other_admin", "platform", "pending_admin", "blocked_admin"]
)
def test_nobody_else_reads_or_exports_the_lists(
    db: Session, world: dict[str, Any], who: str
) -> None:
    here_kommune = world["here"]
    make = {
        "anonymous": lambda: ANONYMOUS,
        "citizen": lambda: world["citizen"],
        "other_admin": lambda: world["other_admin"],
        "platform": lambda: f.actor(
            db, f.user(db, here_kommune, "betrieb@example.org", roles=(Role.PLATFORM_ADMIN,))
        ),
        "pending_admin": lambda: f.actor(
            db,
            f.user(
                db,
                here_kommune,
                "wartet@example.org",
                status=UserStatus.PENDING,
                roles=(Role.KOMMUNE_ADMIN,),
            ),
        ),
        "blocked_admin": lambda: f.actor(
            db,
            f.user(
                db,
                here_kommune,
                "gesperrt@example.org",
                status=UserStatus.BLOCKED,
                roles=(Role.KOMMUNE_ADMIN,),
            ),
        ),
    }
    actor = make[who]()
    here = world["here"].id
    for call, filters in (
        (list_people, PeopleFilters()),
        (export_people, PeopleFilters()),
        (list_listings, ListingFilters()),
        (export_listings, ListingFilters()),
    ):
        with pytest.raises(NotAllowed):
            call(db, actor, here, filters)  # type: ignore[operator]
    assert db.exec(select(AuditEvent)).all() == []
