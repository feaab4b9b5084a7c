"""Form errors as a person meets them: every problem at once, each right under its field
and tied to it for screen readers, a summary that links to the fields, and the focus on
the first field in error. On a phone (registration) and in the admin portal (a sponsor).
"""

from __future__ import annotations

import re
from uuid import uuid4

from playwright.sync_api import Browser, Locator, Page, expect
from sqlmodel import col, delete

from dasnez_core.db import session_scope
from dasnez_core.models import Sponsor
from dasnez_core.seed import DEMO_PASSWORD
from tests.e2e.conftest import Apps

PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}


def _shows_error(page: Page, control_id: str, text: str) -> Locator:
    """The control is marked invalid and described by its visible error (text `text`)."""
    control = page.locator(f"#{control_id}")
    error = page.locator(f"#{control_id}-error")
    expect(error).to_be_visible()
    expect(error).to_contain_text(text)
    expect(control).to_have_attribute("aria-invalid", "true")
    expect(control).to_have_attribute(
        "aria-describedby", re.compile(rf"(^|\s){control_id}-error(\s|$)")
    )
    expect(control).to_have_accessible_description(re.compile(re.escape(text)))
    return error


def _is_fine(page: Page, control_id: str) -> None:
    expect(page.locator(f"#{control_id}")).to_have_attribute("aria-invalid", "false")
    expect(page.locator(f"#{control_id}-error")).to_have_count(0)


def _links_of(summary: Locator) -> list[str]:
    """The field ids the summary's links lead to, in order."""
    return [
        str(a.get_attribute("href")).rpartition("#")[2] for a in summary.get_by_role("link").all()
    ]


def test_registration_on_a_phone_names_every_mistake_at_its_field(
    apps: Apps, browser: Browser
) -> None:
    page = browser.new_context(viewport=PHONE).new_page()  # type: ignore[arg-type]
    page.goto(apps.public + "/k/delbrueck/registrieren")
    expect(page.get_by_role("heading", name="Registrieren in Delbrück")).to_be_visible()
    page.get_by_label("Ihr Name (so sehen ihn andere)").fill("Frieda Formfehler")
    page.get_by_label("E-Mail-Adresse").fill("keine-adresse")
    page.get_by_label("Passwort (mindestens 10 Zeichen)").fill("kurz")
    page.get_by_role("button", name="Registrieren").click()

    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Bitte korrigieren Sie die markierten Angaben")
    expect(summary.get_by_role("link")).to_have_count(6)
    assert _links_of(summary) == [
        "email",
        "password",
        "birth_date",
        "area_id",
        "accept_privacy",
        "accept_terms",
    ]
    _shows_error(page, "email", "keine gültige E-Mail-Adresse")
    password_error = _shows_error(page, "password", "mindestens 10 Zeichen")
    # The hint stays described after the error.
    expect(page.locator("#password")).to_have_attribute(
        "aria-describedby", "password-error password-hint"
    )
    _shows_error(page, "birth_date", "Bitte geben Sie Ihr Geburtsdatum an")
    _shows_error(page, "area_id", "Bitte wählen Sie Ihren Ortsteil")
    _shows_error(page, "accept_privacy", "Datenschutzerklärung")
    _shows_error(page, "accept_terms", "Nutzungsbedingungen")
    _is_fine(page, "display_name")
    expect(page.locator("#email")).to_be_focused()
    # Right under its field, and within the phone's width.
    field_box = page.locator("#password").bounding_box()
    error_box = password_error.bounding_box()
    assert field_box is not None and error_box is not None
    assert field_box["y"] + field_box["height"] <= error_box["y"] < field_box["y"] + 120
    assert error_box["x"] + error_box["width"] <= PHONE["width"]
    # A link of the summary takes the person to its field.
    summary.get_by_role("link", name=re.compile("Ortsteil")).click()
    expect(page.locator("#area_id")).to_be_focused()

    # Fixing four fields clears their errors; the focus goes to the first one left.
    page.get_by_label("E-Mail-Adresse").fill(f"formfehler-{uuid4().hex[:10]}@example.org")
    page.get_by_label("Passwort (mindestens 10 Zeichen)").fill("mein Garten ist grün")
    page.get_by_label("Geburtsdatum").fill("1980-02-29")
    page.get_by_label("Ihr Ortsteil").select_option(label="Westenholz")
    page.get_by_role("button", name="Registrieren").click()
    expect(summary.get_by_role("link")).to_have_count(2)
    for fixed in ("email", "password", "birth_date", "area_id"):
        _is_fine(page, fixed)
    _shows_error(page, "accept_privacy", "Datenschutzerklärung")
    expect(page.locator("#accept_privacy")).to_be_focused()

    page.get_by_label(re.compile("Datenschutzerklärung")).check()
    page.get_by_label(re.compile("Nutzungsbedingungen")).check()
    page.get_by_role("button", name="Registrieren").click()
    expect(page.get_by_role("status")).to_contain_text("Bitte sehen Sie in Ihr E-Mail-Postfach")
    expect(page.get_by_role("alert")).to_have_count(0)
    page.context.close()


def test_an_admin_sponsor_form_names_every_mistake_and_saves_nothing(
    apps: Apps, browser: Browser
) -> None:
    page = browser.new_context(viewport=DESKTOP).new_page()  # type: ignore[arg-type]
    page.goto(apps.admin + "/")
    page.get_by_label("E-Mail-Adresse").fill("admin@delbrueck.example")
    page.get_by_label("Passwort").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    expect(page.locator("header").get_by_role("button", name="Abmelden")).to_be_visible()
    page.goto(apps.admin + "/sponsoren")
    add = page.get_by_role("region", name="Neuen Sponsor anlegen")
    add.get_by_label("Name").fill("F")
    add.get_by_label("Internetadresse").fill("ftp://formfehler.example")
    add.get_by_label("Sichtbar ab (freiwillig)").fill("2030-05-10")
    add.get_by_label("Sichtbar bis (freiwillig)").fill("2030-05-01")
    add.get_by_role("button", name="Anlegen").click()

    summary = page.get_by_role("alert")
    expect(summary.get_by_role("link")).to_have_count(3)
    assert _links_of(summary) == ["new_name", "new_url", "new_until"]
    _shows_error(page, "new_name", "mindestens 2 Zeichen")
    _shows_error(page, "new_url", "http:// oder https://")
    _shows_error(page, "new_until", "Das Ende darf nicht vor dem Beginn liegen")
    _is_fine(page, "new_from")
    expect(page.locator("#new_name")).to_be_focused()

    name = f"Formfehler {uuid4().hex[:6]}"
    try:
        add.get_by_label("Name").fill(name)
        add.get_by_label("Internetadresse").fill("https://formfehler.example/")
        add.get_by_label("Sichtbar bis (freiwillig)").fill("2030-06-01")
        add.get_by_role("button", name="Anlegen").click()
        expect(page.get_by_role("status")).to_contain_text("Der Sponsor ist angelegt.")
        expect(page.get_by_role("alert")).to_have_count(0)
        expect(page.locator("[aria-invalid='true']")).to_have_count(0)
    finally:
        with session_scope() as db:  # other tests count Delbrück's sponsors
            db.execute(delete(Sponsor).where(col(Sponsor.name) == name))
        page.context.close()
