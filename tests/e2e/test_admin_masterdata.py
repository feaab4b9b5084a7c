"""Master data of a Kommune in the admin portal, in Chromium at desktop size, and what the
public app shows of it right after (it reads all of it per request).

Delbrück's admin edits the profile, adds a village that a citizen then uses, merges two
areas, deactivates a category, adds a sponsor and an Info-Box item. Bad Lippspringe's admin
cannot change any of it, also not when the handlers are called straight over the websocket.
The tests add their own areas and categories, so the seeded ones stay as other tests expect.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, timedelta

import pytest
from playwright.sync_api import Browser, Page, expect
from sqlmodel import col, select

from admin_portal.pages.areas import AreasState
from admin_portal.pages.categories import CategoriesState
from admin_portal.pages.infobox import InfoBoxState
from admin_portal.pages.social_spaces import SocialSpacesState
from admin_portal.pages.sponsors import SponsorsState
from dasnez_core.db import session_scope
from dasnez_core.models import (
    Area,
    AreaKind,
    AuditEvent,
    Category,
    Exchange,
    InfoItem,
    Kommune,
    Listing,
    SocialSpace,
    Sponsor,
    User,
    id_of,
)
from dasnez_core.seed import DEMO_PASSWORD
from dasnez_core.services.listings import ListingDraft, create_listing
from dasnez_core.services.sessions import actor_for
from tests.e2e.conftest import Apps
from tests.e2e.hostile import fresh_token, send_event, tab_of

DESKTOP = {"width": 1280, "height": 900}
DELBRUECK_ADMIN = "admin@delbrueck.example"
OTHER_ADMIN = "admin@bad-lippspringe.example"
PLATFORM = "betrieb@dasnez.example"


# --- helpers --------------------------------------------------------------------------------


def _delbrueck_id() -> int:
    with session_scope() as db:
        return id_of(db.exec(select(Kommune).where(Kommune.slug == "delbrueck")).one())


def _admin(browser: Browser, apps: Apps, address: str) -> Page:
    page = browser.new_context(viewport=DESKTOP).new_page()  # type: ignore[arg-type]
    page.goto(apps.admin + "/")
    page.get_by_label("E-Mail-Adresse").fill(address)
    page.get_by_label("Passwort").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    expect(page.locator("header").get_by_role("button", name="Abmelden")).to_be_visible()
    return page


def _citizen(browser: Browser, apps: Apps, address: str) -> Page:
    page = browser.new_context(viewport=DESKTOP).new_page()  # type: ignore[arg-type]
    page.goto(apps.public + "/anmelden")
    page.get_by_label("E-Mail-Adresse").fill(address)
    page.get_by_label("Passwort").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    expect(page.get_by_role("heading", name="Delbrück", level=1)).to_be_visible()
    return page


@pytest.fixture
def delbrueck(browser: Browser, apps: Apps) -> Iterator[Page]:
    page = _admin(browser, apps, DELBRUECK_ADMIN)
    yield page
    page.context.close()


def _district(name: str) -> int:
    """A district of Delbrück made for one test (the seeded ones stay as they are)."""
    with session_scope() as db:
        area = Area(kommune_id=_delbrueck_id(), kind=AreaKind.DISTRICT, name=name)
        db.add(area)
        db.flush()
        return id_of(area)


def _listing_by_maria(title: str, category: str, area_id: int) -> int:
    """A published request of Maria's, made through the listings service."""
    kommune_id = _delbrueck_id()
    with session_scope() as db:
        maria = db.exec(select(User).where(User.email == "maria@delbrueck.example")).one()
        category_id = db.exec(
            select(Category.id).where(Category.kommune_id == kommune_id, Category.name == category)
        ).one()
        return create_listing(
            db,
            actor_for(db, maria),
            kommune_id,
            ListingDraft(
                "request", None, category_id, title, "Wer kann mir dabei helfen?", area_id
            ),
        )


def _audit(action: str) -> list[AuditEvent]:
    with session_scope() as db:
        return list(db.exec(select(AuditEvent).where(AuditEvent.action == action)).all())


# --- profile --------------------------------------------------------------------------------


def test_profile_change_shows_on_the_public_page(apps: Apps, delbrueck: Page) -> None:
    page = delbrueck
    page.get_by_role("link", name="Stammdaten", exact=True).click()
    expect(page.get_by_role("heading", name="Stammdaten der Kommune")).to_be_visible()
    expect(page.get_by_label("Name der Kommune")).to_have_value("Delbrück")
    expect(page.get_by_label("Nachbarschaftshilfe")).to_be_checked()
    before = len(_audit("update_profile"))  # other test files (logos) may have saved already
    page.get_by_label(re.compile("Ansprechperson")).fill("Bürgerbüro Delbrück")
    page.get_by_label(re.compile("Telefon")).fill("05250 996-100")
    page.get_by_label(re.compile("Laufzeit")).fill("400")
    page.get_by_role("button", name="Stammdaten speichern").click()
    expect(page.get_by_role("alert")).to_contain_text("zwischen 7 und 365 Tagen")
    assert len(_audit("update_profile")) == before
    page.get_by_label(re.compile("Laufzeit")).fill("7")
    page.get_by_label(re.compile("Erinnerung")).fill("7")
    page.get_by_role("button", name="Stammdaten speichern").click()
    expect(page.get_by_role("alert")).to_contain_text("weniger Tage vor dem Ende")
    page.get_by_label(re.compile("Laufzeit")).fill("60")
    page.get_by_role("button", name="Stammdaten speichern").click()
    expect(page.get_by_role("status")).to_contain_text("Die Stammdaten sind gespeichert")
    expect(page.get_by_label(re.compile("Telefon"))).to_have_value("05250 996-100")

    visitor = page.context.new_page()
    visitor.goto(apps.public + "/k/delbrueck")
    expect(visitor.get_by_text("Bürgerbüro Delbrück")).to_be_visible()
    expect(visitor.get_by_text("05250 996-100")).to_be_visible()
    *_, event = events = _audit("update_profile")
    assert len(events) == before + 1
    assert event.kommune_id == _delbrueck_id()


# --- districts and villages -------------------------------------------------------------------


def test_add_a_village_and_use_it(apps: Apps, browser: Browser, delbrueck: Page) -> None:
    page = delbrueck
    page.goto(apps.admin + "/ortsteile")
    add = page.get_by_role("region", name="Neuen Ortsteil oder neues Dorf anlegen")
    add.get_by_label("Name").fill("Boker Heide")
    add.get_by_label("Gehört zum Ortsteil").select_option(label="Boke")
    add.get_by_role("button", name="Anlegen").click()
    expect(page.get_by_role("status")).to_contain_text("„Boker Heide“ ist angelegt.")
    expect(page.get_by_role("rowheader", name="Boke › Boker Heide")).to_be_visible()
    add.get_by_label("Name").fill("boker heide")
    add.get_by_label("Gehört zum Ortsteil").select_option(label="Boke")
    add.get_by_role("button", name="Anlegen").click()
    expect(page.get_by_role("alert")).to_contain_text("gibt es an dieser Stelle schon")
    expect(page.get_by_role("rowheader", name=re.compile("Boker Heide"))).to_have_count(1)

    citizen = _citizen(browser, apps, "maria@delbrueck.example")
    citizen.goto(apps.public + "/k/delbrueck/neu")
    citizen.get_by_label("Ich suche Hilfe (Gesuch)").check()
    citizen.get_by_label("Kategorie").select_option(label="Nachbarschaftshilfe – Alltagshilfe")
    citizen.get_by_label("Titel").fill("Briefkasten leeren in der Heide")
    citizen.get_by_label("Beschreibung").fill("Während meiner Kur bitte zweimal pro Woche.")
    citizen.get_by_label("Ortsteil").select_option(label="Boke › Boker Heide")
    citizen.get_by_role("button", name="Veröffentlichen").click()
    expect(citizen.get_by_role("status")).to_contain_text("veröffentlicht")
    citizen.goto(apps.public + "/k/delbrueck")
    card = citizen.get_by_test_id("listing-card").filter(has_text="Briefkasten leeren")
    expect(card).to_contain_text("Boke › Boker Heide")
    citizen.context.close()


def test_merge_two_areas(apps: Apps, delbrueck: Page) -> None:
    source = _district("Ostheide")
    target = _district("Westheide")
    listing_id = _listing_by_maria("Zaun streichen am Feldweg", "Handwerk", source)
    page = delbrueck
    page.goto(apps.admin + "/ortsteile")
    page.get_by_role("button", name="Bearbeiten Ostheide").click()
    edit = page.get_by_role("region", name="„Ostheide“ bearbeiten")
    edit.get_by_role("button", name="Löschen").click()
    expect(page.get_by_role("alert")).to_contain_text("wird noch verwendet (1 Einträge")
    expect(page.get_by_role("alert")).to_contain_text("zusammen")
    edit.get_by_label("Zusammenführen mit").select_option(label="Westheide")
    edit.get_by_role("button", name="Zusammenführen").click()
    expect(page.get_by_role("alert")).to_contain_text("Bitte bestätigen Sie das Zusammenführen")
    edit.get_by_label(re.compile("Ja, zusammenführen")).check()
    edit.get_by_role("button", name="Zusammenführen").click()
    expect(page.get_by_role("status")).to_contain_text("„Ostheide“ ist zusammengeführt")
    expect(page.get_by_role("rowheader", name="Ostheide")).to_have_count(0)
    with session_scope() as db:
        listing = db.get(Listing, listing_id)
        assert listing is not None and (listing.area_id, listing.district_id) == (target, target)
        assert db.get(Area, source) is None

    visitor = page.context.new_page()
    visitor.goto(apps.public + f"/k/delbrueck/eintraege?ort={target}")
    expect(visitor.get_by_role("link", name="Zaun streichen am Feldweg")).to_be_visible()
    expect(visitor.get_by_label("Ortsteil")).to_have_value(str(target))
    expect(visitor.get_by_role("option", name="Ostheide")).to_have_count(0)
    [event] = _audit("merge_area")
    assert event.target_id == target


# --- categories -------------------------------------------------------------------------------


def test_deactivated_category_is_gone_from_the_form_but_its_listing_stays(
    apps: Apps, browser: Browser, delbrueck: Page
) -> None:
    page = delbrueck
    page.goto(apps.admin + "/kategorien")
    add = page.get_by_role("region", name="Neue Kategorie anlegen")
    add.get_by_label("Börse").select_option(label="Nachbarschaftshilfe")
    add.get_by_label("Kategorie").fill("Fensterputzen")
    add.get_by_label("Englischer Name (optional)").fill("Window cleaning")
    add.get_by_role("button", name="Anlegen").click()
    expect(page.get_by_role("status")).to_contain_text("Die Kategorie ist angelegt.")
    expect(page.get_by_role("row").filter(has_text="Fensterputzen")).to_contain_text(
        "Window cleaning"
    )
    listing_id = _listing_by_maria(
        "Fenster im Wintergarten", "Fensterputzen", _district("Nordheide")
    )

    page.get_by_role("button", name="Deaktivieren Fensterputzen").click()
    expect(page.get_by_role("status")).to_contain_text("„Fensterputzen“ ist deaktiviert")
    row = page.get_by_role("row").filter(has_text="Fensterputzen")
    expect(row).to_contain_text("deaktiviert")
    row.get_by_role("button", name="Bearbeiten Fensterputzen").click()
    page.get_by_role("region", name="„Fensterputzen“ bearbeiten").get_by_role(
        "button", name="Löschen"
    ).click()
    expect(page.get_by_role("alert")).to_contain_text("Deaktivieren Sie die Kategorie stattdessen")

    citizen = _citizen(browser, apps, "jonas@delbrueck.example")
    citizen.goto(apps.public + "/k/delbrueck/neu")
    choices = citizen.get_by_label("Kategorie")
    expect(choices.get_by_role("option", name="Nachbarschaftshilfe – Handwerk")).to_have_count(1)
    expect(choices.get_by_role("option", name=re.compile("Fensterputzen"))).to_have_count(0)
    citizen.goto(apps.public + f"/k/delbrueck/eintrag/{listing_id}")
    expect(citizen.get_by_role("heading", name="Fenster im Wintergarten")).to_be_visible()
    expect(citizen.get_by_text("Fensterputzen").first).to_be_visible()
    citizen.context.close()
    assert [e.action for e in _audit("deactivate_category")] == ["deactivate_category"]


# --- sponsors and Info-Box --------------------------------------------------------------------


def test_add_a_sponsor_bad_address_first(apps: Apps, delbrueck: Page) -> None:
    page = delbrueck
    page.goto(apps.admin + "/sponsoren")
    add = page.get_by_role("region", name="Neuen Sponsor anlegen")
    add.get_by_label("Name").fill("Bäckerei Driller")
    add.get_by_label("Internetadresse").fill("www.baeckerei-driller.example")
    add.get_by_role("button", name="Anlegen").click()
    expect(page.get_by_role("alert")).to_contain_text("muss mit http:// oder https:// beginnen")
    with session_scope() as db:
        assert db.exec(select(Sponsor).where(Sponsor.name == "Bäckerei Driller")).all() == []
    add.get_by_label("Internetadresse").fill("https://www.baeckerei-driller.example/")
    add.get_by_role("button", name="Anlegen").click()
    expect(page.get_by_role("status")).to_contain_text("Der Sponsor ist angelegt.")
    row = page.get_by_role("row").filter(has_text="Bäckerei Driller")
    expect(row).to_contain_text("wird angezeigt")
    page.get_by_role("button", name="Nach oben Bäckerei Driller").click()
    expect(page.get_by_role("status")).to_contain_text("Reihenfolge ist gespeichert")
    expect(page.get_by_role("row").nth(1)).to_contain_text("Bäckerei Driller")
    # One that starts tomorrow is not shown yet.
    add = page.get_by_role("region", name="Neuen Sponsor anlegen")
    add.get_by_label("Name").fill("Zukunft GmbH")
    add.get_by_label("Internetadresse").fill("https://zukunft.example/")
    add.get_by_label(re.compile("Sichtbar ab")).fill((date.today() + timedelta(days=1)).isoformat())
    add.get_by_role("button", name="Anlegen").click()
    expect(page.get_by_role("row").filter(has_text="Zukunft GmbH")).to_contain_text(
        "noch nicht sichtbar"
    )

    visitor = page.context.new_page()
    visitor.goto(apps.public + "/k/delbrueck")
    link = visitor.get_by_role("link", name="Bäckerei Driller")
    expect(link).to_have_attribute("href", "https://www.baeckerei-driller.example/")
    expect(visitor.get_by_role("link", name="Volksbank Delbrück-Hövelhof")).to_be_visible()
    expect(visitor.get_by_role("link", name="Zukunft GmbH")).to_have_count(0)


def test_add_an_info_box_item_with_an_event_date(apps: Apps, delbrueck: Page) -> None:
    event = date.today() + timedelta(days=10)
    page = delbrueck
    page.goto(apps.admin + "/info-box")
    add = page.get_by_role("region", name="Neuen Eintrag für die Info-Box")
    add.get_by_label("Überschrift").fill("Repair-Café im Bürgerhaus")
    add.get_by_label(re.compile("^Text")).fill("Wir reparieren gemeinsam, was kaputt ist.")
    add.get_by_label(re.compile("^Link")).fill("https://repaircafe.example/delbrueck")
    add.get_by_label(re.compile("^Termin")).fill(event.isoformat())
    add.get_by_label(re.compile("Anzeigen ab")).fill(event.isoformat())
    add.get_by_label(re.compile("Anzeigen bis")).fill(date.today().isoformat())
    add.get_by_role("button", name="Anlegen").click()
    expect(page.get_by_role("alert")).to_contain_text("Das Ende darf nicht vor dem Beginn liegen.")
    add.get_by_label(re.compile("Anzeigen ab")).fill("")
    add.get_by_label(re.compile("Anzeigen bis")).fill(event.isoformat())
    add.get_by_role("button", name="Anlegen").click()
    expect(page.get_by_role("status")).to_contain_text("in der Info-Box angelegt")

    visitor = page.context.new_page()
    visitor.goto(apps.public + "/k/delbrueck")
    infobox = visitor.get_by_role("region", name="Info-Box")
    expect(infobox).to_contain_text("Repair-Café im Bürgerhaus")
    expect(infobox).to_contain_text(f"Termin: {event.strftime('%d.%m.%Y')}")
    expect(infobox.get_by_role("link", name="https://repaircafe.example/delbrueck")).to_be_visible()


# --- the other Kommune --------------------------------------------------------------------------


def test_other_kommunes_admin_changes_nothing_over_the_websocket(
    apps: Apps, browser: Browser
) -> None:
    kommune_id = _delbrueck_id()
    with session_scope() as db:
        boke = db.exec(select(Area).where(Area.kommune_id == kommune_id, Area.name == "Boke")).one()
        hagen = db.exec(
            select(Area).where(Area.kommune_id == kommune_id, Area.name == "Hagen")
        ).one()
        garden = db.exec(
            select(Category)
            .join(Exchange, col(Exchange.id) == Category.exchange_id)
            .where(Category.kommune_id == kommune_id, Category.name == "Garten")
        ).one()
        bank = db.exec(select(Sponsor).where(Sponsor.kommune_id == kommune_id)).first()
        school = db.exec(select(SocialSpace).where(SocialSpace.name == "Gymnasium Delbrück")).one()
        info = db.exec(
            select(InfoItem)
            .where(InfoItem.kommune_id == kommune_id)
            .order_by(col(InfoItem.position), col(InfoItem.id))
        ).first()
        assert bank is not None and info is not None
        ids = (id_of(boke), id_of(hagen), id_of(garden), id_of(bank), id_of(school), id_of(info))
    boke_id, hagen_id, garden_id, bank_id, school_id, info_id = ids
    info_position = info.position
    events_before = len(_audit("merge_area")), len(_audit("deactivate_category"))

    page = _admin(browser, apps, OTHER_ADMIN)
    page.goto(apps.admin + "/ortsteile")
    expect(page.get_by_role("rowheader", name="Kernstadt")).to_be_visible()
    expect(page.get_by_role("rowheader", name="Boke")).to_have_count(0)
    token = tab_of(page)
    page.goto("about:blank")
    page.wait_for_timeout(1000)

    merge = f"{AreasState.get_full_name()}.merge"
    form = {"area_id": str(hagen_id), "merge_target": str(boke_id), "merge_confirm": "on"}
    updates = send_event(apps.admin, token, merge, {"form": form}, path="/ortsteile")
    assert "Dieser Ortsteil wurde nicht gefunden." in str(updates)
    delete = f"{AreasState.get_full_name()}.delete"
    updates = send_event(apps.admin, token, delete, {"area_id": hagen_id}, path="/ortsteile")
    assert "Dieser Ortsteil wurde nicht gefunden." in str(updates)
    deactivate = f"{CategoriesState.get_full_name()}.deactivate"
    updates = send_event(
        apps.admin, token, deactivate, {"category_id": garden_id}, path="/kategorien"
    )
    assert "Diese Kategorie wurde nicht gefunden." in str(updates)
    remove = f"{SponsorsState.get_full_name()}.delete"
    updates = send_event(apps.admin, token, remove, {"sponsor_id": bank_id}, path="/sponsoren")
    assert "Dieser Sponsor wurde nicht gefunden." in str(updates)
    space_form = {"space_id": str(school_id), "edit_kind": "club", "edit_name": "Übernommen"}
    updates = send_event(
        apps.admin,
        token,
        f"{SocialSpacesState.get_full_name()}.save",
        {"form": space_form},
        path="/sozialraeume",
    )
    assert "Dieser Sozialraum wurde nicht gefunden." in str(updates)
    updates = send_event(
        apps.admin,
        token,
        f"{InfoBoxState.get_full_name()}.move",
        {"item_id": info_id, "direction": "down"},
        path="/info-box",
    )
    assert "Dieser Eintrag der Info-Box wurde nicht gefunden." in str(updates)
    # Anonymous and platform staff are refused before any lookup.
    updates = send_event(apps.admin, fresh_token(), merge, {"form": form}, path="/ortsteile")
    assert "Dazu sind Sie nicht berechtigt." in str(updates)
    page.context.close()
    staff = _admin(browser, apps, PLATFORM)
    staff_token = tab_of(staff)
    staff.goto("about:blank")
    staff.wait_for_timeout(1000)
    updates = send_event(
        apps.admin, staff_token, deactivate, {"category_id": garden_id}, path="/kategorien"
    )
    assert "Dazu sind Sie nicht berechtigt." in str(updates)
    staff.context.close()

    with session_scope() as db:
        assert db.get(Area, hagen_id) is not None
        assert db.get(Category, garden_id).active  # type: ignore[union-attr]
        assert db.get(Sponsor, bank_id) is not None
        assert db.get(SocialSpace, school_id).name == "Gymnasium Delbrück"  # type: ignore[union-attr]
        assert db.get(InfoItem, info_id).position == info_position  # type: ignore[union-attr]
    assert (len(_audit("merge_area")), len(_audit("deactivate_category"))) == events_before
