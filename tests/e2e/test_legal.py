"""Legal texts in the browser (issue 9, part 1): the footer reaches a Kommune's Impressum,
an admin publishes a new privacy notice and a citizen must consent again at the next
login, and neither a person with outdated consent nor a stranger gets round it over the
websocket. Everything happens in a Kommune of its own, so no other test is asked to
consent again."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest
from playwright.sync_api import Browser, Page, expect
from sqlmodel import Session, select

from admin_portal.pages.legal_texts import LegalTextsState
from dasnez_app.pages.account import AccountState
from dasnez_core.actor import Actor
from dasnez_core.db import session_scope
from dasnez_core.models import (
    Area,
    AreaKind,
    ConsentDocument,
    ConsentRecord,
    Kommune,
    LegalKind,
    Role,
    RoleGrant,
    User,
    UserStatus,
    id_of,
)
from dasnez_core.passwords import hash_password
from dasnez_core.seed import DEMO_PASSWORD
from dasnez_core.services import legal
from tests.e2e.conftest import Apps
from tests.e2e.hostile import fresh_token, send_event, tab_of

DESKTOP = {"width": 1280, "height": 900}
SLUG = "rechtsdorf"


@dataclass(frozen=True)
class Place:
    kommune_id: int
    admin_id: int
    area_id: int


def _person(db: Session, kommune_id: int, email: str, name: str, password_hash: str) -> User:
    user = User(
        email=email,
        password_hash=password_hash,
        display_name=name,
        kommune_id=kommune_id,
        status=UserStatus.APPROVED,
    )
    db.add(user)
    db.flush()
    for document in (ConsentDocument.PRIVACY, ConsentDocument.TERMS):
        db.add(
            ConsentRecord(
                user_id=id_of(user), kommune_id=kommune_id, document=document, version="1"
            )
        )
    return user


@pytest.fixture(scope="module")
def place(apps: Apps) -> Place:
    password_hash = hash_password(DEMO_PASSWORD)
    with session_scope() as db:
        kommune = Kommune(
            slug=SLUG,
            name="Rechtsdorf",
            contact_name="Bürgerbüro Rechtsdorf",
            contact_address="Am Markt 1, 33999 Rechtsdorf",
            contact_email="buergerbuero@rechtsdorf.example",
            contact_phone="05250 1234",
        )
        db.add(kommune)
        db.flush()
        kommune_id = id_of(kommune)
        area = Area(kommune_id=kommune_id, kind=AreaKind.DISTRICT, name="Mitte")
        db.add(area)
        admin = _person(db, kommune_id, "admin@rechtsdorf.example", "Anna Amt", password_hash)
        db.add(RoleGrant(user_id=id_of(admin), role=Role.KOMMUNE_ADMIN, kommune_id=kommune_id))
        for email, name in (
            ("clara@rechtsdorf.example", "Clara Citoyen"),
            ("dora@rechtsdorf.example", "Dora Dorf"),
        ):
            _person(db, kommune_id, email, name, password_hash)
        db.flush()
        return Place(kommune_id, id_of(admin), id_of(area))


def _login_public(page: Page, apps: Apps, email: str) -> None:
    page.goto(apps.public + "/anmelden")
    page.get_by_label("E-Mail-Adresse").fill(email)
    page.get_by_label("Passwort").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Anmelden").click()


def _consents(email: str) -> list[tuple[str, str]]:
    with session_scope() as db:
        user = db.exec(select(User).where(User.email == email)).one()
        rows = db.exec(select(ConsentRecord).where(ConsentRecord.user_id == user.id)).all()
        return sorted((r.document, r.version) for r in rows)


def test_the_footer_reaches_the_impressum_and_leichte_sprache(
    apps: Apps, page: Page, place: Place
) -> None:
    page.goto(f"{apps.public}/k/{SLUG}")
    expect(page.get_by_role("heading", name="Rechtsdorf", level=1)).to_be_visible()
    footer = page.locator("footer")
    footer.get_by_role("link", name="Impressum").click()
    page.wait_for_url(re.compile(rf"/k/{SLUG}/impressum/?$"))
    expect(page.get_by_role("heading", name="Impressum – Rechtsdorf", level=1)).to_be_visible()
    expect(page.get_by_text("Am Markt 1, 33999 Rechtsdorf").first).to_be_visible()
    # What the admin must still fill in is visible as such.
    expect(page.locator("mark").first).to_contain_text("[Bitte ergänzen:")

    # The start page links Leichte Sprache near the top.
    page.goto(f"{apps.public}/k/{SLUG}")
    page.locator("main").get_by_role("link", name="Leichte Sprache").click()
    expect(page.get_by_role("heading", name="Was ist diese Seite?")).to_be_visible()
    expect(page.get_by_text("Die Seite gehört zu: Rechtsdorf.")).to_be_visible()

    # Outside a Kommune the footer names the platform's texts.
    page.goto(apps.public + "/")
    page.locator("footer").get_by_role("link", name="Datenschutzerklärung").click()
    page.wait_for_url(re.compile(r"/datenschutz/?$"))
    expect(page.get_by_role("heading", name="Datenschutzerklärung", level=1)).to_be_visible()


def test_a_new_privacy_notice_asks_the_citizen_to_consent_again(
    apps: Apps, browser: Browser, place: Place
) -> None:
    admin = browser.new_context(viewport=DESKTOP).new_page()  # type: ignore[arg-type]
    admin.goto(apps.admin + "/")
    admin.get_by_label("E-Mail-Adresse").fill("admin@rechtsdorf.example")
    admin.get_by_label("Passwort").fill(DEMO_PASSWORD)
    admin.get_by_role("button", name="Anmelden").click()
    admin.wait_for_url(re.compile(r"/(uebersicht|freischaltung)/?$"))
    admin.locator("header").get_by_role("link", name="Rechtstexte").click()
    admin.get_by_role("button", name="Datenschutzerklärung").click()
    expect(
        admin.get_by_text("müssen alle Mitglieder Ihrer Kommune erneut zustimmen")
    ).to_be_visible()
    editor = admin.get_by_label("Text der neuen Version")
    expect(editor).to_contain_text("Bürgerbüro Rechtsdorf")
    editor.fill(
        "## Datenschutz in Rechtsdorf\nWir speichern nur, was die Nachbarschaftshilfe braucht."
    )
    admin.get_by_role("button", name="Neue Version veröffentlichen").click()
    expect(admin.get_by_text("Version 2 ist veröffentlicht.")).to_be_visible()
    admin.context.close()

    citizen = browser.new_context(locale="de-DE").new_page()
    _login_public(citizen, apps, "clara@rechtsdorf.example")
    citizen.wait_for_url(re.compile(r"/zustimmung/?$"))
    read = citizen.get_by_role("link", name="Datenschutzerklärung lesen (Version 2)")
    expect(read).to_have_attribute("href", f"/k/{SLUG}/datenschutz?version=2")
    # Not ticked: refused, nothing recorded.
    citizen.get_by_role("button", name="Zustimmen und weiter").click()
    expect(citizen.get_by_text("Bitte stimmen Sie der Datenschutzerklärung zu")).to_be_visible()
    assert ("privacy", "2") not in _consents("clara@rechtsdorf.example")
    citizen.get_by_label(re.compile(r"Datenschutzerklärung \(Version 2\)")).check()
    citizen.get_by_label(re.compile(r"Nutzungsbedingungen \(Version 1\)")).check()
    citizen.get_by_role("button", name="Zustimmen und weiter").click()
    # A route change inside the app (no new document, so no "load" event to wait for).
    expect(citizen).to_have_url(re.compile(rf"/k/{SLUG}/?$"), timeout=30_000)
    expect(citizen.get_by_role("link", name="Neues Angebot oder Gesuch")).to_be_visible()
    assert ("privacy", "2") in _consents("clara@rechtsdorf.example")

    # The exact version stays readable.
    citizen.goto(f"{apps.public}/k/{SLUG}/datenschutz?version=2")
    expect(
        citizen.get_by_text("Wir speichern nur, was die Nachbarschaftshilfe braucht.")
    ).to_be_visible()
    citizen.context.close()


def test_outdated_consent_and_strangers_cannot_act_over_the_websocket(
    apps: Apps, browser: Browser, place: Place
) -> None:
    with session_scope() as db:
        admin = Actor(
            user_id=place.admin_id,
            kommune_id=place.kommune_id,
            status=UserStatus.APPROVED,
            roles=frozenset({Role.KOMMUNE_ADMIN.value}),
            admin_of=frozenset({place.kommune_id}),
        )
        terms_version = legal.publish(
            db, admin, place.kommune_id, LegalKind.TERMS, "## Regeln\nFreundlich bleiben, bitte."
        )

    page = browser.new_context(locale="de-DE").new_page()
    _login_public(page, apps, "dora@rechtsdorf.example")
    page.wait_for_url(re.compile(r"/zustimmung/?$"))
    tab = tab_of(page)
    page.goto("about:blank")
    page.wait_for_timeout(1000)
    form = {
        "display_name": "Übernommen",
        "area_id": str(place.area_id),
        "profile_visibility": "all",
    }
    save = f"{AccountState.get_full_name()}.save_profile"
    updates = send_event(apps.public, tab, save, {"form": form}, path="/konto", timeout=8)
    assert "Bitte stimmen Sie zuerst der aktuellen Datenschutzerklärung" in str(updates)
    with session_scope() as db:
        dora = db.exec(select(User).where(User.email == "dora@rechtsdorf.example")).one()
        assert dora.display_name == "Dora Dorf"
    page.context.close()

    # Nobody but the Kommune's admin publishes: a stranger's forged event changes nothing.
    publish = f"{LegalTextsState.get_full_name()}.publish"
    body = {"body": "## Gekapert\nDiese Bedingungen hat jemand Fremdes geschrieben."}
    updates = send_event(
        apps.admin, fresh_token(), publish, {"form": body}, path="/rechtstexte", timeout=8
    )
    assert "Gekapert" not in str(updates)
    with session_scope() as db:
        kommune = db.get(Kommune, place.kommune_id)
        assert kommune is not None and kommune.terms_version == str(terms_version)
        assert legal.get_text(db, kommune, LegalKind.TERMS).version == terms_version
