"""Double opt-in in Chromium: a registration reaches the Kommune's approval queue only after
the link in the mail is confirmed, and the answer on screen is the same for an address that
already has an account (issue 8, findings 6 and 7)."""

from __future__ import annotations

import re

from playwright.sync_api import Browser, Page, expect
from sqlmodel import select

from dasnez_core.db import session_scope
from dasnez_core.models import PendingRegistration, User, UserStatus
from dasnez_core.seed import DEMO_PASSWORD
from tests.e2e.conftest import Apps
from tests.e2e.mails import confirmation_link, mails_to

PHONE = {"width": 360, "height": 800}
PASSWORD = "Die Wiese hinter dem Haus"
DONE_TITLE = "Bitte sehen Sie in Ihr E-Mail-Postfach"


def _user(email: str) -> User | None:
    with session_scope() as db:
        return db.exec(select(User).where(User.email == email)).first()


def _register(page: Page, apps: Apps, name: str, email: str) -> str:
    """Fill in Delbrück's registration form; returns the answer's text."""
    page.goto(apps.public + "/k/delbrueck/registrieren")
    expect(page.get_by_role("heading", name="Registrieren in Delbrück")).to_be_visible()
    page.get_by_label("Ihr Name (so sehen ihn andere)").fill(name)
    page.get_by_label("E-Mail-Adresse").fill(email)
    page.get_by_label("Passwort (mindestens 10 Zeichen)").fill(PASSWORD)
    page.get_by_label("Geburtsdatum").fill("1970-05-24")
    page.get_by_label("Ihr Ortsteil").select_option(label="Westenholz")
    page.get_by_label(re.compile("Datenschutzerklärung")).check()
    page.get_by_label(re.compile("Nutzungsbedingungen")).check()
    page.get_by_role("button", name="Registrieren").click()
    expect(page.get_by_role("status")).to_contain_text(DONE_TITLE)
    answer = page.get_by_text(re.compile("Wir haben Ihnen eine E-Mail an"))
    expect(answer).to_be_visible()
    return answer.inner_text()


def _admin_queue(page: Page, apps: Apps) -> None:
    page.goto(apps.admin + "/")
    page.get_by_label("E-Mail-Adresse").fill("admin@delbrueck.example")
    page.get_by_label("Passwort").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    expect(page.get_by_role("heading", name=re.compile("Übersicht"))).to_be_visible()
    page.goto(apps.admin + "/freischaltung")
    expect(page.get_by_role("heading", name=re.compile("Freischaltung"))).to_be_visible()
    expect(page.get_by_text("Peter Neumann")).to_be_visible()  # the demo's pending person


def test_register_confirm_by_link_then_the_admin_sees_the_person(
    apps: Apps, browser: Browser
) -> None:
    name, address = "Lena Bestätigt", "lena.optin@example.org"
    page = browser.new_context(viewport=PHONE, locale="de-DE").new_page()
    answer = _register(page, apps, name, address)
    assert address in answer
    # Nothing exists yet that an admin could see or a login could use.
    assert _user(address) is None
    admin = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    _admin_queue(admin, apps)
    expect(admin.get_by_text(name)).to_have_count(0)

    # The mail carries a one-time link and not the name typed on the form.
    [(subject, text)] = mails_to(apps.outbox, address)
    assert "Delbrück" in subject and name not in text
    page.goto(confirmation_link(apps.outbox, address))
    expect(page.get_by_role("heading", name="Registrierung bestätigen")).to_be_visible()
    expect(page.get_by_text(address)).to_be_visible()
    assert _user(address) is None  # opening the link alone confirms nothing
    page.get_by_role("button", name="Registrierung bestätigen").click()
    expect(page.get_by_role("status")).to_contain_text("Ihre E-Mail-Adresse ist bestätigt")
    person = _user(address)
    assert person is not None and person.status == UserStatus.PENDING

    admin.reload()
    expect(admin.get_by_text(name)).to_be_visible()
    # The link works once.
    page.goto(confirmation_link(apps.outbox, address))
    expect(page.get_by_role("alert")).to_contain_text("ungültig oder wurde schon benutzt")
    page.context.close()
    admin.context.close()


def test_an_existing_demo_address_gets_the_same_answer(apps: Apps, browser: Browser) -> None:
    owner = "maria@delbrueck.example"
    before = _user(owner)
    assert before is not None
    page = browser.new_context(viewport=PHONE, locale="de-DE").new_page()
    taken = _register(page, apps, "Jemand Fremdes", owner)
    fresh = _register(page, apps, "Jemand Neues", "noch.niemand@example.org")
    assert taken.replace(owner, "<adresse>") == fresh.replace(
        "noch.niemand@example.org", "<adresse>"
    )
    # The owner is warned (nothing of the stranger's text in it); the account is unchanged.
    subject, text = mails_to(apps.outbox, owner)[-1]
    assert "Registrierung mit Ihrer E-Mail-Adresse" in subject
    assert "Jemand Fremdes" not in text and "registrierung-bestaetigen" not in text
    after = _user(owner)
    assert after is not None
    assert (after.display_name, after.password_hash, after.status, after.kommune_id) == (
        before.display_name,
        before.password_hash,
        before.status,
        before.kommune_id,
    )
    with session_scope() as db:
        waiting = db.exec(select(PendingRegistration.email)).all()
    assert owner not in waiting and "noch.niemand@example.org" in waiting
    page.context.close()
