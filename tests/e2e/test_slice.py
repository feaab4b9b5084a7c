"""The foundation slice in Chromium: register → confirm the address → approve in the
portal → post → public.

The second Kommune's admin sees nothing of it and cannot approve, also not when the
approval handler is called directly over the websocket.
"""

from __future__ import annotations

import re

from playwright.sync_api import Browser, Page, expect
from sqlmodel import select

from admin_portal.pages.approvals import ApprovalState
from dasnez_core.db import session_scope
from dasnez_core.models import AuditEvent, Listing, User, UserStatus
from dasnez_core.seed import DEMO_PASSWORD
from tests.e2e.conftest import Apps
from tests.e2e.hostile import fresh_token, send_event, tab_of
from tests.e2e.mails import confirmation_link

NEWCOMER = "Erika Musterfrau"
NEWCOMER_EMAIL = "erika@example.org"
NEWCOMER_PASSWORD = "Mein Apfelbaum blüht im Mai"
TITLE = "Fahrradreparatur für Nachbarn"


def _user(email: str) -> User | None:
    with session_scope() as db:
        return db.exec(select(User).where(User.email == email)).first()


def _admin_login(page: Page, apps: Apps, email: str) -> None:
    page.goto(apps.admin + "/")
    page.get_by_label("E-Mail-Adresse").fill(email)
    page.get_by_label("Passwort").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Anmelden").click()


def _session_token(page: Page) -> str:
    # The tab token with the tab's cookies: the session lives in the HttpOnly cookie.
    return tab_of(page)


def test_register_approve_post_and_see_it_public(apps: Apps, browser: Browser) -> None:
    # 1. A newcomer opens the Kommune's page and registers.
    newcomer = browser.new_context(viewport={"width": 390, "height": 844})
    page = newcomer.new_page()
    page.goto(apps.public + "/k/delbrueck")
    expect(page.get_by_role("heading", name="Delbrück", level=1)).to_be_visible()
    page.get_by_role("link", name="Registrieren", exact=True).click()
    expect(page.get_by_role("heading", name="Registrieren in Delbrück")).to_be_visible()
    page.get_by_label("Ihr Name (so sehen ihn andere)").fill(NEWCOMER)
    page.get_by_label("E-Mail-Adresse").fill(NEWCOMER_EMAIL)
    page.get_by_label("Passwort (mindestens 10 Zeichen)").fill("passwort123")
    page.get_by_label("Geburtsdatum").fill("1970-05-24")
    page.get_by_label("Ihr Ortsteil").select_option(label="Westenholz")
    page.get_by_label(re.compile("Datenschutzerklärung")).check()
    page.get_by_label(re.compile("Nutzungsbedingungen")).check()
    page.get_by_role("button", name="Registrieren").click()
    expect(page.get_by_role("alert")).to_contain_text("zu bekannt")
    assert _user(NEWCOMER_EMAIL) is None
    page.get_by_label("Passwort (mindestens 10 Zeichen)").fill(NEWCOMER_PASSWORD)
    page.get_by_role("button", name="Registrieren").click()
    # Double opt-in: no account until the link in the mail is opened and confirmed.
    expect(page.get_by_text("Bitte sehen Sie in Ihr E-Mail-Postfach")).to_be_visible()
    expect(page.get_by_text(re.compile(f"eine E-Mail an {NEWCOMER_EMAIL}"))).to_be_visible()
    assert _user(NEWCOMER_EMAIL) is None
    page.goto(confirmation_link(apps.outbox, NEWCOMER_EMAIL))
    page.get_by_role("button", name="Registrierung bestätigen").click()
    expect(page.get_by_role("status")).to_contain_text("Ihre E-Mail-Adresse ist bestätigt")
    person = _user(NEWCOMER_EMAIL)
    assert person is not None and person.status == UserStatus.PENDING

    # 2. The other Kommune's admin sees no trace of the person and cannot approve them.
    other = browser.new_context(viewport={"width": 1280, "height": 900})
    other_page = other.new_page()
    _admin_login(other_page, apps, "admin@bad-lippspringe.example")
    expect(other_page.get_by_role("heading", name=re.compile("Übersicht"))).to_be_visible()
    other_page.get_by_role("link", name="Freischaltung", exact=True).click()
    expect(other_page.get_by_role("heading", name=re.compile("Freischaltung"))).to_be_visible()
    expect(other_page.get_by_text("Karl Brandt")).to_be_visible()
    expect(other_page.get_by_text(NEWCOMER)).to_have_count(0)
    approve = f"{ApprovalState.get_full_name()}.approve"
    # Take over the logged-in admin's state: leave the page so its socket frees the token.
    token = _session_token(other_page)
    other_page.goto("about:blank")
    other_page.wait_for_timeout(1000)
    updates = send_event(apps.admin, token, approve, {"user_id": person.id}, path="/freischaltung")
    assert "Diese Person wurde nicht gefunden." in str(updates)
    # An anonymous connection is refused as well.
    updates = send_event(
        apps.admin, fresh_token(), approve, {"user_id": person.id}, path="/freischaltung"
    )
    assert "Dazu sind Sie nicht berechtigt." in str(updates)
    assert _user(NEWCOMER_EMAIL).status == UserStatus.PENDING  # type: ignore[union-attr]
    with session_scope() as db:
        assert db.exec(select(AuditEvent).where(AuditEvent.target_id == person.id)).all() == []

    # 3. Delbrück's admin approves the person from the queue.
    admin = browser.new_context(viewport={"width": 1280, "height": 900})
    admin_page = admin.new_page()
    _admin_login(admin_page, apps, "admin@delbrueck.example")
    expect(admin_page.get_by_role("heading", name=re.compile("Übersicht"))).to_be_visible()
    admin_page.goto(apps.admin + "/freischaltung")
    expect(admin_page.get_by_text(NEWCOMER)).to_be_visible()
    admin_page.get_by_role("button", name=f"Freischalten {NEWCOMER}").click()
    expect(admin_page.get_by_role("status")).to_contain_text(f"{NEWCOMER} ist freigeschaltet")
    expect(admin_page.get_by_role("cell", name=NEWCOMER)).to_have_count(0)
    assert _user(NEWCOMER_EMAIL).status == UserStatus.APPROVED  # type: ignore[union-attr]

    # 4. The citizen logs in and posts an offer.
    page.goto(apps.public + "/anmelden")
    page.get_by_label("E-Mail-Adresse").fill(NEWCOMER_EMAIL)
    page.get_by_label("Passwort").fill(NEWCOMER_PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    expect(page.get_by_role("heading", name="Delbrück", level=1)).to_be_visible()
    expect(page.locator("header").get_by_text(NEWCOMER)).to_be_visible()
    page.get_by_role("link", name="Neues Angebot oder Gesuch").click()
    page.get_by_label("Ich biete Hilfe an (Angebot)").check()
    page.get_by_label("Kategorie").select_option(label="Nachbarschaftshilfe – Handwerk")
    page.get_by_label("Titel").fill("<b>" + TITLE + "</b>")
    page.get_by_label("Beschreibung").fill("Ich repariere Fahrräder, samstags in Westenholz.")
    page.get_by_label("Ortsteil").select_option(label="Westenholz")
    page.get_by_label("Grundschule Westenholz").check()
    page.get_by_role("button", name="Veröffentlichen").click()
    expect(page.get_by_role("status")).to_contain_text("Ihr Eintrag ist veröffentlicht.")

    # 5. An anonymous visitor sees it on Delbrück's page, markup shown as text; not elsewhere.
    visitor = browser.new_context().new_page()
    visitor.goto(apps.public + "/k/delbrueck")
    card = visitor.get_by_test_id("listing-card").filter(has_text=TITLE).first
    expect(card).to_contain_text("<b>" + TITLE + "</b>")
    expect(card).to_contain_text(NEWCOMER)
    expect(card).not_to_contain_text(NEWCOMER_EMAIL)
    visitor.goto(apps.public + "/k/bad-lippspringe")
    expect(visitor.get_by_role("heading", name="Bad Lippspringe", level=1)).to_be_visible()
    expect(visitor.get_by_text(TITLE)).to_have_count(0)

    # 6. The other admin's queue still shows nothing of Delbrück.
    other_page.goto(apps.admin + "/freischaltung")
    expect(other_page.get_by_text("Karl Brandt")).to_be_visible()
    expect(other_page.get_by_text(NEWCOMER)).to_have_count(0)
    with session_scope() as db:
        listing = db.exec(select(Listing).where(Listing.title.contains(TITLE))).one()  # type: ignore[attr-defined]
        assert listing.author_id == person.id
    for context in (newcomer, other, admin):
        context.close()
