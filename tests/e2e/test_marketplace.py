"""A citizen finds, filters, reads, reports and manages listings — in Chromium at phone size."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect
from sqlmodel import select

from dasnez_app.pages.my_listings import MyListingsState
from dasnez_core.db import session_scope
from dasnez_core.models import Kommune, Listing, ListingReport, SocialSpace, User
from dasnez_core.seed import DEMO_PASSWORD
from dasnez_core.services.moderation import block_user, unblock_user
from dasnez_core.services.search import SearchFilters, search_public
from dasnez_core.services.sessions import actor_for
from tests.e2e.browser import open_menu
from tests.e2e.conftest import Apps
from tests.e2e.hostile import send_event, tab_of


def _login(page: Page, apps: Apps, email: str) -> None:
    page.goto(apps.public + "/anmelden")
    page.get_by_label("E-Mail-Adresse").fill(email)
    page.get_by_label("Passwort").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    expect(page).to_have_url(re.compile(r"/k/"))


def test_find_kommune_by_postcode_and_see_its_start_page(apps: Apps, page: Page) -> None:
    page.goto(apps.public + "/")
    page.get_by_label("Name oder Postleitzahl").fill("33129")
    page.get_by_role("button", name="Suchen").click()
    expect(page.get_by_role("link", name=re.compile("Delbrück"))).to_be_visible()
    expect(page.get_by_role("link", name=re.compile("Bad Lippspringe"))).to_have_count(0)
    page.get_by_role("link", name=re.compile("Delbrück")).click()
    expect(page).to_have_url(apps.public + "/k/delbrueck")
    infobox = page.get_by_role("region", name="Info-Box")
    expect(infobox).to_contain_text("Ehrenamtstag im Stadtpark")
    expect(infobox).to_contain_text(re.compile(r"Termin: \d\d\.\d\d\.\d{4}"))
    expect(page.get_by_role("link", name="Volksbank Delbrück-Hövelhof")).to_be_visible()
    for exchange in ("Taschengeldbörse", "Zeitspende", "Tauschbörse", "Nachbarschaftshilfe"):
        expect(page.get_by_text(exchange, exact=True).first).to_be_visible()
    expect(page.get_by_test_id("listing-card").first).to_be_visible()


def test_filters_combine_and_live_in_the_url(apps: Apps, page: Page) -> None:
    page.goto(apps.public + "/k/delbrueck/eintraege")
    expect(page.get_by_text(re.compile(r"^\d+ Einträge gefunden$"))).to_be_visible()
    # A changed filter shows its results at once (no button to press).
    page.get_by_text("Filter", exact=True).click()
    page.get_by_label("Börse", exact=True).select_option(label="Taschengeldbörse")
    expect(page).to_have_url(re.compile(r"boerse=taschengeld$"))
    page.get_by_label("Angebot oder Gesuch").select_option(label="Angebot")
    expect(page).to_have_url(re.compile(r"boerse=taschengeld&art=offer"))
    # Other tests add listings to the same demo Kommune: compare with the service's answer.
    with session_scope() as db:
        delbrueck = db.exec(select(Kommune).where(Kommune.slug == "delbrueck")).one()
        expected = search_public(
            db, delbrueck.id or 0, SearchFilters(exchange="taschengeld", kind="offer")
        )
    assert expected.total > 0
    count = "1 Eintrag gefunden" if expected.total == 1 else f"{expected.total} Einträge gefunden"
    expect(page.get_by_text(count)).to_be_visible()
    titles = page.get_by_test_id("listing-card").get_by_role("heading")
    expect(titles).to_have_text([c.title for c in expected.cards])
    # The link reopens the same view; nonsense in it is ignored, the rest kept.
    page.goto(page.url + "&kategorie=abc&seite=99")
    expect(page.get_by_text(count)).to_be_visible()
    expect(page.get_by_role("status").filter(has_text="letzte Seite")).to_be_visible()
    page.get_by_text("Filter (2)", exact=True).click()
    expect(page.get_by_label("Börse", exact=True)).to_have_value("taschengeld")
    # District, social space and free text.
    page.goto(apps.public + "/k/delbrueck/eintraege?q=Bohrmaschine")
    expect(titles).to_have_text(["Bohrmaschine zu verleihen"])
    # A word no listing holds (counted first: no page is read), asked for on page 3, and a
    # word beside an exchange that does not hold it: no cards, one message to act on.
    for query in ("q=Zeppelinhangar&seite=3", "q=Bohrmaschine&boerse=taschengeld"):
        page.goto(apps.public + "/k/delbrueck/eintraege?" + query)
        expect(page.get_by_text("Keine Einträge gefunden. Versuchen Sie es mit")).to_be_visible()
        expect(page.get_by_test_id("listing-card")).to_have_count(0)
    page.goto(apps.public + "/k/delbrueck/eintraege")
    page.get_by_text("Filter", exact=True).click()
    page.get_by_label("Sozialraum").select_option(label="Kindergarten St. Marien")
    expect(titles).to_have_text(["Vorlesen im Kindergarten"])


def test_listing_detail_and_report(apps: Apps, page: Page) -> None:
    page.goto(apps.public + "/k/delbrueck/eintraege?q=Bohrmaschine")
    page.get_by_role("link", name="Bohrmaschine zu verleihen").click()
    expect(page.get_by_role("heading", name="Bohrmaschine zu verleihen")).to_be_visible()
    expect(page.get_by_role("link", name="Maria Schneider")).to_be_visible()
    expect(page.get_by_text("Lippling")).to_be_visible()
    expect(page.locator("main")).not_to_contain_text("@")
    page.get_by_role("button", name="Eintrag melden").click()
    page.get_by_label("Grund der Meldung").fill("kurz")
    page.get_by_role("button", name="Meldung absenden").click()
    expect(page.get_by_role("alert")).to_contain_text("mindestens 10 Zeichen")
    page.get_by_label("Grund der Meldung").fill("Das sieht nach gewerblichem Verleih aus.")
    page.get_by_role("button", name="Meldung absenden").click()
    expect(page.get_by_role("status")).to_contain_text("Die Kommune prüft den Eintrag")
    with session_scope() as db:
        report = db.exec(select(ListingReport).order_by(ListingReport.id.desc())).first()  # type: ignore[union-attr]
        assert report is not None and "gewerblich" in report.reason


def test_own_listing_lifecycle(apps: Apps, page: Page) -> None:
    _login(page, apps, "jonas@delbrueck.example")
    page.goto(apps.public + "/k/delbrueck/neu")
    page.get_by_label("Ich biete Hilfe an (Angebot)").check()
    page.get_by_label("Kategorie").select_option(label="Taschengeldbörse – Garten")
    page.get_by_label("Titel").fill("Laub rechen im Herbst")
    page.get_by_label("Beschreibung").fill("Ich reche Ihr Laub, gern auch mehrmals.")
    page.get_by_label("Ortsteil").select_option(label="Boke")
    page.get_by_label(re.compile("Taschengeld pro Stunde")).fill("7,50")
    page.get_by_label("Kindergarten St. Marien").check()
    page.get_by_role("button", name="Als Entwurf speichern").click()
    expect(page.get_by_role("status")).to_contain_text("Entwurf ist gespeichert")
    open_menu(page)
    page.get_by_role("link", name="Meine Einträge").first.click()
    card = page.locator("div.rt-Card").filter(has_text="Laub rechen im Herbst")
    expect(card).to_contain_text("Entwurf")
    card.get_by_role("link", name="Bearbeiten").click()
    expect(page.get_by_label("Titel")).to_have_value("Laub rechen im Herbst")
    expect(page.get_by_label(re.compile("Taschengeld pro Stunde"))).to_have_value("7,50")
    page.get_by_label("Titel").fill("Laub rechen im Herbst und Winter")
    page.get_by_role("button", name="Veröffentlichen").click()
    expect(page.get_by_role("status")).to_contain_text("veröffentlicht")
    page.goto(apps.public + "/k/delbrueck/eintraege?q=Laub")
    expect(page.get_by_role("link", name="Laub rechen im Herbst und Winter")).to_be_visible()
    page.get_by_role("link", name="Laub rechen im Herbst und Winter").click()
    expect(page.get_by_text("7,50 €")).to_be_visible()
    # Its social space shows it, read from the space's links, which follow every change of
    # the listing (migration 0024): renewed it stays, closed it is gone at once.
    with session_scope() as db:
        space = db.exec(
            select(SocialSpace)
            .join(Kommune, Kommune.id == SocialSpace.kommune_id)  # type: ignore[arg-type]
            .where(Kommune.slug == "delbrueck", SocialSpace.name == "Kindergarten St. Marien")
        ).one()
    in_space = f"{apps.public}/k/delbrueck/eintraege?sozialraum={space.id}"
    titles = page.get_by_test_id("listing-card").get_by_role("heading")
    page.goto(in_space)
    expect(titles.filter(has_text="Laub rechen im Herbst und Winter")).to_have_count(1)
    expect(titles.filter(has_text="Vorlesen im Kindergarten")).to_have_count(1)
    page.goto(apps.public + "/meine-eintraege")
    card = page.locator("div.rt-Card").filter(has_text="Laub rechen im Herbst und Winter")
    card.get_by_role("button", name="Verlängern").click()
    expect(page.get_by_role("status")).to_contain_text("verlängert bis")
    page.goto(in_space)
    expect(titles.filter(has_text="Laub rechen im Herbst und Winter")).to_have_count(1)
    page.goto(apps.public + "/meine-eintraege")
    card = page.locator("div.rt-Card").filter(has_text="Laub rechen im Herbst und Winter")
    card.get_by_role("button", name="Schließen").click()
    expect(page.get_by_role("status")).to_contain_text("geschlossen")
    expect(card).to_contain_text("Geschlossen")
    page.goto(apps.public + "/k/delbrueck/eintraege?q=Laub")
    expect(page.get_by_text("0 Einträge gefunden")).to_be_visible()
    page.goto(in_space)
    expect(titles.filter(has_text="Vorlesen im Kindergarten")).to_have_count(1)
    expect(titles.filter(has_text="Laub rechen im Herbst und Winter")).to_have_count(0)
    page.goto(apps.public + "/meine-eintraege")
    card = page.locator("div.rt-Card").filter(has_text="Laub rechen im Herbst und Winter")
    card.get_by_role("button", name="Löschen").click()
    page.get_by_role("alertdialog").get_by_role("button", name="Löschen").click()
    expect(page.get_by_role("status")).to_contain_text("gelöscht")
    expect(page.get_by_text("Laub rechen im Herbst und Winter")).to_have_count(0)


def test_other_kommunes_listing_cannot_be_closed_through_the_handler(
    apps: Apps, page: Page
) -> None:
    _login(page, apps, "maria@delbrueck.example")
    page.goto(apps.public + "/meine-eintraege")
    expect(page.get_by_role("heading", name="Meine Einträge")).to_be_visible()
    with session_scope() as db:
        other = db.exec(select(Kommune).where(Kommune.slug == "bad-lippspringe")).one()
        foreign = db.exec(select(Listing).where(Listing.kommune_id == other.id)).first()
        assert foreign is not None and foreign.status == "published"
    token = tab_of(page)
    page.goto("about:blank")
    page.wait_for_timeout(1000)
    updates = send_event(
        apps.public,
        token,
        f"{MyListingsState.get_full_name()}.close",
        {"listing_id": foreign.id},
        path="/meine-eintraege",
    )
    assert "Diesen Eintrag gibt es nicht (mehr)." in str(updates)
    with session_scope() as db:
        assert db.get(Listing, foreign.id).status == "published"  # type: ignore[union-attr]


def test_blocked_user_cannot_log_in_and_their_listings_vanish(apps: Apps, page: Page) -> None:
    with session_scope() as db:
        admin = db.exec(select(User).where(User.email == "admin@delbrueck.example")).one()
        helga = db.exec(select(User).where(User.email == "helga@delbrueck.example")).one()
        block_user(db, actor_for(db, admin), helga.kommune_id, helga.id or 0, "Test: gesperrt")
    try:
        page.goto(apps.public + "/k/delbrueck/eintraege?q=Regal")
        expect(page.get_by_text("0 Einträge gefunden")).to_be_visible()
        page.goto(apps.public + "/anmelden")
        page.get_by_label("E-Mail-Adresse").fill("helga@delbrueck.example")
        page.get_by_label("Passwort").fill(DEMO_PASSWORD)
        page.get_by_role("button", name="Anmelden").click()
        expect(page.get_by_role("alert")).to_contain_text("Ihr Konto ist gesperrt")
    finally:
        with session_scope() as db:
            admin = db.exec(select(User).where(User.email == "admin@delbrueck.example")).one()
            unblock_user(db, actor_for(db, admin), helga.kommune_id, helga.id or 0, "Test: ok")
